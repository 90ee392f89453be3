/**
 * The knowledge base as a search source (`ArticleSearchSource`): the article summaries of the
 * workspace index (title, category, tags, the first words), with the whole body's text for
 * articles kept on this device (read from IndexedDB one at a time, again when an article's
 * summary says it changed). Works offline: nothing here asks the network.
 *
 * `only` narrows the articles (the reply's article picker and the suggestions take published
 * ones only); the header's search takes every article the member may read, drafts included
 * (drafts are the team's, and every member of the workspace reads them).
 */
import type * as Y from 'yjs';
import { articleBodyText, type ArticleSummary } from '$lib/domain/article';
import { readArticleSummaries } from '$lib/domain/article-list';
import { articleDocName } from '$lib/domain/doc-names';
import type { DocPool } from '$lib/sync/doc-pool';
import type { ArticleSearchSource, SearchableArticle } from './search-docs';

export interface ArticleSourceDeps {
  /** The open workspace index, `null` before it is. */
  index: () => Y.Doc | null;
  /** Whether a document is kept on this device (its body can be read without the network). */
  kept: (name: string) => boolean;
  pool: Pick<DocPool, 'acquire'>;
  only?: (summary: ArticleSummary) => boolean;
}

export interface IndexArticleSource extends ArticleSearchSource {
  /** The summaries now (narrowed by `only`), by id. */
  summary(id: string): ArticleSummary | undefined;
}

export function indexArticleSource(deps: ArticleSourceDeps): IndexArticleSource {
  const bodies = new Map<string, { stamp: number; text: string }>();
  const listeners = new Set<() => void>();
  let summaries = new Map<string, ArticleSummary>();
  let reading = false;
  let observed: Y.Map<unknown> | null = null;

  const read = () => {
    const index = deps.index();
    const all = index ? readArticleSummaries(index) : [];
    summaries = new Map(all.filter((s) => deps.only?.(s) ?? true).map((s) => [s.id, s]));
  };

  const changed = () => {
    read();
    for (const listener of listeners) listener();
    void readBodies();
  };

  /** Bodies of kept articles whose summary changed since they were read, one at a time. */
  const readBodies = async () => {
    if (reading) return;
    reading = true;
    try {
      for (;;) {
        const next = [...summaries.values()].find(
          (s) => bodies.get(s.id)?.stamp !== s.updatedAt && deps.kept(articleDocName(s.id))
        );
        if (!next || listeners.size === 0) return;
        const handle = deps.pool.acquire(articleDocName(next.id), { live: false });
        try {
          await handle.whenLoaded;
          bodies.set(next.id, { stamp: next.updatedAt, text: articleBodyText(handle.doc) });
        } finally {
          handle.release();
        }
        for (const listener of listeners) listener();
      }
    } finally {
      reading = false;
    }
  };

  const observe = () => {
    const index = deps.index();
    if (!index || observed) return;
    observed = index.getMap('articles');
    observed.observe(changed);
  };

  return {
    articles(): SearchableArticle[] {
      observe();
      read();
      return [...summaries.values()].map((s) => ({
        id: s.id,
        title: s.title,
        body: bodies.get(s.id)?.text ?? s.excerpt,
        tags: s.tags,
        category: s.category,
        updatedAt: s.updatedAt
      }));
    },
    summary(id) {
      return summaries.get(id);
    },
    subscribe(listener) {
      listeners.add(listener);
      observe();
      void readBodies();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && observed) {
          observed.unobserve(changed);
          observed = null;
        }
      };
    }
  };
}
