/**
 * The profile forms' plain logic: a member's week as the form edits it (shifts past midnight
 * as one row, `24:00` shown as `00:00` because a time input has no 24:00), the week the form
 * saves, which day a refusal of the schema is about, vacations entered as local dates and
 * out-of-office periods as local date-times in the member's own time zone (stored as
 * instants: `AwayPeriod`), and who may edit whose profile.
 */
import { WEEKDAY_KEYS, type WeekdayKey } from '$lib/domain/business-calendar';
import { isAdmin, mayEdit, type Role } from '$lib/domain/roles';
import {
  MemberProfile,
  type AwayKind,
  type AwayPeriod,
  type WorkingHours
} from '$lib/domain/schema';
import { temporal } from '$lib/domain/temporal';
import { shiftsOf, weekFromShifts } from '$lib/domain/working-hours';
import { indexParts, putMember } from '$lib/domain/workspace-index';
import type * as Y from 'yjs';

export interface ShiftDraft {
  from: string;
  to: string;
}
export type WeekDraft = Record<WeekdayKey, ShiftDraft[]>;

export function weekDraftOf(hours: WorkingHours): WeekDraft {
  const shifts = shiftsOf(hours);
  const draft = {} as WeekDraft;
  for (const key of WEEKDAY_KEYS) {
    draft[key] = shifts[key].map(([from, to]) => ({ from, to: to === '24:00' ? '00:00' : to }));
  }
  return draft;
}

/** The week the draft means; `weekFromShifts` splits a shift past midnight (`00:00` ends a day). */
export function hoursOfDraft(draft: WeekDraft): WorkingHours {
  const shifts = {} as WorkingHours;
  for (const key of WEEKDAY_KEYS) shifts[key] = draft[key].map(({ from, to }) => [from, to]);
  return weekFromShifts(shifts);
}

export type HoursProblem = 'overlap' | 'backwards' | 'invalid';

/** Why the schema refused the hours, by weekday (the day the stored interval is on). */
export function hoursProblems(candidate: unknown): Partial<Record<WeekdayKey, HoursProblem>> {
  const parsed = MemberProfile.safeParse(candidate);
  const out: Partial<Record<WeekdayKey, HoursProblem>> = {};
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const [root, day] = issue.path;
    if (root !== 'workingHours' || !WEEKDAY_KEYS.includes(day as WeekdayKey)) continue;
    out[day as WeekdayKey] ??= issue.message.startsWith('intervals overlap')
      ? 'overlap'
      : issue.message.startsWith('an interval must end')
        ? 'backwards'
        : 'invalid';
  }
  return out;
}

/** Who may change whose profile: anyone who writes the index their own, admins anyone's. */
export function mayEditProfile(
  role: Role | null | undefined,
  actorId: string,
  memberId: string
): boolean {
  return actorId === memberId ? mayEdit(role, 'change') : isAdmin(role);
}

// Away periods ----------------------------------------------------------------------------------

/** A vacation from the first to the last local date (inclusive) in `timeZone`. */
export function vacationRange(
  firstDay: string,
  lastDay: string,
  timeZone: string
): { from: number; to: number } | null {
  try {
    const T = temporal();
    const first = T.PlainDate.from(firstDay, { overflow: 'reject' });
    const last = T.PlainDate.from(lastDay, { overflow: 'reject' });
    return {
      from: first.toZonedDateTime({ timeZone }).epochMilliseconds,
      to: last.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds
    };
  } catch {
    return null;
  }
}

/** An out-of-office period between two local date-times (`YYYY-MM-DDTHH:MM`) in `timeZone`. */
export function localRange(
  fromLocal: string,
  toLocal: string,
  timeZone: string
): { from: number; to: number } | null {
  try {
    const T = temporal();
    const at = (text: string) =>
      T.PlainDateTime.from(text, { overflow: 'reject' }).toZonedDateTime(timeZone, {
        disambiguation: 'compatible'
      }).epochMilliseconds;
    return { from: at(fromLocal), to: at(toLocal) };
  } catch {
    return null;
  }
}

/** The local date (`YYYY-MM-DD`) of an instant in `timeZone`, for date inputs. */
export function localDate(instant: number, timeZone: string): string {
  return temporal()
    .Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

export type AwayProblem = 'ends-before-start' | 'overlaps' | 'invalid';

/**
 * The profile with `period` added, periods that ended more than 30 days before `now` dropped
 * (the list stays short), or why it cannot be added.
 */
export function withAwayPeriod(
  profile: MemberProfile,
  period: AwayPeriod,
  now: number
): { ok: true; profile: MemberProfile } | { ok: false; problem: AwayProblem } {
  const kept = profile.away.filter((p) => p.to > now - 30 * 86_400_000);
  const parsed = MemberProfile.safeParse({ ...profile, away: [...kept, period] });
  if (parsed.success) return { ok: true, profile: parsed.data };
  const issue = parsed.error.issues[0];
  const problem: AwayProblem =
    issue?.path.at(-1) === 'to'
      ? 'ends-before-start'
      : issue?.message === 'away periods overlap'
        ? 'overlaps'
        : 'invalid';
  return { ok: false, problem };
}

/** Current and upcoming periods, soonest first. */
export function upcomingAway(profile: MemberProfile, now: number): AwayPeriod[] {
  return profile.away.filter((p) => p.to > now).sort((a, b) => a.from - b.from);
}

export const AWAY_KIND_ORDER: readonly AwayKind[] = ['vacation', 'out-of-office'];

/** Skills as typed: trimmed, lower-case, no duplicates; `null` when one is not a valid tag. */
export function parseSkills(text: string, existing: readonly string[]): string[] | null {
  const added = text
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (added.some((s) => s.length > 40)) return null;
  return [...new Set([...existing, ...added])];
}

// Saving ----------------------------------------------------------------------------------------

export type SaveOutcome = 'saved' | 'not-allowed' | 'no-profile' | 'invalid';

/**
 * Writes `patch` into the member's profile in the index, on top of the profile as the document
 * holds it now (a change synced meanwhile to another field is kept). Refused before the
 * document changes when the role may not (the server would refuse it too) or the schema says
 * no, so no refused edit lingers on screen.
 */
export function saveProfile(
  session: { indexDoc: Y.Doc | null; role: Role | undefined; actor: { id: string } },
  memberId: string,
  patch: Partial<MemberProfile>
): SaveOutcome {
  if (!mayEditProfile(session.role, session.actor.id, memberId)) return 'not-allowed';
  const doc = session.indexDoc;
  const stored = doc ? MemberProfile.safeParse(indexParts(doc).members.get(memberId)) : null;
  if (!doc || !stored?.success) return 'no-profile';
  const next = MemberProfile.safeParse({ ...stored.data, ...patch });
  if (!next.success) return 'invalid';
  doc.transact(() => putMember(doc, next.data));
  return 'saved';
}
