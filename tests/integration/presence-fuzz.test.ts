/**
 * Seeded fuzzing of presence: raw sockets of several members send a random mix of valid
 * states, removals, forged ids, states naming someone else, oversized and invalid states,
 * echoes, too many ids and garbage, while two stock y-websocket clients (which echo every
 * change they hear back to the relay) change their own presence. A model predicts each
 * socket's fate; a viewer watches everything the relay relays. Checked: the relay stays up,
 * no honest socket is closed, no relayed state fails the presence contract or the byte cap,
 * a client id's state always comes from the socket that introduced it, and in the end the
 * relay and the viewer hold exactly the states the model says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { PRESENCE_LIMITS, PresenceState } from '../../src/lib/contract/presence.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import {
  AINO,
  MADS,
  closedWithin,
  connect,
  rawClient,
  startBaton,
  synced,
  tempDir,
  ticketId,
  until,
  type RawClient,
  type RunningBaton
} from './helpers.ts';
import { accepted, awarenessFrame, json, seenEntries, stateOf } from './presence-helpers.ts';

const SEED = Number(process.env.PRESENCE_FUZZ_SEED ?? 20261127);
const STEPS = 160;
const VIEWER = 'member-rafaela';
/** Raw slots: each holds one socket at a time; two of them are the same member. */
const SLOT_MEMBERS = [AINO.id, MADS.id, 'member-maya', 'member-joy', AINO.id];

type Action =
  | 'set'
  | 'remove'
  | 'forge'
  | 'forge-remove'
  | 'impersonate'
  | 'oversize'
  | 'invalid'
  | 'not-json'
  | 'too-many-ids'
  | 'echo'
  | 'garbage'
  | 'leave'
  | 'stock';

const ACTIONS: readonly Action[] = [
  'set',
  'set',
  'set',
  'remove',
  'forge',
  'forge-remove',
  'impersonate',
  'oversize',
  'invalid',
  'not-json',
  'too-many-ids',
  'echo',
  'garbage',
  'leave',
  'stock',
  'stock'
];

/** What one socket may expect from a frame: stay open, or be closed with one of `codes`. */
type Expect = { open: true } | { open: false; codes: number[] } | { open: 'either' };

interface Slot {
  member: string;
  serial: number;
  socket: RawClient;
  /** Client id → its state at the relay (`null`: removed), for the ids this socket owns. */
  owned: Map<number, unknown>;
  clock: Map<number, number>;
}

