/**
 * Convergence of merges made offline on several replicas. Each replica holds its own copy of
 * every ticket document; a checking server per ticket takes each replica's updates through the
 * update check and the write guard (as the relay does) and hands back what it has. Agents merge
 * the same pair, merge in a cycle (A→B while B→A; A→B, B→C, C→A), merge in a chain, and, in
 * seeded runs, merge, undo, write notes and come online in random orders with updates sent
 * twice. Each replica settles what it sees (`settleMerges`, as the app does when it shows a
 * ticket). At the end every replica and the server hold the same documents, resolve every
 * merge alike, follow every chain to the same ticket, and the server refused no honest update.
 *
 * A failing run names its case and seed; re-run one with `-t "<case>"`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  followMerges,
  mergeTickets,
  mergeUndoable,
  pointerOf,
  readMergeState,
  settleMerges,
  undoMerge,
  MergeError
} from './merge';
import { addThreadEntry, assignNumber, createTicket, readTicketFields } from './ticket';
import { SYSTEM_ACTOR, type Actor } from './schema';
import { MINUTE, T0, makeActor, makeNewTicket } from './testing/factories';
import { REMOTE } from './testing/network';
import { Rng } from './testing/prng';
import { TicketServer, docWithClient } from './testing/ticket-server';

const MEMBERS: Actor[] = ['member-aino', 'member-bo', 'member-cai'].map((id) =>
  makeActor({ id, name: id.slice(7) })
);
const LEAD = makeActor({ id: 'member-lead', name: 'Lead' });

interface Replica {
  member: Actor;
  docs: Map<string, Y.Doc>;
  outbox: Map<string, Uint8Array[]>;
  /** Updates already sent, to send some of them again. */
  sent: Map<string, Uint8Array[]>;
}

interface World {
  ids: string[];
  servers: Map<string, TicketServer>;
  replicas: Replica[];
}

function world(ticketCount: number, replicaCount: number): World {
  const ids = Array.from(
    { length: ticketCount },
    (_, i) => `ticket-merge-${i}-${Math.random().toString(36).slice(2, 8)}`
  );
  const servers = new Map<string, TicketServer>();
  ids.forEach((id, i) => {
    const creator = docWithClient(3);
    createTicket(
      creator,
      makeNewTicket({
        id,
        subject: `Ticket ${i + 1}`,
        tags: [`tag${i}`],
        firstMessage: { kind: 'inbound', body: `message of ${i + 1}`, author: LEAD }
      }),
      LEAD,
      T0
    );
    assignNumber(creator, i + 1, SYSTEM_ACTOR, T0);
    servers.set(id, new TicketServer(id, Y.encodeStateAsUpdate(creator)));
  });
  const replicas = MEMBERS.slice(0, replicaCount).map((member, r) => {
    const replica: Replica = { member, docs: new Map(), outbox: new Map(), sent: new Map() };
    ids.forEach((id, t) => {
      const doc = docWithClient(100 + r * 10 + t, Y.encodeStateAsUpdate(servers.get(id)!.live));
      const box: Uint8Array[] = [];
      replica.outbox.set(id, box);
      replica.sent.set(id, []);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) box.push(update);
      });
      replica.docs.set(id, doc);
    });
    return replica;
  });
  return { ids, servers, replicas };
}

function doc(replica: Replica, id: string): Y.Doc {
  const d = replica.docs.get(id);
  if (!d) throw new Error(`no ${id}`);
  return d;
}

/** One ticket of one replica with its server: send what it has (some twice), take what's new. */
function syncTicket(w: World, replica: Replica, id: string, rng: Rng | null): void {
  const server = w.servers.get(id)!;
  const box = replica.outbox.get(id)!;
  const sent = replica.sent.get(id)!;
  for (const update of box.splice(0)) {
    server.receive(update, replica.member.id);
    sent.push(update);
    if (rng?.chance(0.2)) server.receive(update, replica.member.id);
  }
  if (rng?.chance(0.1) && sent.length > 0) {
    server.receive(sent[rng.int(0, sent.length - 1)]!, replica.member.id);
  }
  const d = doc(replica, id);
  Y.applyUpdate(d, Y.encodeStateAsUpdate(server.live, Y.encodeStateVector(d)), REMOTE);
}

