import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AutomationRuleRecord,
  DEFAULT_AUTOMATIONS,
  applyAutomation,
  automationEffects,
  automationFieldsProblem,
  automationProblem,
  automationTicketOf,
  automationTicketOfSummary,
  evaluateRule,
  readAutomations,
  runKey,
  seedDefaultAutomations,
  type AutomationContext,
  type AutomationTicket
} from './automation';
import { defaultCalendar } from './business-calendar';
import { MacroRecord } from './macro-record';
import { putSettingsRecord, settingsRecordProblem } from './settings';
import { customFieldsOf, setFieldValue } from './custom-fields';
import { summarize } from './workspace-index';
import {
  addThreadEntry,
  readActivity,
  readCustomFieldValues,
  readThread,
  readTicket,
  readTicketFields,
  setStatus
} from './ticket';
import {
  DAY,
  HOUR,
  T0,
  makeActor,
  makeCustomField,
  makeCustomer,
  makeSummary,
  makeTicketDoc
} from './testing/factories';

const agent = makeActor({ id: 'agent-maya-0001', name: 'Maya Thompson' });
const customer = makeCustomer({ id: 'customer-0001', name: 'Aino Virtanen' });
const people = { customers: { [customer.id]: customer }, members: {} };

function rule(overrides: Partial<AutomationRuleRecord> = {}): AutomationRuleRecord {
  return AutomationRuleRecord.parse({
    id: 'rule-1',
    name: 'Rule',
    position: 1,
    enabled: true,
    trigger: 'time',
    conditions: { status: ['solved'], hoursSinceSolved: { atLeast: (7 * DAY) / HOUR } },
    actions: { status: 'closed' },
    ...overrides
  });
}

/** A ticket document and its state for rules: `status` set at `statusAt` by an agent. */
function ticketAt(status: 'new' | 'open' | 'pending' | 'solved', statusAt = T0) {
  const { doc } = makeTicketDoc(
    { requesterId: customer.id, subject: 'Cannot log in', channel: 'email' },
    agent,
    T0
  );
  if (status !== 'new') setStatus(doc, status, agent, statusAt);
  return { doc, state: () => stateOf(doc) };
}

function stateOf(doc: Y.Doc): AutomationTicket {
  const ticket = readTicket(doc);
  if (!ticket) throw new Error('no ticket');
  return automationTicketOf(ticket, 'Acme Oy', null);
}

const at = (now: number, more: Partial<AutomationContext> = {}): AutomationContext => ({
  now,
  calendar: null,
  ...more
});

describe('rule definitions at the settings boundary', () => {
  it('takes the defaults a new workspace gets', () => {
    for (const record of DEFAULT_AUTOMATIONS) {
      expect(settingsRecordProblem('automations', record.id, record)).toBeNull();
      expect(automationProblem(record)).toBeNull();
    }
  });

  it.each([
    [{ trigger: 'whenever' }, 'trigger'],
    [{ actions: {} }, 'actions: a rule needs an action'],
    [{ conditions: { status: ['pending'] } }, 'conditions: a time rule needs an hours condition'],
    [
      { conditions: { status: ['parked'], hoursSinceCreated: { atLeast: 1 } } },
      'conditions.status.0'
    ],
    [
      { conditions: { hoursSinceCreated: {} } },
      'conditions.hoursSinceCreated: give at least or at most'
    ],
    [
      { conditions: { hoursSinceCreated: { atLeast: 5, atMost: 2 } } },
      'conditions.hoursSinceCreated: at least is more than at most'
    ],
    [
      { conditions: { hoursSinceCreated: { atLeast: -1 } } },
      'conditions.hoursSinceCreated.atLeast'
    ],
    [{ actions: { addTags: ['vip'], removeTags: ['VIP'] } }, 'actions.removeTags: the tag VIP'],
    [{ actions: { status: 'closed', shell: 'rm -rf /' } }, 'actions'],
    [{ name: '   ' }, 'name'],
    [{ id: 'Not An Id' }, 'id'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ position: Number.NaN }, 'position'],
    [
      { trigger: 'created', conditions: { calendarId: 'main' }, actions: { priority: 'high' } },
      'conditions.calendarId: a calendar is only for the business-hours condition'
    ]
  ])('refuses %j naming the field (%s)', (overrides, field) => {
    const value = { ...DEFAULT_AUTOMATIONS[2], ...overrides };
    const problem = settingsRecordProblem('automations', String(value.id), value);
    expect(problem).toContain(field);
  });

  it('refuses a template with an unknown variable or unbalanced tags, naming the action', () => {
    const base = { ...DEFAULT_AUTOMATIONS[0] } as AutomationRuleRecord;
    expect(automationProblem({ ...base, actions: { reply: 'Hi {{ ticket.nope }}' } })).toMatch(
      /^actions\.reply: unknown variable ticket\.nope/
    );
    expect(automationProblem({ ...base, actions: { note: '{% if true %}open' } })).toMatch(
      /^actions\.note: /
    );
  });

  it('refuses garbage without throwing', () => {
    for (const garbage of [null, 42, 'rule', [], { id: 'x' }, { __proto__: { id: 'x' } }]) {
      expect(automationProblem(garbage)).not.toBeNull();
    }
  });

  it('reads rules in order and seeds the defaults only into an empty root', () => {
    const doc = new Y.Doc();
    expect(seedDefaultAutomations(doc)).toBe(true);
    expect(readAutomations(doc).map((r) => r.id)).toEqual([
      'remind-pending',
      'solve-pending',
      'close-solved'
    ]);
    expect(
      putSettingsRecord(doc, 'automations', { ...DEFAULT_AUTOMATIONS[2], enabled: false })
    ).toBeNull();
    doc.getMap('automations').set('broken', { id: 'broken' });
    expect(seedDefaultAutomations(doc)).toBe(false);
    const rules = readAutomations(doc);
    expect(rules).toHaveLength(3);
    expect(rules.find((r) => r.id === 'close-solved')?.enabled).toBe(false);
  });
});

