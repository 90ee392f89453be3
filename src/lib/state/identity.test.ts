import { describe, expect, it } from 'vitest';
import { memoryStorage, type KeyValueStorage } from '$lib/sync/storage';
import { IdentityStore } from './identity.svelte';
import { createApi } from '$lib/api/client';

const KEY = 'baton:identity';
const AINO = {
  identity: { memberId: 'member-aino', name: 'Aino Virtanen' },
  email: 'aino@example.test',
  workspaceId: 'demo-workspace',
  role: 'owner',
  workspaces: [{ id: 'demo-workspace', name: 'Demo', role: 'owner' }]
};
const MAYA_CACHED = { memberId: 'member-maya', name: 'Maya Lee', workspaceId: 'demo-workspace' };

/** A store whose every `/api/me` answers `answer` and is counted. */
function store(bootstrap: unknown, storage: KeyValueStorage = memoryStorage(), answer = AINO) {
  const calls: string[] = [];
  const identity = new IdentityStore({
    storage,
    bootstrap,
    api: createApi({
      fetch: (input) => {
        calls.push(String(input));
        return Promise.resolve(Response.json(answer));
      }
    })
  });
  return { identity, calls, storage };
}

function cachedAs(value: unknown): KeyValueStorage {
  const storage = memoryStorage();
  storage.setItem(KEY, JSON.stringify(value));
  return storage;
}

describe('IdentityStore with the identity the page brought', () => {
  it('is signed in at once, without asking the server, and keeps it for offline', () => {
    const { identity, calls, storage } = store(AINO);
    expect(identity.session).toEqual({
      memberId: 'member-aino',
      name: 'Aino Virtanen',
      workspaceId: 'demo-workspace',
      role: 'owner',
      workspaces: AINO.workspaces
    });
    expect(identity.confirmed).toBe(true);
    expect(identity.fromCache).toBe(false);
    expect(calls).toEqual([]);
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).toMatchObject({ memberId: 'member-aino' });
  });

  it('wins over another member cached on this device', () => {
    const { identity } = store(AINO, cachedAs(MAYA_CACHED));
    expect(identity.session?.memberId).toBe('member-aino');
  });

  it('a member without a workspace is signed in but has no session', () => {
    const { identity, storage } = store(
      { identity: AINO.identity, workspaceId: null },
      cachedAs(MAYA_CACHED)
    );
    expect(identity.session).toBeNull();
    expect(identity.signedInWithoutWorkspace).toBe(true);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it.each([
    ['no block', undefined],
    ['signed out', { identity: null, workspaceId: null }],
    ['a number', 42],
    ['a string', 'member-aino'],
    ['an empty member id', { identity: { memberId: '', name: 'X' }, workspaceId: 'w' }],
    ['an unknown role', { ...AINO, role: 'root' }],
    ['workspaces of the wrong shape', { ...AINO, workspaces: 'all' }]
  ])('falls back to the cached identity and asks the server for %s', async (_what, bootstrap) => {
    const { identity, calls } = store(bootstrap, cachedAs(MAYA_CACHED), AINO);
    expect(identity.session?.memberId).toBe('member-maya');
    expect(identity.fromCache).toBe(true);
    expect(identity.confirmed).toBe(false);
    await identity.load();
    expect(calls).toEqual(['/api/me']);
    expect(identity.confirmed).toBe(true);
    expect(identity.session?.memberId).toBe('member-aino');
  });
});
