/**
 * What the UI shows about copies kept on this device for offline use: which ticket documents
 * are kept (a ticket row shows "available offline"), how far a prefetch has got (a progress
 * bar while it fills), and whether the browser granted persistent storage (so it will not
 * evict IndexedDB under storage pressure). Written by the sync client, read by components.
 */
export interface PrefetchProgress {
  done: number;
  total: number;
}

/**
 * What the triage list says about its rows' offline copies: a progress bar while a prefetch
 * runs, else "all n" (with the tick) only when every row is kept, else "kept of total"
 * without a tick — a tick beside "0 of 2" claimed the list was ready.
 */
export type OfflineListState =
  | { kind: 'saving'; done: number; total: number }
  | { kind: 'all'; kept: number; total: number }
  | { kind: 'partial'; kept: number; total: number };

export function offlineListState(
  kept: number,
  total: number,
  progress: PrefetchProgress | null
): OfflineListState {
  if (progress) return { kind: 'saving', done: progress.done, total: progress.total };
  return { kind: total > 0 && kept >= total ? 'all' : 'partial', kept, total };
}

export type PersistState = 'unknown' | 'granted' | 'denied' | 'unsupported';

export class OfflineCopies {
  /** Replaced whole (never mutated), so one change re-renders once. */
  #kept = $state.raw<Readonly<Record<string, true>>>({});
  #count = $state(0);
  #progress = $state.raw<PrefetchProgress | null>(null);
  #persist = $state<PersistState>('unknown');

  /** Whether a copy of this document is kept on this device. */
  has(name: string): boolean {
    return Object.hasOwn(this.#kept, name);
  }

  get count(): number {
    return this.#count;
  }

  /** The running prefetch, or `null` when none runs. */
  get progress(): PrefetchProgress | null {
    return this.#progress;
  }

  get persist(): PersistState {
    return this.#persist;
  }

  setKept(names: Iterable<string>): void {
    const next: Record<string, true> = {};
    let count = 0;
    for (const name of names) {
      if (!Object.hasOwn(next, name)) count++;
      next[name] = true;
    }
    const same = count === this.#count && Object.keys(next).every((n) => this.has(n));
    if (same) return;
    this.#kept = next;
    this.#count = count;
  }

  setProgress(progress: PrefetchProgress | null): void {
    this.#progress = progress;
  }

  setPersist(state: PersistState): void {
    this.#persist = state;
  }

  reset(): void {
    this.#kept = {};
    this.#count = 0;
    this.#progress = null;
    this.#persist = 'unknown';
  }
}

/**
 * Asks the browser to keep this origin's storage even under pressure (it may grant it at
 * once, ask the user, or decide from engagement, e.g. an installed app).
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined
): Promise<PersistState> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
