/**
 * A cache of plain projections (e.g. the board's ticket summaries) in IndexedDB, so that a
 * cold start can paint before the Y.Doc is decoded: decoding a 10,000-ticket index from its
 * Yjs updates takes a few hundred milliseconds, reading one JSON string and parsing it a
 * few tens. The Y.Doc stays the source of truth: the cached copy is shown only until the
 * document has loaded, and is rewritten (when the app is idle) after it changed.
 */
import * as idb from 'lib0/indexeddb';

const STORE = 'snapshots';

export interface SnapshotCache {
  read(key: string): Promise<string | null>;
  write(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Closes the database for good: later reads find nothing and writes are dropped, so that
   * nothing recreates it after sign-out deleted it. */
  close(): void;
}

/** A cache in its own IndexedDB database; every failure reads as "nothing cached". */
export function createSnapshotCache(databaseName: string): SnapshotCache {
  let opened: Promise<IDBDatabase> | null = null;
  let closed = false;
  const db = () => {
    if (closed) return Promise.reject(new Error('The snapshot cache is closed.'));
    opened ??= idb.openDB(databaseName, (d) => idb.createStores(d, [[STORE]]));
    return opened;
  };
  return {
    async read(key) {
      try {
        const [store] = idb.transact(await db(), [STORE], 'readonly');
        if (!store) return null;
        const value: unknown = await idb.get(store, key);
        return typeof value === 'string' ? value : null;
      } catch {
        return null;
      }
    },
    async write(key, value) {
      try {
        const [store] = idb.transact(await db(), [STORE]);
        if (store) await idb.put(store, value, key);
      } catch {
        // A cache that cannot be written only makes the next cold start slower.
      }
    },
    async remove(key) {
      try {
        const [store] = idb.transact(await db(), [STORE]);
        if (store) await idb.del(store, key);
      } catch {
        // Nothing to remove.
      }
    },
    close() {
      closed = true;
      void opened?.then((d) => d.close()).catch(() => undefined);
      opened = null;
    }
  };
}
