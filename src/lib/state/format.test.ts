import { describe, expect, it } from 'vitest';
import { age, ageLong, initials, workingHoursLabel } from './format';

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
  it('names ranges of days and lists others', () => {
    expect(workingHoursLabel({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' })).toBe(
      'Mon–Fri 09:00–17:00'
    );
    expect(workingHoursLabel({ days: [5, 1, 3], start: '22:00', end: '06:00' })).toBe(
      'Mon, Wed, Fri 22:00–06:00'
    );
    expect(workingHoursLabel({ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' })).toBe(
      'Every day 00:00–23:59'
    );
    expect(workingHoursLabel({ days: [], start: '09:00', end: '17:00' })).toBe('No working days');
  });
});
