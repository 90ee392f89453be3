/**
 * Presence frames by hand, for the relay's presence tests: awareness messages with any ids,
 * clocks and states (valid or not), and what a raw client has received of them.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { colorFor } from '../../src/lib/state/presence-peers.ts';
import type { PresenceState } from '../../src/lib/contract/presence.ts';
import { until, type RawClient } from './helpers.ts';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text (`'null'` removes), or raw bytes for what is not even text. */
  json: string | Uint8Array;
}

/** A whole awareness frame (`1`, update) carrying `entries`. */
export function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    if (typeof entry.json === 'string') encoding.writeVarString(update, entry.json);
    else encoding.writeVarUint8Array(update, entry.json);
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** One state set or removed, as it reached a client. */
export interface SeenEntry {
  clientId: number;
  clock: number;
  /** Bytes of the state's JSON text. */
  bytes: number;
  state: unknown;
}

/** Every awareness entry in the frames a raw client has received so far, in order. */
export function seenEntries(client: RawClient): SeenEntry[] {
  const seen: SeenEntry[] = [];
  for (const frame of client.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 1) continue;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      const json = decoding.readVarUint8Array(update);
      const state: unknown = JSON.parse(new TextDecoder().decode(json));
      seen.push({ clientId, clock, bytes: json.byteLength, state });
    }
  }
  return seen;
}

/** What the app puts in its awareness for `memberId`, with extra fields. */
export function stateOf(memberId: string, extra: Partial<PresenceState> = {}): PresenceState {
  return { user: { id: memberId, name: memberId, color: colorFor(memberId) }, ...extra };
}

/** A state's JSON text, as the stock client sends it. */
export function json(state: unknown): string {
  return JSON.stringify(state);
}

/** Waits until the relay has answered the raw client's first sync step 1 (it was accepted). */
export async function accepted(client: RawClient, what: string): Promise<void> {
  await client.opened;
  await until(() => client.received.length > 0, `${what} is accepted`);
}

/**
 * Sends a sync step 1 and waits for its step 2: since the relay handles a socket's frames in
 * order, everything the client sent before has been handled once this returns. (The answer is
 * told apart from relayed frames by its type: only our own step 1 brings a step 2.)
 */
export async function roundTrip(client: RawClient, what: string): Promise<void> {
  const answers = () => client.received.filter((f) => f[0] === 0 && f[1] === 1).length;
  const before = answers();
  client.send([0, 0, 1, 0]);
  await until(() => answers() > before, `${what}: the relay answered`);
}
