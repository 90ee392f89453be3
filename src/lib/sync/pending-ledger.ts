/**
 * Which documents hold local changes the server has not confirmed, and how many.
 *
 * Every local transaction on a document (an edit by this user, as opposed to updates from
 * IndexedDB, the relay or the batch sync) adds one to the document's count. The count is
 * kept in storage (localStorage) under one key per document, so that a reload while offline
 * still knows what is unsynced, and two tabs only ever overwrite each other's count for the
 * same document. A document's count is cleared only when the server's state vector covers
 * the local one (see `state-vector.ts`): counting down would drift, covering cannot.
 *
 * What a person calls "a change" is not a transaction (typing a sentence is dozens of them):
 * `total` is the number of documents with unconfirmed changes, i.e. one per ticket (and one
 * for the workspace's index) however much was typed into it.
 *
 * The ledger also remembers the last state vector the server reported for each document, so
 * that the next batch sends only what the server lacks.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import { decodeStateVector } from './state-vector';
import { safeSet, type KeyValueStorage } from './storage';

export class PendingLedger {
  readonly #storage: KeyValueStorage;
  readonly #countPrefix: string;
  readonly #vectorPrefix: string;
  readonly #counts = new Map<string, number>();
  readonly #listeners = new Set<() => void>();

  constructor(storage: KeyValueStorage, prefix: string) {
    this.#storage = storage;
    this.#countPrefix = `${prefix}pending:`;
    this.#vectorPrefix = `${prefix}sv:`;
    this.reload();
  }

  /** Re-reads the counts from storage (at start, and when another tab changed them). */
  reload(): void {
    this.#counts.clear();
    for (let i = 0; i < this.#storage.length; i++) {
      const key = this.#storage.key(i);
      if (!key?.startsWith(this.#countPrefix)) continue;
      const count = Number(this.#storage.getItem(key));
      if (Number.isInteger(count) && count > 0) {
        this.#counts.set(key.slice(this.#countPrefix.length), count);
      }
    }
    this.#emit();
  }

  /** Whether a storage event's key belongs to this ledger. */
  owns(key: string | null): boolean {
    return key === null || key.startsWith(this.#countPrefix);
  }

  add(name: string, count = 1): void {
    const next = (this.#counts.get(name) ?? 0) + count;
    this.#counts.set(name, next);
    safeSet(this.#storage, this.#countPrefix + name, String(next));
    this.#emit();
  }

  /** The server confirmed everything this replica had: nothing is pending any more. */
  clear(name: string): void {
    if (!this.#counts.has(name)) return;
    this.#counts.delete(name);
    this.#storage.removeItem(this.#countPrefix + name);
    this.#emit();
  }

  count(name: string): number {
    return this.#counts.get(name) ?? 0;
  }

  /** Documents with unconfirmed local changes: the count the header shows. */
  get total(): number {
    return this.#counts.size;
  }

  /** Documents with unconfirmed local changes. */
  dirty(): string[] {
    return [...this.#counts.keys()];
  }

  isDirty(name: string): boolean {
    return this.#counts.has(name);
  }

  serverVector(name: string): Uint8Array | null {
    const stored = this.#storage.getItem(this.#vectorPrefix + name);
    if (!stored || !/^[A-Za-z0-9+/]+={0,2}$/.test(stored)) return null;
    try {
      const vector = fromBase64(stored);
      return decodeStateVector(vector) ? vector : null;
    } catch {
      return null;
    }
  }

  setServerVector(name: string, vector: Uint8Array): void {
    safeSet(this.#storage, this.#vectorPrefix + name, toBase64(vector));
  }

  /** Forgets everything about a document (its local copy was dropped or evicted). */
  forget(name: string): void {
    this.#storage.removeItem(this.#vectorPrefix + name);
    this.clear(name);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
