/**
 * Reports: what the dashboard shows, made of the metrics defined once in `metrics.ts`.
 *
 * Two steps, both pure:
 *   1. `ticketFacts` turns one ticket (its own history, its SLA policy's calendar, `now`) into
 *      the plain facts the reporting store keeps: the ticket's dimensions (assignee, channel,
 *      priority, tags), its durations in business and calendar time, its status timeline, its
 *      SLA outcomes, escalations and handovers. Every number comes from a metric function; the
 *      store never computes a metric of its own.
 *   2. `buildReport` aggregates the facts of the tickets a query selects into cards (this period
 *      against the one before it), a trend per day, week or month in the team's time zone, and
 *      breakdowns. `drillDown` lists the tickets behind any of those numbers, with the same
 *      rules, so a number and its list never disagree.
 *
 * Periods are `[from, to)` instants. A ticket counts as created in the period of its creation,
 * solved in the period of its final solve (`finalSolvedAt`), an SLA target in the period it
 * started, an escalation in the period it happened; the backlog is taken at the end of the
 * period from the status timeline. Times are medians of the tickets that have them (solved
 * in the period for resolution, first replied in the period for first reply).
 */
import {
  escalations,
  finalSolvedAt,
  firstContactResolved,
  firstReplyTime,
  fullResolutionTime,
  handovers,
  periodStart,
  publicReplies,
  reopens,
  requesterWaitTime,
  slaResults,
  slaTally,
  statusSpans,
  ticketCalendar,
  type Measure,
  type PeriodUnit,
  type SlaOutcome,
  type StatusSpan
} from './metrics';
import type { TicketChannel, TicketPriority, TicketStatus } from './schema';
import type { SlaMetric } from './sla';
import type { Ticket } from './ticket';
import type { SlaSettings } from './ticket-sla';
import { isSolvedStatus } from './ticket-status';
import { temporal } from './temporal';

/** What the reporting store keeps of one ticket. */
export interface TicketFacts {
  ticketId: string;
  workspaceId: string;
  number: number | null;
  ref: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  assigneeId: string | null;
  requesterId: string | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** The final solve; `null` while open. */
  solvedAt: number | null;
  firstReplyAt: number | null;
  firstReply: Measure | null;
  resolution: Measure | null;
  /** Only for solved tickets (an open one's wait still grows with the clock). */
  requesterWait: Measure | null;
  replies: number;
  reopens: number;
  /** First-contact resolution; `null` while open. */
  fcr: boolean | null;
  spans: StatusSpan[];
  sla: { metric: SlaMetric; startedAt: number; outcome: SlaOutcome }[];
  escalations: { kind: 'sla-breach' | 'priority-raised'; at: number }[];
  handovers: { at: number; actorId: string }[];
}

