/**
 * Business time: when a team is open, and how much open time lies between two instants.
 *
 * A calendar is an IANA time zone, opening intervals per weekday in local wall time, and
 * holidays (local dates, closed all day). Everything that reasons about business time (SLA
 * clocks, reports, automations) goes through the two functions at the bottom, so that the
 * browser and the server count the same milliseconds.
 *
 * The algorithm turns the calendar into *open spans*: for each local date, each interval
 * becomes a half-open range of epoch milliseconds `[open, close)`. Local times are resolved
 * with Temporal's 'compatible' disambiguation, the rule of the established business-time
 * libraries: a time inside a daylight-saving gap moves forward by the length of the gap, an
 * ambiguous time (the repeated hour in autumn) takes its earlier occurrence. `24:00` closes
 * at the start of the next local date. Pauses (e.g. while a ticket is pending) are cut out of
 * the spans. Adding then walks the spans from `start`, spending the duration; measuring sums
 * them between two instants. So `businessTimeBetween(c, s, addBusinessTime(c, s, d)) === d`.
 *
 * Conventions, matching the business-time libraries and the helpdesks' SLA clocks:
 *   - a duration of 0 gives the next open moment at or after `start`;
 *   - a deadline that lands exactly on a closing time is that closing time, not the next
 *     opening;
 *   - a calendar with no open time at all counts wall-clock time (minus pauses);
 *   - `businessTimeBetween(c, a, b)` with `b < a` is the negative of `(b, a)`, so "remaining"
 *     can be read as "overdue by" once a deadline has passed.
 *
 * Spans are computed once per calendar and stretch of dates and kept (weakly, per calendar
 * object) in one sorted table: the board computes clocks for thousands of tickets on one
 * calendar, and the Temporal polyfill is slow next to arithmetic on numbers.
 */
import { isTimeZone } from './time-zones';
import type { Temporal } from 'temporal-polyfill';
import { temporal } from './temporal';
import { z } from 'zod';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** `[from, to]` as `'HH:MM'` local wall time; `to` may be `'24:00'`. */
export type Interval = [from: string, to: string];

export interface BusinessCalendar {
  /** IANA, e.g. `'Europe/Helsinki'`. */
  timeZone: string;
  week: Record<WeekdayKey, Interval[]>;
  /** `'YYYY-MM-DD'` local dates, closed all day. */
  holidays: string[];
}

export interface Pause {
  from: number;
  to: number;
}

// ---------------------------------------------------------------------------------------------
// The schema: what an admin may save. Each refusal names the field it is about.

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const ClockTime = z.string().regex(CLOCK, 'times are HH:MM, 24-hour (24:00 may end a day)');

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

const IntervalSchema = z
  .tuple([ClockTime, ClockTime])
  .refine(([from, to]) => minutesOf(from) < minutesOf(to), 'an interval must end after it starts');

const DayIntervals = z
  .array(IntervalSchema)
  .max(12)
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && minutesOf(current[0]) < minutesOf(previous[1])) {
        ctx.addIssue({
          code: 'custom',
          message: `intervals overlap (${previous[0]}–${previous[1]} and ${current[0]}–${current[1]})`
        });
        return;
      }
    }
  });

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((text) => {
    try {
      return temporal().PlainDate.from(text, { overflow: 'reject' }).toString() === text;
    } catch {
      return false;
    }
  }, 'not a calendar date');

export const BusinessCalendarSchema = z.strictObject({
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  week: z.strictObject({
    mon: DayIntervals,
    tue: DayIntervals,
    wed: DayIntervals,
    thu: DayIntervals,
    fri: DayIntervals,
    sat: DayIntervals,
    sun: DayIntervals
  }),
  holidays: z
    .array(LocalDate)
    .max(1000)
    .refine((dates) => new Set(dates).size === dates.length, 'a holiday is listed twice')
}) satisfies z.ZodType<BusinessCalendar>;

/** Mon–Fri 09:00–17:00 in `timeZone`, no holidays: what a new workspace starts with. */
export function defaultCalendar(timeZone: string): BusinessCalendar {
  const day: Interval[] = [['09:00', '17:00']];
  return {
    timeZone,
    week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: []
  };
}

// ---------------------------------------------------------------------------------------------
// Open spans

/**
 * A calendar's open spans over a range of local dates, as one flat sorted array
 * `[open0, close0, open1, close1, …]` of epoch ms. Extended a few weeks at a time in either
 * direction when asked about an instant outside it; looking up and walking it is plain
 * arithmetic, so only the first question about a stretch of dates pays for Temporal.
 */
