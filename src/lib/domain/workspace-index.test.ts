import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  allTags,
  boardColumns,
  compareTickets,
  indexParts,
  inView,
  listView,
  matchesFilter,
  NO_FILTER,
  putCustomer,
  putMember,
  putSummary,
  readIndex,
  removeSummary,
  sameSummary,
  SORT_KEYS,
  summarize,
  summarizeDoc,
  warmIndexReading,
  type SortKey
} from './workspace-index';
import { addThreadEntry, assignNumber, readTicket, setStatus, ticketParts } from './ticket';
import { SYSTEM_ACTOR, TicketSummary, type TicketStatus } from './schema';
import {
  DAY,
  HOUR,
  T0,
  makeActor,
  makeCustomer,
  makeMember,
  makeSummary,
  makeTicketDoc
} from './testing/factories';
import { Rng } from './testing/prng';

describe('summarize', () => {
  it('projects a ticket document into exactly the summary the board needs', () => {
    const requester = makeActor();
    const { doc, fields, actor } = makeTicketDoc({
      subject: 'Refund for order 1234',
      priority: 'high',
      channel: 'email',
      requesterId: requester.id,
      tags: ['refund', 'billing'],
      firstMessage: { kind: 'inbound', body: 'Please refund.', author: requester }
    });
    addThreadEntry(doc, 'reply', 'Done.', actor, T0 + HOUR);
    setStatus(doc, 'solved', actor, T0 + 2 * HOUR);
    assignNumber(doc, 7, SYSTEM_ACTOR, T0 + 3 * HOUR);
    ticketParts(doc).handover.insert(0, 'Check the bank statement on Monday.');

    const summary = summarizeDoc(doc);
    expect(summary).toEqual({
      id: fields.id,
      number: 7,
      ref: fields.ref,
      subject: 'Refund for order 1234',
      status: 'solved',
      priority: 'high',
      assigneeId: null,
      requesterId: requester.id,
      channel: 'email',
      tags: ['billing', 'refund'],
      createdAt: T0,
      updatedAt: T0 + 2 * HOUR,
      firstResponseAt: T0 + HOUR,
      solvedAt: T0 + 2 * HOUR,
      entryCount: 2,
      hasHandover: true
    });
    expect(TicketSummary.safeParse(summary).success).toBe(true);
  });

  it('a handover of only whitespace does not count as a handover', () => {
    const { doc } = makeTicketDoc();
    ticketParts(doc).handover.insert(0, '  \n ');
    const ticket = readTicket(doc);
    expect(ticket && summarize(ticket).hasHandover).toBe(false);
  });

  it('is null for a document without a ticket', () => {
    expect(summarizeDoc(new Y.Doc())).toBeNull();
  });
});

describe('putSummary', () => {
  it('writes only when the summary differs from what the index holds', () => {
    const index = new Y.Doc();
    let updates = 0;
    index.on('update', () => (updates += 1));
    const summary = makeSummary({ tags: ['a', 'b'] });

    expect(putSummary(index, summary)).toBe(true);
    expect(putSummary(index, { ...summary, tags: ['a', 'b'] })).toBe(false);
    expect(updates).toBe(1);
    expect(putSummary(index, { ...summary, tags: ['a'] })).toBe(true);
    expect(putSummary(index, { ...summary, tags: ['b', 'a'] })).toBe(true);
    expect(putSummary(index, { ...summary, tags: ['b', 'a'], status: 'pending' })).toBe(true);
    expect(updates).toBe(4);
    expect(indexParts(index).tickets.get(summary.id)).toEqual({
      ...summary,
      tags: ['b', 'a'],
      status: 'pending'
    });
  });

  it('sameSummary compares every field, including the tag list', () => {
    const summary = makeSummary({ tags: ['x'] });
    expect(sameSummary(undefined, summary)).toBe(false);
    expect(sameSummary({ ...summary }, summary)).toBe(true);
    expect(sameSummary({ ...summary, tags: ['y'] }, summary)).toBe(false);
    expect(sameSummary({ ...summary, tags: [] }, summary)).toBe(false);
    expect(sameSummary({ ...summary, updatedAt: summary.updatedAt + 1 }, summary)).toBe(false);
    expect(sameSummary({ ...summary, number: 3 }, summary)).toBe(false);
  });

  it('removeSummary deletes once', () => {
    const index = new Y.Doc();
    const summary = makeSummary();
    putSummary(index, summary);
    expect(removeSummary(index, summary.id)).toBe(true);
    expect(removeSummary(index, summary.id)).toBe(false);
    expect(readIndex(index).tickets).toEqual([]);
  });
});

