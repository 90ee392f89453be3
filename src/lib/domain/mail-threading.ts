/**
 * Mail threading: which ticket an incoming message belongs to, as a pure function of the
 * parsed message and a few lookups the caller passes in (what the mail store and the ticket
 * documents know). No database, no network: the lookups may answer now or later (a promise).
 *
 * The decision, in this order:
 *   1. Noise (bulk mail, a mailer-daemon, and whatever the mailbox's rules say is not heard;
 *      classified by the parser) goes nowhere: no ticket, and no mail back, so two
 *      auto-responders cannot loop.
 *   2. Mail from one of our own support addresses arriving in the live mailbox is our own
 *      message coming back (a copy in the inbox): ignored, never a ticket, never a loop. In an
 *      import it is history: an agent's reply, threaded like any message.
 *   3. By reference: `In-Reply-To`, then every `References` id, newest first (at most
 *      `MAX_THREAD_IDS` ids in all), against the Message-IDs Baton has seen or sent in this
 *      workspace. The first id that names a ticket decides.
 *   4. By the ticket tag in the subject, `[#1042]` (the first tag; Baton writes it into every
 *      reply's subject, `replySubject`). Never by the subject's words alone.
 *   A ticket found either way must be one of this workspace's tickets; one that is not (a
 *   stale row, a forged reference) is passed over, as if nothing had been found that way.
 *   5. Nothing found: a new ticket.
 * A ticket found either way that was merged into another (`merge.ts`) hands the message on to
 * the ticket it lives on in: the merge pointers are followed to the last ticket (a cycle of
 * concurrent merges broken as everywhere, `followMerges`), so later mail to a merged-away
 * ticket lands in the target.
 * An automatic reply (an out-of-office) found a ticket by reference or tag is added to it as
 * `automatic`: shown to the agents, but it is not the customer's message, so it never reopens
 * the ticket; one that finds no ticket is ignored and never starts one. A message heard only
 * within a thread (`onlyInThread`, e.g. a mailing-list copy) that finds no ticket is ignored
 * with that reason.
 * A customer's message threaded to a closed ticket past the reopen window starts a new ticket
 * that names the old one (`followUpOf`); appended to a pending, solved or (within the window)
 * closed ticket it reopens it. Both are the domain's reopen rule, `customerMessageEffect` in
 * `ticket-status.ts`. History from an import never reopens or follows up a closed ticket.
 *
 * Any sender may reply to a ticket whose tag or references they hold, as in every helpdesk
 * that threads mail: the workspace is the boundary that is checked, not the sender.
 */
import type { TicketFields } from './schema';
import { customerMessageEffect } from './ticket-status';
import { MAX_CHAIN, followMerges, type MergePointer } from './merge-records';

/** How many `In-Reply-To` and `References` ids are looked up at most (the newest ones). */
export const MAX_THREAD_IDS = 100;

/** What threading reads of a parsed message. */
export interface ThreadingMessage {
  inReplyTo: readonly string[];
  references: readonly string[];
  subject: string;
  /** The sender's address (any case), `null` when the message names none. */
  from: string | null;
  /** Why the parser found the message to be noise (bulk, a daemon…), or `null`. */
  noise: string | null;
  /** An automatic reply: it may join a ticket, as such, but never reopens or starts one. */
  automatic?: boolean;
  /** Heard only when it belongs to a ticket; otherwise ignored with this reason. */
  onlyInThread?: string | null;
}

/** Where the message came from: `live`, the mailbox; `import`, history from an export. */
export type ThreadingMode = 'live' | 'import';

export interface ThreadingContext {
  workspaceId: string;
  mode: ThreadingMode;
  /** The workspace's support addresses (any case). */
  ownAddresses: readonly string[];
  /** How long after closing a closed ticket is still reopened by a customer's message. */
  reopenClosedWithinMs: number;
  now: number;
}

/** What threading needs to know of a ticket. */
export type ThreadTicket = Pick<
  TicketFields,
  'workspaceId' | 'status' | 'solvedAt' | 'updatedAt'
