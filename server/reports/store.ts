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
 *     SLA outcomes per target (`sla`, at the target's start), escalations, handovers and
 *     surveys (`survey`, when sent).
 * A ticket's rows are replaced together in one transaction, so a query sees a ticket either
 * before or after a change, never half of it.
 *
 *   - the sums, `report_<family>_<level>`: per UTC month, day and hour (`LEVELS`), the sums of
 *     every counter of the domain's `contributions` (created, solved, SLA outcomes, the
 *     backlog's `openDelta`, surveys sent and answered, first replies, handovers, …), in five
 *     families (`FAMILIES`): the whole workspace, by agent/channel/priority, the same per tag,
 *     the same per requester and organisation, and per requester and organisation alone; and
 *     the shifts' clock sums (`report_<family>_clock`: per UTC month and hour of the day).
 *     Kept incrementally: a ticket's replaced facts take their old contributions out and put
 *     the new ones in, in the same transaction; the rebuild sums a batch in memory first.
 *
 * A report (`report`) is answered from the sums: a period is the whole UTC months inside it,
 * the whole days at its edges and the hours at theirs, from the smallest family that has the
 * columns asked (a report without filters reads the workspace's own sums: a year is about a
 * dozen month rows), so a year costs a few hundred rows instead of every ticket; under an agent
 * filter a short range is read bucket by bucket, the agent sought in each. The shift breakdown
 * reads each whole month whose zone offset stays the same from its clock sums (an hour of the
 * day is in one shift all month), the rest hour by hour. The backlog at the end is read from
 * the tickets open then (no final solve before it: a few hundred), which also gives every
 * breakdown's backlog. The medians count the period's values on the instant's index and, past
 * a few thousand, find the middle one by walking the value's own index in SQLite (the tags in
 * those indexes, so a tag filter is checked there). All of that holds
 * in any zone whose period and shift boundaries fall on whole UTC hours (every zone with a
 * whole-hour offset); for a zone with a half-hour offset `report` says `null` and the caller
 * reads the tickets (`tickets`: created before the end and not finally solved before the
 * start — a ticket open at an instant has no final solve before it, and SLA targets and
 * escalations happen before the final solve — and those solved earlier whose survey was sent
 * in the period) and `buildReport` aggregates them, as the drill-downs always do.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { ModuleSchema } from '../db/migrate.ts';