describe('readIndex', () => {
  it('has its parsers built by a warm-up that reads a valid customer and member', () => {
    // A sample that failed a check early would leave the rest of the parser unbuilt.
    expect(warmIndexReading()).toBe(true);
  });

  it('returns members and customers by id and skips entries that fail the schema', () => {
    const index = new Y.Doc();
    const member = makeMember();
    const customer = makeCustomer();
    const summary = makeSummary();
    putMember(index, member);
    putCustomer(index, customer);
    putSummary(index, summary);
    const parts = indexParts(index);
    // What an old or broken client might have left behind.
    parts.members.set('member-broken1', {
      ...member,
      id: 'member-broken1',
      timeZone: 'Mars/Olympus'
    } as never);
    parts.members.set('member-broken2', { id: 'member-broken2' } as never);
    parts.customers.set('customer-broken', { ...customer, id: 'customer-broken', email: 'nope' });
    parts.customers.set('customer-null', null as never);
    parts.tickets.set('ticket-broken', { id: 'ticket-broken', subject: 3 } as never);
    parts.tickets.set('ticket-string', 'hello' as never);
    // A status or priority from a newer version must not break the board's columns.
    parts.tickets.set('ticket-future', {
      ...makeSummary({ id: 'ticket-future' }),
      status: 'archived'
    } as never);
    parts.tickets.set('ticket-prio', {
      ...makeSummary({ id: 'ticket-prio' }),
      priority: 'p0'
    } as never);

    const snapshot = readIndex(index);
    expect([...snapshot.members.entries()]).toEqual([[member.id, member]]);
    expect([...snapshot.customers.entries()]).toEqual([[customer.id, customer]]);
    expect(snapshot.tickets).toEqual([summary]);
    expect(() => boardColumns(snapshot.tickets, NO_FILTER, 'priority')).not.toThrow();
  });

  it('putMember and putCustomer refuse invalid profiles and write nothing', () => {
    const index = new Y.Doc();
    expect(() => putMember(index, { ...makeMember(), timeZone: 'Nowhere/Land' })).toThrow();
    expect(() => putCustomer(index, { ...makeCustomer(), email: 'not-an-email' })).toThrow();
    expect(indexParts(index).members.size + indexParts(index).customers.size).toBe(0);
  });
});

describe('views', () => {
  const me = 'member-me-0001';
  const other = 'member-other01';
  const now = T0 + 30 * DAY;
  const tickets = {
    mineOpen: makeSummary({ id: 'ticket-mine-open', status: 'open', assigneeId: me }),
    minePending: makeSummary({ id: 'ticket-mine-pend', status: 'pending', assigneeId: me }),
    mineSolved: makeSummary({
      id: 'ticket-mine-solv',
      status: 'solved',
      assigneeId: me,
      solvedAt: now - DAY
    }),
    otherOnHold: makeSummary({ id: 'ticket-oth-hold', status: 'on-hold', assigneeId: other }),
    newUnassigned: makeSummary({ id: 'ticket-new-unas', status: 'new' }),
    solvedJustInside: makeSummary({
      id: 'ticket-solv-in',
      status: 'solved',
      solvedAt: now - 7 * DAY
    }),
    closedJustOutside: makeSummary({
      id: 'ticket-clos-out',
      status: 'closed',
      solvedAt: now - 7 * DAY - 1
    }),
    closedNoSolvedAt: makeSummary({
      id: 'ticket-clos-upd',
      status: 'closed',
      solvedAt: null,
      updatedAt: now - 2 * DAY
    }),
    closedUnassigned: makeSummary({ id: 'ticket-clos-unas', status: 'closed', solvedAt: null })
  };
  const all = Object.values(tickets);
  const ids = (list: readonly TicketSummary[]) => list.map((t) => t.id).sort();

  it.each([
    ['mine', [tickets.mineOpen, tickets.minePending]],
    ['unassigned', [tickets.newUnassigned]],
    ['open', [tickets.mineOpen, tickets.minePending, tickets.otherOnHold, tickets.newUnassigned]],
    ['pending', [tickets.minePending]],
    ['solved', [tickets.mineSolved, tickets.solvedJustInside, tickets.closedNoSolvedAt]]
  ] as const)('%s shows exactly its tickets', (view, expected) => {
    expect(ids(all.filter((t) => inView(view, t, me, now)))).toEqual(ids(expected));
    expect(ids(listView(all, view, NO_FILTER, 'priority', me, now))).toEqual(ids(expected));
  });

  it('mine is empty for a viewer who is not a member', () => {
    expect(all.filter((t) => inView('mine', t, null, now))).toEqual([]);
  });
});

