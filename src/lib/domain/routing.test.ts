import { describe, expect, it } from 'vitest';
import {
  chooseAssignee,
  mayTake,
  openLoad,
  recordRouting,
  requiredSkills,
  routingQueue,
  type RoutingCandidate
} from './routing';
import { MANUAL_ROUTING, type RoutingSettings, type SkillRuleRecord } from './settings';
import { readActivity, readTicketFields, assign } from './ticket';
import { SYSTEM_ACTOR } from './schema';
import { HOUR, T0, makeActor, makeSummary, makeTicketDoc } from './testing/factories';

function rule(id: string, when: SkillRuleRecord['when'], skills: string[]): SkillRuleRecord {
  return { kind: 'skill-rule', id, name: id, position: 1, when, skills };
}

const finnish = rule('finnish', { languages: ['fi'] }, ['finnish']);
const vipEmail = rule('vip-email', { channels: ['email'], tags: ['vip'] }, ['vip-care', 'Email']);

function candidate(id: string, overrides: Partial<RoutingCandidate> = {}): RoutingCandidate {
  return {
    member: { id, skills: [] },
    role: 'agent',
    available: true,
    openTickets: 0,
    ...overrides
  };
}

const routing = (overrides: Partial<RoutingSettings> = {}): RoutingSettings => ({
  ...MANUAL_ROUTING,
  mode: 'round-robin',
  ...overrides
});

describe('requiredSkills', () => {
  it('adds the skills of every rule whose conditions all hold', () => {
    const ticket = { channel: 'email' as const, tags: ['VIP'], language: 'fi' as const };
    expect(requiredSkills(ticket, [finnish, vipEmail])).toEqual(['email', 'finnish', 'vip-care']);
  });

  it('needs every condition of a rule: one missing and the rule does not apply', () => {
    expect(requiredSkills({ channel: 'web', tags: ['vip'], language: 'fi' }, [vipEmail])).toEqual(
      []
    );
    expect(requiredSkills({ channel: 'email', tags: [], language: null }, [vipEmail])).toEqual([]);
    // A ticket whose language nobody detected meets no language condition.
    expect(requiredSkills({ channel: 'email', tags: [] }, [finnish])).toEqual([]);
    expect(requiredSkills({ channel: 'email', tags: [], language: 'da' }, [finnish])).toEqual([]);
  });
});

describe('mayTake', () => {
  const settings = { rules: [finnish] };
  it('lets a member with the skills take the ticket, whatever the case of the skill', () => {
    expect(
      mayTake(
        { skills: ['Finnish', 'billing'] },
        { channel: 'email', tags: [], language: 'fi' },
        settings
      )
    ).toBe(true);
  });
  it('refuses a member without one of the skills', () => {
    expect(
      mayTake({ skills: ['billing'] }, { channel: 'email', tags: [], language: 'fi' }, settings)
    ).toBe(false);
  });
  it('lets anyone take a ticket no rule applies to', () => {
    expect(mayTake({ skills: [] }, { channel: 'email', tags: [], language: 'en' }, settings)).toBe(
      true
    );
  });
});

