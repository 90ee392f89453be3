/**
 * The bounded set of ticket documents kept in IndexedDB for offline use.
 *
 * The workspace index is always kept. Ticket documents the user opened or created are kept
 * in least-recently-used order up to `limit`; beyond it the oldest are evicted (their
 * IndexedDB databases deleted), except documents with unconfirmed local changes, which stay
 * until the server has them: evicting them would lose work.
 */
import { safeSet, type KeyValueStorage } from './storage';

export class RetentionList {
  readonly #storage: KeyValueStorage;
  readonly #key: string;
  readonly #limit: number;
  /** Most recently used first. */
  #names: string[];

  constructor(storage: KeyValueStorage, prefix: string, limit: number) {
    this.#storage = storage;
    this.#key = `${prefix}kept`;
    this.#limit = limit;
    this.#names = this.#read();
  }

  #read(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.#storage.getItem(this.#key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
    } catch {
      return [];
    }
  }

  #write(): void {
    safeSet(this.#storage, this.#key, JSON.stringify(this.#names));
  }

  get names(): readonly string[] {
    return this.#names;
  }

  has(name: string): boolean {
    return this.#names.includes(name);
  }

  /** Marks documents as just used (the first the most recent): one read and write for all. */
  touch(...names: string[]): void {
    const fresh = new Set(names);
    // Another tab may have touched documents too: start from what storage holds.
    this.#names = [...fresh, ...this.#read().filter((n) => !fresh.has(n))];
    this.#write();
  }

  /**
   * Keeps a document without making it the most recently used: it goes after every document
   * already kept (prefetched copies are the first to go when the set is full).
   */
  keepOlder(name: string): void {
    const names = this.#read();
    if (names.includes(name)) return;
    this.#names = [...names, name];
    this.#write();
  }

  remove(name: string): void {
    this.#names = this.#names.filter((n) => n !== name);
    this.#write();
  }

  /**
   * Removes and returns the documents beyond the limit that may be evicted now. Documents
   * for which `keep` answers true (unconfirmed changes, open on screen) stay in the list.
   */
  overflow(keep: (name: string) => boolean): string[] {
    const evicted: string[] = [];
    const kept: string[] = [];
    for (const name of this.#names) {
      if (kept.length < this.#limit || keep(name)) kept.push(name);
      else evicted.push(name);
    }
    if (evicted.length > 0) {
      this.#names = kept;
      this.#write();
    }
    return evicted;
  }
}
