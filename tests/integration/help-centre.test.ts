/**
 * The public help centre (#14.4) on a real Baton (documents, SQLite, the help module following
 * document changes) through the real routes behind the app's hook: only published public
 * articles of a workspace that opted in are ever served (drafts, internal articles, another
 * workspace's, a disabled help centre: 404), the sitemap lists exactly those, search finds
 * them and is bounded, feedback needs our signed token, is limited per address and per
 * article, and reaches the app's endpoint; slugs are unique; a change to an article reaches
 * the page (the rendered cache is dropped on change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleDocName, indexDocName, settingsDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addArticleTag,
  articleSummary,
  createArticle,
  editArticle,
  setArticleStatus,
  type ArticleLanguage,
  type ArticleVisibility
} from '../../src/lib/domain/article.ts';
import { putArticleSummary } from '../../src/lib/domain/article-list.ts';
import { putSettingsRecord } from '../../src/lib/domain/settings.ts';
import { HELP_CENTRE_ID } from '../../src/lib/domain/help-centre.ts';
import { ArticleFeedback, HelpCentreStatus } from '../../src/lib/contract/help.ts';
import * as helpRoute from '../../src/routes/help/[slug]/[...path]/+server.ts';
import * as robotsRoute from '../../src/routes/robots.txt/+server.ts';
import * as statusRoute from '../../src/routes/api/workspaces/[workspace]/help-centre/+server.ts';
import * as feedbackRoute from '../../src/routes/api/workspaces/[workspace]/help-centre/feedback/[article]/+server.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { call, registerBaton } from './routes.ts';
import { team, type Team } from './auth-helpers.ts';
import { AINO, WORKSPACE, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

let running: RunningBaton;
let dir: { remove(): void; path: string };
let other: Team;
const aino = `${DEV_MEMBER_COOKIE}=${AINO.id}`;
const SLUG = 'demo-help';

const FEEDBACK_PER_ADDRESS = 4;
const FEEDBACK_PER_ARTICLE = 8;
const SEARCHES_PER_ADDRESS = 12;

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  return p;
}

interface Made {
  title: string;
  body: string;
  workspaceId?: string;
  status?: 'draft' | 'published';
  visibility?: ArticleVisibility;
  language?: ArticleLanguage;
  category?: string;
  tags?: string[];
}

/** An article made as the app makes one: its document, its binding, its summary in the index. */
function makeArticle(id: string, made: Made): void {
  const workspaceId = made.workspaceId ?? WORKSPACE;
  const { docs, storage } = running.baton;
  const name = articleDocName(id);
  docs.change(name, (doc) => {
    createArticle(
      doc,
      {
        id,
        workspaceId,
        title: made.title,
        language: made.language ?? 'en',
        visibility: made.visibility ?? 'public',
        category: made.category ?? ''
      },
      AINO,
      1_000
    );
    doc.getXmlFragment('body').insert(0, [paragraph(made.body)]);
    for (const tag of made.tags ?? []) addArticleTag(doc, tag, AINO, 1_500);
    if ((made.status ?? 'published') === 'published')
      setArticleStatus(doc, 'published', AINO, 2_000);
  });
  storage.registerDocument(name, workspaceId, Date.now());
  summarize(id, workspaceId);
}

function summarize(id: string, workspaceId = WORKSPACE): void {
  const summary = running.baton.docs.read(articleDocName(id), articleSummary);
  running.baton.docs.change(indexDocName(workspaceId), (doc) => putArticleSummary(doc, summary!));
}

