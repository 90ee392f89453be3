/**
 * Coverage: who of a team is on during one day of the viewer's, and where nobody is.
 *
 * Each member's working time is a business calendar (their own time zone, intervals per
 * weekday, days off as holidays). For a day we take the viewer's *local* date, from its local
 * midnight to the next one — 24 hours on most days, 23 or 25 on the viewer's daylight-saving
 * days — and turn every member's calendar into open spans of epoch milliseconds inside it.
 * The spans are found per *member's* local date (the day before the window to the day after,
 * since the zones can be up to a day apart), each interval resolved with Temporal's
 * 'compatible' rule like `business-calendar.ts` (a time in a spring-forward gap moves forward
 * by the gap, a repeated autumn hour takes its first occurrence; `24:00` is the next local
 * midnight), then clipped to the window and merged where they touch. A member's day therefore
 * shifts by an hour against the viewer's when only one of the two zones has changed its clocks.
 * The gaps are the parts of the window that no member's span covers.
 *
 * Everything here is plain epoch arithmetic after the spans are found, so the interface only
 * maps instants to positions (fractions of the window) and labels them in the viewer's zone.
 */
import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, Interval } from './business-calendar';
import { temporal } from './temporal';

/** A half-open stretch of time `[from, to)`, epoch ms. */
export interface Span {
  from: number;
  to: number;
}

export interface CoverageMember {
  id: string;
  calendar: BusinessCalendar;
  /** Vacations and out-of-office periods: not on, whatever the hours say. */
  away?: readonly Span[];
}

export interface CoverageRow {
  id: string;
  /** The member's working time inside the window, sorted, merged, clipped. */
  spans: Span[];
}

export interface CoverageDay {
  /** The viewer's zone and local date the window is. */
  timeZone: string;
  date: string;
  from: number;
  to: number;
  rows: CoverageRow[];
  /** Where nobody is on, inside the window. */
  gaps: Span[];
  /** The instants of the viewer's local whole hours in the window (23, 24 or 25 of them). */
  hours: number[];
}

const WEEK_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function instantAt(date: Temporal.PlainDate, minutes: number, timeZone: string): number {
  const dateTime =
    minutes >= 24 * 60
      ? date.add({ days: 1 }).toPlainDateTime()
      : date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function localDate(instant: number, timeZone: string): Temporal.PlainDate {
  return temporal()
    .Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
}

/** Sorted, merged where they overlap or touch; empty spans dropped. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else out.push({ from: span.from, to: span.to });
  }
  return out;
}

/** The calendar's open spans inside `[from, to)`, merged and clipped. */
export function openSpans(cal: BusinessCalendar, from: number, to: number): Span[] {
  if (!(to > from)) return [];
  const holidays = new Set(cal.holidays);
  const spans: Span[] = [];
  const last = localDate(to, cal.timeZone);
  for (
    let date = localDate(from, cal.timeZone).subtract({ days: 1 });
    temporal().PlainDate.compare(date, last) <= 0;
    date = date.add({ days: 1 })
  ) {
    if (holidays.has(date.toString())) continue;
    const intervals: readonly Interval[] = cal.week[WEEK_KEYS[date.dayOfWeek - 1] ?? 'mon'];
    for (const [start, end] of intervals) {
      const open = instantAt(date, minutesOf(start), cal.timeZone);
      const close = instantAt(date, minutesOf(end), cal.timeZone);
      const a = Math.max(open, from);
      const b = Math.min(close, to);
      if (b > a) spans.push({ from: a, to: b });
    }
  }
  return mergeSpans(spans);
}

/** The spans with the away periods cut out. */
export function withoutAway(spans: readonly Span[], away: readonly Span[]): Span[] {
  if (away.length === 0) return [...spans];
  return spans.flatMap((span) => gapsBetween(away, span.from, span.to));
}

/** The parts of `[from, to)` that none of the spans covers. */
export function gapsBetween(spans: readonly Span[], from: number, to: number): Span[] {
  const gaps: Span[] = [];
  let at = from;
  for (const span of mergeSpans(spans)) {
    if (span.to <= at) continue;
    if (span.from >= to) break;
    if (span.from > at) gaps.push({ from: at, to: span.from });
    at = Math.max(at, span.to);
  }
  if (at < to) gaps.push({ from: at, to });
  return gaps;
}

/** The instants of the local midnight starting `date` in `timeZone` and of the next one. */
export function localDay(date: string, timeZone: string): Span {
  const day = temporal().PlainDate.from(date);
  return {
    from: day.toZonedDateTime({ timeZone }).epochMilliseconds,
    to: day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds
  };
}

/** The local date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDateOf(instant: number, timeZone: string): string {
  return localDate(instant, timeZone).toString();
}

/** The team's coverage on the viewer's local `date` (`YYYY-MM-DD`) in `timeZone`. */
export function coverageDay(
  members: readonly CoverageMember[],
  timeZone: string,
  date: string
): CoverageDay {
  const { from, to } = localDay(date, timeZone);
  const rows = members.map((m) => ({
    id: m.id,
    spans: withoutAway(openSpans(m.calendar, from, to), m.away ?? [])
  }));
  const hours: number[] = [];
  // Whole local hours: on a spring-forward day one is missing, on an autumn day one repeats.
  let hour = temporal().PlainDate.from(date).toZonedDateTime({ timeZone });
  while (hour.epochMilliseconds < to) {
    hours.push(hour.epochMilliseconds);
    hour = hour.add({ hours: 1 });
  }
  return {
    timeZone,
    date,
    from,
    to,
    rows,
    gaps: gapsBetween(
      rows.flatMap((r) => r.spans),
      from,
      to
    ),
    hours
  };
}

/** The coverage of the viewer's local day that holds `now`. */
export function coverageAt(
  members: readonly CoverageMember[],
  timeZone: string,
  now: number
): CoverageDay {
  return coverageDay(members, timeZone, localDateOf(now, timeZone));
}

/** Where an instant lies in the window, from 0 (its start) to 1 (its end). */
export function positionIn(day: { from: number; to: number }, instant: number): number {
  return Math.min(1, Math.max(0, (instant - day.from) / (day.to - day.from)));
}
