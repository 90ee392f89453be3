/**
 * The reporting store against the documents: a seeded random history of tickets (created,
 * answered, noted, set pending and solved, reopened by the customer, escalated, handed over,
 * tagged, reassigned) is replayed on a real Baton one change at a time; the store, fed by the
 * change stream, must give the answers the metrics give when computed directly from the
 * ticket documents — then again after its rows are lost and rebuilt, and after a restart on a
 * store that lost everything. The answers come from the per-day and per-hour sums
 * (`store.report`), and each whole report must equal the one `buildReport` makes of the
 * tickets' rows (periods by day, week and month, in Helsinki and UTC, with every filter), so
 * sums kept incrementally through every change agree with a computation from scratch. Some
 * customers answer surveys (CSAT and NPS), some of them sent by the survey store.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { indexParts } from '../../src/lib/domain/workspace-index.ts';
import {
  backlogAt,
  createdAndSolved,
  csat,
  nps,
  finalSolvedAt,
  firstContactResolved,
  slaResults,
  slaTally
} from '../../src/lib/domain/metrics.ts';
import {
  buildReport,
  OTHER_CUSTOMERS,
  TOP_CUSTOMERS,
  type ReportQuery
} from '../../src/lib/domain/report.ts';
import { csatAnswer, latestRating } from '../../src/lib/domain/survey.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import { putSettingsRecord, readSettings } from '../../src/lib/domain/settings.ts';
import type { Actor, TicketPriority, TicketStatus } from '../../src/lib/domain/schema.ts';
import {
  addTag,
  addThreadEntry,
  assign,
  createTicket,
  readTicket,
  setPriority,
  setStatus,
  signHandover,
  type Ticket
} from '../../src/lib/domain/ticket.ts';
import { Rng } from '../../src/lib/domain/testing/prng.ts';
import { startOfDay } from '../../server/reports/services.ts';
import type { Baton } from '../../server/baton.ts';
import { AINO, cleanupAfterEach, MADS, startBaton, tempDir, until, WORKSPACE } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 27, 12, 0, 0);
const TZ = 'Europe/Helsinki';
const clock = { now: () => NOW };
const cleanups = cleanupAfterEach();

const AGENTS: Actor[] = [AINO, MADS];
const TAGS = ['billing', 'vpn', 'printer'];
const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
/** More than the customer breakdown names, so its last row sums the others. */
const CUSTOMERS = 13;

function setUpSla(baton: Baton) {
  baton.docs.change(settingsDocName(WORKSPACE), (doc) => {
    putSettingsRecord(doc, 'calendars', {
      id: 'helsinki',
      name: 'Helsinki office',
      timeZone: TZ,
      week: {
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [{ start: '09:00', end: '17:00' }],
        thu: [{ start: '09:00', end: '17:00' }],
        fri: [{ start: '09:00', end: '17:00' }],
        sat: [],
        sun: []
      },
      holidays: []
    });
    putSettingsRecord(doc, 'slaPolicies', {
      id: 'standard',
      name: 'Standard',
      position: 1,
      conditions: {},
      targets: {
        firstReply: { minutes: 120, time: 'business' },
        nextReply: { minutes: 240, time: 'business' },
        resolution: { minutes: 3 * 24 * 60, time: 'calendar' }
      },
      calendarId: 'helsinki',
      warnAtPercent: 75,
      pauseStatuses: ['pending']
    });
  });
}

/** The customers in the index: most write for an organisation (two share one), one for none. */
function setUpCustomers(baton: Baton) {
  const organisations = ['Acme', 'Acme', 'Globex', 'Initech', undefined, 'Umbrella', 'Hooli'];
  while (organisations.length < CUSTOMERS) organisations.push(`Company ${organisations.length}`);
  baton.docs.change(indexDocName(WORKSPACE), (doc) => {
    organisations.forEach((organisation, i) =>
      indexParts(doc).customers.set(`customer-${i}`, {
        id: `customer-${i}`,
        name: `Customer ${i}`,
        email: `customer-${i}@example.test`,
        ...(organisation ? { organisation } : {})
      })
    );
  });
}

