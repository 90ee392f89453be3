import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from './business-calendar';
import type { CalendarRecord, SlaPolicyRecord } from './settings';
import { firstDue, riskAt } from './sla';
import { addThreadEntry, createTicket, readTicket, setPriority, setStatus } from './ticket';
import {
  recordedSlaPolicy,
  recordSlaBreaches,
  recordSlaPolicy,
  ticketDue,
  ticketSla,
  type SlaSettings
} from './ticket-sla';
import { SYSTEM_ACTOR } from './schema';
import { putSummary, sameSummary, summarize } from './workspace-index';

const ZONE = 'Europe/Helsinki';
const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;
const agent = { id: 'member-aaaa01', name: 'Aino' };
const customer = { id: 'customer-bbbb01', name: 'Bo' };

const helsinki: CalendarRecord = { id: 'helsinki', name: 'Helsinki', ...defaultCalendar(ZONE) };
const urgent: SlaPolicyRecord = {
  id: 'urgent',
  name: 'Urgent',
  position: 1,
  conditions: { priorities: ['urgent'] },
  targets: {
    firstReply: { minutes: 60, time: 'business' },
    resolution: { minutes: 8 * 60, time: 'business' }
  },
  calendarId: 'helsinki',
  warnAtPercent: 50,
  pauseStatuses: ['pending']
};
const settings: SlaSettings = {
  slaPolicies: [urgent],
  calendars: new Map([['helsinki', helsinki]])
};

function ticketDoc(priority: 'urgent' | 'normal', created: number): Y.Doc {
  const doc = new Y.Doc();
  createTicket(
    doc,
    {
      id: 'ticket-cccc01',
      workspaceId: 'ws-dddd01',
      subject: 'VPN down',
      priority,
      channel: 'email',
      requesterId: customer.id,
      firstMessage: { kind: 'inbound', body: 'Help', author: customer }
    },
    customer,
    created
  );
  return doc;
}

