/**
 * Reports (#16): the dashboard's server answers for a workspace with 100,000 tickets and a year
 * of history, and the rebuild of the reporting store from the documents (per 10,000 tickets).
 *
 * Rebuild: 10,000 real ticket documents (written through the domain: created over a year, a
 * customer message each, most answered, many solved, some set pending, reopened, escalated,
 * handed over) stored in a real SQLite file, then `rebuild` reads each back from storage,
 * derives its facts with the metrics and writes the store: the time per 10,000 tickets.
 *
 * Dashboard: each query is timed with the store holding the 10,000 tickets, then again once it
 * holds 100,000 — the 10,000 above and 90,000 more made of their facts shifted across the year
 * and spread over agents and tags, some with CSAT and NPS answers (writing 100,000 Y.Docs would
 * only time the domain again) — and printed side by side. Each query is what the page asks the
 * server: the report from the per-day and per-hour sums (`store.report`, as the endpoint does)
 * + the JSON the endpoint sends, median of several runs; the first paint waits for the default
 * one (this week against last week), a filter change for one of the others. Also timed: one
 * ticket's facts replaced (what every accepted change costs the store, sums included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { defaultCalendar } from '../src/lib/domain/business-calendar.ts';
import { ticketDocName } from '../src/lib/domain/doc-names.ts';
import {
  buildReport,
  previousRange,
  ticketFacts,
  type ReportQuery,
  type TicketFacts
} from '../src/lib/domain/report.ts';
import { TICKET_PRIORITIES, type Actor } from '../src/lib/domain/schema.ts';
import type { CalendarRecord, SlaPolicyRecord } from '../src/lib/domain/settings.ts';
import {
  addTag,
  addThreadEntry,
  assign,
  createTicket,
  readTicket,
  setPriority,
  setStatus,
  signHandover
} from '../src/lib/domain/ticket.ts';
import type { SlaSettings } from '../src/lib/domain/ticket-sla.ts';
import { loadTemporal } from '../src/lib/domain/temporal.ts';
import { migrate } from '../server/db/migrate.ts';
import { coreSchema, openDataDir, SqliteStorage } from '../server/storage.ts';
import { reportsSchema, ReportStore } from '../server/reports/store.ts';
import { startWeeklyReports } from '../server/reports/weekly.ts';
import { startOfDay } from '../server/reports/services.ts';
import { median } from './stats.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WORKSPACE = 'ws-bench-reports1';
const TZ = 'Europe/Helsinki';
const AGENTS: Actor[] = Array.from({ length: 12 }, (_, i) => ({
  id: `member-bench${String(i).padStart(2, '0')}`,
  name: `Agent ${i}`
}));
const TAGS = ['billing', 'vpn', 'printer', 'login', 'export', 'invoice', 'mobile', 'api'];

function settings(): SlaSettings {
  const helsinki: CalendarRecord = { id: 'helsinki', name: 'Helsinki', ...defaultCalendar(TZ) };
  const policy: SlaPolicyRecord = {
    id: 'standard',
    name: 'Standard',
    position: 1,
    conditions: {},
    targets: {
      firstReply: { minutes: 4 * 60, time: 'business' },
      nextReply: { minutes: 8 * 60, time: 'business' },
      resolution: { minutes: 5 * 8 * 60, time: 'business' }
    },
    calendarId: 'helsinki',
    warnAtPercent: 75,
    pauseStatuses: ['pending']
  };
  return {
    calendars: new Map([['helsinki', helsinki]]),
    slaPolicies: [policy],
    // 997 customers in 40 organisations, every fifth customer in none.
    organisationOf: (customerId) => {
      const n = Number(customerId.split('-').at(-1));
      return n % 5 === 4 ? null : `Organisation ${n % 40}`;
    }
  };
}

/** One ticket's year-long history, written through the domain (deterministic per `i`). */
function writeTicket(doc: Y.Doc, i: number, now: number, workspaceId = WORKSPACE): void {
  const customer: Actor = { id: `customer-bench-${i % 997}`, name: `Customer ${i % 997}` };
  const agent = AGENTS[i % AGENTS.length]!;
  const created = now - ((i * 53 * MINUTE) % (365 * DAY)) - HOUR;
  let at = created;
  const next = (minutes: number) => (at = Math.min(now - 1, at + minutes * MINUTE));
  createTicket(
    doc,
    {
      id: `bench-ticket-${String(i).padStart(6, '0')}`,
      workspaceId,
      subject: `Bench ticket ${i}`,
      priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
      channel: (['email', 'web', 'phone', 'chat'] as const)[i % 4],
      requesterId: customer.id,
      tags: [TAGS[i % TAGS.length]!],
      firstMessage: { kind: 'inbound', body: 'The export stops halfway.', author: customer }
    },
    customer,
    created
  );
  if (i % 10 !== 9) assign(doc, agent.id, agent, next(20));
  if (i % 4 !== 3) addThreadEntry(doc, 'reply', 'Looking into it.', agent, next(30 + (i % 600)));
  if (i % 5 === 0) {
    setStatus(doc, 'pending', agent, next(5));
    addThreadEntry(doc, 'inbound', 'Any news?', customer, next(6 * 60));
    addThreadEntry(doc, 'reply', 'Fixed now.', agent, next(90));
  }
  if (i % 7 === 0) setPriority(doc, 'urgent', agent, next(3));
  if (i % 11 === 0) signHandover(doc, AGENTS[(i + 1) % AGENTS.length]!.id, agent, next(8 * 60));
  if (i % 13 === 0) addTag(doc, TAGS[(i + 3) % TAGS.length]!, agent, next(2));
  // Most tickets end solved; a third of the last fortnight's are still open (a backlog of
  // hundreds, as a team keeps it, not tens of thousands).
  if ((i % 3 !== 2 || created < now - 14 * DAY) && at < now - HOUR) {
    setStatus(doc, 'solved', agent, next(60));
    if (i % 17 === 0) {
      addThreadEntry(doc, 'inbound', 'It broke again.', customer, next((2 * DAY) / MINUTE));
      setStatus(doc, 'solved', agent, next(120));
    }
  }
}

