/**
 * Helpers for the accounts and authorization tests: a workspace with one member per role,
 * signed in with real sessions (the cookie holds the token; SQLite only its hash), the stock
 * y-websocket client with those cookies or a bearer token, the batch sync through the very
 * services `POST /api/sync` calls, and a barrier that tells when the relay has handled
 * everything a client sent before it.
 */
import { existsSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import type { Baton } from '../../server/baton.ts';
import { databasePath } from '../../server/storage.ts';
import type { AccountMailer } from '../../server/accounts/mailer.ts';
import type { Role } from '../../src/lib/domain/roles.ts';
import { SESSION_COOKIE } from '../../src/lib/server/services.ts';
import { startBaton, until, type RunningBaton } from './helpers.ts';

export const ROLE_LIST: Role[] = ['owner', 'admin', 'agent', 'light-agent', 'viewer'];

export interface Person {
  id: string;
  name: string;
  email: string;
  role: Role | null;
  token: string;
  cookie: string;
}

let people = 0;

/** A user with a session (no password sign-in: the session is what the tests are about). */
export function person(
  baton: Baton,
  role: Role | null,
  label: string = role ?? 'stranger'
): Person {
  people++;
  const id = `user-${label}-${process.pid}-${people}`.replace(/[^a-z0-9-]/g, '-');
  const email = `${id}@example.test`;
  baton.accounts.ensureUser({ id, email, name: `Test ${label}` }, 'not-a-password-hash');
  const { token } = baton.accounts.createSession(id);
  return {
    id,
    name: `Test ${label}`,
    email,
    role,
    token,
    cookie: `${SESSION_COOKIE}=${token}`
  };
}

export interface Team {
  workspaceId: string;
  owner: Person;
  byRole: Map<Role, Person>;
  stranger: Person;
}

/** A workspace made by its owner, with one member of every other role and a stranger. */
export function team(baton: Baton): Team {
  const owner = person(baton, 'owner');
  const created = baton.accounts.createWorkspace(owner.id, { name: 'Matrix Ltd' }, { ip: null });
  if (!created.ok) throw new Error(created.message);
  const workspaceId = created.workspace.id;
  const byRole = new Map<Role, Person>([['owner', owner]]);
  for (const role of ROLE_LIST) {
    if (role === 'owner') continue;
    const p = person(baton, role);
    baton.accounts.ensureMembership(workspaceId, p.id, role);
    byRole.set(role, p);
  }
  // The stranger belongs to a workspace of their own, so has memberships — just not this one.
  const stranger = person(baton, null);
  const theirs = baton.accounts.createWorkspace(stranger.id, { name: 'Elsewhere' }, { ip: null });
  if (!theirs.ok) throw new Error(theirs.message);
  return { workspaceId, owner, byRole, stranger };
}

/** A `ws` WebSocket class that sends these headers on the upgrade. */
export function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The close event, once the server closed the socket (the provider stops on 44xx). */
  closed: { code: number; reason: string } | null;
  destroy(): void;
}

/** The stock `WebsocketProvider` with a cookie or a bearer token. */
export function client(
  syncUrl: string,
  name: string,
  headers: Record<string, string>,
  doc = new Y.Doc()
): Client {
  const provider = new WebsocketProvider(syncUrl, name, doc, {
    WebSocketPolyfill: socketWith(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
  const out: Client = {
    doc,
    provider,
    closed: null,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    }
  };
  provider.on('connection-close', (event) => {
    if (event) out.closed = { code: event.code, reason: event.reason };
  });
  return out;
}

/** Waits until the client synced (`'synced'`) or the server closed it (its close code). */
export async function outcome(c: Client, what: string): Promise<'synced' | number> {
  await until(() => c.provider.synced || c.closed !== null, `${what}: synced or closed`);
  return c.closed ? c.closed.code : 'synced';
}

/**
 * Resolves once the relay has handled everything this client sent so far: a sync step 1 sent
 * on the same socket is answered in order, after the messages before it. Also resolves when
 * the server closes the socket instead.
 */
export async function barrier(c: Client, what: string): Promise<void> {
  const ws = c.provider.ws as unknown as WebSocket | null;
  if (!ws || ws.readyState !== WebSocket.OPEN || c.closed) return;
  let answered = false;
  // The provider sets binaryType 'arraybuffer'.
  const onMessage = (data: ArrayBuffer | Buffer) => {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    if (bytes[0] === 0 && bytes[1] === 1) answered = true;
  };
  ws.on('message', onMessage);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(c.doc));
  ws.send(encoding.toUint8Array(encoder));
  try {
    await until(() => answered || c.closed !== null, `${what}: the relay answered the barrier`);
  } finally {
    ws.off('message', onMessage);
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export type BatchDoc =
  | { ok: true; name: string; update: string; stateVector: string }
  | { ok: false; name: string; reason: string; detail: string };

/** One document through the batch sync, exactly as `POST /api/sync` runs it. */
export async function batch(
  baton: Baton,
  headers: Record<string, string>,
  name: string,
  update?: Uint8Array
): Promise<{ status: number; doc: BatchDoc | null }> {
  const request = new Request('http://127.0.0.1/api/sync', { method: 'POST', headers });
  const identity = await baton.services.identify(request, '127.0.0.1');
  if (!identity) return { status: 401, doc: null };
  const { renewedSession: _renewed, ...plain } = identity;
  const result = await baton.services.batchSync(plain, {
    v: 1,
    docs: [
      {
        name,
        stateVector: '',
        ...(update ? { update: b64(update) } : {})
      }
    ]
  });
  const body = result.body as { docs?: BatchDoc[] };
  return { status: result.status, doc: body.docs?.[0] ?? null };
}

/** A Baton on port 0 like `startBaton`, signed in by real sessions only, with a clock and an
 * account mailer of the test's own. */
export function startWith(
  dataDir: string,
  deps: {
    clock?: { now(): number };
    accountMailer?: AccountMailer;
    verifyPassword?: (stored: string, password: string) => Promise<boolean>;
  } = {}
): Promise<RunningBaton> {
  return startBaton(dataDir, { devIdentity: false }, deps);
}

/** Every byte SQLite holds for Baton (database and WAL), to look for secrets in. */
export function databaseBytes(dataDir: string): Buffer {
  const path = databasePath(dataDir);
  return Buffer.concat(
    [path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p))
  );
}
