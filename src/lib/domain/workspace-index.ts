/**
 * The workspace index (`ws/<id>/index`): one small document that the board and every list
 * read, so that a view never has to open hundreds of ticket documents.
 *
 *   tickets    Y.Map  ticketId -> TicketSummary (a whole plain value, replaced on change)
 *   customers  Y.Map  customerId -> CustomerSummary
 *   members    Y.Map  memberId -> MemberProfile
 *
 * Summaries are written optimistically by agents and re-derived by the server from the
 * ticket document (`summarize`), which corrects any that are wrong or stale. Replacing a
 * whole value keeps the document small: Yjs garbage-collects the overwritten ones.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { readTicket, type Ticket } from './ticket';
import { summaryFieldValues } from './custom-fields';
import { ticketDue, type SlaSettings } from './ticket-sla';
import { isOpenStatus, isSolvedStatus, isTicketStatus } from './ticket-status';
import { compareByPriority, compareDue } from './urgency';
import { snoozeEnded } from './snooze';
import {
  TICKET_PRIORITIES,
  CustomerSummary,
  MemberProfile,
  TicketSummary,
  type TicketPriority,
  type TicketStatus
} from './schema';

export interface IndexDoc {
  tickets: Y.Map<TicketSummary>;
  customers: Y.Map<CustomerSummary>;
  members: Y.Map<MemberProfile>;
}

export const INDEX_ROOTS = {
  tickets: 'map',
  customers: 'map',
  members: 'map',
  /** Knowledge-base articles' summaries (`article.ts` `ArticleSummary`), for the article list. */
  articles: 'map',
  /** Members' own saved views and macros, `<memberId>/<recordId>` (`saved-view.ts`). */
  personal: 'map'
} as const;

export function indexParts(doc: Y.Doc): IndexDoc {
  return {
    tickets: doc.getMap('tickets'),
    customers: doc.getMap('customers'),
    members: doc.getMap('members')
  };
}

/** The organisation a customer of the index writes for (`null`: none, or not in the index). */
export function customerOrganisation(index: Y.Doc, customerId: string): string | null {
  // The update check let only valid summaries in.
  return indexParts(index).customers.get(customerId)?.organisation ?? null;
}

/**
 * A ticket's summary. With the workspace's SLA settings it carries the ticket's next due time
 * (`ticketDue`); without them (settings not loaded yet) it carries none.
 */
export function summarize(ticket: Ticket, sla?: SlaSettings | null): TicketSummary {
  const { fields } = ticket;
  const due = sla ? ticketDue(ticket, sla) : null;
  const values = ticket.customFields ? summaryFieldValues(ticket.customFields) : undefined;
  return {
    id: fields.id,
    number: fields.number,
    ref: fields.ref,
    subject: fields.subject,
    status: fields.status,
    priority: fields.priority,
    assigneeId: fields.assigneeId,
    requesterId: fields.requesterId,
    channel: fields.channel,
    tags: ticket.tags,
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    firstResponseAt: fields.firstResponseAt,
    solvedAt: fields.solvedAt,
    entryCount: ticket.thread.length,
    hasHandover: ticket.handover.trim().length > 0,
    ...(ticket.merge
      ? { mergedInto: ticket.merge.targetId, mergedAt: ticket.merge.at, mergeOp: ticket.merge.op }
      : {}),
    ...(due ?? {}),
    ...(values ? { customFields: values } : {}),
    ...(fields.status === 'pending' && typeof fields.snoozedUntil === 'number'
      ? { snoozedUntil: fields.snoozedUntil }
      : {})
  };
}

/** Summarises a ticket document; `null` when it holds no valid ticket. */
export function summarizeDoc(doc: Y.Doc, sla?: SlaSettings | null): TicketSummary | null {
  const ticket = readTicket(doc);
  return ticket ? summarize(ticket, sla) : null;
}

export function sameSummary(a: TicketSummary | undefined, b: TicketSummary): boolean {
  if (!a) return false;
  // Optional fields (the due time) are absent rather than undefined: compare the key sets too.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys as Set<keyof TicketSummary>) {
    const left = a[key];
    const right = b[key];
    if (Array.isArray(left) && Array.isArray(right)) {
      if (left.length !== right.length || left.some((value, i) => value !== right[i])) return false;
    } else if (key === 'customFields' && left && right) {
      // Keys sorted by `summaryFieldValues`, so equal values encode alike.
      if (JSON.stringify(left) !== JSON.stringify(right)) return false;
    } else if (left !== right) {
      return false;
    }
  }
  return true;
}