describe('presence fuzzing', () => {
  const dir = tempDir();
  let relay: RunningBaton;
  const name = ticketDocName(ticketId('presence-fuzz'));
  const rng = new Rng(SEED);
  let serial = 0;
  const slots: Slot[] = [];
  let watcher: RawClient;
  const stock: { member: string; doc: Y.Doc; provider: WebsocketProvider; closes: number[] }[] = [];

  beforeAll(async () => {
    relay = await startBaton(dir.path);
    watcher = rawClient(relay.port, name, { memberId: VIEWER });
    await accepted(watcher, 'the watcher');
    for (const member of [AINO.id, MADS.id]) {
      const doc = new Y.Doc();
      const provider = connect(relay.syncUrl, name, doc, member);
      const entry = { member, doc, provider, closes: [] as number[] };
      provider.on('connection-close', (event: CloseEvent | null) => {
        entry.closes.push(event?.code ?? 0);
      });
      await synced(provider, `stock client of ${member}`);
      provider.awareness.setLocalState(stateOf(member, { viewing: `stock-${member}` }));
      stock.push(entry);
    }
    for (const member of SLOT_MEMBERS) slots.push(await openSlot(member));
  });

  afterAll(async () => {
    for (const { provider, doc } of stock) {
      provider.destroy();
      doc.destroy();
    }
    for (const slot of slots) slot.socket.ws.close();
    watcher.ws.close();
    await relay.stop();
    dir.remove();
  });

  async function openSlot(member: string): Promise<Slot> {
    serial++;
    const socket = rawClient(relay.port, name, { memberId: member });
    await accepted(socket, `slot socket ${serial}`);
    return { member, serial, socket, owned: new Map(), clock: new Map() };
  }

  /** A slot's own client ids: two per socket, never reused by another socket. */
  const idsOf = (slot: Slot) => [slot.serial * 10 + 1, slot.serial * 10 + 2];
  const markerOf = (slot: Slot) => `s${slot.serial}`;
  const nextClock = (slot: Slot, id: number) => {
    const clock = (slot.clock.get(id) ?? 0) + 1;
    slot.clock.set(id, clock);
    return clock;
  };
  const validState = (slot: Slot) =>
    stateOf(slot.member, {
      viewing: markerOf(slot),
      typing: rng.bool(),
      ...(rng.chance(0.5) ? { cursor: { anchor: rng.int(0, 500), head: rng.int(0, 500) } } : {})
    });

  /** Everyone's last relayed state per client id, as the watcher saw it. */
  function watcherView(): Map<number, { clock: number; state: unknown }> {
    const view = new Map<number, { clock: number; state: unknown }>();
    for (const e of seenEntries(watcher)) view.set(e.clientId, { clock: e.clock, state: e.state });
    return view;
  }

  /** Another owner's id to attack: another slot's, or a stock client's. */
  function victim(slot: Slot): { id: number; member: string } | null {
    const candidates: { id: number; member: string }[] = [];
    for (const other of slots) {
      if (other === slot) continue;
      for (const id of other.owned.keys()) candidates.push({ id, member: other.member });
    }
    for (const { doc, member } of stock) candidates.push({ id: doc.clientID, member });
    return candidates.length > 0 ? rng.pick(candidates) : null;
  }

  /** Sends a sync step 1 and waits for its answer or the close, whichever comes. */
  async function settle(socket: RawClient, what: string): Promise<'open' | number> {
    const answers = () => socket.received.filter((f) => f[0] === 0 && f[1] === 1).length;
    const before = answers();
    let closed: number | null = null;
    void socket.closed.then((event) => (closed = event.code));
    if (socket.ws.readyState === socket.ws.OPEN) socket.send([0, 0, 1, 0]);
    await until(() => closed !== null || answers() > before, what);
    return closed ?? 'open';
  }

  /** Builds the frame for `action` and says what should happen to the socket. */
  function plan(slot: Slot, action: Action): { frame: Uint8Array | null; expect: Expect } {
    const [own] = rng.pick([idsOf(slot), [...idsOf(slot)].reverse()]);
    const id = own ?? 0;
    switch (action) {
      case 'set': {
        const state = validState(slot);
        slot.owned.set(id, state);
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: json(state) }]),
          expect: { open: true }
        };
      }
      case 'remove': {
        if (slot.owned.has(id)) slot.owned.set(id, null);
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: 'null' }]),
          expect: { open: true }
        };
      }
      case 'forge':
      case 'forge-remove': {
        const target = victim(slot);
        if (!target) return { frame: null, expect: { open: true } };
        const known = watcherView().get(target.id)?.clock ?? 0;
        const state = action === 'forge' ? json(validState(slot)) : 'null';
        const frame = awarenessFrame([
          // Well ahead of the owner's clock, so that it is never mistaken for an echo.
          { clientId: target.id, clock: known + rng.int(10, 50), json: state }
        ]);
        // The same member's other socket is ignored; anyone else is a forger.
        return {
          frame,
          expect: target.member === slot.member ? { open: true } : { open: false, codes: [4422] }
        };
      }
      case 'impersonate': {
        const other = rng.pick(SLOT_MEMBERS.filter((m) => m !== slot.member));
        const state = stateOf(other, { viewing: markerOf(slot) });
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: json(state) }]),
          expect: { open: false, codes: [4422] }
        };
      }
      case 'oversize': {
        const padding = ' '.repeat(PRESENCE_LIMITS.maxStateBytes + rng.int(1, 4000));
        const text = json(validState(slot)).replace('{', `{${padding}`);
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: text }]),
          expect: { open: false, codes: [4413] }
        };
      }
      case 'invalid': {
        const bad = rng.pick<unknown>([
          { ...validState(slot), extra: rng.word() },
          { user: { id: slot.member, name: 'x', color: 'red' }, viewing: markerOf(slot) },
          { typing: 'yes', viewing: markerOf(slot) },
          { viewing: 'v'.repeat(200) },
          [markerOf(slot)],
          rng.int(0, 9),
          'just a string'
        ]);
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: json(bad) }]),
          expect: { open: true }
        };
      }
      case 'not-json': {
        const text = rng.pick(['{"user":', '{user: 1}', 'undefined', '\u0000', '{"a":1}}']);
        return {
          frame: awarenessFrame([{ clientId: id, clock: nextClock(slot, id), json: text }]),
          expect: { open: false, codes: [4400] }
        };
      }
      case 'too-many-ids': {
        const fresh = [1, 2, 3].map((i) => slot.serial * 10 + 2 + i);
        return {
          frame: awarenessFrame(
            fresh.map((clientId) => ({ clientId, clock: 1, json: json(validState(slot)) }))
          ),
          expect: { open: false, codes: [4422] }
        };
      }
      case 'echo': {
        // What a stock client sends back: someone's state at the clock the relay gave it.
        const seen = [...watcherView()].filter(([, e]) => e.clock > 0);
        if (seen.length === 0) return { frame: null, expect: { open: true } };
        const [clientId, e] = rng.pick(seen);
        return {
          frame: awarenessFrame([{ clientId, clock: e.clock, json: json(e.state) }]),
          expect: { open: true }
        };
      }
      case 'garbage': {
        const bytes = Array.from({ length: rng.int(1, 40) }, () => rng.int(0, 255));
        return { frame: new Uint8Array([1, ...bytes]), expect: { open: 'either' } };
      }
      case 'leave':
      case 'stock':
        return { frame: null, expect: { open: true } };
    }
  }

  it(`holds every rule under ${STEPS} random steps (seed ${SEED})`, async () => {
    const hits = new Map<string, number>();
    const hit = (what: string) => hits.set(what, (hits.get(what) ?? 0) + 1);

    for (let step = 0; step < STEPS; step++) {
      const action = rng.pick(ACTIONS);
      const index = rng.int(0, slots.length - 1);
      const slot = slots[index]!;
      if (action === 'stock') {
        const client = rng.pick(stock);
        const typing = !(
          PresenceState.safeParse(client.provider.awareness.getLocalState()).data?.typing ?? false
        );
        client.provider.awareness.setLocalStateField('typing', typing);
        await until(
          () =>
            PresenceState.safeParse(watcherView().get(client.doc.clientID)?.state).data?.typing ===
            typing,
          `step ${step}: the watcher sees ${client.member}'s stock client typing=${typing}`
        );
        hit('stock');
        continue;
      }
      if (action === 'leave') {
        slot.socket.ws.close();
        await closedWithin(slot.socket, `step ${step}: slot ${slot.serial} leaves`);
        for (const id of slot.owned.keys()) {
          await until(
            () => watcherView().get(id)?.state === null,
            `step ${step}: slot ${slot.serial}'s client ${id} is removed`
          );
        }
        slots[index] = await openSlot(slot.member);
        hit('leave');
        continue;
      }
      const { frame, expect: expected } = plan(slot, action);
      if (!frame) continue;
      slot.socket.send(frame);
      const outcome = await settle(slot.socket, `step ${step}: ${action} from slot ${slot.serial}`);
      hit(`${action}:${outcome}`);
      if (expected.open === true) {
        expect(outcome, `step ${step}: ${action} keeps the socket open`).toBe('open');
      } else if (expected.open === false) {
        expect(expected.codes, `step ${step}: ${action} closes the socket`).toContain(outcome);
      } else {
        expect(['open', 4400, 4413, 4422], `step ${step}: garbage`).toContain(outcome);
      }
      if (outcome !== 'open') {
        // Its ids are freed and their states removed for everyone.
        for (const [id, state] of slot.owned) {
          if (state === null) continue;
          await until(
            () => watcherView().get(id)?.state === null,
            `step ${step}: closed slot ${slot.serial}'s client ${id} is removed`
          );
        }
        slots[index] = await openSlot(slot.member);
      }
    }

    // The relay is up, and the stock clients, which echoed everything, were never closed.
    for (const client of stock) expect(client.closes).toEqual([]);
    await settle(watcher, 'the watcher is still served');

    // Everything relayed was valid, small, and from the socket that owns the id.
    const markers = new Map<number, string>();
    for (const slotSerial of Array.from({ length: serial }, (_, i) => i + 1)) {
      markers.set(slotSerial * 10 + 1, `s${slotSerial}`);
      markers.set(slotSerial * 10 + 2, `s${slotSerial}`);
    }
    for (const { doc, member } of stock) markers.set(doc.clientID, `stock-${member}`);
    for (const e of seenEntries(watcher)) {
      expect(e.bytes).toBeLessThanOrEqual(PRESENCE_LIMITS.maxStateBytes);
      if (e.state === null) continue;
      const parsed = PresenceState.safeParse(e.state);
      expect(parsed.success, `relayed state of ${e.clientId}: ${JSON.stringify(e.state)}`).toBe(
        true
      );
      if (parsed.data?.user === undefined) continue; // the stock client's first `{}`
      expect(parsed.data.viewing, `who spoke for client ${e.clientId}`).toBe(
        markers.get(e.clientId)
      );
    }

    // The relay and the watcher hold exactly the model's states.
    const expected = new Map<number, unknown>();
    for (const slot of slots) {
      for (const [id, state] of slot.owned) if (state !== null) expected.set(id, state);
    }
    for (const { doc, provider } of stock)
      expected.set(doc.clientID, provider.awareness.getLocalState());
    const held = relay.baton.docs.hold(name);
    if (!held.ok) throw new Error('the fuzzed document is not loaded');
    try {
      expect(new Map(held.live.awareness.getStates())).toEqual(expected);
    } finally {
      held.release();
    }
    const shown = new Map<number, unknown>();
    for (const [id, e] of watcherView()) if (e.state !== null) shown.set(id, e.state);
    expect(shown).toEqual(expected);

    // The run went through every kind of step, and through each way of ending a socket.
    for (const kind of [
      'set:open',
      'remove:open',
      'forge:4422',
      'forge-remove:4422',
      'impersonate:4422',
      'oversize:4413',
      'invalid:open',
      'not-json:4400',
      'too-many-ids:4422',
      'echo:open',
      'leave',
      'stock'
    ]) {
      expect(hits.get(kind) ?? 0, `the run hit ${kind}`).toBeGreaterThan(0);
    }
    expect(
      [...hits.keys()].some((k) => k.startsWith('garbage:')),
      'the run sent garbage'
    ).toBe(true);
  }, 120_000);
});
