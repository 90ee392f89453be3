/**
 * Small display helpers: ages, times, names, in the current locale (`$lib/i18n`). Pure, so
 * they are unit tested.
 */
import { formatDate, formatRelative } from '$lib/i18n/format';
import { ageDays, ageHours, ageMinutes, ageNow, ageWeeks } from '$lib/i18n/messages/common';
import { everyDay, noWorkingDays } from '$lib/i18n/messages/team';
import { getLocale } from '$lib/i18n/runtime';
import { WEEKDAY_KEYS, type WeekdayKey } from '$lib/domain/business-calendar';
import type { WorkingHours } from '$lib/domain/schema';
import { shiftsOf } from '$lib/domain/working-hours';

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

/**
 * `Mon–Fri 09:00–17:00`, `Mon, Wed, Fri 22:00–06:00`, `Mon–Thu 08:00–12:00, 13:00–17:00 ·
 * Fri 08:00–12:00`: days with the same shifts together, a shift past midnight as one.
 */
export function workingHoursLabel(hours: WorkingHours): string {
  const shifts = shiftsOf(hours);
  const weekdays = weekdayNames();
  const nameOf = (key: WeekdayKey) => weekdays[(WEEKDAY_KEYS.indexOf(key) + 1) % 7] ?? '?';
  const groups: { days: WeekdayKey[]; text: string }[] = [];
  for (const key of WEEKDAY_KEYS) {
    if (shifts[key].length === 0) continue;
    const text = shifts[key].map(([from, to]) => `${from}–${to}`).join(', ');
    const group = groups.find((g) => g.text === text);
    if (group) group.days.push(key);
    else groups.push({ days: [key], text });
  }
  if (groups.length === 0) return noWorkingDays();
  return groups
    .map(({ days, text }) => {
      const indexes = days.map((d) => WEEKDAY_KEYS.indexOf(d));
      const consecutive = indexes.every((d, i) => i === 0 || d === (indexes[i - 1] ?? 0) + 1);
      const first = days[0] ?? 'mon';
      const last = days[days.length - 1] ?? 'mon';
      const dayLabel =
        days.length === 7
          ? everyDay()
          : consecutive && days.length > 2
            ? `${nameOf(first)}–${nameOf(last)}`
            : days.map(nameOf).join(', ');
      return `${dayLabel} ${text}`;
    })
    .join(' · ');
}
