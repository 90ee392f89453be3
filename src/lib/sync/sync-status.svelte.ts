/**
 * What the UI shows about synchronisation: online or offline (the browser's view and whether
 * the server answered), whether something is being synced right now, and how many local
 * changes the server has not confirmed yet. Written by the sync client, read by components.
 */
import type { RelayStatus } from './doc-pool';
import { realTimers, type Timers } from './timers';

export type SyncState = 'online' | 'offline' | 'syncing';

/** How long changes may wait for the server while online before the header counts them. */
export const PENDING_GRACE_MS = 2000;

export class SyncStatus {
  #browserOnline = $state(true);
  #reachable = $state(true);
  #batches = $state(0);
  #relayConnecting = $state(false);
  #pending = $state(0);
  /** Whether the current pending changes have waited longer than the grace period. */
  #overdue = $state(false);
  #cancelGrace: (() => void) | null = null;
  readonly #clock: Timers;
  #lastError = $state<string | null>(null);
  #lastSyncedAt = $state<number | null>(null);
  /** Bumped when a document's local copy was dropped, so that screens acquire it afresh. */
  #generations = $state.raw<Readonly<Record<string, number>>>({});

  constructor(browserOnline = true, clock: Timers = realTimers) {
    this.#browserOnline = browserOnline;
    this.#clock = clock;
  }

  get state(): SyncState {
    if (!this.#browserOnline || !this.#reachable) return 'offline';
    if (this.#batches > 0 || this.#relayConnecting) return 'syncing';
    return 'online';
  }

  get online(): boolean {
    return this.state !== 'offline';
  }

  get syncing(): boolean {
    return this.#batches > 0 || this.#relayConnecting;
  }

  /** Documents with changes the server has not confirmed (see `PendingLedger.total`). */
  get pending(): number {
    return this.#pending;
  }

  /**
   * The count to show: offline at once, online only once the changes have waited longer than
   * `PENDING_GRACE_MS` — the server usually confirms an edit within a second, and a counter
   * that flashes after every keystroke says nothing.
   */
  get shownPending(): number {
    if (this.#pending === 0) return 0;
    return this.state === 'offline' || this.#overdue ? this.#pending : 0;
  }

  get lastError(): string | null {
    return this.#lastError;
  }

  get lastSyncedAt(): number | null {
    return this.#lastSyncedAt;
  }

  generation(name: string): number {
    return this.#generations[name] ?? 0;
  }

  setBrowserOnline(online: boolean): void {
    this.#browserOnline = online;
  }

  setReachable(reachable: boolean): void {
    this.#reachable = reachable;
  }

  setRelay(statuses: readonly RelayStatus[]): void {
    this.#relayConnecting = statuses.some((s) => s === 'connecting');
    if (statuses.some((s) => s === 'connected')) this.#reachable = true;
    else if (statuses.length > 0 && statuses.every((s) => s === 'disconnected')) {
      this.#reachable = false;
    }
  }

  beginBatch(): void {
    this.#batches++;
  }

  endBatch(result: { ok: true; at: number } | { ok: false; error: string | null }): void {
    this.#batches = Math.max(0, this.#batches - 1);
    if (result.ok) {
      this.#lastSyncedAt = result.at;
      this.#lastError = null;
    } else {
      this.#lastError = result.error;
    }
  }

  setPending(count: number): void {
    this.#pending = count;
    if (count === 0) {
      this.#cancelGrace?.();
      this.#cancelGrace = null;
      this.#overdue = false;
    } else if (!this.#cancelGrace && !this.#overdue) {
      // From the first unconfirmed change on; more changes do not restart the wait.
      this.#cancelGrace = this.#clock.later(() => {
        this.#cancelGrace = null;
        this.#overdue = true;
      }, PENDING_GRACE_MS);
    }
  }

  bumpGeneration(name: string): void {
    this.#generations = { ...this.#generations, [name]: this.generation(name) + 1 };
  }

  reset(): void {
    this.#browserOnline = true;
    this.#reachable = true;
    this.#batches = 0;
    this.#relayConnecting = false;
    this.setPending(0);
    this.#lastError = null;
    this.#lastSyncedAt = null;
    this.#generations = {};
  }
}
