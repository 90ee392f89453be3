import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../src/lib/domain/schema.ts';
import type { SlaClock } from '../../src/lib/domain/sla.ts';
import { activityEvents, warningEvents } from './events.ts';

const ticket = { ticketId: 'ticket-1', assigneeId: 'member-mads' };
const entry = (e: Partial<ActivityEntry> & Pick<ActivityEntry, 'kind'>): ActivityEntry => ({
  at: 1_000,
  actorId: 'member-aino',
  ...e
});

function clock(c: Partial<SlaClock>): SlaClock {
  return {
    metric: 'firstReply',
    policyId: 'policy-1',
    time: 'business',
    targetMs: 3_600_000,
    startedAt: 0,
    stoppedAt: null,
    dueAt: 3_600_000,
    warnAt: 2_700_000,
    state: 'running',
    warning: false,
    remainingMs: 0,
    elapsed: { businessMs: 0, calendarMs: 0 },
    ...c
  };
}

describe('notification events from ticket activity', () => {
  it('tells the new assignee, with a key made of the entry itself', () => {
    const events = activityEvents(ticket, [
      entry({ kind: 'assignee', from: null, to: 'member-mads' })
    ]);
    expect(events).toEqual([
      {
        key: 'assigned:ticket-1:member-mads:1000:member-aino',
        kind: 'assigned',
        ticketId: 'ticket-1',
        memberId: 'member-mads',
        actorId: 'member-aino',
        at: 1_000,
        metric: null
      }
    ]);
    // The same entry seen again (a replay, the catch-up scan) gives the same key.
    expect(activityEvents(ticket, [entry({ kind: 'assignee', to: 'member-mads' })])[0]?.key).toBe(
      events[0]?.key
    );
  });

  it('never tells the actor about their own doing, nor anyone about an unassignment', () => {
    expect(
      activityEvents(ticket, [
        entry({ kind: 'assignee', actorId: 'member-mads', to: 'member-mads' }),
        entry({ kind: 'handover', actorId: 'member-mads', to: 'member-mads' }),
        entry({ kind: 'assignee', from: 'member-mads', to: null }),
        entry({ kind: 'handover', to: null })
      ])
    ).toEqual([]);
  });

  it('a handover that also assigns makes one notification: the handover', () => {
    const entries = [
      entry({ kind: 'assignee', from: 'member-aino', to: 'member-mads', at: 5_000 }),
      entry({ kind: 'handover', to: 'member-mads', at: 5_000 })
    ];
    expect(activityEvents(ticket, entries).map((e) => e.kind)).toEqual(['handover']);
    // Only the assignment is new, the handover was seen before: still not told twice.
    expect(activityEvents(ticket, [entries[0]!], entries)).toEqual([]);
    // An assignment at another moment is its own event.
    expect(
      activityEvents(
        ticket,
        [entry({ kind: 'assignee', to: 'member-mads', at: 9_000 })],
        entries
      ).map((e) => e.kind)
    ).toEqual(['assigned']);
  });

  it('an SLA breach tells the assignee once per clock; no assignee, nobody', () => {
    const breach = entry({
      kind: 'sla-breach',
      actorId: 'system-baton',
      from: 'firstReply',
      to: 0
    });
    const events = activityEvents(ticket, [breach]);
    expect(events).toMatchObject([
      { kind: 'sla-breach', memberId: 'member-mads', metric: 'firstReply' }
    ]);
    expect(events[0]?.key).toBe('sla-breach:ticket-1:firstReply@0:member-mads');
    expect(activityEvents({ ticketId: 'ticket-1', assigneeId: null }, [breach])).toEqual([]);
    // Garbage in a breach entry (an unknown metric) is not a notification.
    expect(activityEvents(ticket, [{ ...breach, from: 'lunch' }])).toEqual([]);
  });

  it('other activity makes nothing', () => {
    expect(
      activityEvents(ticket, [
        entry({ kind: 'status', from: 'new', to: 'open' }),
        entry({ kind: 'note' }),
        entry({ kind: 'priority', to: 'urgent' })
      ])
    ).toEqual([]);
  });
});

describe('SLA warnings', () => {
  it('a running clock past its warning instant and not yet due warns the assignee', () => {
    const events = warningEvents(ticket, [clock({})], 'system-baton', 3_000_000);
    expect(events).toEqual([
      {
        key: 'sla-warning:ticket-1:firstReply@0:member-mads',
        kind: 'sla-warning',
        ticketId: 'ticket-1',
        memberId: 'member-mads',
        actorId: 'system-baton',
        at: 2_700_000,
        metric: 'firstReply'
      }
    ]);
  });

  it('not before the threshold, not once breached, not when paused, met or unassigned', () => {
    expect(warningEvents(ticket, [clock({})], 'system-baton', 2_000_000)).toEqual([]);
    expect(
      warningEvents(ticket, [clock({ state: 'breached' })], 'system-baton', 4_000_000)
    ).toEqual([]);
    expect(warningEvents(ticket, [clock({})], 'system-baton', 3_600_000)).toEqual([]);
    expect(
      warningEvents(
        ticket,
        [clock({ state: 'paused', warnAt: null, dueAt: null })],
        'system-baton',
        3_000_000
      )
    ).toEqual([]);
    expect(
      warningEvents(ticket, [clock({ state: 'met', stoppedAt: 1_000 })], 'system-baton', 3_000_000)
    ).toEqual([]);
    expect(
      warningEvents(
        { ticketId: 'ticket-1', assigneeId: null },
        [clock({})],
        'system-baton',
        3_000_000
      )
    ).toEqual([]);
  });

  it('each next-reply cycle is a clock of its own', () => {
    const events = warningEvents(
      ticket,
      [clock({ metric: 'nextReply', startedAt: 0 }), clock({ metric: 'nextReply', startedAt: 10 })],
      'system-baton',
      3_000_000
    );
    expect(new Set(events.map((e) => e.key)).size).toBe(2);
  });
});
