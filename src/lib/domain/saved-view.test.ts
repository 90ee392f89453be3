import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  PERSONAL_ROOT,
  SavedViewRecord,
  matchesSavedView,
  personalKey,
  personalRecordProblem,
  personalWriteProblem,
  putPersonalRecord,
  readPersonal,
  removePersonalRecord,
  savedViewCounts,
  savedViewTickets,
  type SavedViewFilter,
  type ViewContext
} from './saved-view';
import { applyChecked } from './update-check';
import { readSettings, settingsRecordProblem } from './settings';
import { makeCustomer, makeSummary } from './testing/factories';
import { Rng } from './testing/prng';
import type { TicketSummary } from './schema';

const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 60 * 60 * 1000;
const ME = 'member-aino-0001';
const OTHER = 'member-mads-0002';
const ACME = makeCustomer({ id: 'customer-acme-01', organisation: 'Acme Oy' });
const context: ViewContext = { memberId: ME, now: NOW, customers: new Map([[ACME.id, ACME]]) };

function hits(filter: SavedViewFilter, tickets: TicketSummary[]): string[] {
  const view = SavedViewRecord.parse({ id: 'v', name: 'V', filter });
  return savedViewTickets(tickets, view, context)
    .map((t) => t.subject)
    .sort();
}

const tickets = [
  makeSummary({
    subject: 'a',
    status: 'open',
    priority: 'urgent',
    assigneeId: ME,
    tags: ['vip', 'billing'],
    channel: 'email',
    requesterId: ACME.id,
    createdAt: NOW - 2 * 24 * HOUR,
    updatedAt: NOW - HOUR,
    nextDueAt: NOW - HOUR,
    customFields: { plan: 'gold', seats: 12, renewal: '2026-12-01', trial: true, areas: ['api'] }
  }),
  makeSummary({
    subject: 'b',
    status: 'pending',
    priority: 'low',
    assigneeId: OTHER,
    tags: ['billing'],
    channel: 'web',
    createdAt: NOW - 20 * 24 * HOUR,
    updatedAt: NOW - 10 * 24 * HOUR,
    nextDueAt: NOW + 2 * HOUR,
    customFields: { plan: 'silver plan', seats: 3, renewal: '2027-02-01', areas: ['ui', 'api'] }
  }),
  makeSummary({
    subject: 'c',
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    tags: [],
    channel: 'phone',
    createdAt: NOW - HOUR,
    updatedAt: NOW - HOUR
  })
];

