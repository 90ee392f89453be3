import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  claimOutcome,
  claimTicket,
  claimView,
  nextInQueue,
  queueOf,
  readClaimRecords,
  resolveClaims,
  settleClaims,
  type Claim
} from './next-ticket';
import { applyChecked } from './update-check';
import { authorshipProblem } from './authorship';
import { onlyAddsNotes } from './note-check';
import { parseDocName, ticketDocName, type DocRef } from './doc-names';
import { assign, readTicketFields, setStatus } from './ticket';
import { HOUR, MINUTE, T0, makeActor, makeSummary, makeTicketDoc } from './testing/factories';
import { WRONG_KINDS, wrongKindUpdate } from './testing/bad-updates';
import { Rng } from './testing/prng';

const aino = makeActor({ id: 'member-aino', name: 'Aino' });
const bo = makeActor({ id: 'member-bo', name: 'Bo' });
const cai = makeActor({ id: 'member-cai', name: 'Cai' });

function copyOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const out = new Y.Doc();
  if (clientID !== undefined) out.clientID = clientID;
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

function ticketRef(doc: Y.Doc): DocRef {
  const fields = readTicketFields(doc);
  const ref = parseDocName(ticketDocName(fields?.id ?? 'missing-ticket'));
  if (!ref) throw new Error('no ref');
  return ref;
}

/** What the server says about the change `edit` makes to a copy of `live`. */
function check(live: Y.Doc, edit: (doc: Y.Doc) => void) {
  const replica = copyOf(live);
  const before = Y.encodeStateVector(replica);
  edit(replica);
  const update = Y.encodeStateAsUpdate(replica, before);
  return { verdict: applyChecked(copyOf(live), ticketRef(live), update), replica, update };
}

describe('the queue', () => {
  const me = 'member-aino';

  it('orders by the earliest SLA due time, then priority, then age', () => {
    const dueLater = makeSummary({ id: 'ticket-due-later', nextDueAt: T0 + 2 * HOUR });
    const dueFirst = makeSummary({ id: 'ticket-due-first', nextDueAt: T0 + HOUR, priority: 'low' });
    const urgent = makeSummary({ id: 'ticket-urgent', priority: 'urgent', createdAt: T0 });
    const oldNormal = makeSummary({ id: 'ticket-old', createdAt: T0 - 5 * HOUR });
    const newNormal = makeSummary({ id: 'ticket-new', createdAt: T0 - HOUR });
    const tickets = [newNormal, urgent, dueLater, oldNormal, dueFirst];
    expect(queueOf(tickets, me).map((t) => t.id)).toEqual([
      'ticket-due-first',
      'ticket-due-later',
      'ticket-urgent',
      'ticket-old',
      'ticket-new'
    ]);
    expect(nextInQueue(tickets, me)?.id).toBe('ticket-due-first');
  });

  it('holds unassigned tickets and mine that wait for work, and what routing allows', () => {
    const tickets = [
      makeSummary({ id: 'ticket-free', createdAt: T0 - 1 }),
      makeSummary({ id: 'ticket-mine', assigneeId: me, createdAt: T0 - 2 }),
      makeSummary({ id: 'ticket-others', assigneeId: 'member-bo', createdAt: T0 - 3 }),
      makeSummary({ id: 'ticket-pending', status: 'pending', createdAt: T0 - 4 }),
      makeSummary({ id: 'ticket-on-hold', status: 'on-hold', createdAt: T0 - 5 }),
      makeSummary({ id: 'ticket-solved', status: 'solved', createdAt: T0 - 6 }),
      makeSummary({ id: 'ticket-new', status: 'new', tags: ['sv'], createdAt: T0 - 7 })
    ];
    expect(queueOf(tickets, me).map((t) => t.id)).toEqual([
      'ticket-new',
      'ticket-mine',
      'ticket-free'
    ]);
    const noSwedish = (t: { tags: string[] }) => !t.tags.includes('sv');
    expect(nextInQueue(tickets, me, { mayTake: noSwedish })?.id).toBe('ticket-mine');
    expect(nextInQueue(tickets, me, { skip: new Set(['ticket-new', 'ticket-mine']) })?.id).toBe(
      'ticket-free'
    );
    expect(nextInQueue([tickets[2]!, tickets[3]!], me)).toBeNull();
  });

  it('breaks full ties by id, the same on every replica', () => {
    const a = makeSummary({ id: 'ticket-aaaaaa' });
    const b = makeSummary({ id: 'ticket-bbbbbb' });
    expect(nextInQueue([b, a], me)?.id).toBe('ticket-aaaaaa');
    expect(nextInQueue([a, b], me)?.id).toBe('ticket-aaaaaa');
  });
});