describe('chooseAssignee', () => {
  const ticket = { channel: 'email' as const, tags: [], language: 'fi' as const };

  it('does nothing in manual mode', () => {
    expect(chooseAssignee(ticket, [candidate('member-a')], MANUAL_ROUTING)).toEqual({
      assigneeId: null,
      why: 'manual'
    });
  });

  it('passes over members off shift, without the skills, at capacity, light agents and viewers', () => {
    const candidates = [
      candidate('member-a', { available: false, member: { id: 'member-a', skills: ['finnish'] } }),
      candidate('member-b', { member: { id: 'member-b', skills: ['danish'] } }),
      candidate('member-c', { openTickets: 3, member: { id: 'member-c', skills: ['finnish'] } }),
      candidate('member-d', {
        role: 'light-agent',
        member: { id: 'member-d', skills: ['finnish'] }
      }),
      candidate('member-e', { role: 'viewer', member: { id: 'member-e', skills: ['finnish'] } }),
      candidate('member-f', { role: null, member: { id: 'member-f', skills: ['finnish'] } })
    ];
    const settings = routing({ rules: [finnish], capacity: 3 });
    expect(chooseAssignee(ticket, candidates, settings)).toEqual({
      assigneeId: null,
      why: 'nobody-available'
    });
    const withRoom = [
      ...candidates,
      candidate('member-g', {
        role: 'owner',
        openTickets: 2,
        member: { id: 'member-g', skills: ['FINNISH'] }
      })
    ];
    expect(chooseAssignee(ticket, withRoom, settings)).toEqual({
      assigneeId: 'member-g',
      reason: { mode: 'round-robin', skills: ['finnish'] }
    });
  });

  it('round-robin: the next member by id after the last one picked, wrapping round', () => {
    const all = [candidate('member-c'), candidate('member-a'), candidate('member-b')];
    const pick = (lastMemberId: string | null) =>
      chooseAssignee(ticket, all, routing({ lastMemberId })).assigneeId;
    expect(pick(null)).toBe('member-a');
    expect(pick('member-a')).toBe('member-b');
    expect(pick('member-b')).toBe('member-c');
    expect(pick('member-c')).toBe('member-a');
    // The last one picked has left or gone off shift: the turn goes on from where they were.
    expect(pick('member-bb')).toBe('member-c');
    const withoutB = [
      candidate('member-a'),
      candidate('member-b', { available: false }),
      candidate('member-c')
    ];
    expect(chooseAssignee(ticket, withoutB, routing({ lastMemberId: 'member-a' })).assigneeId).toBe(
      'member-c'
    );
  });

  it('least-loaded: the fewest open tickets; a tie goes to the lower id', () => {
    const settings = routing({ mode: 'least-loaded' });
    const all = [
      candidate('member-a', { openTickets: 3 }),
      candidate('member-c', { openTickets: 1 }),
      candidate('member-b', { openTickets: 1 })
    ];
    expect(chooseAssignee(ticket, all, settings)).toEqual({
      assigneeId: 'member-b',
      reason: { mode: 'least-loaded', skills: [] }
    });
  });

  it('gives the same answer for the same inputs in any order', () => {
    const all = ['member-d', 'member-b', 'member-a', 'member-c'].map((id, i) =>
      candidate(id, { openTickets: i % 2 })
    );
    for (const mode of ['round-robin', 'least-loaded'] as const) {
      const settings = routing({ mode, lastMemberId: 'member-b' });
      const first = chooseAssignee(ticket, all, settings);
      expect(chooseAssignee(ticket, [...all].reverse(), settings)).toEqual(first);
    }
  });
});

describe('openLoad and routingQueue', () => {
  it('counts open tickets per assignee; solved ones free capacity', () => {
    const load = openLoad([
      makeSummary({ assigneeId: 'member-a', status: 'open' }),
      makeSummary({ assigneeId: 'member-a', status: 'pending' }),
      makeSummary({ assigneeId: 'member-a', status: 'solved' }),
      makeSummary({ assigneeId: 'member-b', status: 'closed' }),
      makeSummary({ assigneeId: null, status: 'new' })
    ]);
    expect([...load]).toEqual([['member-a', 2]]);
  });

  it('queues unassigned new and open tickets, due first, then most urgent, then the oldest', () => {
    const old = makeSummary({ id: 'ticket-old', status: 'new', createdAt: T0 });
    const young = makeSummary({ id: 'ticket-young', status: 'open', createdAt: T0 + HOUR });
    const urgent = makeSummary({
      id: 'ticket-urgent',
      status: 'new',
      priority: 'urgent',
      createdAt: T0 + 2 * HOUR
    });
    const due = makeSummary({
      id: 'ticket-due',
      status: 'new',
      createdAt: T0 + 3 * HOUR,
      nextDueAt: T0 + 4 * HOUR
    });
    const pending = makeSummary({ id: 'ticket-pending', status: 'pending' });
    const taken = makeSummary({ id: 'ticket-taken', status: 'open', assigneeId: 'member-a' });
    expect(routingQueue([old, young, urgent, due, pending, taken]).map((t) => t.id)).toEqual([
      'ticket-due',
      'ticket-urgent',
      'ticket-old',
      'ticket-young'
    ]);
  });
});

describe('recordRouting', () => {
  it('assigns as the system actor and logs the mode and the skills', () => {
    const { doc } = makeTicketDoc();
    expect(
      recordRouting(doc, 'member-a', { mode: 'round-robin', skills: ['finnish', 'vip'] }, T0 + HOUR)
    ).toBe(true);
    expect(readTicketFields(doc)).toMatchObject({ assigneeId: 'member-a', status: 'open' });
    expect(readActivity(doc).slice(-2)).toEqual([
      { at: T0 + HOUR, actorId: SYSTEM_ACTOR.id, kind: 'assignee', from: null, to: 'member-a' },
      {
        at: T0 + HOUR,
        actorId: SYSTEM_ACTOR.id,
        kind: 'routed',
        from: 'round-robin',
        to: 'finnish, vip'
      }
    ]);
  });

  it('leaves a ticket someone took meanwhile alone', () => {
    const { doc } = makeTicketDoc();
    assign(doc, 'member-b', makeActor({ id: 'member-b' }), T0 + 1);
    const before = readActivity(doc).length;
    expect(recordRouting(doc, 'member-a', { mode: 'least-loaded', skills: [] }, T0 + HOUR)).toBe(
      false
    );
    expect(readTicketFields(doc)?.assigneeId).toBe('member-b');
    expect(readActivity(doc)).toHaveLength(before);
  });
});
