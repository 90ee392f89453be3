/**
 * A member's local time, whether they are at work right now, and when they are next.
 *
 * Working hours are a week of intervals in the member's own time zone, the `week` of a
 * `BusinessCalendar` (several intervals a day, `24:00` allowed as an end). A shift past
 * midnight is two intervals: the evening ends at `24:00`, the morning goes on from `00:00` the
 * next day — so a Friday-night shift counts on Saturday morning without any special rule.
 *
 * "On shift" is a question about wall time, so `memberNow` asks `Intl` for the member's local
 * weekday and minute (cheap enough for every member on every frame) and looks the minute up
 * in that weekday's intervals. Questions about *instants* — when does the next shift start,
 * what does the coverage across time zones look like — go through the member's calendar
 * (`memberCalendar`) and `business-calendar.ts`, which resolves local times with Temporal
 * (a time in a daylight-saving gap moves forward by the gap; a repeated hour counts once each
 * time it happens). Both agree: an instant is open in the calendar exactly when its local
 * wall time is inside an interval.
 *
 * Vacations and out-of-office periods (`MemberProfile.away`) are half-open ranges of instants.
 * A member who is away is still "on shift" by their hours but not *available*: routing and
 * notifications use `available`; coverage timelines may show both.
 */
import {
  addBusinessTime,
  WEEKDAY_KEYS,
  type BusinessCalendar,
  type Interval,
  type WeekdayKey
} from './business-calendar';
import type { AwayPeriod, MemberProfile, WorkingHours } from './schema';

export { weekFromLegacy } from './schema';

export interface LocalTime {
  /** 0 is Sunday, as `Date#getDay()` counts. */
  weekday: number;
  minutes: number;
  /** `14:05`, for display. */
  label: string;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23'
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function localTime(timeZone: string, now: number): LocalTime {
  const parts = formatFor(timeZone).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  return {
    weekday: WEEKDAYS[get('weekday')] ?? 0,
    minutes: hour * 60 + minute,
    label: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  };
}

function toMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** The key of a weekday counted from Sunday (`Date#getDay()`, `LocalTime.weekday`). */
export function weekdayKey(weekday: number): WeekdayKey {
  return WEEKDAY_KEYS[(((weekday + 6) % 7) + 7) % 7] ?? 'mon';
}

/** Whether a local wall time falls inside the working hours (the start counts, the end not). */
export function isWithinHours(hours: WorkingHours, local: LocalTime): boolean {
  return hours[weekdayKey(local.weekday)].some(
    ([from, to]) => local.minutes >= toMinutes(from) && local.minutes < toMinutes(to)
  );
}

/** Whether the week has any working time at all. */
export function hasWorkingTime(hours: WorkingHours): boolean {
  return WEEKDAY_KEYS.some((key) =>
    hours[key].some(([from, to]) => toMinutes(from) < toMinutes(to))
  );
}

/** The vacation or out-of-office period the member is in at `now`, or `null`. */
export function awayAt(member: MemberProfile, now: number): AwayPeriod | null {
  let found: AwayPeriod | null = null;
  for (const period of member.away) {
    if (period.from <= now && now < period.to && (!found || period.from < found.from)) {
      found = period;
    }
  }
  return found;
}

export interface MemberNow {
  member: MemberProfile;
  local: LocalTime;
  /** Inside their working hours by their own clock. */
  onShift: boolean;
  /** The vacation or out-of-office period they are in, or `null`. */
  away: AwayPeriod | null;
  /** On shift and not away: who routing and notifications count as at work. */
  available: boolean;
}

export function memberNow(member: MemberProfile, now: number): MemberNow {
  const local = localTime(member.timeZone, now);
  const onShift = isWithinHours(member.workingHours, local);
  const away = awayAt(member, now);
  return { member, local, onShift, away, available: onShift && away === null };
}

const calendars = new WeakMap<MemberProfile, BusinessCalendar>();

/**
 * The member's working hours as a business calendar: their zone and week, no holidays. The
 * same calendar object is returned for the same profile object, so `business-calendar.ts`
 * computes its open spans once per profile (a coverage timeline asks many times).
 */
export function memberCalendar(member: MemberProfile): BusinessCalendar {
  let calendar = calendars.get(member);
  if (!calendar) {
    calendar = { timeZone: member.timeZone, week: member.workingHours, holidays: [] };
    calendars.set(member, calendar);
  }
  return calendar;
}

/**
 * The first instant at or after `now` at which the member is available: inside their working
 * hours and not in a vacation or out-of-office period. That is `now` itself while they are
 * available; while they are away, the first working moment after the period (the middle of a
 * shift, when the period ends during one). `null` when their week has no working time.
 */
export function nextShiftStart(member: MemberProfile, now: number): number | null {
  if (!hasWorkingTime(member.workingHours)) return null;
  const pauses = member.away.map((period) => ({ from: period.from, to: period.to }));
  return addBusinessTime(memberCalendar(member), now, 0, pauses);
}

/**
 * The week as people say it: an interval that ends at `24:00` and goes on at `00:00` the next
 * day is one shift past midnight, `['22:00', '06:00']` on the day it starts (its end before
 * its start). For labels and the profile form; `weekFromShifts` turns it back.
 */
export function shiftsOf(hours: WorkingHours): WorkingHours {
  const shifts = Object.fromEntries(
    WEEKDAY_KEYS.map((key) => [key, hours[key].map(([from, to]) => [from, to] as Interval)])
  ) as WorkingHours;
  WEEKDAY_KEYS.forEach((key, i) => {
    const today = shifts[key];
    const tomorrow = shifts[WEEKDAY_KEYS[(i + 1) % 7] ?? 'mon'];
    const last = today[today.length - 1];
    if (!last || last[1] !== '24:00' || last[0] === '00:00') return;
    const morning = tomorrow.findIndex(([from, to]) => from === '00:00' && to !== '24:00');
    if (morning < 0 || tomorrow === today) return;
    last[1] = tomorrow[morning]?.[1] ?? '24:00';
    tomorrow.splice(morning, 1);
  });
  return shifts;
}

/** The stored week of shifts as `shiftsOf` shows them: a shift past midnight split in two. */
export function weekFromShifts(shifts: WorkingHours): WorkingHours {
  const week: WorkingHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  WEEKDAY_KEYS.forEach((key, i) => {
    for (const [from, to] of shifts[key]) {
      if (to === '00:00' || toMinutes(to) > toMinutes(from) || from === to) {
        week[key].push([from, to === '00:00' ? '24:00' : to]);
      } else {
        week[key].push([from, '24:00']);
        week[WEEKDAY_KEYS[(i + 1) % 7] ?? 'mon'].push(['00:00', to]);
      }
    }
  });
  for (const key of WEEKDAY_KEYS) week[key].sort((a, b) => toMinutes(a[0]) - toMinutes(b[0]));
  return week;
}
