/**
 * Convergence of concurrent "next ticket" claims. Two and three members take the same free
 * ticket at the same moment, offline, then come online in every order (and with every
 * assignment of Yjs client ids, so Yjs' own pick among the concurrent writes falls on each of
 * them in turn); a seeded run does the same over an unreliable network (reordered, duplicated,
 * dropped messages, replicas going offline and back). Each replica settles as the app does:
 * whenever its document changes while it has a claim in play. At the end, every replica and
 * the server hold the same ticket, exactly one claimant keeps it — the one who pressed first —
 * every other claimant's outcome is `lost` to that one on every replica, and the server's check
 * and write guard accepted every honest update in the order it was made.
 *
 * A failing run names its case; re-run one with `-t "<case>"`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  claimOutcome,
  claimTicket,
  claimView,
  readClaimRecords,
  resolveClaims,
  settleClaims,
  type Claim
} from './next-ticket';
import { assign, createTicket, readTicketFields } from './ticket';
import type { Actor } from './schema';
import { MINUTE, T0, makeActor, makeNewTicket } from './testing/factories';
import { Network, REMOTE } from './testing/network';
import { Rng } from './testing/prng';
import { TicketServer as Server, docWithClient } from './testing/ticket-server';

const MEMBERS: Actor[] = ['member-aino', 'member-bo', 'member-cai'].map((id) =>
  makeActor({ id, name: id.slice(7) })
);
const LEAD = makeActor({ id: 'member-lead', name: 'Lead' });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])
  );
}

interface Replica {
  member: Actor;
  doc: Y.Doc;
  /** The claim this replica made, while it is in play (the app's state keeps the same). */
  claim: Claim | null;
  /** Updates made here that the server has not had yet, in order. */
  outbox: Uint8Array[];
}

function newTicket(ticketId: string): Uint8Array {
  const creator = docWithClient(3);
  createTicket(creator, makeNewTicket({ id: ticketId, subject: 'VPN drops' }), LEAD, T0);
  return Y.encodeStateAsUpdate(creator);
}

function replicaOf(member: Actor, clientID: number, state: Uint8Array): Replica {
  const doc = docWithClient(clientID, state);
  const replica: Replica = { member, doc, claim: null, outbox: [] };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) replica.outbox.push(update);
  });
  return replica;
}

/** What the app does when a replica's document changed while its claim is in play. */
function settle(replica: Replica, now: number): void {
  if (!replica.claim) return;
  if (claimOutcome(claimView(replica.doc), replica.claim.write).kind === 'moved-on') return;
  settleClaims(replica.doc, replica.member, now);
}

/** Sends the replica's outbox to the server, then gives it the server's state. */
function syncWithServer(replica: Replica, server: Server, now: number): void {
  for (const update of replica.outbox.splice(0)) server.receive(update, replica.member.id);
  const missing = Y.encodeStateAsUpdate(server.live, Y.encodeStateVector(replica.doc));
  Y.applyUpdate(replica.doc, missing, REMOTE);
  settle(replica, now);
  for (const update of replica.outbox.splice(0)) server.receive(update, replica.member.id);
}

/** Who must keep the ticket: the earliest press, then the smaller member id. */
function expectedWinner(claims: readonly Claim[]): string {
  const sorted = [...claims].sort((a, b) => a.at - b.at || (a.memberId < b.memberId ? -1 : 1));
  return sorted[0]!.memberId;
}