interface SpanTable {
  /** Per ISO weekday (1 = Monday), sorted intervals in minutes since local midnight. */
  readonly week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  readonly holidays: ReadonlySet<string>;
  readonly alwaysClosed: boolean;
  /** The local dates covered: `[first, end)`, and the instants of their midnights. */
  first: Temporal.PlainDate | null;
  end: Temporal.PlainDate | null;
  from: number;
  to: number;
  spans: number[];
}

const EXTEND_DAYS = 42;
/** Ten years of closed days in a row means the calendar never opens (all holidays). */
const MAX_CLOSED_DAYS = 3660;
const tables = new WeakMap<BusinessCalendar, SpanTable>();

function tableOf(cal: BusinessCalendar): SpanTable {
  let table = tables.get(cal);
  if (table) return table;
  const week = WEEKDAY_KEYS.map((key) =>
    [...cal.week[key]]
      .map(([from, to]) => [minutesOf(from), minutesOf(to)] as const)
      .filter(([from, to]) => from < to)
      .sort((a, b) => a[0] - b[0])
  );
  table = {
    week: [[], ...week],
    holidays: new Set(cal.holidays),
    alwaysClosed: week.every((day) => day.length === 0),
    first: null,
    end: null,
    from: 0,
    to: 0,
    spans: []
  };
  tables.set(cal, table);
  return table;
}

function instantAt(date: Temporal.PlainDate, minutes: number, timeZone: string): number {
  const dateTime =
    minutes >= 24 * 60
      ? date.add({ days: 1 }).toPlainDateTime()
      : date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The open spans of the dates `[first, end)`, flat, merged where they touch. */
function spansOf(
  cal: BusinessCalendar,
  table: SpanTable,
  first: Temporal.PlainDate,
  end: Temporal.PlainDate
): number[] {
  const out: number[] = [];
  for (
    let date = first;
    temporal().PlainDate.compare(date, end) < 0;
    date = date.add({ days: 1 })
  ) {
    if (table.holidays.has(date.toString())) continue;
    for (const [from, to] of table.week[date.dayOfWeek] ?? []) {
      const open = instantAt(date, from, cal.timeZone);
      const close = instantAt(date, to, cal.timeZone);
      // A DST gap can fold a short interval into nothing.
      if (close <= open) continue;
      const last = out.length - 1;
      if (last > 0 && open <= (out[last] ?? 0)) out[last] = Math.max(out[last] ?? 0, close);
      else out.push(open, close);
    }
  }
  return out;
}

function midnight(date: Temporal.PlainDate, timeZone: string): number {
  return date.toZonedDateTime({ timeZone }).epochMilliseconds;
}

function localDateOf(instant: number, timeZone: string): Temporal.PlainDate {
  return temporal()
    .Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
}

/**
 * Makes the table cover the local date of `instant` and the day before it. Far from what it
 * covers (a clock on a ticket from years ago), the table starts afresh there instead of
 * filling every date in between.
 */
function coverFrom(cal: BusinessCalendar, table: SpanTable, instant: number): void {
  const DAY = 86_400_000;
  const covered = table.first !== null && table.end !== null;
  if (covered && instant - 2 * DAY >= table.from && instant < table.to + EXTEND_DAYS * DAY) return;
  const wanted = localDateOf(instant, cal.timeZone).subtract({ days: EXTEND_DAYS });
  if (
    table.first !== null &&
    covered &&
    instant - 2 * DAY < table.from &&
    instant > table.from - 366 * DAY
  ) {
    table.spans = [...spansOf(cal, table, wanted, table.first), ...table.spans];
    table.first = wanted;
    table.from = midnight(wanted, cal.timeZone);
    return;
  }
  const end = wanted.add({ days: 2 * EXTEND_DAYS });
  table.spans = spansOf(cal, table, wanted, end);
  table.first = wanted;
  table.end = end;
  table.from = midnight(wanted, cal.timeZone);
  table.to = midnight(end, cal.timeZone);
}

/** Adds the next few weeks to the table; returns whether any of them has open time. */
function extendForward(cal: BusinessCalendar, table: SpanTable): boolean {
  if (table.end === null) return false;
  const end = table.end.add({ days: EXTEND_DAYS });
  const added = spansOf(cal, table, table.end, end);
  for (const value of added) table.spans.push(value);
  table.end = end;
  table.to = midnight(end, cal.timeZone);
  return added.length > 0;
}

/** The index (even) of the first span in `spans` that closes after `instant`. */
function firstSpanAfter(spans: readonly number[], instant: number): number {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid * 2 + 1] ?? 0) > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo * 2;
}

const byStart = (a: Pause, b: Pause): number => a.from - b.from;

