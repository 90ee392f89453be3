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
 * started, an escalation in the period it happened, a survey (CSAT or NPS) in the period it was
 * sent (with the customer's latest answer, whenever given, so rated ≤ sent in every period);
 * the backlog is taken at the end of the period from the status timeline. Times are medians of
 * the tickets that have them (solved in the period for resolution, first replied in the period
 * for first reply).
 *
 * Every count is a sum of the ticket's `contributions` (one counter at one instant), so the
 * reporting store can keep them as per-day and per-hour sums (`server/reports/store.ts`) and
 * answer a long range without reading its tickets; `reportFromCounts` assembles both answers.
 */
import {
  csatOfCounts,
  escalations,
  finalSolvedAt,
  firstContactResolved,
  firstReplyTime,
  fullResolutionTime,
  handovers,
  npsOfCounts,
  periodStart,
  publicReplies,
  reopens,
  requesterWaitTime,
  slaResults,
  statusSpans,
  ticketCalendar,
  type Csat,
  type Measure,
  type Nps,
  type PeriodUnit,
  type SlaOutcome,
  type StatusSpan
} from './metrics';
import type { TicketChannel, TicketPriority, TicketStatus } from './schema';
import type { SlaMetric } from './sla';
import type { Ticket } from './ticket';
import type { SlaSettings } from './ticket-sla';
import { isSolvedStatus } from './ticket-status';
import { isGoodCsat, latestRating, type SurveyKind, type SurveyScore } from './survey';
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
  /**
   * The requester's organisation (the index's customers) when the ticket last changed, as the
   * SLA policy reads it: moving a customer to another organisation counts from their tickets'
   * next change on. `null`: none.
   */
  organisation: string | null;
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
  /** The surveys the customer was sent, each with their latest answer (`null`: not answered). */
  surveys: SurveyFact[];
}

export interface SurveyFact {
  kind: SurveyKind;
  sentAt: number;
  score: SurveyScore | null;
}

/** When each survey of the ticket was sent (the survey store's; `null`/absent: not sent). */
export type SurveysSent = Partial<Record<SurveyKind, number | null>>;

/**
 * The ticket's surveys: one per kind that was sent, or answered (an answer whose sending is not
 * known counts as sent when it was answered, so a number never has more answers than surveys).
 */
export function surveyFacts(ticket: Ticket, sent: SurveysSent): SurveyFact[] {
  const out: SurveyFact[] = [];
  for (const kind of ['csat', 'nps'] as const) {
    const rating = latestRating(ticket.activity, kind);
    const sentAt = sent[kind] ?? rating?.at ?? null;
    if (sentAt !== null) out.push({ kind, sentAt, score: rating?.score ?? null });
  }
  return out;
}

export function ticketFacts(
  ticket: Ticket,
  settings: SlaSettings,
  now: number,
  sent: SurveysSent = {}
): TicketFacts {
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
    organisation:
      (f.requesterId === null ? null : settings.organisationOf?.(f.requesterId)) || null,
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
    handovers: handovers(ticket).map(({ at, actorId }) => ({ at, actorId })),
    surveys: surveyFacts(ticket, sent)
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

export const REPORT_DIMENSIONS = [
  'agent',
  'channel',
  'tag',
  'priority',
  /** The requester's organisation ('' for none). */
  'organisation',
  /** The requester: the top `TOP_CUSTOMERS`, the rest as one row (`OTHER_CUSTOMERS`). */
  'customer'
] as const;
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
  'escalated',
  /** Tickets whose CSAT survey (sent in the period) the customer answered. */
  'csatRated',
  /** Tickets whose NPS survey (sent in the period) the customer answered. */
  'npsAnswered'
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
export type ReportTicket = Omit<TicketFacts, 'workspaceId' | 'requesterWait'>;

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
  /** Escalations (SLA breaches logged, priority raises) that happened in the period. */
  escalated: number;
  /** Medians in ms. */
  firstReply: Measure | null;
  resolution: Measure | null;
  /** CSAT of the surveys sent in the period, and how many were sent. */
  csat: Csat & { sent: number };
  /** NPS of the surveys sent in the period, and how many were sent. */
  nps: Nps & { sent: number };
}

