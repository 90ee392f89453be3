/**
 * The reporting store: SQL tables of ticket facts and events, fed by the document change stream
 * (`worker.ts`) and rebuildable from the documents (`rebuild` there). Report queries are
 * answered from here, never from the documents.
 *
 * Tables (module `reports`, its own migrations; nothing else reads them):
 *   - `report_tickets`: one row per ticket, the facts `ticketFacts` computes (dimensions,
 *     instants, durations in business and calendar time, counts);
 *   - `report_tags`: one row per ticket and tag (the tag filter and breakdown);
 *   - `report_events`: the ticket's timeline as rows — status spans (`status`, with `until`),
 *     SLA outcomes per target (`sla`, at the target's start), escalations and handovers.
 * A ticket's rows are replaced together in one transaction, so a query sees a ticket either
 * before or after a change, never half of it.
 *
 * A query reads the tickets that can count in the period asked and the one before it: created
 * before its end and not finally solved before its start (a ticket open at an instant has no
 * final solve before it, and SLA targets and escalations happen before the final solve), then
 * `buildReport` (the domain) aggregates them.
 */
import { sql, type Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { ModuleSchema } from '../db/migrate.ts';
import type { ReportTicket, TicketFacts } from '../../src/lib/domain/report.ts';
import type { SlaOutcome, StatusSpan } from '../../src/lib/domain/metrics.ts';
import type { SlaMetric } from '../../src/lib/domain/sla.ts';
import type { TicketChannel, TicketPriority, TicketStatus } from '../../src/lib/domain/schema.ts';

function tables(int: string): string[] {
  return [
    `CREATE TABLE report_tickets (
       ticket_id TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       number INTEGER,
       ref TEXT NOT NULL,
       subject TEXT NOT NULL,
       status TEXT NOT NULL,
       priority TEXT NOT NULL,
       channel TEXT NOT NULL,
       assignee_id TEXT,
       requester_id TEXT,
       created_at ${int} NOT NULL,
       updated_at ${int} NOT NULL,
       solved_at ${int},
       first_reply_at ${int},
       first_reply_business_ms ${int},
       first_reply_calendar_ms ${int},
       resolution_business_ms ${int},
       resolution_calendar_ms ${int},
       requester_wait_business_ms ${int},
       requester_wait_calendar_ms ${int},
       replies INTEGER NOT NULL,
       reopens INTEGER NOT NULL,
       fcr INTEGER,
       projected_at ${int} NOT NULL
     )`,
    'CREATE INDEX report_tickets_created ON report_tickets (workspace_id, created_at)',
    'CREATE INDEX report_tickets_solved ON report_tickets (workspace_id, solved_at)',
    `CREATE TABLE report_tags (
       ticket_id TEXT NOT NULL,
       workspace_id TEXT NOT NULL,
       tag TEXT NOT NULL,
       PRIMARY KEY (ticket_id, tag)
     )`,
    'CREATE INDEX report_tags_by_tag ON report_tags (workspace_id, tag)',
    `CREATE TABLE report_events (
       ticket_id TEXT NOT NULL,
       workspace_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       at ${int} NOT NULL,
       until ${int},
       detail TEXT NOT NULL,
       actor_id TEXT
     )`,
    'CREATE INDEX report_events_by_ticket ON report_events (ticket_id)',
    'CREATE INDEX report_events_by_kind ON report_events (workspace_id, kind, at)'
  ];
}

function weeklySent(int: string): string {
  return `CREATE TABLE report_weekly_sent (
     workspace_id TEXT NOT NULL,
     week TEXT NOT NULL,
     sent_at ${int} NOT NULL,
     PRIMARY KEY (workspace_id, week)
   )`;
}

export const reportsSchema: ModuleSchema = {
  module: 'reports',
  steps: [
    { name: '0001-report-facts', sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
    {
      // The weekly email's bookkeeping (`weekly.ts`): one row per workspace and week sent.
      name: '0002-weekly-sent',
      sqlite: [weeklySent('INTEGER')],
      postgres: [weeklySent('BIGINT')]
    }
  ]
};

export type ReportTables = {
  report_tickets: {
    ticket_id: string;
    workspace_id: string;
    number: number | null;
    ref: string;
    subject: string;
    status: string;
    priority: string;
    channel: string;
    assignee_id: string | null;
    requester_id: string | null;
    created_at: number;
    updated_at: number;
    solved_at: number | null;
    first_reply_at: number | null;
    first_reply_business_ms: number | null;
    first_reply_calendar_ms: number | null;
    resolution_business_ms: number | null;
    resolution_calendar_ms: number | null;
    requester_wait_business_ms: number | null;
    requester_wait_calendar_ms: number | null;
    replies: number;
    reopens: number;
    fcr: number | null;
    projected_at: number;
  };
  report_tags: { ticket_id: string; workspace_id: string; tag: string };
  report_events: {
    ticket_id: string;
    workspace_id: string;
    kind: 'status' | 'sla' | 'escalation' | 'handover';
    at: number;
    until: number | null;
    detail: string;
    actor_id: string | null;
  };
};

type TicketRow = ReportTables['report_tickets'];
type EventRow = ReportTables['report_events'];

/** Which tickets a query reads (see the header); the filters narrow it in SQL too. */
export interface StoreSelection {
  workspaceId: string;
  /** Start of the earliest period asked (the previous one's start). */
  from: number;
  to: number;
  assigneeId?: string | undefined;
  tag?: string | undefined;
}

export class ReportStore {
  readonly #q: SqliteStatements;
  readonly #k: Kysely<ReportTables>;

  /** Over a database whose report tables are migrated (`reportsSchema`). */
  constructor(database: SqliteDatabase) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<ReportTables>();
  }

  /** Replaces everything the store holds of the ticket with `facts`. */
  put(facts: TicketFacts, projectedAt: number): void {
    this.#q.transaction(() => this.#put(facts, projectedAt));
  }

  /** Many tickets in one transaction (the rebuild). */
  putMany(all: readonly TicketFacts[], projectedAt: number): void {
    this.#q.transaction(() => {
      for (const facts of all) this.#put(facts, projectedAt);
    });
  }

  #put(f: TicketFacts, projectedAt: number): void {
    this.#remove(f.ticketId);
    const row: TicketRow = {
      ticket_id: f.ticketId,
      workspace_id: f.workspaceId,
      number: f.number,
      ref: f.ref,
      subject: f.subject,
      status: f.status,
      priority: f.priority,
      channel: f.channel,
      assignee_id: f.assigneeId,
      requester_id: f.requesterId,
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      solved_at: f.solvedAt,
      first_reply_at: f.firstReplyAt,
      first_reply_business_ms: f.firstReply?.businessMs ?? null,
      first_reply_calendar_ms: f.firstReply?.calendarMs ?? null,
      resolution_business_ms: f.resolution?.businessMs ?? null,
      resolution_calendar_ms: f.resolution?.calendarMs ?? null,
      requester_wait_business_ms: f.requesterWait?.businessMs ?? null,
      requester_wait_calendar_ms: f.requesterWait?.calendarMs ?? null,
      replies: f.replies,
      reopens: f.reopens,
      fcr: f.fcr === null ? null : f.fcr ? 1 : 0,
      projected_at: projectedAt
    };
    this.#q.run(this.#k.insertInto('report_tickets').values(row));
    for (const tag of f.tags) {
      this.#q.run(
        this.#k
          .insertInto('report_tags')
          .values({ ticket_id: f.ticketId, workspace_id: f.workspaceId, tag })
      );
    }
    const base = { ticket_id: f.ticketId, workspace_id: f.workspaceId, actor_id: null };
    const events: EventRow[] = [
      ...f.spans.map((s) => ({
        ...base,
        kind: 'status' as const,
        at: s.from,
        until: s.to,
        detail: s.status
      })),
      ...f.sla.map((s) => ({
        ...base,
        kind: 'sla' as const,
        at: s.startedAt,
        until: null,
        detail: `${s.metric}:${s.outcome}`
      })),
      ...f.escalations.map((e) => ({
        ...base,
        kind: 'escalation' as const,
        at: e.at,
        until: null,
        detail: e.kind
      })),
      ...f.handovers.map((h) => ({
        ...base,
        kind: 'handover' as const,
        at: h.at,
        until: null,
        detail: '',
        actor_id: h.actorId
      }))
    ];
    const insert = this.#q.prepare<unknown[]>(
      this.#k.insertInto('report_events').values({
        ticket_id: '',
        workspace_id: '',
        kind: 'status',
        at: 0,
        until: null,
        detail: '',
        actor_id: null
      })
    );
    for (const e of events)
      insert.run(e.ticket_id, e.workspace_id, e.kind, e.at, e.until, e.detail, e.actor_id);
  }

  remove(ticketId: string): void {
    this.#q.transaction(() => this.#remove(ticketId));
  }

  #remove(ticketId: string): void {
    this.#q.run(this.#k.deleteFrom('report_tickets').where('ticket_id', '=', ticketId));
    this.#q.run(this.#k.deleteFrom('report_tags').where('ticket_id', '=', ticketId));
    this.#q.run(this.#k.deleteFrom('report_events').where('ticket_id', '=', ticketId));
  }

  /** Everything of a workspace (before its rebuild). */
  clearWorkspace(workspaceId: string): void {
    this.#q.transaction(() => {
      for (const table of ['report_tickets', 'report_tags', 'report_events'] as const)
        this.#q.run(this.#k.deleteFrom(table).where('workspace_id', '=', workspaceId));
    });
  }

  /** How many tickets the store holds for the workspace. */
  count(workspaceId: string): number {
    const row = this.#q.first(
      this.#k
        .selectFrom('report_tickets')
        .select(sql<number>`count(*)`.as('n'))
        .where('workspace_id', '=', workspaceId)
    );
    return row?.n ?? 0;
  }

  /** When the ticket's facts were last projected; `null` when the store does not hold it. */
  projectedAt(ticketId: string): number | null {
    const row = this.#q.first(
      this.#k.selectFrom('report_tickets').select('projected_at').where('ticket_id', '=', ticketId)
    );
    return row?.projected_at ?? null;
  }

  /** The tickets that can count in `[from, to)` (see the header), with their timelines. */
  tickets(selection: StoreSelection): ReportTicket[] {
    let query = this.#k
      .selectFrom('report_tickets as t')
      .selectAll('t')
      .where('t.workspace_id', '=', selection.workspaceId)
      .where('t.created_at', '<', selection.to)
      .where((eb) =>
        eb.or([eb('t.solved_at', 'is', null), eb('t.solved_at', '>=', selection.from)])
      );
    if (selection.assigneeId !== undefined)
      query = query.where('t.assignee_id', '=', selection.assigneeId);
    if (selection.tag !== undefined) {
      const tag = selection.tag;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('report_tags as g')
            .select('g.tag')
            .whereRef('g.ticket_id', '=', 't.ticket_id')
            .where('g.tag', '=', tag)
        )
      );
    }
    const rows = this.#q.all(query);
    const out = new Map<string, ReportTicket>();
    for (const row of rows) out.set(row.ticket_id, fromRow(row));
    if (out.size === 0) return [];
    const ids = [...out.keys()];
    // The tags and timelines of those tickets, in chunks (SQLite caps bound parameters).
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const tag of this.#q.all(
        this.#k
          .selectFrom('report_tags')
          .select(['ticket_id', 'tag'])
          .where('ticket_id', 'in', chunk)
      ))
        out.get(tag.ticket_id)!.tags.push(tag.tag);
      for (const event of this.#q.all(
        this.#k
          .selectFrom('report_events')
          .select(['ticket_id', 'kind', 'at', 'until', 'detail'])
          .where('ticket_id', 'in', chunk)
          .where('kind', '!=', 'handover')
          .orderBy('ticket_id')
          .orderBy('at')
      )) {
        const ticket = out.get(event.ticket_id)!;
        if (event.kind === 'status')
          ticket.spans.push({
            status: event.detail as TicketStatus,
            from: event.at,
            to: event.until
          } satisfies StatusSpan);
        else if (event.kind === 'sla') {
          const [metric, outcome] = event.detail.split(':') as [SlaMetric, SlaOutcome];
          ticket.sla.push({ metric, outcome, startedAt: event.at });
        } else if (event.kind === 'escalation')
          ticket.escalations.push({
            kind: event.detail as 'sla-breach' | 'priority-raised',
            at: event.at
          });
      }
    }
    for (const ticket of out.values()) ticket.tags.sort();
    return [...out.values()];
  }

  /** Handovers made in `[from, to)`, per actor (the weekly email's "handovers" line). */
  handovers(workspaceId: string, from: number, to: number): number {
    const row = this.#q.first(
      this.#k
        .selectFrom('report_events')
        .select(sql<number>`count(*)`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', 'handover')
        .where('at', '>=', from)
        .where('at', '<', to)
    );
    return row?.n ?? 0;
  }
}

function fromRow(row: TicketRow): ReportTicket {
  const measure = (business: number | null, calendar: number | null) =>
    business === null || calendar === null ? null : { businessMs: business, calendarMs: calendar };
  return {
    ticketId: row.ticket_id,
    number: row.number,
    ref: row.ref,
    subject: row.subject,
    status: row.status as TicketStatus,
    priority: row.priority as TicketPriority,
    channel: row.channel as TicketChannel,
    assigneeId: row.assignee_id,
    requesterId: row.requester_id,
    tags: [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    solvedAt: row.solved_at,
    firstReplyAt: row.first_reply_at,
    firstReply: measure(row.first_reply_business_ms, row.first_reply_calendar_ms),
    resolution: measure(row.resolution_business_ms, row.resolution_calendar_ms),
    replies: row.replies,
    reopens: row.reopens,
    fcr: row.fcr === null ? null : row.fcr === 1,
    spans: [],
    sla: [],
    escalations: []
  };
}
