/**
 * The mail channel's own tables, in Baton's SQLite file (opened by `SqliteStorage`). They are
 * created here with `CREATE TABLE IF NOT EXISTS` and versioned by one row in
 * `module_schema_versions`, so that this module never depends on the order of the core
 * migrations (which use `user_version`) and the core never needs to know about mail.
 *
 *   mail_mailboxes     one mailbox connection per workspace; secrets sealed (secret-box.ts)
 *   mail_messages      every Message-ID seen or sent, with its ticket: threading and idempotency
 *   mail_outbox        the durable queue of replies to send, with attempts and the last error
 *   mail_imap_state    per mailbox: UIDVALIDITY and the last UID processed
 *   mail_customers     customer id per (workspace, address)
 *   mail_blobs         which workspace may read which blob, with its type
 *
 * Idempotency of ingestion (record-then-write): a message is first recorded as `recorded`
 * with the ticket and entry ids it will get, then written into the ticket document (which
 * skips an entry id it already holds), then marked `written`. A crash between the steps
 * leaves `recorded`, and the next delivery of the same Message-ID finishes the job with the
 * same ids: neither duplicated nor skipped.
 */
import type Database from 'better-sqlite3';

const MODULE = 'mail';
const VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS module_schema_versions (
    module TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS mail_mailboxes (
    workspace_id TEXT PRIMARY KEY,
    settings TEXT NOT NULL,
    imap_secret TEXT,
    smtp_secret TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS mail_messages (
    workspace_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    ticket_id TEXT,
    entry_id TEXT,
    new_ticket INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('recorded', 'written', 'ignored')),
    reason TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, message_id)
  );
  CREATE INDEX IF NOT EXISTS mail_messages_by_ticket ON mail_messages (workspace_id, ticket_id);
  CREATE TABLE IF NOT EXISTS mail_outbox (
    entry_id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (state, next_attempt_at);
  CREATE TABLE IF NOT EXISTS mail_imap_state (
    workspace_id TEXT NOT NULL,
    mailbox TEXT NOT NULL,
    uid_validity TEXT NOT NULL,
    last_uid INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, mailbox)
  );
  CREATE TABLE IF NOT EXISTS mail_customers (
    workspace_id TEXT NOT NULL,
    address TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    PRIMARY KEY (workspace_id, address)
  );
  CREATE TABLE IF NOT EXISTS mail_blobs (
    workspace_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, hash)
  );
