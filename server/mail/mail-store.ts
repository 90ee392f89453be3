/**
 * The mail channel's own tables, in Baton's database: one ordered migration list
 * (`mailSchema`, run by server/db/migrate.ts) and the queries, built with Kysely. This module
 * reads and writes only these tables; a ticket's number comes from the core's `TicketNumbers`
 * port, never from the core's tables.
 *
 *   mail_mailboxes     a workspace's mailboxes (support@, billing@…), by (workspace, mailbox id);
 *                      secrets sealed (secret-box.ts); the first (oldest) is the workspace's
 *                      primary one. A database from before several mailboxes has its one
 *                      mailbox migrated as `default` (migration 0004), its secrets unchanged
 *   mail_ticket_mailboxes  the mailbox each ticket came in on (its replies go out from it)
 *   mail_messages      every Message-ID seen or sent, with its ticket: threading and idempotency
 *   mail_outbox        the durable queue of replies to send, with attempts and the last error
 *   mail_imap_state    per mailbox and folder: UIDVALIDITY and the last UID processed
 *   mail_customers     customer id per (workspace, address)
 *   mail_blobs         which workspace may read which blob, with its type
 *   mail_signatures    each member's signature under the replies they send, per workspace
 *   mail_oauth_grants  a mailbox's OAuth sign-in (Microsoft 365, Google): `oauth-store.ts`
 *   mail_held          messages that could not become a ticket ("could not import"), by the
 *                      SHA-256 of their bytes (kept in `<dataDir>/held/`), for admins to read,
 *                      download and retry
 *
 * Idempotency of ingestion (record-then-write): a message is first recorded as `recorded`
 * with the ticket and entry ids it will get, then written into the ticket document (which
 * skips an entry id it already holds), then marked `written`. A crash between the steps
 * leaves `recorded`, and the next delivery of the same Message-ID finishes the job with the
 * same ids: neither duplicated nor skipped. Only a message recorded as a ticket entry counts:
 * one that was ignored (a mailing-list copy, say) is decided again when another copy arrives.
 */