describe('evaluating a rule (fake clock)', () => {
  it('closes a ticket solved seven days ago, not one solved six days ago', () => {
    const { state } = ticketAt('solved', T0);
    const close = rule();
    expect(evaluateRule(close, state(), at(T0 + 6 * DAY))).toEqual({
      kind: 'skip',
      reason: 'conditions'
    });
    const outcome = evaluateRule(close, state(), at(T0 + 7 * DAY));
    expect(outcome.kind).toBe('run');
    if (outcome.kind === 'run') expect(outcome.actions).toEqual([{ kind: 'status', to: 'closed' }]);
  });

  it('counts pending time from when the ticket became pending, not when it was created', () => {
    const { state } = ticketAt('pending', T0 + 10 * DAY);
    const solve = DEFAULT_AUTOMATIONS[1] as AutomationRuleRecord;
    expect(evaluateRule(solve, state(), at(T0 + 20 * DAY)).kind).toBe('skip');
    expect(evaluateRule(solve, state(), at(T0 + 24 * DAY)).kind).toBe('run');
  });

  it('rules a summary out when it cannot match, and in when it may (then the document decides)', () => {
    const solve = DEFAULT_AUTOMATIONS[1] as AutomationRuleRecord;
    const young = automationTicketOfSummary(
      makeSummary({ status: 'pending', createdAt: T0, updatedAt: T0 + DAY }),
      null
    );
    expect(evaluateRule(solve, young, at(T0 + 13 * DAY)).kind).toBe('skip');
    expect(evaluateRule(solve, young, at(T0 + 15 * DAY)).kind).toBe('run');
  });

  it('matches on the ticket fields, the requester and organisation and the subject', () => {
    const { state } = ticketAt('open', T0);
    const base = { trigger: 'updated' as const, actions: { priority: 'high' as const } };
    const matches = (conditions: AutomationRuleRecord['conditions']) =>
      evaluateRule(rule({ ...base, conditions }), state(), at(T0 + HOUR)).kind === 'run';
    expect(matches({ status: ['open'], priority: ['normal'], assignee: ['none'] })).toBe(true);
    expect(matches({ status: ['pending'] })).toBe(false);
    expect(matches({ requester: [customer.id], organisation: ['acme oy'] })).toBe(true);
    expect(matches({ organisation: ['Other Ltd'] })).toBe(false);
    expect(matches({ subjectContains: 'LOG IN' })).toBe(true);
    expect(matches({ subjectContains: 'invoice' })).toBe(false);
    expect(matches({ channel: ['email'] })).toBe(true);
    expect(matches({ tagsAll: ['vip'] })).toBe(false);
    expect(matches({ tagsNone: ['vip'] })).toBe(true);
    expect(matches({ hoursSinceUpdated: { atMost: 2 } })).toBe(true);
    expect(matches({ hoursSinceCreated: { atLeast: 2 } })).toBe(false);
  });

  it('knows the time of day in the team calendar', () => {
    const { state } = ticketAt('open', T0);
    // T0 is a Tuesday 10:00 UTC; the default calendar is open 9–17 on weekdays.
    const calendar = defaultCalendar('UTC');
    const inHours = rule({
      trigger: 'updated',
      conditions: { businessHours: 'open' },
      actions: { addTags: ['day-shift'] }
    });
    expect(evaluateRule(inHours, state(), at(T0, { calendar })).kind).toBe('run');
    expect(evaluateRule(inHours, state(), at(T0 + 10 * HOUR, { calendar })).kind).toBe('skip');
    const outOfHours = rule({ ...inHours, conditions: { businessHours: 'closed' } });
    expect(evaluateRule(outOfHours, state(), at(T0 + 10 * HOUR, { calendar })).kind).toBe('run');
  });

  it('acts on hours until the SLA breaches', () => {
    const { doc } = ticketAt('open', T0);
    const ticket = readTicket(doc);
    if (!ticket) throw new Error('no ticket');
    const due = automationTicketOf(ticket, null, T0 + 2 * HOUR);
    const escalate = rule({
      conditions: { status: ['open'], hoursUntilBreach: { atMost: 1 } },
      actions: { priority: 'urgent' }
    });
    expect(evaluateRule(escalate, due, at(T0)).kind).toBe('skip');
    expect(evaluateRule(escalate, due, at(T0 + HOUR)).kind).toBe('run');
    expect(evaluateRule(escalate, { ...due, nextDueAt: null }, at(T0 + HOUR)).kind).toBe('skip');
  });

  it('does nothing for a rule that is off, or whose actions change nothing', () => {
    const { state } = ticketAt('solved', T0);
    expect(evaluateRule(rule({ enabled: false }), state(), at(T0 + 8 * DAY))).toEqual({
      kind: 'skip',
      reason: 'off'
    });
    const already = rule({
      conditions: { status: ['solved'], hoursSinceSolved: { atLeast: 1 } },
      actions: { status: 'solved' }
    });
    expect(evaluateRule(already, state(), at(T0 + 8 * DAY))).toEqual({
      kind: 'skip',
      reason: 'nothing-to-do'
    });
  });

  it('fires a trigger only for events after the rule was first seen', () => {
    const { doc, state } = ticketAt('new', T0);
    addThreadEntry(doc, 'inbound', 'Help!', { id: customer.id, name: customer.name }, T0 + HOUR);
    const onMail = rule({
      trigger: 'mail-received',
      conditions: {},
      actions: { addTags: ['mail'] }
    });
    expect(
      evaluateRule(onMail, state(), at(T0 + 2 * HOUR, { activeSince: T0 + 90 * 60_000 }))
    ).toEqual({ kind: 'skip', reason: 'before-rule' });
    expect(evaluateRule(onMail, state(), at(T0 + 2 * HOUR, { activeSince: T0 })).kind).toBe('run');
  });
});

