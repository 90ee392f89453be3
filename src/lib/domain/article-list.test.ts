import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked } from './update-check';
import type { ArticleSummary } from './article';
import {
  ALL_ARTICLES,
  articleCategories,
  filterArticles,
  putArticleSummary,
  readArticleSummaries
} from './article-list';
import { T0, WORKSPACE_ID } from './testing/factories';

function summary(overrides: Partial<ArticleSummary>): ArticleSummary {
  return {
    id: 'article-list-0001',
    title: 'Title',
    category: '',
    visibility: 'internal',
    language: 'en',
    status: 'draft',
    tags: [],
    excerpt: '',
    authors: [],
    updatedAt: T0,
    publishedAt: null,
    ...overrides
  };
}

const LIST = [
  summary({
    id: 'article-vpn-0001',
    title: 'VPN setup',
    category: 'Network',
    status: 'published',
    visibility: 'public',
    publishedAt: T0 + 5,
    updatedAt: T0 + 5,
    tags: ['vpn']
  }),
  summary({
    id: 'article-pw-00001',
    title: 'Salasanan vaihto',
    category: 'Accounts',
    language: 'fi',
    updatedAt: T0 + 9
  }),
  summary({
    id: 'article-mail-001',
    title: 'Mail on a phone',
    category: 'Network',
    excerpt: 'IMAP settings',
    updatedAt: T0 + 1
  })
];

describe('the article list', () => {
  it('filters by category, status, visibility, language and words, and sorts', () => {
    const ids = (f: Partial<typeof ALL_ARTICLES>) =>
      filterArticles(LIST, { ...ALL_ARTICLES, ...f }).map((a) => a.id);
    expect(ids({})).toEqual(['article-pw-00001', 'article-vpn-0001', 'article-mail-001']);
    expect(ids({ category: 'Network', sort: 'title' })).toEqual([
      'article-mail-001',
      'article-vpn-0001'
    ]);
    expect(ids({ status: 'draft' })).toEqual(['article-pw-00001', 'article-mail-001']);
    expect(ids({ visibility: 'public' })).toEqual(['article-vpn-0001']);
    expect(ids({ language: 'fi' })).toEqual(['article-pw-00001']);
    expect(ids({ text: 'imap phone' })).toEqual(['article-mail-001']);
    expect(ids({ text: 'VPN' })).toEqual(['article-vpn-0001']);
    expect(ids({ sort: 'published' })[0]).toBe('article-vpn-0001');
    expect(articleCategories(LIST)).toEqual([
      ['Accounts', 1],
      ['Network', 2]
    ]);
  });

  it('keeps summaries in the index that the update check accepts, and skips broken ones', () => {
    const index = new Y.Doc();
    const before = Y.encodeStateVector(index);
    for (const s of LIST) putArticleSummary(index, s);
    const verdict = applyChecked(
      new Y.Doc(),
      { kind: 'index', workspaceId: WORKSPACE_ID },
      Y.encodeStateAsUpdate(index, before)
    );
    expect(verdict).toMatchObject({ ok: true, changed: true });
    index.getMap('articles').set('article-bad-0001', { id: 'article-bad-0001', title: 5 });
    expect(
      readArticleSummaries(index)
        .map((a) => a.id)
        .sort()
    ).toEqual(LIST.map((a) => a.id).sort());
    const bad = new Y.Doc();
    bad.getMap('articles').set('article-bad-0001', { id: 'article-bad-0001', title: 5 });
    expect(
      applyChecked(
        new Y.Doc(),
        { kind: 'index', workspaceId: WORKSPACE_ID },
        Y.encodeStateAsUpdate(bad)
      )
    ).toMatchObject({ ok: false, reason: 'schema' });
  });
});
