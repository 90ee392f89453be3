/**
 * The article list: filters and sorting over the index's article summaries (`article.ts`
 * `ArticleSummary`), a pure function so the list page and its tests agree. Drafts are the
 * team's and every member sees them in the app; only the help centre leaves them out.
 */
import * as Y from 'yjs';
import {
  ArticleSummary,
  type ArticleLanguage,
  type ArticleStatus,
  type ArticleVisibility
} from './article';

export const ARTICLE_SORTS = ['updated', 'title', 'published'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

export interface ArticleFilter {
  /** `null`: any category; '' : articles without one. */
  category: string | null;
  status: ArticleStatus | null;
  visibility: ArticleVisibility | null;
  language: ArticleLanguage | null;
  /** Words that must all appear in the title, excerpt or tags (case-insensitive). */
  text: string;
  sort: ArticleSort;
}

export const ALL_ARTICLES: ArticleFilter = {
  category: null,
  status: null,
  visibility: null,
  language: null,
  text: '',
  sort: 'updated'
};

const parsed = new WeakMap<object, ArticleSummary | null>();

/** The summaries in the index that parse (each parsed once per stored value). */
export function readArticleSummaries(index: Y.Doc): ArticleSummary[] {
  const out: ArticleSummary[] = [];
  for (const [key, value] of index.getMap('articles')) {
    if (typeof value !== 'object' || value === null) continue;
    let summary = parsed.get(value);
    if (summary === undefined) {
      const result = ArticleSummary.safeParse(value);
      summary = result.success ? result.data : null;
      parsed.set(value, summary);
    }
    if (summary && summary.id === key) out.push(summary);
  }
  return out;
}

/** Writes an article's summary into the index (validated: the server refuses a bad one). */
export function putArticleSummary(index: Y.Doc, summary: ArticleSummary): void {
  const checked = ArticleSummary.parse(summary);
  index.getMap('articles').set(checked.id, checked);
}

/** Category names in use, sorted, with how many articles each has. */
export function articleCategories(list: readonly ArticleSummary[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const article of list) {
    if (article.category) counts.set(article.category, (counts.get(article.category) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

export function filterArticles(
  list: readonly ArticleSummary[],
  filter: ArticleFilter
): ArticleSummary[] {
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const out = list.filter((a) => {
    if (filter.category !== null && a.category !== filter.category) return false;
    if (filter.status !== null && a.status !== filter.status) return false;
    if (filter.visibility !== null && a.visibility !== filter.visibility) return false;
    if (filter.language !== null && a.language !== filter.language) return false;
    if (words.length > 0) {
      const haystack = `${a.title} ${a.excerpt} ${a.tags.join(' ')}`.toLocaleLowerCase();
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
  const byTitle = (x: ArticleSummary, y: ArticleSummary) =>
    x.title.localeCompare(y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  switch (filter.sort) {
    case 'title':
      return out.sort(byTitle);
    case 'updated':
      return out.sort((x, y) => y.updatedAt - x.updatedAt || byTitle(x, y));
    case 'published':
      return out.sort((x, y) => (y.publishedAt ?? -1) - (x.publishedAt ?? -1) || byTitle(x, y));
  }
}