describe('once per ticket state', () => {
  it('keys a time rule on the state, so a reminder reply does not make it due again', () => {
    const { doc, state } = ticketAt('pending', T0);
    const remind = DEFAULT_AUTOMATIONS[0] as AutomationRuleRecord;
    const first = evaluateRule(remind, state(), at(T0 + 7 * DAY));
    if (first.kind !== 'run') throw new Error(`expected a run, got ${first.kind}`);
    const applied = applyAutomation(doc, remind, first.actions, people, T0 + 7 * DAY);
    expect(applied.ok).toBe(true);
    const second = evaluateRule(remind, state(), at(T0 + 8 * DAY));
    expect(second.kind === 'run' && second.key).toBe(first.key);
    // Pending again later: a new state, a new reminder.
    setStatus(doc, 'open', agent, T0 + 9 * DAY);
    setStatus(doc, 'pending', agent, T0 + 10 * DAY);
    const third = evaluateRule(remind, state(), at(T0 + 17 * DAY));
    expect(third.kind).toBe('run');
    expect(third.kind === 'run' && third.key).not.toBe(first.key);
  });

  it('keys mail-received on the message, and created on the ticket', () => {
    const { doc, state } = ticketAt('new', T0);
    const created = rule({ trigger: 'created', conditions: {}, actions: { addTags: ['new'] } });
    const key = runKey(created, state());
    setStatus(doc, 'open', agent, T0 + HOUR);
    expect(runKey(created, state())).toBe(key);
    const onMail = rule({ trigger: 'mail-received', conditions: {}, actions: { addTags: ['m'] } });
    expect(runKey(onMail, state())).toBeNull();
    addThreadEntry(doc, 'inbound', 'One', { id: customer.id, name: customer.name }, T0 + HOUR);
    const one = runKey(onMail, state());
    addThreadEntry(doc, 'inbound', 'Two', { id: customer.id, name: customer.name }, T0 + HOUR);
    expect(runKey(onMail, state())).not.toBe(one);
  });
});

