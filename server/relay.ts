/**
 * The WebSocket relay: `/sync/<doc-name>`, speaking the y-websocket protocol so that the stock
 * `WebsocketProvider` works unchanged.
 *
 * Every socket is accepted at the HTTP level and then, if it may not stay, closed with a 44xx
 * code: browsers do not expose HTTP statuses of failed upgrades, while the y-websocket client
 * stops reconnecting on 4400–4499 and reports the code. A member and a remote address may
 * hold only so many sockets at once (4429). Per connection, each frame passes the size cap
 * and a rate limit that counts both messages and bytes, then is decoded strictly (one message
 * per frame, no trailing bytes). Updates go through `DocManager.applyFromClient`; a rejection
 * closes only that connection, with the reason, and nothing of it is stored. Presence goes
 * through the document's `PresenceRoom` (ownership of client ids, size caps, the presence
 * contract). Read-only connections get answers to their sync step 1, all updates and
 * everyone's presence, but what they send is dropped.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { parseDocName } from '../src/lib/domain/doc-names.ts';
import type { DocManager, DocPeer, LiveDoc, Writer } from './documents.ts';
import { PresenceRoom, type PresenceRefusal, type PresenceSpeaker } from './presence.ts';
import { writerOf, type Access, type Authorizer } from './auth.ts';
import type { Principal } from '../src/lib/server/principal.ts';
import { CLOSE } from '../src/lib/contract/relay.ts';
import type { BatonConfig } from './config.ts';
import { clientAddress } from './client-address.ts';
import { binaryFrame, socketUnder } from './broadcast-frame.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

const SYNC_PATH = '/sync/';

/** Close reasons are limited to 123 bytes of UTF-8; cut on a character boundary. */
export function closeReason(text: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).byteLength <= 123) return text;
  let out = '';
  for (const char of text) {
    if (encoder.encode(out + char + '…').byteLength > 123) break;
    out += char;
  }
  return out + '…';
}

export function isSyncPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(SYNC_PATH);
}