function setHelpCentre(workspaceId: string, record: Partial<{ enabled: boolean; slug: string }>) {
  running.baton.docs.change(settingsDocName(workspaceId), (doc) => {
    const problem = putSettingsRecord(doc, 'helpCentre', {
      id: HELP_CENTRE_ID,
      enabled: true,
      slug: SLUG,
      name: 'Demo <Help> & Co',
      colour: '#ffee00',
      ...record
    });
    if (problem) throw new Error(problem);
  });
}

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(path, 'http://127.0.0.1');
  const [, , slug = '', ...rest] = url.pathname.split('/');
  const response = await call(helpRoute.GET as never, {
    method: 'GET',
    path: path,
    params: { slug, path: rest.join('/') }
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function post(path: string, form: Record<string, string> | string, contentType?: string) {
  const url = new URL(path, 'http://127.0.0.1');
  const [, , slug = '', ...rest] = url.pathname.split('/');
  const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  const response = await call(helpRoute.POST as never, {
    method: 'POST',
    path,
    params: { slug, path: rest.join('/') },
    raw: { body, contentType: contentType ?? 'application/x-www-form-urlencoded' }
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function tokenOf(html: string): string {
  const match = /name="token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

async function feedbackOf(articleId: string, workspaceId = WORKSPACE, cookie = aino) {
  const response = await call(feedbackRoute.GET as never, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/help-centre/feedback/${articleId}`,
    params: { workspace: workspaceId, article: articleId },
    cookie
  });
  expect(response.status).toBe(200);
  return ArticleFeedback.parse(await response.json());
}

async function statusOf(workspaceId: string, cookie: string) {
  const response = await call(statusRoute.GET as never, {
    method: 'GET',
    path: `/api/workspaces/${workspaceId}/help-centre`,
    params: { workspace: workspaceId },
    cookie
  });
  expect(response.status).toBe(200);
  return HelpCentreStatus.parse(await response.json());
}

const A = {
  published: 'help-art-published',
  draft: 'help-art-draft',
  internal: 'help-art-internal',
  theirs: 'help-art-theirs',
  finnish: 'help-art-finnish',
  hostile: 'help-art-hostile'
};

beforeAll(async () => {
  dir = tempDir();
  running = await startBaton(
    dir.path,
    {},
    {
      helpTokenTimes: { minAgeMs: 0, maxAgeMs: 60 * 60_000 },
      helpLimits: {
        pagesPerAddress: { max: 100_000, windowMs: 60_000 },
        searchesPerAddress: { max: SEARCHES_PER_ADDRESS, windowMs: 60 * 60_000 },
        feedbackPerAddress: { max: FEEDBACK_PER_ADDRESS, windowMs: 60 * 60_000 },
        feedbackPerArticle: { max: FEEDBACK_PER_ARTICLE, windowMs: 60 * 60_000 }
      }
    }
  );
  registerBaton(running.baton);
  other = team(running.baton);
  makeArticle(A.published, {
    title: 'Reset your password',
    body: 'Open the sign-in page and choose zebrafrost to get a reset link.',
    category: 'Accounts',
    tags: ['translation:reset']
  });
  makeArticle(A.finnish, {
    title: 'Salasanan vaihtaminen',
    body: 'Avaa kirjautumissivu ja valitse zebrafrost.',
    language: 'fi',
    category: 'Accounts',
    tags: ['translation:reset']
  });
  makeArticle(A.draft, {
    title: 'Draft plans',
    body: 'The quokkadraft is not out.',
    status: 'draft'
  });
  makeArticle(A.internal, {
    title: 'Internal escalation',
    body: 'Call the wombatinternal line.',
    visibility: 'internal'
  });
  makeArticle(A.theirs, {
    title: 'Their public article',
    body: 'The narwhalother way.',
    workspaceId: other.workspaceId
  });
  makeArticle(A.hostile, {
    title: '<script>alert(1)</script> Hostile',
    body: '<img src=x onerror=alert(1)>'
  });
});

afterAll(async () => {
  await running?.stop();
  dir?.remove();
});

describe('a workspace that has not opted in', () => {
  it('serves nothing: home, articles and sitemap are 404', async () => {
    expect((await get(`/help/${SLUG}`)).status).toBe(404);
    expect((await get(`/help/${SLUG}/articles/${A.published}`)).status).toBe(404);
    expect((await get(`/help/${SLUG}/sitemap.xml`)).status).toBe(404);
  });

  it('is "off" on the settings page', async () => {
    expect(await statusOf(WORKSPACE, aino)).toEqual({ state: 'off', slug: null });
  });
});

describe('the help centre, opted in', () => {
  beforeAll(async () => {
    setHelpCentre(WORKSPACE, {});
    await until(async () => (await get(`/help/${SLUG}`)).status === 200, 'the help centre is live');
  });

  it('shows the published public articles on its home page, with its name escaped', async () => {
    const home = await get(`/help/${SLUG}`);
    expect(home.text).toContain('Reset your password');
    expect(home.text).toContain('Salasanan vaihtaminen');
    expect(home.text).toContain('Demo &lt;Help&gt; &amp; Co');
    expect(home.text).not.toContain('Draft plans');
    expect(home.text).not.toContain('Internal escalation');
    expect(home.text).not.toContain('Their public article');
    expect(home.text).not.toMatch(/<script/i);
    // Its own policy: no script at all, the stylesheet by its hash.
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves a published public article, and 404 for drafts, internal, other workspaces and unknown ids', async () => {
    const page = await get(`/help/${SLUG}/articles/${A.published}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Reset your password</h1>');
    expect(page.text).toContain(
      '<p>Open the sign-in page and choose zebrafrost to get a reset link.</p>'
    );
    for (const id of [A.draft, A.internal, A.theirs, 'help-art-nobody', '..%2F..%2Fetc', 'x']) {
      const refused = await get(`/help/${SLUG}/articles/${id}`);
      expect(refused.status, id).toBe(404);
      expect(refused.text).not.toMatch(/quokkadraft|wombatinternal|narwhalother/);
    }
  });

  it('escapes what article authors wrote', async () => {
    const page = await get(`/help/${SLUG}/articles/${A.hostile}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hostile');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toMatch(/<script|<img src=x/i);
  });

  it('links the article in its other languages (canonical and hreflang)', async () => {
    const page = await get(`/help/${SLUG}/articles/${A.published}`);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain(
      `<link rel="canonical" href="http://127.0.0.1/help/${SLUG}/articles/${A.published}">`
    );
    expect(page.text).toContain(
      `<link rel="alternate" hreflang="fi" href="http://127.0.0.1/help/${SLUG}/articles/${A.finnish}">`
    );
    const finnish = await get(`/help/${SLUG}/articles/${A.finnish}?lang=fi`);
    expect(finnish.text).toContain('<html lang="fi">');
    expect(finnish.text).toContain('Oliko artikkelista apua?');
    const danish = await get(`/help/${SLUG}/articles/${A.published}?lang=da`);
    expect(danish.text).toContain('Var artiklen nyttig?');
  });

  it('lists exactly the published public articles in its sitemap', async () => {
    const sitemap = await get(`/help/${SLUG}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const locs = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]).sort();
    expect(locs).toEqual(
      [
        `http://127.0.0.1/help/${SLUG}`,
        ...[A.published, A.finnish, A.hostile].map(
          (id) => `http://127.0.0.1/help/${SLUG}/articles/${id}`
        )
      ].sort()
    );
    const robots = await get(`/help/${SLUG}/robots.txt`);
    expect(robots.text).toContain(`Sitemap: http://127.0.0.1/help/${SLUG}/sitemap.xml`);
    const site = await call(robotsRoute.GET as never, {
      method: 'GET',
      path: '/robots.txt',
      params: {}
    });
    expect(await site.text()).toBe('User-agent: *\nAllow: /help/\nDisallow: /\n');
  });

  it('shows a category with its articles', async () => {
    const page = await get(`/help/${SLUG}/categories/Accounts`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Reset your password');
    expect(page.text).not.toContain('Hostile');
    expect((await get(`/help/${SLUG}/categories/Nothing%20here`)).status).toBe(404);
  });

  it('finds published public articles by any word, never drafts or internal ones', async () => {
    const found = await get(`/help/${SLUG}/search?q=ZEBRAFROST`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/help/${SLUG}/articles/${A.published}`);
    expect(found.text).toContain(`/help/${SLUG}/articles/${A.finnish}`);
    for (const word of ['quokkadraft', 'wombatinternal', 'narwhalother']) {
      const none = await get(`/help/${SLUG}/search?q=${word}`);
      expect(none.text).not.toContain('/articles/');
    }
    const long = await get(`/help/${SLUG}/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
  });

  it('limits searches per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SEARCHES_PER_ADDRESS + 2; i++) {
      statuses.push((await get(`/help/${SLUG}/search?q=password`)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(SEARCHES_PER_ADDRESS);
  });
});

describe('"Was this helpful?"', () => {
  it('stores a vote with its comment and shows it to the team', async () => {
    const page = await get(`/help/${SLUG}/articles/${A.published}`);
    const answer = await post(`/help/${SLUG}/articles/${A.published}/feedback`, {
      token: tokenOf(page.text),
      answer: 'no',
      comment: 'It does not say <b>where</b> the link goes.',
      website: ''
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(
      `/help/${SLUG}/articles/${A.published}?thanks=1#feedback`
    );
    const thanks = await get(`/help/${SLUG}/articles/${A.published}?thanks=1`);
    expect(thanks.text).toContain('Thank you for your feedback.');
    expect(await feedbackOf(A.published)).toEqual({
      yes: 0,
      no: 1,
      comments: [
        expect.objectContaining({
          helpful: false,
          comment: 'It does not say <b>where</b> the link goes.'
        })
      ]
    });
    // Only the article's own workspace sees it.
    const viewer = other.byRole.get('viewer')!;
    expect((await feedbackOf(A.published, other.workspaceId, viewer.cookie)).no).toBe(0);
  });

  it('refuses a forged token, another article’s token and none, storing nothing', async () => {
    const before = await feedbackOf(A.hostile);
    const otherPage = await get(`/help/${SLUG}/articles/${A.published}`);
    const real = tokenOf((await get(`/help/${SLUG}/articles/${A.hostile}`)).text);
    const forged = real.slice(0, -4) + (real.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of [forged, tokenOf(otherPage.text), '', 'v1.x.y.z', 'a'.repeat(5000)]) {
      const answer = await post(`/help/${SLUG}/articles/${A.hostile}/feedback`, {
        token,
        answer: 'yes',
        comment: 'forged'
      });
      expect(answer.status, token.slice(0, 30)).toBe(403);
      // The page offers a fresh token and keeps what the visitor wrote.
      expect(answer.text).toContain('Please press your answer once more');
      expect(answer.text).toContain('>forged</textarea>');
    }
    expect(await feedbackOf(A.hostile)).toEqual(before);
  });

  it('thanks a robot that fills the honeypot, and stores nothing', async () => {
    const before = await feedbackOf(A.finnish);
    const page = await get(`/help/${SLUG}/articles/${A.finnish}`);
    const answer = await post(`/help/${SLUG}/articles/${A.finnish}/feedback`, {
      token: tokenOf(page.text),
      answer: 'yes',
      comment: 'Buy cheap watches',
      website: 'http://spam.example'
    });
    expect(answer.status).toBe(303);
    expect(await feedbackOf(A.finnish)).toEqual(before);
  });

  it('refuses bad forms with a clear message and stores nothing', async () => {
    const before = await feedbackOf(A.finnish);
    const token = tokenOf((await get(`/help/${SLUG}/articles/${A.finnish}`)).text);
    const path = `/help/${SLUG}/articles/${A.finnish}/feedback`;
    const noAnswer = await post(path, { token, answer: 'maybe' });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.text).toContain('Choose yes or no.');
    const long = await post(path, { token, answer: 'no', comment: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('at most 1000 characters');
    const json = await post(path, JSON.stringify({ token, answer: 'yes' }), 'application/json');
    expect(json.status).toBe(400);
    const huge = await post(path, `token=${token}&answer=yes&comment=${'y'.repeat(40_000)}`);
    expect(huge.status).toBe(400);
    // Feedback on a draft or another workspace's article: not found.
    for (const id of [A.draft, A.theirs]) {
      const refused = await post(`/help/${SLUG}/articles/${id}/feedback`, { token, answer: 'yes' });
      expect(refused.status).toBe(404);
    }
    expect(await feedbackOf(A.finnish)).toEqual(before);
    expect(await feedbackOf(A.draft)).toEqual({ yes: 0, no: 0, comments: [] });
  });

  it('limits a flood from one address, and on one article from many', async () => {
    const path = `/help/${SLUG}/articles/${A.hostile}/feedback`;
    const statuses: number[] = [];
    for (let i = 0; i < FEEDBACK_PER_ADDRESS + 3; i++) {
      const token = tokenOf((await get(`/help/${SLUG}/articles/${A.hostile}`)).text);
      statuses.push((await post(path, { token, answer: 'yes' })).status);
    }
    // One address: the earlier tests' votes from 127.0.0.1 count too.
    expect(statuses.filter((s) => s === 303).length).toBeLessThanOrEqual(FEEDBACK_PER_ADDRESS);
    expect(statuses.at(-1)).toBe(429);
    // Many addresses on one article: the per-article limit holds them.
    const services = running.baton.help.services();
    const results: number[] = [];
    for (let i = 0; i < FEEDBACK_PER_ARTICLE + 3; i++) {
      const request = {
        slug: SLUG,
        path: `articles/${A.hostile}/feedback`,
        query: new URLSearchParams(),
        ip: `198.51.100.${i + 1}`,
        acceptLanguage: null,
        origin: 'http://127.0.0.1'
      };
      const page = await services.get({ ...request, path: `articles/${A.hostile}` });
      const answer = await services.post(request, { token: tokenOf(page.body), answer: 'no' });
      results.push(answer.status);
    }
    expect(results.at(-1)).toBe(429);
    const stored = await feedbackOf(A.hostile);
    expect(stored.yes + stored.no).toBeLessThanOrEqual(FEEDBACK_PER_ARTICLE);
  });
});

describe('changes reach the public pages', () => {
  it('an unpublished article is gone at once; an edited one shows its new text', async () => {
    running.baton.docs.change(articleDocName(A.finnish), (doc) =>
      editArticle(doc, { title: 'Salasana uusiksi' }, AINO, 5_000)
    );
    await until(
      async () =>
        (await get(`/help/${SLUG}/articles/${A.finnish}`)).text.includes('Salasana uusiksi'),
      'the new title is served'
    );
    running.baton.docs.change(articleDocName(A.finnish), (doc) =>
      setArticleStatus(doc, 'draft', AINO, 6_000)
    );
    summarize(A.finnish);
    await until(
      async () => (await get(`/help/${SLUG}/articles/${A.finnish}`)).status === 404,
      'the unpublished article is not served'
    );
    const sitemap = await get(`/help/${SLUG}/sitemap.xml`);
    expect(sitemap.text).not.toContain(A.finnish);
  });
});

describe('slugs', () => {
  it('are unique: a second workspace asking for a taken slug is told so, the first keeps it', async () => {
    setHelpCentre(other.workspaceId, { slug: SLUG });
    expect(await statusOf(other.workspaceId, other.owner.cookie)).toEqual({
      state: 'slug-taken',
      slug: null
    });
    expect(await statusOf(WORKSPACE, aino)).toEqual({ state: 'live', slug: SLUG });
    const home = await get(`/help/${SLUG}`);
    expect(home.text).toContain('Reset your password');
    expect(home.text).not.toContain('Their public article');
    setHelpCentre(other.workspaceId, { slug: 'other-help' });
    await until(
      async () => (await get('/help/other-help')).status === 200,
      'the other workspace is live at its own slug'
    );
    expect((await get(`/help/other-help/articles/${A.theirs}`)).status).toBe(200);
    expect((await get(`/help/other-help/articles/${A.published}`)).status).toBe(404);
  });

  it('are refused when malformed or reserved, naming the field', () => {
    for (const slug of ['ab', 'UPPER', '-dash', 'a--b', 'api', 'x'.repeat(41), 'spa ce']) {
      expect(() => setHelpCentre(WORKSPACE, { slug }), slug).toThrow(
        /helpCentre\.help-centre: slug/
      );
    }
  });

  it('a disabled help centre serves nothing', async () => {
    setHelpCentre(WORKSPACE, { enabled: false });
    await until(async () => (await get(`/help/${SLUG}`)).status === 404, 'the help centre is off');
    expect((await get(`/help/${SLUG}/articles/${A.published}`)).status).toBe(404);
    expect((await get(`/help/${SLUG}/sitemap.xml`)).status).toBe(404);
    expect(await statusOf(WORKSPACE, aino)).toEqual({ state: 'off', slug: null });
    for (const path of ['/help/nope', '/help/%00', `/help/${'z'.repeat(300)}`]) {
      expect((await get(path)).status).toBe(404);
    }
  });
});