describe('the loop guard', () => {
  it('stops a rule on "updated" whose note would update the ticket it still matches', () => {
    const { state } = ticketAt('open', T0);
    const noisy = rule({
      trigger: 'updated',
      conditions: { status: ['open'] },
      actions: { note: 'Still open.' }
    });
    expect(evaluateRule(noisy, state(), at(T0 + HOUR)).kind).toBe('loop');
  });

  it('stops a rule on "replied" that replies', () => {
    const { doc, state } = ticketAt('open', T0);
    addThreadEntry(doc, 'reply', 'Hello', agent, T0 + HOUR);
    const echo = rule({ trigger: 'replied', conditions: {}, actions: { reply: 'Thanks!' } });
    expect(evaluateRule(echo, state(), at(T0 + 2 * HOUR)).kind).toBe('loop');
  });

  it('lets a rule run whose actions nullify its conditions or reach a fixed point', () => {
    const { state } = ticketAt('open', T0);
    const tagOnce = rule({
      trigger: 'updated',
      conditions: { status: ['open'], tagsNone: ['seen'] },
      actions: { addTags: ['seen'], note: 'Seen by the robot.' }
    });
    expect(evaluateRule(tagOnce, state(), at(T0 + HOUR)).kind).toBe('run');
    const raise = rule({
      trigger: 'updated',
      conditions: { status: ['open'] },
      actions: { priority: 'high' }
    });
    expect(evaluateRule(raise, state(), at(T0 + HOUR)).kind).toBe('run');
    for (const record of DEFAULT_AUTOMATIONS) {
      const { state: pending } = ticketAt(record.id === 'close-solved' ? 'solved' : 'pending', T0);
      expect(evaluateRule(record, pending(), at(T0 + 30 * DAY)).kind).toBe('run');
    }
  });
});

