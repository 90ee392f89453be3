/**
 * What happens to a member's open tickets when their vacation or out-of-office period starts:
 * each goes to the period's substitute, or back to the queue (unassigned) when there is none
 * or the substitute cannot take it. The server's `workers/away-reassign.ts` calls this once
 * per ticket as the system actor; the rule itself is here so it is tested on plain documents.
 *
 * Once per period, from the ticket's own history (so a restart or a repeated sweep changes
 * nothing, and no other store is needed):
 *   - a ticket whose activity already has this member's `away` entry inside the period was
 *     handed over already;
 *   - a ticket assigned to the member *after* the period started was given to them on
 *     purpose by someone who knew (they may be back for it): it is left alone.
 *
 * The handover note is kept as it is (the member may have written one for the next shift);
 * with a substitute it is signed over to them (`signHandover`), so the ticket shows "handed
 * over to …" with the note. The `away` activity entry says why: `from` the member who is away,
 * `to` the kind of period ('vacation' | 'out-of-office').
 */
import type * as Y from 'yjs';
import { SYSTEM_ACTOR, type AwayPeriod } from './schema';
import { assign, readActivity, readTicketFields, signHandover, ticketParts } from './ticket';
import { isOpenStatus } from './ticket-status';

export type AwayHandoverResult = 'to-substitute' | 'to-queue' | 'unchanged';

/**
 * Hands the ticket in `doc` over for `memberId`'s `period`, at `now` (inside the period);
 * `substituteId` is whom it goes to (`null`: the queue), as the caller decided from the
 * period and who can take tickets now.
 */
export function handOverForAway(
  doc: Y.Doc,
  memberId: string,
  period: AwayPeriod,
  substituteId: string | null,
  now: number
): AwayHandoverResult {
  const fields = readTicketFields(doc);
  if (!fields || fields.assigneeId !== memberId || !isOpenStatus(fields.status)) {
    return 'unchanged';
  }
  const activity = readActivity(doc);
  const done = activity.some(
    (entry) =>
      entry.kind === 'away' &&
      entry.from === memberId &&
      entry.at >= period.from &&
      entry.at < period.to
  );
  if (done) return 'unchanged';
  let assignedAt = fields.createdAt;
  for (const entry of activity) {
    if (entry.kind === 'assignee' && entry.to === memberId) assignedAt = entry.at;
  }
  if (assignedAt >= period.from) return 'unchanged';
  const to = substituteId === memberId ? null : substituteId;
  doc.transact(() => {
    assign(doc, to, SYSTEM_ACTOR, now);
    if (to !== null) signHandover(doc, to, SYSTEM_ACTOR, now);
    ticketParts(doc).activity.push([
      { at: now, actorId: SYSTEM_ACTOR.id, kind: 'away', from: memberId, to: period.kind }
    ]);
  });
  return to === null ? 'to-queue' : 'to-substitute';
}
