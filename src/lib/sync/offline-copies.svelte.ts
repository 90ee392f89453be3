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