function ticketOf(doc: Y.Doc) {
  const ticket = readTicket(doc);
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

describe('a ticket under its policy', () => {
  const friday = at('2026-11-27T16:30');

  it('an urgent mail on Friday 16:30 is due Monday 09:30, warning at Friday closing time', () => {
    const ticket = ticketOf(ticketDoc('urgent', friday));
    expect(ticketDue(ticket, settings)).toEqual({
      slaPolicyId: 'urgent',
      nextDueAt: at('2026-11-30T09:30'),
      dueWarnAt: at('2026-11-27T17:00')
    });
    const sla = ticketSla(ticket, settings, at('2026-11-30T09:10'));
    expect(sla?.policy.id).toBe('urgent');
    expect(sla?.clocks.map((c) => [c.metric, c.state, c.warning])).toEqual([
      ['firstReply', 'running', true],
      ['resolution', 'running', false]
    ]);
  });

  it('has no due time when no policy applies, and gets one when it starts to', () => {
    const doc = ticketDoc('normal', friday);
    expect(ticketDue(ticketOf(doc), settings)).toBeNull();
    setPriority(doc, 'urgent', agent, at('2026-11-30T10:00'));
    expect(ticketDue(ticketOf(doc), settings)?.nextDueAt).toBe(at('2026-11-30T09:30'));
  });

  it('moves on to the resolution deadline after the first reply, and to none while pending', () => {
    const doc = ticketDoc('urgent', friday);
    addThreadEntry(doc, 'reply', 'On it', agent, at('2026-11-30T09:10'));
    expect(ticketDue(ticketOf(doc), settings)?.nextDueAt).toBe(at('2026-11-30T16:30'));
    setStatus(doc, 'pending', agent, at('2026-11-30T09:15'));
    // Still under the policy, with no clock running.
    expect(ticketDue(ticketOf(doc), settings)).toEqual({ slaPolicyId: 'urgent' });
  });

  it("applies a policy for the requester's organisation, as the index says it is", () => {
    const vip: SlaPolicyRecord = {
      ...urgent,
      id: 'vip',
      name: 'Nordbank',
      position: 0,
      conditions: { organisations: ['Nordbank'] },
      targets: { firstReply: { minutes: 30, time: 'business' } }
    };
    const ticket = ticketOf(ticketDoc('urgent', friday));
    const organisations = new Map([[customer.id, 'Nordbank']]);
    const withVip = { ...settings, slaPolicies: [vip, urgent] };
    expect(ticketDue(ticket, withVip)?.slaPolicyId).toBe('urgent');
    expect(
      ticketDue(ticket, { ...withVip, organisationOf: (id) => organisations.get(id) ?? null })
    ).toMatchObject({ slaPolicyId: 'vip', nextDueAt: at('2026-11-27T17:00') });
    organisations.set(customer.id, 'Elsewhere');
    expect(
      ticketDue(ticket, { ...withVip, organisationOf: (id) => organisations.get(id) ?? null })
        ?.slaPolicyId
    ).toBe('urgent');
  });

  it('does not depend on when it is computed', () => {
    const ticket = ticketOf(ticketDoc('urgent', friday));
    const early = ticketSla(ticket, settings, friday)?.clocks.map((c) => c.dueAt);
    const late = ticketSla(ticket, settings, at('2026-12-10T12:00'))?.clocks.map((c) => c.dueAt);
    expect(late).toEqual(early);
  });
});

describe('the board and the ticket page agree', () => {
  it("the summary's deadline is the ticket page's first running clock, over seeded histories", () => {
    let seed = 20261127;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const everyone: SlaPolicyRecord = {
      ...urgent,
      id: 'everyone',
      position: 2,
      conditions: {},
      targets: {
        firstReply: { minutes: 4 * 60, time: 'business' },
        nextReply: { minutes: 2 * 60, time: 'calendar' },
        resolution: { minutes: 16 * 60, time: 'business' }
      },
      warnAtPercent: 75,
      pauseStatuses: ['pending', 'on-hold']
    };
    const both: SlaSettings = { ...settings, slaPolicies: [urgent, everyone] };
    let running = 0;
    for (let i = 0; i < 150; i++) {
      let t = at('2026-11-23T08:00') + Math.floor(random() * 10 * 24) * 3_600_000;
      const doc = ticketDoc(random() < 0.5 ? 'urgent' : 'normal', t);
      for (let step = Math.floor(random() * 6); step > 0; step--) {
        t += Math.floor(random() * 20 * 3_600_000);
        const what = random();
        if (what < 0.3) addThreadEntry(doc, 'reply', 'Answer', agent, t);
        else if (what < 0.5) addThreadEntry(doc, 'inbound', 'More', customer, t);
        else if (what < 0.65) setStatus(doc, 'pending', agent, t);
        else if (what < 0.75) setStatus(doc, 'on-hold', agent, t);
        else if (what < 0.85) setStatus(doc, 'solved', agent, t);
        else setStatus(doc, 'open', agent, t);
      }
      const ticket = ticketOf(doc);
      const summary = ticketDue(ticket, both);
      const page = ticketSla(ticket, both, ticket.fields.updatedAt + 3_600_000);
      expect(summary?.slaPolicyId).toBe(page?.policy.id);
      const clock = page ? firstDue(page.clocks) : null;
      expect(summary?.nextDueAt).toBe(clock?.dueAt);
      expect(summary?.dueWarnAt).toBe(clock?.warnAt);
      if (clock) running++;
    }
    // The histories cover tickets with a clock running and without.
    expect(running).toBeGreaterThan(20);
    expect(running).toBeLessThan(150);
  });
});

describe('recordSlaPolicy', () => {
  const friday = at('2026-11-27T16:30');
  const normal: SlaPolicyRecord = {
    ...urgent,
    id: 'normal',
    name: 'Everything else',
    position: 2,
    conditions: {},
    targets: { firstReply: { minutes: 8 * 60, time: 'business' } }
  };
  const both: SlaSettings = { ...settings, slaPolicies: [urgent, normal] };
  const policyEntries = (doc: Y.Doc) =>
    ticketOf(doc)
      .activity.filter((entry) => entry.kind === 'sla-policy')
      .map((entry) => [entry.actorId, entry.from, entry.to]);

  it('records the policy when it first matches, once, as the system actor', () => {
    const doc = ticketDoc('urgent', friday);
    expect(recordSlaPolicy(doc, both, friday + 1)).toBe(true);
    expect(recordSlaPolicy(doc, both, friday + 2)).toBe(false);
    expect(policyEntries(doc)).toEqual([[SYSTEM_ACTOR.id, 'urgent', 'Urgent']]);
    expect(recordedSlaPolicy(ticketOf(doc).activity)).toBe('urgent');
  });

  it('records another policy when a change to the ticket makes it apply, and none when none does', () => {
    const doc = ticketDoc('urgent', friday);
    recordSlaPolicy(doc, both, friday + 1);
    setPriority(doc, 'normal', agent, friday + 2);
    expect(recordSlaPolicy(doc, both, friday + 3)).toBe(true);
    // The policies change: only the urgent one is left, and this ticket is not urgent.
    expect(recordSlaPolicy(doc, settings, friday + 4)).toBe(true);
    expect(recordSlaPolicy(doc, settings, friday + 5)).toBe(false);
    expect(policyEntries(doc)).toEqual([
      [SYSTEM_ACTOR.id, 'urgent', 'Urgent'],
      [SYSTEM_ACTOR.id, 'normal', 'Everything else'],
      [SYSTEM_ACTOR.id, null, null]
    ]);
    expect(recordedSlaPolicy(ticketOf(doc).activity)).toBeNull();
  });

  it('writes nothing for a ticket no policy ever matched', () => {
    const doc = ticketDoc('normal', friday);
    expect(recordSlaPolicy(doc, settings, friday + 1)).toBe(false);
    expect(policyEntries(doc)).toEqual([]);
  });
});

describe('the summary', () => {
  it('carries the due time with the settings, none without, and a change either way is written', () => {
    const ticket = ticketOf(ticketDoc('urgent', at('2026-11-27T16:30')));
    const withDue = summarize(ticket, settings);
    const without = summarize(ticket);
    expect(withDue.nextDueAt).toBe(at('2026-11-30T09:30'));
    expect(withDue.slaPolicyId).toBe('urgent');
    expect('nextDueAt' in without).toBe(false);
    expect('slaPolicyId' in without).toBe(false);
    expect(sameSummary(withDue, without)).toBe(false);
    expect(sameSummary(without, withDue)).toBe(false);
    const index = new Y.Doc();
    expect(putSummary(index, withDue)).toBe(true);
    expect(putSummary(index, without)).toBe(true);
    expect(putSummary(index, without)).toBe(false);
  });
});

describe('riskAt', () => {
  it('is ok, then warning, then breached', () => {
    const due = { dueAt: 1000, warnAt: 500 };
    expect([riskAt(due, 499), riskAt(due, 500), riskAt(due, 999), riskAt(due, 1000)]).toEqual([
      'ok',
      'warning',
      'warning',
      'breached'
    ]);
    expect(riskAt({ dueAt: 1000 }, 900)).toBe('ok');
  });
});

describe('recordSlaBreaches', () => {
  it('logs each breached clock once, as the system actor, and says when to look next', () => {
    const friday = at('2026-11-27T16:30');
    const doc = ticketDoc('urgent', friday);
    const early = recordSlaBreaches(doc, settings, at('2026-11-27T16:45'));
    expect(early).toEqual({ logged: [], nextCheckAt: at('2026-11-30T09:30') });
    const late = recordSlaBreaches(doc, settings, at('2026-11-30T10:00'));
    expect(late).toEqual({ logged: ['firstReply'], nextCheckAt: at('2026-11-30T16:30') });
    expect(recordSlaBreaches(doc, settings, at('2026-11-30T10:05')).logged).toEqual([]);
    const entries = ticketOf(doc).activity.filter((entry) => entry.kind === 'sla-breach');
    expect(entries).toEqual([
      {
        at: at('2026-11-30T10:00'),
        actorId: SYSTEM_ACTOR.id,
        kind: 'sla-breach',
        from: 'firstReply',
        to: friday
      }
    ]);
    // Resolution breaches later: its own entry.
    expect(recordSlaBreaches(doc, settings, at('2026-11-30T17:00')).logged).toEqual(['resolution']);
  });
});