/** Writes the summary unless the index already holds exactly it. Returns whether it wrote. */
export function putSummary(doc: Y.Doc, summary: TicketSummary): boolean {
  const tickets = indexParts(doc).tickets;
  if (sameSummary(tickets.get(summary.id), summary)) return false;
  tickets.set(summary.id, summary);
  return true;
}

export function removeSummary(doc: Y.Doc, ticketId: string): boolean {
  const tickets = indexParts(doc).tickets;
  if (!tickets.has(ticketId)) return false;
  tickets.delete(ticketId);
  return true;
}

/** Writes a profile as the schema reads it (a legacy working-hours shape is stored converted). */
export function putMember(doc: Y.Doc, member: z.input<typeof MemberProfile>): void {
  const profile = MemberProfile.parse(member);
  indexParts(doc).members.set(profile.id, profile);
}

/**
 * Takes email addresses out of member profiles written before profiles stopped carrying them
 * (every member could read them in the index; the members API shows them to admins only).
 * A profile that, without its email, is still not valid is removed: nobody can read it anyway.
 * Returns how many profiles it changed.
 */
export function stripProfileEmails(doc: Y.Doc): number {
  const members = indexParts(doc).members;
  let changed = 0;
  for (const [id, value] of [...members.entries()]) {
    const raw: unknown = value;
    if (typeof raw !== 'object' || raw === null || !('email' in raw)) continue;
    const { email: _email, ...rest } = raw;
    const profile = MemberProfile.safeParse(rest);
    if (profile.success) members.set(id, profile.data);
    else members.delete(id);
    changed++;
  }
  return changed;
}

export function putCustomer(doc: Y.Doc, customer: CustomerSummary): void {
  indexParts(doc).customers.set(customer.id, CustomerSummary.parse(customer));
}

/** Plain, validated copies of everything in the index; entries that fail the schema are skipped. */
export interface IndexSnapshot {
  tickets: TicketSummary[];
  customers: Map<string, CustomerSummary>;
  members: Map<string, MemberProfile>;
}

/**
 * What a schema made of each stored value, by the value itself: Yjs hands back the same object
 * until the entry is replaced, so a profile or customer is parsed once, not on every change to
 * the index (a phone re-reads it for each batch of synced updates).
 */
type Parsed<T> = WeakMap<object, T | null>;
const parsedCustomers: Parsed<CustomerSummary> = new WeakMap();
const parsedMembers: Parsed<MemberProfile> = new WeakMap();

function validValues<T>(
  values: Iterable<unknown>,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  parsed: Parsed<T>
): T[] {
  const out: T[] = [];
  for (const value of values) {
    if (typeof value !== 'object' || value === null) continue;
    let valid = parsed.get(value);
    if (valid === undefined) {
      const result = schema.safeParse(value);
      valid = result.success && result.data !== undefined ? result.data : null;
      parsed.set(value, valid);
    }
    if (valid !== null) out.push(valid);
  }
  return out;
}

/** A valid customer and member, for `warmIndexReading`: every field the parsers check. */
const SAMPLE_CUSTOMER: CustomerSummary = {
  id: 'sample-customer',
  name: 'Sample',
  email: 'sample@example.com',
  language: 'en',
  organisation: 'Example',
  notes: 'A sample'
};
const SAMPLE_MEMBER: z.input<typeof MemberProfile> = {
  id: 'sample-member',
  name: 'Sample',
  timeZone: 'Europe/Helsinki',
  workingHours: { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  skills: ['sample'],
  away: []
};

/**
 * Builds the parsers `readIndex` runs on customers and members (zod builds a schema's parser
 * on its first use, and the time-zone check asks `Intl` for its zones once), by reading a
 * valid sample of each: `warm-up.ts`. Says whether both samples passed, as they must.
 */
export function warmIndexReading(): boolean {
  return (
    CustomerSummary.safeParse(SAMPLE_CUSTOMER).success &&
    MemberProfile.safeParse(SAMPLE_MEMBER).success
  );
}

export function readIndex(doc: Y.Doc): IndexSnapshot {
  const parts = indexParts(doc);
  return {
    // Summaries are written through `putSummary`, which validated them, or corrected by the
    // server; a full re-parse of 10,000 of them on every change would dominate the board's
    // cost, so only the shape the views depend on is checked here.
    tickets: [...parts.tickets.values()].filter(isSummaryShaped),
    customers: new Map(
      validValues(parts.customers.values(), CustomerSummary, parsedCustomers).map((c) => [c.id, c])
    ),
    members: new Map(
      validValues(parts.members.values(), MemberProfile, parsedMembers).map((m) => [m.id, m])
    )
  };
}

const PRIORITIES: ReadonlySet<unknown> = new Set(TICKET_PRIORITIES);

function isSummaryShaped(value: unknown): value is TicketSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.subject === 'string' &&
    isTicketStatus(v.status) &&
    PRIORITIES.has(v.priority) &&
    Array.isArray(v.tags) &&
    typeof v.updatedAt === 'number' &&
    typeof v.createdAt === 'number'
  );
}

