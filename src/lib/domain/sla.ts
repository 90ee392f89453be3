/**
 * Service levels: which policy a ticket falls under, and its SLA clocks.
 *
 * A policy has conditions (priority, channel, tags, requester, organisation), targets for
 * three metrics, the calendar its business time is counted on, a warning threshold and the
 * statuses that pause it. Policies are ordered; the first whose conditions all hold applies.
 *
 * The clocks are a pure function of the ticket's own history (its creation, its thread and
 * the status changes in its activity log), the policy, the calendar and `now`. So a phone with
 * no signal shows the same countdown as the server worker that escalates breaches. The
 * metrics, as the leading helpdesks define them:
 *
 *   - first reply: from creation to the first public agent reply;
 *   - next reply: from the oldest customer message not yet answered to the next public reply
 *     (after the first reply; each such cycle is a clock of its own);
 *   - resolution: from creation to solved, minus the time in a pausing status (pending by
 *     default, on-hold when chosen) and the time spent solved before a reopen: a reopened
 *     ticket resumes its clock.
 *
 * Reply clocks do not pause: a ticket is pending because the agent has answered, so an
 * unanswered customer message in a pending ticket is still waiting for someone. A ticket
 * solved (or closed) without the reply a reply clock waits for takes that clock off (it
 * neither met nor breached). Time is business time on the policy's calendar or calendar time
 * (wall clock), per target; both measures are reported for every clock, for reports.
 */
import { z } from 'zod';
import {
  addBusinessTime,
  businessTimeBetween,
  type BusinessCalendar,
  type Pause
} from './business-calendar';
import {
  Id,
  Tag,
  TicketChannel,
  TicketPriority,
  type ActivityEntry,
  type ThreadEntry,
  type TicketStatus
} from './schema';
import { isSolvedStatus, isTicketStatus } from './ticket-status';

export const SLA_METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const PAUSABLE_STATUSES = ['pending', 'on-hold'] as const;

const MINUTES_IN_A_YEAR = 366 * 24 * 60;

export const SlaTarget = z.strictObject({
  minutes: z.number().int().min(1).max(MINUTES_IN_A_YEAR),
  time: z.enum(['business', 'calendar'])
});
export type SlaTarget = z.infer<typeof SlaTarget>;

export const SlaConditions = z.strictObject({
  priorities: z.array(TicketPriority).max(4).optional(),
  channels: z.array(TicketChannel).max(10).optional(),
  /** Any one of these tags. */
  tags: z.array(Tag).max(50).optional(),
  requesterIds: z.array(Id).max(500).optional(),
  organisations: z.array(z.string().trim().min(1).max(120)).max(100).optional()
});
export type SlaConditions = z.infer<typeof SlaConditions>;

export const SlaPolicy = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  conditions: SlaConditions,
  targets: z
    .strictObject({
      firstReply: SlaTarget.optional(),
      nextReply: SlaTarget.optional(),
      resolution: SlaTarget.optional()
    })
    .refine(
      (targets) => SLA_METRICS.some((metric) => targets[metric] !== undefined),
      'a policy needs at least one target'
    ),
  /** The business calendar its business-time targets count on (a settings record id). */
  calendarId: z.string().min(1).max(64),
  /** A running clock warns once this share of its target has elapsed. */
  warnAtPercent: z.number().int().min(1).max(99),
  pauseStatuses: z.array(z.enum(PAUSABLE_STATUSES)).max(2)
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** What policy conditions look at. */
export interface SlaFacts {
  priority: z.infer<typeof TicketPriority>;
  channel: z.infer<typeof TicketChannel>;
  tags: readonly string[];
  requesterId: string | null;
  organisation: string | null;
}

function holds(list: readonly string[] | undefined, value: string | null): boolean {
  return list === undefined || list.length === 0 || (value !== null && list.includes(value));
}

