/**
 * The audit log page: a filtered list, newest first, paged backwards from where the server
 * says the next page starts (a visit's edits are folded into its row, so a page may hold
 * fewer rows than asked for and still have more behind it).
 * A refusal (not an owner or admin) and a failure are told apart, so the page can say which.
 */
import type { AuditEvent, AuditQuery } from '$lib/contract/api';
import type { Api } from '$lib/api/client';

export const AUDIT_PAGE = 100;

export interface AuditLogDeps {
  api: Pick<Api, 'audit' | 'auditCsvHref'>;
  workspaceId: string;
}

export class AuditLogState {
  #events = $state.raw<AuditEvent[]>([]);
  #nextBefore = $state<number | null>(null);
  #loading = $state(false);
  #problem = $state<'forbidden' | 'failed' | null>(null);
  readonly #deps: AuditLogDeps;

  constructor(deps: AuditLogDeps) {
    this.#deps = deps;
  }

  get events(): readonly AuditEvent[] {
    return this.#events;
  }

  /** A full page came back: there may be older events. */
  get more(): boolean {
    return this.#nextBefore !== null;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** Why the last load showed nothing: the role may not read the log, or it failed. */
  get problem(): 'forbidden' | 'failed' | null {
    return this.#problem;
  }

  /** Where the filtered log downloads as CSV. */
  csvHref(filter: AuditQuery): string {
    return this.#deps.api.auditCsvHref(this.#deps.workspaceId, filter);
  }

  /** Loads the newest page for `filter`, or (`older`) the page before the last event shown. */
  async load(filter: AuditQuery, older = false): Promise<void> {
    this.#loading = true;
    try {
      const before = older ? (this.#nextBefore ?? undefined) : undefined;
      const answer = await this.#deps.api.audit(this.#deps.workspaceId, {
        ...filter,
        ...(before !== undefined ? { before } : {}),
        limit: AUDIT_PAGE
      });
      if (!answer.ok) {
        const { failure } = answer;
        this.#problem =
          failure.kind === 'http' && failure.reason === 'forbidden' ? 'forbidden' : 'failed';
        return;
      }
      this.#problem = null;
      const page = answer.value.events;
      this.#events = older ? [...this.#events, ...page] : page;
      this.#nextBefore = answer.value.nextBefore;
    } finally {
      this.#loading = false;
    }
  }

  reset(): void {
    this.#events = [];
    this.#nextBefore = null;
    this.#loading = false;
    this.#problem = null;
  }
}