/** Pauses sorted by start and merged where they overlap or touch; empty ones dropped. */
function normalisePauses(pauses: ReadonlyArray<Pause> | undefined): Pause[] {
  const merged: Pause[] = [];
  if (!pauses || pauses.length === 0) return merged;
  const sorted: Pause[] = [];
  for (const pause of pauses) if (pause.to > pause.from) sorted.push(pause);
  if (sorted.length > 1) sorted.sort(byStart);
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push({ from: pause.from, to: pause.to });
  }
  return merged;
}

/**
 * The open stretches of a calendar at or after an instant, in order, with pauses cut out; a
 * calendar with no open time is open all the time. `next()` moves to the next stretch
 * (`open`, `close`) and says whether there is one. Read to its end (or dropped) before another
 * walk over the same calendar starts, since that may extend the calendar's table backwards.
 *
 * A cursor rather than a callback: SLA clocks walk calendars thousands of times at board open,
 * and a closure made per call (which `tsx` also names, one `defineProperty` each) was half the
 * cost of a clock.
 */
class OpenStretches {
  open = 0;
  close = 0;
  readonly #cal: BusinessCalendar;
  readonly #table: SpanTable;
  readonly #from: number;
  readonly #pauses: Pause[];
  #pause = 0;
  /** The part of the current span not yet given out: `[#start, #end)`. */
  #start = 0;
  #end = 0;
  /** The index (even) of the next span in the table. */
  #span = -1;
  #closedDays = 0;

  constructor(cal: BusinessCalendar, from: number, pauses: Pause[]) {
    this.#cal = cal;
    this.#table = tableOf(cal);
    this.#from = from;
    this.#pauses = pauses;
    if (this.#table.alwaysClosed) {
      this.#start = from;
      this.#end = Number.POSITIVE_INFINITY;
    } else {
      coverFrom(cal, this.#table, from);
      this.#span = firstSpanAfter(this.#table.spans, from);
    }
  }

  next(): boolean {
    for (;;) {
      const pauses = this.#pauses;
      while (this.#start < this.#end) {
        const start = this.#start;
        while (this.#pause < pauses.length && (pauses[this.#pause]?.to ?? 0) <= start) {
          this.#pause++;
        }
        const pause = pauses[this.#pause];
        if (!pause || pause.from >= this.#end) {
          this.open = start;
          this.close = this.#end;
          this.#start = this.#end;
          return true;
        }
        this.#start = pause.to;
        if (pause.from > start) {
          this.open = start;
          this.close = pause.from;
          return true;
        }
      }
      if (!this.#nextSpan()) return false;
    }
  }

  /** Moves to the next span of the table, extending it forward as needed. */
  #nextSpan(): boolean {
    if (this.#span < 0) return false;
    const table = this.#table;
    while (this.#span >= table.spans.length) {
      this.#closedDays = extendForward(this.#cal, table) ? 0 : this.#closedDays + EXTEND_DAYS;
      if (this.#closedDays >= MAX_CLOSED_DAYS) {
        throw new Error('The calendar has no open time in ten years.');
      }
    }
    this.#start = Math.max(table.spans[this.#span] ?? 0, this.#from);
    this.#end = table.spans[this.#span + 1] ?? 0;
    this.#span += 2;
    return true;
  }
}

/** The instant `durationMs` of business time after `start` (epoch ms). */
export function addBusinessTime(
  cal: BusinessCalendar,
  start: number,
  durationMs: number,
  pauses?: ReadonlyArray<Pause>
): number {
  if (!Number.isFinite(start) || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError('addBusinessTime needs a finite start and a duration ≥ 0');
  }
  let remaining = durationMs;
  const open = new OpenStretches(cal, start, normalisePauses(pauses));
  while (open.next()) {
    if (remaining <= open.close - open.open) return open.open + remaining;
    remaining -= open.close - open.open;
  }
  return Number.NaN;
}

/** Business time in ms between two instants (negative when `to` is before `from`). */
export function businessTimeBetween(
  cal: BusinessCalendar,
  from: number,
  to: number,
  pauses?: ReadonlyArray<Pause>
): number {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError('businessTimeBetween needs finite instants');
  }
  if (to < from) return -businessTimeBetween(cal, to, from, pauses);
  let total = 0;
  const open = new OpenStretches(cal, from, normalisePauses(pauses));
  while (open.next()) {
    if (open.open >= to) break;
    total += Math.min(open.close, to) - open.open;
    if (open.close >= to) break;
  }
  return total;
}

/** Whether the calendar is open at `instant` (holidays and the weekly hours; no pauses). */
export function isOpenAt(cal: BusinessCalendar, instant: number): boolean {
  return addBusinessTime(cal, instant, 0) === instant && !isAtClose(cal, instant);
}

function isAtClose(cal: BusinessCalendar, instant: number): boolean {
  // addBusinessTime(…, 0) returns `instant` inside a span; a span's close is not open.
  return businessTimeBetween(cal, instant, instant + 1) === 0;
}
