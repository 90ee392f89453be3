/**
 * The header's search: what was typed, the local answer (the worker's index over the workspace
 * index, the threads of tickets kept on this device, and articles through their seam) and,
 * online, the server's answer merged in.
 *
 * The index is built in the worker the first time the search box is used (not at page load):
 * the plain documents are made here from the index snapshot, then kept in step by `refresh`
 * (called by the component when the snapshot changes), which sends only summaries whose object
 * changed (the index keeps unchanged summaries' objects). The threads of kept tickets are read
 * from IndexedDB in the background, a ticket at a time, and re-read when its summary changes.
 *
 * Typing searches locally on every keystroke; the server is asked once typing pauses
 * (`SERVER_DELAY_MS`), online only, for at least three characters. Its hits are appended to
 * each group after the local ones, without repeating them: what the server adds is what is not
 * on this device (tickets that left the index, messages of tickets not kept here).
 */
import type { Api } from '$lib/api/client';
import type { ServerSearchHit } from '$lib/contract/search';
import { ticketDocName } from '$lib/domain/doc-names';
import { readThread } from '$lib/domain/ticket';
import type { IndexSnapshot } from '$lib/domain/workspace-index';
import type { TicketSummary } from '$lib/domain/schema';
import {
  emptyAnswer,
  prefixHighlight,
  type SearchAnswer,
  type SearchHit
} from '$lib/search/answer';
import {
  articleSearchDoc,
  customerSearchDoc,
  SEARCH_GROUPS,
  threadText,
  ticketSearchDoc,
  type ArticleSearchSource,
  type SearchDoc,
  type SearchGroup
} from '$lib/search/search-docs';
import type { SearchWorkerClient } from '$lib/search/search-worker-client';
import type { DocPool } from '$lib/sync/doc-pool';

export const SERVER_DELAY_MS = 300;
export const PER_GROUP = 8;

export interface SearchEverythingDeps {
  workspaceId: string;
  api: Pick<Api, 'search'>;
  /** Made on first use (a Web Worker in the browser). */
  worker: () => SearchWorkerClient;
  index: () => IndexSnapshot;
  online: () => boolean;
  /** Whether a ticket document is kept on this device, and the pool to read it from. */
  kept: (name: string) => boolean;
  pool: Pick<DocPool, 'acquire'>;
  /**
   * The knowledge base's articles, made on first use (imported then, so that the article
   * schemas stay out of every page's first JavaScript).
   */
  articles?: () => Promise<ArticleSearchSource>;
}

export type SearchRow = SearchHit & { fromServer: boolean };
export type SearchGroups = Record<SearchGroup, SearchRow[]>;

export class SearchEverything {
  #query = $state('');
  #local = $state.raw<SearchAnswer>(emptyAnswer());
  #server = $state.raw<ServerSearchHit[]>([]);
  #serverFor = $state('');
  #searchingServer = $state(false);
  #ready = $state(false);

  readonly #deps: SearchEverythingDeps;
  #worker: SearchWorkerClient | null = null;
  #building: Promise<void> | null = null;
  // What the worker was last sent, by id: bookkeeping for diffs, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  #sent = new Map<string, { summary: TicketSummary; requester: unknown; body: string }>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  #customers = new Map<string, unknown>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  #bodies = new Map<string, { stamp: string; text: string }>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  #articleIds = new Set<string>();
  #readingBodies = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #offArticles: (() => void) | null = null;
  #articles: ArticleSearchSource | null = null;

  constructor(deps: SearchEverythingDeps) {
    this.#deps = deps;
  }

  get query(): string {
    return this.#query;
  }

  /** Whether the worker's index has been built (before that, nothing is searched). */
  get ready(): boolean {
    return this.#ready;
  }

  get searchingServer(): boolean {
    return this.#searchingServer;
  }

  /** The query's words, for highlighting. */
  get terms(): readonly string[] {
    return this.#local.terms;
  }