> & {
  /** The merge that applies to it (`merge.ts` `pointerOf`); absent or `null`: not merged. */
  mergedInto?: MergePointer | null;
};

type Awaitable<T> = T | Promise<T>;

export interface ThreadingLookups {
  /** The ticket of the first of these Message-IDs (in this order) that names one, or `null`. */
  ticketForMessageIds(ids: readonly string[]): Awaitable<string | null>;
  /** The ticket with this number in the workspace, or `null`. */
  ticketByNumber(number: number): Awaitable<string | null>;
  /**
   * The ticket's fields, or `null` when there is no such ticket. Throws when the ticket exists
   * but cannot be read now: the message then waits and is retried, rather than starting a
   * wrong, new thread.
   */
  ticket(ticketId: string): Awaitable<ThreadTicket | null>;
}

/**
 * Who wrote the message: a customer, one of our agents (history from an import), or a machine
 * answering for the customer (an out-of-office reply).
 */
export type MessageAuthor = 'customer' | 'us' | 'automatic';

export type ThreadingDecision =
  | { action: 'ignore'; reason: string }
  | {
      action: 'append';
      ticketId: string;
      by: 'reference' | 'subject-tag';
      author: MessageAuthor;
      /** The message sets the ticket back to open (see `appendReopens`). */
      reopen: boolean;
    }
  | {
      action: 'create';
      author: MessageAuthor;
      /** The closed ticket this one follows up, past its reopen window; else `null`. */
      followUpOf: string | null;
    };

