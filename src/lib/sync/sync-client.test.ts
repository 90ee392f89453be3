/**
 * The sync client against the real server: a Baton (relay, storage, workers) on port 0, the
 * stock y-websocket client inside the pool, and the batch endpoint's own handler. Only
 * IndexedDB is replaced (node has none) by a store that keeps updates in memory the same way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ticketDocName } from '$lib/domain/doc-names';
import { newId } from '$lib/domain/ids';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  readTicketFields,
  setPriority,
  ticketParts
} from '$lib/domain/ticket';
import type { Actor } from '$lib/domain/schema';

/** A light agent of the demo workspace (server/demo/accounts.ts). */
const LIAM: Actor = { id: 'member-liam', name: 'Liam Nguyen' };
import {
  AINO,
  devPrincipal,
  WORKSPACE,
  startBaton,
  tempDir,
  until,
  webSocketAs,
  type RunningBaton
} from '../../../tests/integration/helpers';
import type { LocalPersistence } from './doc-pool';
import { createSyncClient, type SyncClient } from './sync-client';
import { SyncStatus } from './sync-status.svelte';
import { memoryStorage, type KeyValueStorage } from './storage';

/**
 * Keeps each document's updates like y-indexeddb does, in memory; survives a "reload" (pass
 * the `stored` of the one before). `loadDelayMs`: a slow device, or a large local copy.
 */
function memoryPersistence(
  options: { stored?: Map<string, Uint8Array[]>; loadDelayMs?: number } = {}
): LocalPersistence & { stored: Map<string, Uint8Array[]> } {
  const stored = options.stored ?? new Map<string, Uint8Array[]>();
  return {
    stored,
    open(databaseName, doc) {
      const origin = { persistence: databaseName };
      const onUpdate = (update: Uint8Array, from: unknown) => {
        if (from !== origin)
          stored.set(databaseName, [...(stored.get(databaseName) ?? []), update]);
      };
      const loaded = options.loadDelayMs
        ? new Promise<void>((resolve) => setTimeout(resolve, options.loadDelayMs))
        : Promise.resolve();
      const whenLoaded = loaded.then(() => {
        const updates = stored.get(databaseName) ?? [];
        Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), origin, false);
        doc.on('update', onUpdate);
      });
      return { origin, whenLoaded, destroy: async () => doc.off('update', onUpdate) };
    },
    async clear(databaseName) {
      stored.delete(databaseName);
    }
  };
}

let dir: ReturnType<typeof tempDir>;
let running: RunningBaton;
const clients: SyncClient[] = [];

beforeEach(async () => {
  dir = tempDir();
  running = await startBaton(dir.path);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await running.stop();
  dir.remove();
});

/** `fetch` for `/api/sync` that runs the server's own batch handler, or fails like offline. */
function batchFetch(online: () => boolean, member: Actor = AINO): typeof fetch {
  return (async (_url: RequestInfo | URL, init?: RequestInit) => {
    if (!online()) throw new TypeError('Failed to fetch');
    const result = await running.baton.services.batchSync(
      await devPrincipal(running.baton, member.id),
      JSON.parse(String(init?.body))
    );
    return new Response(JSON.stringify(result.body), {
      status: result.status,
      headers: { 'content-type': 'application/json' }
    });
  }) as typeof fetch;
}

function client(options: {
  storage: KeyValueStorage;
  persistence: LocalPersistence;
  online?: () => boolean;
  problems?: string[];
  member?: Actor;
  WebSocketPolyfill?: typeof WebSocket;
}): SyncClient {
  const made = createSyncClient({
    origin: `http://127.0.0.1:${running.port}`,
    storagePrefix: 'test:',
    storage: options.storage,
    fetch: batchFetch(options.online ?? (() => true), options.member),
    status: new SyncStatus(true),
    onSignedOut: () => options.problems?.push('signed out'),
    onProblem: (message) => options.problems?.push(message),
    debounceMs: 20,
    idleMs: 50,
    persistence: options.persistence,
    WebSocketPolyfill:
      options.WebSocketPolyfill ??
      (webSocketAs((options.member ?? AINO).id) as unknown as typeof WebSocket)
  });
  clients.push(made);
  return made;
}

