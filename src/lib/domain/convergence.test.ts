/**
 * Seeded random convergence: three agents and the server work on one ticket and the
 * workspace index over an unreliable network (reordered, duplicated, dropped and replayed
 * messages; agents going offline and coming back). At the end every replica must hold the
 * same ticket and index, and the server's validator must have accepted every update an
 * honest replica made, in the order it was made, while refusing poisoned ones.
 *
 * A failing run names its seed; re-run just that seed with `-t "seed <n>"`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked, type RejectReason } from './update-check';
import { ticketDocName, parseDocName, indexDocName, type DocRef } from './doc-names';
import {
  addTag,
  addThreadEntry,
  assign,
  assignNumber,
  createTicket,
  readTicket,
  removeTag,
  setPriority,
  setStatus,
  signHandover,
  ticketParts,
  type Ticket
} from './ticket';
import {
  indexParts,
  putMember,
  putSummary,
  readIndex,
  summarize,
  summarizeDoc
} from './workspace-index';
import {
  SYSTEM_ACTOR,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  THREAD_ENTRY_KINDS,
  type Actor
} from './schema';
import {
  HOUR,
  MINUTE,
  T0,
  WORKSPACE_ID,
  makeActor,
  makeMember,
  makeNewTicket
} from './testing/factories';
import { Network, NETWORK_DOCS, type LocalUpdate, type NetworkDoc } from './testing/network';
import { Rng } from './testing/prng';

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const ROUNDS = 250;
const TAG_POOL = ['vpn', 'VPN', ' billing', 'refund', 'Access', 'printer', 'urgent-fix', 'p1'];

function ref(doc: NetworkDoc, ticketId: string): DocRef {
  const name = doc === 'ticket' ? ticketDocName(ticketId) : indexDocName(WORKSPACE_ID);
  const parsed = parseDocName(name);
  if (!parsed) throw new Error(`bad document name ${name}`);
  return parsed;
}

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Whether an agent can work on this replica's ticket now. Delivered out of causal order, an
 * update can arrive whose deletion of a field's old value applies at once while the new value
 * waits for an update it builds on: until that arrives, a field is missing and the ticket
 * does not read. That must be the only reason a created ticket ever fails to read.
 */
function workable(doc: Y.Doc, context: string): boolean {
  if (readTicket(doc)) return true;
  if (!hasPending(doc)) throw new Error(`${context}: unreadable ticket with nothing pending`);
  return false;
}

function ticketOf(doc: Y.Doc, context: string): Ticket {
  const ticket = readTicket(doc);
  if (!ticket) throw new Error(`${context}: no readable ticket`);
  return ticket;
}

/** The server's side: every update is checked on a scratch copy, then applied to the live doc. */
class Server {
  readonly live: Record<NetworkDoc, Y.Doc> = { ticket: new Y.Doc(), index: new Y.Doc() };
  readonly accepted: LocalUpdate[] = [];
  readonly rejections: string[] = [];

  constructor(private readonly ticketId: string) {}

  receive(update: LocalUpdate, byServer: boolean, from: string): void {
    const verdict = applyChecked(
      copyOf(this.live[update.doc]),
      ref(update.doc, this.ticketId),
      update.update,
      { byServer }
    );
    if (!verdict.ok) {
      this.rejections.push(`${from} → ${update.doc}: ${verdict.reason} (${verdict.detail})`);
      return;
    }
    // `changed` may be false for an honest update: two agents deleting the same words.
    Y.applyUpdate(this.live[update.doc], update.update);
    this.accepted.push(update);
  }

  /** A poisoned update must be refused with `reason` and leave the live documents as they were. */
  expectRefused(doc: NetworkDoc, update: Uint8Array, reasons: readonly RejectReason[]): void {
    const before = Y.snapshot(this.live[doc]);
    const verdict = applyChecked(copyOf(this.live[doc]), ref(doc, this.ticketId), update);
    expect(verdict.ok ? 'accepted' : verdict.reason).toBeOneOf([...reasons]);
    expect(Y.equalSnapshots(before, Y.snapshot(this.live[doc]))).toBe(true);
  }
}

interface Poison {
  name: string;
  doc: NetworkDoc;
  reasons: readonly RejectReason[];
  make: (client: Y.Doc) => void;
}