function expectSettled(replicas: readonly Replica[], server: Server, winner: string | null) {
  expect(server.rejections).toEqual([]);
  const states = [server.live, ...replicas.map((r) => r.doc)].map((d) => ({
    assignee: readTicketFields(d)?.assigneeId,
    claims: [...readClaimRecords(d).keys()].sort(),
    settled: resolveClaims(claimView(d)).settleTo
  }));
  for (const state of states) expect(state).toEqual(states[0]);
  expect(states[0]?.settled).toBeNull();
  expect(states[0]?.assignee).toBe(winner);
  for (const doc of [server.live, ...replicas.map((r) => r.doc)]) {
    const view = claimView(doc);
    const held = replicas.filter(
      (r) => r.claim && claimOutcome(view, r.claim.write).kind === 'held'
    );
    // Never two keep it; the one who does is the assignee.
    expect(held.length).toBeLessThanOrEqual(1);
    for (const r of held) expect(r.member.id).toBe(view.assigneeId);
    for (const r of replicas) {
      if (!r.claim || r.member.id === winner) continue;
      expect(claimOutcome(view, r.claim.write)).toEqual({ kind: 'lost', by: winner });
    }
  }
}

describe('concurrent claims, every merge order', () => {
  for (const size of [2, 3]) {
    const members = MEMBERS.slice(0, size);
    // Press times: all different in every order, and a tie (broken by member id).
    const timings: number[][] = [
      ...permutations(members.map((_, i) => T0 + i * 1000)),
      members.map(() => T0)
    ];
    const clientOrders = permutations(members.map((_, i) => 100 + i));
    const onlineOrders = permutations(members.map((_, i) => i));
    // 252 runs of three replicas and a checking server: CPU-bound, slow on a shared machine.
    it(`${size} replicas: ${timings.length} timings × ${clientOrders.length} client id orders × ${onlineOrders.length} orders of coming online`, () => {
      let cases = 0;
      for (const [t, times] of timings.entries()) {
        for (const [c, clients] of clientOrders.entries()) {
          for (const order of onlineOrders) {
            const name = `size ${size}, timing ${t}, clients ${c}, online ${order.join('')}`;
            const ticketId = `ticket-race-${size}-${t}-${c}-${order.join('')}`;
            const creation = newTicket(ticketId);
            const server = new Server(ticketId, creation);
            const replicas = members.map((m, i) => replicaOf(m, clients[i]!, creation));
            // Offline, each takes the ticket.
            for (const [i, r] of replicas.entries()) {
              const attempt = claimTicket(r.doc, r.member, times[i]!);
              if (attempt.kind !== 'claimed') throw new Error(`${name}: ${attempt.kind}`);
              r.claim = attempt.claim;
            }
            // Online one by one, then until nothing changes.
            const now = T0 + MINUTE;
            for (const i of order) syncWithServer(replicas[i]!, server, now);
            for (let round = 0; round < 3; round++) {
              for (const r of replicas) syncWithServer(r, server, now + round);
            }
            const winner = expectedWinner(replicas.map((r) => r.claim!));
            try {
              expectSettled(replicas, server, winner);
            } catch (error) {
              throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
            }
            cases++;
          }
        }
      }
      expect(cases).toBe(timings.length * clientOrders.length * onlineOrders.length);
    }, 120_000);
  }

  it('a claim on a copy older than a finished race loses to the claim that stands', () => {
    // Aino and Bo race online and Aino wins; Cai, whose copy is from before, claims offline.
    for (const order of permutations([0, 1, 2])) {
      for (const clients of permutations([100, 101, 102])) {
        const ticketId = `ticket-stale-${order.join('')}-${clients.join('')}`;
        const creation = newTicket(ticketId);
        const server = new Server(ticketId, creation);
        const replicas = MEMBERS.map((m, i) => replicaOf(m, clients[i]!, creation));
        const [aino, bo, cai] = replicas as [Replica, Replica, Replica];
        for (const [r, at] of [
          [aino, T0],
          [bo, T0 + 1000],
          [cai, T0 + 5000]
        ] as const) {
          const attempt = claimTicket(r.doc, r.member, at);
          if (attempt.kind !== 'claimed') throw new Error(attempt.kind);
          r.claim = attempt.claim;
        }
        for (const i of order) syncWithServer(replicas[i]!, server, T0 + MINUTE);
        for (let round = 0; round < 3; round++) {
          for (const r of replicas) syncWithServer(r, server, T0 + 2 * MINUTE);
        }
        expectSettled(replicas, server, aino.member.id);
      }
    }
  });

  it('after a release, a new race is a new race: the old claims play no part', () => {
    const ticketId = 'ticket-second-round';
    const creation = newTicket(ticketId);
    const server = new Server(ticketId, creation);
    const [aino, bo, cai] = MEMBERS.map((m, i) => replicaOf(m, 100 + i, creation)) as [
      Replica,
      Replica,
      Replica
    ];
    const first = claimTicket(aino.doc, aino.member, T0);
    if (first.kind !== 'claimed') throw new Error(first.kind);
    aino.claim = first.claim;
    syncWithServer(aino, server, T0);
    // Aino gives it back to the queue; Bo and Cai both see it free and take it at once.
    assign(aino.doc, null, aino.member, T0 + MINUTE);
    aino.claim = null;
    syncWithServer(aino, server, T0 + MINUTE);
    syncWithServer(bo, server, T0 + MINUTE);
    syncWithServer(cai, server, T0 + MINUTE);
    for (const [r, at] of [
      [cai, T0 + 2 * MINUTE],
      [bo, T0 + 2 * MINUTE + 1]
    ] as const) {
      const attempt = claimTicket(r.doc, r.member, at);
      if (attempt.kind !== 'claimed') throw new Error(attempt.kind);
      r.claim = attempt.claim;
    }
    for (let round = 0; round < 3; round++) {
      for (const r of [bo, cai, aino]) syncWithServer(r, server, T0 + 3 * MINUTE);
    }
    expectSettled([aino, bo, cai], server, cai.member.id);
  });
});