`;

export interface MailboxRow {
  workspaceId: string;
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
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.transaction(() => {
      db.exec(SCHEMA);
      const row = db
        .prepare<[string], { version: number }>(
          'SELECT version FROM module_schema_versions WHERE module = ?'
        )
        .get(MODULE);
      if (row && row.version > VERSION) {
        throw new Error(
          `The mail tables (version ${row.version}) are newer than this Baton (${VERSION}).`
        );
      }
      db.prepare(
        `INSERT INTO module_schema_versions (module, version) VALUES (?, ?)
         ON CONFLICT (module) DO UPDATE SET version = excluded.version`
      ).run(MODULE, VERSION);
    })();
  }

  // Mailboxes ---------------------------------------------------------------------------------

  mailbox(workspaceId: string): MailboxRow | null {
    const row = this.#db
      .prepare<[string], Raw>('SELECT * FROM mail_mailboxes WHERE workspace_id = ?')
      .get(workspaceId);
    return row ? toMailbox(row) : null;
  }

  mailboxes(): MailboxRow[] {
    return this.#db.prepare<[], Raw>('SELECT * FROM mail_mailboxes').all().map(toMailbox);
  }

  putMailbox(row: Omit<MailboxRow, 'createdAt'> & { createdAt?: number }): void {
    this.#db
      .prepare(
        `INSERT INTO mail_mailboxes
           (workspace_id, settings, imap_secret, smtp_secret, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET settings = excluded.settings,
           imap_secret = excluded.imap_secret, smtp_secret = excluded.smtp_secret,
           updated_at = excluded.updated_at`
      )
      .run(
        row.workspaceId,
        row.settings,
        row.imapSecret,
        row.smtpSecret,
        row.createdAt ?? row.updatedAt,
        row.updatedAt
      );
  }

  // Messages ----------------------------------------------------------------------------------

  message(workspaceId: string, messageId: string): MessageRow | null {
    const row = this.#db
      .prepare<[string, string], Raw>(
        'SELECT * FROM mail_messages WHERE workspace_id = ? AND message_id = ?'
      )
      .get(workspaceId, messageId);
    return row ? toMessage(row) : null;
  }

  /** The ticket of the first of `ids` that Baton has seen or sent (in the order given). */
  ticketForMessageIds(workspaceId: string, ids: readonly string[]): string | null {
    const get = this.#db.prepare<[string, string], { ticket_id: string | null }>(
      `SELECT ticket_id FROM mail_messages
       WHERE workspace_id = ? AND message_id = ? AND ticket_id IS NOT NULL AND state != 'ignored'`
    );
    for (const id of ids) {
      const row = get.get(workspaceId, id);
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
    this.#db
      .prepare(
        `INSERT INTO mail_messages
           (workspace_id, message_id, direction, ticket_id, entry_id, new_ticket, state, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, message_id) DO NOTHING`
      )
      .run(
        workspaceId,
        row.messageId,
        row.direction,
        row.ticketId,
        row.entryId,
        row.newTicket ? 1 : 0,
        row.state,
        row.reason ?? null,
        now
      );
  }

  markWritten(workspaceId: string, messageId: string): void {
    this.#db
      .prepare(
        `UPDATE mail_messages SET state = 'written' WHERE workspace_id = ? AND message_id = ?`
      )
      .run(workspaceId, messageId);
  }

  /** Message-IDs of a ticket's thread, oldest first (for `References`). */
  ticketMessageIds(workspaceId: string, ticketId: string): string[] {
    return this.#db
      .prepare<[string, string], { message_id: string }>(
        `SELECT message_id FROM mail_messages
         WHERE workspace_id = ? AND ticket_id = ? AND state != 'ignored'
         ORDER BY created_at, rowid`
      )
      .all(workspaceId, ticketId)
      .map((r) => r.message_id);
  }

  /**
   * The ticket with this number in the workspace. Numbers are the core's (`ticket_numbers`
   * in storage.ts); this reads that table and never writes it.
   */
  ticketByNumber(workspaceId: string, number: number): string | null {
    return (
      this.#db
        .prepare<[string, number], { ticket_id: string }>(
          'SELECT ticket_id FROM ticket_numbers WHERE workspace_id = ? AND number = ?'
        )
        .get(workspaceId, number)?.ticket_id ?? null
    );
  }

  // Outbox ------------------------------------------------------------------------------------

  /** Queues a reply; `false` when it was queued before (each entry is sent at most once). */
  enqueue(row: Omit<OutboxRow, 'state' | 'attempts' | 'lastError'>, now: number): boolean {
    return (
      this.#db
        .prepare(
          `INSERT INTO mail_outbox
             (entry_id, workspace_id, ticket_id, message_id, state, attempts, next_attempt_at,
              last_error, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'queued', 0, ?, NULL, ?, ?)
           ON CONFLICT (entry_id) DO NOTHING`
        )
        .run(row.entryId, row.workspaceId, row.ticketId, row.messageId, row.nextAttemptAt, now, now)
        .changes > 0
    );
  }

  outbox(entryId: string): OutboxRow | null {
    const row = this.#db
      .prepare<[string], Raw>('SELECT * FROM mail_outbox WHERE entry_id = ?')
      .get(entryId);
    return row ? toOutbox(row) : null;
  }

  due(now: number, limit = 20): OutboxRow[] {
    return this.#db
      .prepare<[number, number], Raw>(
        `SELECT * FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?
         ORDER BY next_attempt_at LIMIT ?`
      )
      .all(now, limit)
      .map(toOutbox);
  }

  nextDueAt(): number | null {
    return (
      this.#db
        .prepare<[], { at: number | null }>(
          `SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE state = 'queued'`
        )
        .get()?.at ?? null
    );
  }

  updateOutbox(
    entryId: string,
    change: Pick<OutboxRow, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError'>,
    now: number
  ): void {
    this.#db
      .prepare(
        `UPDATE mail_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
           updated_at = ? WHERE entry_id = ?`
      )
      .run(change.state, change.attempts, change.nextAttemptAt, change.lastError, now, entryId);
  }

  /**
   * After a restart, sends that were in flight are queued again. The SMTP server may have
   * accepted one just before the crash; it goes out again with the same Message-ID, which
   * receivers use to drop duplicates. This is the one window that is at-least-once.
   */
  requeueInFlight(): number {
    return this.#db.prepare(`UPDATE mail_outbox SET state = 'queued' WHERE state = 'sending'`).run()
      .changes;
  }

  // IMAP state, customers, blobs ---------------------------------------------------------------

  imapState(workspaceId: string, mailbox: string): { uidValidity: string; lastUid: number } | null {
    const row = this.#db
      .prepare<[string, string], { uid_validity: string; last_uid: number }>(
        'SELECT uid_validity, last_uid FROM mail_imap_state WHERE workspace_id = ? AND mailbox = ?'
      )
      .get(workspaceId, mailbox);
    return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
  }

  setImapState(workspaceId: string, mailbox: string, uidValidity: string, lastUid: number): void {
    this.#db
      .prepare(
        `INSERT INTO mail_imap_state (workspace_id, mailbox, uid_validity, last_uid)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
           last_uid = excluded.last_uid`
      )
      .run(workspaceId, mailbox, uidValidity, lastUid);
  }

  customerId(workspaceId: string, address: string): string | null {
    return (
      this.#db
        .prepare<[string, string], { customer_id: string }>(
          'SELECT customer_id FROM mail_customers WHERE workspace_id = ? AND address = ?'
        )
        .get(workspaceId, address.toLowerCase())?.customer_id ?? null
    );
  }

  putCustomer(workspaceId: string, address: string, customerId: string): void {
    this.#db
      .prepare(
        `INSERT INTO mail_customers (workspace_id, address, customer_id) VALUES (?, ?, ?)
         ON CONFLICT (workspace_id, address) DO NOTHING`
      )
      .run(workspaceId, address.toLowerCase(), customerId);
  }

  putBlob(workspaceId: string, hash: string, type: string, size: number): void {
    this.#db
      .prepare(
        `INSERT INTO mail_blobs (workspace_id, hash, type, size) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, hash) DO NOTHING`
      )
      .run(workspaceId, hash, type, size);
  }

  blob(workspaceId: string, hash: string): { type: string; size: number } | null {
    return (
      this.#db
        .prepare<[string, string], { type: string; size: number }>(
          'SELECT type, size FROM mail_blobs WHERE workspace_id = ? AND hash = ?'
        )
        .get(workspaceId, hash) ?? null
    );
  }
}

function toMailbox(row: Raw): MailboxRow {
  return {
    workspaceId: String(row.workspace_id),
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
