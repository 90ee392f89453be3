import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultCalendar } from './business-calendar';
import {
  calendarFor,
  moveSlaPolicy,
  putSettingsRecord,
  readRouting,
  readSettings,
  removeSettingsRecord,
  settingsRecordProblem,
  type SlaPolicyRecord
} from './settings';

const calendar = { id: 'helsinki', name: 'Helsinki office', ...defaultCalendar('Europe/Helsinki') };

function policy(id: string, position: number): SlaPolicyRecord {
  return {
    id,
    name: `Policy ${id}`,
    position,
    conditions: {},
    targets: { firstReply: { minutes: 60, time: 'business' } },
    calendarId: 'helsinki',
    warnAtPercent: 75,
    pauseStatuses: ['pending']
  };
}

describe('settings records', () => {
  it('accepts valid records keyed by their id', () => {
    expect(settingsRecordProblem('calendars', 'helsinki', calendar)).toBeNull();
    expect(settingsRecordProblem('slaPolicies', 'urgent', policy('urgent', 1))).toBeNull();
  });

  it('refuses unknown keys, bad fields and keys that are not the id, naming the field', () => {
    expect(settingsRecordProblem('calendars', 'helsinki', { ...calendar, colour: 'red' })).toMatch(
      /^calendars\.helsinki: /
    );
    expect(
      settingsRecordProblem('calendars', 'helsinki', { ...calendar, timeZone: 'Europe/Atlantis' })
    ).toBe('calendars.helsinki: timeZone: unknown IANA time zone');
    expect(
      settingsRecordProblem('slaPolicies', 'urgent', { ...policy('urgent', 1), targets: {} })
    ).toBe('slaPolicies.urgent: targets: a policy needs at least one target');
    expect(settingsRecordProblem('slaPolicies', 'other', policy('urgent', 1))).toBe(
      "slaPolicies.other: the key must be the record's id"
    );
    expect(settingsRecordProblem('slaPolicies', 'x', 'not a record')).toMatch(/^slaPolicies\.x: /);
  });
});

describe('readSettings', () => {
  it('orders policies by position, then id, and skips records that do not parse', () => {
    const doc = new Y.Doc();
    doc.getMap('calendars').set('helsinki', calendar);
    const policies = doc.getMap('slaPolicies');
    policies.set('b', policy('b', 2));
    policies.set('a', policy('a', 2));
    policies.set('first', policy('first', 1));
    policies.set('broken', { id: 'broken' });
    const settings = readSettings(doc);
    expect(settings.slaPolicies.map((p) => p.id)).toEqual(['first', 'a', 'b']);
    expect(calendarFor(settings, policy('a', 1)).timeZone).toBe('Europe/Helsinki');
    expect(calendarFor(settings, { calendarId: 'gone' }).week.mon).toEqual([]);
  });
});

describe('readSettings: views and canned replies', () => {
  it('lists views by position, then name; canned replies by name; skips the invalid', () => {
    const doc = new Y.Doc();
    const views = doc.getMap('views');
    views.set('b', { id: 'b', name: 'Beta' });
    views.set('a', { id: 'a', name: 'Alpha' });
    views.set('first', { id: 'first', name: 'Zulu', position: 0, sort: 'age' });
    views.set('odd', { id: 'odd', name: 'Odd', colour: 'red' });
    const replies = doc.getMap('cannedReplies');
    replies.set('thanks', { id: 'thanks', name: 'Thanks', body: 'Thank you!' });
    replies.set('apology', { id: 'apology', name: 'Apology', body: 'Sorry.' });
    replies.set('wrong-key', { id: 'other', name: 'Other', body: '' });
    const settings = readSettings(doc);
    expect(settings.views.map((v) => v.id)).toEqual(['first', 'a', 'b']);
    expect(settings.cannedReplies.map((r) => r.id)).toEqual(['apology', 'thanks']);
  });
});

describe('writing SLA settings', () => {
  it('writes a valid record, refuses a bad one naming the field, and removes', () => {
    const doc = new Y.Doc();
    expect(putSettingsRecord(doc, 'calendars', calendar)).toBeNull();
    expect(
      putSettingsRecord(doc, 'calendars', {
        ...calendar,
        id: 'broken',
        week: { ...calendar.week, mon: [['17:00', '09:00']] }
      })
    ).toBe('calendars.broken: week.mon.0: an interval must end after it starts');
    expect([...doc.getMap('calendars').keys()]).toEqual(['helsinki']);
    expect(removeSettingsRecord(doc, 'calendars', 'helsinki')).toBe(true);
    expect(removeSettingsRecord(doc, 'calendars', 'helsinki')).toBe(false);
  });

  it('moves a policy up and down by giving it a position between its neighbours', () => {
    const doc = new Y.Doc();
    for (const [id, position] of [
      ['a', 1],
      ['b', 2],
      ['c', 3]
    ] as const) {
      expect(putSettingsRecord(doc, 'slaPolicies', policy(id, position))).toBeNull();
    }
    const order = () => readSettings(doc).slaPolicies.map((p) => p.id);
    expect(moveSlaPolicy(doc, 'c', -1)).toBe(true);
    expect(order()).toEqual(['a', 'c', 'b']);
    expect(moveSlaPolicy(doc, 'c', -1)).toBe(true);
    expect(order()).toEqual(['c', 'a', 'b']);
    expect(moveSlaPolicy(doc, 'c', -1)).toBe(false);
    expect(moveSlaPolicy(doc, 'a', 1)).toBe(true);
    expect(order()).toEqual(['c', 'b', 'a']);
  });
});

describe('readRouting', () => {
  const rule = (id: string, position: number) => ({
    kind: 'skill-rule',
    id,
    name: `Rule ${id}`,
    position,
    when: { tags: ['vip'] },
    skills: ['vip-care']
  });

  it('is manual with no limit and no rules when the root is empty', () => {
    expect(readRouting(new Y.Doc())).toEqual({
      mode: 'manual',
      capacity: null,
      rules: [],
      lastMemberId: null
    });
  });

  it('reads the mode, the capacity, the rules in order and the turn; skips broken records', () => {
    const doc = new Y.Doc();
    const routing = doc.getMap('routing');
    routing.set('assignment', {
      kind: 'assignment',
      id: 'assignment',
      mode: 'least-loaded',
      capacity: 4
    });
    routing.set('b', rule('b', 2));
    routing.set('a', rule('a', 2));
    routing.set('first', rule('first', 1));
    routing.set('broken', { kind: 'skill-rule', id: 'broken' });
    routing.set('round-robin', {
      kind: 'turn',
      id: 'round-robin',
      lastMemberId: 'member-mads',
      at: 5
    });
    const read = readSettings(doc).routing;
    expect(read.mode).toBe('least-loaded');
    expect(read.capacity).toBe(4);
    expect(read.rules.map((r) => r.id)).toEqual(['first', 'a', 'b']);
    expect(read.lastMemberId).toBe('member-mads');
  });

  it('writes a rule through putSettingsRecord, naming the field it refuses', () => {
    const doc = new Y.Doc();
    expect(putSettingsRecord(doc, 'routing', rule('vip', 1))).toBeNull();
    expect(putSettingsRecord(doc, 'routing', { ...rule('vip', 1), skills: [] })).toBe(
      'routing.vip: skills: a rule needs at least one skill'
    );
    expect(readRouting(doc).rules).toHaveLength(1);
  });
});