export interface TrendPoint {
  period: string;
  created: number;
  solved: number;
  slaBreached: number;
  csatRated: number;
  csatGood: number;
  npsAnswers: number;
  npsPromoters: number;
  npsDetractors: number;
}

export interface BreakdownRow {
  key: string;
  created: number;
  solved: number;
  /** SLA targets breached (as the card counts them). */
  slaBreached: number;
  backlog: number;
  csatRated: number;
  csatGood: number;
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
  /** The period's events per shift of the team's day (`SHIFTS`), always one row per shift. */
  shifts: ShiftRow[];
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
    case 'csatRated':
      return ticket.surveys.some(
        (s) => s.kind === 'csat' && s.score !== null && within(s.sentAt, range)
      );
    case 'npsAnswered':
      return ticket.surveys.some(
        (s) => s.kind === 'nps' && s.score !== null && within(s.sentAt, range)
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Counts: what every count of a report is a sum of

/** The counters a ticket contributes to (each at an instant). */
export const COUNTERS = [
  'created',
  'solved',
  'fcr',
  'reopened',
  'slaAchieved',
  'slaBreached',
  'escalations',
  /** +1 when the ticket becomes open (new, open, pending, on-hold), −1 when solved or closed. */
  'openDelta',
  'csatSent',
  'csatRated',
  'csatGood',
  'npsSent',
  'npsAnswers',
  'npsPromoters',
  'npsDetractors',
  /** The ticket's first public reply (at its instant; the shift breakdown counts them). */
  'firstReplies',
  /** Handovers made (signed notes and the away worker's), each at its instant. */
  'handovers'
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

export function zeroCounts(): Counts {
  const out = {} as Counts;
  for (const c of COUNTERS) out[c] = 0;
  return out;
}

export interface Contribution {
  at: number;
  counter: Counter;
  n: number;
}

/**
 * What the ticket adds to each counter, and when: the same rules as `countsIn` and `cards`. The
 * backlog at an instant is the sum of `openDelta` before it (`openAt` from the timeline).
 */
export function contributions(t: ReportTicket): Contribution[] {
  const out: Contribution[] = [];
  const add = (at: number, counter: Counter, n = 1) => out.push({ at, counter, n });
  add(t.createdAt, 'created');
  if (t.solvedAt !== null) {
    add(t.solvedAt, 'solved');
    if (t.fcr) add(t.solvedAt, 'fcr');
  }
  if (t.reopens > 0) add(t.solvedAt ?? t.updatedAt, 'reopened');
  for (const s of t.sla) {
    if (s.outcome === 'achieved') add(s.startedAt, 'slaAchieved');
    else if (s.outcome === 'breached') add(s.startedAt, 'slaBreached');
  }
  for (const e of t.escalations) add(e.at, 'escalations');
  if (t.firstReplyAt !== null) add(t.firstReplyAt, 'firstReplies');
  for (const h of t.handovers) add(h.at, 'handovers');
  let open = false;
  for (const span of t.spans) {
    const now = !isSolvedStatus(span.status);
    if (now !== open) add(Math.max(span.from, t.createdAt), 'openDelta', now ? 1 : -1);
    open = now;
  }
  for (const s of t.surveys) {
    if (s.kind === 'csat') {
      add(s.sentAt, 'csatSent');
      if (s.score !== null) {
        add(s.sentAt, 'csatRated');
        if (isGoodCsat(s.score)) add(s.sentAt, 'csatGood');
      }
    } else {
      add(s.sentAt, 'npsSent');
      if (typeof s.score === 'number') {
        add(s.sentAt, 'npsAnswers');
        if (s.score >= 9) add(s.sentAt, 'npsPromoters');
        else if (s.score <= 6) add(s.sentAt, 'npsDetractors');
      }
    }
  }
  return out;
}

/** The cards of a period from its summed counts, the backlog at its end and its medians. */
export function cardsFromCounts(
  c: Counts,
  backlog: number,
  medians: { firstReply: Measure | null; resolution: Measure | null }
): ReportCards {
  return {
    created: c.created,
    solved: c.solved,
    backlog,
    slaAchieved: c.slaAchieved,
    slaBreached: c.slaBreached,
    slaAchievedPercent:
      c.slaAchieved + c.slaBreached === 0
        ? null
        : (c.slaAchieved / (c.slaAchieved + c.slaBreached)) * 100,
    fcr: c.fcr,
    fcrPercent: c.solved === 0 ? null : (c.fcr / c.solved) * 100,
    reopened: c.reopened,
    escalated: c.escalations,
    firstReply: medians.firstReply,
    resolution: medians.resolution,
    csat: {
      ...csatOfCounts({ rated: c.csatRated, good: c.csatGood, sent: c.csatSent }),
      sent: c.csatSent
    },
    nps: {
      ...npsOfCounts({
        answers: c.npsAnswers,
        promoters: c.npsPromoters,
        detractors: c.npsDetractors
      }),
      sent: c.npsSent
    }
  };
}

/** The counters a trend point reads (`trendPoint`): the sums a trend needs summed. */
export const TREND_COUNTERS = [
  'created',
  'solved',
  'slaBreached',
  'csatRated',
  'csatGood',
  'npsAnswers',
  'npsPromoters',
  'npsDetractors'
] as const satisfies readonly Counter[];

export function trendPoint(
  period: string,
  c: Pick<Counts, (typeof TREND_COUNTERS)[number]>
): TrendPoint {
  return {
    period,
    created: c.created,
    solved: c.solved,
    slaBreached: c.slaBreached,
    csatRated: c.csatRated,
    csatGood: c.csatGood,
    npsAnswers: c.npsAnswers,
    npsPromoters: c.npsPromoters,
    npsDetractors: c.npsDetractors
  };
}

/** The counters a breakdown row reads (`breakdownRow`). */
export const BREAKDOWN_COUNTERS = [
  'created',
  'solved',
  'slaBreached',
  'csatRated',
  'csatGood'
] as const satisfies readonly Counter[];

/** A breakdown row from a key's counts in the period and its backlog at the end; `null` if empty. */
export function breakdownRow(
  key: string,
  c: Pick<Counts, (typeof BREAKDOWN_COUNTERS)[number]>,
  backlog: number
): BreakdownRow | null {
  const row = {
    key,
    created: c.created,
    solved: c.solved,
    slaBreached: c.slaBreached,
    backlog,
    csatRated: c.csatRated,
    csatGood: c.csatGood
  };
  return row.created || row.solved || row.slaBreached || row.backlog || row.csatRated ? row : null;
}

export function sortBreakdown(rows: BreakdownRow[]): BreakdownRow[] {
  return rows.sort(
    (a, b) => b.created + b.backlog - (a.created + a.backlog) || a.key.localeCompare(b.key)
  );
}

function addContributions(into: Counts, t: ReportTicket, range: ReportRange): void {
  for (const c of contributions(t)) if (within(c.at, range)) into[c.counter] += c.n;
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
  const counts = zeroCounts();
  let backlog = 0;
  const firstReplies: Measure[] = [];
  const resolutions: Measure[] = [];
  for (const t of tickets) {
    addContributions(counts, t, range);
    if (within(t.solvedAt, range) && t.resolution) resolutions.push(t.resolution);
    if (t.firstReply && within(t.firstReplyAt, range)) firstReplies.push(t.firstReply);
    if (openAt(t, range.to)) backlog++;
  }
  return cardsFromCounts(counts, backlog, {
    firstReply: medianMeasure(firstReplies),
    resolution: medianMeasure(resolutions)
  });
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

/** The index of the period `at` falls in (bounds sorted by start; `at` at or after the first). */
export function bucketOf(bounds: readonly { start: number }[], at: number): number {
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
  const sums = bounds.map(() => zeroCounts());
  if (sums.length === 0) return [];
  for (const t of tickets)
    for (const c of contributions(t))
      if (within(c.at, query)) sums[bucketOf(bounds, c.at)]![c.counter] += c.n;
  return bounds.map((b, i) => trendPoint(b.label, sums[i]!));
}

/** The keys a ticket falls under in a breakdown (a ticket with two tags counts under both). */
export function keysOf(
  ticket: Pick<
    ReportTicket,
    'assigneeId' | 'channel' | 'priority' | 'tags' | 'organisation' | 'requesterId'
  >,
  dimension: ReportDimension
): string[] {
  switch (dimension) {
    case 'agent':
      return [ticket.assigneeId ?? ''];
    case 'channel':
      return [ticket.channel];
    case 'priority':
      return [ticket.priority];
    case 'tag':
      return ticket.tags;
    case 'organisation':
      return [ticket.organisation ?? ''];
    case 'customer':
      return [ticket.requesterId ?? ''];
  }
}

/** How many customers the customer breakdown names; the rest are one row. */
export const TOP_CUSTOMERS = 10;
/** The key of the customer breakdown's last row: every customer after the top ones. */
export const OTHER_CUSTOMERS = '*';

/**
 * The customer breakdown as shown: the first `TOP_CUSTOMERS` rows (already sorted by
 * `sortBreakdown`: most created + open first) and, when there are more, one row that sums the
 * rest (`OTHER_CUSTOMERS`).
 */
export function topCustomers(rows: readonly BreakdownRow[]): BreakdownRow[] {
  if (rows.length <= TOP_CUSTOMERS) return [...rows];
  const rest: BreakdownRow = {
    key: OTHER_CUSTOMERS,
    created: 0,
    solved: 0,
    slaBreached: 0,
    backlog: 0,
    csatRated: 0,
    csatGood: 0
  };
  for (const row of rows.slice(TOP_CUSTOMERS)) {
    rest.created += row.created;
    rest.solved += row.solved;
    rest.slaBreached += row.slaBreached;
    rest.backlog += row.backlog;
    rest.csatRated += row.csatRated;
    rest.csatGood += row.csatGood;
  }
  return [...rows.slice(0, TOP_CUSTOMERS), rest];
}

// ---------------------------------------------------------------------------------------------
// Shifts

/**
 * The team's shifts: three eight-hour blocks of the team's day, in the report's time zone
 * (the team's): night 00–08, day 08–16, evening 16–24. An event counts in the shift whose
 * block it happened in — the shift that was on when the customer wrote, the reply went out,
 * the ticket was solved or handed over — whoever was on it. A follow-the-sun team's three
 * regions are these blocks seen from the team's zone. On a daylight-saving day a block is an
 * hour shorter or longer (local clock times, as `business-calendar.ts` resolves them).
 */
export const SHIFTS = [
  { id: 'night', startHour: 0 },
  { id: 'day', startHour: 8 },
  { id: 'evening', startHour: 16 }
] as const;
export type ShiftId = (typeof SHIFTS)[number]['id'];

/** The counters a shift row shows. */
export const SHIFT_COUNTERS = ['created', 'solved', 'firstReplies', 'handovers'] as const;

export interface ShiftRow {
  shift: ShiftId;
  created: number;
  solved: number;
  firstReplies: number;
  handovers: number;
}

/**
 * The starts of the shifts that meet `[from, to)` in `timeZone`, sorted, each with the index
 * of its shift in `SHIFTS` (the first one may start before `from`).
 */
export function shiftBounds(
  range: ReportRange,
  timeZone: string
): { start: number; shift: number }[] {
  const T = temporal();
  const out: { start: number; shift: number }[] = [];
  let date = T.Instant.fromEpochMilliseconds(range.from).toZonedDateTimeISO(timeZone).toPlainDate();
  for (;;) {
    for (let i = 0; i < SHIFTS.length; i++) {
      const start = date
        .toPlainDateTime({ hour: SHIFTS[i]!.startHour })
        .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
      if (start >= range.to) return out;
      // Keep only the last start at or before `from` (the shift `from` falls in).
      if (start <= range.from) out.length = 0;
      out.push({ start, shift: i });
    }
    date = date.add({ days: 1 });
  }
}

/** Shift rows from per-instant sums: `sums` yields (instant, counts) pairs inside the range. */
export function shiftRows(
  bounds: readonly { start: number; shift: number }[],
  sums: Iterable<[number, Pick<Counts, (typeof SHIFT_COUNTERS)[number]>]>
): ShiftRow[] {
  const rows: ShiftRow[] = SHIFTS.map((s) => ({
    shift: s.id,
    created: 0,
    solved: 0,
    firstReplies: 0,
    handovers: 0
  }));
  if (bounds.length === 0) return rows;
  for (const [at, counts] of sums) {
    const row = rows[bounds[bucketOf(bounds, at)]!.shift]!;
    for (const c of SHIFT_COUNTERS) row[c] += counts[c];
  }
  return rows;
}

/** The tickets' events of `range` per shift (`SHIFTS`) in `timeZone`. */
export function shiftBreakdown(
  tickets: readonly ReportTicket[],
  range: ReportRange,
  timeZone: string
): ShiftRow[] {
  const shiftCounters = new Set<Counter>(SHIFT_COUNTERS);
  const events: [number, Counts][] = [];
  for (const t of tickets)
    for (const c of contributions(t))
      if (shiftCounters.has(c.counter) && within(c.at, range)) {
        const counts = zeroCounts();
        counts[c.counter] += c.n;
        events.push([c.at, counts]);
      }
  return shiftRows(shiftBounds(range, timeZone), events);
}

export function breakdown(
  tickets: readonly ReportTicket[],
  range: ReportRange,
  dimension: ReportDimension
): BreakdownRow[] {
  const sums = new Map<string, { counts: Counts; backlog: number }>();
  for (const t of tickets) {
    const counts = zeroCounts();
    addContributions(counts, t, range);
    const backlog = openAt(t, range.to) ? 1 : 0;
    for (const key of keysOf(t, dimension)) {
      const sum = sums.get(key) ?? { counts: zeroCounts(), backlog: 0 };
      for (const c of COUNTERS) sum.counts[c] += counts[c];
      sum.backlog += backlog;
      sums.set(key, sum);
    }
  }
  const rows: BreakdownRow[] = [];
  for (const [key, sum] of sums) {
    const row = breakdownRow(key, sum.counts, sum.backlog);
    if (row) rows.push(row);
  }
  return sortBreakdown(rows);
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
      // Filtered by a tag, the tag breakdown is that tag's row (not the tags beside it).
      tag: breakdown(selected, range, 'tag').filter(
        (row) => query.filters.tag === undefined || row.key === query.filters.tag
      ),
      priority: breakdown(selected, range, 'priority'),
      organisation: breakdown(selected, range, 'organisation'),
      customer: topCustomers(breakdown(selected, range, 'customer'))
    },
    shifts: shiftBreakdown(selected, range, query.timeZone)
  };
}

/** The tickets behind `number` in the query's period (newest first). */
export function drillDown(
  tickets: readonly ReportTicket[],
  query: Pick<ReportQuery, 'from' | 'to' | 'filters'>,
  number: ReportNumber,
  group?: { dimension: ReportDimension; key: string }
): ReportTicket[] {
  const selected = tickets.filter((t) => matchesFilters(t, query.filters));
  let inGroup = (t: ReportTicket) => !group || keysOf(t, group.dimension).includes(group.key);
  if (group?.dimension === 'customer' && group.key === OTHER_CUSTOMERS) {
    // The other customers' row: every customer after the breakdown's top ones.
    const range = { from: query.from, to: query.to };
    const top = new Set(
      breakdown(selected, range, 'customer')
        .slice(0, TOP_CUSTOMERS)
        .map((row) => row.key)
    );
    inGroup = (t) => !top.has(t.requesterId ?? '');
  }
  return selected
    .filter((t) => countsIn(t, number, query) && inGroup(t))
    .sort((a, b) => b.createdAt - a.createdAt);
}
