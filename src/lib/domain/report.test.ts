/**
 * Reports from counts (#16.3, #16.4): what each ticket contributes, the cards assembled from
 * summed counts, and the same answer whether a report is built from the tickets or from their
 * contributions summed per hour (what the reporting store keeps). Worked examples from the
 * issue: CSAT 8 good and 2 bad of 20 sent = 80 % with a 50 % response rate; NPS 3 promoters,
 * 5 passives and 2 detractors = +10.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemporal } from './temporal';
import {
  buildReport,
  cardsFromCounts,
  contributions,
  countsIn,
  drillDown,
  OTHER_CUSTOMERS,
  shiftBreakdown,
  zeroCounts,
  type ReportTicket,
  type SurveyFact
} from './report';

beforeAll(async () => {
  await loadTemporal();
});

const H = 3_600_000;
const MON = Date.UTC(2026, 2, 2, 8); // Monday 2 March 2026, 10:00 in Helsinki

function ticket(n: number, over: Partial<ReportTicket> = {}): ReportTicket {
  const createdAt = over.createdAt ?? MON + n * H;
  return {
    ticketId: `t${n}`,
    number: n,
    ref: `#${n}`,
    subject: `Ticket ${n}`,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    assigneeId: 'member-aino',
    requesterId: null,
    organisation: null,
    tags: [],
    createdAt,
    updatedAt: createdAt,
    solvedAt: null,
    firstReplyAt: null,
    firstReply: null,
    resolution: null,
    replies: 0,
    reopens: 0,
    fcr: null,
    spans: [{ status: 'open', from: createdAt, to: null }],
    sla: [],
    escalations: [],
    surveys: [],
    handovers: [],
    ...over
  };
}

const week = { from: Date.UTC(2026, 2, 1, 22), to: Date.UTC(2026, 2, 8, 22) };
const query = { ...week, unit: 'day' as const, timeZone: 'Europe/Helsinki', filters: {} };

describe('contributions', () => {
  it('a ticket solved, reopened and solved again: created once, solved once, the backlog in and out', () => {
    const t = ticket(1, {
      status: 'solved',
      solvedAt: MON + 30 * H,
      reopens: 1,
      fcr: false,
      spans: [
        { status: 'open', from: MON, to: MON + 5 * H },
        { status: 'solved', from: MON + 5 * H, to: MON + 20 * H },
        { status: 'open', from: MON + 20 * H, to: MON + 30 * H },
        { status: 'solved', from: MON + 30 * H, to: null }
      ],
      createdAt: MON
    });
    const got = contributions(t).map((c) => [c.counter, c.at - MON, c.n]);
    expect(got).toEqual([
      ['created', 0, 1],
      ['solved', 30 * H, 1],
      ['reopened', 30 * H, 1],
      ['openDelta', 0, 1],
      ['openDelta', 5 * H, -1],
      ['openDelta', 20 * H, 1],
      ['openDelta', 30 * H, -1]
    ]);
    // The backlog at an instant is the sum of openDelta before it, as openAt says.
    const backlogAt = (at: number) =>
      contributions(t)
        .filter((c) => c.counter === 'openDelta' && c.at < at)
        .reduce((sum, c) => sum + c.n, 0);
    for (const at of [MON, MON + H, MON + 6 * H, MON + 21 * H, MON + 31 * H])
      expect(backlogAt(at), `at +${(at - MON) / H} h`).toBe(
        countsIn(t, 'backlog', { from: 0, to: at }) ? 1 : 0
      );
  });
});

describe('CSAT and NPS from counts', () => {
  it('8 good and 2 bad answers of 20 surveys sent: 80 %, response rate 50 %', () => {
    const surveys: SurveyFact[][] = [];
    for (let i = 0; i < 20; i++)
      surveys.push([
        { kind: 'csat', sentAt: MON + i * H, score: i < 8 ? 'good' : i < 10 ? 'bad' : null }
      ]);
    const tickets = surveys.map((s, i) => ticket(i, { surveys: s }));
    const report = buildReport(tickets, query);
    expect(report.current.csat).toEqual({
      sent: 20,
      rated: 10,
      good: 8,
      bad: 2,
      percent: 80,
      responseRate: 50
    });
    // The drill-down lists exactly the rated ones.
    expect(drillDown(tickets, query, 'csatRated')).toHaveLength(10);
    // A 1–5 scale counts 4 and 5 as good.
    const scale = buildReport(
      [5, 4, 3, 1].map((score, i) =>
        ticket(i, { surveys: [{ kind: 'csat', sentAt: MON, score: score as 1 | 3 | 4 | 5 }] })
      ),
      query
    );
    expect(scale.current.csat.percent).toBe(50);
  });

  it('3 promoters, 5 passives, 2 detractors: NPS +10, counted in the period the survey was sent', () => {
    const scores = [10, 9, 9, 8, 8, 7, 7, 7, 6, 0];
    const tickets = scores.map((score, i) =>
      ticket(i, { surveys: [{ kind: 'nps', sentAt: MON + i * H, score }] })
    );
    // One more sent the week before: it counts there, not here.
    tickets.push(ticket(99, { surveys: [{ kind: 'nps', sentAt: MON - 72 * H, score: 0 }] }));
    const report = buildReport(tickets, query);
    expect(report.current.nps).toMatchObject({
      sent: 10,
      answers: 10,
      promoters: 3,
      passives: 5,
      detractors: 2,
      score: 10
    });
    expect(report.before.nps).toMatchObject({ sent: 1, answers: 1, score: -100 });
    const monday = report.trend.find((p) => p.period === '2026-03-02')!;
    expect(monday).toMatchObject({ npsAnswers: 10, npsPromoters: 3, npsDetractors: 2 });
  });

  it('nothing sent: no percentages, not zero', () => {
    const cards = cardsFromCounts(zeroCounts(), 0, { firstReply: null, resolution: null });
    expect(cards.csat.percent).toBeNull();
    expect(cards.csat.responseRate).toBeNull();
    expect(cards.nps.score).toBeNull();
  });
});

describe('the report from summed counts equals the report from the tickets', () => {
  it('cards of the counts summed over the period are the cards of the tickets', () => {
    const tickets = Array.from({ length: 30 }, (_, i) =>
      ticket(i, {
        createdAt: MON - 96 * H + i * 9 * H,
        spans: [
          { status: 'open', from: MON - 96 * H + i * 9 * H, to: null },
          ...(i % 3 === 0
            ? [{ status: 'solved' as const, from: MON - 90 * H + i * 9 * H, to: null }]
            : [])
        ],
        solvedAt: i % 3 === 0 ? MON - 90 * H + i * 9 * H : null,
        fcr: i % 3 === 0 ? i % 2 === 0 : null,
        sla: [
          {
            metric: 'firstReply',
            startedAt: MON - 96 * H + i * 9 * H,
            outcome: i % 4 === 0 ? 'breached' : 'achieved'
          }
        ],
        escalations: i % 5 === 0 ? [{ kind: 'priority-raised', at: MON - 95 * H + i * 9 * H }] : []
      })
    );
    const report = buildReport(tickets, query);
    const counts = zeroCounts();
    let backlog = 0;
    for (const t of tickets)
      for (const c of contributions(t)) {
        if (c.at >= week.from && c.at < week.to) counts[c.counter] += c.n;
        if (c.counter === 'openDelta' && c.at < week.to) backlog += c.n;
      }
    expect(
      cardsFromCounts(counts, backlog, {
        firstReply: report.current.firstReply,
        resolution: report.current.resolution
      })
    ).toEqual(report.current);
    expect(report.current.created).toBeGreaterThan(0);
    expect(report.current.slaBreached).toBeGreaterThan(0);
  });
});

describe('breakdowns by organisation, customer and shift', () => {
  const solved = (at: number, createdAt: number) => ({
    status: 'solved' as const,
    solvedAt: at,
    fcr: true,
    spans: [
      { status: 'open' as const, from: createdAt, to: at },
      { status: 'solved' as const, from: at, to: null }
    ]
  });

  it('organisations: each requester’s organisation, and a row for tickets with none', () => {
    const tickets = [
      // Acme: Bo's ticket solved on Tuesday, Eva's still open.
      ticket(1, { requesterId: 'bo', organisation: 'Acme', ...solved(MON + 24 * H, MON + H) }),
      ticket(2, { requesterId: 'eva', organisation: 'Acme' }),
      // Globex: Lin's, open.
      ticket(3, { requesterId: 'lin', organisation: 'Globex', createdAt: MON + 26 * H }),
      // Kim writes for no organisation; solved the same day.
      ticket(4, {
        requesterId: 'kim',
        ...solved(MON + 50 * H, MON + 48 * H),
        createdAt: MON + 48 * H
      })
    ];
    const report = buildReport(tickets, query);
    expect(
      report.breakdowns.organisation.map(({ key, created, solved, backlog }) => ({
        key,
        created,
        solved,
        backlog
      }))
    ).toEqual([
      { key: 'Acme', created: 2, solved: 1, backlog: 1 },
      { key: 'Globex', created: 1, solved: 0, backlog: 1 },
      { key: '', created: 1, solved: 1, backlog: 0 }
    ]);
    // The drill-down from the Acme row lists Acme's tickets, newest first.
    const acme = drillDown(tickets, query, 'created', { dimension: 'organisation', key: 'Acme' });
    expect(acme.map((t) => t.ticketId)).toEqual(['t2', 't1']);
    expect(
      drillDown(tickets, query, 'created', { dimension: 'organisation', key: '' }).map(
        (t) => t.ticketId
      )
    ).toEqual(['t4']);
  });

  it('customers: the ten with most tickets, then one row for all the others', () => {
    // Customer c<i> wrote i + 1 tickets: c11 12, c10 11, … c0 1.
    const tickets: ReportTicket[] = [];
    for (let c = 0; c < 12; c++)
      for (let k = 0; k <= c; k++)
        tickets.push(
          ticket(tickets.length, { requesterId: `c${c}`, createdAt: MON + tickets.length * 60_000 })
        );
    const rows = buildReport(tickets, query).breakdowns.customer;
    expect(rows.map((r) => [r.key, r.created])).toEqual([
      ['c11', 12],
      ['c10', 11],
      ['c9', 10],
      ['c8', 9],
      ['c7', 8],
      ['c6', 7],
      ['c5', 6],
      ['c4', 5],
      ['c3', 4],
      ['c2', 3],
      [OTHER_CUSTOMERS, 3]
    ]);
    // The others' row drills down to the tickets of c1 (2) and c0 (1).
    const others = drillDown(tickets, query, 'created', {
      dimension: 'customer',
      key: OTHER_CUSTOMERS
    });
    expect(others.map((t) => t.requesterId).sort()).toEqual(['c0', 'c1', 'c1']);
  });

  it('shifts: each event in the block of the team’s day it happened in', () => {
    // Monday in Helsinki (UTC+2): MON is 10:00 local.
    const local = (hours: number) => MON + (hours - 10) * H;
    const tickets = [
      // Written at 03:00 (night), answered at 09:30 (day), handed over at 07:59 (night) — by
      // someone up early — and solved at 17:00 (evening).
      ticket(1, {
        createdAt: local(3),
        firstReplyAt: local(9.5),
        replies: 1,
        handovers: [{ at: local(8) - 60_000, actorId: 'member-aino' }],
        ...solved(local(17), local(3))
      }),
      // Written at 08:00 sharp: the day shift's.
      ticket(2, { createdAt: local(8) }),
      // Written at 23:59 (evening) and answered at 00:10 on Tuesday (night).
      ticket(3, { createdAt: local(24) - 60_000, firstReplyAt: local(24) + 10 * 60_000 })
    ];
    expect(shiftBreakdown(tickets, week, 'Europe/Helsinki')).toEqual([
      { shift: 'night', created: 1, solved: 0, firstReplies: 1, handovers: 1 },
      { shift: 'day', created: 1, solved: 0, firstReplies: 1, handovers: 0 },
      { shift: 'evening', created: 1, solved: 1, firstReplies: 0, handovers: 0 }
    ]);
    // The same in the report, always the three shifts in order.
    expect(buildReport(tickets, query).shifts.map((s) => s.shift)).toEqual([
      'night',
      'day',
      'evening'
    ]);
    expect(buildReport([], query).shifts.every((s) => s.created === 0)).toBe(true);
  });
});
