/**
 * The reporting store: SQL tables of ticket facts and events, fed by the document change stream
 * (`worker.ts`) and rebuildable from the documents (`rebuild` there). Report queries are
 * answered from here, never from the documents.
 *
 * Tables (module `reports`, its own migrations; nothing else reads them):
 *   - `report_tickets`: one row per ticket, the facts `ticketFacts` computes (dimensions,
 *     instants, durations in business and calendar time, counts), and its tags and timeline
 *     (status spans, SLA outcomes, escalations) as JSON, which is what a report reads: one row
 *     per ticket rather than a dozen event rows;
 *   - `report_tags`: one row per ticket and tag (the tag filter and breakdown);
 *   - `report_events`: the ticket's timeline as rows — status spans (`status`, with `until`),
 *     SLA outcomes per target (`sla`, at the target's start), escalations and handovers.
 * A ticket's rows are replaced together in one transaction, so a query sees a ticket either
 * before or after a change, never half of it.
 *
 *   - `report_day` / `report_hour` (and `report_tag_day` / `report_tag_hour`, the same per tag):
 *     per UTC day and per UTC hour, per agent, channel and priority (and tag), the sums of every
 *     counter of the domain's `contributions` (created, solved, SLA outcomes, the backlog's
 *     `openDelta`, surveys sent and answered, …). Kept incrementally: a ticket's replaced facts
 *     take their old contributions out and put the new ones in, in the same transaction; the
 *     rebuild sums a batch in memory first.
 *
 * A report (`report`) is answered from the sums: a period is the whole UTC days inside it from
 * `report_day` and the hours at its edges from `report_hour`, so a year costs a few hundred
 * day rows per agent, channel and priority instead of every ticket; the backlog at an instant
 * is the sum of `openDelta` before it; the medians read two columns of the tickets of the
 * period. This holds in any zone whose period boundaries fall on whole UTC hours (every zone
 * with a whole-hour offset); for a zone with a half-hour offset `report` says `null` and the
 * caller reads the tickets (`tickets`: created before the end and not finally solved before the
 * start — a ticket open at an instant has no final solve before it, and SLA targets and
 * escalations happen before the final solve) and `buildReport` aggregates them, as the
 * drill-downs always do.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { ModuleSchema } from '../db/migrate.ts';
import {
  COUNTERS,
  breakdownRow,
  bucketOf,
  cardsFromCounts,
  contributions,
  periodBounds,
  previousRange,
  sortBreakdown,
  trendPoint,
  zeroCounts,
  type BreakdownRow,
  type Counter,
  type Counts,
  type Report,
  type ReportFilters,
  type ReportQuery,
  type ReportTicket,
  type TicketFacts
} from '../../src/lib/domain/report.ts';
import type { Measure } from '../../src/lib/domain/metrics.ts';
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

/** The sums' tables: `bucket` is the UTC day (or hour) number, `at / 86,400,000` (`/ 3,600,000`). */
export const COUNT_TABLES = [
  'report_day',
  'report_hour',
  'report_tag_day',
  'report_tag_hour'
] as const;
type CountTable = (typeof COUNT_TABLES)[number];

/** Empties the store, which is then rebuilt from the documents at start. */
const EMPTIED = [
  'DELETE FROM report_tickets',
  'DELETE FROM report_tags',
  'DELETE FROM report_events'
];

export const reportsSchema: ModuleSchema = {
  module: 'reports',
  steps: [
    { name: '0001-report-facts', sqlite: tables('INTEGER'), postgres: tables('BIGINT') },
    {
      // The weekly email's bookkeeping (`weekly.ts`): one row per workspace and week sent.
      name: '0002-weekly-sent',
      sqlite: [weeklySent('INTEGER')],
      postgres: [weeklySent('BIGINT')]
    },
    {
      // Each ticket's tags and timeline also as JSON on its row: a report reads one row per
      // ticket instead of a dozen event rows (5× faster at 100,000 tickets). The rows written
      // before have neither, so they go: an empty store is rebuilt from the documents at start.
      name: '0003-ticket-timeline',
      sqlite: timelineColumns(),
      postgres: timelineColumns()
    },
    {
      // The per-day and per-hour sums (#16.4 speed) and the surveys in the timeline: the rows
      // written before have neither, so they go and the store is rebuilt at start.
      name: '0004-counts',
      sqlite: [
        ...countTables('INTEGER', ''),
        'CREATE INDEX report_tickets_first_reply ON report_tickets (workspace_id, first_reply_at)',
        ...EMPTIED
      ],
      postgres: [
        ...countTables('BIGINT', ''),
        'CREATE INDEX report_tickets_first_reply ON report_tickets (workspace_id, first_reply_at)',
        ...EMPTIED
      ]
    },
    {
      // The sums clustered on their key (a range of days is read in place, not looked up row
      // by row: 2–3× faster on SQLite) and the medians' columns in covering indexes (a year of
      // first replies read from the index, not from rows that carry the timeline's JSON).
      name: '0005-clustered-sums',
      sqlite: [
        ...COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'DROP INDEX report_tickets_first_reply',
        ...countTables('INTEGER', ' WITHOUT ROWID'),
        ...medianIndexes(),
        ...EMPTIED
      ],
      postgres: [
        ...COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'DROP INDEX report_tickets_first_reply',
        ...countTables('BIGINT', ''),
        ...medianIndexes(),
        ...EMPTIED
      ]
    }
  ]
};

