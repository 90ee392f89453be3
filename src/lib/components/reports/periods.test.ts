import { describe, expect, it } from 'vitest';
import { periodDates } from './periods';

describe('report periods', () => {
  // Sunday 29 March 2026, 23:30 in Helsinki is already Monday 30 March (UTC+3 after the DST change).
  const late = Date.UTC(2026, 2, 29, 21, 30);

  it('takes today in the team’s time zone, not the device’s', () => {
    expect(periodDates('last-7', 'Europe/Helsinki', late)).toEqual({
      from: '2026-03-24',
      to: '2026-03-30'
    });
    expect(periodDates('last-7', 'America/New_York', late)).toEqual({
      from: '2026-03-23',
      to: '2026-03-29'
    });
  });

  it('a week runs Monday to Sunday and a month is the whole month', () => {
    expect(periodDates('this-week', 'Europe/Helsinki', late)).toEqual({
      from: '2026-03-30',
      to: '2026-04-05'
    });
    expect(periodDates('this-week', 'UTC', late)).toEqual({ from: '2026-03-23', to: '2026-03-29' });
    expect(periodDates('this-month', 'UTC', Date.UTC(2024, 1, 10))).toEqual({
      from: '2024-02-01',
      to: '2024-02-29'
    });
  });
});
