/**
 * What a ticket's status means: the one definition the board, the lists, triage, the team
 * page, the offline prefetch, SLA clocks and mail ingestion all read.
 *
 *   new ─► open ─► pending / on-hold ─► solved ─► closed
 *   └──────────── open (in work) ─────┘  └─ solved ─┘
 *
 * - Open: `new`, `open`, `pending`, `on-hold`. Someone still owes the customer something; these
 *   are the "open" view, the triage list, a member's count on the team page, the tickets kept
 *   for offline use. A ticket leaves them only by being solved or closed.
 * - Solved: `solved` and `closed`. Done; the ticket carries `solvedAt` while in one of them
 *   (`setStatus` keeps it), and the "solved" view shows the recently solved ones.
 *
 * The reopen rule: a customer's message sets a `pending` or `solved` ticket back to `open` (the
 * customer answered, or is not satisfied). A `closed` ticket is final for agents but not for
 * mail: a customer's message reopens it within the workspace's reopen window (counted from
 * `solvedAt`, or the last update when that is missing), and after the window it starts a new
 * ticket that names the old one (a follow-up). An `open`, `new` or `on-hold` ticket is left as
 * it is. History brought in by an import reopens nothing closed (no window: `null`).
 */
import { TICKET_STATUSES, type TicketFields, type TicketStatus } from './schema';

export const OPEN_STATUSES = ['new', 'open', 'pending', 'on-hold'] as const;
export const SOLVED_STATUSES = ['solved', 'closed'] as const;

export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type SolvedStatus = (typeof SOLVED_STATUSES)[number];

const STATUSES: ReadonlySet<unknown> = new Set(TICKET_STATUSES);
const OPEN: ReadonlySet<TicketStatus> = new Set(OPEN_STATUSES);
const SOLVED: ReadonlySet<TicketStatus> = new Set(SOLVED_STATUSES);

/** Whether an outside value (an activity entry's `to`, a cached summary) is a status. */
export function isTicketStatus(value: unknown): value is TicketStatus {
  return STATUSES.has(value);
}

/** In work: not solved and not closed. */
export function isOpenStatus(status: TicketStatus): status is OpenStatus {
  return OPEN.has(status);
}

/** Solved or closed. */
export function isSolvedStatus(status: TicketStatus): status is SolvedStatus {
  return SOLVED.has(status);
}

/** What a customer's message does to the ticket it is threaded to (see the header). */
export type CustomerMessageEffect = 'reopen' | 'follow-up' | 'none';

/**
 * The reopen rule. `reopenClosedWithinMs`: how long after closing a closed ticket still
 * reopens; `null` when closed tickets are never reopened (an import's history, or a message
 * added to a ticket by hand rather than by mail).
 */
export function customerMessageEffect(
  ticket: Pick<TicketFields, 'status' | 'solvedAt' | 'updatedAt'>,
  now: number,
  reopenClosedWithinMs: number | null
): CustomerMessageEffect {
  if (ticket.status === 'pending' || ticket.status === 'solved') return 'reopen';
  if (ticket.status !== 'closed' || reopenClosedWithinMs === null) return 'none';
  const closedAt = ticket.solvedAt ?? ticket.updatedAt;
  return now - closedAt > reopenClosedWithinMs ? 'follow-up' : 'reopen';
}
