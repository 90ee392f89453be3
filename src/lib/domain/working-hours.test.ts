import { describe, expect, it } from 'vitest';
import { isWithinHours, localTime, memberNow, type LocalTime } from './working-hours';
import { makeMember } from './testing/factories';
import type { WorkingHours } from './schema';

const SUN = 0;
const MON = 1;
const TUE = 2;
const WED = 3;
const FRI = 5;
const SAT = 6;

/** A wall-clock moment, as `localTime` reports it. */
function at(weekday: number, clock: string): LocalTime {
  const [h, m] = clock.split(':').map(Number);
  return { weekday, minutes: (h ?? 0) * 60 + (m ?? 0), label: clock };
}

describe('localTime', () => {
  // 2024-03-05 10:00 UTC is a Tuesday.
  const instant = Date.UTC(2024, 2, 5, 10, 0);

  it.each([
    ['UTC', TUE, '10:00'],
    ['Europe/Helsinki', TUE, '12:00'],
    ['America/New_York', TUE, '05:00'],
    ['Asia/Kolkata', TUE, '15:30'],
    ['Asia/Tokyo', TUE, '19:00'],
    ['Pacific/Auckland', TUE, '23:00'],
    ['Pacific/Kiritimati', WED, '00:00'],
    ['Pacific/Honolulu', TUE, '00:00'],
    ['America/St_Johns', TUE, '06:30']
  ])('in %s is weekday %i at %s', (zone, weekday, label) => {
    const local = localTime(zone, instant);
    expect(local.label).toBe(label);
    expect(local.weekday).toBe(weekday);
    const [h, m] = label.split(':').map(Number);
    expect(local.minutes).toBe((h ?? 0) * 60 + (m ?? 0));
  });

  it('follows Europe/Helsinki into summer time (2024-03-31, 03:00 → 04:00)', () => {
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 0, 59)).label).toBe('02:59');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 1, 0)).label).toBe('04:00');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 2, 31, 1, 0)).weekday).toBe(SUN);
  });

  it('follows Europe/Helsinki back to winter time (2024-10-27, 04:00 → 03:00)', () => {
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 9, 27, 0, 30)).label).toBe('03:30');
    expect(localTime('Europe/Helsinki', Date.UTC(2024, 9, 27, 1, 30)).label).toBe('03:30');
  });

  it('follows America/New_York into daylight time (2024-03-10, 02:00 → 03:00)', () => {
    expect(localTime('America/New_York', Date.UTC(2024, 2, 10, 6, 59)).label).toBe('01:59');
    expect(localTime('America/New_York', Date.UTC(2024, 2, 10, 7, 0)).label).toBe('03:00');
  });

  it('follows America/New_York back to standard time (2024-11-03, 01:00 happens twice)', () => {
    const first = localTime('America/New_York', Date.UTC(2024, 10, 3, 5, 30));
    const second = localTime('America/New_York', Date.UTC(2024, 10, 3, 6, 30));
    expect([first.label, second.label]).toEqual(['01:30', '01:30']);
    expect(localTime('America/New_York', Date.UTC(2024, 10, 3, 7, 0)).label).toBe('02:00');
  });

  it('reports midnight as 00:00, never 24:00', () => {
    const local = localTime('UTC', Date.UTC(2024, 2, 9, 0, 0));
    expect(local).toEqual({ weekday: SAT, minutes: 0, label: '00:00' });
  });
});

describe('isWithinHours', () => {
  const office: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

  it('counts the start minute in and the end minute out', () => {
    expect(isWithinHours(office, at(TUE, '08:59'))).toBe(false);
    expect(isWithinHours(office, at(TUE, '09:00'))).toBe(true);
    expect(isWithinHours(office, at(TUE, '16:59'))).toBe(true);
    expect(isWithinHours(office, at(TUE, '17:00'))).toBe(false);
  });

  it('is outside hours at the weekend', () => {
    expect(isWithinHours(office, at(SAT, '12:00'))).toBe(false);
    expect(isWithinHours(office, at(SUN, '12:00'))).toBe(false);
    expect(isWithinHours(office, at(MON, '12:00'))).toBe(true);
  });

  describe('an overnight shift on Fridays, 22:00–06:00', () => {
    const nights: WorkingHours = { days: [FRI], start: '22:00', end: '06:00' };

    it.each([
      [FRI, '21:59', false],
      [FRI, '22:00', true],
      [FRI, '23:59', true],
      [SAT, '00:00', true],
      [SAT, '03:00', true],
      [SAT, '05:59', true],
      [SAT, '06:00', false],
      [SAT, '22:30', false],
      // Friday early morning belongs to Thursday's shift, which is not worked.
      [FRI, '03:00', false]
    ])('weekday %i at %s: %s', (weekday, clock, expected) => {
      expect(isWithinHours(nights, at(weekday, clock))).toBe(expected);
    });
  });

  it('wraps the week: a Saturday night shift runs into Sunday, a Sunday one into Monday', () => {
    expect(isWithinHours({ days: [SAT], start: '20:00', end: '04:00' }, at(SUN, '01:00'))).toBe(
      true
    );
    expect(isWithinHours({ days: [SUN], start: '20:00', end: '04:00' }, at(MON, '01:00'))).toBe(
      true
    );
    expect(isWithinHours({ days: [SUN], start: '20:00', end: '04:00' }, at(SUN, '01:00'))).toBe(
      false
    );
  });

  it('a shift that starts and ends at the same time is never on', () => {
    const empty: WorkingHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '09:00' };
    expect(isWithinHours(empty, at(TUE, '09:00'))).toBe(false);
    expect(isWithinHours(empty, at(TUE, '12:00'))).toBe(false);
  });

  it('no working days means never on shift', () => {
    expect(isWithinHours({ days: [], start: '00:00', end: '23:59' }, at(TUE, '12:00'))).toBe(false);
  });
});

describe('memberNow', () => {
  const tuesday = Date.UTC(2024, 2, 5, 10, 0);

  it('puts a Helsinki office worker on shift at noon their time', () => {
    const member = makeMember({ timeZone: 'Europe/Helsinki' });
    expect(memberNow(member, tuesday)).toEqual({
      member,
      local: { weekday: TUE, minutes: 12 * 60, label: '12:00' },
      onShift: true
    });
  });

  it('keeps a New York office worker off shift at 05:00 their time', () => {
    const member = makeMember({ timeZone: 'America/New_York' });
    const now = memberNow(member, tuesday);
    expect(now.local.label).toBe('05:00');
    expect(now.onShift).toBe(false);
  });

  it('counts a Friday night shift in New York on Saturday at 03:00 local time', () => {
    const member = makeMember({
      timeZone: 'America/New_York',
      workingHours: { days: [FRI], start: '22:00', end: '06:00' }
    });
    // Saturday 2024-03-09 03:00 EST is 08:00 UTC.
    const now = memberNow(member, Date.UTC(2024, 2, 9, 8, 0));
    expect(now.local).toMatchObject({ weekday: SAT, label: '03:00' });
    expect(now.onShift).toBe(true);
  });
});
