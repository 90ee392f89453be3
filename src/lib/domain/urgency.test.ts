import { describe, expect, it } from 'vitest';
import { TICKET_PRIORITIES } from './schema';
import { compareByPriority, comparePriority, compareUrgency } from './urgency';
import { HOUR, T0, makeSummary } from './testing/factories';

describe('urgency', () => {
  it('ranks urgent, high, normal, low', () => {
    expect([...TICKET_PRIORITIES].sort(comparePriority)).toEqual([
      'urgent',
      'high',
      'normal',
      'low'
    ]);
  });

  it('sorts by priority, then the oldest first, then the id (the board)', () => {
    const old = makeSummary({ id: 'ticket-b', priority: 'normal', createdAt: T0 });
    const young = makeSummary({ id: 'ticket-a', priority: 'normal', createdAt: T0 + HOUR });
    const twin = makeSummary({ id: 'ticket-c', priority: 'normal', createdAt: T0 });
    const urgent = makeSummary({ id: 'ticket-d', priority: 'urgent', createdAt: T0 + 2 * HOUR });
    const answered = makeSummary({ priority: 'urgent', createdAt: T0, firstResponseAt: T0 });
    expect([young, twin, old, urgent, answered].sort(compareByPriority).map((t) => t.id)).toEqual([
      answered.id,
      urgent.id,
      old.id,
      twin.id,
      young.id
    ]);
  });

  it('puts tickets waiting for a first response first within a priority (triage)', () => {
    const answered = makeSummary({ priority: 'high', createdAt: T0, firstResponseAt: T0 });
    const waiting = makeSummary({ priority: 'high', createdAt: T0 + HOUR });
    const low = makeSummary({ priority: 'low', createdAt: T0 - HOUR });
    expect([low, answered, waiting].sort(compareUrgency).map((t) => t.id)).toEqual([
      waiting.id,
      answered.id,
      low.id
    ]);
  });
});

describe('triage by due time', () => {
  it('puts the earliest SLA due time first, then tickets without one in urgency order', () => {
    const lowDueSoon = makeSummary({ id: 'ticket-low', priority: 'low', nextDueAt: T0 + HOUR });
    const normalDueLater = makeSummary({
      id: 'ticket-normal',
      priority: 'normal',
      nextDueAt: T0 + 2 * HOUR
    });
    const urgentNoClock = makeSummary({ id: 'ticket-urgent', priority: 'urgent' });
    const highNoClock = makeSummary({ id: 'ticket-high', priority: 'high' });
    const sorted = [highNoClock, urgentNoClock, normalDueLater, lowDueSoon].sort(compareUrgency);
    expect(sorted.map((t) => t.id)).toEqual([
      'ticket-low',
      'ticket-normal',
      'ticket-urgent',
      'ticket-high'
    ]);
  });
});
