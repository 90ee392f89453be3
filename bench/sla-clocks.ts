/**
 * SLA clocks for a 10,000-ticket workspace: the time to compute every ticket's clocks and its
 * next due time (`ticketDue`, which the index's `nextDueAt` and the board's timers come from)
 * from the tickets' own histories, as the index projection does for the whole index when the
 * workspace's service levels change (in the browser and on the server alike: pure domain code).
 *
 * The tickets are real ticket documents written through the domain (created over two weeks, a
 * customer message each; a third answered; a fifth set pending and reopened; every priority),
 * on a Helsinki calendar with Finnish public holidays and three policies. What is timed is
 * `ticketDue` over all of them, after `readTicket`, median of several passes; the first pass
 * (which warms the calendar's tables) is reported apart.
 */
import * as Y from 'yjs';
import { defaultCalendar } from '../src/lib/domain/business-calendar.ts';
import { holidayDates } from '../src/lib/domain/public-holidays.ts';
import { TICKET_PRIORITIES, type Actor } from '../src/lib/domain/schema.ts';
import type { CalendarRecord, SlaPolicyRecord } from '../src/lib/domain/settings.ts';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  setStatus,
  type Ticket
} from '../src/lib/domain/ticket.ts';
import { ticketDue, type SlaSettings } from '../src/lib/domain/ticket-sla.ts';
import { loadTemporal } from '../src/lib/domain/temporal.ts';
import { median } from './stats.ts';

const MINUTE = 60_000;
const agent: Actor = { id: 'member-bench01', name: 'Aino' };
const customer: Actor = { id: 'customer-bench01', name: 'Bo' };

function settings(year: number): SlaSettings {
  const helsinki: CalendarRecord = {
    id: 'helsinki',
    name: 'Helsinki',
    ...defaultCalendar('Europe/Helsinki'),
    holidays: holidayDates('FI', [year - 1, year, year + 1], ['bank'])
  };
  const policy = (
    id: string,
    position: number,
    priorities: SlaPolicyRecord['conditions']['priorities'],
    firstReply: number,
    resolution: number
  ): SlaPolicyRecord => ({
    id,
    name: id,
    position,
    conditions: priorities ? { priorities } : {},
    targets: {
      firstReply: { minutes: firstReply, time: 'business' },
      nextReply: { minutes: firstReply * 2, time: 'business' },
      resolution: { minutes: resolution, time: 'business' }
    },
    calendarId: 'helsinki',
    warnAtPercent: 75,
    pauseStatuses: ['pending']
  });
  return {
    calendars: new Map([['helsinki', helsinki]]),
    slaPolicies: [
      policy('urgent', 1, ['urgent'], 60, 8 * 60),
      policy('high', 2, ['high'], 4 * 60, 3 * 8 * 60),
      policy('everything-else', 3, undefined, 8 * 60, 5 * 8 * 60)
    ]
  };
}

function makeTickets(count: number, now: number): Ticket[] {
  const out: Ticket[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    const created = now - ((i * 2 * MINUTE) % (14 * 24 * 60 * MINUTE));
    createTicket(
      doc,
      {
        workspaceId: 'ws-bench-000001',
        subject: `Bench ticket ${i}`,
        priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!,
        channel: 'email',
        firstMessage: { kind: 'inbound', body: 'The export stops halfway.', author: customer }
      },
      customer,
      created
    );
    if (i % 3 === 0) addThreadEntry(doc, 'reply', 'Looking into it.', agent, created + 30 * MINUTE);
    if (i % 5 === 0) {
      setStatus(doc, 'pending', agent, created + 40 * MINUTE);
      addThreadEntry(doc, 'inbound', 'Any news?', customer, created + 6 * 60 * MINUTE);
    }
    const ticket = readTicket(doc);
    if (!ticket) throw new Error('a bench ticket did not read back');
    out.push(ticket);
    doc.destroy();
  }
  return out;
}

export interface SlaClocksResult {
  tickets: number;
  /** With a running clock after the computation (what the board shows a timer for). */
  withDue: number;
  firstPassMs: number;
  passesMs: number[];
}

export async function slaClocksBench(count = 10_000, passes = 7): Promise<SlaClocksResult> {
  await loadTemporal();
  const now = Date.now();
  const sla = settings(new Date(now).getUTCFullYear());
  const tickets = makeTickets(count, now);
  let withDue = 0;
  const pass = () => {
    const start = performance.now();
    let due = 0;
    for (const ticket of tickets) if (ticketDue(ticket, sla)) due++;
    withDue = due;
    return performance.now() - start;
  };
  const firstPassMs = pass();
  const passesMs: number[] = [];
  for (let i = 0; i < passes; i++) passesMs.push(pass());
  return { tickets: count, withDue, firstPassMs, passesMs };
}

// `node --import tsx bench/sla-clocks.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await slaClocksBench();
  console.log({ ...result, medianMs: median(result.passesMs) });
}
