/**
 * A member's local time and whether they are inside their working hours right now.
 *
 * Working hours are wall-clock times in the member's own time zone on the listed weekdays.
 * A shift that ends before it starts (22:00–06:00) runs past midnight: the part after
 * midnight belongs to the previous day's shift, so a Friday-night shift still counts on
 * Saturday morning. The zone arithmetic is left to `Intl`, which knows every IANA zone and
 * its daylight-saving rules.
 */
import type { MemberProfile, WorkingHours } from './schema';

export interface LocalTime {
  weekday: number;
  minutes: number;
  /** `14:05`, for display. */
  label: string;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localTime(timeZone: string, now: number): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).formatToParts(new Date(now));
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
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function isWithinHours(hours: WorkingHours, local: LocalTime): boolean {
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  if (start === end) return false;
  if (start < end) {
    return hours.days.includes(local.weekday) && local.minutes >= start && local.minutes < end;
  }
  // Overnight shift: the evening part belongs to today, the morning part to yesterday's shift.
  if (local.minutes >= start) return hours.days.includes(local.weekday);
  if (local.minutes < end) return hours.days.includes((local.weekday + 6) % 7);
  return false;
}

export interface MemberNow {
  member: MemberProfile;
  local: LocalTime;
  onShift: boolean;
}

export function memberNow(member: MemberProfile, now: number): MemberNow {
  const local = localTime(member.timeZone, now);
  return { member, local, onShift: isWithinHours(member.workingHours, local) };
}