const SUBJECT_TAG = /\[#(\d{1,9})\]/;

/** The ticket tag Baton puts in a subject: ` [#1042]`, or nothing before a number is given. */
export function subjectTag(number: number | null): string {
  return number === null ? '' : ` [#${number}]`;
}

/** The number in the first `[#1042]` tag of a subject, or `null`. */
export function ticketNumberInSubject(subject: string): number | null {
  const tag = SUBJECT_TAG.exec(subject);
  return tag?.[1] ? Number(tag[1]) : null;
}

/** The subject of Baton's reply: `Re: ` once, then the ticket tag (a header holds 998). */
export function replySubject(fields: Pick<TicketFields, 'subject' | 'number'>): string {
  const subject = /^re:/i.test(fields.subject) ? fields.subject : `Re: ${fields.subject}`;
  return `${subject}${subjectTag(fields.number)}`.slice(0, 998);
}

/** A subject without reply prefixes and our own tag; a placeholder when nothing is left. */
export function cleanSubject(subject: string): string {
  let s = subject.replace(SUBJECT_TAG, ' ');
  for (;;) {
    const stripped = s.replace(/^\s*((re|fw|fwd|sv|vs|aw|vl|antw)(\[\d+\])?\s*:\s*)/i, '');
    if (stripped === s) break;
    s = stripped;
  }
  s = s.replace(/\s+/g, ' ').trim();
  return (s || '(no subject)').slice(0, 300);
}

/** The ids a reply points at, most telling first: `In-Reply-To`, then `References` newest first. */
export function threadIds(message: Pick<ThreadingMessage, 'inReplyTo' | 'references'>): string[] {
  const ids = [...message.inReplyTo, ...[...message.references].reverse()];
  return [...new Set(ids.filter((id) => id !== ''))].slice(0, MAX_THREAD_IDS);
}

/** Whether the message comes from one of the workspace's own addresses. */
export function isFromUs(from: string | null, ownAddresses: readonly string[]): boolean {
  if (from === null) return false;
  const address = from.toLowerCase();
  return ownAddresses.some((own) => own.toLowerCase() === address);
}

/**
 * Whether appending a message to this ticket, as it is now, sets it back to open. Only a
 * customer's message reopens. A message is appended to a closed ticket only within the window
 * (past it, threading made a follow-up instead), so a closed ticket it reaches reopens.
 */
export function appendReopens(
  ticket: Pick<ThreadTicket, 'status' | 'solvedAt' | 'updatedAt'>,
  author: MessageAuthor,
  context: Pick<ThreadingContext, 'mode' | 'reopenClosedWithinMs' | 'now'>
): boolean {
  if (author !== 'customer') return false;
  const window = context.mode === 'live' ? context.reopenClosedWithinMs : null;
  return customerMessageEffect(ticket, context.now, window) !== 'none';
}

/** Which ticket the message belongs to (see the header). */
export async function threadMessage(
  message: ThreadingMessage,
  context: ThreadingContext,
  lookups: ThreadingLookups
): Promise<ThreadingDecision> {
  if (message.noise !== null) return { action: 'ignore', reason: message.noise };
  const fromUs = isFromUs(message.from, context.ownAddresses);
  if (fromUs && context.mode === 'live') return { action: 'ignore', reason: 'own-address' };
  const author: MessageAuthor = fromUs ? 'us' : message.automatic ? 'automatic' : 'customer';

  const found = await findTicket(message, context.workspaceId, lookups);
  if (!found) {
    if (author === 'automatic') return { action: 'ignore', reason: 'auto-reply' };
    if (message.onlyInThread) return { action: 'ignore', reason: message.onlyInThread };
    return { action: 'create', author, followUpOf: null };
  }
  const window = context.mode === 'live' ? context.reopenClosedWithinMs : null;
  if (
    author === 'customer' &&
    customerMessageEffect(found.ticket, context.now, window) === 'follow-up'
  ) {
    return { action: 'create', author, followUpOf: found.ticketId };
  }
  return {
    action: 'append',
    ticketId: found.ticketId,
    by: found.by,
    author,
    reopen: appendReopens(found.ticket, author, context)
  };
}

interface Found {
  ticketId: string;
  ticket: ThreadTicket;
  by: 'reference' | 'subject-tag';
}

async function findTicket(
  message: ThreadingMessage,
  workspaceId: string,
  lookups: ThreadingLookups
): Promise<Found | null> {
  const ids = threadIds(message);
  if (ids.length > 0) {
    const byReference = await inWorkspace(
      await lookups.ticketForMessageIds(ids),
      workspaceId,
      lookups
    );
    if (byReference) return { ...byReference, by: 'reference' };
  }
  const number = ticketNumberInSubject(message.subject);
  if (number !== null) {
    const byTag = await inWorkspace(await lookups.ticketByNumber(number), workspaceId, lookups);
    if (byTag) return { ...byTag, by: 'subject-tag' };
  }
  return null;
}

async function inWorkspace(
  ticketId: string | null,
  workspaceId: string,
  lookups: ThreadingLookups
): Promise<Omit<Found, 'by'> | null> {
  if (ticketId === null) return null;
  const ticket = await lookups.ticket(ticketId);
  if (ticket === null || ticket.workspaceId !== workspaceId) return null;
  return ticket.mergedInto
    ? mergeTarget(ticketId, ticket, workspaceId, lookups)
    : { ticketId, ticket };
}

/**
 * The ticket a merged ticket lives on in: its pointers read one ticket at a time (a target
 * that is gone or in another workspace ends the chain where it points from).
 */
async function mergeTarget(
  ticketId: string,
  ticket: ThreadTicket,
  workspaceId: string,
  lookups: ThreadingLookups
): Promise<Omit<Found, 'by'>> {
  const tickets = new Map<string, ThreadTicket>([[ticketId, ticket]]);
  const pointers = new Map<string, MergePointer | null>();
  let id = ticketId;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const pointer = tickets.get(id)?.mergedInto ?? null;
    pointers.set(id, pointer);
    if (!pointer || tickets.has(pointer.targetId)) break;
    const next = await lookups.ticket(pointer.targetId);
    if (next === null || next.workspaceId !== workspaceId) {
      pointers.set(id, null);
      break;
    }
    tickets.set(pointer.targetId, next);
    id = pointer.targetId;
  }
  const final = followMerges(ticketId, (t) => pointers.get(t) ?? null);
  return { ticketId: final, ticket: tickets.get(final) ?? ticket };
}
