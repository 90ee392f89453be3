/**
 * Presence (awareness) at the relay: what one document's connections may say about who is
 * there, and the fan-out of what they say.
 *
 * An awareness message is a list of entries `(client id, clock, JSON state or null)`. The
 * relay decodes it itself, holds every entry to the rules below, and only then applies the
 * entries that passed to the document's `Awareness` (with y-protocols' own clock rules) and
 * relays them. Nothing is applied from a message that is refused.
 *
 * - **Ownership.** The first connection to set a client id owns it until it closes; only
 *   that connection may change or remove (`null`) its state. An id owned by a connection of
 *   another member is a forgery: the socket is closed (4422 `presence-forged`). An id owned by
 *   another connection of the *same* member is dropped without closing: that is a tab
 *   reconnecting before the server noticed its old socket died, and the old socket's state
 *   stays until it does. A state whose `user.id` is not the connection's member is a forgery
 *   too.
 * - **Sizes.** A state's JSON is at most `PRESENCE_LIMITS.maxStateBytes` (4413); a connection
 *   introduces at most `maxIdsPerConnection` ids over its life (4422), so that ids cannot be
 *   cycled; a document holds at most `maxStatesPerDocument` states, and a new id beyond that is
 *   dropped (a full room is nobody's fault, so nobody is closed).
 * - **Schema.** A state that is not a `PresenceState` (the contract both sides import) is
 *   dropped and not relayed, but the socket stays: presence is ephemeral, and a client one
 *   version ahead should lose its presence, not its document.
 *
 * When every entry passed, the connection's own frame is relayed as it came (framed once, no
 * re-encoding of the states); otherwise a frame of the entries that passed is built from
 * their original JSON bytes. The room sends to its other connections, never back to the
 * sender. Removals made by the server (a connection closing, y-protocols' 30 s timeout) are
 * encoded from the awareness and sent to everyone.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { PRESENCE_LIMITS, PresenceState } from '../src/lib/contract/presence.ts';

export const MESSAGE_AWARENESS = 1;

/** A connection as presence sees it. */
export interface PresenceSpeaker {
  readonly memberId: string;
  /** Client ids this connection introduced; it owns them until `leave`. */
  readonly presenceIds: Set<number>;
  send(frame: Uint8Array): void;
  /** Sends a frame that many speakers get (the same object to each): it is framed once. */
  sendShared(frame: Uint8Array): void;
}

export interface PresenceLimits {
  maxStatesPerDocument: number;
}

/** Why a presence message closes its socket: 4400, 4413 and 4422 respectively. */
export type PresenceRefusal =
  | { reason: 'malformed-frame'; detail: string }
  | { reason: 'too-large'; detail: string }
  | { reason: 'presence-forged' | 'presence-too-many-ids'; detail: string };

