import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar';
import {
  agentActions,
  agentWaitTime,
  agentWorkTime,
  backlogAt,
  costPerSolvedTicket,
  costPerTicket,
  createdAndSolved,
  csat,
  escalations,
  firstContactResolved,
  firstReplyTime,
  fullResolutionTime,
  handoversPerShift,
  nextReplyTimes,
  nps,
  reopens,
  requesterWaitTime,
  slaResults,
  slaTally,
  ticketCalendar,
  touches
} from './metrics';
import type { CalendarRecord, SlaPolicyRecord } from './settings';
import {
  addThreadEntry,
  assign,
  createTicket,
  readTicket,
  setPriority,
  setStatus,
  signHandover,
  type Ticket
} from './ticket';
import { recordSlaBreaches, type SlaSettings } from './ticket-sla';

const ZONE = 'Europe/Helsinki';
/** Local wall time in Helsinki, e.g. `'2026-11-02T09:00'` (a Monday). */
const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const aino = { id: 'member-aino01', name: 'Aino' };
const lars = { id: 'member-lars01', name: 'Lars' };
const bo = { id: 'customer-bo0001', name: 'Bo' };

const helsinki: CalendarRecord = { id: 'helsinki', name: 'Helsinki', ...defaultCalendar(ZONE) };
const standard: SlaPolicyRecord = {
  id: 'standard',
  name: 'Standard',
  position: 1,
  conditions: {},
  targets: {
    firstReply: { minutes: 60, time: 'business' },
    nextReply: { minutes: 60, time: 'business' },
    resolution: { minutes: 8 * 60, time: 'business' }
  },
  calendarId: 'helsinki',
  warnAtPercent: 50,
  pauseStatuses: ['pending']
};
const settings: SlaSettings = {
  slaPolicies: [standard],
  calendars: new Map([['helsinki', helsinki]])
};

function newTicket(id: string, subject: string, created: number): Y.Doc {
  const doc = new Y.Doc();
  createTicket(
    doc,
    {
      id,
      workspaceId: 'ws-metrics01',
      subject,
      channel: 'email',
      requesterId: bo.id,
      firstMessage: { kind: 'inbound', body: 'Hello', author: bo }
    },
    bo,
    created
  );
  return doc;
}