describe('claimTicket', () => {
  it('assigns the ticket to the member and records the claim in one update', () => {
    const { doc } = makeTicketDoc({}, cai);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const attempt = claimTicket(doc, aino, T0 + MINUTE);
    expect(updates).toHaveLength(1);
    expect(attempt.kind).toBe('claimed');
    const fields = readTicketFields(doc);
    expect(fields?.assigneeId).toBe(aino.id);
    expect(fields?.status).toBe('open');
    const records = [...readClaimRecords(doc).values()];
    expect(records).toEqual([
      expect.objectContaining({ kind: 'claim', memberId: aino.id, at: T0 + MINUTE })
    ]);
    expect(claimOutcome(claimView(doc), (attempt as { claim: Claim }).claim.write)).toEqual({
      kind: 'held'
    });
  });

  it('does not claim a ticket that is mine, someone else’s, or no longer waiting', () => {
    const { doc } = makeTicketDoc({}, cai);
    assign(doc, aino.id, cai, T0);
    expect(claimTicket(doc, aino, T0).kind).toBe('already-mine');
    expect(claimTicket(doc, bo, T0)).toEqual({ kind: 'taken', by: aino.id });
    const other = makeTicketDoc({}, cai).doc;
    setStatus(other, 'pending', cai, T0);
    expect(claimTicket(other, bo, T0)).toEqual({ kind: 'not-waiting', status: 'pending' });
    expect(readClaimRecords(doc).size + readClaimRecords(other).size).toBe(0);
  });
});

/** Two replicas claim the same free ticket without seeing each other, then merge. */
function race(
  first: { actor: typeof aino; at: number },
  second: { actor: typeof aino; at: number }
) {
  const { doc: base } = makeTicketDoc({}, cai);
  const one = copyOf(base, 1000);
  const two = copyOf(base, 2000);
  const a = claimTicket(one, first.actor, first.at);
  const b = claimTicket(two, second.actor, second.at);
  if (a.kind !== 'claimed' || b.kind !== 'claimed') throw new Error('not claimed');
  Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
  return { base, one, two, a: a.claim, b: b.claim };
}