import {
  BREAKDOWN_COUNTERS,
  COUNTERS,
  SHIFT_COUNTERS,
  TREND_COUNTERS,
  breakdownRow,
  bucketOf,
  cardsFromCounts,
  contributions,
  keysOf,
  periodBounds,
  previousRange,
  shiftBounds,
  shiftRows,
  sortBreakdown,
  topCustomers,
  trendPoint,
  zeroCounts,
  type BreakdownRow,
  type ReportDimension,
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
import { OPEN_STATUSES } from '../../src/lib/domain/ticket-status.ts';
import { temporal } from '../../src/lib/domain/temporal.ts';

/** What a breakdown's backlog reads of an open ticket: its keys. */
type OpenTicket = Pick<
  ReportTicket,
  'assigneeId' | 'channel' | 'priority' | 'organisation' | 'requesterId' | 'tags'
>;

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

/** The sums' tables before `0006-breakdowns` (per day and hour, by agent, channel, priority, tag). */
const OLD_COUNT_TABLES = ['report_day', 'report_hour', 'report_tag_day', 'report_tag_hour'];

/**
 * The sums' families, each at three levels. `bucket` is the UTC month number (months since
 * January 1970), day number (`at / 86,400,000`) or hour number (`at / 3,600,000`).
 *   - `total`: the whole workspace (a report without filters reads these: a year is 365 days);
 *   - `base`: by agent, channel and priority (their breakdowns, and those filters);
 *   - `tag`: the same per tag;
 *   - `party`: the same per requester and their organisation (those breakdowns when an agent,
 *     channel or priority filter is set), once for every ticket (`tag` '') and once per tag;
 *   - `customer`: per requester and organisation alone, likewise per tag-or-all (those
 *     breakdowns without such a filter: a year is a dozen rows per active customer instead of
 *     about one per ticket).
 * A family with `tag` is keyed by it before the bucket (`keyOrder`), so the tag filter and the
 * every-ticket rows (`tag` '') are one range of the key, not every tag's rows of the period.
 */
const FAMILIES = {
  total: [],
  base: ['agent', 'channel', 'priority'],
  tag: ['tag', 'agent', 'channel', 'priority'],
  // `tag` '' is every ticket; a tag's rows are its tickets' (the tag filter on these breakdowns).
  party: ['tag', 'agent', 'channel', 'priority', 'organisation', 'customer'],
  customer: ['tag', 'organisation', 'customer']
} as const satisfies Record<string, readonly string[]>;
type Family = keyof typeof FAMILIES;
const LEVELS = ['month', 'day', 'hour'] as const;
type Level = (typeof LEVELS)[number];
/**
 * The shifts' sums (`report_<family>_clock`, the families a shift breakdown reads): per UTC
 * month and UTC hour of the day (`bucket` month × 24 + hour), the shift counters only. In a
 * month whose zone offset does not change, an hour of the day is in the same shift every day,
 * so a year of shifts is a few hundred rows, not 8,760 hours of every agent, channel and tag.
 */
const CLOCK_FAMILIES = ['total', 'base', 'tag'] as const;
type ClockFamily = (typeof CLOCK_FAMILIES)[number];
type CountTable = `report_${Family}_${Level}` | `report_${ClockFamily}_clock`;

/** The families as `0006-breakdowns` made them (bucket first), before `0007-tag-first`. */
const FAMILIES_0006: Partial<Record<Family, readonly string[]>> = {
  total: [],
  base: ['agent', 'channel', 'priority'],
  tag: ['tag', 'agent', 'channel', 'priority'],
  party: ['tag', 'organisation', 'customer', 'agent', 'channel', 'priority']
};

export const COUNT_TABLES: CountTable[] = [
  ...(Object.keys(FAMILIES) as Family[]).flatMap((family) =>
    LEVELS.map((level) => `report_${family}_${level}` as CountTable)
  ),
  ...CLOCK_FAMILIES.map((family) => `report_${family}_clock` as CountTable)
];

/** The counters a count table has. */
function countersOf(table: CountTable): readonly Counter[] {
  return table.endsWith('_clock') ? SHIFT_COUNTERS : COUNTERS;
}

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
      // The sums clustered on their key (superseded by 0006) (a range of days is read in place, not looked up row
      // by row: 2–3× faster on SQLite) and the medians' columns in covering indexes (a year of
      // first replies read from the index, not from rows that carry the timeline's JSON).
      name: '0005-clustered-sums',
      sqlite: [
        ...OLD_COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'DROP INDEX report_tickets_first_reply',
        ...countTables('INTEGER', ' WITHOUT ROWID'),
        ...medianIndexes(),
        ...EMPTIED
      ],
      postgres: [
        ...OLD_COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'DROP INDEX report_tickets_first_reply',
        ...countTables('BIGINT', ''),
        ...medianIndexes(),
        ...EMPTIED
      ]
    },
    {
      // #16.4 breakdowns by organisation, customer and shift, and the 12-month budget: the
      // sums in four families at three levels (a year is a dozen month rows, not 365 days of
      // every agent, channel and priority), two more counters (first replies, handovers), the
      // requester's organisation on the ticket's row, and the medians' columns in value order
      // (a median is found by walking an index, not by reading and sorting a year of values).
      name: '0006-breakdowns',
      sqlite: [
        ...OLD_COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'ALTER TABLE report_tickets ADD COLUMN organisation TEXT',
        ...familyTables0006('INTEGER', ' WITHOUT ROWID'),
        ...orderIndexes(),
        ...EMPTIED
      ],
      postgres: [
        ...OLD_COUNT_TABLES.map((table) => `DROP TABLE ${table}`),
        'ALTER TABLE report_tickets ADD COLUMN organisation TEXT',
        ...familyTables0006('BIGINT', ''),
        ...orderIndexes(),
        ...EMPTIED
      ]
    },
    {
      // #16 speed: a year of the organisation and customer breakdowns read from per-customer
      // sums (not one row per ticket), the tag's sums one range of their key, and the medians'
      // tag filter checked in their indexes.
      name: '0007-tag-first',
      sqlite: tagFirst('INTEGER', ' WITHOUT ROWID'),
      postgres: tagFirst('BIGINT', '')
    }
  ]
};

/** Each median's value column first, so the k-th value of a period is a walk of the index. */
function orderIndexes(tags = ''): string[] {
  const rest = `assignee_id, channel, priority${tags}`;
  const index = (name: string, value: string, at: string, business: string) =>
    `CREATE INDEX report_tickets_${name}_order ON report_tickets (workspace_id, ${value}, ${at}, ${business}, ${rest})`;
  return [
    index('frb', 'first_reply_business_ms', 'first_reply_at', 'first_reply_business_ms'),
    index('frc', 'first_reply_calendar_ms', 'first_reply_at', 'first_reply_business_ms'),
    index('rsb', 'resolution_business_ms', 'solved_at', 'resolution_business_ms'),
    index('rsc', 'resolution_calendar_ms', 'solved_at', 'resolution_business_ms')
  ];
}