function medianIndexes(): string[] {
  const rest = 'assignee_id, channel, priority, ticket_id';
  return [
    `CREATE INDEX report_tickets_first_reply ON report_tickets (workspace_id, first_reply_at, first_reply_business_ms, first_reply_calendar_ms, ${rest})`,
    `CREATE INDEX report_tickets_resolution ON report_tickets (workspace_id, solved_at, resolution_business_ms, resolution_calendar_ms, ${rest})`
  ];
}

function countTables(int: string, clustered: string): string[] {
  const counters = COUNTERS.map((c) => `"${c}" ${int} NOT NULL DEFAULT 0`).join(', ');
  const out: string[] = [];
  for (const table of COUNT_TABLES) {
    const tag = table.startsWith('report_tag_') ? 'tag TEXT NOT NULL, ' : '';
    const key = `workspace_id, bucket, ${tag ? 'tag, ' : ''}agent, channel, priority`;
    out.push(
      `CREATE TABLE ${table} (workspace_id TEXT NOT NULL, bucket ${int} NOT NULL, ${tag}agent TEXT NOT NULL, channel TEXT NOT NULL, priority TEXT NOT NULL, ${counters}, PRIMARY KEY (${key}))${clustered}`
    );
  }
  return out;
}

function timelineColumns(): string[] {
  return [
    `ALTER TABLE report_tickets ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]'`,
    `ALTER TABLE report_tickets ADD COLUMN timeline TEXT NOT NULL DEFAULT '{}'`,
    'DELETE FROM report_tickets',
    'DELETE FROM report_tags',
    'DELETE FROM report_events'
  ];
}

/** What `timeline` holds: the parts of the facts a report reads besides the columns. */
interface Timeline {
  spans: ReportTicket['spans'];
  sla: ReportTicket['sla'];
  escalations: ReportTicket['escalations'];
  surveys: ReportTicket['surveys'];
}

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
    tags_json: string;
    timeline: string;
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

const TICKET_COLUMNS = [
  'ticket_id',
  'workspace_id',
  'number',
  'ref',
  'subject',
  'status',
  'priority',
  'channel',
  'assignee_id',
  'requester_id',
  'created_at',
  'updated_at',
  'solved_at',
  'first_reply_at',
  'first_reply_business_ms',
  'first_reply_calendar_ms',
  'resolution_business_ms',
  'resolution_calendar_ms',
  'requester_wait_business_ms',
  'requester_wait_calendar_ms',
  'replies',
  'reopens',
  'fcr',
  'projected_at',
  'tags_json',
  'timeline'
] as const satisfies readonly (keyof TicketRow)[];

export class ReportStore {
  readonly #q: SqliteStatements;
  readonly #k: Kysely<ReportTables>;
  readonly #statements;
  readonly #upserts: Record<CountTable, ReturnType<SqliteStatements['prepare']>>;

