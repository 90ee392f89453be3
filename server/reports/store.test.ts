/**
 * The reporting store's long ranges (#16.4 speed): a year of 6,000 tickets, so a report reads
 * whole UTC months from the month sums and finds its medians by walking the value indexes
 * (more values than it reads and sorts). Each whole report from the sums must equal the one
 * `buildReport` makes of the tickets' rows — 12 months by month in Helsinki and in UTC (whose
 * months are whole UTC months), a quarter by week in New York, with each filter and some
 * together, and seven weeks by day across the end of summer time (the shifts read the months
 * whose offset stays the same from the clock sums, the others hour by hour) — and a ticket
 * replaced or removed must leave the sums as if it had always been so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReport,
  previousRange,
  type ReportQuery,
  type TicketFacts
} from '../../src/lib/domain/report.ts';
import { TICKET_PRIORITIES } from '../../src/lib/domain/schema.ts';
import { loadTemporal } from '../../src/lib/domain/temporal.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { migrate } from '../db/migrate.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { coreSchema, openDataDir } from '../storage.ts';
import { startOfDay } from './services.ts';
import { reportsSchema, ReportStore } from './store.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WS = 'ws-store-test';
const NOW = Date.UTC(2026, 10, 20, 12);
const TAGS = ['billing', 'vpn', 'printer'];
const ORGS = ['Acme', 'Globex', null];

function facts(rng: Rng, i: number): TicketFacts {
  const createdAt = NOW - rng.int(0, 400 * 24) * HOUR - rng.int(0, 59) * 60_000;
  const replied = rng.chance(0.8);
  const firstReplyAt = replied ? createdAt + rng.int(1, 3000) * 60_000 : null;
  const solved = rng.chance(0.85) && createdAt < NOW - 3 * DAY;
  const solvedAt = solved ? createdAt + rng.int(60, 20_000) * 60_000 : null;
  const customer = `customer-${rng.int(0, 40)}`;
  return {
    ticketId: `t-${i}`,
    workspaceId: WS,
    number: i + 1,
    ref: `P-${String(i).padStart(6, '0')}`,
    subject: `Ticket ${i}`,
    status: solvedAt ? 'solved' : 'open',
    priority: rng.pick(TICKET_PRIORITIES),
    channel: rng.pick(['email', 'web', 'phone'] as const),
    assigneeId: rng.chance(0.9) ? `member-${rng.int(0, 4)}` : null,
    requesterId: customer,
    organisation: ORGS[Number(customer.slice(9)) % ORGS.length] ?? null,
    tags: rng.chance(0.7) ? [rng.pick(TAGS)] : [],
    createdAt,
    updatedAt: solvedAt ?? createdAt,
    solvedAt,
    firstReplyAt,
    // Durations in whole minutes, so many tickets share a value (ties at the middle).
    firstReply:
      firstReplyAt === null
        ? null
        : { businessMs: rng.int(0, 600) * 60_000, calendarMs: firstReplyAt - createdAt },
    resolution:
      solvedAt === null
        ? null
        : { businessMs: rng.int(0, 3000) * 60_000, calendarMs: solvedAt - createdAt },
    requesterWait: null,
    replies: replied ? rng.int(1, 3) : 0,
    reopens: 0,
    fcr: solvedAt === null ? null : rng.bool(),
    spans: [
      { status: 'open', from: createdAt, to: solvedAt },
      ...(solvedAt ? [{ status: 'solved' as const, from: solvedAt, to: null }] : [])
    ],
    sla: firstReplyAt
      ? [
          {
            metric: 'firstReply',
            startedAt: createdAt,
            outcome: rng.bool() ? 'achieved' : 'breached'
          }
        ]
      : [],
    escalations: rng.chance(0.1) ? [{ kind: 'priority-raised', at: createdAt + HOUR }] : [],
    handovers: rng.chance(0.2) ? [{ at: createdAt + 2 * HOUR, actorId: 'member-1' }] : [],
    surveys:
      solvedAt && rng.chance(0.5)
        ? [{ kind: 'csat', sentAt: solvedAt + HOUR, score: rng.chance(0.6) ? 'good' : null }]
        : []
  };
}

let dir: string;
let database: SqliteDatabase;
let store: ReportStore;

beforeAll(async () => {
  await loadTemporal();
  dir = mkdtempSync(join(tmpdir(), 'baton-report-store-'));
  database = openDataDir(dir);
  await migrate(database, [coreSchema, reportsSchema]);
  store = new ReportStore(database);
  const rng = new Rng(1604);
  const all = Array.from({ length: 6000 }, (_, i) => facts(rng, i));
  for (let i = 0; i < all.length; i += 1000) store.putMany(all.slice(i, i + 1000), NOW);
  // Changed after the fact: replaced (another agent, priority, organisation) and removed.
  for (const f of all.slice(0, 300))
    store.put({ ...f, priority: 'urgent', organisation: 'Hooli' }, NOW);
  for (const f of all.slice(300, 400)) store.remove(f.ticketId);
}, 120_000);

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

function fromTickets(q: ReportQuery) {
  const tickets = store.tickets({
    workspaceId: WS,
    from: previousRange(q).from,
    to: q.to,
    assigneeId: q.filters.assigneeId,
    tag: q.filters.tag
  });
  return buildReport(tickets, q);
}

const year = (timeZone: string, filters: ReportQuery['filters'] = {}): ReportQuery => ({
  from: startOfDay('2025-11-21', timeZone),
  to: startOfDay('2026-11-20', timeZone, 1),
  unit: 'month',
  timeZone,
  filters
});

describe('the reporting store over a year', () => {
  it('answers 12 months from the month sums and the index-walked medians as the tickets do', () => {
    const queries: ReportQuery[] = [
      year('Europe/Helsinki'),
      year('UTC'),
      { ...year('UTC'), unit: 'week' },
      {
        from: startOfDay('2026-08-01', 'America/New_York'),
        to: startOfDay('2026-10-31', 'America/New_York', 1),
        unit: 'week',
        timeZone: 'America/New_York',
        filters: {}
      },
      year('Europe/Helsinki', { assigneeId: 'member-2' }),
      year('Europe/Helsinki', { channel: 'web', priority: 'high' }),
      year('Europe/Helsinki', { tag: 'vpn' }),
      // An agent and a tag: the per-tag requester sums, read bucket by bucket for the agent.
      year('Europe/Helsinki', { assigneeId: 'member-1', tag: 'billing' }),
      year('UTC', { priority: 'low' }),
      // Across the end of summer time (October's hours, not its clock sums) by day, one agent.
      {
        from: startOfDay('2026-10-01', 'Europe/Helsinki'),
        to: startOfDay('2026-11-19', 'Europe/Helsinki', 1),
        unit: 'day',
        timeZone: 'Europe/Helsinki',
        filters: { assigneeId: 'member-3' }
      }
    ];
    for (const q of queries) {
      const got = store.report(WS, q);
      expect(got, `${q.timeZone} ${q.unit} ${JSON.stringify(q.filters)}`).toEqual(fromTickets(q));
    }
    // The year had enough to walk the indexes, ties and all.
    const whole = store.report(WS, year('UTC'))!;
    expect(whole.current.created).toBeGreaterThan(4000);
    expect(whole.current.solved).toBeGreaterThan(4000);
    expect(whole.breakdowns.organisation.map((r) => r.key).sort()).toEqual([
      '',
      'Acme',
      'Globex',
      'Hooli'
    ]);
  });
});
