/**
 * The reports API (`/api/workspaces/<id>/reports…`), written once for both sides.
 *
 *   GET …/reports              → `ReportView` (cards this period and the one before, trend,
 *                                 breakdowns), filtered by `ReportParams`
 *   GET …/reports/tickets      → `ReportTickets`: the tickets behind one number (`number`,
 *                                 optionally one breakdown cell: `dimension` + `key`)
 *   GET …/reports/csv          → the report as CSV (`what=report`) or its tickets (`what=tickets`);
 *                                 `format=xlsx` for an `.xlsx` workbook of the same rows
 *
 * Dates are local dates in `tz` (the team's time zone): `from` is the first day, `to` the last
 * day, both included. Scope `team` is for owners and admins; everyone who works tickets has
 * `personal` (their own assigned tickets; the server sets the agent filter itself).
 */
import { z } from 'zod';
import { REPORT_DIMENSIONS, REPORT_NUMBERS, SHIFTS } from '../domain/report';
import { TICKET_CHANNELS, TICKET_PRIORITIES } from '../domain/schema';
import { isTimeZone } from '../domain/time-zones';

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((text) => {
    const at = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
  }, 'not a real date');

/** The longest period one report covers (a trend by day over two years is 730 points). */
export const MAX_REPORT_DAYS = 800;

const SHIFT_IDS = SHIFTS.map((s) => s.id) as [
  (typeof SHIFTS)[number]['id'],
  ...(typeof SHIFTS)[number]['id'][]
];

const paramsShape = {
  from: LocalDate,
  to: LocalDate,
  tz: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  unit: z.enum(['day', 'week', 'month']).default('day'),
  scope: z.enum(['team', 'personal']).default('team'),
  agent: z.string().min(1).max(64).optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  tag: z.string().trim().min(1).max(64).optional()
};

/** Each rule of a period, as checks on whatever object carries `from` and `to`. */
function period<T extends z.ZodType<{ from: string; to: string }>>(schema: T): T {
  return schema
    .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] })
    .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_REPORT_DAYS * 86_400_000, {
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      path: ['to']
    }) as unknown as T;
}

export const ReportParams = period(z.strictObject(paramsShape));
export type ReportParams = z.infer<typeof ReportParams>;
/** What the client passes (defaults may be left out). */
export type ReportParamsInput = z.input<typeof ReportParams>;

export const ReportDimension = z.enum(REPORT_DIMENSIONS);
export const ReportNumber = z.enum(REPORT_NUMBERS);

export const TicketsParams = period(
  z.strictObject({
    ...paramsShape,
    number: ReportNumber,
    dimension: ReportDimension.optional(),
    key: z.string().max(120).optional()
  })
);

export const CsvParams = period(
  z.strictObject({
    ...paramsShape,
    what: z.enum(['report', 'tickets']),
    /** CSV, or an `.xlsx` workbook of the same rows. */
    format: z.enum(['csv', 'xlsx']).default('csv'),
    number: ReportNumber.optional(),
    dimension: ReportDimension.optional(),
    key: z.string().max(120).optional()
  })
);

const Measure = z.object({ businessMs: z.number(), calendarMs: z.number() });

export const ReportCardsView = z.object({
  created: z.number(),
  solved: z.number(),
  backlog: z.number(),
  slaAchieved: z.number(),
  slaBreached: z.number(),
  slaAchievedPercent: z.number().nullable(),
  fcr: z.number(),
  fcrPercent: z.number().nullable(),
  reopened: z.number(),
  escalated: z.number(),
  firstReply: Measure.nullable(),
  resolution: Measure.nullable(),
  /** CSAT of the surveys sent in the period (`metrics.ts` `csat`). */
  csat: z.object({
    sent: z.number(),
    rated: z.number(),
    good: z.number(),
    bad: z.number(),
    percent: z.number().nullable(),
    responseRate: z.number().nullable()
  }),
  /** NPS of the surveys sent in the period (`metrics.ts` `nps`). */
  nps: z.object({
    sent: z.number(),
    answers: z.number(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    score: z.number().nullable()
  })
});
export type ReportCardsView = z.infer<typeof ReportCardsView>;

const BreakdownRow = z.object({
  key: z.string(),
  /** A member's name for the agent breakdown (the key is their id; '' is unassigned). */
  label: z.string(),
  created: z.number(),
  solved: z.number(),
  slaBreached: z.number(),
  backlog: z.number(),
  csatRated: z.number(),
  csatGood: z.number()
});
export type BreakdownRowView = z.infer<typeof BreakdownRow>;

export const ReportView = z.object({
  scope: z.enum(['team', 'personal']),
  range: z.object({ from: z.number(), to: z.number() }),
  previous: z.object({ from: z.number(), to: z.number() }),
  unit: z.enum(['day', 'week', 'month']),
  timeZone: z.string(),
  current: ReportCardsView,
  before: ReportCardsView,
  trend: z.array(
    z.object({
      period: z.string(),
      created: z.number(),
      solved: z.number(),
      slaBreached: z.number(),
      csatRated: z.number(),
      csatGood: z.number(),
      npsAnswers: z.number(),
      npsPromoters: z.number(),
      npsDetractors: z.number()
    })
  ),
  breakdowns: z.object({
    agent: z.array(BreakdownRow),
    channel: z.array(BreakdownRow),
    tag: z.array(BreakdownRow),
    priority: z.array(BreakdownRow),
    /** The organisation's name is the key ('' : no organisation). */
    organisation: z.array(BreakdownRow),
    /** The key is the customer's id, the label their name; `*` is every customer after the top ones. */
    customer: z.array(BreakdownRow)
  }),
  /** The period's events per shift of the team's day (`SHIFTS` in `domain/report.ts`). */
  shifts: z.array(
    z.object({
      shift: z.enum(SHIFT_IDS),
      created: z.number(),
      solved: z.number(),
      firstReplies: z.number(),
      handovers: z.number()
    })
  ),
  /** When the server answered (the dashboard says how old a cached answer is). */
  generatedAt: z.number()
});
export type ReportView = z.infer<typeof ReportView>;

export const ReportTicketRow = z.object({
  ticketId: z.string(),
  number: z.number().nullable(),
  ref: z.string(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  channel: z.string(),
  assigneeId: z.string().nullable(),
  assignee: z.string(),
  createdAt: z.number(),
  solvedAt: z.number().nullable()
});
export type ReportTicketRow = z.infer<typeof ReportTicketRow>;

export const ReportTickets = z.object({
  number: ReportNumber,
  tickets: z.array(ReportTicketRow),
  /** More tickets matched than the list holds (the CSV has them all). */
  truncated: z.boolean()
});
export type ReportTickets = z.infer<typeof ReportTickets>;

/** How many tickets a drill-down lists (the CSV export is not limited). */
export const DRILL_DOWN_LIMIT = 500;