/** Facts of ticket `source`, moved by `shift` and given another id, agent and tags. */
function variant(source: TicketFacts, copy: number, shift: number): TicketFacts {
  const move = (at: number) => at - shift;
  return {
    ...source,
    ticketId: `${source.ticketId}-v${copy}`,
    number: null,
    assigneeId: source.assigneeId ? AGENTS[(copy * 5) % AGENTS.length]!.id : null,
    tags: [TAGS[(copy * 3) % TAGS.length]!],
    createdAt: move(source.createdAt),
    updatedAt: move(source.updatedAt),
    solvedAt: source.solvedAt === null ? null : move(source.solvedAt),
    firstReplyAt: source.firstReplyAt === null ? null : move(source.firstReplyAt),
    spans: source.spans.map((s) => ({
      ...s,
      from: move(s.from),
      to: s.to === null ? null : move(s.to)
    })),
    sla: source.sla.map((s) => ({ ...s, startedAt: move(s.startedAt) })),
    escalations: source.escalations.map((e) => ({ ...e, at: move(e.at) })),
    handovers: source.handovers.map((h) => ({ ...h, at: move(h.at) })),
    // A solved ticket's CSAT survey an hour after the solve, answered by two in three of them
    // (1–5); every seventh customer an NPS survey too.
    surveys:
      source.solvedAt === null
        ? []
        : [
            {
              kind: 'csat' as const,
              sentAt: move(source.solvedAt) + HOUR,
              score:
                copy % 3 === 0 ? null : ((1 + ((copy + source.replies) % 5)) as 1 | 2 | 3 | 4 | 5)
            },
            ...(copy % 7 === 0
              ? [
                  {
                    kind: 'nps' as const,
                    sentAt: move(source.solvedAt) + HOUR,
                    score: (copy * 3) % 11
                  }
                ]
              : [])
          ]
  };
}

