import { describe, expect, it } from 'vitest';
import { readTicketFields } from '$lib/domain/ticket';
import { HOUR, T0, makeActor, makeTicketDoc, makeSummary } from '$lib/domain/testing/factories';
import { canTriage, describeTriage, triageEdit, triageList, undoEdit } from './triage';
import { matchesQuery } from './search';

const me = 'member-aino';

describe('triageList', () => {
  it('lists my open tickets and unassigned ones, most urgent first', () => {
    const tickets = [
      makeSummary({ id: 'ticket-a', priority: 'normal', assigneeId: me, createdAt: T0 }),
      makeSummary({ id: 'ticket-b', priority: 'urgent', assigneeId: null, createdAt: T0 }),
      makeSummary({ id: 'ticket-c', priority: 'urgent', assigneeId: 'member-joy' }),
      makeSummary({ id: 'ticket-d', priority: 'high', assigneeId: me, status: 'solved' }),
      makeSummary({
        id: 'ticket-e',
        priority: 'normal',
        assigneeId: null,
        createdAt: T0 - HOUR,
        firstResponseAt: T0
      }),
      makeSummary({ id: 'ticket-f', priority: 'normal', assigneeId: null, createdAt: T0 + 1 })
    ];
    // Waiting for a first response goes before answered ones of the same priority.
    expect(triageList(tickets, me).map((t) => t.id)).toEqual([
      'ticket-b',
      'ticket-a',
      'ticket-f',
      'ticket-e'
    ]);
    expect(triageList(tickets, me, 'mine').map((t) => t.id)).toEqual(['ticket-a']);
    expect(triageList(tickets, me, 'unassigned').map((t) => t.id)).toEqual([
      'ticket-b',
      'ticket-f',
      'ticket-e'
    ]);
  });
});

describe('matchesQuery', () => {
  const t = makeSummary({ number: 42, subject: 'Invoice PDF is blank', ref: 'P-AB12CD' });
  it('matches numbers, references and subject words', () => {
    expect(matchesQuery(t, '')).toBe(true);
    expect(matchesQuery(t, '#42')).toBe(true);
    expect(matchesQuery(t, '#4')).toBe(true);
    expect(matchesQuery(t, '42')).toBe(true);
    expect(matchesQuery(t, '#43')).toBe(false);
    expect(matchesQuery(t, 'p-ab1')).toBe(true);
    expect(matchesQuery(t, 'blank invoice')).toBe(true);
    expect(matchesQuery(t, 'invoice missing')).toBe(false);
  });
});

describe('triage actions and undo', () => {
  it('taking a new ticket opens it; undo puts assignee and status back', () => {
    const actor = makeActor({ id: me });
    const { doc } = makeTicketDoc({ assigneeId: null });
    expect(readTicketFields(doc)?.status).toBe('new');
    const before = triageEdit({ kind: 'take' }, me)(doc, actor, T0 + 1);
    expect(readTicketFields(doc)).toMatchObject({ assigneeId: me, status: 'open' });
    expect(before).toEqual({ assigneeId: null, status: 'new', priority: 'normal' });
    if (!before) throw new Error('no change recorded');
    expect(undoEdit(before)(doc, actor, T0 + 2)).toBe(true);
    expect(readTicketFields(doc)).toMatchObject({ assigneeId: null, status: 'new' });
  });

  it('pending and priority revert, and a no-op records nothing', () => {
    const actor = makeActor({ id: me });
    const { doc } = makeTicketDoc({ assigneeId: me, priority: 'low' });
    const pending = triageEdit({ kind: 'pending' }, me)(doc, actor, T0 + 1);
    const priority = triageEdit({ kind: 'priority', priority: 'urgent' }, me)(doc, actor, T0 + 2);
    expect(readTicketFields(doc)).toMatchObject({ status: 'pending', priority: 'urgent' });
    expect(triageEdit({ kind: 'take' }, me)(doc, actor, T0 + 3)).toBeNull();
    if (!priority || !pending) throw new Error('no change recorded');
    undoEdit(priority)(doc, actor, T0 + 4);
    expect(readTicketFields(doc)).toMatchObject({ status: 'pending', priority: 'low' });
    undoEdit(pending)(doc, actor, T0 + 5);
    expect(readTicketFields(doc)).toMatchObject({ status: 'open', priority: 'low' });
  });

  it('offers only actions that change something, and says what happened', () => {
    const t = makeSummary({ assigneeId: me, status: 'pending', priority: 'high' });
    expect(canTriage(t, { kind: 'take' }, me)).toBe(false);
    expect(canTriage(t, { kind: 'pending' }, me)).toBe(false);
    expect(canTriage(t, { kind: 'priority', priority: 'high' }, me)).toBe(false);
    expect(canTriage(t, { kind: 'priority', priority: 'urgent' }, me)).toBe(true);
    expect(describeTriage({ kind: 'take' }, '#3')).toBe('#3 assigned to you');
    expect(describeTriage({ kind: 'priority', priority: 'urgent' }, '#3')).toBe(
      '#3 is now urgent priority'
    );
  });
});