const POISONS: Poison[] = [
  {
    name: 'rewrite history',
    doc: 'ticket',
    reasons: ['append-only'],
    make: (c) => ticketParts(c).activity.delete(0, 1)
  },
  {
    name: 'self-numbering',
    doc: 'ticket',
    reasons: ['server-owned'],
    make: (c) => ticketParts(c).fields.set('number', 1)
  },
  {
    name: 'bad status',
    doc: 'ticket',
    reasons: ['schema'],
    make: (c) => ticketParts(c).fields.set('status', 'gone')
  },
  {
    name: 'nested type',
    doc: 'ticket',
    reasons: ['unsupported-content'],
    make: (c) => ticketParts(c).fields.set('subject', new Y.Map())
  },
  {
    name: 'extra root',
    doc: 'ticket',
    reasons: ['unknown-root'],
    make: (c) => c.getMap('backdoor').set('x', 1)
  },
  {
    name: 'huge draft',
    doc: 'ticket',
    reasons: ['too-large'],
    make: (c) => ticketParts(c).draft.insert(0, 'x'.repeat(100_001))
  },
  {
    name: 'summary under the wrong key',
    doc: 'index',
    reasons: ['id-mismatch', 'schema'],
    make: (c) => {
      const summary = [...indexParts(c).tickets.values()][0];
      if (summary) indexParts(c).tickets.set('ticket-not-this-one', summary);
      else indexParts(c).tickets.set('ticket-not-this-one', { id: 'x' } as never);
    }
  },
  {
    name: 'summary deletion',
    doc: 'index',
    reasons: ['server-owned', 'schema'],
    make: (c) => {
      const key = [...indexParts(c).tickets.keys()][0];
      if (key) indexParts(c).tickets.delete(key);
      else indexParts(c).tickets.set('ticket-empty-key', {} as never);
    }
  }
];

function editText(rng: Rng, text: Y.Text): void {
  if (text.length > 0 && rng.chance(0.4)) {
    const at = rng.int(0, text.length - 1);
    text.delete(at, rng.int(1, Math.min(6, text.length - at)));
  } else {
    text.insert(rng.int(0, text.length), `${rng.word(1, 6)} `);
  }
}

function run(seed: number) {
  const rng = new Rng(seed);
  const ticketId = `ticket-seed-${String(seed).padStart(4, '0')}`;
  const server = new Server(ticketId);
  const agents: Actor[] = [0, 1, 2].map((i) => makeActor({ id: `agent-${seed}-${i}-xyz` }));
  const customer = makeActor({ id: `customer-${seed}-xyz`, name: 'Carla Customer' });
  const skew = [0, -2 * HOUR, 5 * MINUTE];
  let serverPeer = -1;
  let names: string[] = [];
  const network = new Network(rng, (update) =>
    server.receive(update, update.peer === serverPeer, names[update.peer] ?? '?')
  );

  // The ticket is created once, on the first agent's replica, and travels as binary state.
  const creator = docWithClient(seed * 100 + 1);
  createTicket(
    creator,
    makeNewTicket({
      id: ticketId,
      subject: `Seed ${seed}: VPN drops`,
      tags: ['vpn'],
      firstMessage: { kind: 'inbound', body: 'It keeps dropping.', author: customer }
    }),
    agents[0] as Actor,
    T0
  );
  const creation = Y.encodeStateAsUpdate(creator);
  server.receive({ peer: 0, doc: 'ticket', update: creation }, false, 'creator');

  const replicas = agents.map((_, i) => {
    const ticket = i === 0 ? creator : docWithClient(seed * 100 + 1 + i);
    if (i !== 0) Y.applyUpdate(ticket, creation);
    return { ticket, index: docWithClient(seed * 100 + 11 + i) };
  });
  const serverDocs = {
    ticket: docWithClient(seed * 100 + 50),
    index: docWithClient(seed * 100 + 60)
  };
  Y.applyUpdate(serverDocs.ticket, creation);
  names = ['agent-0', 'agent-1', 'agent-2', 'server'];
  replicas.forEach((docs, i) => network.add(names[i] ?? '?', docs));
  serverPeer = network.add('server', serverDocs);

  let poisoned = 0;
  let waited = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const i = rng.int(0, agents.length - 1);
    const actor = agents[i] as Actor;
    const docs = replicas[i] as (typeof replicas)[number];
    const now = T0 + round * MINUTE + (skew[i] ?? 0);
    const t = docs.ticket;
    const ops: (() => unknown)[] = [
      () => setStatus(t, rng.pick(TICKET_STATUSES), actor, now),
      () => setPriority(t, rng.pick(TICKET_PRIORITIES), actor, now),
      () => assign(t, rng.chance(0.2) ? null : rng.pick(agents).id, actor, now),
      () => addTag(t, rng.pick(TAG_POOL), actor, now),
      () => removeTag(t, rng.pick(TAG_POOL), actor, now),
      () => {
        const kind = rng.pick(THREAD_ENTRY_KINDS);
        addThreadEntry(
          t,
          kind,
          `${rng.word()} ${rng.word()}`,
          kind === 'inbound' ? customer : actor,
          now
        );
      },
      () => editText(rng, ticketParts(t).handover),
      () => signHandover(t, rng.chance(0.5) ? null : rng.pick(agents).id, actor, now),
      () => editText(rng, ticketParts(t).draft),
      () => putMember(docs.index, makeMember({ id: actor.id, skills: [rng.word(2, 6)] }))
    ];
    const op = rng.pick(ops);
    if (workable(t, `seed ${seed}, round ${round}, ${names[i]}`)) op();
    else waited += 1;
    const summary = summarizeDoc(t);
    if (summary) putSummary(docs.index, summary);

    // The server numbers the ticket once it has seen it, and corrects summaries now and then.
    if (rng.chance(0.05) && workable(serverDocs.ticket, `seed ${seed}, round ${round}, server`)) {
      assignNumber(serverDocs.ticket, 1000 + seed, SYSTEM_ACTOR, now);
      const derived = summarizeDoc(serverDocs.ticket);
      if (derived) putSummary(serverDocs.index, derived);
    }

    if (rng.chance(0.1)) {
      const who = rng.int(0, agents.length - 1);
      if (network.peers[who]?.online) network.disconnect(who);
      else network.connect(who);
    }
    for (let n = rng.int(0, 4); n > 0; n--) network.deliverOne();
    if (rng.chance(0.05)) network.replayOne();

    if (rng.chance(0.04)) {
      const poison = rng.pick(POISONS);
      const client = copyOf(server.live[poison.doc]);
      const before = Y.encodeStateVector(client);
      poison.make(client);
      server.expectRefused(poison.doc, Y.encodeStateAsUpdate(client, before), poison.reasons);
      poisoned += 1;
    }
  }

  network.flush();
  // The server re-derives the summary from the converged ticket; that correction wins.
  const derived = summarizeDoc(serverDocs.ticket);
  if (derived) putSummary(serverDocs.index, derived);
  network.flush();

  return { network, server, poisoned, waited, serverDocs, replicas };
}

