/**
 * Presence at the relay: a socket speaks only for the client ids it introduced and only as its
 * own member, states are small and follow the presence contract, a document and a socket hold
 * only so many, the rate limit counts bytes, and a member or an address opens only so many
 * sockets. Raw frames from `ws` sockets with the development identity; a viewer watches what
 * the relay lets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { DEV_MEMBER_COOKIE } from '../../src/lib/server/services.ts';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { PRESENCE_LIMITS, PresenceState } from '../../src/lib/contract/presence.ts';
import {
  AINO,
  MADS,
  cleanupAfterEach,
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
import {
  accepted,
  awarenessFrame,
  json,
  roundTrip,
  seenEntries,
  stateOf
} from './presence-helpers.ts';

const MAYA = 'member-maya';
const JOY = 'member-joy';
const VIEWER = 'member-rafaela';

describe('presence at the relay', () => {
  const dir = tempDir();
  let relay: RunningBaton;
  const cleanups = cleanupAfterEach();

  beforeAll(async () => {
    relay = await startBaton(dir.path, { maxPresenceStates: 3 });
  });

  afterAll(async () => {
    await relay.stop();
    dir.remove();
  });

  /** A raw socket on `name` as `memberId`, accepted by the relay, closed after the test. */
  async function open(name: string, memberId: string): Promise<RawClient> {
    const client = rawClient(relay.port, name, { memberId });
    cleanups.push(() => client.ws.close());
    await accepted(client, `${memberId}'s socket`);
    return client;
  }

  /** A fresh ticket room with a viewer watching what the relay relays. */
  async function room(label: string) {
    const name = ticketDocName(ticketId(label));
    const watcher = await open(name, VIEWER);
    return { name, watcher };
  }

  /** The last state the watcher saw for `clientId` (`undefined`: never; `null`: removed). */
  function lastSeen(watcher: RawClient, clientId: number): unknown {
    return seenEntries(watcher)
      .filter((e) => e.clientId === clientId)
      .at(-1)?.state;
  }

  it('relays a valid state to the others and removes it when its socket closes', async () => {
    const { name, watcher } = await room('presence-ok');
    const aino = await open(name, AINO.id);
    aino.send(awarenessFrame([{ clientId: 101, clock: 1, json: json(stateOf(AINO.id)) }]));
    await until(() => lastSeen(watcher, 101) !== undefined, 'the watcher sees Aino');
    expect(lastSeen(watcher, 101)).toEqual(stateOf(AINO.id));
    aino.ws.close();
    await until(() => lastSeen(watcher, 101) === null, "Aino's presence is removed");
  });

  it('closes 4422 when a socket sets a client id another member’s socket owns', async () => {
    const { name, watcher } = await room('presence-forge');
    const aino = await open(name, AINO.id);
    aino.send(
      awarenessFrame([{ clientId: 201, clock: 1, json: json(stateOf(AINO.id, { typing: true })) }])
    );
    await until(() => lastSeen(watcher, 201) !== undefined, 'the watcher sees Aino');
    const mads = await open(name, MADS.id);
    mads.send(awarenessFrame([{ clientId: 201, clock: 9, json: json(stateOf(MADS.id)) }]));
    const closed = await closedWithin(mads, 'the relay refuses the forged id');
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^presence-forged: /);
    await roundTrip(aino, 'Aino is still served');
    await roundTrip(watcher, 'the watcher is still served');
    expect(lastSeen(watcher, 201)).toEqual(stateOf(AINO.id, { typing: true }));
  });

  it('closes 4422 when a socket removes another member’s state with null', async () => {
    const { name, watcher } = await room('presence-remove');
    const aino = await open(name, AINO.id);
    aino.send(awarenessFrame([{ clientId: 301, clock: 1, json: json(stateOf(AINO.id)) }]));
    await until(() => lastSeen(watcher, 301) !== undefined, 'the watcher sees Aino');
    const mads = await open(name, MADS.id);
    mads.send(awarenessFrame([{ clientId: 301, clock: 2, json: 'null' }]));
    const closed = await closedWithin(mads, 'the relay refuses the removal');
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^presence-forged: /);
    await roundTrip(watcher, 'the watcher is still served');
    expect(lastSeen(watcher, 301)).toEqual(stateOf(AINO.id));
    // Its owner may remove it.
    aino.send(awarenessFrame([{ clientId: 301, clock: 2, json: 'null' }]));
    await until(() => lastSeen(watcher, 301) === null, 'the owner removed its state');
  });

  it('closes 4422 on a state that names another member', async () => {
    const { name, watcher } = await room('presence-impersonate');
    const aino = await open(name, AINO.id);
    aino.send(awarenessFrame([{ clientId: 401, clock: 1, json: json(stateOf(MADS.id)) }]));
    const closed = await closedWithin(aino, 'the relay refuses the impersonation');
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^presence-forged: /);
    await roundTrip(watcher, 'the watcher is still served');
    expect(lastSeen(watcher, 401)).toBeUndefined();
  });

  it('closes 4413 on a state over the byte cap, relaying nothing of it', async () => {
    const { name, watcher } = await room('presence-big');
    const aino = await open(name, AINO.id);
    // Valid but for its size: a state this big can only be padding.
    const big = json({ ...stateOf(AINO.id), viewing: 'v'.repeat(PRESENCE_LIMITS.maxStateBytes) });
    aino.send(awarenessFrame([{ clientId: 501, clock: 1, json: big }]));
    const closed = await closedWithin(aino, 'the relay refuses the big state');
    expect(closed.code).toBe(4413);
    expect(closed.reason).toMatch(/^too-large: /);
    await roundTrip(watcher, 'the watcher is still served');
    expect(lastSeen(watcher, 501)).toBeUndefined();
  });

  it('closes 4422 when a socket introduces more client ids than it may', async () => {
    const { name, watcher } = await room('presence-ids');
    const aino = await open(name, AINO.id);
    for (let i = 0; i < PRESENCE_LIMITS.maxIdsPerConnection; i++) {
      aino.send(awarenessFrame([{ clientId: 600 + i, clock: 1, json: json(stateOf(AINO.id)) }]));
    }
    await roundTrip(aino, 'the allowed ids are handled');
    aino.send(awarenessFrame([{ clientId: 699, clock: 1, json: json(stateOf(AINO.id)) }]));
    const closed = await closedWithin(aino, 'the relay refuses one id too many');
    expect(closed.code).toBe(4422);
    expect(closed.reason).toMatch(/^presence-too-many-ids: /);
    expect(lastSeen(watcher, 699)).toBeUndefined();
    // Its ids went with it, and so did their states.
    await until(
      () => lastSeen(watcher, 600) === null && lastSeen(watcher, 601) === null,
      'the closed socket’s states are removed'
    );

    // One message naming more ids than a socket may own is refused as a whole.
    const mads = await open(name, MADS.id);
    mads.send(
      awarenessFrame(
        [700, 701, 702].map((clientId) => ({ clientId, clock: 1, json: json(stateOf(MADS.id)) }))
      )
    );
    expect((await closedWithin(mads, 'the relay refuses the crowd')).code).toBe(4422);
    await roundTrip(watcher, 'the watcher is still served');
    expect(seenEntries(watcher).some((e) => e.clientId >= 700)).toBe(false);
  });

  it('drops a state that is not a presence state, without relaying it or closing', async () => {
    const { name, watcher } = await room('presence-schema');
    const aino = await open(name, AINO.id);
    for (const [clock, state] of [
      [1, { ...stateOf(AINO.id), payload: 'x'.repeat(100) }],
      [2, { user: { id: AINO.id, name: 'Aino', color: 'url(javascript:alert(1))' } }],
      [3, { typing: 'yes' }],
      [4, ['not', 'an', 'object']],
      [5, 42]
    ] as const) {
      aino.send(awarenessFrame([{ clientId: 801, clock, json: json(state) }]));
    }
    aino.send(awarenessFrame([{ clientId: 801, clock: 6, json: json(stateOf(AINO.id)) }]));
    await until(() => lastSeen(watcher, 801) !== undefined, 'the valid state arrives');
    const seen = seenEntries(watcher).filter((e) => e.clientId === 801);
    expect(seen.map((e) => e.state)).toEqual([stateOf(AINO.id)]);
    await roundTrip(aino, 'the socket stays open');
  });

  it('drops the awareness of read-only sockets', async () => {
    const { name, watcher } = await room('presence-viewer');
    const viewer = await open(name, VIEWER);
    viewer.send(awarenessFrame([{ clientId: 851, clock: 1, json: json(stateOf(VIEWER)) }]));
    await roundTrip(viewer, "the viewer's state is handled");
    const aino = await open(name, AINO.id);
    aino.send(awarenessFrame([{ clientId: 852, clock: 1, json: json(stateOf(AINO.id)) }]));
    await until(() => lastSeen(watcher, 852) !== undefined, 'the watcher sees Aino');
    expect(lastSeen(watcher, 851)).toBeUndefined();
  });

  it('holds at most the configured number of states per document; a full room closes nobody', async () => {
    const { name, watcher } = await room('presence-full');
    const members = [AINO.id, MADS.id, MAYA, JOY];
    const sockets: RawClient[] = [];
    for (const [i, member] of members.entries()) {
      const socket = await open(name, member);
      socket.send(awarenessFrame([{ clientId: 900 + i, clock: 1, json: json(stateOf(member)) }]));
      await roundTrip(socket, `${member}'s state is handled`);
      sockets.push(socket);
    }
    await roundTrip(watcher, 'the watcher has everything relayed so far');
    const shown = new Set(seenEntries(watcher).map((e) => e.clientId));
    expect([...shown].sort()).toEqual([900, 901, 902]); // maxPresenceStates: 3
    // Once someone leaves, the fourth one's next renewal gets in.
    sockets[0]?.ws.close();
    await until(() => lastSeen(watcher, 900) === null, 'the first one left');
    sockets[3]?.send(awarenessFrame([{ clientId: 903, clock: 2, json: json(stateOf(JOY)) }]));
    await until(() => lastSeen(watcher, 903) !== undefined, 'the fourth one is shown');
  });

  it('keeps a same-member reconnect from taking over an id until the old socket goes', async () => {
    const { name, watcher } = await room('presence-reconnect');
    const before = await open(name, AINO.id);
    before.send(awarenessFrame([{ clientId: 950, clock: 1, json: json(stateOf(AINO.id)) }]));
    await until(() => lastSeen(watcher, 950) !== undefined, 'the watcher sees the first tab');
    const after = await open(name, AINO.id);
    after.send(
      awarenessFrame([{ clientId: 950, clock: 2, json: json(stateOf(AINO.id, { typing: true })) }])
    );
    await roundTrip(after, 'the same member is not closed');
    expect(lastSeen(watcher, 950)).toEqual(stateOf(AINO.id));
    before.ws.close();
    await until(() => lastSeen(watcher, 950) === null, 'the old socket’s state is removed');
    after.send(
      awarenessFrame([{ clientId: 950, clock: 3, json: json(stateOf(AINO.id, { typing: true })) }])
    );
    await until(
      () => PresenceState.safeParse(lastSeen(watcher, 950)).data?.typing === true,
      'the new socket now speaks for the id'
    );
  });
});

