/**
 * The phone's triage list and its swipe actions, as pure functions over summaries and
 * domain edits (so they are unit tested on plain Y.Docs).
 *
 * Urgency order (`domain/urgency.ts`, `compareUrgency`): priority first (urgent → low); within
 * a priority, tickets still waiting for a first response before the others; then the oldest
 * first; the id breaks ties so every replica shows the same order. Status does not reorder
 * rows, so a row stays where the thumb left it after "pending".
 *
 * A triage action returns the fields it may have changed as they were before; undo writes
 * them back through the same domain functions (`assign`, `setStatus`, `setPriority`), as new
 * changes that sync like any other — undo is an edit, not a rollback of history.
 */
import type * as Y from 'yjs';
import { assign, readTicketFields, setPriority, setStatus } from '$lib/domain/ticket';
import { isOpenStatus } from '$lib/domain/ticket-status';
import { compareUrgency } from '$lib/domain/urgency';
import type { Actor, TicketPriority, TicketSummary, TicketFields } from '$lib/domain/schema';
import { priorityChanged, setToPending, takenByMe } from '$lib/i18n/messages/triage';
import { matchesQuery } from './search';

export const TRIAGE_SCOPES = ['all', 'mine', 'unassigned'] as const;
export type TriageScope = (typeof TRIAGE_SCOPES)[number];

/** My open tickets and the unassigned open ones, most urgent first. */
export function triageList(
  tickets: readonly TicketSummary[],
  memberId: string,
  scope: TriageScope = 'all',
  query = ''
): TicketSummary[] {
  return tickets
    .filter(
      (t) =>
        isOpenStatus(t.status) &&
        (scope === 'mine'
          ? t.assigneeId === memberId
          : scope === 'unassigned'
            ? t.assigneeId === null
            : t.assigneeId === memberId || t.assigneeId === null) &&
        matchesQuery(t, query)
    )
    .sort(compareUrgency);
}

export type TriageAction =
  { kind: 'take' } | { kind: 'pending' } | { kind: 'priority'; priority: TicketPriority };

export type TriageFields = Pick<TicketFields, 'assigneeId' | 'status' | 'priority'>;

/** Whether the action would change anything on this ticket (a no-op is not offered). */
export function canTriage(t: TicketSummary, action: TriageAction, memberId: string): boolean {
  switch (action.kind) {
    case 'take':
      return t.assigneeId !== memberId;
    case 'pending':
      return t.status !== 'pending';
    case 'priority':
      return t.priority !== action.priority;
  }
}

/** The edit for an action; returns the fields as they were, or `null` if nothing changed. */
export function triageEdit(
  action: TriageAction,
  memberId: string
): (doc: Y.Doc, actor: Actor, now: number) => TriageFields | null {
  return (doc, actor, now) => {
    const fields = readTicketFields(doc);
    if (!fields) return null;
    const before: TriageFields = {
      assigneeId: fields.assigneeId,
      status: fields.status,
      priority: fields.priority
    };
    const changed =
      action.kind === 'take'
        ? assign(doc, memberId, actor, now)
        : action.kind === 'pending'
          ? setStatus(doc, 'pending', actor, now)
          : setPriority(doc, action.priority, actor, now);
    return changed ? before : null;
  };
}

/** Writes back the fields a triage action changed (each only if it differs now). */
export function undoEdit(before: TriageFields): (doc: Y.Doc, actor: Actor, now: number) => boolean {
  return (doc, actor, now) => {
    let changed = false;
    doc.transact(() => {
      // The assignee first: assigning a new ticket also opens it, and the status below puts
      // the old one back.
      if (readTicketFields(doc)?.assigneeId !== before.assigneeId) {
        changed = assign(doc, before.assigneeId, actor, now) || changed;
      }
      if (readTicketFields(doc)?.status !== before.status) {
        changed = setStatus(doc, before.status, actor, now) || changed;
      }
      if (readTicketFields(doc)?.priority !== before.priority) {
        changed = setPriority(doc, before.priority, actor, now) || changed;
      }
    });
    return changed;
  };
}

/** What the undo toast says: `#3 assigned to you`. */
export function describeTriage(action: TriageAction, label: string): string {
  switch (action.kind) {
    case 'take':
      return takenByMe({ ticket: label });
    case 'pending':
      return setToPending({ ticket: label });
    case 'priority':
      return priorityChanged({ ticket: label, priority: action.priority });
  }
}
