/**
 * Where a member's data lives on this device, and how it goes at sign-out.
 *
 * Every IndexedDB database (documents, the board's snapshot cache) and every localStorage key
 * (pending-change counts, server state vectors, the kept set, view preferences) the app writes
 * for a member starts with `memberPrefix(memberId)`: `baton@<member id>:`. So the next person
 * who signs in on the same browser gets their own copies, and signing out deletes exactly the
 * member's own — nobody else's, and nothing that is not Baton's. The cached identity
 * (`IDENTITY_KEY`) is the one key outside: it is read before anyone is known, holds only who
 * was signed in last, and is removed at sign-out too.
 *
 * Before the per-member names, everything was under `baton:` (`LEGACY_PREFIX`). That data
 * belongs to whoever was signed in then, which the cached identity still names: when it is the
 * member signing in now, their unsynced changes are flushed to the server first; in any case
 * the legacy data is then deleted, once (`retireLegacyData`).
 */
import type { KeyValueStorage } from './storage';

export const LEGACY_PREFIX = 'baton:';
/** The cached identity (see `identity.svelte.ts`): who was signed in, for offline starts. */
export const IDENTITY_KEY = 'baton:identity';

/** The prefix of every database name and storage key of this member. */
export function memberPrefix(memberId: string): string {
  return `baton@${encodeURIComponent(memberId)}:`;
}

/** The IndexedDB databases of this origin, by name (a port, so tests run without a browser). */
export interface LocalDatabases {
  names(): Promise<string[]>;
  remove(name: string): Promise<void>;
}

/** The browser's IndexedDB; lists nothing where `indexedDB.databases` is missing. */
export function browserDatabases(): LocalDatabases {
  return {
    async names() {
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
      const all = await indexedDB.databases();
      return all.flatMap((d) => (d.name ? [d.name] : []));
    },
    remove: (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
        // Another tab still has it open: it closes on `versionchange` (lib0 does), then this
        // request goes through; nothing to wait for here.
        request.onblocked = () => undefined;
      })
  };
}

/** The storage keys that start with `prefix` (read in full first: removing shifts indexes). */
export function keysWithPrefix(storage: KeyValueStorage, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** Deletes the databases and storage keys under `prefix`; returns what it deleted. */
async function clearPrefix(
  prefix: string,
  storage: KeyValueStorage,
  databases: LocalDatabases,
  keep: ReadonlySet<string> = new Set()
): Promise<{ keys: string[]; databases: string[] }> {
  const keys = keysWithPrefix(storage, prefix).filter((key) => !keep.has(key));
  for (const key of keys) storage.removeItem(key);
  const names = (await databases.names()).filter((name) => name.startsWith(prefix));
  await Promise.all(names.map((name) => databases.remove(name)));
  return { keys, databases: names };
}

/**
 * Deletes everything this member keeps on the device: their databases, their keys, and the
 * cached identity when it names them. Call it once their documents are closed.
 */
export async function clearMemberData(deps: {
  memberId: string;
  storage: KeyValueStorage;
  databases: LocalDatabases;
}): Promise<{ keys: string[]; databases: string[] }> {
  const { memberId, storage, databases } = deps;
  const cleared = await clearPrefix(memberPrefix(memberId), storage, databases);
  if (cachedMemberId(storage) === memberId) {
    storage.removeItem(IDENTITY_KEY);
    cleared.keys.push(IDENTITY_KEY);
  }
  return cleared;
}

/** The member the cached identity names, if any (read without trusting its shape). */
export function cachedMemberId(storage: KeyValueStorage): string | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(IDENTITY_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null || !('memberId' in value)) return null;
    return typeof value.memberId === 'string' ? value.memberId : null;
  } catch {
    return null;
  }
}

/** Whether anything is left under the names used before data was kept per member. */
export async function hasLegacyData(
  storage: KeyValueStorage,
  databases: LocalDatabases
): Promise<boolean> {
  if (keysWithPrefix(storage, LEGACY_PREFIX).some((key) => key !== IDENTITY_KEY)) return true;
  return (await databases.names()).some((name) => name.startsWith(LEGACY_PREFIX));
}

/**
 * Retires the data kept before names were per member. `owner` is the member it belonged to
 * (the identity cached when this version first started), `memberId` who is signed in now.
 * Only the owner's own unsynced changes are sent (`flush` syncs the legacy copies and returns
 * how many changes are still unsynced); if some are, everything stays for the next start.
 * Returns whether the legacy data is gone.
 */
export async function retireLegacyData(deps: {
  memberId: string;
  owner: string | null;
  storage: KeyValueStorage;
  databases: LocalDatabases;
  flush: () => Promise<number>;
}): Promise<boolean> {
  const { storage, databases } = deps;
  if (!(await hasLegacyData(storage, databases))) return true;
  if (deps.owner === deps.memberId && (await deps.flush()) > 0) return false;
  await clearPrefix(LEGACY_PREFIX, storage, databases, new Set([IDENTITY_KEY]));
  return true;
}