/** What the app does on showing each ticket: settle overruled merges (by what it holds). */
function settleAll(w: World, replica: Replica, now: number): void {
  const pointers = (id: string) => (w.ids.includes(id) ? pointerOf(doc(replica, id)) : null);
  for (const id of w.ids) settleMerges(doc(replica, id), replica.member, now, pointers);
}

function syncAll(w: World, now: number, order?: number[]): void {
  for (let round = 0; round < 3; round++) {
    for (const r of order ?? w.replicas.map((_, i) => i)) {
      const replica = w.replicas[r]!;
      for (const id of w.ids) syncTicket(w, replica, id, null);
      settleAll(w, replica, now + round);
      for (const id of w.ids) syncTicket(w, replica, id, null);
    }
  }
}

interface Resolved {
  status: string | undefined;
  mergedInto: string | null;
  mergedFrom: string[];
  notApplied: string[];
  overruled: string[];
  copies: number;
  finalTarget: string;
}

function resolvedOn(w: World, docs: (id: string) => Y.Doc): Record<string, Resolved> {
  const out: Record<string, Resolved> = {};
  for (const id of w.ids) {
    const d = docs(id);
    const state = readMergeState(d);
    out[id] = {
      status: readTicketFields(d)?.status,
      mergedInto: state.mergedInto?.targetId ?? null,
      mergedFrom: state.mergedFrom.map((r) => r.op).sort(),
      notApplied: state.notApplied.map((r) => r.op).sort(),
      overruled: state.overruled.map((r) => r.op).sort(),
      copies: state.copies.length,
      finalTarget: followMerges(id, (t) => pointerOf(docs(t)))
    };
  }
  return out;
}

function expectConverged(w: World, name: string): Record<string, Resolved> {
  const rejections = [...w.servers.values()].flatMap((s) => s.rejections);
  expect(rejections, name).toEqual([]);
  const server = resolvedOn(w, (id) => w.servers.get(id)!.live);
  for (const replica of w.replicas) {
    for (const id of w.ids) {
      expect(Y.encodeStateVector(doc(replica, id)), `${name}: ${replica.member.id} ${id}`).toEqual(
        Y.encodeStateVector(w.servers.get(id)!.live)
      );
    }
    expect(
      resolvedOn(w, (id) => doc(replica, id)),
      `${name}: ${replica.member.id}`
    ).toEqual(server);
  }
  // Settled: nothing overruled is left live, and every ticket still merged is closed.
  for (const [id, r] of Object.entries(server)) {
    expect(r.overruled, `${name}: ${id} overruled`).toEqual([]);
    if (r.mergedInto !== null) expect(r.status, `${name}: ${id} status`).toBe('closed');
  }
  return server;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])
  );
}