describe('settling a race', () => {
  it('the claim pressed first wins, whichever write Yjs keeps', () => {
    // Yjs keeps the write of the larger client id (replica two): Bo's. Aino pressed first.
    const { one, two, a, b } = race({ actor: aino, at: T0 }, { actor: bo, at: T0 + 1 });
    expect(readTicketFields(one)?.assigneeId).toBe(bo.id);
    for (const doc of [one, two]) {
      expect(resolveClaims(claimView(doc))).toMatchObject({ holder: aino.id, settleTo: aino.id });
      expect(claimOutcome(claimView(doc), a.write)).toEqual({ kind: 'held' });
      expect(claimOutcome(claimView(doc), b.write)).toEqual({ kind: 'lost', by: aino.id });
    }
    // Both replicas settle, concurrently; once merged, Aino has it and nothing is left to do.
    expect(settleClaims(one, aino, T0 + 2)).toBe(aino.id);
    expect(settleClaims(two, bo, T0 + 2)).toBe(aino.id);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    for (const doc of [one, two]) {
      expect(readTicketFields(doc)?.assigneeId).toBe(aino.id);
      expect(resolveClaims(claimView(doc)).settleTo).toBeNull();
      expect(settleClaims(doc, aino, T0 + 3)).toBeNull();
      expect(claimOutcome(claimView(doc), b.write)).toEqual({ kind: 'lost', by: aino.id });
    }
  });

  it('when Yjs keeps the winner’s write there is nothing to settle', () => {
    const { one, two, a } = race({ actor: bo, at: T0 + 1 }, { actor: aino, at: T0 });
    expect(readTicketFields(one)?.assigneeId).toBe(aino.id);
    expect(settleClaims(one, bo, T0 + 2)).toBeNull();
    expect(claimOutcome(claimView(two), a.write)).toEqual({ kind: 'lost', by: aino.id });
  });

  it('the same moment: the smaller member id wins', () => {
    const { one } = race({ actor: bo, at: T0 }, { actor: aino, at: T0 });
    expect(resolveClaims(claimView(one)).holder).toBe(aino.id);
  });

  it('a winner who already handed the ticket on keeps no claim: the late claim stands', () => {
    const { doc: base } = makeTicketDoc({}, cai);
    const one = copyOf(base, 1000);
    const two = copyOf(base, 2000);
    const a = claimTicket(one, aino, T0);
    // Aino takes it first, then hands it back to the queue; Bo, offline since before, claims.
    assign(one, null, aino, T0 + HOUR);
    const b = claimTicket(two, bo, T0 + 30 * MINUTE);
    if (a.kind !== 'claimed' || b.kind !== 'claimed') throw new Error('not claimed');
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    const view = claimView(one);
    // Yjs keeps Bo's write (larger client id): nothing to settle, Bo has it.
    expect(view.assigneeId).toBe(bo.id);
    expect(resolveClaims(view)).toMatchObject({ holder: bo.id, settleTo: null });
    expect(claimOutcome(view, b.claim.write)).toEqual({ kind: 'held' });
    expect(claimOutcome(view, a.claim.write)).toEqual({ kind: 'moved-on' });
  });

  it('a ticket assigned by hand while a member claimed it goes to the hand-picked one', () => {
    const { doc: base } = makeTicketDoc({}, cai);
    const lead = copyOf(base, 9000);
    const agent = copyOf(base, 1000);
    assign(lead, cai.id, cai, T0);
    const b = claimTicket(agent, bo, T0 - MINUTE);
    if (b.kind !== 'claimed') throw new Error('not claimed');
    Y.applyUpdate(agent, Y.encodeStateAsUpdate(lead));
    const view = claimView(agent);
    expect(view.assigneeId).toBe(cai.id);
    expect(resolveClaims(view)).toMatchObject({ holder: cai.id, settleTo: null });
    expect(claimOutcome(view, b.claim.write)).toEqual({ kind: 'lost', by: cai.id });
  });
});

/**
 * A hand-made claim: `actor` assigns `assigneeId` and writes the record `shape` makes of an
 * honest one, under `key` (its write by default), once.
 */
function rawClaim(
  d: Y.Doc,
  actor: typeof aino,
  assigneeId: string,
  shape: (honest: Claim) => Record<string, unknown>,
  key?: string
): void {
  d.transact(() => {
    const version = () => {
      const item = d.getMap('ticket')._map.get('assigneeId');
      return item ? `${item.id.client}:${item.id.clock}` : '0:0';
    };
    const basis = version();
    assign(d, assigneeId, actor, T0);
    const write = version();
    const honest: Claim = { kind: 'claim', memberId: actor.id, at: T0, basis, write };
    d.getMap('claims').set(key ?? write, shape(honest));
  });
}