/** The first policy, in order, whose conditions all hold for the ticket; `null` if none. */
export function matchPolicy<P extends SlaPolicy>(
  policies: readonly P[],
  facts: SlaFacts
): P | null {
  for (const policy of policies) {
    const c = policy.conditions;
    if (!holds(c.priorities, facts.priority)) continue;
    if (!holds(c.channels, facts.channel)) continue;
    if (c.tags && c.tags.length > 0 && !facts.tags.some((tag) => c.tags?.includes(tag))) continue;
    if (!holds(c.requesterIds, facts.requesterId)) continue;
    if (!holds(c.organisations, facts.organisation)) continue;
    return policy;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Clocks

/** The part of a ticket the clocks read. */
export interface SlaHistory {
  createdAt: number;
  status: TicketStatus;
  thread: ReadonlyArray<Pick<ThreadEntry, 'kind' | 'createdAt'>>;
  activity: ReadonlyArray<Pick<ActivityEntry, 'kind' | 'at' | 'from' | 'to'>>;
}

export type SlaState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaClock {
  metric: SlaMetric;
  policyId: string;
  time: SlaTarget['time'];
  targetMs: number;
  startedAt: number;
  /** When the clock stopped (reply sent, ticket solved); `null` while it runs. */
  stoppedAt: number | null;
  /** When it breaches (or breached); `null` while paused. */
  dueAt: number | null;
  /** When it passes the policy's warning share of its target; `null` while paused. */
  warnAt: number | null;
  state: SlaState;
  /** Past the policy's warning share of its target, and not (yet) breached. */
  warning: boolean;
  /** Target minus elapsed, in the target's own measure: negative once overdue. */
  remainingMs: number;
  elapsed: { businessMs: number; calendarMs: number };
}

/** Counting calendar time: a calendar with no open hours counts every millisecond. */
export const WALL_CLOCK: BusinessCalendar = {
  timeZone: 'UTC',
  week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: []
};

interface StatusSpan {
  status: TicketStatus;
  from: number;
  /** `Infinity` for the current status. */
  to: number;
}

/** The ticket's statuses over time, from its creation; activity may arrive out of order. */
function statusTimeline(history: SlaHistory): StatusSpan[] {
  const changes = history.activity
    .filter((entry) => entry.kind === 'status' && isTicketStatus(entry.to))
    .map((entry) => ({ at: Math.max(entry.at, history.createdAt), from: entry.from, to: entry.to }))
    .sort((a, b) => a.at - b.at);
  const first = changes[0];
  // Before its first change the ticket had the status that change started from.
  let status: TicketStatus = first && isTicketStatus(first.from) ? first.from : history.status;
  const spans: StatusSpan[] = [];
  let since = history.createdAt;
  for (const change of changes) {
    if (!isTicketStatus(change.to)) continue;
    if (change.at > since) spans.push({ status, from: since, to: change.at });
    status = change.to;
    since = change.at;
  }
  spans.push({ status, from: since, to: Number.POSITIVE_INFINITY });
  return spans;
}

function solvedNow(timeline: StatusSpan[]): boolean {
  const last = timeline[timeline.length - 1];
  return last !== undefined && isSolvedStatus(last.status);
}

interface ClockSpec {
  metric: SlaMetric;
  start: number;
  stop: number | null;
  pauses: Pause[];
  /** The clock is paused at `now` (its last pause has no end). */
  pausedNow: boolean;
}

/** The clock's pauses, the one going on cut at `now` (or at the clock's stop). */
function pausesUntil(spec: ClockSpec, now: number): Pause[] {
  const until = spec.stop ?? Math.max(now, spec.start);
  return spec.pauses.map((p) => ({ from: p.from, to: Math.min(p.to, until) }));
}

/** When a clock is due and when it warns: its start plus the target (and its warning share). */
function deadlinesOf(
  spec: ClockSpec,
  pauses: Pause[],
  policy: SlaPolicy,
  target: SlaTarget,
  calendar: BusinessCalendar
): { dueAt: number; warnAt: number } {
  const counting = target.time === 'business' ? calendar : WALL_CLOCK;
  const targetMs = target.minutes * 60_000;
  const warnMs = Math.floor((targetMs * policy.warnAtPercent) / 100);
  return {
    dueAt: addBusinessTime(counting, spec.start, targetMs, pauses),
    warnAt: addBusinessTime(counting, spec.start, warnMs, pauses)
  };
}

function clockOf(
  spec: ClockSpec,
  policy: SlaPolicy,
  target: SlaTarget,
  calendar: BusinessCalendar,
  now: number
): SlaClock {
  const pauses = pausesUntil(spec, now);
  const until = spec.stop ?? Math.max(now, spec.start);
  const businessMs = businessTimeBetween(calendar, spec.start, until, pauses);
  const calendarMs = businessTimeBetween(WALL_CLOCK, spec.start, until, pauses);
  const targetMs = target.minutes * 60_000;
  const elapsed = target.time === 'business' ? businessMs : calendarMs;
  const remainingMs = targetMs - elapsed;
  // Past pauses shift the deadline; a pause still going on leaves it open.
  const open = !(spec.pausedNow && spec.stop === null);
  const { dueAt, warnAt } = open
    ? deadlinesOf(spec, pauses, policy, target, calendar)
    : { dueAt: null, warnAt: null };
  let state: SlaState;
  if (spec.stop !== null) state = elapsed <= targetMs ? 'met' : 'breached';
  else if (remainingMs < 0 || (dueAt !== null && now >= dueAt)) state = 'breached';
  else state = spec.pausedNow ? 'paused' : 'running';
  const warning =
    spec.stop === null &&
    state !== 'breached' &&
    elapsed >= (targetMs * policy.warnAtPercent) / 100;
  return {
    metric: spec.metric,
    policyId: policy.id,
    time: target.time,
    targetMs,
    startedAt: spec.start,
    stoppedAt: spec.stop,
    dueAt,
    warnAt,
    state,
    warning,
    remainingMs,
    elapsed: { businessMs, calendarMs }
  };
}

/** The times of public replies and customer messages, in order. */
function messages(history: SlaHistory): { replies: number[]; inbound: number[] } {
  const replies: number[] = [];
  const inbound: number[] = [];
  for (const entry of history.thread) {
    if (entry.kind === 'reply') replies.push(entry.createdAt);
    else if (entry.kind === 'inbound') inbound.push(entry.createdAt);
  }
  replies.sort((a, b) => a - b);
  inbound.sort((a, b) => a - b);
  return { replies, inbound };
}

/**
 * Every next-reply cycle: from the oldest customer message after the latest public reply
 * (once there is a first reply) to the next public reply. A cycle still open while the ticket
 * is solved is dropped: it was closed without the answer.
 */
export function nextReplyCycles(
  history: SlaHistory
): Array<{ start: number; stop: number | null }> {
  const { replies, inbound } = messages(history);
  const cycles: Array<{ start: number; stop: number | null }> = [];
  const firstReply = replies[0];
  if (firstReply === undefined) return cycles;
  let r = 0;
  for (const at of inbound) {
    if (at < firstReply) continue;
    if (cycles.length > 0 && cycles[cycles.length - 1]?.stop === null) continue;
    const last = cycles[cycles.length - 1];
    if (last && last.stop !== null && at < last.stop) continue;
    while (r < replies.length && (replies[r] ?? 0) < at) r++;
    cycles.push({ start: at, stop: replies[r] ?? null });
  }
  const solved = solvedNow(statusTimeline(history));
  return cycles.filter((cycle) => cycle.stop !== null || !solved);
}

/**
 * The ticket's SLA clocks under `policy` at `now`: first reply, the current (or last)
 * next-reply cycle, and resolution, for each target the policy has and that applies.
 */
export function slaClocks(
  history: SlaHistory,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: number
): SlaClock[] {
  return clockSpecs(history, policy).map(({ spec, target }) =>
    clockOf(spec, policy, target, calendar, now)
  );
}

/**
 * The running deadline due first and its warning instant: what `firstDue(slaClocks(…))`
 * gives, without measuring the time each clock has counted (the index derives this for every
 * ticket whenever the service levels change).
 */
export function nextDeadline(
  history: SlaHistory,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: number
): { dueAt: number; warnAt: number } | null {
  let first: { dueAt: number; warnAt: number } | null = null;
  for (const { spec, target } of clockSpecs(history, policy)) {
    if (spec.stop !== null || spec.pausedNow) continue;
    const deadlines = deadlinesOf(spec, pausesUntil(spec, now), policy, target, calendar);
    if (first === null || deadlines.dueAt < first.dueAt) first = deadlines;
  }
  return first;
}

/** Which clocks the policy runs on this history, each with its target. */
function clockSpecs(
  history: SlaHistory,
  policy: SlaPolicy
): Array<{ spec: ClockSpec; target: SlaTarget }> {
  const clocks: Array<{ spec: ClockSpec; target: SlaTarget }> = [];
  const timeline = statusTimeline(history);
  const { replies } = messages(history);
  const created = history.createdAt;
  const targets = policy.targets;

  if (targets.firstReply) {
    const stop = replies[0] ?? null;
    if (stop !== null || !solvedNow(timeline)) {
      const spec = {
        metric: 'firstReply' as const,
        start: created,
        stop,
        pauses: [],
        pausedNow: false
      };
      clocks.push({ spec, target: targets.firstReply });
    }
  }

  if (targets.nextReply) {
    const cycle = nextReplyCycles(history).at(-1);
    if (cycle) {
      const spec = { metric: 'nextReply' as const, ...cycle, pauses: [], pausedNow: false };
      clocks.push({ spec, target: targets.nextReply });
    }
  }

  if (targets.resolution) {
    const pausing = new Set<TicketStatus>(policy.pauseStatuses);
    const last = timeline[timeline.length - 1];
    const stop = last && isSolvedStatus(last.status) ? last.from : null;
    const pauses: Pause[] = [];
    for (const span of timeline) {
      if (stop !== null && span.from >= stop) break;
      // Time spent solved before a reopen does not count either.
      if (pausing.has(span.status) || isSolvedStatus(span.status))
        pauses.push({ from: span.from, to: span.to });
    }
    const pausedNow = stop === null && last !== undefined && pausing.has(last.status);
    const spec = { metric: 'resolution' as const, start: created, stop, pauses, pausedNow };
    clocks.push({ spec, target: targets.resolution });
  }
  return clocks;
}

/** The earliest deadline among the clocks still running: what lists sort by. */
export function nextDueAt(clocks: readonly SlaClock[]): number | null {
  let next: number | null = null;
  for (const clock of clocks) {
    if (clock.stoppedAt !== null || clock.dueAt === null) continue;
    if (next === null || clock.dueAt < next) next = clock.dueAt;
  }
  return next;
}

export type SlaRisk = 'ok' | 'warning' | 'breached';

/**
 * The risk of a running deadline at `now` from its due and warning instants alone (what the
 * index carries): lists colour their timers without the ticket's history.
 */
export function riskAt(due: { dueAt: number; warnAt?: number | undefined }, now: number): SlaRisk {
  if (now >= due.dueAt) return 'breached';
  return due.warnAt !== undefined && now >= due.warnAt ? 'warning' : 'ok';
}

/** The running clock that is due first, with its warning instant: what the index carries. */
export function firstDue(clocks: readonly SlaClock[]): { dueAt: number; warnAt: number } | null {
  let first: { dueAt: number; warnAt: number } | null = null;
  for (const clock of clocks) {
    if (clock.stoppedAt !== null || clock.dueAt === null) continue;
    if (first === null || clock.dueAt < first.dueAt)
      first = { dueAt: clock.dueAt, warnAt: clock.warnAt ?? clock.dueAt };
  }
  return first;
}

/** How a clock is coloured: ok → warning → breached. */
export function riskOf(clock: SlaClock): SlaRisk {
  if (clock.state === 'breached') return 'breached';
  return clock.warning ? 'warning' : 'ok';
}