// ---------------------------------------------------------------------------------------------
// Views: the lists agents work from, with filters and sorting. Pure functions over summaries.

export const VIEW_IDS = ['mine', 'unassigned', 'open', 'pending', 'solved'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

const RECENTLY_SOLVED_MS = 7 * 24 * 60 * 60 * 1000;

export function inView(
  view: ViewId,
  t: TicketSummary,
  memberId: string | null,
  now: number
): boolean {
  switch (view) {
    case 'mine':
      return memberId !== null && t.assigneeId === memberId && isOpenStatus(t.status);
    case 'unassigned':
      return t.assigneeId === null && isOpenStatus(t.status);
    case 'open':
      return isOpenStatus(t.status);
    case 'pending':
      // A snooze that has passed is due now, before the server has opened it again.
      return t.status === 'pending' && !snoozeEnded(t, now);
    case 'solved':
      return isSolvedStatus(t.status) && (t.solvedAt ?? t.updatedAt) >= now - RECENTLY_SOLVED_MS;
  }
}

export interface TicketFilter {
  /** A member id, `'none'` for unassigned, or `null` for any. */
  assignee: string | null;
  priority: TicketPriority | null;
  tag: string | null;
}

export const NO_FILTER: TicketFilter = { assignee: null, priority: null, tag: null };

export function matchesFilter(t: TicketSummary, filter: TicketFilter): boolean {
  if (filter.assignee === 'none' && t.assigneeId !== null) return false;
  if (filter.assignee && filter.assignee !== 'none' && t.assigneeId !== filter.assignee)
    return false;
  if (filter.priority && t.priority !== filter.priority) return false;
  if (filter.tag && !t.tags.includes(filter.tag)) return false;
  return true;
}

export const SORT_KEYS = ['priority', 'age', 'updated', 'due'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * Sort orders: `priority` (the urgency order of `urgency.ts`: most urgent first, then oldest),
 * `age` (oldest first), `updated` (most recently updated first), `due` (the earliest SLA due
 * time first, tickets without a running clock after them in the urgency order). Ties fall back to the id so
 * that every replica shows the same order.
 */
export function compareTickets(key: SortKey): (a: TicketSummary, b: TicketSummary) => number {
  const byId = (a: TicketSummary, b: TicketSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (key) {
    case 'priority':
      return compareByPriority;
    case 'age':
      return (a, b) => a.createdAt - b.createdAt || byId(a, b);
    case 'updated':
      return (a, b) => b.updatedAt - a.updatedAt || byId(a, b);
    case 'due':
      return (a, b) => compareDue(a, b) || compareByPriority(a, b);
  }
}

export function listView(
  tickets: readonly TicketSummary[],
  view: ViewId,
  filter: TicketFilter,
  sort: SortKey,
  memberId: string | null,
  now: number
): TicketSummary[] {
  return tickets
    .filter((t) => inView(view, t, memberId, now) && matchesFilter(t, filter))
    .sort(compareTickets(sort));
}

/** Groups tickets by status for the board, each column sorted by `sort`. */
export function boardColumns(
  tickets: readonly TicketSummary[],
  filter: TicketFilter,
  sort: SortKey
): Record<TicketStatus, TicketSummary[]> {
  const columns: Record<TicketStatus, TicketSummary[]> = {
    new: [],
    open: [],
    pending: [],
    'on-hold': [],
    solved: [],
    closed: []
  };
  for (const t of tickets) if (matchesFilter(t, filter)) columns[t.status].push(t);
  const compare = compareTickets(sort);
  for (const column of Object.values(columns)) column.sort(compare);
  return columns;
}

/** Every tag in use, for the filter menu. */
export function allTags(tickets: readonly TicketSummary[]): string[] {
  const tags = new Set<string>();
  for (const t of tickets) for (const tag of t.tags) tags.add(tag);
  return [...tags].sort();
}
