/**
 * The audit log as people read it: rows of `AuditLog` with their targets put into names, and
 * the document rows of one visit folded into one.
 *
 * Names come from what the server holds, never from the log's own text or a client: members
 * by their current name from the accounts (a role change's target is stored as an email), a
 * ticket's number, subject and customer from the workspace index, or from the ticket document
 * itself once it has left the index. A ticket document that belongs to another workspace is
 * not named (it cannot be, in a row of this one, unless something is wrong).
 *
 * A visit: the relay writes one `document-opened` row per connection and one `document-changed`
 * row per connection and document, whose count is the number of changes (typing included).
 * Reading the page oldest first, a `document-changed` row joins the latest `document-opened` row
 * of the same member and document when it is no more than `VISIT_MS` later; the visit row then
 * says how many changes were made. A change without its opening on the page (batch sync, or the
 * opening on the next page) stays a row of its own.
 *
 * The ticket filter (`#42`, `42`, part of a subject, or part of a customer's name or address)
 * is turned into the exact document names of the tickets it finds in the index, so "who opened
 * #42 yesterday" is one query: ticket, action and a day — and "who saw Bo's data" is one query
 * too: the customer's name, and every ticket of theirs is the filter.
 */
import { parseDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import type { IndexSnapshot } from '../../src/lib/domain/workspace-index.ts';
import type { AuditEvent as ReadableEvent } from '../../src/lib/contract/api.ts';
import type { AuditEvent, AuditFilter, AuditLog } from './audit-log.ts';

/** What the server knows about the people and tickets of a workspace. */
export interface AuditDirectory {
  /** The workspace's members now (from the accounts). */
  members(workspaceId: string): ReadonlyArray<{ id: string; name: string; email: string }>;
  /** The workspace index as the server holds it; `null` when unavailable. */
  index(workspaceId: string): IndexSnapshot | null;
  /** A ticket's own fields, for tickets that left the index; `null` when unknown. */
  ticket(ticketId: string): {
    workspaceId: string;
    number: number | null;
    subject: string;
    requesterId: string | null;
  } | null;
}

/** A change row joins the opening of the same visit at most this long before it. */
export const VISIT_MS = 12 * 60 * 60 * 1000;

/** How many tickets a subject search may match (the rest are left out of the filter). */
const MAX_TICKETS = 500;

/** Tickets outside the index read from their documents, per page at most. */
const MAX_DOC_READS = 25;

export type ReadableFilter = Omit<AuditFilter, 'targets'> & { ticket?: string | undefined };

export interface ReadablePage {
  events: ReadableEvent[];
  nextBefore: number | null;
}

export class AuditView {
  readonly #log: AuditLog;
  readonly #directory: AuditDirectory | null;

  constructor(log: AuditLog, directory: AuditDirectory | null) {
    this.#log = log;
    this.#directory = directory;
  }

  /** A page of readable rows, newest first, and the id to page on from. */
  page(filter: ReadableFilter): ReadablePage {
    const { ticket, ...rest } = filter;
    const index = this.#directory?.index(filter.workspaceId) ?? null;
    const targets = ticket === undefined ? undefined : this.#ticketTargets(ticket, index);
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 10_000);
    // Openings are read with the changes of their visits, to fold them in.
    const visits = rest.action === 'document-opened';
    const raw = this.#log.list({
      ...rest,
      ...(visits ? { action: undefined, actions: ['document-opened', 'document-changed'] } : {}),
      limit,
      ...(targets ? { targets } : {})
    });
    const nextBefore = raw.length === limit ? (raw.at(-1)?.id ?? null) : null;
    let rows = groupVisits(raw);
    if (visits) rows = rows.filter((row) => row.action === 'document-opened');
    return { events: this.#readable(filter.workspaceId, rows, index), nextBefore };
  }

  /**
   * The document names of the tickets `search` finds: by number, else by subject or by the
   * customer (name or email) who asked.
   */
  #ticketTargets(search: string, index: IndexSnapshot | null): string[] {
    const tickets = index?.tickets ?? [];
    const number = /^#?\s*(\d{1,9})$/.exec(search.trim())?.[1];
    if (number !== undefined) {
      const wanted = Number(number);
      return tickets.filter((t) => t.number === wanted).map((t) => ticketDocName(t.id));
    }
    const needle = search.trim().toLocaleLowerCase();
    const customers = new Set<string>();
    for (const [id, c] of index?.customers ?? []) {
      if (
        c.name.toLocaleLowerCase().includes(needle) ||
        c.email.toLocaleLowerCase().includes(needle)
      )
        customers.add(id);
    }
    return tickets
      .filter(
        (t) =>
          t.subject.toLocaleLowerCase().includes(needle) ||
          (t.requesterId !== null && customers.has(t.requesterId))
      )
      .slice(0, MAX_TICKETS)
      .map((t) => ticketDocName(t.id));
  }

  #readable(
    workspaceId: string,
    rows: ReadonlyArray<AuditEvent & { changes: number }>,
    index: IndexSnapshot | null
  ): ReadableEvent[] {
    const directory = this.#directory;
    const members = directory?.members(workspaceId) ?? [];
    const byEmail = new Map(members.map((m) => [m.email.toLowerCase(), m.name]));
    const byId = new Map(members.map((m) => [m.id, m.name]));
    const summaries = new Map((index?.tickets ?? []).map((t) => [t.id, t]));
    const customer = (id: string | null) =>
      id === null ? null : (index?.customers.get(id)?.name ?? null);
    const fromDocs = new Map<string, ReadableEvent['ticket']>();
    let reads = 0;
    const ticketOf = (ticketId: string): ReadableEvent['ticket'] => {
      const summary = summaries.get(ticketId);
      if (summary) {
        return {
          number: summary.number,
          subject: summary.subject,
          customer: customer(summary.requesterId)
        };
      }
      if (fromDocs.has(ticketId)) return fromDocs.get(ticketId) ?? null;
      if (!directory || reads >= MAX_DOC_READS) return null;
      reads++;
      const fields = directory.ticket(ticketId);
      const found =
        fields && fields.workspaceId === workspaceId
          ? {
              number: fields.number,
              subject: fields.subject,
              customer: customer(fields.requesterId)
            }
          : null;
      fromDocs.set(ticketId, found);
      return found;
    };
    return rows.map((row) => {
      const ref =
        row.target !== null && isDocumentAction(row.action) ? parseDocName(row.target) : null;
      const document = ref === null ? null : ref.kind === 'article' ? 'article' : ref.kind;
      const ticket =
        ref?.kind === 'ticket' || ref?.kind === 'draft' ? ticketOf(ref.ticketId) : null;
      const member =
        isMemberAction(row.action) && row.target !== null
          ? (byEmail.get(row.target.toLowerCase()) ?? byId.get(row.target) ?? null)
          : null;
      return {
        id: row.id,
        at: row.at,
        actorName: (row.actorId !== null ? byId.get(row.actorId) : undefined) ?? row.actorName,
        actorId: row.actorId,
        action: row.action,
        target: row.target,
        detail: row.detail,
        ip: row.ip,
        count: row.count,
        ticket,
        document,
        member,
        changes: row.changes
      };
    });
  }
}

function isDocumentAction(action: string): boolean {
  return action === 'document-opened' || action === 'document-changed';
}

function isMemberAction(action: string): boolean {
  return action === 'role-changed' || action === 'member-removed' || action === 'member-joined';
}

/**
 * Folds each `document-changed` row into the opening of its visit (see the header). `rows` are
 * newest first, as `AuditLog.list` returns them; so is the result.
 */
export function groupVisits(rows: readonly AuditEvent[]): Array<AuditEvent & { changes: number }> {
  const out: Array<AuditEvent & { changes: number }> = [];
  const open = new Map<string, AuditEvent & { changes: number }>();
  for (const row of [...rows].reverse()) {
    const key = JSON.stringify([row.actorId, row.target]);
    if (row.action === 'document-opened') {
      const visit = { ...row, changes: 0 };
      open.set(key, visit);
      out.push(visit);
      continue;
    }
    const visit = row.action === 'document-changed' ? open.get(key) : undefined;
    if (visit && row.at - visit.at <= VISIT_MS) {
      visit.changes += row.count;
      continue;
    }
    out.push({ ...row, changes: row.action === 'document-changed' ? row.count : 0 });
  }
  return out.reverse();
}
