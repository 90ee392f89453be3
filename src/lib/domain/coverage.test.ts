import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import {
  defaultCalendar,
  WEEKDAY_KEYS,
  type BusinessCalendar,
  type Interval
} from './business-calendar';
import {
  coverageAt,
  coverageDay,
  gapsBetween,
  openSpans,
  positionIn,
  type CoverageMember,
  type Span
} from './coverage';

const HOUR = 3_600_000;

function at(local: string, zone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(zone).epochMilliseconds;
}

/** Spans as local wall times in `zone`, for readable expectations. */
function local(spans: readonly Span[], zone: string): string[] {
  const clock = (instant: number) =>
    Temporal.Instant.fromEpochMilliseconds(instant)
      .toZonedDateTimeISO(zone)
      .toPlainTime()
      .toString({ smallestUnit: 'minute' });
  return spans.map((s) => `${clock(s.from)}–${clock(s.to)}`);
}

function calendar(
  timeZone: string,
  week: Partial<BusinessCalendar['week']>,
  holidays: string[] = []
): BusinessCalendar {
  const empty = Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, [] as Interval[]]));
  return { timeZone, week: { ...empty, ...week } as BusinessCalendar['week'], holidays };
}

const aino: CoverageMember = { id: 'aino', calendar: defaultCalendar('Europe/Helsinki') };
const ben: CoverageMember = { id: 'ben', calendar: defaultCalendar('America/Vancouver') };
const team = [aino, ben];