function read(doc: Y.Doc): Ticket {
  const ticket = readTicket(doc);
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

/**
 * The worked example. Bo writes on Monday 2 November 2026 at 09:00 (Helsinki, open 9–17
 * Mon–Fri). Aino answers at 10:00 and sets it pending; Bo answers on Tuesday at 09:00 (back
 * to open); the priority is raised at 09:30; the next-reply SLA breaches at 10:00 and the
 * server logs it at 10:30; Lars answers and solves at 11:00. Bo writes again on Wednesday at
 * 09:00 (reopened); Aino answers at 10:00, hands over at 10:10 and solves at 10:30.
 */
function workedExample(): Y.Doc {
  const doc = newTicket('ticket-work01', 'VPN drops', at('2026-11-02T09:00'));
  assign(doc, aino.id, aino, at('2026-11-02T09:55'));
  addThreadEntry(doc, 'reply', 'Try this', aino, at('2026-11-02T10:00'));
  setStatus(doc, 'pending', aino, at('2026-11-02T10:00'));
  addThreadEntry(doc, 'inbound', 'Still broken', bo, at('2026-11-03T09:00'));
  setPriority(doc, 'high', aino, at('2026-11-03T09:30'));
  expect(recordSlaBreaches(doc, settings, at('2026-11-03T10:30')).logged).toEqual(['nextReply']);
  addThreadEntry(doc, 'note', 'Looks like the gateway', lars, at('2026-11-03T10:50'));
  addThreadEntry(doc, 'reply', 'Fixed the gateway', lars, at('2026-11-03T11:00'));
  setStatus(doc, 'solved', lars, at('2026-11-03T11:00'));
  addThreadEntry(doc, 'inbound', 'It broke again', bo, at('2026-11-04T09:00'));
  addThreadEntry(doc, 'reply', 'Replaced the cable', aino, at('2026-11-04T10:00'));
  signHandover(doc, lars.id, aino, at('2026-11-04T10:10'));
  setStatus(doc, 'solved', aino, at('2026-11-04T10:30'));
  return doc;
}

const NOW = at('2026-11-06T12:00');

describe('metrics of one ticket (the worked example)', () => {
  const ticket = read(workedExample());
  const cal = ticketCalendar(ticket, settings);

  it('counts business time on the SLA policy’s calendar', () => {
    expect(cal.timeZone).toBe(ZONE);
  });

  it('first reply: creation to the first public reply', () => {
    expect(firstReplyTime(ticket, cal)).toEqual({ businessMs: HOUR, calendarMs: HOUR });
  });

  it('next replies: each customer message to the public reply that answered it', () => {
    // Tuesday 09:00 → 11:00 (the note at 10:50 is not a reply), Wednesday 09:00 → 10:00.
    expect(nextReplyTimes(ticket, cal)).toEqual([
      { businessMs: 2 * HOUR, calendarMs: 2 * HOUR },
      { businessMs: HOUR, calendarMs: HOUR }
    ]);
  });

  it('full resolution: creation to the final solve, in business and calendar time', () => {
    // Mon 8 h + Tue 8 h + Wed 1.5 h open; 49.5 h on the wall clock.
    expect(fullResolutionTime(ticket, cal)).toEqual({
      businessMs: 17.5 * HOUR,
      calendarMs: 49.5 * HOUR
    });
  });

  it('requester wait: time in new/open/on-hold, not pending nor solved', () => {
    // Mon 09:00–10:00, Tue 09:00–11:00, Wed 09:00–10:30, all inside business hours.
    expect(requesterWaitTime(ticket, cal, NOW)).toEqual({
      businessMs: 4.5 * HOUR,
      calendarMs: 4.5 * HOUR
    });
  });

  it('agent wait: the night in pending counts on the wall clock, not in business time', () => {
    // Mon 10:00 → Tue 09:00: 23 h, of which Mon 10–17 is open.
    expect(agentWaitTime(ticket, cal, NOW)).toEqual({
      businessMs: 7 * HOUR,
      calendarMs: 23 * HOUR
    });
  });

  it('one reopen (pending → open is the customer answering, not a reopen)', () => {
    expect(reopens(ticket)).toBe(1);
  });

  it('three public replies by two agents: not first-contact resolution', () => {
    expect(touches(ticket)).toBe('multi-touch');
    expect(firstContactResolved(ticket)).toBe(false);
  });

  it('agent work time: sittings of each agent’s own actions, the customer’s not counted', () => {
    const actions = agentActions(ticket);
    expect([...actions.keys()].sort()).toEqual([aino.id, lars.id]);
    const work = agentWorkTime(ticket);
    // Aino: Mon 09:55–10:00, Tue 09:30, Wed 10:00–10:10 and Wed 10:30 (20 min after the
    // handover: a new sitting): 5 + 0 + 10 + 0 min, plus 4 sittings × 5 min.
    expect(work.byAgent.get(aino.id)).toBe(35 * MINUTE);
    // Lars: Tue 10:50–11:00: 10 min + 5.
    expect(work.byAgent.get(lars.id)).toBe(15 * MINUTE);
    expect(work.totalMs).toBe(50 * MINUTE);
  });

  it('SLA per target: first reply and resolution achieved, one next reply breached', () => {
    const results = slaResults(ticket, settings, NOW);
    expect(results.map((r) => `${r.metric}:${r.outcome}`).sort()).toEqual([
      'firstReply:achieved',
      'nextReply:achieved',
      'nextReply:breached',
      'resolution:achieved'
    ]);
    const tally = slaTally(results);
    expect(tally.nextReply).toEqual({ achieved: 1, breached: 1, running: 0, achievedPercent: 50 });
    expect(tally.resolution.achievedPercent).toBe(100);
  });

  it('escalations: the logged breach and the priority raise', () => {
    expect(escalations(ticket).map((e) => `${e.kind}:${e.detail}`)).toEqual([
      'priority-raised:high',
      'sla-breach:nextReply'
    ]);
  });
});

describe('metrics over many tickets', () => {
  const worked = read(workedExample());
  // A one-touch ticket: written late on Tuesday evening UTC, which is Wednesday in Helsinki.
  const quick = (() => {
    const doc = newTicket('ticket-quick1', 'Invoice copy', Date.UTC(2026, 10, 3, 22, 30));
    addThreadEntry(doc, 'reply', 'Here it is', lars, at('2026-11-04T09:10'));
    setStatus(doc, 'solved', lars, at('2026-11-04T09:11'));
    return read(doc);
  })();
  const waiting = (() => {
    const doc = newTicket('ticket-wait01', 'Password', at('2026-11-05T14:00'));
    setPriority(doc, 'low', aino, at('2026-11-05T14:05'));
    return read(doc);
  })();
  const all = [worked, quick, waiting];

  it('one-touch resolution counts as first-contact resolution', () => {
    expect(touches(quick)).toBe('one-touch');
    expect(firstContactResolved(quick)).toBe(true);
    expect(touches(waiting)).toBeNull();
    // Lowering a priority is no escalation.
    expect(escalations(waiting)).toEqual([]);
  });

  it('backlog: what was open at an instant', () => {
    const ids = (tickets: Ticket[]) => tickets.map((t) => t.fields.id).sort();
    expect(ids(backlogAt(all, at('2026-11-02T12:00')))).toEqual(['ticket-work01']);
    expect(ids(backlogAt(all, at('2026-11-03T12:00')))).toEqual([]);
    expect(ids(backlogAt(all, at('2026-11-04T09:05')))).toEqual(['ticket-quick1', 'ticket-work01']);
    expect(ids(backlogAt(all, NOW))).toEqual(['ticket-wait01']);
  });

  it('created and solved per day and per week in the team’s time zone', () => {
    expect(createdAndSolved(all, 'day', ZONE)).toEqual([
      { period: '2026-11-02', created: 1, solved: 0 },
      { period: '2026-11-04', created: 1, solved: 2 },
      { period: '2026-11-05', created: 1, solved: 0 }
    ]);
    // In UTC the quick ticket was created on Tuesday.
    expect(createdAndSolved([quick], 'day', 'UTC')[0]?.period).toBe('2026-11-03');
    expect(createdAndSolved(all, 'week', ZONE)).toEqual([
      { period: '2026-11-02', created: 3, solved: 2 }
    ]);
    expect(createdAndSolved(all, 'month', ZONE)[0]?.period).toBe('2026-11-01');
  });

  it('handovers per shift', () => {
    const shifts = [
      { id: 'wed-day', from: at('2026-11-04T08:00'), to: at('2026-11-04T16:00') },
      { id: 'wed-late', from: at('2026-11-04T16:00'), to: at('2026-11-05T00:00') }
    ];
    expect(handoversPerShift(all, shifts)).toEqual(
      new Map([
        ['wed-day', 1],
        ['wed-late', 0]
      ])
    );
  });

  it('cost per ticket from a cost per agent hour', () => {
    // Work: 50 min + quick (Lars 09:10–09:11 + 5 = 6 min) + waiting (Aino 5 min) = 61 min.
    expect(costPerTicket(all, 30)).toBeCloseTo(((61 / 60) * 30) / 3, 10);
    expect(costPerTicket([], 30)).toBeNull();
    expect(costPerSolvedTicket(160, 30, 400)).toBe(12);
    expect(() => costPerTicket(all, -1)).toThrow(RangeError);
  });
});

describe('the customer’s voice', () => {
  it('CSAT: 8 good and 2 bad of 20 surveys is 80 %, half of them answered', () => {
    const answers = [...Array<'good'>(8).fill('good'), 'bad' as const, 'bad' as const];
    expect(csat(answers, 20)).toEqual({
      rated: 10,
      good: 8,
      bad: 2,
      percent: 80,
      responseRate: 50
    });
    expect(csat([5, 4, 3, 1], 4).percent).toBe(50);
    expect(csat([], 0)).toMatchObject({ percent: null, responseRate: null });
    expect(() => csat(['good'], 0)).toThrow(RangeError);
  });

  it('NPS: 30 % promoters and 20 % detractors is +10', () => {
    const result = nps([9, 10, 9, 7, 8, 7, 8, 7, 0, 6]);
    expect(result).toEqual({ answers: 10, promoters: 3, passives: 5, detractors: 2, score: 10 });
    expect(nps([]).score).toBeNull();
    expect(nps([0, 3]).score).toBe(-100);
    expect(() => nps([11])).toThrow(RangeError);
    expect(() => nps([7.5])).toThrow(RangeError);
  });
});