describe('seeded random convergence of a ticket and the index', () => {
  it.each(SEEDS)('seed %i', (seed) => {
    const { network, server, poisoned, serverDocs } = run(seed);
    const context = `seed ${seed}`;

    // Honest replicas are never refused.
    expect(server.rejections, context).toEqual([]);

    const expected = ticketOf(server.live.ticket, `${context} server`);
    const expectedIndex = readIndex(server.live.index);
    for (const peer of network.peers) {
      const where = `${context}, ${peer.name}`;
      expect(ticketOf(peer.docs.ticket, where), where).toEqual(expected);
      expect(readIndex(peer.docs.index), where).toEqual(expectedIndex);
      for (const doc of NETWORK_DOCS) {
        expect(Y.encodeStateVector(peer.docs[doc]), `${where}, ${doc}`).toEqual(
          Y.encodeStateVector(server.live[doc])
        );
        expect(
          Y.equalSnapshots(Y.snapshot(peer.docs[doc]), Y.snapshot(server.live[doc])),
          where
        ).toBe(true);
      }
    }
    // The index ends with exactly the summary of the converged ticket.
    expect(expectedIndex.tickets, context).toEqual([summarize(expected)]);
    expect(summarizeDoc(serverDocs.ticket), context).toEqual(summarize(expected));

    // The run exercised what it claims to.
    expect(expected.thread.length, context).toBeGreaterThan(1);
    expect(expected.activity.length, context).toBeGreaterThan(ROUNDS / 4);
    expect(network.stats.duplicated, context).toBeGreaterThan(0);
    expect(network.stats.dropped, context).toBeGreaterThan(0);
    expect(poisoned, context).toBeGreaterThan(0);

    // Replayed updates are harmless: every accepted one again, in a random order.
    const rng = new Rng(seed + 1000);
    const before = NETWORK_DOCS.map((doc) => Y.snapshot(server.live[doc]));
    for (const update of rng.shuffle(server.accepted)) {
      const verdict = applyChecked(
        server.live[update.doc],
        ref(update.doc, expected.fields.id),
        update.update
      );
      expect(verdict, context).toEqual({ ok: true, changed: false });
    }
    NETWORK_DOCS.forEach((doc, i) => {
      const snapshot = before[i];
      expect(snapshot && Y.equalSnapshots(snapshot, Y.snapshot(server.live[doc])), context).toBe(
        true
      );
    });
  });

  it('refuses an honest update that arrives before the one it builds on, then takes both in order', () => {
    const seed = 99;
    const { replicas, server } = run(seed);
    // An agent that caught up with the server and then works on, unheard for now.
    const agentDoc = docWithClient(seed * 100 + 99);
    Y.applyUpdate(agentDoc, Y.encodeStateAsUpdate(server.live.ticket));
    expect(readTicket(agentDoc)).toEqual(readTicket(replicas[0]?.ticket ?? new Y.Doc()));
    const actor = makeActor();
    const base = Y.encodeStateVector(agentDoc);
    setPriority(agentDoc, 'urgent', actor, T0 + 1000 * MINUTE);
    const first = Y.encodeStateAsUpdate(agentDoc, base);
    const middle = Y.encodeStateVector(agentDoc);
    addThreadEntry(agentDoc, 'note', 'after the priority change', actor, T0 + 1001 * MINUTE);
    ticketParts(agentDoc).draft.insert(0, 'x');
    const second = Y.encodeStateAsUpdate(agentDoc, middle);
    const id = ticketOf(agentDoc, 'agent').fields.id;
    const scratch = copyOf(server.live.ticket);
    const verdict = applyChecked(scratch, ref('ticket', id), second);
    expect(verdict.ok ? 'accepted' : verdict.reason).toBe('missing-dependencies');
    const inOrder = copyOf(server.live.ticket);
    expect(applyChecked(inOrder, ref('ticket', id), first)).toMatchObject({
      ok: true,
      changed: true
    });
    expect(applyChecked(inOrder, ref('ticket', id), second)).toMatchObject({
      ok: true,
      changed: true
    });
  });
});
