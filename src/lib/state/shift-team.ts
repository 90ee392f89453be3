/**
 * Who is on now and who is next, for the end-of-shift screen, from everyone's working hours
 * in their own time zones (`working-hours.ts`). "On now" means available: inside their hours
 * and not away. "Next" are the others, by the instant their next shift starts (the start of
 * the next open time of their calendar after their vacation, if any); people with no working
 * time at all come last. Plain functions of the profiles and `now`, so a test gives the clock.
 */
import type { MemberProfile } from '$lib/domain/schema';
import {
  memberCalendar,
  memberNow,
  nextShiftStart,
  type MemberNow
} from '$lib/domain/working-hours';
import { openSpans } from '$lib/domain/coverage';
import { getTimeZone } from '$lib/i18n/runtime';

export interface NextOnShift {
  now: MemberNow;
  /** When their next shift starts; `null` when they have no working hours. */
  startsAt: number | null;
}

export interface TeamShifts {
  onNow: MemberNow[];
  next: NextOnShift[];
}

export function teamShifts(
  members: Iterable<MemberProfile>,
  now: number,
  meId: string
): TeamShifts {
  const onNow: MemberNow[] = [];
  const next: NextOnShift[] = [];
  for (const member of members) {
    if (member.id === meId) continue;
    const state = memberNow(member, now);
    if (state.available) onNow.push(state);
    else next.push({ now: state, startsAt: nextShiftStart(member, now) });
  }
  onNow.sort((a, b) => a.member.name.localeCompare(b.member.name));
  next.sort(
    (a, b) =>
      (a.startsAt ?? Number.POSITIVE_INFINITY) - (b.startsAt ?? Number.POSITIVE_INFINITY) ||
      a.now.member.name.localeCompare(b.now.member.name)
  );
  return { onNow, next };
}

/**
 * When the member's previous shift by their hours ended: the end of their last working span
 * before `now` that is over (the one they are in now does not count). `null` when they had
 * no working time in the last eight days.
 */
export function previousShiftEnd(member: MemberProfile, now: number): number | null {
  const spans = openSpans(memberCalendar(member), now - 8 * 86_400_000, now);
  const last = spans[spans.length - 1];
  const ended = last && last.to < now ? last : spans[spans.length - 2];
  return ended ? ended.to : null;
}

/** The zone the viewer reads times in: their profile's, else the language layer's, else the device's. */
export function viewerTimeZone(profile: MemberProfile | undefined): string {
  return profile?.timeZone ?? getTimeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
