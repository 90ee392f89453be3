/**
 * Numbers, dates, relative times and durations in the member's locale, through `Intl` (which
 * knows the conventions: `1 234,5` in Finnish, `i går` in Danish, `1 t 30 m`). Formatters are
 * built once per locale and options, since building one costs far more than using it.
 */
import { formatNumberIn, getTimeZone, localeFor, type MessageOptions } from './runtime';
import { localeOf, type Locale } from './locales';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const unitFormats = new Map<string, Intl.NumberFormat>();

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

export function formatNumber(value: number, options?: MessageOptions): string {
  return formatNumberIn(value, localeFor(options));
}

export type DateStyle = 'date' | 'time' | 'dateTime' | 'short';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** Compact, for lists: `27 Nov, 14:05`. */
  short: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
};

/**
 * An instant in the member's locale and time zone: the one given, else the member's own
 * (`setTimeZone`, from their profile), else the device's.
 */
export function formatDate(
  at: number,
  style: DateStyle = 'dateTime',
  options?: MessageOptions & { timeZone?: string }
): string {
  const locale = localeFor(options);
  const zone = options?.timeZone ?? getTimeZone() ?? '';
  return memo(
    dateFormats,
    `${locale}|${style}|${zone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        ...DATE_OPTIONS[style],
        ...(zone ? { timeZone: zone } : {})
      })
  ).format(at);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `3 hours ago`, `in 2 days`, `yesterday`: the largest whole unit. */
export function formatRelative(at: number, now: number, options?: MessageOptions): string {
  const locale = localeFor(options);
  const format = memo(
    relativeFormats,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  );
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.trunc(diff / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.trunc(diff / HOUR), 'hour');
  return format.format(Math.trunc(diff / DAY), 'day');
}

/**
 * Builds the formatters a ticket row uses (its age, due time and due date) before any list
 * needs them. The first `Intl` formatter a page builds loads the locale's data: 15–25 ms on a
 * desktop core, four times that on a phone. Called while the tickets are on their way, that
 * cost is its own short task instead of part of the frame that first shows the list.
 */
export function warmFormatters(now: number = Date.now()): void {
  formatRelative(now, now);
  formatDuration(DAY + HOUR);
  formatDuration(HOUR + MINUTE);
  formatDate(now, 'short');
}

function unit(locale: Locale, name: 'day' | 'hour' | 'minute', value: number): string {
  return memo(
    unitFormats,
    `${locale}|${name}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' })
  ).format(value);
}

/**
 * A duration in at most two units, rounded down to the minute: `2d 4h` (en), `1t 30min`
 * (fi), `1 t 30 m` (da). Negative durations are formatted as their size (callers say "overdue").
 */
export function formatDuration(ms: number, options?: MessageOptions): string {
  const locale = localeFor(options);
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(unit(locale, 'day', days));
  if (hours > 0 && parts.length < 2) parts.push(unit(locale, 'hour', hours));
  if ((rest > 0 || parts.length === 0) && parts.length < 2 && days === 0) {
    parts.push(unit(locale, 'minute', rest));
  }
  return parts.join(' ');
}

/** 1 = Monday … 7 = Sunday, as the locale's region counts weeks. */
export function firstDayOfWeek(tag: string): number {
  try {
    const info: unknown = Reflect.get(new Intl.Locale(tag), 'weekInfo');
    if (typeof info === 'object' && info !== null) {
      const firstDay: unknown = Reflect.get(info, 'firstDay');
      if (typeof firstDay === 'number' && firstDay >= 1 && firstDay <= 7) return firstDay;
    }
  } catch {
    // An invalid tag: fall through to the default.
  }
  // Without week data: the US, Canada and Japan start on Sunday; Europe on Monday.
  return /-(US|CA|JP)$/i.test(tag) ? 7 : 1;
}

/**
 * Where the member's week starts: the region of the browser's language when it is the language
 * the member works in (en-GB: Monday, en-US: Sunday), else their language's (fi, da: Monday).
 */
export function memberWeekStart(
  browserLanguages: readonly string[],
  options?: MessageOptions
): number {
  const locale = localeFor(options);
  const tag = browserLanguages.find((language) => localeOf(language) === locale) ?? locale;
  return firstDayOfWeek(tag);
}