/** One ticket's history, replayed as separate changes (so the store is fed many times). */
function replayTicket(baton: Baton, rng: Rng, index: number): void {
  const id = `rpt-${rng.seed}-${index}`;
  const name = ticketDocName(id);
  const customer: Actor = {
    id: `customer-${index % CUSTOMERS}`,
    name: `Customer ${index % CUSTOMERS}`
  };
  let at = NOW - rng.int(1, 45) * DAY + rng.int(0, 23) * HOUR;
  const step = (fn: (doc: Y.Doc, now: number) => void) => {
    if (at >= NOW) return;
    const now = at;
    baton.docs.change(name, (doc) => fn(doc, now));
    at += rng.int(5, 60 * 30) * 60_000;
  };
  // Registered before it is stored, as the write guard does for a ticket a client makes.
  baton.storage.registerDocument(name, WORKSPACE, at);
  step((doc, now) =>
    createTicket(
      doc,
      {
        id,
        workspaceId: WORKSPACE,
        subject: `Report ticket ${index}`,
        channel: rng.pick(['email', 'web', 'phone'] as const),
        priority: rng.pick(PRIORITIES),
        requesterId: customer.id,
        tags: rng.chance(0.6) ? [rng.pick(TAGS)] : [],
        assigneeId: rng.chance(0.5) ? rng.pick(AGENTS).id : null,
        firstMessage: { kind: 'inbound', body: 'Help, please.', author: customer }
      },
      customer,
      now
    )
  );
  const moves = rng.int(0, 9);
  for (let i = 0; i < moves; i++) {
    const agent = rng.pick(AGENTS);
    const move = rng.int(0, 9);
    step((doc, now) => {
      const status = readTicket(doc)?.fields.status as TicketStatus;
      if (move <= 2) addThreadEntry(doc, 'reply', 'Try turning it off and on.', agent, now);
      else if (move === 3) addThreadEntry(doc, 'note', 'Looks like the VPN.', agent, now);
      else if (move === 4) addThreadEntry(doc, 'inbound', 'Still broken.', customer, now);
      else if (move === 5) setStatus(doc, rng.pick(['pending', 'on-hold'] as const), agent, now);
      else if (move === 6) setStatus(doc, status === 'solved' ? 'closed' : 'solved', agent, now);
      else if (move === 7) setPriority(doc, rng.pick(PRIORITIES), agent, now);
      else if (move === 8) assign(doc, rng.pick(AGENTS).id, agent, now);
      else if (rng.bool()) addTag(doc, rng.pick(TAGS), agent, now);
      else signHandover(doc, rng.pick(AGENTS).id, agent, now);
    });
  }
  // The customer answers surveys (as the server writes them); some were sent by the survey
  // store, the others count as sent when answered.
  for (const kind of ['csat', 'nps'] as const) {
    if (!rng.chance(0.4)) continue;
    if (rng.chance(0.5)) {
      const store = baton.surveys.store;
      store.schedule({
        kind,
        workspaceId: WORKSPACE,
        ticketId: id,
        email: `${id}@customer.test`,
        scale: kind === 'nps' ? 'zero-to-ten' : 'good-bad',
        locale: 'en',
        dueAt: NOW - DAY,
        intervalMs: null
      });
      const row = store.forTicket(kind, id);
      if (row && store.claim(row.id)) store.sent(row.id, NOW + 30 * DAY);
    }
    const score = kind === 'nps' ? rng.int(0, 10) : rng.pick(['good', 'bad', 1, 3, 4, 5] as const);
    if (rng.chance(0.2)) {
      baton.reports.refresh(id); // sent, never answered
      continue;
    }
    step((doc, now) =>
      doc
        .getArray('activity')
        .push([{ at: now, actorId: SYSTEM_ACTOR.id, kind: 'rating', from: kind, to: score }])
    );
    baton.reports.refresh(id);
  }
}

function ticketsOf(baton: Baton): Ticket[] {
  return baton.storage
    .registeredTickets(WORKSPACE)
    .map(({ name }) => baton.docs.read(name, (doc) => readTicket(doc)))
    .filter((t): t is Ticket => t !== null);
}

const within = (at: number | null, q: { from: number; to: number }) =>
  at !== null && at >= q.from && at < q.to;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The same numbers as the report's, straight from the documents with the metric functions. */