describe('a run on the ticket document', () => {
  it('closes the ticket as the system actor and logs the rule by name', () => {
    const { doc, state } = ticketAt('solved', T0);
    const close = DEFAULT_AUTOMATIONS[2] as AutomationRuleRecord;
    const outcome = evaluateRule(close, state(), at(T0 + 8 * DAY));
    if (outcome.kind !== 'run') throw new Error('expected a run');
    expect(applyAutomation(doc, close, outcome.actions, people, T0 + 8 * DAY)).toEqual({
      ok: true,
      effects: ['status:closed'],
      notified: []
    });
    expect(readTicketFields(doc)?.status).toBe('closed');
    const log = readActivity(doc).slice(-2);
    expect(log[0]).toMatchObject({ kind: 'status', actorId: 'system-baton', to: 'closed' });
    expect(log[1]).toEqual({
      at: T0 + 8 * DAY,
      actorId: 'system-baton',
      kind: 'automation',
      from: 'Auto-close',
      to: 'status:closed'
    });
    expect(automationEffects(log[1]?.to)).toEqual(['status:closed']);
  });

  it('renders the reply for the customer and applies a macro', () => {
    const { doc, state } = ticketAt('pending', T0);
    const macro = MacroRecord.parse({
      id: 'chase',
      name: 'Chase',
      note: 'Chased {{ requester.first_name }}.',
      actions: { addTags: ['chased'], priority: 'low' }
    });
    const chase = rule({
      conditions: { status: ['pending'], hoursSincePending: { atLeast: 24 }, tagsNone: ['chased'] },
      actions: { macroId: 'chase', reply: 'Hi {{ requester.first_name | default: "there" }}' }
    });
    const missing = evaluateRule(chase, state(), at(T0 + 2 * DAY));
    expect(missing.kind).toBe('broken');
    // Without the condition its own tag nullifies, the reply would go again: the guard stops it.
    const unguarded = rule({
      ...chase,
      conditions: { status: ['pending'], hoursSincePending: { atLeast: 24 } }
    });
    const macros = new Map([['chase', macro]]);
    expect(evaluateRule(unguarded, state(), at(T0 + 2 * DAY, { macros })).kind).toBe('loop');
    const outcome = evaluateRule(
      chase,
      state(),
      at(T0 + 2 * DAY, { macros: new Map([['chase', macro]]) })
    );
    if (outcome.kind !== 'run') throw new Error(`expected a run, got ${outcome.kind}`);
    const result = applyAutomation(doc, chase, outcome.actions, people, T0 + 2 * DAY);
    expect(result.ok && result.effects.sort()).toEqual(['note', 'priority:low', 'reply', 'tags']);
    const thread = readThread(doc);
    expect(thread.map((e) => [e.kind, e.body, e.authorId])).toEqual([
      ['note', 'Chased Aino.', 'system-baton'],
      ['reply', 'Hi Aino', 'system-baton']
    ]);
  });

  it('matches on custom fields and sets them, its own value over its macro’s, logged', () => {
    const plan = makeCustomField({
      type: 'dropdown',
      key: 'plan',
      label: 'Plan',
      options: [
        { id: 'basic', label: 'Basic' },
        { id: 'premium', label: 'Premium' }
      ]
    });
    const seats = makeCustomField({ type: 'number', key: 'seats', label: 'Seats' });
    const definitions = customFieldsOf([
      [plan.id, plan],
      [seats.id, seats]
    ]);
    const withFields = {
      ...people,
      fields: { definitions, words: { locale: 'en', yes: 'yes', no: 'no' } }
    };
    const { doc, state } = ticketAt('open', T0);
    setFieldValue(doc, seats, 50, agent, T0);
    const upgrade = rule({
      trigger: 'updated',
      conditions: { fields: [{ key: 'seats', op: 'between', min: 20 }] },
      actions: { macroId: 'big', fields: { plan: 'premium' } }
    });
    const macros = new Map([
      [
        'big',
        MacroRecord.parse({
          id: 'big',
          name: 'Big customer',
          actions: { fields: { plan: 'basic', seats: 100 }, priority: 'high' }
        })
      ]
    ]);
    // The summary says as much as the document (the index carries the values).
    expect(
      evaluateRule(upgrade, automationTicketOfSummary(summarize(readTicket(doc)!), null), at(T0))
        .kind
    ).not.toBe('skip');
    const outcome = evaluateRule(upgrade, state(), at(T0 + HOUR, { macros }));
    if (outcome.kind !== 'run') throw new Error(`expected a run, got ${outcome.kind}`);
    const result = applyAutomation(doc, upgrade, outcome.actions, withFields, T0 + HOUR);
    expect(result.ok && result.effects.sort()).toEqual(['fields', 'priority:high']);
    expect(readCustomFieldValues(doc)).toEqual({ plan: 'premium', seats: 100 });
    expect(automationEffects(readActivity(doc).at(-1)?.to)).toEqual(
      expect.arrayContaining(['fields'])
    );
    // Done once: the same state asks nothing more of it.
    expect(evaluateRule(upgrade, state(), at(T0 + 2 * HOUR, { macros })).kind).toBe('skip');
    // Fewer seats: the condition no longer holds.
    setFieldValue(doc, seats, 5, agent, T0 + 3 * HOUR);
    expect(evaluateRule(upgrade, state(), at(T0 + 4 * HOUR, { macros }))).toEqual({
      kind: 'skip',
      reason: 'conditions'
    });
    // At save: fields the workspace does not define are refused, naming them.
    expect(automationFieldsProblem(upgrade, definitions)).toBeNull();
    expect(
      automationFieldsProblem(
        rule({
          trigger: 'updated',

          conditions: { ...upgrade.conditions, fields: [{ key: 'tier', op: 'set', value: true }] }
        }),
        definitions
      )
    ).toBe('conditions.fields.0.key: the workspace has no field tier');
    expect(
      automationFieldsProblem(rule({ actions: { fields: { plan: 'gold' } } }), definitions)
    ).toMatch(/^actions\.fields\.plan: /);
  });

  it('writes nothing when a template does not render', () => {
    const { doc } = ticketAt('open', T0);
    const before = Y.encodeStateAsUpdate(doc);
    const result = applyAutomation(
      doc,
      { id: 'bad', name: 'Bad' },
      [
        { kind: 'status', to: 'solved' },
        { kind: 'reply', template: '{{ ticket.nope }}' }
      ],
      people,
      T0 + HOUR
    );
    expect(result.ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