/** `total` variants of the facts of `from` (the facts themselves first), across the year. */
function spreadOverYear(from: readonly TicketFacts[], total: number): TicketFacts[] {
  const out = from.slice(0, total);
  for (let copy = 1; out.length < total; copy++) {
    for (const f of from) {
      if (out.length >= total) break;
      out.push(variant(f, copy, ((copy * 7 + (f.createdAt % 5)) * DAY) % (30 * DAY)));
    }
  }
  return out;
}

/**
 * A year of a workspace's ticket facts, as the reporting store keeps them: `documents` real
 * tickets written through the domain (in memory), and variants of their facts up to `total`.
 */
export async function yearOfFacts(
  workspaceId: string,
  total: number,
  now: number,
  documents = 10_000
): Promise<TicketFacts[]> {
  await loadTemporal();
  const sla = settings();
  const facts: TicketFacts[] = [];
  for (let i = 0; i < documents; i++) {
    const doc = new Y.Doc();
    writeTicket(doc, i, now, workspaceId);
    facts.push(ticketFacts(readTicket(doc)!, sla, now));
    doc.destroy();
  }
  return spreadOverYear(facts, total);
}

export interface ReportsBenchResult {
  rebuiltTickets: number;
  rebuildMs: number;
  storeTickets: number;
  /** Query name → milliseconds per run, with 100,000 tickets (`total`). */
  queries: Map<string, number[]>;
  /** The same with the 10,000 tickets only (`documents`). */
  queriesSmall: Map<string, number[]>;
  /** One ticket's facts replaced (with its sums), milliseconds per run, at `total`. */
  putMs: number[];
  weeklyMs: number;
}

function localDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(at));
}

