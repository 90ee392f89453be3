/**
 * The report endpoints' services: who may see which report, the query read strictly (each
 * refusal names the field), the answer from the reporting store through the domain's
 * `buildReport` / `drillDown`, and the CSV exports.
 *
 * Owners and admins see the team (`scope=team`, any agent filter). Everyone who works tickets
 * sees a personal report (`scope=personal`): the agent filter is set to themselves, and asking
 * for someone else is refused rather than quietly ignored. Viewers see none.
 */
import type { z } from 'zod';
import writeXlsxFile from 'write-excel-file/node';
import {
  CsvParams,
  DRILL_DOWN_LIMIT,
  ReportParams,
  TicketsParams,
  type BreakdownRowView,
  type ReportTicketRow,
  type ReportView
} from '../../src/lib/contract/reports.ts';
import { errorBody, type ApiErrorReason } from '../../src/lib/contract/errors.ts';
import {
  REPORT_DIMENSIONS,
  buildReport,
  drillDown,
  previousRange,
  type ReportQuery,
  type ReportTicket
} from '../../src/lib/domain/report.ts';
import { may } from '../../src/lib/domain/roles.ts';
import { temporal } from '../../src/lib/domain/temporal.ts';
import type {
  ReportCaller,
  ReportResult,
  ReportServices
} from '../../src/lib/server/report-services.ts';
import { csvField } from '../audit/audit-log.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { indexDocName } from '../../src/lib/domain/doc-names.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import type { ReportStore } from './store.ts';

export interface ReportServiceDeps {
  store: ReportStore;
  clock: Clock;
  /** Member id → display name, for the agent breakdown and the ticket lists. */
  memberNames(workspaceId: string): Map<string, string>;
  /** Customer id → name (the index's customers), for the customer breakdown. */
  customerNames?(workspaceId: string, ids: readonly string[]): Map<string, string>;
}

/** Customers' names from the workspace's index (`ReportServiceDeps.customerNames`). */
export function indexCustomerNames(
  docs: Pick<DocManager, 'read'>
): NonNullable<ReportServiceDeps['customerNames']> {
  return (workspaceId, ids) =>
    docs.read(indexDocName(workspaceId), (doc) => {
      const customers = indexParts(doc).customers;
      const out = new Map<string, string>();
      for (const id of ids) {
        const name = customers.get(id)?.name;
        if (name) out.set(id, name);
      }
      return out;
    }) ?? new Map<string, string>();
}

function fail(status: number, reason: ApiErrorReason, message: string): ReportResult {
  return { status, body: errorBody(reason, message) };
}

function invalid(error: z.ZodError): ReportResult {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'query';
  return fail(
    400,
    'invalid-request',
    `Invalid report query: ${field}: ${issue?.message ?? 'invalid'}`
  );
}

function queryObject(query: URLSearchParams): Record<string, string> | ReportResult {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key in out)
      return fail(400, 'invalid-request', `Invalid report query: ${key}: given twice`);
    if (value !== '') out[key] = value;
  }
  return out;
}

/** The local day `date` starts, in `timeZone`, as an instant. */
export function startOfDay(date: string, timeZone: string, plusDays = 0): number {
  return temporal().PlainDate.from(date).add({ days: plusDays }).toZonedDateTime({ timeZone })
    .epochMilliseconds;
}

type Params = z.infer<typeof ReportParams>;

/** The domain query of validated parameters, with the scope the caller may have. */
function scoped(caller: ReportCaller, params: Params): ReportQuery | ReportResult {
  if (params.scope === 'team') {
    if (!may(caller.role, 'read-reports'))
      return fail(403, 'forbidden', 'Only owners and admins see the team’s reports.');
  } else {
    if (!may(caller.role, 'note'))
      return fail(403, 'forbidden', 'Your role has no personal report.');
    if (params.agent !== undefined && params.agent !== caller.memberId)
      return fail(403, 'forbidden', 'A personal report is about yourself: agent must be you.');
  }
  const agent = params.scope === 'personal' ? caller.memberId : params.agent;
  return {
    from: startOfDay(params.from, params.tz),
    to: startOfDay(params.to, params.tz, 1),
    unit: params.unit,
    timeZone: params.tz,
    filters: {
      assigneeId: agent === 'unassigned' ? undefined : agent,
      channel: params.channel,
      priority: params.priority,
      tag: params.tag
    }
  };
}

const isResult = (value: unknown): value is ReportResult =>
  typeof value === 'object' && value !== null && 'status' in value;