/** The columns a family's rows are keyed by, besides the workspace and the bucket. */
function familyKeys(family: Family): string[] {
  return [...FAMILIES[family]];
}

/** A family's primary key: the workspace, its tag (if keyed by one), the bucket, the rest. */
function keyOrder(family: Family): string[] {
  const keys = familyKeys(family);
  return keys[0] === 'tag'
    ? ['workspace_id', 'tag', 'bucket', ...keys.slice(1)]
    : ['workspace_id', 'bucket', ...keys];
}

function familyTables(
  int: string,
  clustered: string,
  families: readonly Family[],
  key: (family: Family) => string[],
  columnsOf: (family: Family) => readonly string[] = familyKeys,
  counters: readonly Counter[] = COUNTERS,
  levels: readonly string[] = LEVELS
): string[] {
  const columns = counters.map((c) => `"${c}" ${int} NOT NULL DEFAULT 0`).join(', ');
  const out: string[] = [];
  for (const family of families) {
    const keys = columnsOf(family)
      .map((k) => `${k} TEXT NOT NULL, `)
      .join('');
    for (const level of levels) {
      out.push(
        `CREATE TABLE report_${family}_${level} (workspace_id TEXT NOT NULL, bucket ${int} NOT NULL, ${keys}${columns}, PRIMARY KEY (${key(family).join(', ')}))${clustered}`
      );
    }
  }
  return out;
}

/** `0006-breakdowns`' tables, as it made them (bucket first in every key). */
function familyTables0006(int: string, clustered: string): string[] {
  const columns = (family: Family) => FAMILIES_0006[family]!;
  return familyTables(
    int,
    clustered,
    Object.keys(FAMILIES_0006) as Family[],
    (family) => ['workspace_id', 'bucket', ...columns(family)],
    columns
  );
}

/**
 * `0007-tag-first`: the families with a tag keyed by it before the bucket, and the `customer`
 * family; the medians' indexes carry the tags (`tags_json`), so the tag filter is checked in
 * the index while a median walks it (the exact check, `report_tags`, only for those that pass).
 */
function tagFirst(int: string, clustered: string): string[] {
  const rebuilt: Family[] = ['tag', 'party'];
  return [
    ...rebuilt.flatMap((family) => LEVELS.map((level) => `DROP TABLE report_${family}_${level}`)),
    ...familyTables(int, clustered, [...rebuilt, 'customer'], keyOrder),
    ...familyTables(int, clustered, CLOCK_FAMILIES, keyOrder, familyKeys, SHIFT_COUNTERS, [
      'clock'
    ]),
    ...(['frb', 'frc', 'rsb', 'rsc'] as const).map(
      (name) => `DROP INDEX report_tickets_${name}_order`
    ),
    'DROP INDEX report_tickets_first_reply',
    'DROP INDEX report_tickets_resolution',
    ...orderIndexes(', tags_json, ticket_id'),
    ...medianIndexes(', tags_json'),
    // The other sums go with the rows: an empty store is rebuilt from the documents at start.
    ...(['total', 'base'] as const).flatMap((family) =>
      LEVELS.map((level) => `DELETE FROM report_${family}_${level}`)
    ),
    ...EMPTIED
  ];
}

function medianIndexes(tags = ''): string[] {
  const rest = `assignee_id, channel, priority, ticket_id${tags}`;
  return [
    `CREATE INDEX report_tickets_first_reply ON report_tickets (workspace_id, first_reply_at, first_reply_business_ms, first_reply_calendar_ms, ${rest})`,
    `CREATE INDEX report_tickets_resolution ON report_tickets (workspace_id, solved_at, resolution_business_ms, resolution_calendar_ms, ${rest})`
  ];
}

