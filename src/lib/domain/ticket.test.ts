import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTag,
  addThreadEntry,
  assign,
  assignNumber,
  createTicket,
  onlyDraft,
  readTicket,
  readTicketFields,
  removeTag,
  setPriority,
  setRequester,
  setStatus,
  setSubject,
  signHandover,
  ticketLabel,
  ticketParts,
  TicketError,
  type Ticket
} from './ticket';
import { SYSTEM_ACTOR, TicketFields } from './schema';
import { slaClocks } from './sla';
import { defaultCalendar } from './business-calendar';
import {
  HOUR,
  MINUTE,
  T0,
  WORKSPACE_ID,
  makeActor,
  makeNewTicket,
  makeTicketDoc
} from './testing/factories';

function ticketOf(doc: Y.Doc): Ticket {
  const ticket = readTicket(doc);
  if (!ticket) throw new Error('expected the document to hold a ticket');
  return ticket;
}

function ticketErrorOf(run: () => unknown): TicketError {
  try {
    run();
  } catch (error) {
    if (error instanceof TicketError) return error;
    throw error;
  }
  throw new Error('expected a TicketError');
}

describe('createTicket', () => {
  it('writes the fields, tags, first message and a created entry in one transaction', () => {
    const doc = new Y.Doc();
    const agent = makeActor();
    const requester = makeActor({ name: 'Carla Customer' });
    let updates = 0;
    doc.on('update', () => (updates += 1));
    const fields = createTicket(
      doc,
      makeNewTicket({
        id: 'ticket-create-1',
        subject: '  VPN drops every hour  ',
        priority: 'high',
        channel: 'email',
        requesterId: requester.id,
        tags: ['VPN', ' network ', 'vpn'],
        firstMessage: { kind: 'inbound', body: 'It drops at :00.', author: requester }
      }),
      agent,
      T0
    );

    expect(updates).toBe(1);
    expect(fields).toEqual({
      id: 'ticket-create-1',
      workspaceId: WORKSPACE_ID,
      number: null,
      ref: expect.stringMatching(/^P-[A-Z0-9]{6}$/),
      subject: 'VPN drops every hour',
      status: 'new',
      priority: 'high',
      assigneeId: null,
      requesterId: requester.id,
      channel: 'email',
      createdBy: agent.id,
      createdAt: T0,
      updatedAt: T0,
      firstResponseAt: null,
      solvedAt: null
    });
    const ticket = ticketOf(doc);
    expect(ticket.fields).toEqual(fields);
    expect(ticket.tags).toEqual(['network', 'vpn']);
    expect(ticket.thread).toEqual([
      {
        id: expect.any(String),
        kind: 'inbound',
        authorId: requester.id,
        authorName: 'Carla Customer',
        body: 'It drops at :00.',
        createdAt: T0
      }
    ]);
    expect(ticket.activity).toEqual([{ at: T0, actorId: agent.id, kind: 'created' }]);
    expect(ticket.draft).toBe('');
    expect(ticket.handover).toBe('');
    expect(ticket.handoverMeta).toBeNull();
  });

  it('defaults to a new, normal-priority web ticket and makes an id when none is given', () => {
    const doc = new Y.Doc();
    const { id: _omit, ...input } = makeNewTicket();
    const fields = createTicket(doc, input, makeActor(), T0);
    expect(TicketFields.safeParse(fields).success).toBe(true);
    expect(fields.id).toMatch(/^[a-z0-9]{25}$/);
    expect([fields.status, fields.priority, fields.channel]).toEqual(['new', 'normal', 'web']);
  });

  it('opens a ticket that is created with an assignee', () => {
    const assignee = makeActor();
    const { fields } = makeTicketDoc({ assigneeId: assignee.id });
    expect(fields.status).toBe('open');
    expect(fields.assigneeId).toBe(assignee.id);
  });

  it('refuses to create a second ticket in the same document', () => {
    const { doc, fields } = makeTicketDoc();
    const error = ticketErrorOf(() => createTicket(doc, makeNewTicket(), makeActor(), T0 + 1));
    expect(error.reason).toBe('already-created');
    expect(ticketOf(doc).fields).toEqual(fields);
  });

  it.each([
    ['an empty subject', { subject: '   ' }],
    ['an invalid workspace id', { workspaceId: 'Not An Id' }],
    ['an invalid ticket id', { id: 'x' }],
    ['a tag with a space', { tags: ['two words'] }],
    ['an empty tag', { tags: [' '] }],
    ['a tag of 41 characters', { tags: ['a'.repeat(41)] }],
    ['51 tags', { tags: Array.from({ length: 51 }, (_, i) => `tag${i}`) }],
    [
      'an empty first message',
      { firstMessage: { kind: 'inbound' as const, body: '  ', author: makeActor() } }
    ],
    [
      'a first message over 100,000 characters',
      { firstMessage: { kind: 'note' as const, body: 'x'.repeat(100_001), author: makeActor() } }
    ]
  ])('refuses %s with invalid-input and writes nothing', (_, overrides) => {
    const doc = new Y.Doc();
    const error = ticketErrorOf(() => createTicket(doc, makeNewTicket(overrides), makeActor(), T0));
    expect(error.reason).toBe('invalid-input');
    expect(readTicket(doc)).toBeNull();
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });

  it('refuses an actor whose id is not an id', () => {
    const error = ticketErrorOf(() =>
      createTicket(new Y.Doc(), makeNewTicket(), { id: 'Bob', name: 'Bob' }, T0)
    );
    expect(error.reason).toBe('invalid-input');
  });
});

