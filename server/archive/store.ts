/**
 * The archive module's port onto its table (`migrations.ts`), synchronous on SQLite like the
 * surveys and notifications stores.
 *
 * Its promises:
 *   - a ticket is archived at most once: the ticket id is the key, and `archive` inserts only
 *     rows that are new, all of a batch in one transaction (a repeat after a crash is a no-op);
 *   - `restore` takes the row away, so the next archive of the same ticket (done again, and
 *     for the window again) is a new row;
 *   - `list` answers one workspace only, newest done first, a bounded page at a time, with a
 *     cursor that stays right while rows come and go between pages.
 */
import { sql } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import type { ArchiveTables } from './migrations.ts';

export interface ArchivedTicket {
  ticketId: string;
  workspaceId: string;
  number: number | null;
  ref: string;
  subject: string;
  status: string;
  requesterId: string | null;
  closedAt: number;
  archivedAt: number;
}

export interface ArchiveQuery {
  /** Only this requester's tickets. */
  customer?: string | undefined;
  /** A ticket number (`42`, `#42`) or words of the subject. */
  q?: string | undefined;
  /** The cursor of the page before (`ArchivePage.next`). */
  after?: string | undefined;
  limit: number;
}

export interface ArchivePage {
  tickets: ArchivedTicket[];
  /** The cursor of the next page; `null` on the last. */
  next: string | null;
}

type Row = ArchiveTables['archived_tickets'];

function toTicket(r: Row): ArchivedTicket {
  return {
    ticketId: r.ticket_id,
    workspaceId: r.workspace_id,
    number: r.number,
    ref: r.ref,
    subject: r.subject,
    status: r.status,
    requesterId: r.requester_id,
    closedAt: r.closed_at,
    archivedAt: r.archived_at
  };
}

/** A cursor names the last row of a page: its done time and id. */
export function archiveCursor(ticket: Pick<ArchivedTicket, 'closedAt' | 'ticketId'>): string {
  return `${ticket.closedAt}.${ticket.ticketId}`;
}

export function parseArchiveCursor(cursor: string): { closedAt: number; ticketId: string } | null {
  const dot = cursor.indexOf('.');
  if (dot <= 0) return null;
  const closedAt = Number(cursor.slice(0, dot));
  const ticketId = cursor.slice(dot + 1);
  if (!Number.isSafeInteger(closedAt) || ticketId.length === 0) return null;
  return { closedAt, ticketId };
}

/** `LIKE` pattern characters taken literally. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class ArchiveStore {
  readonly #q: SqliteStatements;
  readonly #k;

  constructor(database: SqliteDatabase) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<ArchiveTables>();
  }

  /** Records the tickets not archived yet, in one transaction; returns how many were new. */
  archive(tickets: readonly ArchivedTicket[]): number {
    if (tickets.length === 0) return 0;
    const k = this.#k;
    return this.#q.transaction(() => {
      let added = 0;
      for (const t of tickets) {
        added += this.#q.run(
          k
            .insertInto('archived_tickets')
            .values({
              ticket_id: t.ticketId,
              workspace_id: t.workspaceId,
              number: t.number,
              ref: t.ref,
              subject: t.subject,
              subject_key: t.subject.toLowerCase(),
              status: t.status,
              requester_id: t.requesterId,
              closed_at: t.closedAt,
              archived_at: t.archivedAt
            })
            .onConflict((oc) => oc.column('ticket_id').doNothing())
        ).changes;
      }
      return added;
    }, 'immediate');
  }

  get(ticketId: string): ArchivedTicket | null {
    const row = this.#q.first(
      this.#k.selectFrom('archived_tickets').selectAll().where('ticket_id', '=', ticketId)
    );
    return row ? toTicket(row) : null;
  }

  has(ticketId: string): boolean {
    return (
      this.#q.first(
        this.#k.selectFrom('archived_tickets').select('ticket_id').where('ticket_id', '=', ticketId)
      ) !== undefined
    );
  }

  /** Keeps an archived ticket's row true to its document (a subject edited while archived). */
  refresh(
    t: Pick<
      ArchivedTicket,
      'ticketId' | 'number' | 'ref' | 'subject' | 'status' | 'requesterId' | 'closedAt'
    >
  ): void {
    this.#q.run(
      this.#k
        .updateTable('archived_tickets')
        .set({
          number: t.number,
          ref: t.ref,
          subject: t.subject,
          subject_key: t.subject.toLowerCase(),
          status: t.status,
          requester_id: t.requesterId,
          closed_at: t.closedAt
        })
        .where('ticket_id', '=', t.ticketId)
    );
  }

  /** Takes a ticket out of the archive (it was reopened); returns whether it was there. */
  restore(ticketId: string): boolean {
    return (
      this.#q.run(this.#k.deleteFrom('archived_tickets').where('ticket_id', '=', ticketId))
        .changes > 0
    );
  }

  count(workspaceId: string): number {
    const row = this.#q.first(
      this.#k
        .selectFrom('archived_tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
    );
    return Number(row?.n ?? 0);
  }

  /** One page of a workspace's archived tickets, newest done first. */
  list(workspaceId: string, query: ArchiveQuery): ArchivePage {
    let select = this.#k
      .selectFrom('archived_tickets')
      .selectAll()
      .where('workspace_id', '=', workspaceId);
    if (query.customer !== undefined) select = select.where('requester_id', '=', query.customer);
    const q = query.q?.trim().toLowerCase();
    if (q) {
      const number = /^#?(\d{1,15})$/.exec(q);
      const pattern = `%${likeEscape(q)}%`;
      const subject = sql<boolean>`subject_key LIKE ${pattern} ESCAPE '\\'`;
      select = select.where((eb) =>
        number ? eb.or([eb('number', '=', Number(number[1])), subject]) : subject
      );
    }
    const after = query.after !== undefined ? parseArchiveCursor(query.after) : null;
    if (after) {
      select = select.where((eb) =>
        eb.or([
          eb('closed_at', '<', after.closedAt),
          eb.and([eb('closed_at', '=', after.closedAt), eb('ticket_id', '<', after.ticketId)])
        ])
      );
    }
    const rows = this.#q.all(
      select
        .orderBy('closed_at', 'desc')
        .orderBy('ticket_id', 'desc')
        .limit(query.limit + 1)
    );
    const tickets = rows.slice(0, query.limit).map(toTicket);
    const last = tickets.at(-1);
    return { tickets, next: rows.length > query.limit && last ? archiveCursor(last) : null };
  }
}