/** The document name of an upgrade URL, or `null` when it names none. */
export function docNameOf(url: string | undefined): string | null {
  if (!url || !url.startsWith(SYNC_PATH)) return null;
  const path = url.slice(SYNC_PATH.length).split(/[?#]/, 1)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

class MalformedFrame extends Error {}

/**
 * Two token buckets per connection, refilled from one clock reading: messages (`burst` at
 * once, `perSecond` after) and bytes. A frame takes from both or from neither.
 */
class RateBudget {
  #messages: number;
  #bytes: number;
  #last: number;
  constructor(
    readonly messages: { burst: number; perSecond: number },
    readonly bytes: { burst: number; perSecond: number }
  ) {
    this.#messages = messages.burst;
    this.#bytes = bytes.burst;
    this.#last = performance.now();
  }
  /** `null` if the frame may pass, else which budget it would overdraw. */
  take(size: number): 'messages' | 'bytes' | null {
    const now = performance.now();
    const seconds = (now - this.#last) / 1000;
    this.#last = now;
    this.#messages = Math.min(
      this.messages.burst,
      this.#messages + seconds * this.messages.perSecond
    );
    this.#bytes = Math.min(this.bytes.burst, this.#bytes + seconds * this.bytes.perSecond);
    if (this.#messages < 1) return 'messages';
    if (this.#bytes < size) return 'bytes';
    this.#messages -= 1;
    this.#bytes -= size;
    return null;
  }
  /** Gives the message back (its bytes stay spent). */
  refundMessage(): void {
    this.#messages = Math.min(this.messages.burst, this.#messages + 1);
  }
}

/**
 * The sync-update message of the last update broadcast. `DocManager` hands the same update
 * object to every peer of a document in one loop, so with 50 peers it is encoded once, not 50
 * times. A client's own sync-update frame is already that message: `primeUpdateMessage` lends
 * it, so a relayed keystroke is not encoded at all.
 */
let lastUpdate: Uint8Array | null = null;
let lastMessage: Uint8Array = new Uint8Array(0);

function primeUpdateMessage(update: Uint8Array, message: Uint8Array): void {
  lastUpdate = update;
  lastMessage = message;
}

function updateMessage(update: Uint8Array): Uint8Array {
  if (update !== lastUpdate) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    lastMessage = encoding.toUint8Array(encoder);
    lastUpdate = update;
  }
  return lastMessage;
}

/**
 * The WebSocket frame of the last message sent to many peers (an update or a presence
 * change): the same bytes are written to each peer's socket (`broadcast-frame.ts`).
 */
let lastShared: Uint8Array | null = null;
let lastSharedFrame: Buffer = Buffer.alloc(0);

function sharedFrame(message: Uint8Array): Buffer {
  if (message !== lastShared) {
    lastSharedFrame = binaryFrame(message);
    lastShared = message;
  }
  return lastSharedFrame;
}

class Connection implements DocPeer, PresenceSpeaker {
  alive = true;
  closed = false;
  /** Accepted changes on this connection, and the audit row that counts them. */
  changes = 0;
  auditId: number | null = null;
  /** Awareness client ids this connection introduced (kept by its `PresenceRoom`). */
  readonly presenceIds = new Set<number>();
  readonly budget: RateBudget;
  /** Set right after the connection is attached to its document, before any message is read. */
  live!: LiveDoc;
  presence!: PresenceRoom;
  /** Where relayed updates are written, framed once for all peers (`broadcast-frame.ts`). */
  readonly #tcp: Socket | null;

  constructor(
    readonly socket: WebSocket,
    readonly identity: Principal,
    readonly access: Access,
    readonly address: string,
    config: BatonConfig
  ) {
    // A frame of the largest size allowed must fit in a full byte bucket.
    this.budget = new RateBudget(config.rateLimit, {
      burst: Math.max(config.byteRateLimit.burst, config.maxMessageBytes),
      perSecond: config.byteRateLimit.perSecond
    });
    this.#tcp = socketUnder(socket);
  }

  get memberId(): string {
    return this.identity.memberId;
  }

  get writer(): Writer {
    return (this.#writer ??= writerOf(this.identity));
  }
  #writer: Writer | null = null;

  deliver(update: Uint8Array): void {
    this.sendShared(updateMessage(update));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(message);
  }

  sendShared(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    if (this.#tcp) this.#tcp.write(sharedFrame(message));
    else this.socket.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, closeReason(reason));
  }
}

export interface RelayOptions {
  config: BatonConfig;
  docs: DocManager;
  auth: Authorizer;
  log?: (message: string, error?: unknown) => void;
}

export class Relay {
  readonly #config: BatonConfig;
  readonly #docs: DocManager;
  readonly #auth: Authorizer;
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<Connection>();
  readonly #rooms = new WeakMap<LiveDoc, PresenceRoom>();
  /** Open sockets per member id and per remote address, for the caps in `maxSockets`. */
  readonly #perMember = new Map<string, number>();
  readonly #perAddress = new Map<string, number>();
  readonly #pingTimer: ReturnType<typeof setInterval>;
  readonly #log: (message: string, error?: unknown) => void;

  constructor(options: RelayOptions) {
    this.#config = options.config;
    this.#docs = options.docs;
    this.#auth = options.auth;
    this.#log =
      options.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''));
    // ws closes with 1009 above maxPayload; our own cap (4413, with a reason) sits below it.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.config.maxMessageBytes * 2 + 1024 * 1024,
      perMessageDeflate: false
    });
    this.#pingTimer = setInterval(() => this.#keepAlive(), options.config.pingIntervalMs);
    this.#pingTimer.unref();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Handles an HTTP upgrade; returns `false` (and touches nothing) if it is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!isSyncPath(req.url)) return false;
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws, req));
    return true;
  }

  #onSocket(ws: WebSocket, req: IncomingMessage): void {
    ws.binaryType = 'nodebuffer';
    ws.on('error', (error) => this.#log('WebSocket error', error));
    const name = docNameOf(req.url);
    const ref = name === null ? null : parseDocName(name);
    if (name === null || ref === null) {
      ws.close(CLOSE.invalidDocument, 'invalid-document');
      return;
    }
    // The address is counted before authorizing, so a flood from one place costs no lookups.
    // Behind a proxy it is the client's (ADDRESS_HEADER), as for the API's rate limits.
    const address = clientAddress(req, this.#config) ?? 'unknown';
    const { perMember, perAddress } = this.#config.maxSockets;
    if (perAddress > 0 && (this.#perAddress.get(address) ?? 0) >= perAddress) {
      ws.close(CLOSE.rateLimited, 'rate-limited: too many connections from this address');
      return;
    }
    const authorization = this.#auth.authorize(req, ref);
    if ('deny' in authorization) {
      ws.close(authorization.deny, authorization.reason);
      return;
    }
    const memberId = authorization.identity.memberId;
    if (perMember > 0 && (this.#perMember.get(memberId) ?? 0) >= perMember) {
      ws.close(CLOSE.rateLimited, 'rate-limited: too many connections for this member');
      return;
    }
    const conn = new Connection(
      ws,
      authorization.identity,
      authorization.access,
      address,
      this.#config
    );
    const attached = this.#docs.attach(name, conn);
    if (!attached.ok) {
      conn.close(
        attached.reason === 'unavailable' ? CLOSE.unavailable : CLOSE.invalidDocument,
        attached.reason === 'unavailable' ? 'document-unavailable' : 'invalid-document'
      );
      return;
    }
    conn.live = attached.live;
    conn.presence = this.#roomOf(attached.live);
    this.#connections.add(conn);
    count(this.#perMember, memberId, 1);
    count(this.#perAddress, address, 1);
    this.#auth.opened(conn.identity, name, ref);

    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => this.#onMessage(conn, data, isBinary));
    ws.on('close', () => {
      conn.closed = true;
      this.#connections.delete(conn);
      count(this.#perMember, memberId, -1);
      count(this.#perAddress, address, -1);
      this.#auth.changedCount(conn.auditId, conn.changes);
      conn.presence.leave(conn);
      this.#docs.detach(name, conn);
    });

    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, attached.live.doc);
    conn.send(encoding.toUint8Array(step1));
    conn.presence.join(conn);
  }

  #roomOf(live: LiveDoc): PresenceRoom {
    let room = this.#rooms.get(live);
    if (!room) {
      room = new PresenceRoom(live.awareness, {
        maxStatesPerDocument: this.#config.maxPresenceStates
      });
      this.#rooms.set(live, room);
    }
    return room;
  }

  #onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.closed) return;
    const bytes = toBytes(data);
    if (bytes.byteLength > this.#config.maxMessageBytes) {
      conn.close(
        CLOSE.tooLarge,
        `too-large: messages are at most ${this.#config.maxMessageBytes} bytes`
      );
      return;
    }
    const overdrawn = conn.budget.take(bytes.byteLength);
    if (overdrawn !== null) {
      conn.close(
        CLOSE.rateLimited,
        overdrawn === 'messages' ? 'rate-limited' : 'rate-limited: too many bytes'
      );
      return;
    }
    if (!isBinary) {
      conn.close(CLOSE.malformed, 'malformed-frame: text frames are not part of the protocol');
      return;
    }
    try {
      this.#handle(conn, bytes);
    } catch (error) {
      if (error instanceof MalformedFrame) {
        conn.close(CLOSE.malformed, `malformed-frame: ${error.message}`);
      } else if (isDecodeError(error)) {
        conn.close(CLOSE.malformed, 'malformed-frame: the message does not decode');
      } else {
        this.#log('Unexpected error while handling a message', error);
        conn.close(CLOSE.unavailable, 'internal-error');
      }
    }
  }

  #handle(conn: Connection, bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.#handleSync(conn, decoder, bytes);
        return;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        if (conn.access !== 'write') return;
        const outcome = conn.presence.receive(conn, update, bytes);
        // The stock client sends back every presence change it hears: with 50 people moving
        // their cursors that is hundreds of echoes a second from each honest client. They
        // change nothing and are dropped unread, so they cost their bytes, not a message.
        if (outcome === 'echo') conn.budget.refundMessage();
        else if (outcome) closeForPresence(conn, outcome);
        return;
      }
      case MESSAGE_AUTH:
        return;
      case MESSAGE_QUERY_AWARENESS: {
        expectEnd(decoder);
        conn.send(conn.presence.snapshot());
        return;
      }
      default:
        conn.close(CLOSE.malformed, `unknown-message-type: ${type}`);
    }
  }

  #handleSync(conn: Connection, decoder: decoding.Decoder, frame: Uint8Array): void {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    expectEnd(decoder);
    switch (subtype) {
      case syncProtocol.messageYjsSyncStep1: {
        let missing: Uint8Array;
        try {
          missing = Y.encodeStateAsUpdate(conn.live.doc, payload);
        } catch {
          throw new MalformedFrame('the state vector does not decode');
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, missing);
        conn.send(encoding.toUint8Array(encoder));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        if (conn.access !== 'write') return;
        // The frame is `[sync, update, payload]`, exactly what the peers are to receive.
        if (subtype === syncProtocol.messageYjsUpdate) primeUpdateMessage(payload, frame);
        const verdict = this.#docs.applyFromClient(conn.live.name, payload, conn.writer, conn);
        if (verdict.ok) {
          if (verdict.changed && conn.changes++ === 0) {
            conn.auditId = this.#auth.changed(
              conn.identity,
              conn.live.name,
              conn.live.ref,
              'relay'
            );
          }
          return;
        }
        if (verdict.reason === 'unavailable') conn.close(CLOSE.unavailable, 'document-unavailable');
        else if (verdict.reason === 'forbidden')
          conn.close(CLOSE.forbidden, `forbidden: ${verdict.detail}`);
        else if (verdict.reason === 'rate-limited')
          conn.close(CLOSE.rateLimited, `rate-limited: ${verdict.detail}`);
        else if (
          verdict.reason === 'too-large' &&
          payload.byteLength > this.#config.maxMessageBytes
        )
          conn.close(CLOSE.tooLarge, `too-large: ${verdict.detail}`);
        else conn.close(CLOSE.invalidUpdate, `${verdict.reason}: ${verdict.detail}`);
        return;
      }
      default:
        conn.close(CLOSE.malformed, `unknown-message-type: sync ${subtype}`);
    }
  }

  #keepAlive(): void {
    for (const conn of this.#connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  /**
   * Re-authorizes the live connections of the members `match` picks, after a membership,
   * role, session or token changed: a signed-out credential closes with 4401, lost access with
   * 4403, changed access with 4001 (the client reconnects and gets what the new role allows).
   */
  revalidate(match: (member: Principal) => boolean): void {
    for (const conn of this.#connections) {
      if (conn.closed || !match(conn.identity)) continue;
      if (!this.#auth.credentialAlive(conn.identity)) {
        conn.close(CLOSE.notSignedIn, 'not-signed-in: signed out');
        continue;
      }
      const access = this.#auth.accessFor(conn.identity, conn.live.ref);
      if (access === null) conn.close(CLOSE.forbidden, 'forbidden: your access was removed');
      else if (access !== conn.access) conn.close(CLOSE.accessChanged, 'access-changed');
    }
  }

  /** Closes every connection (1001, going away) and stops accepting new ones. */
  close(): Promise<void> {
    clearInterval(this.#pingTimer);
    for (const conn of this.#connections) conn.close(CLOSE.goingAway, 'server shutting down');
    return new Promise((resolve) => {
      const deadline = setTimeout(() => {
        for (const conn of this.#connections) conn.socket.terminate();
        resolve();
      }, 1000);
      deadline.unref();
      this.#wss.close(() => {
        clearTimeout(deadline);
        resolve();
      });
    });
  }
}

function closeForPresence(conn: Connection, refusal: PresenceRefusal): void {
  const code =
    refusal.reason === 'malformed-frame'
      ? CLOSE.malformed
      : refusal.reason === 'too-large'
        ? CLOSE.tooLarge
        : CLOSE.invalidUpdate;
  conn.close(code, `${refusal.reason}: ${refusal.detail}`);
}

/** Adds `delta` to `key`'s count, forgetting keys that reach zero. */
function count(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedFrame('trailing bytes after the message');
}

function isDecodeError(error: unknown): boolean {
  return (
    error instanceof Error && /unexpected end of array|integer out of range/i.test(error.message)
  );
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
