/**
 * Filters and sort order of the board and the lists, remembered per browser so that an
 * agent's board looks the same after a reload.
 */
import { NO_FILTER, SORT_KEYS, type SortKey, type TicketFilter } from '$lib/domain/workspace-index';
import { TICKET_PRIORITIES, type TicketPriority } from '$lib/domain/schema';
import { safeSet, type KeyValueStorage } from '$lib/sync/storage';

export class ViewPrefs {
  #filter = $state.raw<TicketFilter>(NO_FILTER);
  #sort = $state<SortKey>('priority');
  /** What was typed in the search box: a subject or `#number`. Not remembered on purpose. */
  #query = $state('');
  readonly #storage: KeyValueStorage | null;
  readonly #key: string;

  /** `key` is the member's own (`memberPrefix`): the next person on this browser has theirs. */
  constructor(storage: KeyValueStorage | null, key: string) {
    this.#storage = storage;
    this.#key = key;
    this.#load();
  }

  get filter(): TicketFilter {
    return this.#filter;
  }

  get sort(): SortKey {
    return this.#sort;
  }

  get query(): string {
    return this.#query;
  }

  setQuery(query: string): void {
    this.#query = query;
  }

  get filtered(): boolean {
    const f = this.#filter;
    return f.assignee !== null || f.priority !== null || f.tag !== null;
  }

  setFilter(patch: Partial<TicketFilter>): void {
    this.#filter = { ...this.#filter, ...patch };
    this.#save();
  }

  setSort(sort: SortKey): void {
    this.#sort = sort;
    this.#save();
  }

  clearFilter(): void {
    this.#filter = NO_FILTER;
    this.#save();
  }

  #load(): void {
    try {
      const raw: unknown = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null');
      if (typeof raw !== 'object' || raw === null) return;
      const { sort, assignee, priority, tag } = raw as Record<string, unknown>;
      if ((SORT_KEYS as readonly unknown[]).includes(sort)) this.#sort = sort as SortKey;
      this.#filter = {
        assignee: typeof assignee === 'string' ? assignee : null,
        priority: (TICKET_PRIORITIES as readonly unknown[]).includes(priority)
          ? (priority as TicketPriority)
          : null,
        tag: typeof tag === 'string' ? tag : null
      };
    } catch {
      // Unreadable preferences: start from the defaults.
    }
  }

  #save(): void {
    if (this.#storage) {
      safeSet(this.#storage, this.#key, JSON.stringify({ sort: this.#sort, ...this.#filter }));
    }
  }

  reset(): void {
    this.#query = '';
    this.#filter = NO_FILTER;
    this.#sort = 'priority';
  }
}
