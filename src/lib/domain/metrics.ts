/**
 * Support metrics, defined once: what the dashboard, the reports and the reporting store all
 * count, as pure functions of a ticket's own history (the plain `Ticket` that `readTicket`
 * makes of a ticket document) and, for business time, the calendar of the SLA policy that
 * applies to it (`ticket-sla.ts`). `docs/metrics.md` states each definition in words and
 * where it matches or differs from Zendesk, Freshdesk and Zammad.
 *
 * What the documents hold, and so what every metric is made of:
 *   - the thread: customer messages (`inbound`), public agent replies (`reply`) and internal
 *     notes (`note`), each with its author and instant;
 *   - the activity log: every status, priority, assignee and handover change with its actor,
 *     instant and values before and after, and the server's `sla-breach` entries;
 *   - the fields now (status, `createdAt`, `solvedAt`, priority…).
 * A status change made silently by another change (assigning or answering a `new` ticket
 * opens it without a `status` entry) moves between two statuses that count alike everywhere
 * here (both are "waiting for us"), so the timeline below is exact for every metric.
 *
 * Durations are reported in both measures, `businessMs` on the given calendar and
 * `calendarMs` (wall clock), through `businessTimeBetween`, the function the SLA clocks use:
 * a report in business hours counts the same milliseconds as the clock on the ticket.
 *
 * Nothing here reads the clock: an instant `now` is passed wherever a metric of a ticket
 * still open depends on it.
 */
import { businessTimeBetween, type BusinessCalendar, type Pause } from './business-calendar';
import {
  SYSTEM_ACTOR,
  TICKET_PRIORITIES,
  type ActivityEntry,
  type TicketPriority,
  type TicketStatus
} from './schema';
import { nextReplyCycles, WALL_CLOCK, type SlaMetric, type SlaTarget } from './sla';
import type { Ticket } from './ticket';
import { slaHistory, ticketSla, type SlaSettings } from './ticket-sla';
import { isSolvedStatus, isTicketStatus } from './ticket-status';
import { temporal } from './temporal';

/** A span of time in both measures. */
export interface Measure {
  businessMs: number;
  calendarMs: number;
}

export const ZERO: Measure = { businessMs: 0, calendarMs: 0 };

/** `from` → `to` on `calendar` and on the wall clock, minus the pauses. */
export function measure(
  calendar: BusinessCalendar,
  from: number,
  to: number,
  pauses: readonly Pause[] = []
): Measure {
  return {
    businessMs: businessTimeBetween(calendar, from, to, pauses),
    calendarMs: businessTimeBetween(WALL_CLOCK, from, to, pauses)
  };
}

function add(a: Measure, b: Measure): Measure {
  return { businessMs: a.businessMs + b.businessMs, calendarMs: a.calendarMs + b.calendarMs };
}

/**
 * The calendar a ticket's business time is counted on: its SLA policy's (the one its clocks
 * use), else `fallback` (the workspace's default calendar, say). Wall clock when neither.
 */
