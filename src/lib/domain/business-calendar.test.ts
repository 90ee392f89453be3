import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import {
  addBusinessTime,
  BusinessCalendarSchema,
  businessTimeBetween,
  defaultCalendar,
  isOpenAt,
  WEEKDAY_KEYS,
  type BusinessCalendar,
  type Interval
} from './business-calendar';
import { holidayDates, officialHolidays } from './public-holidays';
import { Rng } from './testing/prng';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An instant from a local wall time in `zone` ('compatible', as the calendar resolves). */
function at(local: string, zone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds;
}

function local(instant: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

function calendar(
  timeZone: string,
  week: Partial<BusinessCalendar['week']>,
  holidays: string[] = []
): BusinessCalendar {
  const empty = Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, [] as Interval[]]));
  return { timeZone, week: { ...empty, ...week } as BusinessCalendar['week'], holidays };
}

const HELSINKI = defaultCalendar('Europe/Helsinki');

describe('addBusinessTime', () => {
  it('carries a Friday 16:30 urgent first reply (1 business hour) to Monday 09:30', () => {
    const due = addBusinessTime(HELSINKI, at('2026-11-27T16:30', 'Europe/Helsinki'), HOUR);
    expect(local(due, 'Europe/Helsinki')).toBe('2026-11-30T09:30');
  });

  it('gives the next open moment for a duration of 0', () => {
    const saturday = at('2026-11-28T11:00', 'Europe/Helsinki');
    expect(local(addBusinessTime(HELSINKI, saturday, 0), 'Europe/Helsinki')).toBe(
      '2026-11-30T09:00'
    );
    const open = at('2026-11-26T10:15', 'Europe/Helsinki');
    expect(addBusinessTime(HELSINKI, open, 0)).toBe(open);
    const closing = at('2026-11-26T17:00', 'Europe/Helsinki');
    expect(local(addBusinessTime(HELSINKI, closing, 0), 'Europe/Helsinki')).toBe(
      '2026-11-27T09:00'
    );
  });

  it('ends exactly on a closing time rather than at the next opening', () => {
    const due = addBusinessTime(HELSINKI, at('2026-11-27T16:00', 'Europe/Helsinki'), HOUR);
    expect(local(due, 'Europe/Helsinki')).toBe('2026-11-27T17:00');
  });

  it('skips the lunch break of a split day', () => {
    const split: Interval[] = [
      ['08:00', '12:00'],
      ['13:00', '17:00']
    ];
    const cal = calendar('Europe/Copenhagen', { mon: split, tue: split });
    const due = addBusinessTime(cal, at('2026-11-30T11:30', 'Europe/Copenhagen'), HOUR);
    expect(local(due, 'Europe/Copenhagen')).toBe('2026-11-30T13:30');
    const overnight = addBusinessTime(cal, at('2026-11-30T16:00', 'Europe/Copenhagen'), 2 * HOUR);
    expect(local(overnight, 'Europe/Copenhagen')).toBe('2026-12-01T09:00');
  });

  it('closes all day on holidays, bank holidays only when the admin opts in', () => {
    const wednesday = at('2026-12-23T16:00', 'Europe/Helsinki');
    const publicOnly = { ...HELSINKI, holidays: holidayDates('FI', [2026]) };
    expect(local(addBusinessTime(publicOnly, wednesday, 2 * HOUR), 'Europe/Helsinki')).toBe(
      '2026-12-24T10:00'
    );
    const withBank = { ...HELSINKI, holidays: holidayDates('FI', [2026], ['bank']) };
    expect(local(addBusinessTime(withBank, wednesday, 2 * HOUR), 'Europe/Helsinki')).toBe(
      '2026-12-28T10:00'
    );
  });

  it('runs across midnight when a day ends at 24:00 and the next starts at 00:00', () => {
    const cal = calendar('America/New_York', {
      sat: [['20:00', '24:00']],
      sun: [['00:00', '02:00']]
    });
    const due = addBusinessTime(cal, at('2026-11-28T23:30', 'America/New_York'), HOUR);
    expect(local(due, 'America/New_York')).toBe('2026-11-29T00:30');
  });

  it('does not count pauses', () => {
    const start = at('2026-11-30T10:00', 'Europe/Helsinki');
    const pauses = [
      {
        from: at('2026-11-30T10:30', 'Europe/Helsinki'),
        to: at('2026-11-30T11:00', 'Europe/Helsinki')
      }
    ];
    expect(local(addBusinessTime(HELSINKI, start, 2 * HOUR, pauses), 'Europe/Helsinki')).toBe(
      '2026-11-30T12:30'
    );
    // A pause that runs past closing time pushes the rest to the next morning.
    const long = [{ from: start, to: at('2026-12-01T09:30', 'Europe/Helsinki') }];
    expect(local(addBusinessTime(HELSINKI, start, HOUR, long), 'Europe/Helsinki')).toBe(
      '2026-12-01T10:30'
    );
  });

  it('counts wall-clock time on a calendar with no open time, minus pauses', () => {
    const always = calendar('Europe/Helsinki', {});
    const start = at('2026-11-28T03:00', 'Europe/Helsinki');
    expect(addBusinessTime(always, start, 5 * HOUR)).toBe(start + 5 * HOUR);
    const pause = [{ from: start + HOUR, to: start + 2 * HOUR }];
    expect(addBusinessTime(always, start, 5 * HOUR, pause)).toBe(start + 6 * HOUR);
    expect(businessTimeBetween(always, start, start + 5 * HOUR, pause)).toBe(4 * HOUR);
  });

  it('refuses a negative or infinite duration', () => {
    expect(() => addBusinessTime(HELSINKI, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessTime(HELSINKI, Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('daylight saving', () => {
  it('moves a local time in a spring-forward gap forward by the gap (Helsinki, New York)', () => {
    // Helsinki: 2026-03-29 03:00 EET → 04:00 EEST. An interval from 03:30 opens at 04:30.
    const fi = calendar('Europe/Helsinki', { sun: [['03:30', '05:00']] });
    const sunday = at('2026-03-29T00:00', 'Europe/Helsinki');
    expect(local(addBusinessTime(fi, sunday, 0), 'Europe/Helsinki')).toBe('2026-03-29T04:30');
    expect(businessTimeBetween(fi, sunday, sunday + 24 * HOUR)).toBe(30 * MINUTE);
    // New York: 2026-03-08 02:00 EST → 03:00 EDT.
    const ny = calendar('America/New_York', { sun: [['02:30', '04:00']] });
    const nySunday = at('2026-03-08T00:00', 'America/New_York');
    expect(local(addBusinessTime(ny, nySunday, 0), 'America/New_York')).toBe('2026-03-08T03:30');
    expect(businessTimeBetween(ny, nySunday, nySunday + 24 * HOUR)).toBe(30 * MINUTE);
  });

  it('takes the earlier occurrence of an ambiguous time (Copenhagen, New York)', () => {
    // Copenhagen: 2026-10-25 03:00 CEST → 02:00 CET; 02:30 happens twice.
    const dk = calendar('Europe/Copenhagen', { sun: [['02:30', '03:30']] });
    const sunday = at('2026-10-25T00:00', 'Europe/Copenhagen');
    const opens = addBusinessTime(dk, sunday, 0);
    expect(opens).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // From the first 02:30 (CEST) to 03:30 (CET) is two hours of real time.
    expect(businessTimeBetween(dk, sunday, sunday + 24 * HOUR)).toBe(2 * HOUR);
    const ny = calendar('America/New_York', { sun: [['01:30', '02:00']] });
    const nySunday = at('2026-11-01T00:00', 'America/New_York');
    expect(addBusinessTime(ny, nySunday, 0)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it('handles a gap at midnight (São Paulo, 2018)', () => {
    // 2018-11-04 00:00 -03 → 01:00 -02: the day starts at 01:00.
    const sp = calendar('America/Sao_Paulo', { sun: [['00:00', '02:00']] });
    const saturday = at('2018-11-03T12:00', 'America/Sao_Paulo');
    const opens = addBusinessTime(sp, saturday, 0);
    expect(opens).toBe(Date.UTC(2018, 10, 4, 3, 0));
    expect(addBusinessTime(sp, saturday, HOUR)).toBe(Date.UTC(2018, 10, 4, 4, 0));
  });

  it('counts a working day that spans a change as its real length', () => {
    const cal = calendar('Europe/Helsinki', { sun: [['00:00', '24:00']] });
    const sunday = at('2026-03-29T00:00', 'Europe/Helsinki');
    expect(businessTimeBetween(cal, sunday, sunday + 48 * HOUR)).toBe(23 * HOUR);
  });
});

describe('businessTimeBetween', () => {
  it('counts only open time, and is negative when the order is reversed', () => {
    const friday = at('2026-11-27T16:30', 'Europe/Helsinki');
    const monday = at('2026-11-30T09:30', 'Europe/Helsinki');
    expect(businessTimeBetween(HELSINKI, friday, monday)).toBe(HOUR);
    expect(businessTimeBetween(HELSINKI, monday, friday)).toBe(-HOUR);
    expect(businessTimeBetween(HELSINKI, friday, friday)).toBe(0);
  });

  it('gives the duration back after adding it (seeded property)', () => {
    const zones = ['Europe/Helsinki', 'Europe/Copenhagen', 'America/New_York', 'America/Sao_Paulo'];
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Rng(seed);
      const cal = randomCalendar(rng, zones[rng.int(0, zones.length - 1)] ?? 'UTC');
      const start =
        Date.UTC(2017, 0, 1) + rng.int(0, 10 * 365) * 86_400_000 + rng.int(0, 86_399) * 1000;
      const duration = rng.int(0, 200) * 7 * MINUTE;
      const pauses = rng.chance(0.5)
        ? [{ from: start + rng.int(0, 48) * HOUR, to: start + rng.int(48, 96) * HOUR }]
        : [];
      const due = addBusinessTime(cal, start, duration, pauses);
      expect(due, `seed ${seed}`).toBeGreaterThanOrEqual(start);
      expect(businessTimeBetween(cal, start, due, pauses), `seed ${seed}`).toBe(duration);
    }
  });
});

function randomCalendar(rng: Rng, timeZone: string): BusinessCalendar {
  const week = {} as Record<(typeof WEEKDAY_KEYS)[number], Interval[]>;
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  for (const key of WEEKDAY_KEYS) {
    const intervals: Interval[] = [];
    let minute = rng.int(0, 8) * 30;
    while (rng.chance(0.6) && minute < 24 * 60) {
      const end = Math.min(24 * 60, minute + rng.int(1, 12) * 30);
      intervals.push([clock(minute), clock(end)]);
      minute = end + rng.int(0, 4) * 30;
    }
    week[key] = intervals;
  }
  return { timeZone, week, holidays: rng.chance(0.5) ? holidayDates('FI', [2018, 2026]) : [] };
}

describe('isOpenAt', () => {
  it('is open inside the hours and closed at closing time, at night and on holidays', () => {
    expect(isOpenAt(HELSINKI, at('2026-11-27T09:00', 'Europe/Helsinki'))).toBe(true);
    expect(isOpenAt(HELSINKI, at('2026-11-27T17:00', 'Europe/Helsinki'))).toBe(false);
    expect(isOpenAt(HELSINKI, at('2026-11-28T12:00', 'Europe/Helsinki'))).toBe(false);
    const holiday = { ...HELSINKI, holidays: ['2026-12-07'] };
    expect(isOpenAt(holiday, at('2026-12-07T12:00', 'Europe/Helsinki'))).toBe(false);
  });
});

describe('BusinessCalendarSchema', () => {
  const issue = (value: unknown) => {
    const result = BusinessCalendarSchema.safeParse(value);
    if (result.success) return null;
    const first = result.error.issues[0];
    return `${first?.path.join('.')}: ${first?.message}`;
  };

  it('accepts the default and a split day ending at 24:00', () => {
    expect(issue(HELSINKI)).toBeNull();
    const cal = calendar('America/Vancouver', {
      mon: [
        ['00:00', '06:00'],
        ['18:00', '24:00']
      ]
    });
    expect(issue(cal)).toBeNull();
  });

  it('names the field of each refusal', () => {
    expect(issue({ ...HELSINKI, timeZone: 'Mars/Olympus' })).toBe(
      'timeZone: unknown IANA time zone'
    );
    expect(issue(calendar('UTC', { tue: [['17:00', '09:00']] }))).toBe(
      'week.tue.0: an interval must end after it starts'
    );
    expect(
      issue(
        calendar('UTC', {
          wed: [
            ['09:00', '12:00'],
            ['11:00', '13:00']
          ]
        })
      )
    ).toBe('week.wed: intervals overlap (09:00–12:00 and 11:00–13:00)');
    expect(issue(calendar('UTC', { thu: [['09:00', '24:30']] }))).toMatch(/^week\.thu\.0\.1: /);
    expect(issue({ ...HELSINKI, holidays: ['2026-02-30'] })).toBe(
      'holidays.0: not a calendar date'
    );
    expect(issue({ ...HELSINKI, holidays: ['2026-12-24', '2026-12-24'] })).toBe(
      'holidays: a holiday is listed twice'
    );
    expect(issue({ ...HELSINKI, extra: 1 })).toMatch(/^: /);
    expect(issue({ ...HELSINKI, week: { ...HELSINKI.week, sun: undefined } })).toMatch(
      /^week\.sun: /
    );
  });
});

describe('official holidays', () => {
  it('lists Finnish bank holidays apart from public ones', () => {
    const fi = officialHolidays('FI', [2026]);
    expect(fi.find((h) => h.date === '2026-06-19')?.type).toBe('bank'); // juhannusaatto
    expect(fi.find((h) => h.date === '2026-12-24')?.type).toBe('bank'); // jouluaatto
    expect(holidayDates('FI', [2026])).not.toContain('2026-06-19');
    expect(holidayDates('FI', [2026], ['bank'])).toContain('2026-06-19');
    expect(holidayDates('FI', [2026])).toContain('2026-12-06');
  });

  it('knows Denmark no longer has Store Bededag, and the other countries the teams need', () => {
    const dk = holidayDates('DK', [2026]);
    expect(dk).toContain('2026-04-02'); // skærtorsdag
    expect(dk).not.toContain('2026-05-01'); // would be Store Bededag (abolished from 2024)
    for (const country of ['SE', 'NO', 'DE', 'GB', 'US']) {
      expect(holidayDates(country, [2026]).length, country).toBeGreaterThan(5);
    }
    expect(holidayDates('XX', [2026])).toEqual([]);
    expect(holidayDates('fi; drop', [2026])).toEqual([]);
  });
});
