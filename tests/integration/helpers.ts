/**
 * Helpers for integration tests: a real Baton on port 0 over a temp folder, the stock
 * y-websocket client with a development identity, a raw protocol client for garbage, and a
 * look into the SQLite file. Every wait is bounded and named.
 */
import { afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import { createBaton, type Baton, type BatonDeps } from '../../server/baton.ts';
import { testConfig, type BatonConfig } from '../../server/config.ts';
import { databasePath } from '../../server/storage.ts';
import { journalPath, readJournal } from '../../server/update-journal.ts';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import type { Principal } from '../../src/lib/server/principal.ts';
import { createTicket, type NewTicket } from '../../src/lib/domain/ticket.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';

export const WORKSPACE = 'demo-workspace';
export const AINO: Actor = { id: 'member-aino', name: 'Aino Virtanen' };
export const MADS: Actor = { id: 'member-mads', name: 'Mads Jensen' };

/** Waits until `check` holds, polling; fails naming `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Cleanup = () => Promise<void> | void;

/** Cleanups for the tests of one `describe`: pushed during a test, run in reverse after it. */
export function cleanupAfterEach(): { push(cleanup: Cleanup): void } {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return { push: (cleanup) => void cleanups.push(cleanup) };
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'baton-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface RunningBaton {
  baton: Baton;
  server: Server;
  port: number;
  /** `ws://127.0.0.1:<port>/sync`, the WebsocketProvider's server URL. */
  syncUrl: string;
  config: BatonConfig;
  stop(): Promise<void>;
}

/** A real Baton (relay, storage, workers, demo seed) behind an HTTP server on port 0. */
export async function startBaton(
  dataDir: string,
  overrides: Partial<BatonConfig> = {},
  deps: Omit<BatonDeps, 'register' | 'log'> = {}
): Promise<RunningBaton> {
  // The development cookie keeps these tests about the relay; auth*.test.ts use real sessions.
  const config = testConfig({ dataDir, unloadGraceMs: 100, devIdentity: true, ...overrides });
  const baton = await createBaton(config, { register: false, log: () => {}, ...deps });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    if (!baton.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baton,
    server,
    port,
    config,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    async stop() {
      await baton.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

/** The principal a request signed in as `memberId` with the development cookie is made by. */
export async function devPrincipal(baton: Baton, memberId: string): Promise<Principal> {
  const found = await baton.services.identify(
    new Request('http://127.0.0.1/api/sync', {
      headers: { cookie: `${DEV_MEMBER_COOKIE}=${memberId}` }
    }),
    '127.0.0.1'
  );
  if (!found) throw new Error(`${memberId} is not a user here`);
  const { renewedSession: _renewed, ...principal } = found;
  return principal;
}

/** A `ws` WebSocket that signs in as `memberId` with the development cookie. */
export function webSocketAs(
  memberId: string | null,
  origin?: string
): new (address: string, protocols?: string | string[]) => WebSocket {
  const headers: Record<string, string> = {};
  if (memberId) headers.cookie = `${DEV_MEMBER_COOKIE}=${memberId}`;
  if (origin) headers.origin = origin;
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/** The stock y-websocket client, as the browser uses it, signed in as `memberId`. */
export function connect(
  syncUrl: string,
  docName: string,
  doc: Y.Doc,
  memberId: string = AINO.id
): WebsocketProvider {
  return new WebsocketProvider(syncUrl, docName, doc, {
    WebSocketPolyfill: webSocketAs(memberId) as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
}

export async function synced(provider: WebsocketProvider, what: string): Promise<void> {
  await until(() => provider.synced, `${what} synced`);
}

export interface RawClient {
  ws: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | number[]): void;
}

/** A bare WebSocket on `/sync/<docName>`, for feeding the relay what no real client sends. */
export function rawClient(
  port: number,
  docName: string,
  options: { memberId?: string | null; origin?: string } = {}
): RawClient {
  const Ws = webSocketAs(
    options.memberId === undefined ? AINO.id : options.memberId,
    options.origin
  );
  const ws = new Ws(`ws://127.0.0.1:${port}/sync/${docName}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString() })
    );
  });
  return {
    ws,
    received,
    opened,
    closed,
    send: (bytes) => ws.send(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))
  };
}

/** Resolves with the close event, or fails naming `what` after `timeoutMs`. */
export async function closedWithin(
  client: RawClient,
  what: string,
  timeoutMs = 5000
): Promise<{ code: number; reason: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`)),
      timeoutMs
    );
  });
  try {
    return await Promise.race([client.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A y-websocket sync message (`0`, subtype, payload). */
export function syncMessage(subtype: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * What the server holds on disk for a document: its log (the rows in SQLite, read through a
 * connection of its own, then the records still in the update journal) and its snapshot.
 */
export function storedRows(
  dataDir: string,
  name: string
): { log: Buffer[]; snapshot: Buffer | null } {
  const db = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    const log = db
      .prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE name = ? ORDER BY seq'
      )
      .all(name)
      .map((row) => row.data);
    let journal: Uint8Array;
    try {
      journal = readFileSync(journalPath(databasePath(dataDir)));
    } catch {
      journal = new Uint8Array(0);
    }
    for (const record of readJournal(journal).records) {
      if (record.name === name) log.push(Buffer.from(record.update));
    }
    const snapshot =
      db
        .prepare<[string], { data: Buffer }>('SELECT data FROM doc_snapshots WHERE name = ?')
        .get(name)?.data ?? null;
    return { log, snapshot };
  } finally {
    db.close();
  }
}

/** A new ticket in the demo workspace, created on `doc` the way the browser does it. */
export function newTicket(doc: Y.Doc, input: Partial<NewTicket> & { id: string }, actor = AINO) {
  return createTicket(
    doc,
    { workspaceId: WORKSPACE, subject: 'Printer on fire', channel: 'web', ...input },
    actor,
    Date.now()
  );
}

/** Deterministic ticket ids per test run. */
let counter = 0;
export function ticketId(label: string): string {
  counter++;
  return `${label}-${process.pid}-${counter}-${Date.now().toString(36)}`.toLowerCase().slice(0, 64);
}