describe('rate limits that count bytes, and socket caps', () => {
  const cleanups = cleanupAfterEach();

  async function start(overrides: Parameters<typeof startBaton>[1]) {
    const dir = tempDir();
    const relay = await startBaton(dir.path, overrides);
    cleanups.push(dir.remove);
    cleanups.push(() => relay.stop());
    return relay;
  }

  it('closes 4429 when a socket sends more bytes than its budget, however few messages', async () => {
    const relay = await start({
      maxMessageBytes: 4096,
      byteRateLimit: { burst: 8192, perSecond: 1024 }
    });
    const name = ticketDocName(ticketId('bytes'));
    const watcher = rawClient(relay.port, name, { memberId: VIEWER });
    await accepted(watcher, 'the watcher');
    const aino = rawClient(relay.port, name);
    await accepted(aino, 'Aino');
    // Ten valid states of ~1.9 KB: 19 KB, ten messages (the message budget is 500).
    for (let clock = 1; clock <= 10; clock++) {
      const state = stateOf(AINO.id, { viewing: 'v'.repeat(128) });
      const padded = json(state).replace('{', `{${' '.repeat(1500)}`);
      aino.send(awarenessFrame([{ clientId: 1, clock, json: padded }]));
    }
    const closed = await closedWithin(aino, 'the relay stops the byte flood');
    expect(closed).toEqual({ code: 4429, reason: 'rate-limited: too many bytes' });
    await roundTrip(watcher, 'the watcher is still served');
    const clocks = seenEntries(watcher).map((e) => e.clock);
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.length).toBeLessThan(10);
  });

  it('does not count echoes (what the stock client sends back) as messages, only as bytes', async () => {
    const relay = await start({ rateLimit: { burst: 10, perSecond: 1 } });
    const name = ticketDocName(ticketId('echoes'));
    const aino = rawClient(relay.port, name);
    await accepted(aino, 'Aino');
    aino.send(awarenessFrame([{ clientId: 11, clock: 1, json: json(stateOf(AINO.id)) }]));
    const mads = rawClient(relay.port, name, { memberId: MADS.id });
    await accepted(mads, 'Mads');
    // Thirty times Aino's state back at its own clock: three times the message budget.
    for (let i = 0; i < 30; i++) {
      mads.send(awarenessFrame([{ clientId: 11, clock: 1, json: json(stateOf(AINO.id)) }]));
    }
    await roundTrip(mads, 'the echoes are handled and Mads is still served');
    // A real message still counts: the budget is what it was.
    for (let i = 0; i < 20; i++) mads.send([3]);
    expect((await closedWithin(mads, 'the flood after the echoes is stopped')).code).toBe(4429);
  });

  it('closes 4429 past the sockets a member or an address may hold, and lets one in after one closes', async () => {
    const relay = await start({ maxSockets: { perMember: 3, perAddress: 5 } });
    const name = ticketDocName(ticketId('caps'));
    const openAs = async (memberId: string) => {
      const client = rawClient(relay.port, name, { memberId });
      cleanups.push(() => client.ws.close());
      await client.opened;
      return client;
    };
    const ainos: RawClient[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await openAs(AINO.id);
      await accepted(client, `Aino's socket ${i + 1}`);
      ainos.push(client);
    }
    const fourth = await openAs(AINO.id);
    expect(await closedWithin(fourth, "Aino's fourth socket is refused")).toEqual({
      code: 4429,
      reason: 'rate-limited: too many connections for this member'
    });
    for (let i = 0; i < 2; i++) await accepted(await openAs(MADS.id), `Mads' socket ${i + 1}`);
    const sixth = await openAs(MAYA);
    expect(await closedWithin(sixth, 'a sixth socket from the address is refused')).toEqual({
      code: 4429,
      reason: 'rate-limited: too many connections from this address'
    });
    // Refused sockets never counted: closing one of Aino's lets exactly one more in.
    ainos[0]?.ws.close();
    await until(() => relay.baton.stats().connections === 4, 'the server saw the close');
    await accepted(await openAs(AINO.id), 'Aino, after one of hers closed');

    // The stock client still syncs under the caps.
    const doc = new Y.Doc();
    const caps = await start({ maxSockets: { perMember: 1, perAddress: 1 } });
    const provider = connect(caps.syncUrl, name, doc, MADS.id);
    cleanups.push(() => provider.destroy());
    await synced(provider, 'the one allowed stock client');
  });

  it('counts the address a trusted proxy names, not the proxy’s', async () => {
    const relay = await start({
      maxSockets: { perMember: 10, perAddress: 1 },
      proxy: { addressHeader: 'x-forwarded-for', xffDepth: 1 }
    });
    const name = ticketDocName(ticketId('proxy'));
    const from = (address: string): RawClient => {
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/sync/${name}`, {
        headers: { cookie: `${DEV_MEMBER_COOKIE}=${AINO.id}`, 'x-forwarded-for': address }
      });
      const received: Uint8Array[] = [];
      ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
      cleanups.push(() => ws.close());
      return {
        ws,
        received,
        opened: new Promise((resolve) => ws.once('open', () => resolve())),
        closed: new Promise((resolve) =>
          ws.once('close', (code: number, reason: Buffer) =>
            resolve({ code, reason: reason.toString() })
          )
        ),
        send: (bytes) => ws.send(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))
      };
    };
    await accepted(from('198.51.100.1'), 'the first client behind the proxy');
    await accepted(from('198.51.100.2'), 'another client behind the same proxy');
    const again = from('198.51.100.1');
    expect((await closedWithin(again, 'a second socket from the first client')).code).toBe(4429);
  });
});