function direct(baton: Baton, tickets: Ticket[], q: ReportQuery) {
  const settings = baton.docs.read(settingsDocName(WORKSPACE), readSettings)!;
  const selected = tickets.filter(
    (t) =>
      (q.filters.assigneeId === undefined || t.fields.assigneeId === q.filters.assigneeId) &&
      (q.filters.tag === undefined || t.tags.includes(q.filters.tag)) &&
      (q.filters.channel === undefined || t.fields.channel === q.filters.channel)
  );
  const sla = slaTally(
    selected.flatMap((t) => slaResults(t, settings, NOW)).filter((r) => within(r.startedAt, q))
  );
  const solvedIn = selected.filter((t) => within(finalSolvedAt(t), q));
  const survey = (kind: 'csat' | 'nps') => {
    const answers: (string | number)[] = [];
    let sent = 0;
    for (const t of selected) {
      const rating = latestRating(t.activity, kind);
      const sentAt = baton.surveys.store.forTicket(kind, t.fields.id)?.sentAt ?? rating?.at ?? null;
      if (!within(sentAt, q)) continue;
      sent++;
      if (rating) answers.push(rating.score);
    }
    return { answers, sent };
  };
  const c = survey('csat');
  const n = survey('nps');
  const days = createdAndSolved(selected, 'day', TZ).filter(
    (row) => startOfDay(row.period, TZ) >= q.from && startOfDay(row.period, TZ) < q.to
  );
  return {
    created: selected.filter((t) => within(t.fields.createdAt, q)).length,
    solved: solvedIn.length,
    backlog: backlogAt(selected, q.to - 1).length,
    slaBreached: sla.firstReply.breached + sla.nextReply.breached + sla.resolution.breached,
    slaAchieved: sla.firstReply.achieved + sla.nextReply.achieved + sla.resolution.achieved,
    fcr: solvedIn.filter(firstContactResolved).length,
    days: days.map(({ period, created, solved }) => ({ period, created, solved })),
    firstReplyCalendarMs: median(
      selected
        .filter((t) => t.thread.some((e) => e.kind === 'reply'))
        .map((t) => ({
          t,
          first: Math.min(...t.thread.filter((e) => e.kind === 'reply').map((e) => e.createdAt))
        }))
        .filter(({ first }) => within(first, q))
        .map(({ t, first }) => first - t.fields.createdAt)
    ),
    csat: csat(
      c.answers.map((a) => csatAnswer(a as never)!),
      c.sent
    ),
    nps: nps(n.answers as number[])
  };
}

/** The report from the tickets' rows, the way a half-hour zone is answered. */
function fromTickets(baton: Baton, q: ReportQuery) {
  const tickets = baton.reports.store.tickets({
    workspaceId: WORKSPACE,
    from: q.from - (q.to - q.from),
    to: q.to,
    assigneeId: q.filters.assigneeId,
    tag: q.filters.tag
  });
  return buildReport(tickets, q);
}

function fromStore(baton: Baton, q: ReportQuery) {
  const report = baton.reports.store.report(WORKSPACE, q);
  if (!report) throw new Error('a Helsinki report is answered from the sums');
  const c = report.current;
  return {
    created: c.created,
    solved: c.solved,
    backlog: c.backlog,
    slaBreached: c.slaBreached,
    slaAchieved: c.slaAchieved,
    fcr: c.fcr,
    days: report.trend
      .filter((p) => p.created > 0 || p.solved > 0)
      .map(({ period, created, solved }) => ({ period, created, solved })),
    firstReplyCalendarMs: c.firstReply?.calendarMs ?? null,
    csat: {
      rated: c.csat.rated,
      good: c.csat.good,
      bad: c.csat.bad,
      percent: c.csat.percent,
      responseRate: c.csat.responseRate
    },
    nps: {
      answers: c.nps.answers,
      promoters: c.nps.promoters,
      passives: c.nps.passives,
      detractors: c.nps.detractors,
      score: c.nps.score
    }
  };
}

/** Whole reports: the sums' answer and the tickets' answer, in every unit, zone and filter. */
function wholeQueries(): ReportQuery[] {
  const out: ReportQuery[] = [];
  const all = (timeZone: string, unit: ReportQuery['unit'], filters: ReportQuery['filters']) =>
    out.push({
      from: startOfDay('2026-02-09', timeZone),
      to: startOfDay('2026-03-29', timeZone, 1),
      unit,
      timeZone,
      filters
    });
  // Every unit in three zones; every filter (and two together) by week in Helsinki.
  for (const timeZone of [TZ, 'UTC', 'America/New_York'])
    for (const unit of ['day', 'week', 'month'] as const) all(timeZone, unit, {});
  for (const filters of [
    { assigneeId: MADS.id },
    { tag: 'billing' },
    { priority: 'high' as const },
    { channel: 'web' as const, assigneeId: AINO.id }
  ])
    all(TZ, 'week', filters);
  return out;
}

function queries(): ReportQuery[] {
  const week = (fromDay: string, toDay: string, filters: ReportQuery['filters'] = {}) => ({
    from: startOfDay(fromDay, TZ),
    to: startOfDay(toDay, TZ, 1),
    unit: 'day' as const,
    timeZone: TZ,
    filters
  });
  return [
    week('2026-03-16', '2026-03-22'),
    week('2026-03-23', '2026-03-29'),
    week('2026-02-01', '2026-03-31'),
    week('2026-03-01', '2026-03-31', { assigneeId: AINO.id }),
    week('2026-03-01', '2026-03-31', { tag: 'vpn' }),
    week('2026-03-09', '2026-03-29', { channel: 'email' })
  ];
}

