import { describe, expect, it } from 'vitest';
import { age, ageLong, initials, workingHoursLabel } from './format';
import { weekFromLegacy } from '$lib/domain/schema';

const MIN = 60_000;

describe('age', () => {
  it('is compact for cards', () => {
    const now = 1_000_000_000_000;
    expect(age(now - 10_000, now)).toBe('now');
    expect(age(now - 5 * MIN, now)).toBe('5m');
    expect(age(now - 3 * 60 * MIN, now)).toBe('3h');
    expect(age(now - 2 * 24 * 60 * MIN, now)).toBe('2d');
    expect(age(now - 30 * 24 * 60 * MIN, now)).toBe('4w');
    // Clocks disagree between replicas: a time in the future is "now", not negative.
    expect(age(now + 5 * MIN, now)).toBe('now');
  });

  it('has a long form for titles and screen readers', () => {
    expect(ageLong(0, 60 * MIN)).toBe('1 hour ago');
    expect(ageLong(0, 2 * MIN)).toBe('2 minutes ago');
  });
});

describe('initials', () => {
  it('takes the first and last name', () => {
    expect(initials('Aino Virtanen')).toBe('AV');
    expect(initials('Maya de la Cruz Thompson')).toBe('MT');
    expect(initials('joy')).toBe('J');
    expect(initials('Hannah Weiss (Atlas Legal)')).toBe('HW');
    expect(initials('  ')).toBe('?');
  });
});

describe('workingHoursLabel', () => {
  const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  it('names ranges of days and lists others', () => {
    expect(
      workingHoursLabel(weekFromLegacy({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }))
    ).toBe('Mon–Fri 09:00–17:00');
    expect(
      workingHoursLabel(weekFromLegacy({ days: [5, 1, 3], start: '22:00', end: '06:00' }))
    ).toBe('Mon, Wed, Fri 22:00–06:00');
    expect(
      workingHoursLabel(
        weekFromLegacy({ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' })
      )
    ).toBe('Every day 00:00–23:59');
    expect(workingHoursLabel(none)).toBe('No working days');
  });

  it('groups days with the same split shifts', () => {
    const split: [string, string][] = [
      ['08:00', '12:00'],
      ['13:00', '17:00']
    ];
    expect(
      workingHoursLabel({
        ...none,
        mon: split,
        tue: split,
        wed: split,
        thu: split,
        fri: [['08:00', '12:00']],
        sat: [['10:00', '14:00']]
      })
    ).toBe('Mon–Thu 08:00–12:00, 13:00–17:00 · Fri 08:00–12:00 · Sat 10:00–14:00');
  });

  it('shows a Sunday night shift into Monday as one shift, and a whole day as 00:00–24:00', () => {
    expect(
      workingHoursLabel({ ...none, sun: [['20:00', '24:00']], mon: [['00:00', '04:00']] })
    ).toBe('Sun 20:00–04:00');
    expect(
      workingHoursLabel({ ...none, sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] })
    ).toBe('Sat, Sun 00:00–24:00');
  });
});