/** The count tables as `0004`/`0005` made them (their counters then). */
function countTables(int: string, clustered: string): string[] {
  const counters = COUNTERS.slice(0, COUNTERS.indexOf('npsDetractors') + 1)
    .map((c) => `"${c}" ${int} NOT NULL DEFAULT 0`)
    .join(', ');
  const out: string[] = [];
  for (const table of OLD_COUNT_TABLES) {
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
  handovers: ReportTicket['handovers'];
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
    organisation: string | null;
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
    kind: 'status' | 'sla' | 'escalation' | 'handover' | 'survey';
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
  'organisation',
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
        const family = table.split('_')[1] as Family;
        const keys = keyOrder(family);
        const counters = countersOf(table);
        const columns = [...keys, ...counters.map((c) => `"${c}"`)];
        const text =
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
          `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ` +
          counters.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ');
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
      const counters = countersOf(table);
      for (const row of rows.values()) {
        if (counters.every((c) => row.counts[c] === 0)) continue;
        upsert.run(...row.key, ...counters.map((c) => row.counts[c]));
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
      surveys: f.surveys,
      handovers: f.handovers
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
      organisation: f.organisation,
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
    for (const survey of f.surveys) event('survey', survey.sentAt, null, survey.kind);
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
    // creation: one over `created_at` alone would visit every ticket older than `to`. A third
    // for the tickets solved before `from` whose survey was sent in the period (a survey goes
    // out after the solve, and counts when it was sent).
    const read = (which: 'open' | 'solved' | 'surveyed') => {
      let query = this.#k
        .selectFrom('report_tickets as t')
        .selectAll('t')
        .where('t.workspace_id', '=', selection.workspaceId)
        // `+` keeps SQLite off the creation index for this term (see above).
        .where(sql<boolean>`+t.created_at < ${selection.to}`);
      if (which === 'open') query = query.where('t.solved_at', 'is', null);
      else if (which === 'solved') query = query.where('t.solved_at', '>=', selection.from);
      else
        query = query
          .where('t.solved_at', '<', selection.from)
          .where('t.ticket_id', 'in', (eb) =>
            eb
              .selectFrom('report_events as e')
              .select('e.ticket_id')
              .where('e.workspace_id', '=', selection.workspaceId)
              .where('e.kind', '=', 'survey')
              .where('e.at', '>=', selection.from)
              .where('e.at', '<', selection.to)
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
      return this.#q.all(query).map(fromRow);
    };
    return [
      ...read('open'),
      ...read('solved'),
      ...(selection.from < selection.to ? read('surveyed') : [])
    ];
  }

  /**
   * The report of `query` from the sums (see the header), or `null` when a boundary of its
   * periods or shifts is not on a whole UTC hour (then the caller reads the tickets).
   */
  report(workspaceId: string, query: ReportQuery): Report | null {
    const range = { from: query.from, to: query.to };
    const previous = previousRange(range);
    const bounds = periodBounds(range, query.unit, query.timeZone);
    const shifts = shiftBounds(range, query.timeZone);
    const instants = [
      range.from,
      range.to,
      previous.from,
      ...bounds.map((b) => b.start),
      ...shifts.map((s) => s.start)
    ];
    if (instants.some((at) => at % HOUR !== 0)) return null;
    const where = new Where(workspaceId, query.filters);
    const DIMS = ['agent', 'channel', 'priority'];
    const period = split(range.from, range.to);

    // The period by agent, channel and priority (its cards and three breakdowns) and the
    // period before. The backlog at the end is read from the tickets open then (a few hundred,
    // not every `openDelta` since the start), by every key; the one before is it less this
    // period's `openDelta`.
    const current = this.#sum(where, period, DIMS);
    const before = this.#sum(where, split(previous.from, previous.to), []).get('') ?? zeroCounts();
    const now = zeroCounts();
    for (const counts of current.values()) for (const c of COUNTERS) now[c] += counts[c];
    const open = this.#openAt(where, range.to);
    const backlog = open.length;

    const byKey = (index: number, counts: Map<string, Counts>) => {
      const out = new Map<string, Counts>();
      for (const [key, value] of counts) {
        const k = key.split('\u0000')[index] ?? '';
        const into = out.get(k) ?? zeroCounts();
        for (const c of COUNTERS) into[c] += value[c];
        out.set(k, into);
      }
      return out;
    };
    const rowsOf = (dimension: ReportDimension, counts: Map<string, Counts>): BreakdownRow[] => {
      const opened = new Map<string, number>();
      for (const t of open)
        for (const key of keysOf(t, dimension)) opened.set(key, (opened.get(key) ?? 0) + 1);
      const rows: BreakdownRow[] = [];
      for (const key of new Set([...counts.keys(), ...opened.keys()])) {
        const row = breakdownRow(key, counts.get(key) ?? zeroCounts(), opened.get(key) ?? 0);
        if (row) rows.push(row);
      }
      return sortBreakdown(rows);
    };
    const dimension = (name: 'agent' | 'channel' | 'priority') =>
      rowsOf(name, byKey(DIMS.indexOf(name), current));
    // Filtered by a tag, the tag breakdown is that tag's row (not the tags beside it).
    const tags = rowsOf('tag', this.#sum(where, period, ['tag'], BREAKDOWN_COUNTERS)).filter(
      (row) => where.tag === undefined || row.key === where.tag
    );

    const party = this.#sum(where, period, ['organisation', 'customer'], BREAKDOWN_COUNTERS);
    const organisations = rowsOf('organisation', byKey(0, party));
    const customers = rowsOf('customer', byKey(1, party));

    // The trend: each period's whole UTC months and days from their sums, the rest from the
    // hour sums.
    const effective = bounds.map((b, i) => ({
      label: b.label,
      start: Math.max(b.start, range.from),
      end: Math.min(bounds[i + 1]?.start ?? range.to, range.to)
    }));
    const pieces: Piece[] = [];
    for (const p of effective) if (p.start < p.end) pieces.push(...split(p.start, p.end));
    const sums = effective.map(() => zeroCounts());
    for (const [key, counts] of this.#sum(where, merge(pieces), ['time'], TREND_COUNTERS)) {
      const at = Number(key);
      if (effective.length === 0 || at < range.from || at >= range.to) continue;
      const into = sums[bucketOf(effective, at)]!;
      for (const c of COUNTERS) into[c] += counts[c];
    }

    // Shifts: the months whose offset stays the same by their hour of the day, the rest hour by
    // hour (every shift starts on a whole hour here).
    const hourly = this.#sum(
      where,
      shiftPieces(range.from, range.to, query.timeZone),
      ['time'],
      SHIFT_COUNTERS
    );

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
        priority: dimension('priority'),
        organisation: organisations,
        customer: topCustomers(customers)
      },
      shifts: shiftRows(
        shifts,
        [...hourly].map(([key, counts]) => [Number(key), counts] as [number, Counts])
      )
    };
  }

  /**
   * The keys of the tickets open (new, open, pending, on-hold) just before `instant`, filtered.
   * Open then means no final solve before it (still open, or finally solved since) and a
   * status span open then (`report_events`: the spans are contiguous, so the one that holds
   * `instant` is the last to start before it, which is what `openAt` reads). Only the keys are
   * read, not the timeline.
   */
  #openAt(where: Where, instant: number): OpenTicket[] {
    const read = (solved: string) => {
      const text =
        `SELECT t.assignee_id, t.channel, t.priority, t.organisation, t.requester_id, t.tags_json ` +
        `FROM report_tickets t WHERE t.workspace_id = ? AND +t.created_at < ? AND ${solved} ` +
        `${where.ticketSql} AND EXISTS (SELECT 1 FROM report_events e WHERE e.ticket_id = t.ticket_id ` +
        `AND e.kind = 'status' AND e.at < ? AND (e.until IS NULL OR e.until >= ?) ` +
        `AND e.detail IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}))`;
      const rows = this.#q
        .prepare(CompiledQuery.raw(text))
        .raw(true)
        .all(
          where.workspaceId,
          instant,
          ...(solved.includes('?') ? [instant] : []),
          ...where.ticketParams,
          instant,
          instant
        ) as [string | null, TicketChannel, TicketPriority, string | null, string | null, string][];
      return rows.map(([assigneeId, channel, priority, organisation, requesterId, tags]) => ({
        assigneeId,
        channel,
        priority,
        organisation,
        requesterId,
        tags: JSON.parse(tags) as string[]
      }));
    };
    return [...read('t.solved_at IS NULL'), ...read('t.solved_at >= ?')];
  }

  /**
   * Sums of `counters` over `pieces`, by the columns of `group` (`time`: the bucket's instant)
   * joined with NUL ('' with no group). One query per piece: a range of the primary key, in
   * the smallest family that has the group's columns and the filters'.
   */
  #sum(
    where: Where,
    pieces: Piece[],
    group: string[],
    counters: readonly Counter[] = COUNTERS
  ): Map<string, Counts> {
    const out = new Map<string, Counts>();
    const party = group.includes('organisation') || group.includes('customer');
    const family: Family = party
      ? where.dims
        ? 'party'
        : 'customer'
      : where.tag !== undefined || group.includes('tag')
        ? 'tag'
        : where.filtered || group.some((g) => g !== 'time')
          ? 'base'
          : 'total';
    let filter =
      family === 'total'
        ? where.workspaceOnly
        : party && where.tag === undefined
          ? { sql: `${where.sql} AND tag = ''`, params: where.params }
          : where;
    if (family === 'tag' && where.tag === undefined) {
      // Every tag's rows: one range of the key per tag (the key starts with the tag).
      const tags = this.#tagsOf(where.workspaceId);
      if (tags.length === 0) return out;
      filter = {
        sql: `${where.sql} AND tag IN (${tags.map(() => '?').join(', ')})`,
        params: [...where.params, ...tags]
      };
    }
    for (const piece of pieces) {
      if (piece.size === 'clock' && !(CLOCK_FAMILIES as readonly Family[]).includes(family))
        throw new Error(`No clock sums for the ${family} family`);
      const table = `report_${family}_${piece.size}`;
      const time =
        piece.size === 'month'
          ? MONTH_START_SQL
          : piece.size === 'clock'
            ? CLOCK_START_SQL
            : `bucket * ${piece.size === 'day' ? DAY : HOUR}`;
      const keys = group.map((g) => (g === 'time' ? time : g));
      // With an agent filter, a short range names its buckets: the agent (next in the key)
      // is then sought in each, instead of every agent's rows of the range being read.
      const buckets =
        where.agent && piece.to - piece.from <= SEEK_BUCKETS
          ? Array.from({ length: piece.to - piece.from }, (_, i) => piece.from + i)
          : null;
      const text =
        `SELECT ${[...keys, ...counters.map((c) => `SUM("${c}")`)].join(', ')} FROM ${table} ` +
        `WHERE ${filter.sql} AND ` +
        (buckets
          ? `bucket IN (${buckets.map(() => '?').join(', ')})`
          : 'bucket >= ? AND bucket < ?') +
        (keys.length > 0 ? ` GROUP BY ${keys.join(', ')}` : '');
      const rows = this.#q
        .prepare(CompiledQuery.raw(text))
        .raw(true)
        .all(...filter.params, ...(buckets ?? [piece.from, piece.to])) as unknown[][];
      for (const row of rows) {
        const k = row.slice(0, keys.length).map(String).join('\u0000');
        const counts = out.get(k) ?? zeroCounts();
        counters.forEach((c, i) => (counts[c] += Number(row[keys.length + i] ?? 0)));
        out.set(k, counts);
      }
    }
    return out;
  }

  /** Every tag the workspace's sums have a row for (a tag's first contribution makes one). */
  #tagsOf(workspaceId: string): string[] {
    return this.#q
      .prepare(
        CompiledQuery.raw('SELECT DISTINCT tag FROM report_tag_month WHERE workspace_id = ?')
      )
      .pluck(true)
      .all(workspaceId) as string[];
  }

  /** The medians of the period: first reply (replied in it) and resolution (solved in it). */
  #medians(
    where: Where,
    r: { from: number; to: number }
  ): { firstReply: Measure | null; resolution: Measure | null } {
    const read = (at: string, business: string, calendar: string): Measure | null => {
      const n = this.#count(where, r, at, business);
      if (n === 0) return null;
      return {
        businessMs: this.#median(where, r, at, business, business, n),
        calendarMs: this.#median(where, r, at, business, calendar, n)
      };
    };
    return {
      firstReply: read('first_reply_at', 'first_reply_business_ms', 'first_reply_calendar_ms'),
      resolution: read('solved_at', 'resolution_business_ms', 'resolution_calendar_ms')
    };
  }

  /** How many tickets of the period have the measure (its instant in the period). */
  #count(where: Where, r: { from: number; to: number }, at: string, business: string): number {
    const text =
      `SELECT count(*) FROM report_tickets t WHERE t.workspace_id = ? ` +
      `AND t.${at} >= ? AND t.${at} < ? AND ${business} IS NOT NULL ${where.ticketSql}`;
    return Number(
      this.#q
        .prepare(CompiledQuery.raw(text))
        .pluck(true)
        .get(where.workspaceId, r.from, r.to, ...where.ticketParams) ?? 0
    );
  }

  /**
   * The median of `value` over the `n` tickets of the period. A few thousand values are read
   * and sorted (numbers in a typed array); more are found in SQLite by walking the value's
   * index in order and skipping to the middle (`report_tickets_*_order`): no year of values
   * crosses into JavaScript, and nothing is sorted.
   */
  #median(
    where: Where,
    r: { from: number; to: number },
    at: string,
    business: string,
    value: string,
    n: number
  ): number {
    const inPeriod =
      `t.workspace_id = ? AND ${value} IS NOT NULL AND ${business} IS NOT NULL ` +
      `AND t.${at} >= ? AND t.${at} < ? ${where.ticketSql}`;
    const params = [where.workspaceId, r.from, r.to, ...where.ticketParams];
    if (n <= READ_AND_SORT) {
      const values = this.#q
        .prepare(CompiledQuery.raw(`SELECT ${value} FROM report_tickets t WHERE ${inPeriod}`))
        .pluck(true)
        .all(...params) as number[];
      return middle(Float64Array.from(values));
    }
    const index = ORDER_INDEX[value]!;
    const text =
      `SELECT ${value} FROM report_tickets t INDEXED BY ${index} WHERE ${inPeriod} ` +
      `ORDER BY ${value} LIMIT ? OFFSET ?`;
    const two = this.#q
      .prepare(CompiledQuery.raw(text))
      .pluck(true)
      .all(...params, n % 2 ? 1 : 2, (n - 1) >> 1) as number[];
    return n % 2 ? two[0]! : (two[0]! + two[1]!) / 2;
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
    organisation: row.organisation,
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
    surveys: t.surveys ?? [],
    handovers: t.handovers ?? []
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A piece of at most this many buckets is read bucket by bucket under an agent filter. */
const SEEK_BUCKETS = 400;

/** Up to this many values a median reads and sorts; more, it walks the value's index. */
const READ_AND_SORT = 4_000;
const ORDER_INDEX: Record<string, string> = {
  first_reply_business_ms: 'report_tickets_frb_order',
  first_reply_calendar_ms: 'report_tickets_frc_order',
  resolution_business_ms: 'report_tickets_rsb_order',
  resolution_calendar_ms: 'report_tickets_rsc_order'
};

/** UTC month number (months since January 1970) of a day number, and a month's first day. */
function monthOfDay(day: number): number {
  const date = new Date(day * DAY);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}
function monthStartDay(month: number): number {
  return Date.UTC(1970 + Math.floor(month / 12), month % 12, 1) / DAY;
}
/** A month bucket's first instant, in SQL (SQLite's date functions: `bucket` months after 1970). */
const MONTH_START_SQL = `(unixepoch('1970-01-01', '+' || bucket || ' months') * 1000)`;
/**
 * A clock bucket's hour on the month's first day, in SQL: every day's same hour of that month is
 * in the same shift (`shiftPieces` reads only months whose offset does not change).
 */
const CLOCK_START_SQL = `((unixepoch('1970-01-01', '+' || (bucket / 24) || ' months') + (bucket % 24) * 3600) * 1000)`;

/**
 * Part of a period: whole UTC months, days or hours `[from, to)` (their numbers), or a month's
 * hours of the day (`clock`: month × 24 + hour, the shifts' sums).
 */
interface Piece {
  size: Level | 'clock';
  from: number;
  to: number;
}

/** `[from, to)` (whole hours) as its whole UTC months, the days and the hours at its edges. */
function split(from: number, to: number): Piece[] {
  const h0 = from / HOUR;
  const h1 = to / HOUR;
  const d0 = Math.ceil(from / DAY);
  const d1 = Math.floor(to / DAY);
  if (d0 >= d1) return h0 < h1 ? [{ size: 'hour', from: h0, to: h1 }] : [];
  const out: Piece[] = [];
  let m0 = monthOfDay(d0);
  if (monthStartDay(m0) < d0) m0++;
  const m1 = monthOfDay(d1);
  if (m0 < m1) {
    out.push({ size: 'month', from: m0, to: m1 });
    if (d0 < monthStartDay(m0)) out.push({ size: 'day', from: d0, to: monthStartDay(m0) });
    if (monthStartDay(m1) < d1) out.push({ size: 'day', from: monthStartDay(m1), to: d1 });
  } else out.push({ size: 'day', from: d0, to: d1 });
  if (h0 < d0 * 24) out.push({ size: 'hour', from: h0, to: d0 * 24 });
  if (d1 * 24 < h1) out.push({ size: 'hour', from: d1 * 24, to: h1 });
  return out;
}

/**
 * `[from, to)` (whole hours) for the shift breakdown: each whole UTC month in which the zone's
 * offset stays the same from its clock sums, every other hour from the hour sums.
 */
function shiftPieces(from: number, to: number, timeZone: string): Piece[] {
  const out: Piece[] = [];
  for (const p of split(from, to)) {
    if (p.size === 'day') out.push({ size: 'hour', from: p.from * 24, to: p.to * 24 });
    else if (p.size !== 'month') out.push(p);
    else
      for (let m = p.from; m < p.to; m++) {
        const start = monthStartDay(m) * DAY;
        const end = monthStartDay(m + 1) * DAY;
        out.push(
          steadyOffset(start, end, timeZone)
            ? { size: 'clock', from: m * 24, to: (m + 1) * 24 }
            : { size: 'hour', from: start / HOUR, to: end / HOUR }
        );
      }
  }
  return merge(out);
}

/** Whether `timeZone`'s UTC offset is the same all through `[start, end)`. */
function steadyOffset(start: number, end: number, timeZone: string): boolean {
  const next = temporal()
    .Instant.fromEpochMilliseconds(start)
    .toZonedDateTimeISO(timeZone)
    .getTimeZoneTransition('next');
  return next === null || next.epochMilliseconds >= end;
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
  /** Whether an agent, channel or priority filter is set (else `customer` sums the parties). */
  readonly dims: boolean;
  /** Whether the agent filter is set (the key's column after the bucket, `SEEK_BUCKETS`). */
  readonly agent: boolean;
  /** Whether any filter is set (else the `total` sums answer). */
  readonly filtered: boolean;
  /** The workspace alone, for the `total` sums. */
  readonly workspaceOnly: { sql: string; params: unknown[] };

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
    this.dims = terms.length > 1;
    this.agent = filters.assigneeId !== undefined;
    this.tag = filters.tag;
    if (filters.tag !== undefined) {
      terms.push('tag = ?');
      params.push(filters.tag);
      // The tags' JSON holds the tag's JSON (checked in the medians' indexes, which carry it),
      // then the exact check for the few that pass.
      ticketTerms.push(
        'AND instr(t.tags_json, ?) > 0 ' +
          'AND EXISTS (SELECT 1 FROM report_tags g WHERE g.ticket_id = t.ticket_id AND g.tag = ?)'
      );
      ticketParams.push(JSON.stringify(filters.tag), filters.tag);
    }
    this.sql = terms.join(' AND ');
    this.params = params;
    this.filtered = terms.length > 1;
    this.workspaceOnly = { sql: 'workspace_id = ?', params: [workspaceId] };
    this.ticketSql = ticketTerms.join(' ');
    this.ticketParams = ticketParams;
  }
}