  /** Local hits, then the server's that are not among them, per group. */
  get groups(): SearchGroups {
    const groups = Object.fromEntries(
      SEARCH_GROUPS.map((g) => [g, this.#local.groups[g].map((h) => ({ ...h, fromServer: false }))])
    ) as SearchGroups;
    if (this.#serverFor === this.#query.trim()) {
      for (const hit of this.#server) {
        const group = groups[hit.kind];
        if (group.length >= PER_GROUP * 2 || group.some((h) => h.id === hit.id)) continue;
        group.push({
          kind: hit.kind,
          id: hit.id,
          title: prefixHighlight(hit.title, this.#query),
          detail: prefixHighlight(hit.detail, this.#query),
          status: hit.status,
          excerpt: null,
          score: 0,
          fromServer: true
        });
      }
    }
    return groups;
  }

  get count(): number {
    const groups = this.groups;
    return SEARCH_GROUPS.reduce((n, g) => n + groups[g].length, 0);
  }

  /** Builds the index in the worker once; later calls wait for the same build. */
  open(): Promise<void> {
    this.#building ??= (async () => {
      this.#worker = this.#deps.worker();
      this.#articles = (await this.#deps.articles?.()) ?? null;
      const docs = this.#allDocs();
      await this.#worker.build(docs);
      this.#ready = true;
      this.#offArticles = this.#articles?.subscribe(() => this.#refreshArticles()) ?? null;
      void this.#readKeptBodies();
      if (this.#query.trim() !== '') await this.#searchLocal();
    })();
    return this.#building;
  }

  /** Sends what changed in the index since the last call (after `open`). */
  refresh(): void {
    if (!this.#worker || !this.#ready) return;
    const snapshot = this.#deps.index();
    const changed: SearchDoc[] = [];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to one refresh
    const seen = new Set<string>();
    for (const t of snapshot.tickets) {
      seen.add(t.id);
      const requester = t.requesterId ? snapshot.customers.get(t.requesterId) : undefined;
      const body = this.#bodies.get(t.id)?.text ?? '';
      const last = this.#sent.get(t.id);
      if (last && last.summary === t && last.requester === requester && last.body === body)
        continue;
      this.#sent.set(t.id, { summary: t, requester, body });
      changed.push(ticketSearchDoc(t, requester, body));
    }
    const gone = [...this.#sent.keys()].filter((id) => !seen.has(id));
    for (const id of gone) this.#sent.delete(id);
    const customersGone: string[] = [];
    for (const [id, c] of snapshot.customers) {
      if (this.#customers.get(id) === c) continue;
      this.#customers.set(id, c);
      changed.push(customerSearchDoc(c));
    }
    for (const id of this.#customers.keys()) {
      if (!snapshot.customers.has(id)) customersGone.push(id);
    }
    for (const id of customersGone) this.#customers.delete(id);
    this.#worker.upsert(changed);
    this.#worker.remove('ticket', gone);
    this.#worker.remove('customer', customersGone);
    if (changed.length + gone.length + customersGone.length > 0) void this.#searchLocal();
    void this.#readKeptBodies();
  }

  /** What was typed: searched locally now, on the server once typing pauses. */
  search(query: string): void {
    this.#query = query;
    void this.#searchLocal();
    if (this.#timer) clearTimeout(this.#timer);
    const q = query.trim();
    if (q.length < 3 || !this.#deps.online()) {
      this.#server = [];
      this.#serverFor = '';
      return;
    }
    this.#timer = setTimeout(() => void this.#searchServer(q), SERVER_DELAY_MS);
  }

  clear(): void {
    this.search('');
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#offArticles?.();
    this.#worker?.destroy();
    this.#worker = null;
  }

  async #searchLocal(): Promise<void> {
    const query = this.#query;
    if (!this.#worker || !this.#ready || query.trim() === '') {
      this.#local = emptyAnswer();
      return;
    }
    const answer = await this.#worker.query(query, PER_GROUP);
    if (answer && query === this.#query) this.#local = answer;
  }

  async #searchServer(q: string): Promise<void> {
    this.#searchingServer = true;
    try {
      const result = await this.#deps.api.search(this.#deps.workspaceId, q);
      // A failure (offline after all, the rate limit) leaves the local answer as it is.
      if (result.ok && this.#query.trim() === q) {
        this.#server = result.value.hits;
        this.#serverFor = q;
      }
    } finally {
      this.#searchingServer = false;
    }
  }

  #allDocs(): SearchDoc[] {
    const snapshot = this.#deps.index();
    const docs: SearchDoc[] = [];
    for (const t of snapshot.tickets) {
      const requester = t.requesterId ? snapshot.customers.get(t.requesterId) : undefined;
      const body = this.#bodies.get(t.id)?.text ?? '';
      this.#sent.set(t.id, { summary: t, requester, body });
      docs.push(ticketSearchDoc(t, requester, body));
    }
    for (const [id, c] of snapshot.customers) {
      this.#customers.set(id, c);
      docs.push(customerSearchDoc(c));
    }
    for (const a of this.#articles?.articles() ?? []) {
      this.#articleIds.add(a.id);
      docs.push(articleSearchDoc(a));
    }
    return docs;
  }

  /** Sends the articles again (the worker skips unchanged ones) and removes those gone. */
  #refreshArticles(): void {
    const articles = this.#articles?.articles() ?? [];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
    const now = new Set(articles.map((a) => a.id));
    const gone = [...this.#articleIds].filter((id) => !now.has(id));
    this.#articleIds = now;
    this.#worker?.upsert(articles.map(articleSearchDoc));
    this.#worker?.remove('article', gone);
    if (this.#query.trim() !== '') void this.#searchLocal();
  }

  /**
   * Reads the threads of kept tickets whose summary changed since they were read, one ticket
   * at a time (each from IndexedDB, released at once), and sends their documents again.
   */
  async #readKeptBodies(): Promise<void> {
    if (this.#readingBodies) return;
    this.#readingBodies = true;
    try {
      for (;;) {
        const next = this.#deps
          .index()
          .tickets.find(
            (t) =>
              this.#bodies.get(t.id)?.stamp !== stampOf(t) && this.#deps.kept(ticketDocName(t.id))
          );
        if (!next || !this.#worker) return;
        const handle = this.#deps.pool.acquire(ticketDocName(next.id), { live: false });
        try {
          await handle.whenLoaded;
          const text = threadText(readThread(handle.doc));
          this.#bodies.set(next.id, { stamp: stampOf(next), text });
        } finally {
          handle.release();
        }
        const snapshot = this.#deps.index();
        const requester = next.requesterId ? snapshot.customers.get(next.requesterId) : undefined;
        const body = this.#bodies.get(next.id)!.text;
        this.#sent.set(next.id, { summary: next, requester, body });
        this.#worker.upsert([ticketSearchDoc(next, requester, body)]);
        if (this.#query.trim() !== '') void this.#searchLocal();
      }
    } finally {
      this.#readingBodies = false;
    }
  }
}

/** A kept ticket's thread is read again when its summary says it grew or changed. */
function stampOf(t: TicketSummary): string {
  return `${t.updatedAt}:${t.entryCount}`;
}