interface Entry {
  clientId: number;
  clock: number;
  /** The state's JSON text, as it came. */
  json: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class PresenceRoom {
  readonly #awareness: awarenessProtocol.Awareness;
  readonly #limits: PresenceLimits;
  readonly #speakers = new Set<PresenceSpeaker>();
  /** Client id → the connection that introduced it. */
  readonly #owners = new Map<number, PresenceSpeaker>();
  /** The speaker whose entries are being applied (their frame is relayed by `receive`). */
  #applying: PresenceSpeaker | null = null;

  constructor(awareness: awarenessProtocol.Awareness, limits: PresenceLimits) {
    this.#awareness = awareness;
    this.#limits = limits;
    awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown
      ) => {
        if (origin !== null && origin === this.#applying) return;
        const frame = this.#frameOf([...added, ...updated, ...removed]);
        for (const speaker of this.#speakers) speaker.sendShared(frame);
      }
    );
  }

  get size(): number {
    return this.#speakers.size;
  }

  /** Adds a connection and sends it everyone's current state. */
  join(speaker: PresenceSpeaker): void {
    this.#speakers.add(speaker);
    const ids = [...this.#awareness.getStates().keys()];
    if (ids.length > 0) speaker.send(this.#frameOf(ids));
  }

  /** The current states of everyone, framed (the answer to "query awareness"). */
  snapshot(): Uint8Array {
    return this.#frameOf([...this.#awareness.getStates().keys()]);
  }

  /** Removes a connection: its ids are freed and their states removed for everyone. */
  leave(speaker: PresenceSpeaker): void {
    if (!this.#speakers.delete(speaker)) return;
    const ids = [...speaker.presenceIds].filter((id) => this.#owners.get(id) === speaker);
    speaker.presenceIds.clear();
    for (const id of ids) this.#owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.#awareness, ids, null);
    // The clocks of freed ids are not needed any more; keeping them would grow without end.
    for (const id of ids) this.#awareness.meta.delete(id);
  }

  /**
   * Handles the awareness update `update` that arrived in `frame` from `from`: applies and
   * relays what passes, or returns why the socket must close (and then applies nothing).
   * `'echo'`: every entry was an echo, so the message changed nothing by construction.
   */
  receive(
    from: PresenceSpeaker,
    update: Uint8Array,
    frame: Uint8Array
  ): PresenceRefusal | 'echo' | null {
    const decoded = decodeEntries(update);
    if (!Array.isArray(decoded)) return decoded;
    let echoes = 0;
    const states = this.#awareness.getStates();
    const meta = this.#awareness.meta;
    let room = this.#limits.maxStatesPerDocument - states.size;
    const accepted: Entry[] = [];
    for (const entry of decoded) {
      const id = entry.clientId;
      const current = meta.get(id)?.clock ?? 0;
      const isNull = isNullJson(entry.json);
      // y-protocols' own rule: only a newer clock changes a state, or a removal at the same
      // clock. Anything else is an echo (the stock client sends back every change it hears).
      if (entry.clock < current || (entry.clock === current && !(isNull && states.has(id)))) {
        echoes++;
        continue;
      }
      const owner = this.#owners.get(id);
      if (owner !== undefined && owner !== from) {
        // A removal at the same clock is what a client sends when its own copy of someone's
        // state timed out: honest, and not for it to decide.
        if (entry.clock === current) continue;
        if (owner.memberId !== from.memberId) {
          return {
            reason: 'presence-forged',
            detail: `client ${id} belongs to another connection`
          };
        }
        continue; // the same member's older socket still holds it
      }
      let state: unknown;
      try {
        state = JSON.parse(utf8.decode(entry.json));
      } catch {
        return { reason: 'malformed-frame', detail: 'a presence state is not JSON' };
      }
      if (state === null) {
        if (owner === from) accepted.push(entry);
        continue; // removing a state nobody holds: nothing to do
      }
      const parsed = PresenceState.safeParse(state);
      if (!parsed.success) continue;
      if (parsed.data.user !== undefined && parsed.data.user.id !== from.memberId) {
        return { reason: 'presence-forged', detail: 'the state names another member' };
      }
      if (owner === undefined && from.presenceIds.size >= PRESENCE_LIMITS.maxIdsPerConnection) {
        return {
          reason: 'presence-too-many-ids',
          detail: `a connection speaks for at most ${PRESENCE_LIMITS.maxIdsPerConnection} client ids`
        };
      }
      if (!states.has(id)) {
        if (room <= 0) continue; // the document is full
        room--;
      }
      if (owner === undefined) {
        this.#owners.set(id, from);
        from.presenceIds.add(id);
      }
      accepted.push(entry);
    }
    if (accepted.length === 0) return echoes > 0 && echoes === decoded.length ? 'echo' : null;
    const whole = accepted.length === decoded.length;
    const applied = whole ? update : encodeEntries(accepted);
    this.#applying = from;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.#awareness, applied, from);
    } finally {
      this.#applying = null;
    }
    const relayed = whole ? frame : frameOfUpdate(applied);
    for (const speaker of this.#speakers) if (speaker !== from) speaker.sendShared(relayed);
    return null;
  }

  #frameOf(ids: number[]): Uint8Array {
    return frameOfUpdate(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, ids));
  }
}

/**
 * The entries of an awareness update, structurally checked: every length within the frame,
 * every state within the byte cap, nothing after the last entry. The JSON itself is parsed
 * only for the entries that would change something (see `receive`): echoes are most of the
 * traffic and are dropped unread.
 */
function decodeEntries(update: Uint8Array): Entry[] | PresenceRefusal {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarUint8Array(decoder);
      if (json.byteLength > PRESENCE_LIMITS.maxStateBytes) {
        return {
          reason: 'too-large',
          detail: `a presence state is at most ${PRESENCE_LIMITS.maxStateBytes} bytes`
        };
      }
      entries.push({ clientId, clock, json });
    }
    if (decoding.hasContent(decoder)) {
      return { reason: 'malformed-frame', detail: 'trailing bytes after the awareness update' };
    }
    return entries;
  } catch {
    return { reason: 'malformed-frame', detail: 'the awareness update does not decode' };
  }
}

/** Whether a state's JSON is exactly `null` (what y-protocols writes for a removal). */
function isNullJson(json: Uint8Array): boolean {
  return (
    json.byteLength === 4 &&
    json[0] === 0x6e &&
    json[1] === 0x75 &&
    json[2] === 0x6c &&
    json[3] === 0x6c
  );
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarUint8Array(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

function frameOfUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