  /** Over a database whose report tables are migrated (`reportsSchema`). */
  constructor(database: SqliteDatabase) {
    const q = (this.#q = new SqliteStatements(database.sqlite));
    const k = (this.#k = database.kysely.withTables<ReportTables>());
    const blankTicket = Object.fromEntries(TICKET_COLUMNS.map((c) => [c, null])) as never;
    // Compiled and prepared once; each is run with its values in the order of its placeholders.
    this.#statements = {
      insertTicket: q.prepare<unknown[]>(k.insertInto('report_tickets').values(blankTicket)),
      insertTag: q.prepare<[string, string, string]>(
        k.insertInto('report_tags').values({ ticket_id: '', workspace_id: '', tag: '' })
      ),
      insertEvent: q.prepare<unknown[]>(
        k.insertInto('report_events').values({
          ticket_id: '',
          workspace_id: '',
          kind: 'status',
          at: 0,
          until: null,
          detail: '',
          actor_id: null
        })
      ),
      deleteTicket: q.prepare<[string]>(k.deleteFrom('report_tickets').where('ticket_id', '=', '')),
      deleteTags: q.prepare<[string]>(k.deleteFrom('report_tags').where('ticket_id', '=', '')),
      deleteEvents: q.prepare<[string]>(k.deleteFrom('report_events').where('ticket_id', '=', ''))
    };
    this.#upserts = Object.fromEntries(
      COUNT_TABLES.map((table) => {
        const keys = table.startsWith('report_tag_')
          ? ['workspace_id', 'bucket', 'tag', 'agent', 'channel', 'priority']
          : ['workspace_id', 'bucket', 'agent', 'channel', 'priority'];
        const columns = [...keys, ...COUNTERS.map((c) => `"${c}"`)];
        const text =
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
          `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ` +
          COUNTERS.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ');
        return [table, q.prepare<unknown[]>(CompiledQuery.raw(text))];
      })
    ) as Record<CountTable, ReturnType<SqliteStatements['prepare']>>;
  }