describe('filters', () => {
  const a = makeSummary({ assigneeId: 'member-aaaa01', priority: 'high', tags: ['vpn'] });
  const b = makeSummary({ assigneeId: null, priority: 'high', tags: ['vpn', 'billing'] });
  const c = makeSummary({ assigneeId: 'member-cccc01', priority: 'low', tags: [] });
  const all = [a, b, c];
  const pick = (filter: Partial<typeof NO_FILTER>) =>
    all.filter((t) => matchesFilter(t, { ...NO_FILTER, ...filter }));

  it('no filter keeps everything', () => expect(pick({})).toEqual(all));
  it('by assignee', () => expect(pick({ assignee: 'member-aaaa01' })).toEqual([a]));
  it("'none' means unassigned", () => expect(pick({ assignee: 'none' })).toEqual([b]));
  it('by priority', () => expect(pick({ priority: 'high' })).toEqual([a, b]));
  it('by tag', () => expect(pick({ tag: 'billing' })).toEqual([b]));
  it('all at once', () => {
    expect(pick({ assignee: 'none', priority: 'high', tag: 'vpn' })).toEqual([b]);
    expect(pick({ assignee: 'member-aaaa01', tag: 'billing' })).toEqual([]);
  });
});

describe('sorting', () => {
  const urgentOld = makeSummary({ id: 'ticket-u-old', priority: 'urgent', createdAt: T0 });
  const urgentNewA = makeSummary({ id: 'ticket-u-new-a', priority: 'urgent', createdAt: T0 + 5 });
  const urgentNewB = makeSummary({ id: 'ticket-u-new-b', priority: 'urgent', createdAt: T0 + 5 });
  const high = makeSummary({
    id: 'ticket-high',
    priority: 'high',
    createdAt: T0 + 9,
    updatedAt: T0 + 50
  });
  const normal = makeSummary({
    id: 'ticket-normal',
    priority: 'normal',
    createdAt: T0 - 5,
    updatedAt: T0 + 50,
    nextDueAt: T0 + 100
  });
  const low = makeSummary({
    id: 'ticket-low',
    priority: 'low',
    createdAt: T0 - 10,
    updatedAt: T0 + 99,
    nextDueAt: T0 + 60
  });
  const all = [urgentOld, urgentNewA, urgentNewB, high, normal, low];

  const expected: Record<SortKey, string[]> = {
    priority: [
      'ticket-u-old',
      'ticket-u-new-a',
      'ticket-u-new-b',
      'ticket-high',
      'ticket-normal',
      'ticket-low'
    ],
    age: [
      'ticket-low',
      'ticket-normal',
      'ticket-u-old',
      'ticket-u-new-a',
      'ticket-u-new-b',
      'ticket-high'
    ],
    // updatedAt descending; the three at T0 and the two at T0 + 50 fall back to the id.
    updated: [
      'ticket-low',
      'ticket-high',
      'ticket-normal',
      'ticket-u-new-a',
      'ticket-u-new-b',
      'ticket-u-old'
    ],
    // The earliest due time first, then the tickets without one in priority order.
    due: [
      'ticket-low',
      'ticket-normal',
      'ticket-u-old',
      'ticket-u-new-a',
      'ticket-u-new-b',
      'ticket-high'
    ]
  };

  it.each(SORT_KEYS)('%s gives the same order whatever order the replica holds them in', (key) => {
    const rng = new Rng(42);
    for (let round = 0; round < 20; round++) {
      const sorted = rng.shuffle(all).sort(compareTickets(key));
      expect(sorted.map((t) => t.id)).toEqual(expected[key]);
    }
  });
});

describe('boardColumns', () => {
  it('groups filtered tickets by status, each column sorted', () => {
    const tickets = [
      makeSummary({ id: 'ticket-open-low', status: 'open', priority: 'low' }),
      makeSummary({ id: 'ticket-open-urg', status: 'open', priority: 'urgent' }),
      makeSummary({ id: 'ticket-new-1', status: 'new', tags: ['vpn'] }),
      makeSummary({ id: 'ticket-hold-1', status: 'on-hold', tags: ['vpn'] }),
      makeSummary({ id: 'ticket-closed-1', status: 'closed', tags: ['vpn'] })
    ];
    const columns = boardColumns(tickets, NO_FILTER, 'priority');
    const idsOf = (status: TicketStatus) => columns[status].map((t) => t.id);
    expect(Object.keys(columns).sort()).toEqual(
      ['closed', 'new', 'on-hold', 'open', 'pending', 'solved'].sort()
    );
    expect(idsOf('open')).toEqual(['ticket-open-urg', 'ticket-open-low']);
    expect(idsOf('new')).toEqual(['ticket-new-1']);
    expect(idsOf('pending')).toEqual([]);

    const vpn = boardColumns(tickets, { ...NO_FILTER, tag: 'vpn' }, 'age');
    expect(
      Object.values(vpn)
        .flat()
        .map((t) => t.id)
        .sort()
    ).toEqual(['ticket-closed-1', 'ticket-hold-1', 'ticket-new-1'].sort());
  });
});

describe('allTags', () => {
  it('lists every tag in use once, sorted', () => {
    const tickets = [
      makeSummary({ tags: ['vpn', 'billing'] }),
      makeSummary({ tags: ['billing'] }),
      makeSummary({ tags: [] }),
      makeSummary({ tags: ['access'] })
    ];
    expect(allTags(tickets)).toEqual(['access', 'billing', 'vpn']);
    expect(allTags([])).toEqual([]);
  });
});
