/**
 * A member's local data is named after them and goes with them: the sync client writes its
 * databases and keys under the member's prefix, `clearMemberData` deletes exactly those (and
 * the cached identity naming them), and data from before per-member names is retired once.
 * IndexedDB is replaced by the in-memory persistence the sync client's own tests use.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '$lib/domain/doc-names';
import { createTicket, setPriority } from '$lib/domain/ticket';
import type { LocalPersistence } from './doc-pool';
import {
  IDENTITY_KEY,
  LEGACY_PREFIX,
  clearMemberData,
  keysWithPrefix,
  memberPrefix,
  retireLegacyData,
  type LocalDatabases
} from './local-data';
import { createSyncClient } from './sync-client';
import { SyncStatus } from './sync-status.svelte';
import { memoryStorage, type KeyValueStorage } from './storage';

/** Keeps each database's updates in memory, like y-indexeddb keeps them on disk. */
function memoryPersistence(): LocalPersistence & LocalDatabases {
  const stored = new Map<string, Uint8Array[]>();
  return {
    open(databaseName, doc) {
      const origin = { persistence: databaseName };
      const onUpdate = (update: Uint8Array, from: unknown) => {
        if (from !== origin)
          stored.set(databaseName, [...(stored.get(databaseName) ?? []), update]);
      };
      const whenLoaded = Promise.resolve().then(() => {
        const updates = stored.get(databaseName) ?? [];
        Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), origin, false);
        doc.on('update', onUpdate);
      });
      return { origin, whenLoaded, destroy: async () => doc.off('update', onUpdate) };
    },
    clear: async (databaseName) => void stored.delete(databaseName),
    names: async () => [...stored.keys()],
    remove: async (databaseName) => void stored.delete(databaseName)
  };
}

const offline = (async () => {
  throw new TypeError('Failed to fetch');
}) as typeof fetch;

/** A member's sync client, offline, who creates a ticket and changes it (unsynced). */
async function memberEdits(
  memberId: string,
  storage: KeyValueStorage,
  local: ReturnType<typeof memoryPersistence>
): Promise<string> {
  const sync = createSyncClient({
    origin: 'http://127.0.0.1:1',
    storagePrefix: memberPrefix(memberId),
    storage,
    fetch: offline,
    status: new SyncStatus(false),
    onSignedOut: () => undefined,
    onProblem: () => undefined,
    persistence: local,
    debounceMs: 1
  });
  const name = ticketDocName(`ticket-of-${memberId}`);
  const handle = sync.pool.acquire(name, { live: false });
  await handle.whenLoaded;
  const actor = { id: memberId, name: memberId };
  createTicket(
    handle.doc,
    { id: `ticket-of-${memberId}`, workspaceId: 'workspace-test', subject: 'Private' },
    actor,
    1
  );
  setPriority(handle.doc, 'urgent', actor, 2);
  sync.keep(name);
  handle.release();
  // Two edits of one ticket: one document with unconfirmed changes.
  expect(sync.status.pending).toBe(1);
  sync.destroy();
  return name;
}

describe('local data per member', () => {
  it('names every database and key of a member with their prefix', async () => {
    const storage = memoryStorage();
    const local = memoryPersistence();
    const name = await memberEdits('member-a', storage, local);
    const prefix = memberPrefix('member-a');
    expect(await local.names()).toEqual([`${prefix}${name}`]);
    const keys = keysWithPrefix(storage, '');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith(prefix))).toBe(true);
    expect(keys).toContain(`${prefix}pending:${name}`);
  });

  it('keeps two members apart, and a prefix never matches another member’s', () => {
    expect(memberPrefix('a')).not.toBe(memberPrefix('ab'));
    expect(memberPrefix('ab').startsWith(memberPrefix('a'))).toBe(false);
    expect(memberPrefix('x:y').startsWith(LEGACY_PREFIX)).toBe(false);
  });

  it('clearing a member deletes exactly their databases, keys and cached identity', async () => {
    const storage = memoryStorage();
    const local = memoryPersistence();
    await memberEdits('member-a', storage, local);
    const othersTicket = await memberEdits('member-b', storage, local);
    storage.setItem(IDENTITY_KEY, JSON.stringify({ memberId: 'member-a', name: 'A' }));
    storage.setItem('unrelated-app', 'stays');

    await clearMemberData({ memberId: 'member-a', storage, databases: local });

    expect(await local.names()).toEqual([`${memberPrefix('member-b')}${othersTicket}`]);
    expect(keysWithPrefix(storage, memberPrefix('member-a'))).toEqual([]);
    expect(keysWithPrefix(storage, memberPrefix('member-b')).length).toBeGreaterThan(0);
    expect(storage.getItem(IDENTITY_KEY)).toBeNull();
    expect(storage.getItem('unrelated-app')).toBe('stays');
  });

  it('the cached identity of someone else is left alone', async () => {
    const storage = memoryStorage();
    storage.setItem(IDENTITY_KEY, JSON.stringify({ memberId: 'member-b', name: 'B' }));
    await clearMemberData({ memberId: 'member-a', storage, databases: memoryPersistence() });
    expect(storage.getItem(IDENTITY_KEY)).not.toBeNull();
  });
});

describe('data from before per-member names', () => {
  async function legacy(): Promise<{
    storage: KeyValueStorage;
    local: ReturnType<typeof memoryPersistence>;
  }> {
    const storage = memoryStorage();
    const local = memoryPersistence();
    storage.setItem(`${LEGACY_PREFIX}pending:t/old`, '3');
    storage.setItem(`${LEGACY_PREFIX}view-prefs`, '{}');
    storage.setItem(IDENTITY_KEY, JSON.stringify({ memberId: 'member-a', name: 'A' }));
    const doc = new Y.Doc();
    const opened = local.open(`${LEGACY_PREFIX}t/old`, doc);
    await opened.whenLoaded;
    doc.getMap('m').set('k', 1);
    await opened.destroy();
    return { storage, local };
  }

  it('its owner’s changes are flushed first, then it is deleted', async () => {
    const { storage, local } = await legacy();
    const flushed: string[] = [];
    const gone = await retireLegacyData({
      memberId: 'member-a',
      owner: 'member-a',
      storage,
      databases: local,
      flush: async () => {
        flushed.push('flushed');
        return 0;
      }
    });
    expect(gone).toBe(true);
    expect(flushed).toEqual(['flushed']);
    expect(await local.names()).toEqual([]);
    expect(keysWithPrefix(storage, LEGACY_PREFIX)).toEqual([IDENTITY_KEY]);
  });

  it('is kept when its owner’s changes could not be sent (tried again next start)', async () => {
    const { storage, local } = await legacy();
    const gone = await retireLegacyData({
      memberId: 'member-a',
      owner: 'member-a',
      storage,
      databases: local,
      flush: async () => 3
    });
    expect(gone).toBe(false);
    expect(await local.names()).toEqual([`${LEGACY_PREFIX}t/old`]);
  });

  it('someone else’s is deleted without being sent under this member’s name', async () => {
    const { storage, local } = await legacy();
    let flushed = false;
    await retireLegacyData({
      memberId: 'member-b',
      owner: 'member-a',
      storage,
      databases: local,
      flush: async () => {
        flushed = true;
        return 0;
      }
    });
    expect(flushed).toBe(false);
    expect(await local.names()).toEqual([]);
    expect(keysWithPrefix(storage, LEGACY_PREFIX)).toEqual([IDENTITY_KEY]);
  });
});