describe('concurrent claims over an unreliable network (seeded)', () => {
  const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const rng = new Rng(seed);
      const ticketId = `ticket-net-${String(seed).padStart(4, '0')}`;
      const creation = newTicket(ticketId);
      const server = new Server(ticketId, creation);
      const size = rng.int(2, 3);
      const members = MEMBERS.slice(0, size);
      let names: string[] = [];
      const network = new Network(rng, (update) => {
        // The server peer only relays; agents' updates are checked in the order made.
        const writer = names[update.peer];
        if (update.doc === 'ticket' && writer && writer !== 'server') {
          server.receive(update.update, writer);
        }
      });
      const replicas: Replica[] = members.map((m) => ({
        member: m,
        doc: docWithClient(rng.int(10, 1_000_000), creation),
        claim: null,
        outbox: []
      }));
      names = [...members.map((m) => m.id), 'server'];
      for (const r of replicas) network.add(r.member.id, { ticket: r.doc, index: new Y.Doc() });
      const relay = docWithClient(7, creation);
      network.add('server', { ticket: relay, index: new Y.Doc() });

      // Everyone offline; each presses "next ticket" at about the same moment.
      replicas.forEach((_, i) => network.disconnect(i));
      for (const r of replicas) {
        const attempt = claimTicket(r.doc, r.member, T0 + rng.int(0, 3) * 1000);
        if (attempt.kind !== 'claimed') throw new Error(attempt.kind);
        r.claim = attempt.claim;
      }
      // They come and go while messages are delivered in a random order.
      let now = T0 + MINUTE;
      for (let step = 0; step < 200; step++) {
        const i = rng.int(0, replicas.length - 1);
        if (rng.chance(0.15)) network.connect(i);
        else if (rng.chance(0.05)) network.disconnect(i);
        network.deliverOne();
        if (rng.chance(0.05)) network.replayOne();
        for (const r of replicas) settle(r, now++);
      }
      for (let round = 0; round < 5; round++) {
        network.flush();
        for (const r of replicas) settle(r, now++);
      }
      network.flush();
      const winner = expectedWinner(replicas.map((r) => r.claim!));
      // The server saw every honest update in causal order: it holds what the replicas hold.
      expect(server.rejections).toEqual([]);
      expect(readTicketFields(server.live)?.assigneeId).toBe(winner);
      expectSettled(replicas, server, winner);
      expect(network.stats.delivered).toBeGreaterThan(0);
    });
  }
});