  /** Replaces everything the store holds of the ticket with `facts`. */
  put(facts: TicketFacts, projectedAt: number): void {
    this.#q.transaction(() => {
      const sums = new Sums();
      this.#put(facts, projectedAt, sums);
      this.#flush(sums);
    });
  }

  /** Many tickets in one transaction (the rebuild), their sums added up first. */
  putMany(all: readonly TicketFacts[], projectedAt: number): void {
    this.#q.transaction(() => {
      const sums = new Sums();
      for (const facts of all) this.#put(facts, projectedAt, sums);
      this.#flush(sums);
    });
  }

  /** The ticket as the store holds it (with its workspace), or `null`. */
  #stored(ticketId: string): (ReportTicket & { workspaceId: string }) | null {
    const row = this.#q.first(
      this.#k.selectFrom('report_tickets').selectAll().where('ticket_id', '=', ticketId)
    );
    return row ? { ...fromRow(row), workspaceId: row.workspace_id } : null;
  }

  /** Adds `sums` to the count tables (one upsert per bucket and key). */
  #flush(sums: Sums): void {
    for (const [table, rows] of sums.tables) {
      const upsert = this.#upserts[table];
      for (const row of rows.values()) {
        if (COUNTERS.every((c) => row.counts[c] === 0)) continue;
        upsert.run(...row.key, ...COUNTERS.map((c) => row.counts[c]));
      }
    }
  }

  #put(f: TicketFacts, projectedAt: number, sums: Sums): void {
    const s = this.#statements;
    const old = this.#stored(f.ticketId);
    if (old) sums.add(old.workspaceId, old, -1);
    sums.add(f.workspaceId, f, 1);
    this.#remove(f.ticketId);
    const timeline: Timeline = {
      spans: f.spans,
      sla: f.sla,
      escalations: f.escalations,
      surveys: f.surveys
    };
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
      projected_at: projectedAt,
      tags_json: JSON.stringify(f.tags),
      timeline: JSON.stringify(timeline)
    };
    s.insertTicket.run(...TICKET_COLUMNS.map((c) => row[c]));
    for (const tag of f.tags) s.insertTag.run(f.ticketId, f.workspaceId, tag);
    const event = (
      kind: EventRow['kind'],
      at: number,
      until: number | null,
      detail: string,
      actor: string | null = null
    ) => s.insertEvent.run(f.ticketId, f.workspaceId, kind, at, until, detail, actor);
    for (const span of f.spans) event('status', span.from, span.to, span.status);
    for (const sla of f.sla) event('sla', sla.startedAt, null, `${sla.metric}:${sla.outcome}`);
    for (const e of f.escalations) event('escalation', e.at, null, e.kind);
    for (const h of f.handovers) event('handover', h.at, null, '', h.actorId);
  }

  remove(ticketId: string): void {
    this.#q.transaction(() => {
      const old = this.#stored(ticketId);
      if (!old) return;
      const sums = new Sums();
      sums.add(old.workspaceId, old, -1);
      this.#flush(sums);
      this.#remove(ticketId);
    });
  }

  #remove(ticketId: string): void {
    const s = this.#statements;
    s.deleteTicket.run(ticketId);
    s.deleteTags.run(ticketId);
    s.deleteEvents.run(ticketId);
  }

  /** Everything of a workspace (before its rebuild). */
  clearWorkspace(workspaceId: string): void {
    this.#q.transaction(() => {
      for (const table of ['report_tickets', 'report_tags', 'report_events'] as const)
        this.#q.run(this.#k.deleteFrom(table).where('workspace_id', '=', workspaceId));
      for (const table of COUNT_TABLES)
        this.#q
          .prepare(CompiledQuery.raw(`DELETE FROM ${table} WHERE workspace_id = ?`))
          .run(workspaceId);
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
    // Two reads on the solved index (still open; solved since `from`), each bounded by the
    // creation: one over `created_at` alone would visit every ticket older than `to`.
    const read = (open: boolean) => {
      let query = this.#k
        .selectFrom('report_tickets as t')
        .selectAll('t')
        .where('t.workspace_id', '=', selection.workspaceId)
        // `+` keeps SQLite off the creation index for this term (see above).
        .where(sql<boolean>`+t.created_at < ${selection.to}`);
      query = open
        ? query.where('t.solved_at', 'is', null)
        : query.where('t.solved_at', '>=', selection.from);
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
      return this.#q.all(query).map(fromRow);
    };
    return [...read(true), ...read(false)];
  }

  /**
   * The report of `query` from the sums (see the header), or `null` when a boundary of its
   * periods is not on a whole UTC hour (then the caller reads the tickets).
   */
  report(workspaceId: string, query: ReportQuery): Report | null {
    const range = { from: query.from, to: query.to };
    const previous = previousRange(range);
    const bounds = periodBounds(range, query.unit, query.timeZone);
    const instants = [range.from, range.to, previous.from, ...bounds.map((b) => b.start)];
    if (instants.some((at) => at % HOUR !== 0)) return null;
    const where = new Where(workspaceId, query.filters);
    const DIMS = ['agent', 'channel', 'priority'];

    // The period by agent, channel and priority (its cards and three breakdowns), the period
    // before, and the backlog's `openDelta` up to the end (the backlog now, and — less this
    // period's — at the end of the one before), by the same keys.
    const current = this.#sum(where, split(range.from, range.to), DIMS);
    const before = this.#sum(where, split(previous.from, previous.to), []).get('') ?? zeroCounts();
    const open = this.#sum(where, split(0, range.to), DIMS, ['openDelta']);
    const total = (m: Map<string, Counts>) => {
      const out = zeroCounts();
      for (const counts of m.values()) for (const c of COUNTERS) out[c] += counts[c];
      return out;
    };
    const now = total(current);
    const backlog = total(open).openDelta;

    const byDimension = (index: number, counts: Map<string, Counts>) => {
      const out = new Map<string, Counts>();
      for (const [key, value] of counts) {
        const k = key.split('\u0000')[index] ?? '';
        const into = out.get(k) ?? zeroCounts();
        for (const c of COUNTERS) into[c] += value[c];
        out.set(k, into);
      }
      return out;
    };
    const rowsOf = (counts: Map<string, Counts>, opened: Map<string, Counts>): BreakdownRow[] => {
      const rows: BreakdownRow[] = [];
      for (const key of new Set([...counts.keys(), ...opened.keys()])) {
        const row = breakdownRow(
          key,
          counts.get(key) ?? zeroCounts(),
          opened.get(key)?.openDelta ?? 0
        );
        if (row) rows.push(row);
      }
      return sortBreakdown(rows);
    };
    const dimension = (name: 'agent' | 'channel' | 'priority') =>
      rowsOf(byDimension(DIMS.indexOf(name), current), byDimension(DIMS.indexOf(name), open));
    const tags = rowsOf(
      this.#sum(where, split(range.from, range.to), ['tag']),
      this.#sum(where, split(0, range.to), ['tag'], ['openDelta'])
    );

    // The trend: each period's whole UTC days from the day sums, the rest from the hour sums.
    const effective = bounds.map((b, i) => ({
      label: b.label,
      start: Math.max(b.start, range.from),
      end: Math.min(bounds[i + 1]?.start ?? range.to, range.to)
    }));
    const pieces: Piece[] = [];
    for (const p of effective) if (p.start < p.end) pieces.push(...split(p.start, p.end));
    const sums = effective.map(() => zeroCounts());
    for (const [key, counts] of this.#sum(where, merge(pieces), ['time'])) {
      const at = Number(key);
      if (effective.length === 0 || at < range.from || at >= range.to) continue;
      const into = sums[bucketOf(effective, at)]!;
      for (const c of COUNTERS) into[c] += counts[c];
    }

    return {
      range,
      previous,
      unit: query.unit,
      timeZone: query.timeZone,
      current: cardsFromCounts(now, backlog, this.#medians(where, range)),
      before: cardsFromCounts(before, backlog - now.openDelta, this.#medians(where, previous)),
      trend: effective.map((p, i) => trendPoint(p.label, sums[i]!)),
      breakdowns: {
        agent: dimension('agent'),
        channel: dimension('channel'),
        tag: tags,
        priority: dimension('priority')
      }
    };
  }

  /**
   * Sums of `counters` over `pieces`, by the columns of `group` (`time`: the bucket's instant)
   * joined with NUL ('' with no group). One query per piece: a range of the primary key.
   */
  #sum(
    where: Where,
    pieces: Piece[],
    group: string[],
    counters: readonly Counter[] = COUNTERS
  ): Map<string, Counts> {
    const out = new Map<string, Counts>();
    const tagged = where.tag !== undefined || group.includes('tag');
    for (const piece of pieces) {
      const table = `report_${tagged ? 'tag_' : ''}${piece.size}`;
      const unit = piece.size === 'day' ? DAY : HOUR;
      const keys = group.map((g) => (g === 'time' ? `bucket * ${unit}` : g));
      const text =
        `SELECT ${[...keys, ...counters.map((c) => `SUM("${c}")`)].join(', ')} FROM ${table} ` +
        `WHERE ${where.sql} AND bucket >= ? AND bucket < ?` +
        (keys.length > 0 ? ` GROUP BY ${keys.join(', ')}` : '');
      const rows = this.#q
        .prepare(CompiledQuery.raw(text))
        .raw(true)
        .all(...where.params, piece.from, piece.to) as unknown[][];
      for (const row of rows) {
        const k = row.slice(0, keys.length).map(String).join('\u0000');
        const counts = out.get(k) ?? zeroCounts();
        counters.forEach((c, i) => (counts[c] += Number(row[keys.length + i] ?? 0)));
        out.set(k, counts);
      }
    }
    return out;
  }

  /** The medians of the period: first reply (replied in it) and resolution (solved in it). */
  #medians(
    where: Where,
    r: { from: number; to: number }
  ): { firstReply: Measure | null; resolution: Measure | null } {
    // One column at a time, as plain numbers sorted in a typed array (numeric, no comparator):
    // a year of 100,000 tickets read as rows of two and sorted with a comparator took twice as
    // long.
    const column = (at: string, business: string, value: string): Float64Array => {
      const text =
        `SELECT ${value} FROM report_tickets t WHERE t.workspace_id = ? ` +
        `AND t.${at} >= ? AND t.${at} < ? AND ${business} IS NOT NULL ${where.ticketSql}`;
      const values = this.#q
        .prepare(CompiledQuery.raw(text))
        .pluck(true)
        .all(where.workspaceId, r.from, r.to, ...where.ticketParams) as number[];
      return Float64Array.from(values);
    };
    const read = (at: string, business: string, calendar: string): Measure | null => {
      const businessMs = column(at, business, business);
      if (businessMs.length === 0) return null;
      return { businessMs: middle(businessMs), calendarMs: middle(column(at, business, calendar)) };
    };
    return {
      firstReply: read('first_reply_at', 'first_reply_business_ms', 'first_reply_calendar_ms'),
      resolution: read('solved_at', 'resolution_business_ms', 'resolution_calendar_ms')
    };
  }

  /** Handovers made in `[from, to)` (the events table, queryable in SQL). */
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
    tags: JSON.parse(row.tags_json) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    solvedAt: row.solved_at,
    firstReplyAt: row.first_reply_at,
    firstReply: measure(row.first_reply_business_ms, row.first_reply_calendar_ms),
    resolution: measure(row.resolution_business_ms, row.resolution_calendar_ms),
    replies: row.replies,
    reopens: row.reopens,
    fcr: row.fcr === null ? null : row.fcr === 1,
    ...readTimeline(row.timeline)
  };
}

