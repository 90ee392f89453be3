/**
 * The dates a period choice covers, as local dates (`YYYY-MM-DD`, both included) in the team's
 * time zone. Whole weeks and months, so that "this week" is compared with the whole week
 * before it (the server compares a period with the one of the same length just before).
 */
import type { PeriodChoice } from '$lib/i18n/messages/reports';

/** The periods the dashboard offers, in the order it lists them. */
export const PERIOD_CHOICES: readonly PeriodChoice[] = [
  'this-week',
  'last-7',
  'last-30',
  'this-month',
  'last-365'
];

const DAY = 86_400_000;

/** Today's local date in `timeZone`, as midnight UTC of that date (for date arithmetic). */
function today(timeZone: string, now: number): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).formatToParts(new Date(now));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'));
}

const iso = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

export function periodDates(
  choice: PeriodChoice,
  timeZone: string,
  now: number
): { from: string; to: string } {
  const day = today(timeZone, now);
  const date = new Date(day);
  switch (choice) {
    case 'this-week': {
      const monday = day - ((date.getUTCDay() + 6) % 7) * DAY;
      return { from: iso(monday), to: iso(monday + 6 * DAY) };
    }
    case 'last-7':
      return { from: iso(day - 6 * DAY), to: iso(day) };
    case 'last-30':
      return { from: iso(day - 29 * DAY), to: iso(day) };
    case 'this-month': {
      const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      const last = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0);
      return { from: iso(first), to: iso(last) };
    }
    case 'last-365':
      return { from: iso(day - 364 * DAY), to: iso(day) };
  }
}