export async function reportsBench(
  documents = 10_000,
  total = 100_000,
  runs = 9
): Promise<ReportsBenchResult> {
  await loadTemporal();
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-reports-'));
  const database = openDataDir(dir);
  try {
    await migrate(database, [coreSchema, reportsSchema]);
    const storage = new SqliteStorage(database);
    const store = new ReportStore(database);
    const now = Date.now();
    const sla = settings();

    // 10,000 documents, stored as the relay stores them.
    for (let i = 0; i < documents; i++) {
      const doc = new Y.Doc();
      writeTicket(doc, i, now);
      const name = ticketDocName(readTicket(doc)!.fields.id);
      storage.registerDocument(name, WORKSPACE, now);
      storage.append(name, Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }

    // The rebuild, as `worker.ts` runs it: read back, derive, replace in batches.
    const started = performance.now();
    const facts: TicketFacts[] = [];
    let batch: TicketFacts[] = [];
    store.clearWorkspace(WORKSPACE);
    for (const { name } of storage.registeredTickets(WORKSPACE)) {
      const doc = new Y.Doc();
      for (const update of storage.load(name) ?? []) Y.applyUpdate(doc, update);
      const f = ticketFacts(readTicket(doc)!, sla, now);
      doc.destroy();
      facts.push(f);
      batch.push(f);
      if (batch.length >= 500) {
        store.putMany(batch, now);
        batch = [];
      }
    }
    store.putMany(batch, now);
    const rebuildMs = performance.now() - started;

    const today = localDate(now);
    const monday = (() => {
      const d = new Date(`${today}T00:00:00Z`);
      return localDateOf(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
    })();
    const sunday = localDateOf(Date.parse(`${monday}T00:00:00Z`) + 6 * DAY);
    const daysAgo = (n: number) => localDateOf(Date.parse(`${today}T00:00:00Z`) - n * DAY);
    const q = (
      from: string,
      to: string,
      unit: ReportQuery['unit'],
      filters: ReportQuery['filters'] = {}
    ) => ({
      from: startOfDay(from, TZ),
      to: startOfDay(to, TZ, 1),
      unit,
      timeZone: TZ,
      filters
    });
    const QUERIES: [string, ReportQuery][] = [
      ['first paint: this week vs last, by day', q(monday, sunday, 'day')],
      ['filter: one agent', q(monday, sunday, 'day', { assigneeId: AGENTS[3]!.id })],
      ['filter: one tag', q(monday, sunday, 'day', { tag: 'vpn' })],
      ['filter: channel email', q(monday, sunday, 'day', { channel: 'email' })],
      ['filter: last 30 days, by week', q(daysAgo(29), today, 'week')],
      ['filter: last 12 months, by month', q(daysAgo(364), today, 'month')],
      [
        'filter: 12 months, one agent',
        q(daysAgo(364), today, 'month', { assigneeId: AGENTS[5]!.id })
      ],
      ['filter: 12 months, one tag', q(daysAgo(364), today, 'month', { tag: 'printer' })]
    ];
    // As `services.ts` answers: from the sums, else (a half-hour zone) from the tickets.
    const answer = (query: ReportQuery) =>
      JSON.stringify(
        store.report(WORKSPACE, query) ??
          buildReport(
            store.tickets({
              workspaceId: WORKSPACE,
              from: previousRange(query).from,
              to: query.to,
              assigneeId: query.filters.assigneeId,
              tag: query.filters.tag
            }),
            query
          )
      );
    const measure = () => {
      const out = new Map<string, number[]>();
      for (const [, query] of QUERIES) answer(query); // warm the page cache once
      for (let r = 0; r < runs; r++) {
        for (const [name, query] of QUERIES) {
          const t0 = performance.now();
          answer(query);
          const list = out.get(name) ?? [];
          list.push(performance.now() - t0);
          out.set(name, list);
        }
      }
      return out;
    };
    const queriesSmall = measure();

    // Up to 100,000 tickets: variants of the real facts across the year.
    const extra = spreadOverYear(facts, total).slice(facts.length);
    for (let i = 0; i < extra.length; i += 1000) store.putMany(extra.slice(i, i + 1000), now);
    const queries = measure();

    // One ticket changes (its priority, here): its facts and sums replaced.
    const putMs: number[] = [];
    for (let r = 0; r < 50; r++) {
      const f = facts[(r * 197) % facts.length]!;
      const changed = { ...f, priority: TICKET_PRIORITIES[r % TICKET_PRIORITIES.length]! };
      const t0 = performance.now();
      store.put(changed, now);
      putMs.push(performance.now() - t0);
    }

    // The weekly email's report for the workspace (mail not sent: a mailer that keeps it).
    const weekly = startWeeklyReports({
      database,
      store,
      clock: { now: () => now },
      mailer: { send: async () => {} },
      workspaces: () => [WORKSPACE],
      workspaceName: () => 'Bench',
      timeZone: () => TZ,
      leads: () => [{ email: 'lead@example.test', name: 'Lead', locale: 'en' }],
      appUrl: null
    });
    const w0 = performance.now();
    await weekly.runOnce();
    const weeklyMs = performance.now() - w0;
    weekly.stop();

    storage.close();
    return {
      rebuiltTickets: documents,
      rebuildMs,
      storeTickets: store.count(WORKSPACE),
      queries,
      queriesSmall,
      putMs,
      weeklyMs
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function localDateOf(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

// `node --import tsx bench/reports.ts [documents] [total]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const documents = Number(process.argv[2] ?? 10_000);
  const total = Number(process.argv[3] ?? 100_000);
  const result = await reportsBench(documents, total);
  console.log(
    `rebuild: ${result.rebuiltTickets} tickets in ${result.rebuildMs.toFixed(0)} ms ` +
      `(${((result.rebuildMs / result.rebuiltTickets) * 10_000).toFixed(0)} ms per 10,000)`
  );
  console.log(
    `store: ${result.storeTickets} tickets; weekly report ${result.weeklyMs.toFixed(0)} ms; ` +
      `one ticket's facts and sums replaced: median ${median(result.putMs).toFixed(2)} ms`
  );
  const cell = (times: number[] | undefined) =>
    times
      ? `${median(times).toFixed(1)} ms (max ${Math.max(...times).toFixed(1)})`.padEnd(26)
      : '–'.padEnd(26);
  console.log(
    `${'the server’s answer, median'.padEnd(40)} ${`${documents.toLocaleString('en')} tickets`.padEnd(26)} ${total.toLocaleString('en')} tickets`
  );
  for (const [name, times] of result.queries)
    console.log(`${name.padEnd(40)} ${cell(result.queriesSmall.get(name))} ${cell(times)}`);
}