function readTimeline(text: string): Timeline {
  const t = JSON.parse(text) as Partial<Timeline>;
  return {
    spans: t.spans ?? [],
    sla: t.sla ?? [],
    escalations: t.escalations ?? [],
    surveys: t.surveys ?? []
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Part of a period: whole UTC days `[from, to)` (day numbers) or hours (hour numbers). */
interface Piece {
  size: 'day' | 'hour';
  from: number;
  to: number;
}

/** `[from, to)` (whole hours) as its whole UTC days and the hours at its edges. */
function split(from: number, to: number): Piece[] {
  const h0 = from / HOUR;
  const h1 = to / HOUR;
  const d0 = Math.ceil(from / DAY);
  const d1 = Math.floor(to / DAY);
  if (d0 >= d1) return h0 < h1 ? [{ size: 'hour', from: h0, to: h1 }] : [];
  const out: Piece[] = [{ size: 'day', from: d0, to: d1 }];
  if (h0 < d0 * 24) out.push({ size: 'hour', from: h0, to: d0 * 24 });
  if (d1 * 24 < h1) out.push({ size: 'hour', from: d1 * 24, to: h1 });
  return out;
}

/** Adjacent pieces of the same size joined (fewer ranges in the query). */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of [...pieces].sort((a, b) =>
    a.size === b.size ? a.from - b.from : a.size < b.size ? -1 : 1
  )) {
    const last = out[out.length - 1];
    if (last && last.size === p.size && last.to === p.from) last.to = p.to;
    else out.push({ ...p });
  }
  return out;
}