describe('saved view filters, field by field', () => {
  it('status, assignee (me, none, a member), priority, channel', () => {
    expect(hits({ statuses: ['open', 'new'] }, tickets)).toEqual(['a', 'c']);
    expect(hits({ assignees: ['me'] }, tickets)).toEqual(['a']);
    expect(hits({ assignees: ['none', OTHER] }, tickets)).toEqual(['b', 'c']);
    expect(hits({ priorities: ['urgent', 'low'] }, tickets)).toEqual(['a', 'b']);
    expect(hits({ channels: ['phone'] }, tickets)).toEqual(['c']);
  });

  it('tags any, all and none', () => {
    expect(hits({ tags: { mode: 'any', values: ['vip', 'billing'] } }, tickets)).toEqual([
      'a',
      'b'
    ]);
    expect(hits({ tags: { mode: 'all', values: ['vip', 'billing'] } }, tickets)).toEqual(['a']);
    expect(hits({ tags: { mode: 'none', values: ['billing'] } }, tickets)).toEqual(['c']);
  });

  it('requester and organisation', () => {
    expect(hits({ requesterIds: [ACME.id] }, tickets)).toEqual(['a']);
    expect(hits({ organisation: 'acme' }, tickets)).toEqual(['a']);
    expect(hits({ organisation: 'globex' }, tickets)).toEqual([]);
  });

  it('custom fields by type: text, number, date, options, checkbox, set', () => {
    expect(hits({ fields: [{ key: 'plan', op: 'contains', text: 'SILVER' }] }, tickets)).toEqual([
      'b'
    ]);
    expect(hits({ fields: [{ key: 'seats', op: 'between', min: 10 }] }, tickets)).toEqual(['a']);
    expect(hits({ fields: [{ key: 'seats', op: 'between', min: 1, max: 5 }] }, tickets)).toEqual([
      'b'
    ]);
    expect(
      hits({ fields: [{ key: 'renewal', op: 'dates', from: '2027-01-01' }] }, tickets)
    ).toEqual(['b']);
    expect(hits({ fields: [{ key: 'renewal', op: 'dates', to: '2026-12-31' }] }, tickets)).toEqual([
      'a'
    ]);
    expect(hits({ fields: [{ key: 'plan', op: 'any-of', options: ['gold'] }] }, tickets)).toEqual([
      'a'
    ]);
    expect(hits({ fields: [{ key: 'areas', op: 'any-of', options: ['ui'] }] }, tickets)).toEqual([
      'b'
    ]);
    expect(hits({ fields: [{ key: 'trial', op: 'checked', value: true }] }, tickets)).toEqual([
      'a'
    ]);
    expect(hits({ fields: [{ key: 'trial', op: 'checked', value: false }] }, tickets)).toEqual([
      'b',
      'c'
    ]);
    expect(hits({ fields: [{ key: 'plan', op: 'set', value: false }] }, tickets)).toEqual(['c']);
  });

  it('SLA state: breached, due within N hours, no SLA', () => {
    expect(hits({ sla: { state: 'breached' } }, tickets)).toEqual(['a']);
    expect(hits({ sla: { state: 'due-within', hours: 3 } }, tickets)).toEqual(['b']);
    expect(hits({ sla: { state: 'due-within', hours: 1 } }, tickets)).toEqual([]);
    expect(hits({ sla: { state: 'none' } }, tickets)).toEqual(['c']);
  });

  it('created and updated ranges, absolute and the last N days', () => {
    expect(hits({ created: { lastDays: 3 } }, tickets)).toEqual(['a', 'c']);
    expect(hits({ updated: { to: NOW - 5 * 24 * HOUR } }, tickets)).toEqual(['b']);
    expect(hits({ created: { from: NOW - 3 * HOUR, to: NOW } }, tickets)).toEqual(['c']);
  });

  it('every condition must hold; an old record (base, one assignee, tag) means what it meant', () => {
    expect(
      hits(
        {
          statuses: ['open', 'pending'],
          tags: { mode: 'any', values: ['billing'] },
          channels: ['web']
        },
        tickets
      )
    ).toEqual(['b']);
    const old = SavedViewRecord.parse({
      id: 'old',
      name: 'Old',
      base: 'open',
      filter: { assignee: 'none', priority: null, tag: null },
      sort: 'age'
    });
    expect(savedViewTickets(tickets, old, context).map((t) => t.subject)).toEqual(['c']);
    expect(matchesSavedView(tickets[0]!, { base: 'mine' }, context)).toBe(true);
    expect(matchesSavedView(tickets[0]!, { base: 'mine' }, { ...context, memberId: OTHER })).toBe(
      false
    );
  });

  it('counts every view over the index', () => {
    const views = [
      SavedViewRecord.parse({ id: 'one', name: 'One', filter: { statuses: ['open'] } }),
      SavedViewRecord.parse({ id: 'all', name: 'All' })
    ];
    expect(savedViewCounts(tickets, views, context)).toEqual(
      new Map([
        ['one', 1],
        ['all', 3]
      ])
    );
  });
});