export function ticketCalendar(
  ticket: Ticket,
  settings: SlaSettings,
  fallback: BusinessCalendar = WALL_CLOCK
): BusinessCalendar {
  const sla = ticketSla(ticket, settings, ticket.fields.updatedAt);
  return (sla && settings.calendars.get(sla.policy.calendarId)) ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// The status timeline

export interface StatusSpan {
  status: TicketStatus;
  from: number;
  /** `null` for the status the ticket has now. */
  to: number | null;
}

/**
 * The ticket's statuses over time from its creation, from the `status` entries of its
 * activity (sorted by instant: entries made offline may arrive out of order). Before the
 * first change the ticket had the status that change started from.
 */
export function statusSpans(ticket: Ticket): StatusSpan[] {
  const created = ticket.fields.createdAt;
  const changes = ticket.activity
    .filter((entry) => entry.kind === 'status' && isTicketStatus(entry.to))
    .map((entry) => ({ at: Math.max(entry.at, created), from: entry.from, to: entry.to }))
    .sort((a, b) => a.at - b.at);
  const first = changes[0];
  let status: TicketStatus =
    first && isTicketStatus(first.from) ? first.from : ticket.fields.status;
  let since = created;
  const spans: StatusSpan[] = [];
  for (const change of changes) {
    if (!isTicketStatus(change.to)) continue;
    if (change.at > since) spans.push({ status, from: since, to: change.at });
    status = change.to;
    since = change.at;
  }
  spans.push({ status, from: since, to: null });
  return spans;
}

/** The ticket's status at `instant`; `null` before it was created. */
export function statusAt(ticket: Ticket, instant: number): TicketStatus | null {
  if (instant < ticket.fields.createdAt) return null;
  let status: TicketStatus | null = null;
  for (const span of statusSpans(ticket)) {
    if (span.from <= instant) status = span.status;
  }
  return status;
}

/**
 * When the ticket was solved for good: the start of its current status when that is solved
 * or closed (a `closed` that followed `solved` keeps the solve's instant); `null` while open.
 */
export function finalSolvedAt(ticket: Ticket): number | null {
  const spans = statusSpans(ticket);
  let i = spans.length - 1;
  if (!isSolvedStatus(spans[i]?.status ?? 'open')) return null;
  while (i > 0 && isSolvedStatus(spans[i - 1]?.status ?? 'open')) i--;
  return spans[i]?.from ?? null;
}

/** Time spent in each status, up to `now` for the current one. */
export function timeInStatuses(
  ticket: Ticket,
  calendar: BusinessCalendar,
  now: number
): Record<TicketStatus, Measure> {
  const out: Record<TicketStatus, Measure> = {
    new: ZERO,
    open: ZERO,
    pending: ZERO,
    'on-hold': ZERO,
    solved: ZERO,
    closed: ZERO
  };
  for (const span of statusSpans(ticket)) {
    const to = span.to ?? Math.max(now, span.from);
    out[span.status] = add(out[span.status], measure(calendar, span.from, to));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Replies and resolution

/** Instants of public agent replies, in order. */
export function publicReplies(ticket: Ticket): number[] {
  return ticket.thread
    .filter((entry) => entry.kind === 'reply')
    .map((entry) => entry.createdAt)
    .sort((a, b) => a - b);
}

/** Creation → the first public agent reply; `null` until there is one. Notes do not count. */
export function firstReplyTime(ticket: Ticket, calendar: BusinessCalendar): Measure | null {
  const first = publicReplies(ticket)[0];
  return first === undefined ? null : measure(calendar, ticket.fields.createdAt, first);
}

/**
 * Each answered next-reply cycle (the SLA's own cycles, `nextReplyCycles`): from the oldest
 * customer message not yet answered, after the first reply, to the next public reply.
 */
export function nextReplyTimes(ticket: Ticket, calendar: BusinessCalendar): Measure[] {
  const out: Measure[] = [];
  for (const cycle of nextReplyCycles(slaHistory(ticket))) {
    if (cycle.stop !== null) out.push(measure(calendar, cycle.start, cycle.stop));
  }
  return out;
}

/** Creation → solved for good (the latest solve); `null` while the ticket is open. */
export function fullResolutionTime(ticket: Ticket, calendar: BusinessCalendar): Measure | null {
  const solved = finalSolvedAt(ticket);
  return solved === null ? null : measure(calendar, ticket.fields.createdAt, solved);
}

function sumStatuses(times: Record<TicketStatus, Measure>, statuses: TicketStatus[]): Measure {
  return statuses.reduce((total, status) => add(total, times[status]), ZERO);
}

/**
 * Requester wait time: how long the customer waited on us — time in new, open and on-hold,
 * up to the final solve (or `now`). Pending (waiting on the customer) and solved spans
 * before a reopen do not count.
 */
export function requesterWaitTime(
  ticket: Ticket,
  calendar: BusinessCalendar,
  now: number
): Measure {
  return sumStatuses(timeInStatuses(ticket, calendar, now), ['new', 'open', 'on-hold']);
}

/** Agent wait time: time in pending, waiting on the customer. */
export function agentWaitTime(ticket: Ticket, calendar: BusinessCalendar, now: number): Measure {
  return timeInStatuses(ticket, calendar, now).pending;
}

/** How many times a solved or closed ticket went back to an open status. */
export function reopens(ticket: Ticket): number {
  return statusSpans(ticket).filter(
    (span, i, spans) =>
      i > 0 && !isSolvedStatus(span.status) && isSolvedStatus(spans[i - 1]!.status)
  ).length;
}

export type Touches = 'zero-touch' | 'one-touch' | 'multi-touch';

/** For a solved ticket, how many public agent replies it took; `null` while open. */
export function touches(ticket: Ticket): Touches | null {
  if (finalSolvedAt(ticket) === null) return null;
  const replies = publicReplies(ticket).length;
  return replies === 0 ? 'zero-touch' : replies === 1 ? 'one-touch' : 'multi-touch';
}

/** First-contact resolution: solved with at most one public agent reply. */
export function firstContactResolved(ticket: Ticket): boolean {
  const t = touches(ticket);
  return t === 'zero-touch' || t === 'one-touch';
}

// ---------------------------------------------------------------------------------------------
// Agent work time (an estimate: see `docs/metrics.md`)

/**
 * Who on the ticket is a customer: the authors of its inbound messages and its requester.
 * Everyone else who acted, except the server, is an agent.
 */
function customers(ticket: Ticket): Set<string> {
  const out = new Set<string>();
  if (ticket.fields.requesterId) out.add(ticket.fields.requesterId);
  for (const entry of ticket.thread) if (entry.kind === 'inbound') out.add(entry.authorId);
  return out;
}

/** Instants of each agent's own recorded actions on the ticket (entries and changes). */
export function agentActions(ticket: Ticket): Map<string, number[]> {
  const outside = customers(ticket);
  const out = new Map<string, number[]>();
  const note = (id: string, at: number) => {
    if (id === SYSTEM_ACTOR.id || outside.has(id)) return;
    const list = out.get(id) ?? [];
    list.push(at);
    out.set(id, list);
  };
  // The activity logs every thread entry too (same actor, same instant): reading both would
  // count a reply twice, and the activity alone holds every action.
  for (const entry of ticket.activity) note(entry.actorId, entry.at);
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

export interface WorkTimeOptions {
  /** Actions of one agent closer than this belong to one sitting. */
  sessionGapMs: number;
  /** Time counted for each sitting beyond its first-to-last action (reading, writing). */
  perSessionMs: number;
}

export const DEFAULT_WORK_TIME: WorkTimeOptions = {
  sessionGapMs: 15 * 60_000,
  perSessionMs: 5 * 60_000
};

/**
 * Agent work time, estimated from what the documents hold (Baton has no timer): each agent's
 * actions on the ticket grouped into sittings (no gap longer than `sessionGapMs`), each
 * sitting counted from its first to its last action plus `perSessionMs`. Wall-clock ms, per
 * agent and in total.
 */
export function agentWorkTime(
  ticket: Ticket,
  options: WorkTimeOptions = DEFAULT_WORK_TIME
): { totalMs: number; byAgent: Map<string, number> } {
  const byAgent = new Map<string, number>();
  let totalMs = 0;
  for (const [agent, instants] of agentActions(ticket)) {
    let ms = 0;
    let start = instants[0]!;
    let last = start;
    for (const at of instants.slice(1)) {
      if (at - last > options.sessionGapMs) {
        ms += last - start + options.perSessionMs;
        start = at;
      }
      last = at;
    }
    ms += last - start + options.perSessionMs;
    byAgent.set(agent, ms);
    totalMs += ms;
  }
  return { totalMs, byAgent };
}

/**
 * Cost per ticket from a cost per agent hour: the agents' work time on the tickets (above),
 * priced, divided by the number of tickets. `null` for no tickets.
 */
export function costPerTicket(
  tickets: readonly Ticket[],
  costPerAgentHour: number,
  options: WorkTimeOptions = DEFAULT_WORK_TIME
): number | null {
  if (!Number.isFinite(costPerAgentHour) || costPerAgentHour < 0)
    throw new RangeError('A cost per agent hour is a finite number ≥ 0.');
  if (tickets.length === 0) return null;
  const ms = tickets.reduce((total, t) => total + agentWorkTime(t, options).totalMs, 0);
  return (ms / 3_600_000) * costPerAgentHour * (1 / tickets.length);
}

/**
 * The industry's other reading of cost per ticket: paid agent hours in a period, priced,
 * divided by the tickets solved in it. `null` when none were solved.
 */
export function costPerSolvedTicket(
  paidAgentHours: number,
  costPerAgentHour: number,
  solved: number
): number | null {
  if (![paidAgentHours, costPerAgentHour, solved].every((n) => Number.isFinite(n) && n >= 0))
    throw new RangeError('Hours, cost and count are finite numbers ≥ 0.');
  return solved === 0 ? null : (paidAgentHours * costPerAgentHour) / solved;
}

// ---------------------------------------------------------------------------------------------
// SLA outcomes

export type SlaOutcome = 'achieved' | 'breached' | 'running';

export interface SlaResult {
  metric: SlaMetric;
  policyId: string;
  startedAt: number;
  outcome: SlaOutcome;
}

function outcomeOf(
  target: SlaTarget,
  calendar: BusinessCalendar,
  start: number,
  stop: number | null,
  now: number,
  pauses: readonly Pause[] = []
): SlaOutcome {
  const until = stop ?? Math.max(now, start);
  const counted = measure(calendar, start, until, pauses);
  const elapsed = target.time === 'business' ? counted.businessMs : counted.calendarMs;
  if (elapsed > target.minutes * 60_000) return 'breached';
  return stop === null ? 'running' : 'achieved';
}

/**
 * Every SLA target of the ticket with its outcome at `now`: first reply and resolution from
 * the ticket's clocks, and each next-reply cycle (not only the last, which is all a clock
 * shows). A target whose clock was taken off (solved without the reply) has no outcome.
 */
export function slaResults(ticket: Ticket, settings: SlaSettings, now: number): SlaResult[] {
  const sla = ticketSla(ticket, settings, now);
  if (!sla) return [];
  const out: SlaResult[] = [];
  for (const clock of sla.clocks) {
    if (clock.metric === 'nextReply') continue;
    const outcome: SlaOutcome =
      clock.state === 'met' ? 'achieved' : clock.state === 'breached' ? 'breached' : 'running';
    out.push({
      metric: clock.metric,
      policyId: clock.policyId,
      startedAt: clock.startedAt,
      outcome
    });
  }
  const target = sla.policy.targets.nextReply;
  if (target) {
    const calendar = settings.calendars.get(sla.policy.calendarId) ?? WALL_CLOCK;
    for (const cycle of nextReplyCycles(slaHistory(ticket))) {
      out.push({
        metric: 'nextReply',
        policyId: sla.policy.id,
        startedAt: cycle.start,
        outcome: outcomeOf(target, calendar, cycle.start, cycle.stop, now)
      });
    }
  }
  return out;
}

export interface SlaTally {
  achieved: number;
  breached: number;
  running: number;
  /** achieved ÷ (achieved + breached), 0–100; `null` when nothing finished. */
  achievedPercent: number | null;
}

/** SLA achieved and breached per target over many tickets. */
export function slaTally(results: Iterable<SlaResult>): Record<SlaMetric, SlaTally> {
  const blank = (): SlaTally => ({ achieved: 0, breached: 0, running: 0, achievedPercent: null });
  const out: Record<SlaMetric, SlaTally> = {
    firstReply: blank(),
    nextReply: blank(),
    resolution: blank()
  };
  for (const result of results) out[result.metric][result.outcome]++;
  for (const tally of Object.values(out)) {
    const done = tally.achieved + tally.breached;
    tally.achievedPercent = done === 0 ? null : (tally.achieved / done) * 100;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Escalations and handovers

export interface Escalation {
  kind: 'sla-breach' | 'priority-raised';
  at: number;
  /** The breached metric, or the priority raised to. */
  detail: string;
}

const RANK = new Map<unknown, number>(TICKET_PRIORITIES.map((p, i) => [p, i]));

/** SLA breaches the server logged and every raise of the priority, in order. */
export function escalations(ticket: Ticket): Escalation[] {
  const out: Escalation[] = [];
  for (const entry of ticket.activity) {
    if (entry.kind === 'sla-breach')
      out.push({ kind: 'sla-breach', at: entry.at, detail: String(entry.from) });
    if (entry.kind === 'priority' && (RANK.get(entry.to) ?? -1) > (RANK.get(entry.from) ?? 99))
      out.push({
        kind: 'priority-raised',
        at: entry.at,
        detail: String(entry.to as TicketPriority)
      });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The activity entries that pass a ticket to the next person: signed handovers, away. */
export function handovers(ticket: Ticket): ActivityEntry[] {
  return ticket.activity.filter((entry) => entry.kind === 'handover' || entry.kind === 'away');
}

export interface Shift {
  id: string;
  from: number;
  to: number;
}

/** Handovers per shift: each handover counts in the shift (`[from, to)`) it was made in. */
export function handoversPerShift(
  tickets: readonly Ticket[],
  shifts: readonly Shift[]
): Map<string, number> {
  const out = new Map(shifts.map((shift) => [shift.id, 0]));
  for (const ticket of tickets) {
    for (const entry of handovers(ticket)) {
      const shift = shifts.find((s) => s.from <= entry.at && entry.at < s.to);
      if (shift) out.set(shift.id, (out.get(shift.id) ?? 0) + 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Volumes

/** The tickets open (new, open, pending, on-hold) at `instant`. */
export function backlogAt(tickets: readonly Ticket[], instant: number): Ticket[] {
  return tickets.filter((ticket) => {
    const status = statusAt(ticket, instant);
    return status !== null && !isSolvedStatus(status);
  });
}

export type PeriodUnit = 'day' | 'week' | 'month';

/** The local date (`YYYY-MM-DD`) starting the day, ISO week (Monday) or month of `instant`. */
export function periodStart(instant: number, unit: PeriodUnit, timeZone: string): string {
  const date = temporal()
    .Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  if (unit === 'day') return date.toString();
  if (unit === 'week') return date.subtract({ days: date.dayOfWeek - 1 }).toString();
  return date.with({ day: 1 }).toString();
}

export interface PeriodCount {
  period: string;
  created: number;
  solved: number;
}

/**
 * Tickets created and solved per day, week or month in `timeZone`, oldest first; a ticket is
 * solved in the period of its final solve (solved again after a reopen counts once, late).
 */
export function createdAndSolved(
  tickets: readonly Ticket[],
  unit: PeriodUnit,
  timeZone: string
): PeriodCount[] {
  const rows = new Map<string, PeriodCount>();
  const row = (period: string) => {
    const found = rows.get(period) ?? { period, created: 0, solved: 0 };
    rows.set(period, found);
    return found;
  };
  for (const ticket of tickets) {
    row(periodStart(ticket.fields.createdAt, unit, timeZone)).created++;
    const solved = finalSolvedAt(ticket);
    if (solved !== null) row(periodStart(solved, unit, timeZone)).solved++;
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period));
}

// ---------------------------------------------------------------------------------------------
// The customer's voice (answers come from the surveys; here they are plain lists)

/** A CSAT answer: good/bad, or 1–5 where 4 and 5 are good. */
export type CsatAnswer = 'good' | 'bad' | 1 | 2 | 3 | 4 | 5;

export interface Csat {
  rated: number;
  good: number;
  bad: number;
  /** good ÷ rated, 0–100; `null` when nobody rated. */
  percent: number | null;
  /** rated ÷ surveys sent, 0–100; `null` when none were sent. */
  responseRate: number | null;
}

export function csat(answers: readonly CsatAnswer[], surveysSent: number): Csat {
  if (!Number.isInteger(surveysSent) || surveysSent < answers.length)
    throw new RangeError('Surveys sent is a whole number, at least the number of answers.');
  let good = 0;
  for (const answer of answers) {
    if (answer === 'good' || answer === 4 || answer === 5) good++;
    else if (answer !== 'bad' && ![1, 2, 3].includes(answer))
      throw new RangeError(`Not a CSAT answer: ${String(answer)}`);
  }
  return csatOfCounts({ rated: answers.length, good, sent: surveysSent });
}

/** The same CSAT from counts (what the reporting store's aggregates hold). */
export function csatOfCounts(c: { rated: number; good: number; sent: number }): Csat {
  return {
    rated: c.rated,
    good: c.good,
    bad: c.rated - c.good,
    percent: c.rated === 0 ? null : (c.good / c.rated) * 100,
    responseRate: c.sent === 0 ? null : (c.rated / c.sent) * 100
  };
}

export interface Nps {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters (9–10) − % detractors (0–6), −100…+100; `null` with no answers. */
  score: number | null;
}

export function nps(answers: readonly number[]): Nps {
  let promoters = 0;
  let detractors = 0;
  for (const answer of answers) {
    if (!Number.isInteger(answer) || answer < 0 || answer > 10)
      throw new RangeError(`Not an NPS answer (0–10): ${String(answer)}`);
    if (answer >= 9) promoters++;
    else if (answer <= 6) detractors++;
  }
  return npsOfCounts({ answers: answers.length, promoters, detractors });
}

/** The same NPS from counts (what the reporting store's aggregates hold). */
export function npsOfCounts(c: { answers: number; promoters: number; detractors: number }): Nps {
  const n = c.answers;
  return {
    answers: n,
    promoters: c.promoters,
    passives: n - c.promoters - c.detractors,
    detractors: c.detractors,
    score: n === 0 ? null : ((c.promoters - c.detractors) / n) * 100
  };
}