/** The median; sorts `values` in place. */
function middle(values: Float64Array): number {
  const sorted = values.sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The filters as SQL: over the count tables (`sql`) and over `report_tickets t` (`ticketSql`). */
class Where {
  readonly sql: string;
  readonly params: unknown[];
  readonly ticketSql: string;
  readonly ticketParams: unknown[];
  readonly tag: string | undefined;

  constructor(
    readonly workspaceId: string,
    filters: ReportFilters
  ) {
    const terms = ['workspace_id = ?'];
    const params: unknown[] = [workspaceId];
    const ticketTerms: string[] = [];
    const ticketParams: unknown[] = [];
    const both = (column: string, ticketColumn: string, value: string | undefined) => {
      if (value === undefined) return;
      terms.push(`${column} = ?`);
      params.push(value);
      ticketTerms.push(`AND t.${ticketColumn} = ?`);
      ticketParams.push(value);
    };
    both('agent', 'assignee_id', filters.assigneeId);
    both('channel', 'channel', filters.channel);
    both('priority', 'priority', filters.priority);
    this.tag = filters.tag;
    if (filters.tag !== undefined) {
      terms.push('tag = ?');
      params.push(filters.tag);
      ticketTerms.push(
        'AND EXISTS (SELECT 1 FROM report_tags g WHERE g.ticket_id = t.ticket_id AND g.tag = ?)'
      );
      ticketParams.push(filters.tag);
    }
    this.sql = terms.join(' AND ');
    this.params = params;
    this.ticketSql = ticketTerms.join(' ');
    this.ticketParams = ticketParams;
  }
}

/** Counter sums being added up before they go to the tables (`ReportStore.#flush`). */
class Sums {
  readonly tables = new Map<CountTable, Map<string, { key: unknown[]; counts: Counts }>>();

  /** The ticket's contributions, added (`sign` 1) or taken out (−1). */
  add(workspaceId: string, t: ReportTicket, sign: 1 | -1): void {
    const dims = [t.assigneeId ?? '', t.channel, t.priority];
    for (const c of contributions(t)) {
      const day = Math.floor(c.at / DAY);
      const hour = Math.floor(c.at / HOUR);
      const n = sign * c.n;
      this.#bump('report_day', [workspaceId, day, ...dims], c.counter, n);
      this.#bump('report_hour', [workspaceId, hour, ...dims], c.counter, n);
      for (const tag of t.tags) {
        this.#bump('report_tag_day', [workspaceId, day, tag, ...dims], c.counter, n);
        this.#bump('report_tag_hour', [workspaceId, hour, tag, ...dims], c.counter, n);
      }
    }
  }

  #bump(table: CountTable, key: unknown[], counter: keyof Counts, n: number): void {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    const id = key.join('\u0000');
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { key, counts: zeroCounts() }));
    row.counts[counter] += n;
  }
}
