/** Small display helpers: ages, times, names. Pure, so they are unit tested. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `now`, `5m`, `3h`, `2d`, `6w`: how long ago, compact enough for a card. */
export function age(since: number, now: number): string {
  const ms = Math.max(0, now - since);
  if (ms < MINUTE) return 'now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  if (ms < 14 * DAY) return `${Math.floor(ms / DAY)}d`;
  return `${Math.floor(ms / (7 * DAY))}w`;
}

/** A long form for titles and screen readers: `3 hours ago`. */
export function ageLong(since: number, now: number): string {
  const ms = Math.max(0, now - since);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.floor(ms / DAY), 'day');
}

export function dateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  });
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

export const STATUS_LABELS = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  'on-hold': 'On hold',
  solved: 'Solved',
  closed: 'Closed'
} as const;

export const PRIORITY_LABELS = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent'
} as const;

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon–Fri 09:00–17:00`, `Mon, Wed, Fri 22:00–06:00`. */
export function workingHoursLabel(hours: { days: number[]; start: string; end: string }): string {
  const days = [...hours.days].sort((a, b) => a - b);
  if (days.length === 0) return 'No working days';
  const consecutive = days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
  const names = days.map((d) => WEEKDAY_NAMES[d] ?? '?');
  const dayLabel =
    days.length === 7
      ? 'Every day'
      : consecutive && days.length > 2
        ? `${names[0]}–${names[names.length - 1]}`
        : names.join(', ');
  return `${dayLabel} ${hours.start}–${hours.end}`;
}