describe('coverage of a Helsinki/Vancouver team (09–17 each, Mon–Fri)', () => {
  it('in UTC on a Wednesday: Vancouver’s Tuesday runs past midnight, two gaps', () => {
    const day = coverageDay(team, 'UTC', '2026-11-25');
    expect(day.to - day.from).toBe(24 * HOUR);
    expect(day.hours).toHaveLength(24);
    expect(local(day.rows[0]?.spans ?? [], 'UTC')).toEqual(['07:00–15:00']);
    expect(local(day.rows[1]?.spans ?? [], 'UTC')).toEqual(['00:00–01:00', '17:00–00:00']);
    expect(local(day.gaps, 'UTC')).toEqual(['01:00–07:00', '15:00–17:00']);
  });

  it('seen from Helsinki on a Monday: Vancouver’s Sunday is off, so the night is one gap', () => {
    const day = coverageDay(team, 'Europe/Helsinki', '2026-11-23');
    expect(local(day.rows[0]?.spans ?? [], 'Europe/Helsinki')).toEqual(['09:00–17:00']);
    expect(local(day.rows[1]?.spans ?? [], 'Europe/Helsinki')).toEqual(['19:00–00:00']);
    expect(local(day.gaps, 'Europe/Helsinki')).toEqual(['00:00–09:00', '17:00–19:00']);
  });

  it('seen from Vancouver on a Tuesday: Helsinki is on overnight', () => {
    const day = coverageDay(team, 'America/Vancouver', '2026-11-24');
    expect(local(day.rows[0]?.spans ?? [], 'America/Vancouver')).toEqual([
      '00:00–07:00',
      '23:00–00:00'
    ]);
    expect(local(day.rows[1]?.spans ?? [], 'America/Vancouver')).toEqual(['09:00–17:00']);
    expect(local(day.gaps, 'America/Vancouver')).toEqual(['07:00–09:00', '17:00–23:00']);
  });

  it('between the American and the European clock change the gap moves by an hour', () => {
    // 16 March 2026: Vancouver is on PDT (since 8 March), Helsinki still on EET (until 29 March).
    const day = coverageDay(team, 'Europe/Helsinki', '2026-03-16');
    expect(local(day.rows[1]?.spans ?? [], 'Europe/Helsinki')).toEqual(['18:00–00:00']);
    expect(local(day.gaps, 'Europe/Helsinki')).toEqual(['00:00–09:00', '17:00–18:00']);
    // Once both zones have changed (Tuesday 31 March), the gap is two hours again.
    const after = coverageDay(team, 'Europe/Helsinki', '2026-03-31');
    expect(local(after.gaps, 'Europe/Helsinki')).toEqual(['03:00–09:00', '17:00–19:00']);
  });

  it('the viewer’s spring-forward day has 23 hours, and its autumn day 25', () => {
    const spring = coverageDay(team, 'Europe/Helsinki', '2026-03-29');
    expect(spring.to - spring.from).toBe(23 * HOUR);
    expect(spring.hours).toHaveLength(23);
    // A Sunday: nobody works, the whole (short) day is one gap.
    expect(spring.gaps).toEqual([{ from: spring.from, to: spring.to }]);

    const autumn = coverageDay(team, 'Europe/Helsinki', '2026-10-25');
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
    expect(autumn.hours).toHaveLength(25);
  });

  it('a shift in a spring-forward gap starts when the clocks have moved (the calendar rule)', () => {
    const night = calendar('Europe/Helsinki', { sun: [['03:30', '05:00']] });
    const spans = openSpans(
      night,
      at('2026-03-29T00:00', 'Europe/Helsinki'),
      at('2026-03-30T00:00', 'Europe/Helsinki')
    );
    expect(local(spans, 'Europe/Helsinki')).toEqual(['04:30–05:00']);
  });

  it('a day open round the clock covers a 25-hour autumn day with no gap', () => {
    const always = calendar('Europe/Helsinki', { sun: [['00:00', '24:00']] });
    const day = coverageDay([{ id: 'x', calendar: always }], 'Europe/Helsinki', '2026-10-25');
    expect(day.rows[0]?.spans).toEqual([{ from: day.from, to: day.to }]);
    expect(day.gaps).toEqual([]);
  });

  it('a holiday (or a day off) takes the member out of the day', () => {
    const off = {
      id: 'aino',
      calendar: { ...defaultCalendar('Europe/Helsinki'), holidays: ['2026-11-25'] }
    };
    const day = coverageDay([off, ben], 'Europe/Helsinki', '2026-11-25');
    expect(day.rows[0]?.spans).toEqual([]);
    expect(local(day.gaps, 'Europe/Helsinki')).toEqual(['03:00–19:00']);
  });

  it('a vacation or out-of-office period cuts into the hours', () => {
    const away = {
      from: at('2026-11-25T12:00', 'Europe/Helsinki'),
      to: at('2026-11-25T14:30', 'Europe/Helsinki')
    };
    const out = { ...aino, away: [away] };
    const day = coverageDay([out, ben], 'Europe/Helsinki', '2026-11-25');
    expect(local(day.rows[0]?.spans ?? [], 'Europe/Helsinki')).toEqual([
      '09:00–12:00',
      '14:30–17:00'
    ]);
    expect(local(day.gaps, 'Europe/Helsinki')).toEqual([
      '03:00–09:00',
      '12:00–14:30',
      '17:00–19:00'
    ]);
  });

  it('an empty team leaves the whole day as one gap', () => {
    const day = coverageDay([], 'Europe/Helsinki', '2026-11-25');
    expect(day.rows).toEqual([]);
    expect(day.gaps).toEqual([{ from: day.from, to: day.to }]);
  });

  it('the day around now is the viewer’s local date', () => {
    // 23:30 UTC on Tuesday is already Wednesday in Helsinki.
    const day = coverageAt(team, 'Europe/Helsinki', Date.UTC(2026, 10, 24, 23, 30));
    expect(day.date).toBe('2026-11-25');
    expect(positionIn(day, Date.UTC(2026, 10, 24, 23, 30))).toBeCloseTo(1.5 / 24, 6);
  });
});

describe('gapsBetween', () => {
  it('merges overlapping spans and ignores those outside the window', () => {
    const spans = [
      { from: 5, to: 10 },
      { from: 8, to: 12 },
      { from: 15, to: 20 },
      { from: -5, to: 1 },
      { from: 40, to: 50 }
    ];
    expect(gapsBetween(spans, 0, 30)).toEqual([
      { from: 1, to: 5 },
      { from: 12, to: 15 },
      { from: 20, to: 30 }
    ]);
    expect(gapsBetween([{ from: 0, to: 30 }], 0, 30)).toEqual([]);
  });
});
