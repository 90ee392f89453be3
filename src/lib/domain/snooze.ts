/**
 * Snooze: "pending until <time>". A snoozed ticket is pending with `snoozedUntil` set in its
 * fields; the update check validates the field with the ticket's schema. Setting any other
 * status clears it (`ticket.ts` `setStatus`), so a customer's reply before then reopens the
 * ticket as it always did and the snooze is gone.
 *
 * When the time passes, the server's snooze worker (`server/workers/snooze.ts`) sets the
 * ticket back to open as the system actor and logs "Snooze ended" (`endSnooze`): the change
 * clears the field in the same transaction, so a second look, a second server or a restart
 * finds nothing to do — it happens at most once. Until the server's change arrives, the browser
 * already treats the ticket as due (`snoozeEnded` on the summary), offline too.
 *
 * Quick choices (`snoozeChoices`) are computed in the member's time zone: tomorrow at 08:00,
 * next Monday at 08:00, or a chosen date at 08:00.
 */
import type * as Y from 'yjs';
import { temporal } from './temporal';
import { SYSTEM_ACTOR, type Actor, type TicketSummary } from './schema';
import { readTicketFields, setStatus, ticketParts } from './ticket';

/** The morning hour a quick choice wakes the ticket at, in the member's time zone. */
export const SNOOZE_MORNING = 8;

type Snoozable = { status: string; snoozedUntil?: number | null };

/** The time a snoozed ticket comes back; `null` when it is not snoozed. */
export function snoozedUntil(t: Snoozable): number | null {
  return t.status === 'pending' && typeof t.snoozedUntil === 'number' ? t.snoozedUntil : null;
}

/** Whether the ticket's snooze has passed (it is due now, whatever the server has done yet). */
export function snoozeEnded(t: Snoozable, now: number): boolean {
  const until = snoozedUntil(t);
  return until !== null && until <= now;
}

/**
 * Snoozes the ticket until `until`: pending, with the time, logged ("snoozed until …").
 * Throws for a time not in the future.
 */
export function snoozeTicket(doc: Y.Doc, until: number, actor: Actor, now: number): void {
  if (!Number.isInteger(until) || until <= now) throw new Error('A snooze ends in the future.');
  const parts = ticketParts(doc);
  doc.transact(() => {
    setStatus(doc, 'pending', actor, now);
    parts.fields.set('snoozedUntil', until);
    parts.fields.set('updatedAt', Math.max(now, readTicketFields(doc)?.updatedAt ?? now));
    parts.activity.push([{ at: now, actorId: actor.id, kind: 'snooze', to: until }]);
  });
}

/**
 * Ends a snooze that has passed: open again, logged "Snooze ended" by the system actor. Returns
 * whether it changed anything (nothing when the ticket is not snoozed or not due yet).
 */
export function endSnooze(doc: Y.Doc, now: number, actor: Actor = SYSTEM_ACTOR): boolean {
  const fields = readTicketFields(doc);
  if (!fields || !snoozeEnded(fields, now)) return false;
  const parts = ticketParts(doc);
  doc.transact(() => {
    // Clears `snoozedUntil` too (any status but pending does).
    setStatus(doc, 'open', actor, now);
    parts.activity.push([{ at: now, actorId: actor.id, kind: 'snooze', from: 'ended' }]);
  });
  return true;
}

/** The summaries whose snooze has passed (the worker's and the lists' "due now"). */
export function endedSnoozes(tickets: Iterable<TicketSummary>, now: number): TicketSummary[] {
  const out: TicketSummary[] = [];
  for (const t of tickets) if (snoozeEnded(t, now)) out.push(t);
  return out;
}

export interface SnoozeChoices {
  tomorrowMorning: number;
  nextMonday: number;
}

/** Tomorrow at 08:00 and the next Monday at 08:00 in `timeZone`, as epoch milliseconds. */
export function snoozeChoices(now: number, timeZone: string): SnoozeChoices {
  const T = temporal();
  const today = T.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
  const at = (date: InstanceType<typeof T.PlainDate>) =>
    date
      .toZonedDateTime({ timeZone, plainTime: T.PlainTime.from({ hour: SNOOZE_MORNING }) })
      .toInstant().epochMilliseconds;
  const toMonday = (8 - today.dayOfWeek) % 7 || 7;
  return {
    tomorrowMorning: at(today.add({ days: 1 })),
    nextMonday: at(today.add({ days: toMonday }))
  };
}

/** A `YYYY-MM-DD` date at 08:00 (or `time`, `HH:MM`) in `timeZone`; `null` when not a date. */
export function snoozeAt(date: string, timeZone: string, time = '08:00'): number | null {
  const T = temporal();
  try {
    return T.PlainDate.from(date, { overflow: 'reject' })
      .toZonedDateTime({ timeZone, plainTime: T.PlainTime.from(time) })
      .toInstant().epochMilliseconds;
  } catch {
    return null;
  }
}
