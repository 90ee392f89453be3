/**
 * Articles for a reply: the published articles of the workspace (summaries from the index,
 * whole bodies of those kept on this device) in a search worker of their own, searched as the
 * agent types in the composer's article picker, and asked for suggestions from a ticket's
 * subject and first message (the sidebar's top three). Works offline.
 *
 * Inserting (`insertArticleIntoReply`) puts a link or the text into the shared reply draft at
 * the caret and records it on the ticket (`article-inserted`), in one transaction: the text
 * is read from the article's document (kept here, or pulled through the batch sync).
 */
import type * as Y from 'yjs';
import { readArticleFields, type ArticleSummary } from '$lib/domain/article';
import {
  articlePublicUrl,
  articleReplyText,
  insertArticle,
  insertionText,
  mayInsert,
  type HelpCentreAddress,
  type InsertMode
} from '$lib/domain/article-link';
import { articleDocName } from '$lib/domain/doc-names';
import type { SearchHit } from '$lib/search/answer';
import type { IndexArticleSource } from '$lib/search/article-source';
import { articleSearchDoc } from '$lib/search/search-docs';
import type { SearchWorkerClient } from '$lib/search/search-worker-client';
import type { SyncClient } from '$lib/sync/sync-client';
import { editTicket, type EditContext } from './ticket-actions';
import { articleTextNotHere, internalArticleLinkOnly } from '$lib/i18n/messages/kb';

export const PICKER_RESULTS = 20;
export const SUGGESTIONS = 3;

export interface ArticleFinderDeps {
  worker: () => SearchWorkerClient;
  /** The published articles (imported on first use: the article schemas are not in the page). */
  source: () => Promise<IndexArticleSource>;
}

export interface FoundArticle {
  hit: SearchHit;
  summary: ArticleSummary;
}

export class ArticleFinder {
  #found = $state.raw<FoundArticle[]>([]);
  #suggested = $state.raw<FoundArticle[]>([]);
  #ready = $state(false);
  #query = $state('');
  readonly #deps: ArticleFinderDeps;
  #worker: SearchWorkerClient | null = null;
  #source: IndexArticleSource | null = null;
  #opening: Promise<void> | null = null;
  #off: (() => void) | null = null;
  #suggestFor = '';
  /** The ids the worker holds (to remove the ones unpublished or deleted). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  #sent = new Set<string>();
  #destroyed = false;

  constructor(deps: ArticleFinderDeps) {
    this.#deps = deps;
  }

  get ready(): boolean {
    return this.#ready;
  }

  get query(): string {
    return this.#query;
  }

  /** The picker's results (the newest published articles when nothing is typed). */
  get found(): readonly FoundArticle[] {
    return this.#found;
  }

  get suggested(): readonly FoundArticle[] {
    return this.#suggested;
  }

  summary(id: string): ArticleSummary | undefined {
    return this.#source?.summary(id);
  }

  /** Builds the worker's index once; later calls wait for the same build. */
  open(): Promise<void> {
    this.#opening ??= (async () => {
      const source = await this.#deps.source();
      if (this.#destroyed) return;
      this.#source = source;
      this.#worker = this.#deps.worker();
      const articles = source.articles();
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
      this.#sent = new Set(articles.map((a) => a.id));
      await this.#worker.build(articles.map(articleSearchDoc));
      this.#off = source.subscribe(() => this.#refresh());
      this.#ready = true;
      await this.search(this.#query);
    })();
    return this.#opening;
  }

  async search(query: string): Promise<void> {
    this.#query = query;
    if (!this.#worker || !this.#source) return;
    if (query.trim() === '') {
      this.#found = this.#newest();
      return;
    }
    const answer = await this.#worker.query(query, PICKER_RESULTS);
    if (!answer || query !== this.#query) return;
    this.#found = this.#withSummaries(answer.groups.article);
  }

  /** The best published articles for a ticket's subject and first message. */
  async suggest(text: string): Promise<void> {
    this.#suggestFor = text;
    await this.open();
    if (!this.#worker) return;
    const hits = await this.#worker.suggest(text, 'article', SUGGESTIONS);
    if (text === this.#suggestFor) this.#suggested = this.#withSummaries(hits);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#off?.();
    this.#worker?.destroy();
    this.#worker = null;
  }

  /** Sends what changed (the worker skips unchanged articles) and removes the ones gone. */
  #refresh(): void {
    if (!this.#worker || !this.#source) return;
    const articles = this.#source.articles();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to one refresh
    const now = new Set(articles.map((a) => a.id));
    const gone = [...this.#sent].filter((id) => !now.has(id));
    this.#sent = now;
    this.#worker.upsert(articles.map(articleSearchDoc));
    this.#worker.remove('article', gone);
    void this.search(this.#query);
    if (this.#suggestFor !== '') void this.suggest(this.#suggestFor);
  }

  #newest(): FoundArticle[] {
    const hits: SearchHit[] = [...(this.#source?.articles() ?? [])]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, PICKER_RESULTS)
      .map((a) => ({
        kind: 'article',
        id: a.id,
        title: [{ text: a.title, hit: false }],
        detail: [{ text: a.category, hit: false }],
        status: '',
        excerpt: null,
        score: 0
      }));
    return this.#withSummaries(hits);
  }

  #withSummaries(hits: readonly SearchHit[]): FoundArticle[] {
    const out: FoundArticle[] = [];
    for (const hit of hits) {
      const summary = this.#source?.summary(hit.id);
      if (summary) out.push({ hit, summary });
    }
    return out;
  }
}

export class ArticleNotHere extends Error {
  constructor() {
    super(articleTextNotHere());
  }
}

export class ArticleNotInsertable extends Error {
  constructor() {
    super(internalArticleLinkOnly());
  }
}

export interface InsertDeps {
  ctx: EditContext;
  sync: Pick<SyncClient, 'openForEdit'>;
  workspaceId: string;
  origin: string;
  helpCentre: HelpCentreAddress | null;
}

/**
 * Puts `summary`'s link or text into the reply `draft` at `caret` and records it. Throws
 * `ArticleNotInsertable` (a draft, or the text of an internal article), `ArticleNotHere` (the
 * text, offline, of an article never kept here), or the edit's `NotAllowedError`.
 */
export async function insertArticleIntoReply(
  deps: InsertDeps,
  draft: Y.Text,
  caret: number,
  summary: ArticleSummary,
  mode: InsertMode,
  /** The ticket's document when `draft` is the member's private draft (a document apart). */
  ticket?: Y.Doc
): Promise<void> {
  if (!mayInsert(summary, mode)) throw new ArticleNotInsertable();
  const doc = ticket ?? draft.doc;
  if (!doc) throw new Error('The reply draft is not in a ticket document.');
  const url = articlePublicUrl(deps.origin, deps.workspaceId, summary, deps.helpCentre);
  let body = '';
  if (mode === 'text') {
    const handle = await deps.sync.openForEdit(
      articleDocName(summary.id),
      (d) => readArticleFields(d) !== null
    );
    if (!handle) throw new ArticleNotHere();
    try {
      body = articleReplyText(handle.doc.getXmlFragment('body'));
    } finally {
      handle.release();
    }
  }
  const text = insertionText(mode, summary, url, body);
  editTicket(deps.ctx, doc, (d, actor, now) =>
    insertArticle(d, { articleId: summary.id, mode, text, caret }, actor, now, draft)
  );
}