describe('saved view records: garbage is refused naming the field', () => {
  const refusals: [unknown, string][] = [
    [{ id: 'v', name: 'V', filter: { statuses: ['gone'] } }, 'filter.statuses.0'],
    [{ id: 'v', name: 'V', filter: { tags: { mode: 'some', values: ['a'] } } }, 'filter.tags.mode'],
    [
      { id: 'v', name: 'V', filter: { fields: [{ key: 'Plan', op: 'contains', text: 'x' }] } },
      'filter.fields.0.key'
    ],
    [
      { id: 'v', name: 'V', filter: { fields: [{ key: 'plan', op: 'regex', text: 'x' }] } },
      'filter.fields.0.op'
    ],
    [
      { id: 'v', name: 'V', filter: { fields: [{ key: 'd', op: 'dates', from: '1.2.2026' }] } },
      'filter.fields.0.from'
    ],
    [
      { id: 'v', name: 'V', filter: { sla: { state: 'due-within', hours: -1 } } },
      'filter.sla.hours'
    ],
    [{ id: 'v', name: 'V', filter: { created: { lastDays: 0 } } }, 'filter.created.lastDays'],
    [{ id: 'v', name: 'V', columns: ['subject; drop'] }, 'columns.0'],
    [{ id: 'v', name: 'V', filter: { script: 'x' } }, 'filter'],
    [{ id: 'v', name: '   ' }, 'name']
  ];
  it.each(refusals)('%j', (value, field) => {
    const problem = settingsRecordProblem('views', 'v', value);
    expect(problem).toContain(`views.v: ${field}`);
  });

  it('a personal record: the key is <member>/<id>, the inner id matches, the kind is known', () => {
    const view = { kind: 'view', view: { id: 'v1', name: 'Mine' } };
    expect(personalRecordProblem(personalKey(ME, 'v1'), view)).toBeNull();
    expect(personalRecordProblem('v1', view)).toContain('<member id>/<record id>');
    expect(personalRecordProblem(personalKey(ME, 'v2'), view)).toContain("record's id");
    expect(personalRecordProblem(personalKey(ME, 'v1'), { kind: 'note', view })).toContain('kind');
    expect(
      personalRecordProblem(personalKey(ME, 'v1'), {
        kind: 'view',
        view: { id: 'v1', name: 'Mine', filter: { priorities: ['huge'] } }
      })
    ).toContain('view.filter.priorities.0');
  });

  it('random garbage never throws and is never read back', () => {
    const rng = new Rng(7);
    const doc = new Y.Doc();
    const atoms: unknown[] = [null, 1, -1, 'x', '', true, [], {}, 'open', ['me'], { mode: 'all' }];
    for (let i = 0; i < 300; i++) {
      const filter: Record<string, unknown> = {};
      for (const key of ['statuses', 'assignees', 'tags', 'fields', 'sla', 'created', 'bogus']) {
        if (rng.chance(0.3)) filter[key] = rng.pick(atoms);
      }
      const value = { kind: 'view', view: { id: `g${i}`, name: 'G', filter } };
      const key = personalKey(ME, `g${i}`);
      const problem = personalRecordProblem(key, value);
      if (problem) expect(problem).toMatch(/^personal\./);
      doc.getMap(PERSONAL_ROOT).set(key, value);
    }
    const read = readPersonal(doc, ME).views.map((v) => v.id);
    for (const id of read)
      expect(
        personalRecordProblem(
          personalKey(ME, id),
          doc.getMap(PERSONAL_ROOT).get(personalKey(ME, id))
        )
      ).toBeNull();
    for (const view of readPersonal(doc, ME).views) {
      expect(() => savedViewTickets(tickets, view, context)).not.toThrow();
    }
  });
});

