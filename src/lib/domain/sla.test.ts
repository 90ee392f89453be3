import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar';
import {
  matchPolicy,
  nextDueAt,
  nextReplyCycles,
  riskOf,
  slaClocks,
  SlaPolicy,
  type SlaClock,
  type SlaHistory,
  type SlaMetric
} from './sla';
import type { TicketStatus } from './schema';

const ZONE = 'Europe/Helsinki';
const HELSINKI = defaultCalendar(ZONE);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;
const local = (instant: number | null) =>
  instant === null
    ? null
    : Temporal.Instant.fromEpochMilliseconds(instant)
        .toZonedDateTimeISO(ZONE)
        .toPlainDateTime()
        .toString({ smallestUnit: 'minute' });

function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: 'urgent',
    name: 'Urgent',
    conditions: { priorities: ['urgent'] },
    targets: {
      firstReply: { minutes: 60, time: 'business' },
      nextReply: { minutes: 120, time: 'business' },
      resolution: { minutes: 8 * 60, time: 'business' }
    },
    calendarId: 'helsinki',
    warnAtPercent: 75,
    pauseStatuses: ['pending'],
    ...overrides
  };
}

/** A ticket history written as the things that happened to it, in local Helsinki time. */
function history(
  created: string,
  events: Array<[string, 'inbound' | 'reply' | 'note' | TicketStatus]>,
  status?: TicketStatus
): SlaHistory {
  const thread: SlaHistory['thread'][number][] = [{ kind: 'inbound', createdAt: at(created) }];
  const activity: SlaHistory['activity'][number][] = [];
  let current: TicketStatus = 'new';
  for (const [when, what] of events) {
    if (what === 'inbound' || what === 'reply' || what === 'note') {
      thread.push({ kind: what, createdAt: at(when) });
    } else {
      activity.push({ kind: 'status', at: at(when), from: current, to: what });
      current = what;
    }
  }
  return { createdAt: at(created), status: status ?? current, thread, activity };
}

function clock(clocks: SlaClock[], metric: SlaMetric): SlaClock {
  const found = clocks.find((c) => c.metric === metric);
  if (!found) throw new Error(`no ${metric} clock`);
  return found;
}

describe('first reply', () => {
  const ticket = history('2026-11-27T16:30', []);

  it('is due Monday 09:30 for an urgent mail that arrives Friday 16:30', () => {
    const first = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-11-27T16:45')),
      'firstReply'
    );
    expect(local(first.dueAt)).toBe('2026-11-30T09:30');
    expect(first).toMatchObject({ state: 'running', warning: false, remainingMs: 45 * MINUTE });
  });

  it('warns past the threshold and breaches at the due time, counting only open hours', () => {
    const weekend = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-11-29T12:00')),
      'firstReply'
    );
    expect(weekend).toMatchObject({ state: 'running', warning: false, remainingMs: 30 * MINUTE });
    const monday = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-11-30T09:20')),
      'firstReply'
    );
    expect(monday).toMatchObject({ state: 'running', warning: true, remainingMs: 10 * MINUTE });
    expect(riskOf(monday)).toBe('warning');
    const late = clock(slaClocks(ticket, policy(), HELSINKI, at('2026-11-30T09:31')), 'firstReply');
    expect(late).toMatchObject({ state: 'breached', warning: false, remainingMs: -MINUTE });
    expect(riskOf(late)).toBe('breached');
  });

  it('stops at the first public reply (not at a note) and reports both measures', () => {
    const answered = history('2026-11-27T16:30', [
      ['2026-11-30T09:05', 'note'],
      ['2026-11-30T09:10', 'reply']
    ]);
    const first = clock(
      slaClocks(answered, policy(), HELSINKI, at('2026-12-01T12:00')),
      'firstReply'
    );
    expect(first.state).toBe('met');
    expect(local(first.stoppedAt)).toBe('2026-11-30T09:10');
    expect(first.elapsed).toEqual({ businessMs: 40 * MINUTE, calendarMs: 64 * HOUR + 40 * MINUTE });
  });

  it('breaches on a late reply and stays breached', () => {
    const late = history('2026-11-27T16:30', [['2026-11-30T11:00', 'reply']]);
    const first = clock(slaClocks(late, policy(), HELSINKI, at('2026-12-02T12:00')), 'firstReply');
    expect(first).toMatchObject({ state: 'breached', remainingMs: -90 * MINUTE });
  });

  it('counts calendar time when the target says so', () => {
    const calendarPolicy = policy({ targets: { firstReply: { minutes: 60, time: 'calendar' } } });
    const first = clock(
      slaClocks(ticket, calendarPolicy, HELSINKI, at('2026-11-27T16:45')),
      'firstReply'
    );
    expect(local(first.dueAt)).toBe('2026-11-27T17:30');
  });

  it('is taken off a ticket solved without a reply', () => {
    const spam = history('2026-11-27T16:30', [['2026-11-27T16:40', 'solved']]);
    const clocks = slaClocks(spam, policy(), HELSINKI, at('2026-12-01T12:00'));
    expect(clocks.map((c) => c.metric)).toEqual(['resolution']);
  });
});