export function ticketFacts(ticket: Ticket, settings: SlaSettings, now: number): TicketFacts {
  const f = ticket.fields;
  const calendar = ticketCalendar(ticket, settings);
  const solvedAt = finalSolvedAt(ticket);
  const replies = publicReplies(ticket);
  return {
    ticketId: f.id,
    workspaceId: f.workspaceId,
    number: f.number,
    ref: f.ref,
    subject: f.subject,
    status: f.status,
    priority: f.priority,
    channel: f.channel,
    assigneeId: f.assigneeId,
    requesterId: f.requesterId,
    tags: [...new Set(ticket.tags)].sort(),
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    solvedAt,
    firstReplyAt: replies[0] ?? null,
    firstReply: firstReplyTime(ticket, calendar),
    resolution: fullResolutionTime(ticket, calendar),
    requesterWait: solvedAt === null ? null : requesterWaitTime(ticket, calendar, solvedAt),
    replies: replies.length,
    reopens: reopens(ticket),
    fcr: solvedAt === null ? null : firstContactResolved(ticket),
    spans: statusSpans(ticket),
    sla: slaResults(ticket, settings, now).map(({ metric, startedAt, outcome }) => ({
      metric,
      startedAt,
      outcome
    })),
    escalations: escalations(ticket).map(({ kind, at }) => ({ kind, at })),
    handovers: handovers(ticket).map(({ at, actorId }) => ({ at, actorId }))
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

export const REPORT_DIMENSIONS = ['agent', 'channel', 'tag', 'priority'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The numbers a dashboard card shows, and which one can drill down to tickets. */
export const REPORT_NUMBERS = [
  'created',
  'solved',
  'backlog',
  'slaAchieved',
  'slaBreached',
  'fcr',
  'reopened',
  'escalated'
] as const;
export type ReportNumber = (typeof REPORT_NUMBERS)[number];

export interface ReportFilters {
  assigneeId?: string | undefined;
  channel?: TicketChannel | undefined;
  tag?: string | undefined;
  priority?: TicketPriority | undefined;
}

export interface ReportRange {
  from: number;
  to: number;
}

export interface ReportQuery extends ReportRange {
  unit: PeriodUnit;
  timeZone: string;
  filters: ReportFilters;
}

/**
 * What a report reads of a ticket: the facts, as the store hands them back (the status timeline
 * only as far as the backlog needs it).
 */
export type ReportTicket = Omit<TicketFacts, 'workspaceId' | 'handovers' | 'requesterWait'>;

export interface ReportCards {
  created: number;
  solved: number;
  /** Open (new, open, pending, on-hold) at the end of the period. */
  backlog: number;
  slaAchieved: number;
  slaBreached: number;
  /** achieved ÷ (achieved + breached), 0–100. */
  slaAchievedPercent: number | null;
  /** Of the tickets solved in the period, those solved with at most one public reply, %. */
  fcrPercent: number | null;
  fcr: number;
  reopened: number;
  escalated: number;
  /** Medians in ms. */
  firstReply: Measure | null;
  resolution: Measure | null;
}

export interface TrendPoint {
  period: string;
  created: number;
  solved: number;
  slaBreached: number;
}

export interface BreakdownRow {
  key: string;
  created: number;
  solved: number;
  slaBreached: number;
  backlog: number;
}

export interface Report {
  range: ReportRange;
  previous: ReportRange;
  unit: PeriodUnit;
  timeZone: string;
  current: ReportCards;
  before: ReportCards;
  trend: TrendPoint[];
  breakdowns: Record<ReportDimension, BreakdownRow[]>;
}

/** The period of the same length just before `range`. */
export function previousRange(range: ReportRange): ReportRange {
  return { from: range.from - (range.to - range.from), to: range.from };
}

const within = (at: number | null, range: ReportRange) =>
  at !== null && at >= range.from && at < range.to;

/** Whether the ticket was open (new, open, pending, on-hold) just before `instant`. */
export function openAt(
  ticket: Pick<ReportTicket, 'spans' | 'createdAt'>,
  instant: number
): boolean {
  if (ticket.createdAt >= instant) return false;
  let status: TicketStatus | null = null;
  for (const span of ticket.spans) if (span.from < instant) status = span.status;
  return status !== null && !isSolvedStatus(status);
}

export function matchesFilters(ticket: ReportTicket, filters: ReportFilters): boolean {
  if (filters.assigneeId !== undefined && ticket.assigneeId !== filters.assigneeId) return false;
  if (filters.channel !== undefined && ticket.channel !== filters.channel) return false;
  if (filters.priority !== undefined && ticket.priority !== filters.priority) return false;
  if (filters.tag !== undefined && !ticket.tags.includes(filters.tag)) return false;
  return true;
}

/** Whether the ticket is behind `number` in `range` (the rule each card counts by). */
export function countsIn(ticket: ReportTicket, number: ReportNumber, range: ReportRange): boolean {
  switch (number) {
    case 'created':
      return within(ticket.createdAt, range);
    case 'solved':
      return within(ticket.solvedAt, range);
    case 'backlog':
      return openAt(ticket, range.to);
    case 'slaAchieved':
      return ticket.sla.some((s) => s.outcome === 'achieved' && within(s.startedAt, range));
    case 'slaBreached':
      return ticket.sla.some((s) => s.outcome === 'breached' && within(s.startedAt, range));
    case 'fcr':
      return ticket.fcr === true && within(ticket.solvedAt, range);
    case 'reopened':
      return ticket.reopens > 0 && within(ticket.solvedAt ?? ticket.updatedAt, range);
    case 'escalated':
      return ticket.escalations.some((e) => within(e.at, range));
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianMeasure(values: Measure[]): Measure | null {
  if (values.length === 0) return null;
  return {
    businessMs: median(values.map((v) => v.businessMs))!,
    calendarMs: median(values.map((v) => v.calendarMs))!
  };
}

export function cards(tickets: readonly ReportTicket[], range: ReportRange): ReportCards {
  let created = 0;
  let solved = 0;
  let backlog = 0;
  let fcr = 0;
  let reopened = 0;
  let escalated = 0;
  const firstReplies: Measure[] = [];
  const resolutions: Measure[] = [];
  const sla: { metric: SlaMetric; outcome: SlaOutcome }[] = [];
  for (const t of tickets) {
    if (within(t.createdAt, range)) created++;
    if (within(t.solvedAt, range)) {
      solved++;
      if (t.fcr) fcr++;
      if (t.resolution) resolutions.push(t.resolution);
    }
    if (t.firstReply && within(t.firstReplyAt, range)) firstReplies.push(t.firstReply);
    if (openAt(t, range.to)) backlog++;
    if (countsIn(t, 'reopened', range)) reopened++;
    if (countsIn(t, 'escalated', range)) escalated++;
    for (const s of t.sla) if (within(s.startedAt, range)) sla.push(s);
  }
  const tally = slaTally(sla.map((s) => ({ ...s, policyId: '', startedAt: 0 })));
  const slaAchieved =
    tally.firstReply.achieved + tally.nextReply.achieved + tally.resolution.achieved;
  const slaBreached =
    tally.firstReply.breached + tally.nextReply.breached + tally.resolution.breached;
  return {
    created,
    solved,
    backlog,
    slaAchieved,
    slaBreached,
    slaAchievedPercent:
      slaAchieved + slaBreached === 0 ? null : (slaAchieved / (slaAchieved + slaBreached)) * 100,
    fcr,
    fcrPercent: solved === 0 ? null : (fcr / solved) * 100,
    reopened,
    escalated,
    firstReply: medianMeasure(firstReplies),
    resolution: medianMeasure(resolutions)
  };
}

/**
 * The starts of the periods (`unit`, in `timeZone`) that meet `[from, to)`, as instants with
 * their labels, so that each instant is bucketed by a binary search instead of a time-zone
 * conversion per ticket.
 */
export function periodBounds(
  range: ReportRange,
  unit: PeriodUnit,
  timeZone: string
): { label: string; start: number }[] {
  const T = temporal();
  const first = T.PlainDate.from(periodStart(range.from, unit, timeZone));
  const out: { label: string; start: number }[] = [];
  for (let date = first; ;) {
    const start = date.toZonedDateTime({ timeZone }).epochMilliseconds;
    if (start >= range.to) break;
    out.push({ label: date.toString(), start });
    date = date.add(unit === 'day' ? { days: 1 } : unit === 'week' ? { weeks: 1 } : { months: 1 });
    if (out.length > 1000) throw new RangeError('Too many periods: choose a longer unit.');
  }
  return out;
}

function bucketOf(bounds: { start: number }[], at: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function trend(
  tickets: readonly ReportTicket[],
  query: Pick<ReportQuery, 'from' | 'to' | 'unit' | 'timeZone'>
): TrendPoint[] {
  const bounds = periodBounds(query, query.unit, query.timeZone);
  const points = bounds.map((b) => ({ period: b.label, created: 0, solved: 0, slaBreached: 0 }));
  if (points.length === 0) return points;
  for (const t of tickets) {
    if (within(t.createdAt, query)) points[bucketOf(bounds, t.createdAt)]!.created++;
    if (within(t.solvedAt, query)) points[bucketOf(bounds, t.solvedAt!)]!.solved++;
    for (const s of t.sla)
      if (s.outcome === 'breached' && within(s.startedAt, query))
        points[bucketOf(bounds, s.startedAt)]!.slaBreached++;
  }
  return points;
}

/** The keys a ticket falls under in a breakdown (a ticket with two tags counts under both). */
export function keysOf(ticket: ReportTicket, dimension: ReportDimension): string[] {
  switch (dimension) {
    case 'agent':
      return [ticket.assigneeId ?? ''];
    case 'channel':
      return [ticket.channel];
    case 'priority':
      return [ticket.priority];
    case 'tag':
      return ticket.tags;
  }
}

export function breakdown(
  tickets: readonly ReportTicket[],
  range: ReportRange,
  dimension: ReportDimension
): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const t of tickets) {
    const created = within(t.createdAt, range);
    const solved = within(t.solvedAt, range);
    const breached = countsIn(t, 'slaBreached', range);
    const backlog = openAt(t, range.to);
    if (!created && !solved && !breached && !backlog) continue;
    for (const key of keysOf(t, dimension)) {
      const row = rows.get(key) ?? { key, created: 0, solved: 0, slaBreached: 0, backlog: 0 };
      if (created) row.created++;
      if (solved) row.solved++;
      if (breached) row.slaBreached++;
      if (backlog) row.backlog++;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => b.created + b.backlog - (a.created + a.backlog) || a.key.localeCompare(b.key)
  );
}

/**
 * The report of `query` over `tickets` (any superset of the tickets that count: the store hands
 * the ones that could, and the filters are applied here too, so the rules live in one place).
 */
export function buildReport(tickets: readonly ReportTicket[], query: ReportQuery): Report {
  const selected = tickets.filter((t) => matchesFilters(t, query.filters));
  const range = { from: query.from, to: query.to };
  const previous = previousRange(range);
  return {
    range,
    previous,
    unit: query.unit,
    timeZone: query.timeZone,
    current: cards(selected, range),
    before: cards(selected, previous),
    trend: trend(selected, query),
    breakdowns: {
      agent: breakdown(selected, range, 'agent'),
      channel: breakdown(selected, range, 'channel'),
      tag: breakdown(selected, range, 'tag'),
      priority: breakdown(selected, range, 'priority')
    }
  };
}

/** The tickets behind `number` in the query's period (newest first). */
export function drillDown(
  tickets: readonly ReportTicket[],
  query: Pick<ReportQuery, 'from' | 'to' | 'filters'>,
  number: ReportNumber,
  group?: { dimension: ReportDimension; key: string }
): ReportTicket[] {
  return tickets
    .filter(
      (t) =>
        matchesFilters(t, query.filters) &&
        countsIn(t, number, query) &&
        (!group || keysOf(t, group.dimension).includes(group.key))
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}