describe('personal records in the index', () => {
  it('are read for their member only, and removed', () => {
    const index = new Y.Doc();
    expect(putPersonalRecord(index, ME, { kind: 'view', view: { id: 'mine', name: 'Mine' } })).toBe(
      null
    );
    expect(
      putPersonalRecord(index, OTHER, { kind: 'view', view: { id: 'theirs', name: 'Theirs' } })
    ).toBe(null);
    expect(readPersonal(index, ME).views.map((v) => v.id)).toEqual(['mine']);
    expect(readPersonal(index, OTHER).views.map((v) => v.id)).toEqual(['theirs']);
    expect(removePersonalRecord(index, ME, 'mine')).toBe(true);
    expect(readPersonal(index, ME).views).toEqual([]);
  });

  it("the write rule: one's own keys pass, another member's written or removed are refused", () => {
    const live = new Y.Doc();
    putPersonalRecord(live, OTHER, { kind: 'view', view: { id: 'theirs', name: 'Theirs' } });
    const edit = (change: (doc: Y.Doc) => void) => {
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
      change(scratch);
      return personalWriteProblem(live, scratch, ME);
    };
    expect(
      edit((d) => putPersonalRecord(d, ME, { kind: 'view', view: { id: 'a', name: 'A' } }))
    ).toBeNull();
    expect(edit((d) => d.getMap('tickets').set('x', 1))).toBeNull();
    expect(
      edit((d) =>
        putPersonalRecord(d, OTHER, { kind: 'view', view: { id: 'theirs', name: 'Mine now' } })
      )
    ).toContain('owner');
    expect(edit((d) => removePersonalRecord(d, OTHER, 'theirs'))).toContain('owner');
    expect(
      edit((d) =>
        putPersonalRecord(d, OTHER, { kind: 'view', view: { id: 'new', name: 'Planted' } })
      )
    ).toContain('owner');
  });

  it('the update check validates what is written, naming the field, and lets removals through', () => {
    const live = new Y.Doc();
    const ref = { kind: 'index', workspaceId: 'workspace-0001' } as const;
    const write = (change: (doc: Y.Doc) => void) => {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(client);
      change(client);
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
      const update = Y.encodeStateAsUpdate(client, before);
      const verdict = applyChecked(scratch, ref, update);
      if (verdict.ok) Y.applyUpdate(live, update);
      return verdict;
    };
    expect(
      write((d) =>
        d.getMap(PERSONAL_ROOT).set(personalKey(ME, 'v'), {
          kind: 'view',
          view: {
            id: 'v',
            name: 'V',
            filter: { fields: [{ key: 'seats', op: 'between', min: 'ten' }] }
          }
        })
      )
    ).toMatchObject({
      ok: false,
      reason: 'schema',
      detail: expect.stringContaining('view.filter.fields.0.min')
    });
    expect(
      write((d) =>
        d.getMap(PERSONAL_ROOT).set('no-slash', { kind: 'view', view: { id: 'v', name: 'V' } })
      )
    ).toMatchObject({ ok: false, reason: 'schema' });
    expect(
      write((d) =>
        d.getMap(PERSONAL_ROOT).set(personalKey(ME, 'm'), {
          kind: 'macro',
          macro: { id: 'm', name: 'Hi', reply: 'Hi {{ ticket.nope }}', actions: {} }
        })
      )
    ).toMatchObject({ ok: false, reason: 'schema', detail: expect.stringContaining('reply') });
    expect(
      write((d) => putPersonalRecord(d, ME, { kind: 'view', view: { id: 'v', name: 'V' } }))
    ).toMatchObject({ ok: true });
    expect(write((d) => removePersonalRecord(d, ME, 'v'))).toMatchObject({ ok: true });
    expect(live.getMap(PERSONAL_ROOT).size).toBe(0);
  });

  it('shared views in settings read extended records and still read old ones', () => {
    const doc = new Y.Doc();
    doc
      .getMap('views')
      .set('old', { id: 'old', name: 'Old', base: 'open', filter: { tag: 'vip' } });
    doc.getMap('views').set('new', {
      id: 'new',
      name: 'New',
      filter: { sla: { state: 'breached' } },
      columns: ['priority', 'field:plan'],
      sort: 'due'
    });
    expect(readSettings(doc).views.map((v) => v.id)).toEqual(['new', 'old']);
  });
});
