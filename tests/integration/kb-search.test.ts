/**
 * Articles in the server search (#14.6/#14.5) on a real Baton (relay, SQLite FTS5, the indexer
 * fed from document changes), through the real endpoint: an article is found by a word of its
 * body in another Finnish inflection, by its title and tags, and again after it changed; a
 * member of another workspace never finds it (and is refused asking in its name); drafts are
 * the team's, so every role of the workspace finds them; a document that is not an article
 * is not indexed and stops nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addArticleTag,
  createArticle,
  editArticle,
  setArticleStatus
} from '../../src/lib/domain/article.ts';
import { ServerSearchAnswer } from '../../src/lib/contract/search.ts';
import * as searchRoute from '../../src/routes/api/workspaces/[workspace]/search/+server.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { call, registerBaton } from './routes.ts';
import { team, type Team } from './auth-helpers.ts';
import { AINO, WORKSPACE, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

let running: RunningBaton;
let dir: { remove(): void; path: string };
let other: Team;
const ours = 'article-kbsearch-ours';
const theirs = 'article-kbsearch-theirs';
const aino = `${DEV_MEMBER_COOKIE}=${AINO.id}`;

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  return p;
}

function makeArticle(
  id: string,
  workspaceId: string,
  title: string,
  body: string,
  publish: boolean
): void {
  running.baton.docs.change(articleDocName(id), (doc) => {
    createArticle(doc, { id, workspaceId, title, language: 'fi', visibility: 'public' }, AINO, 1);
    doc.getXmlFragment('body').insert(0, [paragraph(body)]);
    if (publish) setArticleStatus(doc, 'published', AINO, 2);
  });
}

async function hits(workspaceId: string, q: string, cookie = aino) {
  const response = await call(searchRoute.GET, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/search?${new URLSearchParams({ q })}`,
    params: { workspace: workspaceId },
    cookie
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ServerSearchAnswer.parse(await response.json()).hits;
}

function status(workspaceId: string, q: string, cookie: string) {
  return call(searchRoute.GET, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/search?${new URLSearchParams({ q })}`,
    params: { workspace: workspaceId },
    cookie
  }).then((r) => r.status);
}

const stored = (workspaceId: string, q: string) =>
  running.baton.search.store.search(workspaceId, q, 20) as { id: string; title: string }[];

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
  registerBaton(running.baton);
  other = team(running.baton);
  makeArticle(
    ours,
    WORKSPACE,
    'Tulostimen nollaus',
    'Tulostimet nollataan näin: paina virtanappia kymmenen sekuntia.',
    true
  );
  makeArticle(
    theirs,
    other.workspaceId,
    'Quokka draft',
    'The wombatsecret procedure is not published yet.',
    false
  );
  await until(
    () =>
      running.baton.search.store.has('article', ours) === true &&
      running.baton.search.store.has('article', theirs) === true,
    'both articles are indexed'
  );
});

afterAll(async () => {
  await running?.stop();
  dir?.remove();
});

describe('articles in the server search', () => {
  it('finds an article by a word of its body in another inflection, and by its title', async () => {
    // The body says "Tulostimet"; "tulostimen" is another form (not a prefix of it).
    expect(await hits(WORKSPACE, 'virtanappia tulostimen')).toEqual([
      expect.objectContaining({ kind: 'article', id: ours, status: 'published' })
    ]);
    expect((await hits(WORKSPACE, 'nollaus')).map((h) => h.id)).toContain(ours);
  });

  it('follows changes: a new title and a tag are found, the old title no more', async () => {
    running.baton.docs.change(articleDocName(ours), (doc) => {
      editArticle(doc, { title: 'Kirjoittimen palautus' }, AINO, 3);
      addArticleTag(doc, 'laitteisto', AINO, 4);
    });
    await until(() => stored(WORKSPACE, 'kirjoittimen').length > 0, 'the new title is indexed');
    expect((await hits(WORKSPACE, 'laitteisto')).map((h) => h.id)).toEqual([ours]);
    expect(await hits(WORKSPACE, 'nollaus')).toEqual([]);
  });

  it("never shows one workspace's articles to another's members", async () => {
    expect(await hits(WORKSPACE, 'wombatsecret')).toEqual([]);
    expect(await status(other.workspaceId, 'wombatsecret', aino)).toBe(403);
    expect(await status(other.workspaceId, 'wombatsecret', other.stranger.cookie)).toBe(403);
    const viewer = other.byRole.get('viewer')!;
    expect(await hits(other.workspaceId, 'tulostimen virtanappia', viewer.cookie)).toEqual([]);
  });

  it('shows drafts to every role of the team (drafts are the team’s)', async () => {
    for (const [role, person] of other.byRole) {
      const found = await hits(other.workspaceId, 'wombatsecret', person.cookie);
      expect(found, role).toEqual([
        expect.objectContaining({ kind: 'article', id: theirs, status: 'draft' })
      ]);
    }
  });

  it('indexes nothing for a document that is not an article, and keeps indexing', async () => {
    const broken = 'article-kbsearch-broken';
    running.baton.docs.change(articleDocName(broken), (doc) => {
      doc.getMap('article').set('title', 'zanzibarnotanarticle');
    });
    makeArticle('article-kbsearch-later', WORKSPACE, 'Later', 'Okapiword here.', true);
    await until(() => stored(WORKSPACE, 'okapiword').length > 0, 'the later article is indexed');
    expect(running.baton.search.store.has('article', broken)).toBe(false);
    expect(await hits(WORKSPACE, 'zanzibarnotanarticle')).toEqual([]);
  });
});
