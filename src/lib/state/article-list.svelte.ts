/**
 * The article list of a workspace: the index's article summaries as plain data, refreshed from
 * the index document (once per frame at most), with the filter the page shows. Works offline:
 * the index is always kept on the device.
 */
import type * as Y from 'yjs';
import type { ArticleSummary } from '$lib/domain/article';
import {
  ALL_ARTICLES,
  articleCategories,
  filterArticles,
  readArticleSummaries,
  type ArticleFilter
} from '$lib/domain/article-list';

export class ArticleList {
  #all = $state.raw<ArticleSummary[]>([]);
  filter = $state<ArticleFilter>({ ...ALL_ARTICLES });

  readonly shown = $derived.by(() => filterArticles(this.#all, this.filter));
  readonly categories = $derived.by(() => articleCategories(this.#all));

  get all(): readonly ArticleSummary[] {
    return this.#all;
  }

  /** Follows the index's `articles` map; returns the cleanup for `$effect`. */
  follow(index: Y.Doc): () => void {
    const articles = index.getMap('articles');
    let frame: number | null = null;
    const refresh = () => {
      frame = null;
      this.#all = readArticleSummaries(index);
    };
    const schedule = () => {
      if (frame === null) frame = requestAnimationFrame(refresh);
    };
    articles.observe(schedule);
    refresh();
    return () => {
      articles.unobserve(schedule);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }

  reset(): void {
    this.#all = [];
    this.filter = { ...ALL_ARTICLES };
  }
}
