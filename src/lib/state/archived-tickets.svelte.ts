/**
 * Archived tickets from the server (`GET …/archive`): one customer's, or the workspace's with a
 * filter, a page at a time. The archive is not on the device (that is what archiving is for),
 * so offline the list says so instead of showing nothing.
 */
import type { Api } from '$lib/api/client';
import type { ArchivedTicketRow } from '$lib/contract/archive';

export interface ArchivedTicketsDeps {
  api: Pick<Api, 'archive'>;
  workspaceId: string;
  /** Tickets per page (default 25). */
  pageSize?: number;
}

export interface ArchiveFilter {
  customer?: string;
  q?: string;
}

export class ArchivedTicketsState {
  #tickets = $state.raw<ArchivedTicketRow[]>([]);
  #next = $state<string | null>(null);
  #loading = $state(false);
  #loaded = $state(false);
  #problem = $state<'offline' | 'failed' | null>(null);
  #filter: ArchiveFilter = {};
  /** Answers to a load started before the last one are dropped. */
  #generation = 0;
  readonly #deps: ArchivedTicketsDeps;

  constructor(deps: ArchivedTicketsDeps) {
    this.#deps = deps;
  }

  get tickets(): readonly ArchivedTicketRow[] {
    return this.#tickets;
  }

  get more(): boolean {
    return this.#next !== null;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** A first page came back (possibly empty). */
  get loaded(): boolean {
    return this.#loaded;
  }

  get problem(): 'offline' | 'failed' | null {
    return this.#problem;
  }

  /** Loads the first page for `filter`, or (`older`) the page after the last one shown. */
  async load(filter: ArchiveFilter, older = false): Promise<void> {
    const generation = ++this.#generation;
    this.#filter = filter;
    this.#loading = true;
    try {
      const after = older ? (this.#next ?? undefined) : undefined;
      const q = filter.q?.trim();
      const answer = await this.#deps.api.archive(this.#deps.workspaceId, {
        ...(filter.customer ? { customer: filter.customer } : {}),
        ...(q ? { q } : {}),
        ...(after ? { after } : {}),
        limit: this.#deps.pageSize ?? 25
      });
      if (generation !== this.#generation) return;
      if (!answer.ok) {
        this.#problem = answer.failure.kind === 'network' ? 'offline' : 'failed';
        return;
      }
      this.#problem = null;
      this.#tickets = older ? [...this.#tickets, ...answer.value.tickets] : answer.value.tickets;
      this.#next = answer.value.next;
      this.#loaded = true;
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }

  /** The next page of the last filter. */
  loadMore(): Promise<void> {
    return this.load(this.#filter, true);
  }

  reset(): void {
    this.#generation++;
    this.#tickets = [];
    this.#next = null;
    this.#loading = false;
    this.#loaded = false;
    this.#problem = null;
    this.#filter = {};
  }
}