describe('the update check and the write guard on claims', () => {
  const { doc: live } = makeTicketDoc({}, cai);

  it('accepts an honest claim and an honest settling write', () => {
    const claimed = check(live, (d) => claimTicket(d, aino, T0));
    expect(claimed.verdict).toMatchObject({ ok: true, changed: true });
    expect(authorshipProblem(live, claimed.replica, aino.id)).toBeNull();

    const { one, two } = race({ actor: aino, at: T0 }, { actor: bo, at: T0 + 1 });
    // The server holds the merged race; Bo's replica settles it for Aino, as Bo.
    const settled = check(one, (d) => settleClaims(d, bo, T0 + 2));
    expect(settled.verdict).toMatchObject({ ok: true, changed: true });
    expect(authorshipProblem(one, settled.replica, bo.id)).toBeNull();
    expect(two).toBeDefined();
  });

  it('a member claims only for themself (write guard)', () => {
    // Bo assigns Aino (as Bo, which any agent may) and records it as Aino's claim.
    const { verdict, replica } = check(live, (d) =>
      rawClaim(d, bo, aino.id, (c) => ({ ...c, memberId: aino.id }))
    );
    expect(verdict.ok).toBe(true);
    expect(authorshipProblem(live, replica, bo.id)).toMatch(/for themself only/);
  });

  it('light agents cannot claim (write guard), viewers cannot write at all', () => {
    const { replica } = check(live, (d) => claimTicket(d, aino, T0));
    expect(onlyAddsNotes(live, replica)).toBe(false);
  });

  const claimed = () => {
    const replica = copyOf(live);
    const attempt = claimTicket(replica, aino, T0);
    if (attempt.kind !== 'claimed') throw new Error('not claimed');
    return { replica, claim: attempt.claim };
  };

  const refusals: { name: string; reason: string; edit: (doc: Y.Doc) => void }[] = [
    {
      name: 'a record that is not a claim',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ kind: 'grab', memberId: c.memberId }))
    },
    {
      name: 'a record with an unknown field',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ ...c, priority: 'first' }))
    },
    {
      name: 'a claim under another key than its write',
      reason: 'id-mismatch',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => c, '7:7')
    },
    {
      name: 'a claim that names no assignee write',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ ...c, write: '4242:1' }), '4242:1')
    },
    {
      name: 'a claim whose write is not on top of its basis',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ ...c, basis: '1:0' }))
    },
    {
      name: 'a claim for one member that assigned another',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, bo.id, (c) => c)
    },
    {
      name: 'a settling write that gave the ticket to another than it names',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, bo.id, (c) => ({ ...c, kind: 'settle', for: cai.id }))
    },
    {
      name: 'a version that is not client:clock',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ ...c, basis: 'x', write: 'x' }), 'x')
    },
    {
      name: 'a negative time',
      reason: 'schema',
      edit: (d) => rawClaim(d, aino, aino.id, (c) => ({ ...c, at: -1 }))
    },
    {
      name: 'a claim written twice in one update',
      reason: 'append-only',
      edit: (d) => {
        const attempt = claimTicket(d, aino, T0);
        if (attempt.kind !== 'claimed') throw new Error('not claimed');
        d.getMap('claims').set(attempt.claim.write, { ...attempt.claim, at: 0 });
      }
    }
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name}`, () => {
      const { verdict } = check(live, refusal.edit);
      expect(verdict).toMatchObject({ ok: false, reason: refusal.reason });
    });
  }

  it('refuses removing a claim, or writing one again (back-dating it)', () => {
    const { replica } = claimed();
    const server = copyOf(replica);
    const removed = check(server, (d) => d.getMap('claims').clear());
    expect(removed.verdict).toMatchObject({ ok: false, reason: 'append-only' });
    const rewritten = check(server, (d) => {
      const [key, value] = [...d.getMap<Claim>('claims').entries()][0]!;
      d.getMap('claims').set(key, { ...value, at: 0 });
    });
    expect(rewritten.verdict).toMatchObject({ ok: false, reason: 'append-only' });
  });

  it('refuses content of the wrong kind in the claims and random bytes, and the ticket still reads', () => {
    const accepted: string[] = [];
    for (const kind of WRONG_KINDS) {
      if (kind === 'keyed') continue; // a JSON value under a key is what a claim is
      for (const atStart of [false, true]) {
        const { replica } = claimed();
        const update = wrongKindUpdate(replica, 'claims', kind, { atStart });
        if (applyChecked(copyOf(replica), ticketRef(replica), update).ok) accepted.push(kind);
      }
    }
    expect(accepted).toEqual([]);
    const rng = new Rng(12);
    for (let i = 0; i < 50; i++) {
      const verdict = applyChecked(copyOf(live), ticketRef(live), rng.bytes(rng.int(1, 80)));
      expect(verdict.ok).toBe(false);
    }
    expect(readTicketFields(live)?.assigneeId).toBeNull();
  });
});