describe('readTicket', () => {
  it('is null for an empty document', () => {
    const doc = new Y.Doc();
    expect(readTicket(doc)).toBeNull();
    expect(readTicketFields(doc)).toBeNull();
  });

  it('is null when the fields break the schema', () => {
    const { doc } = makeTicketDoc();
    ticketParts(doc).fields.set('status', 'exploded');
    expect(readTicket(doc)).toBeNull();
  });

  it('refuses every change on a document without a ticket', () => {
    const doc = new Y.Doc();
    const actor = makeActor();
    for (const change of [
      () => setStatus(doc, 'open', actor, T0),
      () => addTag(doc, 'x', actor, T0),
      () => addThreadEntry(doc, 'note', 'hi', actor, T0),
      () => signHandover(doc, null, actor, T0),
      () => assignNumber(doc, 1, SYSTEM_ACTOR, T0)
    ]) {
      expect(ticketErrorOf(change).reason).toBe('not-a-ticket');
    }
  });
});

describe('field changes', () => {
  it('setStatus sets solvedAt when solved, keeps it when closed and clears it when reopened', () => {
    const { doc, actor } = makeTicketDoc();
    expect(setStatus(doc, 'solved', actor, T0 + HOUR)).toBe(true);
    expect(ticketOf(doc).fields).toMatchObject({ status: 'solved', solvedAt: T0 + HOUR });
    expect(setStatus(doc, 'closed', actor, T0 + 2 * HOUR)).toBe(true);
    expect(ticketOf(doc).fields).toMatchObject({ status: 'closed', solvedAt: T0 + HOUR });
    expect(setStatus(doc, 'open', actor, T0 + 3 * HOUR)).toBe(true);
    expect(ticketOf(doc).fields).toMatchObject({
      status: 'open',
      solvedAt: null,
      updatedAt: T0 + 3 * HOUR
    });
    expect(ticketOf(doc).activity.slice(1)).toEqual([
      { at: T0 + HOUR, actorId: actor.id, kind: 'status', from: 'new', to: 'solved' },
      { at: T0 + 2 * HOUR, actorId: actor.id, kind: 'status', from: 'solved', to: 'closed' },
      { at: T0 + 3 * HOUR, actorId: actor.id, kind: 'status', from: 'closed', to: 'open' }
    ]);
  });

  it('a change to the current value writes nothing', () => {
    const { doc, actor } = makeTicketDoc({ priority: 'high' });
    const before = Y.encodeStateVector(doc);
    expect(setPriority(doc, 'high', actor, T0 + MINUTE)).toBe(false);
    expect(setStatus(doc, 'new', actor, T0 + MINUTE)).toBe(false);
    expect(assign(doc, null, actor, T0 + MINUTE)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('assign opens a new ticket, and unassigning leaves the status alone', () => {
    const { doc, actor } = makeTicketDoc();
    const assignee = makeActor();
    expect(assign(doc, assignee.id, actor, T0 + MINUTE)).toBe(true);
    expect(ticketOf(doc).fields).toMatchObject({ assigneeId: assignee.id, status: 'open' });
    setStatus(doc, 'pending', actor, T0 + 2 * MINUTE);
    expect(assign(doc, null, actor, T0 + 3 * MINUTE)).toBe(true);
    expect(ticketOf(doc).fields).toMatchObject({ assigneeId: null, status: 'pending' });
    expect(ticketOf(doc).activity.filter((a) => a.kind === 'assignee')).toEqual([
      { at: T0 + MINUTE, actorId: actor.id, kind: 'assignee', from: null, to: assignee.id },
      { at: T0 + 3 * MINUTE, actorId: actor.id, kind: 'assignee', from: assignee.id, to: null }
    ]);
  });

  it('assign does not reopen a pending ticket', () => {
    const { doc, actor } = makeTicketDoc();
    setStatus(doc, 'pending', actor, T0 + MINUTE);
    assign(doc, makeActor().id, actor, T0 + 2 * MINUTE);
    expect(ticketOf(doc).fields.status).toBe('pending');
  });

  it('setPriority, setSubject and setRequester record what changed', () => {
    const { doc, actor } = makeTicketDoc();
    const requester = makeActor();
    expect(setPriority(doc, 'urgent', actor, T0 + 1)).toBe(true);
    expect(setSubject(doc, '  New subject ', actor, T0 + 2)).toBe(true);
    expect(setRequester(doc, requester.id, actor, T0 + 3)).toBe(true);
    const ticket = ticketOf(doc);
    expect(ticket.fields).toMatchObject({
      priority: 'urgent',
      subject: 'New subject',
      requesterId: requester.id,
      updatedAt: T0 + 3
    });
    expect(ticket.activity.slice(1).map((a) => [a.kind, a.from, a.to])).toEqual([
      ['priority', 'normal', 'urgent'],
      ['subject', 'Printer on floor 3 is jammed', 'New subject'],
      ['requester', null, requester.id]
    ]);
  });

  it('refuses invalid values with invalid-input and leaves the ticket as it was', () => {
    const { doc, actor, fields } = makeTicketDoc();
    expect(ticketErrorOf(() => setSubject(doc, '   ', actor, T0 + 1)).reason).toBe('invalid-input');
    expect(ticketErrorOf(() => assign(doc, 'NOT AN ID', actor, T0 + 1)).reason).toBe(
      'invalid-input'
    );
    expect(ticketErrorOf(() => setPriority(doc, 'whenever' as never, actor, T0 + 1)).reason).toBe(
      'invalid-input'
    );
    expect(ticketOf(doc).fields).toEqual(fields);
  });
});

describe('tags', () => {
  it('addTag stores the tag trimmed and lowercase, once', () => {
    const { doc, actor } = makeTicketDoc();
    expect(addTag(doc, '  Billing ', actor, T0 + 1)).toBe(true);
    expect(addTag(doc, 'BILLING', actor, T0 + 2)).toBe(false);
    expect(addTag(doc, 'refund', actor, T0 + 3)).toBe(true);
    const ticket = ticketOf(doc);
    expect(ticket.tags).toEqual(['billing', 'refund']);
    expect(ticket.activity.filter((a) => a.kind === 'tag-added').map((a) => a.to)).toEqual([
      'billing',
      'refund'
    ]);
    expect(ticket.fields.updatedAt).toBe(T0 + 3);
  });

  it('removeTag matches the normalised tag and is idempotent', () => {
    const { doc, actor } = makeTicketDoc({ tags: ['billing', 'refund'] });
    expect(removeTag(doc, ' Billing', actor, T0 + 1)).toBe(true);
    expect(removeTag(doc, 'billing', actor, T0 + 2)).toBe(false);
    expect(removeTag(doc, 'never-there', actor, T0 + 3)).toBe(false);
    const ticket = ticketOf(doc);
    expect(ticket.tags).toEqual(['refund']);
    expect(ticket.activity.filter((a) => a.kind === 'tag-removed')).toEqual([
      { at: T0 + 1, actorId: actor.id, kind: 'tag-removed', from: 'billing' }
    ]);
  });

  it('refuses tags the server would refuse', () => {
    const { doc, actor } = makeTicketDoc();
    for (const bad of ['', '  ', 'two words', 'a,b', 'x'.repeat(41)]) {
      expect(ticketErrorOf(() => addTag(doc, bad, actor, T0 + 1)).reason).toBe('invalid-input');
    }
    for (let i = 0; i < 50; i++) addTag(doc, `t${i}`, actor, T0 + 1);
    expect(ticketErrorOf(() => addTag(doc, 'one-too-many', actor, T0 + 2)).reason).toBe(
      'invalid-input'
    );
    expect(ticketOf(doc).tags).toHaveLength(50);
  });
});

describe('addThreadEntry', () => {
  it('records the first response time on the first public reply only', () => {
    const { doc, actor } = makeTicketDoc();
    addThreadEntry(doc, 'note', 'internal: looking into it', actor, T0 + MINUTE);
    expect(ticketOf(doc).fields.firstResponseAt).toBeNull();
    addThreadEntry(doc, 'reply', 'We are on it.', actor, T0 + 2 * MINUTE);
    addThreadEntry(doc, 'reply', 'Fixed now.', actor, T0 + 3 * MINUTE);
    const ticket = ticketOf(doc);
    expect(ticket.fields.firstResponseAt).toBe(T0 + 2 * MINUTE);
    expect(ticket.fields.status).toBe('open');
    expect(ticket.thread.map((e) => [e.kind, e.body, e.createdAt])).toEqual([
      ['note', 'internal: looking into it', T0 + MINUTE],
      ['reply', 'We are on it.', T0 + 2 * MINUTE],
      ['reply', 'Fixed now.', T0 + 3 * MINUTE]
    ]);
    expect(ticket.activity.map((a) => a.kind)).toEqual(['created', 'note', 'reply', 'reply']);
  });

  it('a note does not open a new ticket', () => {
    const { doc, actor } = makeTicketDoc();
    addThreadEntry(doc, 'note', 'hmm', actor, T0 + 1);
    expect(ticketOf(doc).fields.status).toBe('new');
  });

  it.each(['solved', 'pending'] as const)('an inbound message reopens a %s ticket', (status) => {
    const { doc, actor } = makeTicketDoc();
    setStatus(doc, status, actor, T0 + HOUR);
    addThreadEntry(doc, 'inbound', 'Still broken!', makeActor(), T0 + 2 * HOUR);
    expect(ticketOf(doc).fields).toMatchObject({
      status: 'open',
      solvedAt: null,
      updatedAt: T0 + 2 * HOUR
    });
  });

  it.each(['solved', 'pending'] as const)(
    'the reopen is in the activity log as a status change, so SLA clocks see it (%s)',
    (status) => {
      const { doc, actor } = makeTicketDoc();
      const customer = makeActor();
      setStatus(doc, status, actor, T0 + HOUR);
      addThreadEntry(doc, 'inbound', 'Still broken!', customer, T0 + 2 * HOUR);
      const ticket = ticketOf(doc);
      expect(ticket.activity.slice(-2)).toEqual([
        { at: T0 + 2 * HOUR, actorId: customer.id, kind: 'inbound' },
        { at: T0 + 2 * HOUR, actorId: customer.id, kind: 'status', from: status, to: 'open' }
      ]);
      // The resolution clock runs again from the reopen (it was stopped or paused before).
      const resolution = slaClocks(
        { ...ticket.fields, thread: ticket.thread, activity: ticket.activity },
        {
          id: 'sla',
          name: 'Everything',
          conditions: {},
          targets: { resolution: { minutes: 8 * 60, time: 'calendar' } },
          calendarId: 'none',
          warnAtPercent: 75,
          pauseStatuses: ['pending']
        },
        defaultCalendar('UTC'),
        T0 + 3 * HOUR
      ).find((clock) => clock.metric === 'resolution');
      expect(resolution).toMatchObject({ state: 'running', stoppedAt: null });
    }
  );

  it('an inbound message leaves an on-hold ticket on hold', () => {
    const { doc, actor } = makeTicketDoc();
    setStatus(doc, 'on-hold', actor, T0 + HOUR);
    addThreadEntry(doc, 'inbound', 'Any news?', makeActor(), T0 + 2 * HOUR);
    expect(ticketOf(doc).fields.status).toBe('on-hold');
  });

  it('returns the entry it appended', () => {
    const { doc, actor } = makeTicketDoc();
    const entry = addThreadEntry(doc, 'reply', 'Hello', actor, T0 + 1);
    expect(ticketOf(doc).thread.at(-1)).toEqual(entry);
    expect(entry).toMatchObject({ kind: 'reply', authorId: actor.id, authorName: actor.name });
  });

  it.each([
    ['empty', ''],
    ['blank', ' \n\t '],
    ['too long', 'x'.repeat(100_001)]
  ])('refuses a %s body', (_, body) => {
    const { doc, actor } = makeTicketDoc();
    const before = Y.encodeStateVector(doc);
    expect(ticketErrorOf(() => addThreadEntry(doc, 'reply', body, actor, T0 + 1)).reason).toBe(
      'invalid-input'
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('signHandover', () => {
  it('records who wrote the note, when and for whom', () => {
    const { doc, actor } = makeTicketDoc();
    const next = makeActor();
    ticketParts(doc).handover.insert(0, 'Customer waits for a callback.');
    signHandover(doc, next.id, actor, T0 + HOUR);
    const ticket = ticketOf(doc);
    expect(ticket.handover).toBe('Customer waits for a callback.');
    expect(ticket.handoverMeta).toEqual({
      updatedBy: actor.id,
      updatedAt: T0 + HOUR,
      toMemberId: next.id
    });
    expect(ticket.activity.at(-1)).toEqual({
      at: T0 + HOUR,
      actorId: actor.id,
      kind: 'handover',
      to: next.id
    });
    expect(ticket.fields.updatedAt).toBe(T0 + HOUR);
  });

  it('refuses a member id that is not an id', () => {
    const { doc, actor } = makeTicketDoc();
    expect(ticketErrorOf(() => signHandover(doc, 'Bob!', actor, T0 + 1)).reason).toBe(
      'invalid-input'
    );
    expect(ticketOf(doc).handoverMeta).toBeNull();
  });
});

describe('numbers and labels', () => {
  it('assignNumber gives a number once', () => {
    const { doc, fields } = makeTicketDoc();
    expect(ticketLabel(fields)).toBe(fields.ref);
    expect(assignNumber(doc, 1042, SYSTEM_ACTOR, T0 + 1)).toBe(true);
    expect(assignNumber(doc, 1043, SYSTEM_ACTOR, T0 + 2)).toBe(false);
    const ticket = ticketOf(doc);
    expect(ticket.fields.number).toBe(1042);
    expect(ticketLabel(ticket.fields)).toBe('#1042');
    expect(ticket.activity.filter((a) => a.kind === 'numbered')).toEqual([
      { at: T0 + 1, actorId: SYSTEM_ACTOR.id, kind: 'numbered', to: 1042 }
    ]);
  });

  it('ticketLabel shows the provisional reference until a number arrives', () => {
    expect(ticketLabel({ number: null, ref: 'P-7KQ2MX' })).toBe('P-7KQ2MX');
    expect(ticketLabel({ number: 7, ref: 'P-7KQ2MX' })).toBe('#7');
  });
});

describe('updatedAt', () => {
  it('never goes backwards, even when a clock is behind', () => {
    const { doc, actor } = makeTicketDoc({}, makeActor(), T0 + 10 * HOUR);
    const late = T0; // a phone whose clock is ten hours behind
    const steps: (() => unknown)[] = [
      () => setStatus(doc, 'open', actor, late),
      () => setPriority(doc, 'high', actor, late),
      () => assign(doc, actor.id, actor, late),
      () => addTag(doc, 'late', actor, late),
      () => removeTag(doc, 'late', actor, late),
      () => addThreadEntry(doc, 'note', 'hi', actor, late),
      () => signHandover(doc, null, actor, late),
      () => assignNumber(doc, 5, SYSTEM_ACTOR, late),
      () => setStatus(doc, 'solved', actor, T0 + 11 * HOUR),
      () => setPriority(doc, 'low', actor, late)
    ];
    let previous = ticketOf(doc).fields.updatedAt;
    for (const step of steps) {
      step();
      const updatedAt = ticketOf(doc).fields.updatedAt;
      expect(updatedAt).toBeGreaterThanOrEqual(previous);
      previous = updatedAt;
    }
    expect(previous).toBe(T0 + 11 * HOUR);
  });
});

describe('onlyDraft', () => {
  /** The roots one transaction changed, found as the server finds them. */
  function changedRoots(doc: Y.Doc, change: () => void): Set<string> {
    const roots = new Set<string>();
    const listener = (tr: Y.Transaction) => {
      for (const [name, type] of doc.share) if (tr.changed.has(type)) roots.add(name);
    };
    doc.on('afterTransaction', listener);
    doc.transact(change);
    doc.off('afterTransaction', listener);
    return roots;
  }

  it('is true only for a change to the reply draft alone', () => {
    const { doc, actor } = makeTicketDoc();
    const { draft, handover } = ticketParts(doc);
    expect(onlyDraft(changedRoots(doc, () => draft.insert(0, 'Hej')))).toBe(true);
    expect(onlyDraft(changedRoots(doc, () => draft.delete(0, 1)))).toBe(true);
    expect(onlyDraft(changedRoots(doc, () => handover.insert(0, 'Over to Maya')))).toBe(false);
    expect(onlyDraft(changedRoots(doc, () => setPriority(doc, 'high', actor, T0)))).toBe(false);
    expect(
      onlyDraft(
        changedRoots(doc, () => {
          draft.insert(0, 'Solved: ');
          setStatus(doc, 'solved', actor, T0);
        })
      )
    ).toBe(false);
    expect(onlyDraft(new Set())).toBe(false);
  });
});