import { sql, type Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import { legacyModuleVersion, type ModuleSchema } from '../db/migrate.ts';
import type { Now, TicketNumbers } from '../db/ports.ts';
import { oauthTables } from './oauth-store.ts';

export type MailTables = {
  mail_mailboxes: {
    workspace_id: string;
    id: string;
    settings: string;
    imap_secret: string | null;
    smtp_secret: string | null;
    created_at: number;
    updated_at: number;
  };
  mail_messages: {
    workspace_id: string;
    message_id: string;
    direction: 'in' | 'out';
    ticket_id: string | null;
    entry_id: string | null;
    new_ticket: number;
    state: 'recorded' | 'written' | 'ignored';
    reason: string | null;
    created_at: number;
  };
  mail_outbox: {
    entry_id: string;
    workspace_id: string;
    ticket_id: string;
    message_id: string;
    state: 'queued' | 'sending' | 'sent' | 'failed';
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
    created_at: number;
    updated_at: number;
  };
  mail_imap_state: {
    workspace_id: string;
    mailbox_id: string;
    folder: string;
    uid_validity: string;
    last_uid: number;
  };
  mail_ticket_mailboxes: { workspace_id: string; ticket_id: string; mailbox_id: string };
  mail_customers: { workspace_id: string; address: string; customer_id: string };
  mail_blobs: { workspace_id: string; hash: string; type: string; size: number };
  mail_signatures: {
    workspace_id: string;
    member_id: string;
    signature: string;
    updated_at: number;
  };
  mail_held: {
    workspace_id: string;
    id: string;
    reason: string;
    detail: string;
    message_id: string | null;
    subject: string;
    sender: string;
    size: number;
    tries: number;
    received_at: number;
    updated_at: number;
  };
};

/** The mail tables for one dialect: `int` is SQLite's INTEGER or PostgreSQL's BIGINT. */
function mailTables(int: string): string[] {
  return [
    `CREATE TABLE mail_mailboxes (
       workspace_id TEXT PRIMARY KEY,
       settings TEXT NOT NULL,
       imap_secret TEXT,
       smtp_secret TEXT,
       created_at ${int} NOT NULL,
       updated_at ${int} NOT NULL
     )`,
    `CREATE TABLE mail_messages (
       workspace_id TEXT NOT NULL,
       message_id TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
       ticket_id TEXT,
       entry_id TEXT,
       new_ticket INTEGER NOT NULL DEFAULT 0,
       state TEXT NOT NULL CHECK (state IN ('recorded', 'written', 'ignored')),
       reason TEXT,
       created_at ${int} NOT NULL,
       PRIMARY KEY (workspace_id, message_id)
     )`,
    'CREATE INDEX mail_messages_by_ticket ON mail_messages (workspace_id, ticket_id)',
    `CREATE TABLE mail_outbox (
       entry_id TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       ticket_id TEXT NOT NULL,
       message_id TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at ${int} NOT NULL,
       last_error TEXT,
       created_at ${int} NOT NULL,
       updated_at ${int} NOT NULL
     )`,
    'CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at)',
    `CREATE TABLE mail_imap_state (
       workspace_id TEXT NOT NULL,
       mailbox TEXT NOT NULL,
       uid_validity TEXT NOT NULL,
       last_uid ${int} NOT NULL,
       PRIMARY KEY (workspace_id, mailbox)
     )`,
    `CREATE TABLE mail_customers (
       workspace_id TEXT NOT NULL,
       address TEXT NOT NULL,
       customer_id TEXT NOT NULL,
       PRIMARY KEY (workspace_id, address)
     )`,
    `CREATE TABLE mail_blobs (
       workspace_id TEXT NOT NULL,
       hash TEXT NOT NULL,
       type TEXT NOT NULL,
       size ${int} NOT NULL,
       PRIMARY KEY (workspace_id, hash)
     )`
  ];
}

/** Messages that could not become a ticket (`held.ts`). */
function heldTables(int: string): string[] {
  return [
    `CREATE TABLE mail_held (
       workspace_id TEXT NOT NULL,
       id TEXT NOT NULL,
       reason TEXT NOT NULL,
       detail TEXT NOT NULL,
       message_id TEXT,
       subject TEXT NOT NULL,
       sender TEXT NOT NULL,
       size ${int} NOT NULL,
       tries INTEGER NOT NULL DEFAULT 1,
       received_at ${int} NOT NULL,
       updated_at ${int} NOT NULL,
       PRIMARY KEY (workspace_id, id)
     )`
  ];
}

/** Members' signatures under their replies (`outbound.ts`). */
function signatureTables(int: string): string[] {
  return [
    `CREATE TABLE mail_signatures (
       workspace_id TEXT NOT NULL,
       member_id TEXT NOT NULL,
       signature TEXT NOT NULL,
       updated_at ${int} NOT NULL,
       PRIMARY KEY (workspace_id, member_id)
     )`
  ];
}

/** The id the one mailbox of a workspace from before several mailboxes is migrated under. */
export const LEGACY_MAILBOX_ID = 'default';

/**
 * Several mailboxes per workspace (#13.14): the mailbox table and the IMAP state gain the
 * mailbox id in their keys (a table is rebuilt and renamed: neither SQLite nor PostgreSQL
 * changes a primary key in place); the existing mailbox becomes `default`, whose secrets stay
 * sealed under the same context (`mailbox.ts` `secretContext`). Each ticket's mailbox is
 * recorded from now on; a ticket without a row is answered from the primary mailbox.
 */
function severalMailboxes(int: string): string[] {
  return [
    `CREATE TABLE mail_mailboxes_0004 (
       workspace_id TEXT NOT NULL,
       id TEXT NOT NULL,
       settings TEXT NOT NULL,
       imap_secret TEXT,
       smtp_secret TEXT,
       created_at ${int} NOT NULL,
       updated_at ${int} NOT NULL,
       PRIMARY KEY (workspace_id, id)
     )`,
    `INSERT INTO mail_mailboxes_0004
       (workspace_id, id, settings, imap_secret, smtp_secret, created_at, updated_at)
     SELECT workspace_id, '${LEGACY_MAILBOX_ID}', settings, imap_secret, smtp_secret, created_at, updated_at
     FROM mail_mailboxes`,
    'DROP TABLE mail_mailboxes',
    'ALTER TABLE mail_mailboxes_0004 RENAME TO mail_mailboxes',
    `CREATE TABLE mail_imap_state_0004 (
       workspace_id TEXT NOT NULL,
       mailbox_id TEXT NOT NULL,
       folder TEXT NOT NULL,
       uid_validity TEXT NOT NULL,
       last_uid ${int} NOT NULL,
       PRIMARY KEY (workspace_id, mailbox_id, folder)
     )`,
    `INSERT INTO mail_imap_state_0004 (workspace_id, mailbox_id, folder, uid_validity, last_uid)
     SELECT workspace_id, '${LEGACY_MAILBOX_ID}', mailbox, uid_validity, last_uid FROM mail_imap_state`,
    'DROP TABLE mail_imap_state',
    'ALTER TABLE mail_imap_state_0004 RENAME TO mail_imap_state',
    `CREATE TABLE mail_ticket_mailboxes (
       workspace_id TEXT NOT NULL,
       ticket_id TEXT NOT NULL,
       mailbox_id TEXT NOT NULL,
       PRIMARY KEY (workspace_id, ticket_id)
     )`
  ];
}

export const mailSchema: ModuleSchema = {
  module: 'mail',
  steps: [
    { name: '0001-mail', sqlite: mailTables('INTEGER'), postgres: mailTables('BIGINT') },
    { name: '0002-held', sqlite: heldTables('INTEGER'), postgres: heldTables('BIGINT') },
    {
      name: '0003-signatures',
      sqlite: signatureTables('INTEGER'),
      postgres: signatureTables('BIGINT')
    },
    {
      name: '0004-mailboxes',
      sqlite: severalMailboxes('INTEGER'),
      postgres: severalMailboxes('BIGINT')
    },
    { name: '0005-oauth', sqlite: oauthTables('INTEGER'), postgres: oauthTables('BIGINT') }
  ],
  legacySteps: (sqlite) => legacyModuleVersion(sqlite, 'mail')
};

export interface MailboxRow {
  workspaceId: string;
  id: string;
  settings: string;
  imapSecret: string | null;
  smtpSecret: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface MessageRow {
  messageId: string;
  direction: 'in' | 'out';
  ticketId: string | null;
  entryId: string | null;
  newTicket: boolean;
  state: 'recorded' | 'written' | 'ignored';
  reason: string | null;
}

export interface HeldRow {
  workspaceId: string;
  /** The SHA-256 of the message's bytes. */
  id: string;
  reason: string;
  detail: string;
  messageId: string | null;
  subject: string;
  sender: string;
  size: number;
  tries: number;
  receivedAt: number;
  updatedAt: number;
}

export interface OutboxRow {
  entryId: string;
  workspaceId: string;
  ticketId: string;
  messageId: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

type Raw = Record<string, unknown>;

export class MailStore {
  readonly #q: SqliteStatements;
  readonly #k: Kysely<MailTables>;
  readonly #numbers: Pick<Now<TicketNumbers>, 'ticketWithNumber'>;

  /** Over a database whose mail tables are migrated (`mailSchema`). */
  constructor(database: SqliteDatabase, numbers: Pick<Now<TicketNumbers>, 'ticketWithNumber'>) {
    this.#q = new SqliteStatements(database.sqlite);
    this.#k = database.kysely.withTables<MailTables>();
    this.#numbers = numbers;
  }

  // Mailboxes ---------------------------------------------------------------------------------

  /** The workspace's mailboxes, the primary (oldest) first. */
  workspaceMailboxes(workspaceId: string): MailboxRow[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('mail_mailboxes')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .orderBy('created_at')
          .orderBy('id')
      )
      .map(toMailbox);
  }

  mailbox(workspaceId: string, id: string): MailboxRow | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('mail_mailboxes')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
    );
    return row ? toMailbox(row) : null;
  }

  mailboxes(): MailboxRow[] {
    return this.#q
      .all(this.#k.selectFrom('mail_mailboxes').selectAll().orderBy('created_at').orderBy('id'))
      .map(toMailbox);
  }

  putMailbox(row: Omit<MailboxRow, 'createdAt'> & { createdAt?: number }): void {
    this.#q.run(
      this.#k
        .insertInto('mail_mailboxes')
        .values({
          workspace_id: row.workspaceId,
          id: row.id,
          settings: row.settings,
          imap_secret: row.imapSecret,
          smtp_secret: row.smtpSecret,
          created_at: row.createdAt ?? row.updatedAt,
          updated_at: row.updatedAt
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
            settings: eb.ref('excluded.settings'),
            imap_secret: eb.ref('excluded.imap_secret'),
            smtp_secret: eb.ref('excluded.smtp_secret'),
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
    );
  }

  /** Removes a mailbox with its IMAP state; its tickets are answered from the primary one. */
  removeMailbox(workspaceId: string, id: string): boolean {
    const removed =
      this.#q.run(
        this.#k
          .deleteFrom('mail_mailboxes')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
      ).changes > 0;
    this.#q.run(
      this.#k
        .deleteFrom('mail_imap_state')
        .where('workspace_id', '=', workspaceId)
        .where('mailbox_id', '=', id)
    );
    return removed;
  }

  /** The mailbox a ticket came in on, or `null` (made in the app, or before #13.14). */
  ticketMailbox(workspaceId: string, ticketId: string): string | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('mail_ticket_mailboxes')
          .select('mailbox_id')
          .where('workspace_id', '=', workspaceId)
          .where('ticket_id', '=', ticketId)
      )?.mailbox_id ?? null
    );
  }

  /** Records the mailbox a ticket came in on; the first one recorded stays. */
  setTicketMailbox(workspaceId: string, ticketId: string, mailboxId: string): void {
    this.#q.run(
      this.#k
        .insertInto('mail_ticket_mailboxes')
        .values({ workspace_id: workspaceId, ticket_id: ticketId, mailbox_id: mailboxId })
        .onConflict((oc) => oc.columns(['workspace_id', 'ticket_id']).doNothing())
    );
  }

  // Messages ----------------------------------------------------------------------------------

  message(workspaceId: string, messageId: string): MessageRow | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('mail_messages')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('message_id', '=', messageId)
    );
    return row ? toMessage(row) : null;
  }

  /** The ticket of the first of `ids` that Baton has seen or sent (in the order given). */
  ticketForMessageIds(workspaceId: string, ids: readonly string[]): string | null {
    for (const id of ids) {
      const row = this.#q.first(
        this.#k
          .selectFrom('mail_messages')
          .select('ticket_id')
          .where('workspace_id', '=', workspaceId)
          .where('message_id', '=', id)
          .where('ticket_id', 'is not', null)
          .where('state', '!=', 'ignored')
      );
      if (row?.ticket_id) return row.ticket_id;
    }
    return null;
  }

  /** Records a message before it is written (see the file comment). */
  recordMessage(
    workspaceId: string,
    row: Omit<MessageRow, 'reason'> & { reason?: string | null },
    now: number
  ): void {
    this.#q.run(
      this.#k
        .insertInto('mail_messages')
        .values({
          workspace_id: workspaceId,
          message_id: row.messageId,
          direction: row.direction,
          ticket_id: row.ticketId,
          entry_id: row.entryId,
          new_ticket: row.newTicket ? 1 : 0,
          state: row.state,
          reason: row.reason ?? null,
          created_at: now
        })
        // A message recorded as ignored is decided again by a later copy (idempotency keys on
        // what became a ticket entry); any other row stands.
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'message_id'])
            .doUpdateSet((eb) => ({
              direction: eb.ref('excluded.direction'),
              ticket_id: eb.ref('excluded.ticket_id'),
              entry_id: eb.ref('excluded.entry_id'),
              new_ticket: eb.ref('excluded.new_ticket'),
              state: eb.ref('excluded.state'),
              reason: eb.ref('excluded.reason')
            }))
            .where('mail_messages.state', '=', 'ignored')
        )
    );
  }

  markWritten(workspaceId: string, messageId: string): void {
    this.#q.run(
      this.#k
        .updateTable('mail_messages')
        .set({ state: 'written' })
        .where('workspace_id', '=', workspaceId)
        .where('message_id', '=', messageId)
    );
  }

  /** Message-IDs of a ticket's thread, oldest first (for `References`). */
  ticketMessageIds(workspaceId: string, ticketId: string): string[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('mail_messages')
          .select('message_id')
          .where('workspace_id', '=', workspaceId)
          .where('ticket_id', '=', ticketId)
          .where('state', '!=', 'ignored')
          .orderBy('created_at')
          .orderBy(sql`rowid`)
      )
      .map((r) => r.message_id);
  }

  /** The ticket with this number in the workspace (the core's `TicketNumbers` port). */
  ticketByNumber(workspaceId: string, number: number): string | null {
    return this.#numbers.ticketWithNumber(workspaceId, number);
  }

  // Outbox ------------------------------------------------------------------------------------

  /** Queues a reply; `false` when it was queued before (each entry is sent at most once). */
  enqueue(row: Omit<OutboxRow, 'state' | 'attempts' | 'lastError'>, now: number): boolean {
    return (
      this.#q.run(
        this.#k
          .insertInto('mail_outbox')
          .values({
            entry_id: row.entryId,
            workspace_id: row.workspaceId,
            ticket_id: row.ticketId,
            message_id: row.messageId,
            state: 'queued',
            attempts: 0,
            next_attempt_at: row.nextAttemptAt,
            last_error: null,
            created_at: now,
            updated_at: now
          })
          .onConflict((oc) => oc.column('entry_id').doNothing())
      ).changes > 0
    );
  }

  outbox(entryId: string): OutboxRow | null {
    const row = this.#q.first(
      this.#k.selectFrom('mail_outbox').selectAll().where('entry_id', '=', entryId)
    );
    return row ? toOutbox(row) : null;
  }

  due(now: number, limit = 20): OutboxRow[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('mail_outbox')
          .selectAll()
          .where('state', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
      )
      .map(toOutbox);
  }

  nextDueAt(): number | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('state', '=', 'queued')
      )?.at ?? null
    );
  }

  updateOutbox(
    entryId: string,
    change: Pick<OutboxRow, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError'>,
    now: number
  ): void {
    this.#q.run(
      this.#k
        .updateTable('mail_outbox')
        .set({
          state: change.state,
          attempts: change.attempts,
          next_attempt_at: change.nextAttemptAt,
          last_error: change.lastError,
          updated_at: now
        })
        .where('entry_id', '=', entryId)
    );
  }

  /** A workspace's replies that failed for this reason (one of Baton's own reason codes). */
  failedOutbox(workspaceId: string, reason: string): OutboxRow[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('mail_outbox')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('state', '=', 'failed')
          .where('last_error', '=', reason)
          .orderBy('created_at')
      )
      .map(toOutbox);
  }

  /** Queues a reply again from its first attempt, under the Message-ID it is sent with. */
  requeueOutbox(entryId: string, messageId: string, now: number): void {
    this.#q.run(
      this.#k
        .updateTable('mail_outbox')
        .set({
          state: 'queued',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          message_id: messageId,
          updated_at: now
        })
        .where('entry_id', '=', entryId)
    );
  }

  /**
   * After a restart, sends that were in flight are queued again. The SMTP server may have
   * accepted one just before the crash; it goes out again with the same Message-ID, which
   * receivers use to drop duplicates. This is the one window that is at-least-once.
   */
  requeueInFlight(): number {
    return this.#q.run(
      this.#k.updateTable('mail_outbox').set({ state: 'queued' }).where('state', '=', 'sending')
    ).changes;
  }

  // Held messages ("could not import") ---------------------------------------------------------

  /** Keeps a message for admins; the same bytes held again count one more try. */
  hold(row: Omit<HeldRow, 'tries' | 'updatedAt'>, now: number): void {
    this.#q.run(
      this.#k
        .insertInto('mail_held')
        .values({
          workspace_id: row.workspaceId,
          id: row.id,
          reason: row.reason,
          detail: row.detail,
          message_id: row.messageId,
          subject: row.subject,
          sender: row.sender,
          size: row.size,
          tries: 1,
          received_at: row.receivedAt,
          updated_at: now
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
            reason: eb.ref('excluded.reason'),
            detail: eb.ref('excluded.detail'),
            tries: sql<number>`mail_held.tries + 1`,
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
    );
  }

  heldMessages(workspaceId: string, limit = 500): HeldRow[] {
    return this.#q
      .all(
        this.#k
          .selectFrom('mail_held')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .orderBy('received_at', 'desc')
          .limit(limit)
      )
      .map(toHeld);
  }

  heldMessage(workspaceId: string, id: string): HeldRow | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('mail_held')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
    );
    return row ? toHeld(row) : null;
  }

  /** Whether any workspace still holds these bytes (their file is kept while one does). */
  heldAnywhere(id: string): boolean {
    return (
      this.#q.first(this.#k.selectFrom('mail_held').select('id').where('id', '=', id)) !== undefined
    );
  }

  release(workspaceId: string, id: string): void {
    this.#q.run(
      this.#k.deleteFrom('mail_held').where('workspace_id', '=', workspaceId).where('id', '=', id)
    );
  }

  // Signatures ----------------------------------------------------------------------------------

  signature(workspaceId: string, memberId: string): string | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('mail_signatures')
          .select('signature')
          .where('workspace_id', '=', workspaceId)
          .where('member_id', '=', memberId)
      )?.signature ?? null
    );
  }

  /** Sets a member's signature; '' removes it. */
  putSignature(workspaceId: string, memberId: string, signature: string, now: number): void {
    if (signature === '') {
      this.#q.run(
        this.#k
          .deleteFrom('mail_signatures')
          .where('workspace_id', '=', workspaceId)
          .where('member_id', '=', memberId)
      );
      return;
    }
    this.#q.run(
      this.#k
        .insertInto('mail_signatures')
        .values({
          workspace_id: workspaceId,
          member_id: memberId,
          signature,
          updated_at: now
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'member_id']).doUpdateSet((eb) => ({
            signature: eb.ref('excluded.signature'),
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
    );
  }

  // IMAP state, customers, blobs ---------------------------------------------------------------

  imapState(
    workspaceId: string,
    mailboxId: string,
    folder: string
  ): { uidValidity: string; lastUid: number } | null {
    const row = this.#q.first(
      this.#k
        .selectFrom('mail_imap_state')
        .select(['uid_validity', 'last_uid'])
        .where('workspace_id', '=', workspaceId)
        .where('mailbox_id', '=', mailboxId)
        .where('folder', '=', folder)
    );
    return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
  }

  setImapState(
    workspaceId: string,
    mailboxId: string,
    folder: string,
    uidValidity: string,
    lastUid: number
  ): void {
    this.#q.run(
      this.#k
        .insertInto('mail_imap_state')
        .values({
          workspace_id: workspaceId,
          mailbox_id: mailboxId,
          folder,
          uid_validity: uidValidity,
          last_uid: lastUid
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'mailbox_id', 'folder']).doUpdateSet((eb) => ({
            uid_validity: eb.ref('excluded.uid_validity'),
            last_uid: eb.ref('excluded.last_uid')
          }))
        )
    );
  }

  customerId(workspaceId: string, address: string): string | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('mail_customers')
          .select('customer_id')
          .where('workspace_id', '=', workspaceId)
          .where('address', '=', address.toLowerCase())
      )?.customer_id ?? null
    );
  }

  putCustomer(workspaceId: string, address: string, customerId: string): void {
    this.#q.run(
      this.#k
        .insertInto('mail_customers')
        .values({
          workspace_id: workspaceId,
          address: address.toLowerCase(),
          customer_id: customerId
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'address']).doNothing())
    );
  }

  putBlob(workspaceId: string, hash: string, type: string, size: number): void {
    this.#q.run(
      this.#k
        .insertInto('mail_blobs')
        .values({ workspace_id: workspaceId, hash, type, size })
        .onConflict((oc) => oc.columns(['workspace_id', 'hash']).doNothing())
    );
  }

  blob(workspaceId: string, hash: string): { type: string; size: number } | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('mail_blobs')
          .select(['type', 'size'])
          .where('workspace_id', '=', workspaceId)
          .where('hash', '=', hash)
      ) ?? null
    );
  }
}