async function agrees(baton: Baton, what: string): Promise<void> {
  let last = '';
  await until(
    () => {
      const tickets = ticketsOf(baton);
      const diffs = [
        ...queries().map((q) => ({ q, want: direct(baton, tickets, q), got: fromStore(baton, q) })),
        ...wholeQueries().map((q) => ({
          q,
          want: fromTickets(baton, q),
          got: baton.reports.store.report(WORKSPACE, q)
        }))
      ].filter(({ want, got }) => JSON.stringify(want) !== JSON.stringify(got));
      last = JSON.stringify(diffs[0] ?? null);
      return diffs.length === 0;
    },
    `${what}: the store's answers equal the metrics computed from the documents`,
    15_000
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\nfirst difference: ${last}`);
  });
}

describe('reporting store', () => {
  it('answers as the metrics on the documents do, fed live, rebuilt, and after a restart', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let relay = await startBaton(dir.path, {}, { clock });
    cleanups.push(() => relay.stop());
    setUpSla(relay.baton);
    setUpCustomers(relay.baton);
    const rng = new Rng(1616);
    for (let i = 0; i < 80; i++) replayTicket(relay.baton, rng, i);
    await relay.baton.docs.flushed();

    // The history is rich enough to test anything.
    const tickets = ticketsOf(relay.baton);
    const settings = relay.baton.docs.read(settingsDocName(WORKSPACE), readSettings)!;
    const outcomes = tickets.flatMap((t) => slaResults(t, settings, NOW).map((r) => r.outcome));
    expect(tickets.length).toBeGreaterThanOrEqual(80);
    expect(outcomes).toContain('breached');
    expect(outcomes).toContain('achieved');
    expect(
      tickets.some((t) =>
        t.activity.some(
          (e) =>
            e.kind === 'status' && e.to === 'open' && (e.from === 'solved' || e.from === 'closed')
        )
      )
    ).toBe(true);
    expect(tickets.some((t) => finalSolvedAt(t) !== null && firstContactResolved(t))).toBe(true);
    expect(tickets.filter((t) => latestRating(t.activity, 'csat')).length).toBeGreaterThan(5);
    expect(tickets.filter((t) => latestRating(t.activity, 'nps')).length).toBeGreaterThan(5);
    // A zone whose days start on a half hour is answered from the tickets instead.
    const kolkata = { ...queries()[0]!, timeZone: 'Asia/Kolkata' };
    kolkata.from = startOfDay('2026-03-16', 'Asia/Kolkata');
    kolkata.to = startOfDay('2026-03-22', 'Asia/Kolkata', 1);
    expect(relay.baton.reports.store.report(WORKSPACE, kolkata)).toBeNull();

    // The breakdowns have something to show: organisations (and tickets with none), the top
    // customers and the others' row, events in every shift.
    const month = relay.baton.reports.store.report(WORKSPACE, wholeQueries()[0]!)!;
    expect(month.breakdowns.organisation.map((r) => r.key)).toEqual(
      expect.arrayContaining(['Acme', 'Globex', ''])
    );
    expect(month.breakdowns.customer.at(-1)?.key).toBe(OTHER_CUSTOMERS);
    expect(month.breakdowns.customer).toHaveLength(TOP_CUSTOMERS + 1);
    for (const shift of month.shifts) expect(shift.created, shift.shift).toBeGreaterThan(0);
    expect(month.shifts.reduce((n, s) => n + s.handovers, 0)).toBeGreaterThan(0);
    expect(month.shifts.reduce((n, s) => n + s.firstReplies, 0)).toBeGreaterThan(0);

    await agrees(relay.baton, 'fed by the change stream');
    const held = relay.baton.reports.store.count(WORKSPACE);
    expect(held).toBe(tickets.length);

    // Lost rows: the rebuild from the documents gives the same answers.
    relay.baton.reports.store.clearWorkspace(WORKSPACE);
    expect(relay.baton.reports.store.count(WORKSPACE)).toBe(0);
    const rebuilt = relay.baton.reports.rebuild(WORKSPACE);
    expect(rebuilt).toMatchObject({ tickets: held, skipped: 0 });
    await agrees(relay.baton, 'rebuilt');

    // A store that lost everything is rebuilt when Baton starts.
    relay.baton.reports.store.clearWorkspace(WORKSPACE);
    await relay.stop();
    relay = await startBaton(dir.path, {}, { clock });
    expect(relay.baton.reports.store.count(WORKSPACE)).toBe(held);
    await agrees(relay.baton, 'after a restart');
  }, 120_000);
});