async function serverTicket(name: string) {
  const result = await running.baton.services.batchSync(
    await devPrincipal(running.baton, AINO.id),
    {
      v: 1,
      docs: [
        { name, stateVector: Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('base64') }
      ]
    }
  );
  const body = result.body as { docs: { ok: boolean; update?: string }[] };
  const doc = new Y.Doc();
  const first = body.docs[0];
  if (first?.ok && first.update) Y.applyUpdate(doc, Buffer.from(first.update, 'base64'));
  return readTicketFields(doc);
}

async function createOffline(sync: SyncClient, subject: string): Promise<string> {
  const name = ticketDocName(newId());
  const handle = sync.pool.acquire(name, { live: false });
  await handle.whenLoaded;
  createTicket(
    handle.doc,
    { id: name.slice(2), workspaceId: WORKSPACE, subject },
    AINO,
    Date.now()
  );
  handle.release();
  return name;
}

describe('sync client', () => {
  it('counts offline changes, keeps the count across a reload, and clears it once the server has them', async () => {
    const storage = memoryStorage();
    const persistence = memoryPersistence();
    let online = false;
    const before = client({ storage, persistence, online: () => online });
    const name = await createOffline(before, 'Printer on fire');
    expect(before.pendingCount(name)).toBe(1);
    await before.flush();
    expect(before.status.state).toBe('offline');
    expect(before.status.pending).toBe(1);
    before.destroy();

    online = true;
    const after = client({ storage, persistence, online: () => online });
    expect(after.status.pending).toBe(1);
    await after.flush();
    expect(after.status.pending).toBe(0);
    expect((await serverTicket(name))?.subject).toBe('Printer on fire');
  });

  it('pulls a ticket it has never seen for an edit away from its screen', async () => {
    const author = client({ storage: memoryStorage(), persistence: memoryPersistence() });
    const name = await createOffline(author, 'Created elsewhere');
    await author.flush();

    const other = client({ storage: memoryStorage(), persistence: memoryPersistence() });
    const handle = await other.openForEdit(name, (doc) => readTicketFields(doc) !== null);
    expect(handle && readTicketFields(handle.doc)?.subject).toBe('Created elsewhere');
    handle?.release();

    const offline = client({
      storage: memoryStorage(),
      persistence: memoryPersistence(),
      online: () => false
    });
    offline.status.setBrowserOnline(false);
    expect(await offline.openForEdit(name, (doc) => readTicketFields(doc) !== null)).toBeNull();
  });

  it('opens a document kept on the device live without sending or fetching it whole again', async () => {
    const persistence = memoryPersistence();
    const first = client({ storage: memoryStorage(), persistence });
    const name = await createOffline(first, 'A long conversation');
    const made = first.pool.acquire(name, { live: false });
    await made.whenLoaded;
    for (let i = 0; i < 20; i++) {
      addThreadEntry(
        made.doc,
        'note',
        `Note ${i}: ${'checked the logs again. '.repeat(8)}`,
        AINO,
        Date.now()
      );
    }
    const size = Y.encodeStateAsUpdate(made.doc).byteLength;
    made.release();
    await first.flush();
    first.destroy();

    // The next start: the local copy loads slower than the socket connects (a large copy).
    const slow = memoryPersistence({ stored: persistence.stored, loadDelayMs: 300 });
    // Bytes each way on the document's socket.
    let sent = 0;
    let received = 0;
    const bytes = (data: unknown) =>
      typeof data === 'string' ? data.length : (data as ArrayBufferLike).byteLength;
    const Counting = class extends webSocketAs(AINO.id) {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.addEventListener('message', (event) => (received += bytes(event.data)));
      }
      override send(data: Parameters<WebSocket['send']>[0]) {
        sent += bytes(data);
        super.send(data);
      }
    };
    const problems: string[] = [];
    const next = client({
      storage: memoryStorage(),
      persistence: slow,
      problems,
      WebSocketPolyfill: Counting as unknown as typeof WebSocket
    });
    const handle = next.pool.acquire(name, { live: true });
    expect(handle.awareness).not.toBeNull();
    await handle.whenLoaded;
    await until(() => next.pool.relayStatuses().includes('connected'), 'relay connected');
    addThreadEntry(handle.doc, 'note', 'One more.', AINO, Date.now());
    const entries = ticketParts(handle.doc).thread.length;
    await until(
      () => running.baton.docs.read(name, (doc) => ticketParts(doc).thread.length) === entries,
      'the new note on the server'
    );
    // State vectors, small diffs, one note and presence: not the whole document again.
    expect(sent).toBeLessThan(size / 4);
    expect(received).toBeLessThan(size / 4);
    expect(problems).toEqual([]);
    handle.release();
  });

  it('drops a live document whose change the relay rejects (4422) and reloads it from the server', async () => {
    const problems: string[] = [];
    const persistence = memoryPersistence();
    const sync = client({ storage: memoryStorage(), persistence, problems });
    const name = await createOffline(sync, 'Numbers are the server’s');
    await sync.flush();

    const handle = sync.pool.acquire(name, { live: true });
    await handle.whenLoaded;
    // Once the server's number has arrived over the relay, changing it is a clear violation
    // (before that, a concurrent numbering could win the merge and make the change moot).
    await until(() => (readTicketFields(handle.doc)?.number ?? null) !== null, 'ticket numbered');
    ticketParts(handle.doc).fields.set('number', 999);
    await until(() => sync.status.generation(name) === 1, 'the rejected document dropped');
    expect(handle.stale).toBe(true);
    expect(problems.join(' ')).toMatch(/refused a change/);
    expect(sync.pendingCount(name)).toBe(0);

    const fresh = sync.pool.acquire(name, { live: true });
    await until(() => readTicketFields(fresh.doc) !== null, 'ticket reloaded from the relay');
    expect(readTicketFields(fresh.doc)?.number).not.toBe(999);
    fresh.release();
  });

  it('a light agent’s change beyond notes (4403) is dropped with the server’s reason; notes go through', async () => {
    const owner = client({ storage: memoryStorage(), persistence: memoryPersistence() });
    const name = await createOffline(owner, 'Light agents watch this');
    await owner.flush();

    const problems: string[] = [];
    const light = client({
      storage: memoryStorage(),
      persistence: memoryPersistence(),
      problems,
      member: LIAM
    });
    const handle = light.pool.acquire(name, { live: true });
    await until(() => readTicketFields(handle.doc) !== null, 'the light agent has the ticket');
    setPriority(handle.doc, 'urgent', LIAM, Date.now());
    await until(() => light.status.generation(name) === 1, 'the refused change dropped');
    expect(problems.join(' ')).toMatch(/Light agents may only add internal notes/);
    expect((await serverTicket(name))?.priority).not.toBe('urgent');
    handle.release();

    const fresh = light.pool.acquire(name, { live: true });
    await until(() => readTicketFields(fresh.doc) !== null, 'reloaded from the relay');
    addThreadEntry(fresh.doc, 'note', 'Seen, passing on.', LIAM, Date.now());
    await light.flush();
    await until(async () => {
      const result = await running.baton.services.batchSync(
        await devPrincipal(running.baton, AINO.id),
        { v: 1, docs: [{ name, stateVector: '' }] }
      );
      const first = (result.body as { docs: { ok: boolean; update?: string }[] }).docs[0];
      const doc = new Y.Doc();
      if (first?.ok && first.update) Y.applyUpdate(doc, Buffer.from(first.update, 'base64'));
      return readTicket(doc)?.thread.some((e) => e.body === 'Seen, passing on.') === true;
    }, 'the light agent’s note is stored');
    fresh.release();
  });

  it('drops a change the batch sync rejects instead of retrying it forever', async () => {
    const problems: string[] = [];
    const sync = client({ storage: memoryStorage(), persistence: memoryPersistence(), problems });
    const name = await createOffline(sync, 'Batch rejection');
    await sync.flush();
    await until(
      async () => ((await serverTicket(name))?.number ?? null) !== null,
      'ticket numbered'
    );
    await sync.push([name]);
    const handle = sync.pool.acquire(name, { live: false });
    await handle.whenLoaded;
    expect(readTicketFields(handle.doc)?.number).not.toBeNull();
    ticketParts(handle.doc).fields.set('number', 4242);
    handle.release();
    await sync.flush();
    expect(sync.status.generation(name)).toBe(1);
    expect(sync.status.pending).toBe(0);
    expect(problems.join(' ')).toMatch(/server-owned|assigned by the server/);
    expect((await serverTicket(name))?.number).not.toBe(4242);
  });
});
