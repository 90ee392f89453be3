/**
 * Small display helpers: ages, times, names, in the current locale (`$lib/i18n`). Pure, so
 * they are unit tested.
 */
import { formatDate, formatRelative } from '$lib/i18n/format';
import { ageDays, ageHours, ageMinutes, ageNow, ageWeeks } from '$lib/i18n/messages/common';
import { everyDay, noWorkingDays } from '$lib/i18n/messages/team';
import { getLocale } from '$lib/i18n/runtime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `now`, `5m`, `3h`, `2d`, `6w`: how long ago, compact enough for a card. */
export function age(since: number, now: number): string {
  const ms = Math.max(0, now - since);
  if (ms < MINUTE) return ageNow();
  if (ms < HOUR) return ageMinutes({ n: Math.floor(ms / MINUTE) });
  if (ms < DAY) return ageHours({ n: Math.floor(ms / HOUR) });
  if (ms < 14 * DAY) return ageDays({ n: Math.floor(ms / DAY) });
  return ageWeeks({ n: Math.floor(ms / (7 * DAY)) });
}

/** A long form for titles and screen readers: `3 hours ago`; never in the future. */
export function ageLong(since: number, now: number): string {
  return formatRelative(Math.min(since, now), now);
}

export function dateTime(at: number): string {
  return formatDate(at, 'short');
}

/** `AV` for "Aino Virtanen"; a trailing "(Company)" is not part of the name. */
export function initials(name: string): string {
  const parts = name
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Short weekday names of the current locale, Sunday first (as `Date#getDay()` counts). */
function weekdayNames(): string[] {
  const format = new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, day) => format.format(Date.UTC(2023, 0, 1 + day)));
}

/** `Mon–Fri 09:00–17:00`, `Mon, Wed, Fri 22:00–06:00`. */
export function workingHoursLabel(hours: { days: number[]; start: string; end: string }): string {
  const days = [...hours.days].sort((a, b) => a - b);
  if (days.length === 0) return noWorkingDays();
  const consecutive = days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
  const weekdays = weekdayNames();
  const names = days.map((d) => weekdays[d] ?? '?');
  const dayLabel =
    days.length === 7
      ? everyDay()
      : consecutive && days.length > 2
        ? `${names[0]}–${names[names.length - 1]}`
        : names.join(', ');
  return `${dayLabel} ${hours.start}–${hours.end}`;
}