describe('next reply', () => {
  it('runs from the oldest unanswered customer message to the next public reply', () => {
    const ticket = history('2026-11-30T09:00', [
      ['2026-11-30T09:30', 'reply'],
      ['2026-11-30T10:00', 'inbound'],
      ['2026-11-30T10:30', 'inbound'],
      ['2026-11-30T11:00', 'reply'],
      ['2026-11-30T16:00', 'inbound']
    ]);
    expect(nextReplyCycles(ticket).map((c) => [local(c.start), local(c.stop)])).toEqual([
      ['2026-11-30T10:00', '2026-11-30T11:00'],
      ['2026-11-30T16:00', null]
    ]);
    const next = clock(slaClocks(ticket, policy(), HELSINKI, at('2026-11-30T16:30')), 'nextReply');
    expect(local(next.startedAt)).toBe('2026-11-30T16:00');
    expect(local(next.dueAt)).toBe('2026-12-01T10:00');
    expect(next.state).toBe('running');
  });

  it('has no cycle before the first reply', () => {
    const ticket = history('2026-11-30T09:00', [['2026-11-30T09:10', 'inbound']]);
    expect(nextReplyCycles(ticket)).toEqual([]);
    const clocks = slaClocks(ticket, policy(), HELSINKI, at('2026-11-30T09:20'));
    expect(clocks.map((c) => c.metric)).toEqual(['firstReply', 'resolution']);
  });
});

describe('resolution', () => {
  it('does not count time in a pausing status', () => {
    const ticket = history('2026-11-30T10:00', [
      ['2026-11-30T10:30', 'reply'],
      ['2026-11-30T11:00', 'pending'],
      ['2026-12-01T10:00', 'open'],
      ['2026-12-01T12:00', 'solved']
    ]);
    const resolution = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-12-02T09:00')),
      'resolution'
    );
    expect(resolution).toMatchObject({ state: 'met', remainingMs: 5 * HOUR });
    expect(resolution.elapsed.businessMs).toBe(3 * HOUR);
    expect(local(resolution.stoppedAt)).toBe('2026-12-01T12:00');
  });

  it('is paused while pending, with no due time, and resumes after', () => {
    const ticket = history('2026-11-30T10:00', [['2026-11-30T12:00', 'pending']]);
    const paused = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-12-03T12:00')),
      'resolution'
    );
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, remainingMs: 6 * HOUR });
    expect(nextDueAt([paused])).toBeNull();
  });

  it('pauses on hold only when the policy says so', () => {
    const ticket = history('2026-11-30T10:00', [['2026-11-30T12:00', 'on-hold']]);
    const now = at('2026-12-01T12:00');
    expect(clock(slaClocks(ticket, policy(), HELSINKI, now), 'resolution').state).toBe('breached');
    const holdPauses = policy({ pauseStatuses: ['pending', 'on-hold'] });
    expect(clock(slaClocks(ticket, holdPauses, HELSINKI, now), 'resolution').state).toBe('paused');
  });

  it('resumes when a solved ticket is reopened, without counting the time it was solved', () => {
    const ticket = history('2026-11-30T10:00', [
      ['2026-11-30T10:15', 'reply'],
      ['2026-11-30T12:00', 'solved'],
      ['2026-11-30T14:00', 'open'],
      ['2026-11-30T15:00', 'solved']
    ]);
    const resolution = clock(
      slaClocks(ticket, policy(), HELSINKI, at('2026-12-05T12:00')),
      'resolution'
    );
    expect(resolution.elapsed.businessMs).toBe(3 * HOUR);
    expect(resolution.state).toBe('met');
    const reopened = history('2026-11-30T10:00', [
      ['2026-11-30T12:00', 'solved'],
      ['2026-11-30T14:00', 'open']
    ]);
    const running = clock(
      slaClocks(reopened, policy(), HELSINKI, at('2026-11-30T15:00')),
      'resolution'
    );
    expect(running).toMatchObject({ state: 'running', stoppedAt: null, remainingMs: 5 * HOUR });
    expect(local(running.dueAt)).toBe('2026-12-01T12:00');
  });
});

describe('policies', () => {
  const facts = {
    priority: 'normal' as const,
    channel: 'email' as const,
    tags: ['billing'],
    requesterId: null,
    organisation: 'Acme Oy'
  };

  it('applies the first policy, in order, whose conditions all hold', () => {
    const urgent = policy();
    const billing = policy({ id: 'billing', conditions: { tags: ['billing', 'invoice'] } });
    const acmeEmail = policy({
      id: 'acme',
      conditions: { organisations: ['Acme Oy'], channels: ['email'] }
    });
    const everyone = policy({ id: 'all', conditions: {} });
    expect(matchPolicy([urgent, billing, acmeEmail, everyone], facts)?.id).toBe('billing');
    expect(matchPolicy([urgent, acmeEmail, billing], facts)?.id).toBe('acme');
    expect(matchPolicy([urgent], facts)).toBeNull();
    expect(matchPolicy([urgent, everyone], { ...facts, priority: 'urgent' })?.id).toBe('urgent');
  });

  it('refuses a policy without targets, naming the field', () => {
    const result = SlaPolicy.safeParse(policy({ targets: {} }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('targets');
    expect(result.error?.issues[0]?.message).toBe('a policy needs at least one target');
    expect(SlaPolicy.safeParse(policy()).success).toBe(true);
    expect(SlaPolicy.safeParse({ ...policy(), extra: true }).success).toBe(false);
  });

  it('sorts by the earliest running deadline', () => {
    const ticket = history('2026-11-27T16:30', []);
    const clocks = slaClocks(ticket, policy(), HELSINKI, at('2026-11-27T16:45'));
    expect(local(nextDueAt(clocks))).toBe('2026-11-30T09:30');
  });
});