function toMailbox(row: Raw): MailboxRow {
  return {
    workspaceId: String(row.workspace_id),
    id: String(row.id),
    settings: String(row.settings),
    imapSecret: row.imap_secret === null ? null : String(row.imap_secret),
    smtpSecret: row.smtp_secret === null ? null : String(row.smtp_secret),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at)
  };
}

function toMessage(row: Raw): MessageRow {
  return {
    messageId: String(row.message_id),
    direction: row.direction === 'out' ? 'out' : 'in',
    ticketId: row.ticket_id === null ? null : String(row.ticket_id),
    entryId: row.entry_id === null ? null : String(row.entry_id),
    newTicket: row.new_ticket === 1,
    state: row.state === 'written' ? 'written' : row.state === 'ignored' ? 'ignored' : 'recorded',
    reason: row.reason === null ? null : String(row.reason)
  };
}

function toHeld(row: Raw): HeldRow {
  return {
    workspaceId: String(row.workspace_id),
    id: String(row.id),
    reason: String(row.reason),
    detail: String(row.detail),
    messageId: row.message_id === null ? null : String(row.message_id),
    subject: String(row.subject),
    sender: String(row.sender),
    size: Number(row.size),
    tries: Number(row.tries),
    receivedAt: Number(row.received_at),
    updatedAt: Number(row.updated_at)
  };
}

function toOutbox(row: Raw): OutboxRow {
  const state = String(row.state);
  return {
    entryId: String(row.entry_id),
    workspaceId: String(row.workspace_id),
    ticketId: String(row.ticket_id),
    messageId: String(row.message_id),
    state: state === 'sending' || state === 'sent' || state === 'failed' ? state : 'queued',
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error === null ? null : String(row.last_error)
  };
}
