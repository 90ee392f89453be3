/**
 * The dashboard's state: the filters, the report the server answered for them, and the tickets
 * behind a number the user drilled into.
 *
 * Offline first: every answer is kept in the device's storage under the member's prefix, keyed
 * by its query; the last answer for a query is shown at once (before the server answers, and
 * instead of it when the server cannot be reached), with the instant the server made it, so
 * the page can say how old the numbers are. A refusal (not allowed) is told apart from a
 * failure, and a refusal is never replaced by a cached answer.
 */
import type { Api } from '$lib/api/client';
import { ReportView, type ReportParamsInput, type ReportTickets } from '$lib/contract/reports';
import type { ReportDimension, ReportNumber } from '$lib/domain/report';
import { browserStorage, type KeyValueStorage } from '$lib/sync/storage';
import { memberPrefix } from '$lib/sync/local-data';

export interface ReportFiltersInput {
  scope: 'team' | 'personal';
  from: string;
  to: string;
  tz: string;
  unit: 'day' | 'week' | 'month';
  agent?: string | undefined;
  channel?: ReportParamsInput['channel'];
  priority?: ReportParamsInput['priority'];
  tag?: string | undefined;
}

export interface ReportsDeps {
  api: Pick<Api, 'report' | 'reportTickets' | 'reportCsvHref'>;
  workspaceId: string;
  /** The device's storage for cached answers (`null`: nothing cached). */
  storage: KeyValueStorage | null;
  /** Prefix of the member's keys in `storage`. */
  prefix: string;
}

export type ReportProblem = 'forbidden' | 'failed' | 'invalid' | null;

/** At most this many cached answers per member (the oldest go first). */
const CACHE_LIMIT = 20;

function params(filters: ReportFiltersInput): ReportParamsInput {
  const out: ReportParamsInput = {
    from: filters.from,
    to: filters.to,
    tz: filters.tz,
    unit: filters.unit,
    scope: filters.scope
  };
  if (filters.agent) out.agent = filters.agent;
  if (filters.channel) out.channel = filters.channel;
  if (filters.priority) out.priority = filters.priority;
  if (filters.tag) out.tag = filters.tag;
  return out;
}

export class ReportsState {
  #report = $state.raw<ReportView | null>(null);
  /** The answer shown came from the device's cache, not from the server just now. */
  #cached = $state(false);
  #loading = $state(false);
  #problem = $state<ReportProblem>(null);
  #problemText = $state('');
  #drill = $state.raw<(ReportTickets & { dimension?: string; key?: string }) | null>(null);
  #drillLoading = $state(false);
  #drillProblem = $state<ReportProblem>(null);
  readonly #deps: ReportsDeps;
  /** Drops answers to queries the user has already moved on from. */
  #generation = 0;

  constructor(deps: ReportsDeps) {
    this.#deps = deps;
  }

  /** The dashboard's state with answers cached in this browser's storage, under the member. */
  static onDevice(api: ReportsDeps['api'], workspaceId: string, memberId: string): ReportsState {
    return new ReportsState({
      api,
      workspaceId,
      storage: typeof window === 'undefined' ? null : browserStorage(),
      prefix: memberPrefix(memberId)
    });
  }

  get report(): ReportView | null {
    return this.#report;
  }
  get cached(): boolean {
    return this.#cached;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get problem(): ReportProblem {
    return this.#problem;
  }
  /** The server's words for an invalid query (names the field). */
  get problemText(): string {
    return this.#problemText;
  }
  get drill() {
    return this.#drill;
  }
  get drillLoading(): boolean {
    return this.#drillLoading;
  }
  get drillProblem(): ReportProblem {
    return this.#drillProblem;
  }

  #key(filters: ReportFiltersInput): string {
    return `${this.#deps.prefix}report:${this.#deps.workspaceId}:${JSON.stringify(params(filters))}`;
  }

  #readCache(filters: ReportFiltersInput): ReportView | null {
    const text = this.#deps.storage?.getItem(this.#key(filters));
    if (!text) return null;
    try {
      const parsed = ReportView.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #writeCache(filters: ReportFiltersInput, view: ReportView): void {
    const storage = this.#deps.storage;
    if (!storage) return;
    const mine = `${this.#deps.prefix}report:`;
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(mine)) keys.push(key);
      }
      // Oldest answers first out (each one records when it was made).
      if (keys.length >= CACHE_LIMIT) {
        const aged = keys
          .map((key) => ({
            key,
            at: Number(JSON.parse(storage.getItem(key) ?? '{}').generatedAt) || 0
          }))
          .sort((a, b) => a.at - b.at);
        for (const { key } of aged.slice(0, keys.length - CACHE_LIMIT + 1)) storage.removeItem(key);
      }
      storage.setItem(this.#key(filters), JSON.stringify(view));
    } catch {
      // A full or unavailable storage only costs the offline copy.
    }
  }

  /** Shows the cached answer for `filters` at once, then asks the server. */
  async load(filters: ReportFiltersInput): Promise<void> {
    const generation = ++this.#generation;
    const cached = this.#readCache(filters);
    if (cached) {
      this.#report = cached;
      this.#cached = true;
    }
    this.#loading = true;
    try {
      const answer = await this.#deps.api.report(this.#deps.workspaceId, params(filters));
      if (generation !== this.#generation) return;
      if (answer.ok) {
        this.#report = answer.value;
        this.#cached = false;
        this.#problem = null;
        this.#writeCache(filters, answer.value);
        return;
      }
      const { failure } = answer;
      if (failure.kind === 'http' && failure.reason === 'forbidden') {
        this.#report = null;
        this.#problem = 'forbidden';
      } else if (failure.kind === 'http' && failure.reason === 'invalid-request') {
        this.#problem = 'invalid';
        this.#problemText = failure.message;
      } else {
        // Offline or failing: the cached answer (if any) stays, marked as such.
        this.#problem = cached ? null : 'failed';
      }
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }

  /** The tickets behind `number` (optionally one breakdown cell). */
  async drillDown(
    filters: ReportFiltersInput,
    number: ReportNumber,
    group?: { dimension: ReportDimension; key: string }
  ): Promise<void> {
    this.#drillLoading = true;
    this.#drillProblem = null;
    try {
      const answer = await this.#deps.api.reportTickets(this.#deps.workspaceId, {
        ...params(filters),
        number,
        ...(group ? { dimension: group.dimension, key: group.key } : {})
      });
      if (answer.ok) {
        this.#drill = { ...answer.value, ...(group ?? {}) };
        return;
      }
      this.#drill = null;
      this.#drillProblem =
        answer.failure.kind === 'http' && answer.failure.reason === 'forbidden'
          ? 'forbidden'
          : 'failed';
    } finally {
      this.#drillLoading = false;
    }
  }

  closeDrill(): void {
    this.#drill = null;
    this.#drillProblem = null;
  }

  /** Where the report (or the tickets behind a number) downloads as CSV. */
  csvHref(
    filters: ReportFiltersInput,
    what: 'report' | 'tickets',
    number?: ReportNumber,
    group?: { dimension: ReportDimension; key: string }
  ): string {
    return this.#deps.api.reportCsvHref(this.#deps.workspaceId, {
      ...params(filters),
      what,
      ...(number ? { number } : {}),
      ...(group ? { dimension: group.dimension, key: group.key } : {})
    });
  }

  reset(): void {
    this.#generation++;
    this.#report = null;
    this.#cached = false;
    this.#loading = false;
    this.#problem = null;
    this.#problemText = '';
    this.#drill = null;
    this.#drillLoading = false;
    this.#drillProblem = null;
  }
}