const SHIFT_COUNTER_SET: ReadonlySet<Counter> = new Set(SHIFT_COUNTERS);

/** Counter sums being added up before they go to the tables (`ReportStore.#flush`). */
class Sums {
  readonly tables = new Map<CountTable, Map<string, { key: unknown[]; counts: Counts }>>();

  /** The ticket's contributions, added (`sign` 1) or taken out (−1). */
  add(workspaceId: string, t: ReportTicket, sign: 1 | -1): void {
    const dims = [t.assigneeId ?? '', t.channel, t.priority];
    const who = [t.organisation ?? '', t.requesterId ?? ''];
    const party = [...dims, ...who];
    for (const c of contributions(t)) {
      const day = Math.floor(c.at / DAY);
      const buckets: [Level, number][] = [
        ['month', monthOfDay(day)],
        ['day', day],
        ['hour', Math.floor(c.at / HOUR)]
      ];
      const n = sign * c.n;
      if (SHIFT_COUNTER_SET.has(c.counter)) {
        const clock = monthOfDay(day) * 24 + (Math.floor(c.at / HOUR) - day * 24);
        this.#bump('report_total_clock', [workspaceId, clock], c.counter, n);
        this.#bump('report_base_clock', [workspaceId, clock, ...dims], c.counter, n);
        for (const tag of t.tags)
          this.#bump('report_tag_clock', [workspaceId, tag, clock, ...dims], c.counter, n);
      }
      // Each key in its table's order (`keyOrder`): a tag before the bucket.
      for (const [level, bucket] of buckets) {
        this.#bump(`report_total_${level}`, [workspaceId, bucket], c.counter, n);
        this.#bump(`report_base_${level}`, [workspaceId, bucket, ...dims], c.counter, n);
        for (const tag of ['', ...t.tags]) {
          if (tag !== '')
            this.#bump(`report_tag_${level}`, [workspaceId, tag, bucket, ...dims], c.counter, n);
          this.#bump(`report_party_${level}`, [workspaceId, tag, bucket, ...party], c.counter, n);
          this.#bump(`report_customer_${level}`, [workspaceId, tag, bucket, ...who], c.counter, n);
        }
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