describe('concurrent merges, every order of coming online', () => {
  for (const order of permutations([0, 1])) {
    it(`two agents merge the same pair A→B (online ${order.join('')})`, () => {
      const w = world(2, 2);
      const [a, b] = w.ids as [string, string];
      const [r0, r1] = w.replicas as [Replica, Replica];
      const first = mergeTickets(doc(r0, a), doc(r0, b), r0.member, T0 + MINUTE);
      mergeTickets(doc(r1, a), doc(r1, b), r1.member, T0 + 2 * MINUTE);
      syncAll(w, T0 + 10 * MINUTE, order);
      const result = expectConverged(w, 'same pair');
      expect(result[a]).toMatchObject({ mergedInto: b, status: 'closed', finalTarget: b });
      // B holds A's message once: the second merge of the pair does not apply.
      expect(result[b]).toMatchObject({ mergedFrom: [first], copies: 1, finalTarget: b });
      expect(result[b]!.notApplied).toHaveLength(1);
    });

    it(`A→B while B→A: the earlier wins everywhere (online ${order.join('')})`, () => {
      const w = world(2, 2);
      const [a, b] = w.ids as [string, string];
      const [r0, r1] = w.replicas as [Replica, Replica];
      const first = mergeTickets(doc(r0, a), doc(r0, b), r0.member, T0 + MINUTE);
      const second = mergeTickets(doc(r1, b), doc(r1, a), r1.member, T0 + 2 * MINUTE);
      syncAll(w, T0 + 10 * MINUTE, order);
      const result = expectConverged(w, 'cycle of two');
      expect(result[a]).toMatchObject({ mergedInto: b, status: 'closed', notApplied: [second] });
      expect(result[b]).toMatchObject({ mergedInto: null, status: 'new', mergedFrom: [first] });
      expect(result[a]!.finalTarget).toBe(b);
      expect(result[b]!.finalTarget).toBe(b);
    });
  }

  for (const order of permutations([0, 1, 2])) {
    it(`a chain A→B, B→C made at once ends in C (online ${order.join('')})`, () => {
      const w = world(3, 3);
      const [a, b, c] = w.ids as [string, string, string];
      const [r0, r1] = w.replicas as [Replica, Replica];
      mergeTickets(doc(r0, a), doc(r0, b), r0.member, T0 + MINUTE);
      mergeTickets(doc(r1, b), doc(r1, c), r1.member, T0 + 2 * MINUTE);
      syncAll(w, T0 + 10 * MINUTE, order);
      const result = expectConverged(w, 'chain');
      for (const id of [a, b, c]) expect(result[id]!.finalTarget).toBe(c);
    });

    it(`a cycle A→B, B→C, C→A is broken at its latest merge (online ${order.join('')})`, () => {
      const w = world(3, 3);
      const [a, b, c] = w.ids as [string, string, string];
      const [r0, r1, r2] = w.replicas as [Replica, Replica, Replica];
      mergeTickets(doc(r0, a), doc(r0, b), r0.member, T0 + MINUTE);
      mergeTickets(doc(r1, b), doc(r1, c), r1.member, T0 + 3 * MINUTE);
      mergeTickets(doc(r2, c), doc(r2, a), r2.member, T0 + 2 * MINUTE);
      syncAll(w, T0 + 10 * MINUTE, order);
      const result = expectConverged(w, 'cycle of three');
      // B→C was the latest: B is where every chain ends, open again; A and C are merged.
      for (const id of [a, b, c]) expect(result[id]!.finalTarget).toBe(b);
      expect(result[b]).toMatchObject({ mergedInto: null, status: 'new' });
      expect(result[a]).toMatchObject({ mergedInto: b, status: 'closed' });
      expect(result[c]).toMatchObject({ mergedInto: a, status: 'closed' });
    });
  }
});

describe('seeded runs: merges, undos and notes offline, online in random orders', () => {
  const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);
  it(`${SEEDS.length} seeds over 4 tickets and 3 replicas`, () => {
    let merges = 0;
    let undos = 0;
    let refused = 0;
    for (const seed of SEEDS) {
      const rng = new Rng(seed);
      const w = world(4, 3);
      let now = T0;
      for (let step = 0; step < 30; step++) {
        now += rng.int(1, 5) * 1000;
        const replica = w.replicas[rng.int(0, w.replicas.length - 1)]!;
        const pick = () => w.ids[rng.int(0, w.ids.length - 1)]!;
        const roll = rng.int(0, 9);
        try {
          if (roll < 4) {
            const source = pick();
            const target = pick();
            mergeTickets(doc(replica, source), doc(replica, target), replica.member, now);
            merges++;
          } else if (roll < 6) {
            // Undo a merge this replica sees, when it still may.
            for (const id of w.ids) {
              const into = readMergeState(doc(replica, id)).mergedInto;
              if (!into) continue;
              const target = doc(replica, into.targetId);
              if (mergeUndoable(doc(replica, id), target, into.op)) {
                undoMerge(doc(replica, id), target, into.op, replica.member, now);
                undos++;
                break;
              }
            }
          } else if (roll < 7) {
            addThreadEntry(doc(replica, pick()), 'note', rng.word(), replica.member, now);
          } else {
            // Online for one ticket (sometimes resending), then show it.
            const id = pick();
            syncTicket(w, replica, id, rng);
            settleMerges(doc(replica, id), replica.member, now, (t) =>
              w.ids.includes(t) ? pointerOf(doc(replica, t)) : null
            );
          }
        } catch (error) {
          if (!(error instanceof MergeError)) throw error;
          refused++;
        }
      }
      const order = permutations([0, 1, 2])[rng.int(0, 5)]!;
      syncAll(w, now + MINUTE, order);
      expectConverged(w, `seed ${seed}`);
    }
    // The runs did merge, undo and meet refusals (a ticket already merged, itself…).
    expect(merges).toBeGreaterThan(100);
    expect(undos).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(10);
  });
});
