import { describe, expect, it } from 'vitest';
import { settingsRecordProblem } from '$lib/domain/settings';
import {
  addHolidays,
  calendarDraft,
  calendarFromDraft,
  formatIntervals,
  parseIntervals,
  policyDraft,
  policyFromDraft
} from './sla-forms';

describe('opening hours as text', () => {
  it('parses several intervals, with either dash, and pads the hour', () => {
    expect(parseIntervals('9:00-12:00, 13:00–17:00')).toEqual([
      ['09:00', '12:00'],
      ['13:00', '17:00']
    ]);
    expect(parseIntervals('  ')).toEqual([]);
    expect(parseIntervals('00:00–24:00')).toEqual([['00:00', '24:00']]);
  });

  it('refuses what is not an interval', () => {
    expect(parseIntervals('9 to 5')).toBeNull();
    expect(parseIntervals('09:00-')).toBeNull();
  });

  it('formats back to the same text', () => {
    const text = '09:00–12:00, 13:00–17:00';
    const parsed = parseIntervals(text);
    expect(parsed && formatIntervals(parsed)).toBe(text);
  });
});

describe('the calendar form', () => {
  it('builds a record the settings accept, holidays sorted and unique', () => {
    const draft = calendarDraft(null, 'Europe/Helsinki');
    draft.name = 'Helsinki office';
    draft.days.sat = '10:00–14:00';
    draft.holidays = addHolidays('2026-12-25\n2026-12-24', ['2026-12-06', '2026-12-25']);
    const built = calendarFromDraft(draft);
    if (!('record' in built)) throw new Error('not built');
    expect(built.record.holidays).toEqual(['2026-12-06', '2026-12-24', '2026-12-25']);
    expect(built.record.week.sat).toEqual([['10:00', '14:00']]);
    expect(built.record.id).toMatch(/^helsinki-office-[a-z0-9]{8}$/);
    expect(settingsRecordProblem('calendars', built.record.id, built.record)).toBeNull();
  });

  it('names the day whose hours do not parse', () => {
    const draft = calendarDraft(null, 'UTC');
    draft.days.wed = 'all day';
    expect(calendarFromDraft(draft)).toEqual({ badDay: 'wed' });
  });
});

describe('the policy form', () => {
  it('keeps only the targets given and the conditions chosen, after the last policy', () => {
    const draft = policyDraft(null, 'helsinki');
    draft.name = 'Urgent';
    draft.priorities = ['urgent'];
    draft.targets.firstReply.minutes = 60;
    const record = policyFromDraft(draft, 3);
    expect(record).toMatchObject({
      name: 'Urgent',
      position: 4,
      conditions: { priorities: ['urgent'] },
      targets: { firstReply: { minutes: 60, time: 'business' } },
      calendarId: 'helsinki',
      warnAtPercent: 75,
      pauseStatuses: ['pending']
    });
    expect(settingsRecordProblem('slaPolicies', record.id, record)).toBeNull();
    // Round trip: editing keeps the id and the position.
    expect(policyFromDraft(policyDraft(record, 'other'), 9)).toEqual(record);
  });

  it('without any target, is refused by the settings naming the field', () => {
    const draft = policyDraft(null, 'helsinki');
    draft.name = 'Nothing';
    const record = policyFromDraft(draft, 0);
    expect(settingsRecordProblem('slaPolicies', record.id, record)).toMatch(
      /targets: a policy needs at least one target/
    );
  });
});