export function createReportServices(deps: ReportServiceDeps): ReportServices {
  const { store, clock } = deps;

  const load = (workspaceId: string, query: ReportQuery): ReportTicket[] =>
    store.tickets({
      workspaceId,
      from: previousRange(query).from,
      to: query.to,
      assigneeId: query.filters.assigneeId,
      tag: query.filters.tag
    });

  const read = <S extends z.ZodType>(
    schema: S,
    caller: ReportCaller,
    search: URLSearchParams
  ): { params: z.infer<S>; query: ReportQuery } | ReportResult => {
    const object = queryObject(search);
    if (isResult(object)) return object;
    const parsed = schema.safeParse(object);
    if (!parsed.success) return invalid(parsed.error);
    const query = scoped(caller, parsed.data as Params);
    if (isResult(query)) return query;
    return { params: parsed.data, query };
  };

  const report = (caller: ReportCaller, params: Params, query: ReportQuery): ReportView => {
    const names = deps.memberNames(caller.workspaceId);
    // From the per-day and per-hour sums; the tickets only in a half-hour zone (`store.report`).
    const built =
      store.report(caller.workspaceId, query) ??
      buildReport(load(caller.workspaceId, query), query);
    const label = (rows: { key: string }[], named: boolean | Map<string, string>) =>
      rows.map((row) => ({
        ...row,
        label:
          named === false ? row.key : ((named === true ? names : named).get(row.key) ?? row.key)
      }));
    const customers =
      deps.customerNames?.(
        caller.workspaceId,
        built.breakdowns.customer.map((row) => row.key)
      ) ?? new Map<string, string>();
    return {
      scope: params.scope,
      ...built,
      breakdowns: {
        agent: label(built.breakdowns.agent, true) as BreakdownRowView[],
        channel: label(built.breakdowns.channel, false) as BreakdownRowView[],
        tag: label(built.breakdowns.tag, false) as BreakdownRowView[],
        priority: label(built.breakdowns.priority, false) as BreakdownRowView[],
        organisation: label(built.breakdowns.organisation, false) as BreakdownRowView[],
        customer: label(built.breakdowns.customer, customers) as BreakdownRowView[]
      },
      generatedAt: clock.now()
    };
  };

  const behind = (
    caller: ReportCaller,
    params: z.infer<typeof TicketsParams> | z.infer<typeof CsvParams>,
    query: ReportQuery
  ): ReportTicketRow[] => {
    const names = deps.memberNames(caller.workspaceId);
    const group =
      params.dimension !== undefined
        ? { dimension: params.dimension, key: params.key ?? '' }
        : undefined;
    return drillDown(load(caller.workspaceId, query), query, params.number ?? 'created', group).map(
      (t) => ({
        ticketId: t.ticketId,
        number: t.number,
        ref: t.ref,
        subject: t.subject,
        status: t.status,
        priority: t.priority,
        channel: t.channel,
        assigneeId: t.assigneeId,
        assignee: t.assigneeId ? (names.get(t.assigneeId) ?? t.assigneeId) : '',
        createdAt: t.createdAt,
        solvedAt: t.solvedAt
      })
    );
  };

  return {
    async report(caller, search) {
      const read1 = read(ReportParams, caller, search);
      if (isResult(read1)) return read1;
      return { status: 200, body: report(caller, read1.params, read1.query) };
    },
    async tickets(caller, search) {
      const got = read(TicketsParams, caller, search);
      if (isResult(got)) return got;
      const all = behind(caller, got.params, got.query);
      return {
        status: 200,
        body: {
          number: got.params.number,
          tickets: all.slice(0, DRILL_DOWN_LIMIT),
          truncated: all.length > DRILL_DOWN_LIMIT
        }
      };
    },
    async csv(caller, search) {
      const got = read(CsvParams, caller, search);
      if (isResult(got)) return got;
      const { params } = got;
      const stamp = `${params.from}_${params.to}`;
      const rows =
        params.what === 'tickets'
          ? ticketsRows(behind(caller, params, got.query))
          : reportRows(report(caller, params, got.query));
      const name =
        params.what === 'tickets'
          ? `tickets-${params.number ?? 'created'}-${stamp}`
          : `report-${stamp}`;
      if (params.format === 'xlsx') {
        return {
          status: 200,
          xlsx: await toXlsx(rows, params.what === 'tickets' ? 'Tickets' : 'Report'),
          filename: `${name}.xlsx`
        };
      }
      return { status: 200, csv: toCsv(rows), filename: `${name}.csv` };
    }
  };
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

type Cell = string | number | null;

/** Rows as CSV: every field quoted, formula-like cells defused (`csvField`). */
function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `${rows.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Rows as an `.xlsx` workbook (write-excel-file, server side only). Text cells are stored as
 * text, never as formulas, so a cell that starts with `=` is not run and needs no prefix.
 */
async function toXlsx(rows: readonly (readonly Cell[])[], sheet: string): Promise<Buffer> {
  return writeXlsxFile(
    rows.map((cells) => cells.map((value) => value)),
    { sheet }
  ).toBuffer();
}

export function ticketsCsv(rows: readonly ReportTicketRow[]): string {
  return toCsv(ticketsRows(rows));
}

function ticketsRows(rows: readonly ReportTicketRow[]): Cell[][] {
  const header = [
    'number',
    'subject',
    'status',
    'priority',
    'channel',
    'assignee',
    'created',
    'solved'
  ];
  const lines: Cell[][] = [header];
  for (const r of rows) {
    lines.push([
      r.number ?? r.ref,
      r.subject,
      r.status,
      r.priority,
      r.channel,
      r.assignee,
      iso(r.createdAt),
      iso(r.solvedAt)
    ]);
  }
  return lines;
}

const hours = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : Math.round((ms / 3_600_000) * 100) / 100;
const percent = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * The report as one table: a section column, then the cards (this period and the one before),
 * the trend and each breakdown, so one file opens in any spreadsheet.
 */
export function reportCsv(view: ReportView): string {
  return toCsv(reportRows(view));
}

function reportRows(view: ReportView): Cell[][] {
  const lines: Cell[][] = [['section', 'key', 'label', 'value', 'previous']];
  const row = (...cells: Cell[]) => lines.push(cells);
  const c = view.current;
  const p = view.before;
  row('card', 'created', 'Created', c.created, p.created);
  row('card', 'solved', 'Solved', c.solved, p.solved);
  row('card', 'backlog', 'Backlog at the end', c.backlog, p.backlog);
  row('card', 'slaAchieved', 'SLA achieved', c.slaAchieved, p.slaAchieved);
  row('card', 'slaBreached', 'SLA breached', c.slaBreached, p.slaBreached);
  row(
    'card',
    'slaAchievedPercent',
    'SLA achieved %',
    percent(c.slaAchievedPercent),
    percent(p.slaAchievedPercent)
  );
  row(
    'card',
    'fcrPercent',
    'First-contact resolution %',
    percent(c.fcrPercent),
    percent(p.fcrPercent)
  );
  row('card', 'reopened', 'Reopened', c.reopened, p.reopened);
  row('card', 'escalated', 'Escalations', c.escalated, p.escalated);
  row(
    'card',
    'firstReplyBusinessHours',
    'First reply, median business hours',
    hours(c.firstReply?.businessMs),
    hours(p.firstReply?.businessMs)
  );
  row(
    'card',
    'resolutionBusinessHours',
    'Resolution, median business hours',
    hours(c.resolution?.businessMs),
    hours(p.resolution?.businessMs)
  );
  row('card', 'csatPercent', 'CSAT %', percent(c.csat.percent), percent(p.csat.percent));
  row(
    'card',
    'csatResponseRate',
    'CSAT response rate %',
    percent(c.csat.responseRate),
    percent(p.csat.responseRate)
  );
  row('card', 'csatSent', 'CSAT surveys sent', c.csat.sent, p.csat.sent);
  row('card', 'csatRated', 'CSAT answers', c.csat.rated, p.csat.rated);
  row('card', 'nps', 'NPS', percent(c.nps.score), percent(p.nps.score));
  row('card', 'npsAnswers', 'NPS answers', c.nps.answers, p.nps.answers);
  for (const point of view.trend) {
    row('trend-created', point.period, point.period, point.created, null);
    row('trend-solved', point.period, point.period, point.solved, null);
    row('trend-sla-breached', point.period, point.period, point.slaBreached, null);
  }
  for (const dimension of REPORT_DIMENSIONS) {
    for (const r of view.breakdowns[dimension]) {
      row(`${dimension}-created`, r.key, r.label, r.created, null);
      row(`${dimension}-solved`, r.key, r.label, r.solved, null);
      row(`${dimension}-sla-breached`, r.key, r.label, r.slaBreached, null);
      row(`${dimension}-backlog`, r.key, r.label, r.backlog, null);
    }
  }
  for (const s of view.shifts) {
    row('shift-created', s.shift, s.shift, s.created, null);
    row('shift-solved', s.shift, s.shift, s.solved, null);
    row('shift-first-replies', s.shift, s.shift, s.firstReplies, null);
    row('shift-handovers', s.shift, s.shift, s.handovers, null);
  }
  return lines;
}
