/**
 * The urgency order: which ticket to take next. One order for the board's and the lists'
 * "priority" sort, the phone's triage list and the tickets kept for offline use.
 *
 * Triage puts the ticket whose SLA clock is due first at the top (`compareDue`: a summary's
 * `nextDueAt`, tickets without a running clock after all those with one), then follows the
 * priority order below.
 *
 * Priority first, most urgent first (urgent → high → normal → low). The board's priority sort
 * then takes the oldest first (`compareByPriority`); triage puts, within a priority, the
 * tickets still waiting for a first response before the others, then the oldest
 * (`compareUrgency`). The id breaks the last tie, so every replica shows the same order.
 */
import type { TicketPriority, TicketSummary } from './schema';

/** 0 is the most urgent. */
export const PRIORITY_RANK: Readonly<Record<TicketPriority, number>> = {
  urgent: 0,
  high: 1,
  normal: 2,
  low: 3
};

/** Negative when `a` is more urgent than `b`. */
export function comparePriority(a: TicketPriority, b: TicketPriority): number {
  return PRIORITY_RANK[a] - PRIORITY_RANK[b];
}

type Ordered = Pick<TicketSummary, 'id' | 'priority' | 'createdAt'>;

/** The earliest SLA due time first; a ticket without one after every ticket with one. */
export function compareDue(
  a: Pick<TicketSummary, 'nextDueAt'>,
  b: Pick<TicketSummary, 'nextDueAt'>
): number {
  if (a.nextDueAt === undefined) return b.nextDueAt === undefined ? 0 : 1;
  if (b.nextDueAt === undefined) return -1;
  return a.nextDueAt - b.nextDueAt;
}

function byId(a: Ordered, b: Ordered): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Most urgent first, then the oldest first: the board's and the lists' priority sort. */
export function compareByPriority(a: Ordered, b: Ordered): number {
  return comparePriority(a.priority, b.priority) || a.createdAt - b.createdAt || byId(a, b);
}

/**
 * Due first, then most urgent, then waiting for a first response, then the oldest: triage's
 * order.
 */
export function compareUrgency(
  a: Ordered & Pick<TicketSummary, 'firstResponseAt' | 'nextDueAt'>,
  b: Ordered & Pick<TicketSummary, 'firstResponseAt' | 'nextDueAt'>
): number {
  return (
    compareDue(a, b) ||
    comparePriority(a.priority, b.priority) ||
    Number(a.firstResponseAt !== null) - Number(b.firstResponseAt !== null) ||
    a.createdAt - b.createdAt ||
    byId(a, b)
  );
}
