/**
 * The core's storage: documents (snapshot + update log), the document registry and ticket
 * numbers, behind the `DocLog`, `DocumentRegistry` and `TicketNumbers` ports (server/db/ports.ts),
 * with one adapter per dialect: `SqliteStorage` (the default, answers at once) and
 * `PostgresStorage` (answers with promises).
 *
 * A document is stored as an optional snapshot plus an append-only log of updates. An update
 * counts as saved once its `append` has returned: the relay persists before it broadcasts, so
 * whatever any client has seen is on disk. On SQLite, `append` writes the update to the
 * update journal (`update-journal.ts`: one `writev`, as durable as a WAL commit), and the log
 * rows are written from there in one transaction every second (`JOURNAL_MOVE_MS`), and before
 * anything reads the log (loading, counting, compacting, measuring). Compaction replaces
 * snapshot + log with one snapshot in a single transaction, so a crash leaves either the old
 * rows or the new one.
 *
 * Durability: WAL with `synchronous = NORMAL` survives the death of the process at any moment
 * (every committed transaction is in the WAL file, which the OS holds); only a power loss or
 * kernel crash can lose the last transactions, which is the trade-off WAL/NORMAL is made for.
 *
 * Checkpoints (copying the WAL back into the database file, with two fsyncs) do not run on
 * the connection that appends: SQLite's automatic checkpoint would run inside whichever commit
 * crosses the threshold, stalling that edit's broadcast by milliseconds on a busy disk. A
 * worker thread with its own connection runs passive checkpoints instead, which never block
 * writers. Durability is unchanged: a commit is in the WAL either way; checkpoints only bound
 * the WAL's size.
 *
 * Hot path: `append` runs on every accepted update, so on SQLite it is one journal record; the
 * insert that moves records into the log is a statement built with Kysely, compiled once and
 * prepared once, run synchronously: no query building, no promise, no microtask per update.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql, type Generated, type Kysely } from 'kysely';
import {
  openSqlite,
  SqliteStatements,
  type BatonDatabase,
  type PostgresDatabase,
  type SqliteDatabase
} from './db/database.ts';
import { migrate, type ModuleSchema } from './db/migrate.ts';
import { journalPath, UpdateJournal } from './update-journal.ts';
import type { DocLog, DocumentRegistry, Now, TicketNumbers } from './db/ports.ts';

/** The core's ports as the SQLite adapter answers them: at once. */
export type DocStorage = Now<DocLog & DocumentRegistry & TicketNumbers> & { close(): void };

/** The core's tables (only this file reads or writes them). */
export type CoreTables = {
  doc_updates: { seq: Generated<number>; name: string; data: Uint8Array; created_at: number };
  doc_snapshots: { name: string; data: Uint8Array; updated_at: number };
  documents: { name: string; workspace_id: string; created_at: number };
  workspace_counters: { workspace_id: string; last_number: number };
  ticket_numbers: { ticket_id: string; workspace_id: string; number: number };
};

export const coreSchema: ModuleSchema = {
  module: 'core',
  steps: [
    {
      name: '0001-documents',
      sqlite: [
        `CREATE TABLE doc_updates (
           seq INTEGER PRIMARY KEY AUTOINCREMENT,
           name TEXT NOT NULL,
           data BLOB NOT NULL,
           created_at INTEGER NOT NULL
         )`,
        'CREATE INDEX doc_updates_by_name ON doc_updates (name, seq)',
        `CREATE TABLE doc_snapshots (
           name TEXT PRIMARY KEY,
           data BLOB NOT NULL,
           updated_at INTEGER NOT NULL
         )`,
        `CREATE TABLE documents (
           name TEXT PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           created_at INTEGER NOT NULL
         )`,
        `CREATE TABLE workspace_counters (
           workspace_id TEXT PRIMARY KEY,
           last_number INTEGER NOT NULL
         )`,
        `CREATE TABLE ticket_numbers (
           ticket_id TEXT PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           number INTEGER NOT NULL,
           UNIQUE (workspace_id, number)
         )`
      ],
      postgres: [
        `CREATE TABLE doc_updates (
           seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
           name TEXT NOT NULL,
           data BYTEA NOT NULL,
           created_at BIGINT NOT NULL
         )`,
        'CREATE INDEX doc_updates_by_name ON doc_updates (name, seq)',
        `CREATE TABLE doc_snapshots (
           name TEXT PRIMARY KEY,
           data BYTEA NOT NULL,
           updated_at BIGINT NOT NULL
         )`,
        `CREATE TABLE documents (
           name TEXT PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           created_at BIGINT NOT NULL
         )`,
        `CREATE TABLE workspace_counters (
           workspace_id TEXT PRIMARY KEY,
           last_number INTEGER NOT NULL
         )`,
        `CREATE TABLE ticket_numbers (
           ticket_id TEXT PRIMARY KEY,
           workspace_id TEXT NOT NULL,
           number INTEGER NOT NULL,
           UNIQUE (workspace_id, number)
         )`
      ]
    },
    {
      // The log without AUTOINCREMENT: a new row still gets a seq above every row there (SQLite
      // takes the largest rowid + 1), which is all the log's order needs, while AUTOINCREMENT
      // also wrote `sqlite_sequence` on every append, a third page in each update's commit
      // (20 -> 16 us per append, a third less WAL). Rows keep their seq. SQLite steps do not
      // run in a transaction of the runner's, hence the explicit one: a crash leaves the old
      // table or the new, and the step can run again after its commit.
      name: '0002-update-log-rowid',
      sqlite: [
        'BEGIN IMMEDIATE',
        `CREATE TABLE doc_updates_0002 (
           seq INTEGER PRIMARY KEY,
           name TEXT NOT NULL,
           data BLOB NOT NULL,
           created_at INTEGER NOT NULL
         )`,
        `INSERT INTO doc_updates_0002 (seq, name, data, created_at)
         SELECT seq, name, data, created_at FROM doc_updates`,
        'DROP TABLE doc_updates',
        'ALTER TABLE doc_updates_0002 RENAME TO doc_updates',
        'CREATE INDEX doc_updates_by_name ON doc_updates (name, seq)',
        'COMMIT'
      ],
      // An identity column costs PostgreSQL no extra write.
      postgres: []
    }
  ],
  // Before the shared runner, the core counted its steps in SQLite's `user_version`.
  legacySteps: (sqlite) => sqlite.pragma('user_version', { simple: true }) as number
};

export function databasePath(dataDir: string): string {
  return join(dataDir, 'baton.sqlite');
}

/** Opens (creating) `<dataDir>/baton.sqlite`; the caller migrates and closes it. */
export function openDataDir(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openSqlite(databasePath(dataDir));
}

/** How often the checkpoint thread copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * How long a journal record may wait before it is moved into the log table (the journal is as
 * durable; anything that reads the log moves them first). A second of typing is one
 * transaction and one truncation of the journal, where 100 ms made it ten of each. The
 * 50-client relay rounds, 7 pairs a run, alternating runs: 1.06× and 1.08× the reference with
 * 100 ms, 0.88× and 1.05× with a second.
 */
const JOURNAL_MOVE_MS = 1000;

// Plain CommonJS, evaluated in a worker thread: it must run without the TypeScript loader
// (tests, tsx and the production build all start it the same way).
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function start() {
  let db;
  try {
    db = new Database(workerData.path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    // Closed (and its folder perhaps removed) before this thread got going: nothing to do.
    parentPort.postMessage(String(error));
    parentPort.close();
    return;
  }
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort.postMessage(String(error));
    }
  }, workerData.everyMs);
  parentPort.once('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}
start();
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

const bytes = (buffer: Buffer | Uint8Array): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

const EMPTY = Buffer.alloc(0);

/** `bytes` as a Buffer over the same memory. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** How many documents' workspaces `documentWorkspace` keeps in memory (~100 bytes each). */
const WORKSPACE_CACHE_SIZE = 100_000;

/** Ticket documents (`t/<id>`) in `table`; the range keeps SQLite on the name index. */
function storedTicketNames(k: Kysely<CoreTables>, table: 'doc_updates' | 'doc_snapshots') {
  return k.selectFrom(table).select('name').where('name', '>=', 't/').where('name', '<', 't0');
}

function workspaceBytesQuery(
  k: Kysely<CoreTables>,
  workspaceId: string,
  alsoNames: readonly string[]
) {
  const total = (table: 'doc_updates' | 'doc_snapshots') =>
    k
      .selectFrom(table)
      .select(sql<number>`coalesce(sum(length(data)), 0)`.as('n'))
      .where((eb) =>
        eb.or([
          eb(
            'name',
            'in',
            eb.selectFrom('documents').select('name').where('workspace_id', '=', workspaceId)
          ),
          ...(alsoNames.length > 0 ? [eb('name', 'in', [...alsoNames])] : [])
        ])
      );
  return k.selectNoFrom((eb) => [
    eb(total('doc_updates'), '+', total('doc_snapshots')).$castTo<number>().as('bytes')
  ]);
}

export class SqliteStorage implements DocStorage {
  readonly #database: SqliteDatabase;
  readonly #now: () => number;
  readonly #q: SqliteStatements;
  readonly #k: Kysely<CoreTables>;
  readonly #statements;
  readonly #checkpointer: Worker;
  readonly #ownsDatabase: boolean;
  /** `documentWorkspace`'s answers found so far, by document name. */
  readonly #workspaceOf = new Map<string, string>();
  /** Accepted updates on their way into the log table (none for an in-memory database). */
  readonly #journal: UpdateJournal | null;
  /** Re-armed (`refresh`) after it fired: arming a move runs on a keystroke's path. */
  #moveTimer: ReturnType<typeof setTimeout> | null = null;
  #moveDue = false;
  readonly #journalMoveMs: number;

  /**
   * Opens `<dataDir>/baton.sqlite` with only the core's tables migrated; the storage owns the
   * file (tools and tests that need documents alone).
   */
  static async open(
    dataDir: string,
    now: () => number = Date.now,
    options: { journalMoveMs?: number } = {}
  ): Promise<SqliteStorage> {
    const database = openDataDir(dataDir);
    try {
      await migrate(database, [coreSchema]);
    } catch (error) {
      await database.close();
      throw error;
    }
    return new SqliteStorage(database, now, { ...options, ownsDatabase: true });
  }

  /** Over a database whose core tables are migrated (`coreSchema`). */
  constructor(
    database: SqliteDatabase,
    now: () => number = Date.now,
    options: { ownsDatabase?: boolean; journalMoveMs?: number } = {}
  ) {
    this.#database = database;
    this.#ownsDatabase = options.ownsDatabase ?? false;
    this.#journalMoveMs = options.journalMoveMs ?? JOURNAL_MOVE_MS;
    this.#now = now;
    this.#checkpointer = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: { driver: driverPath, path: database.path, everyMs: CHECKPOINT_EVERY_MS }
    });
    // Once the storage is closed, what the thread says is about a database nobody uses.
    this.#checkpointer.on('message', (message) => {
      if (database.sqlite.open) console.error(`[baton] WAL checkpoint failed: ${String(message)}`);
    });
    this.#checkpointer.on('error', (error) => {
      if (database.sqlite.open) console.error('[baton] the WAL checkpoint thread stopped', error);
    });
    this.#checkpointer.unref();
    const q = (this.#q = new SqliteStatements(database.sqlite));
    const k = (this.#k = database.kysely.withTables<CoreTables>());
    // Compiled and prepared once; each is run with its values in the order of its placeholders.
    this.#statements = {
      snapshot: q.prepare<[string], { data: Buffer }>(
        k.selectFrom('doc_snapshots').select('data').where('name', '=', '')
      ),
      log: q.prepare<[string], { data: Buffer }>(
        k.selectFrom('doc_updates').select('data').where('name', '=', '').orderBy('seq')
      ),
      logLength: q.prepare<[string], { n: number }>(
        k
          .selectFrom('doc_updates')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('name', '=', '')
      ),
      // name, data, created_at
      append: q.prepare<[string, Buffer, number]>(
        k.insertInto('doc_updates').values({ name: '', data: EMPTY, created_at: 0 })
      ),
      // name, data, updated_at
      putSnapshot: q.prepare<[string, Buffer, number]>(
        k
          .insertInto('doc_snapshots')
          .values({ name: '', data: EMPTY, updated_at: 0 })
          .onConflict((oc) =>
            oc.column('name').doUpdateSet((eb) => ({
              data: eb.ref('excluded.data'),
              updated_at: eb.ref('excluded.updated_at')
            }))
          )
      ),
      clearLog: q.prepare<[string]>(k.deleteFrom('doc_updates').where('name', '=', '')),
      // name, workspace_id, created_at
      register: q.prepare<[string, string, number]>(
        k
          .insertInto('documents')
          .values({ name: '', workspace_id: '', created_at: 0 })
          .onConflict((oc) => oc.column('name').doNothing())
      ),
      workspaceOf: q.prepare<[string], { workspace_id: string }>(
        k.selectFrom('documents').select('workspace_id').where('name', '=', '')
      )
    };
    const opened =
      database.path === '' || database.path === ':memory:'
        ? null
        : UpdateJournal.open(journalPath(database.path));
    this.#journal = opened?.journal ?? null;
    if (opened?.damaged) {
      console.error(
        `[baton] the update journal was damaged; its unreadable end is kept in ${opened.damaged}`
      );
    }
    // What a process that died left there goes into the log before anything is read.
    this.#moveJournal();
  }

  /** Writes the journal's records into the log table, in one transaction, and empties it. */
  #moveJournal(): void {
    if (this.#moveDue) {
      // A cleared timer cannot be re-armed: the next move makes a new one.
      clearTimeout(this.#moveTimer ?? undefined);
      this.#moveTimer = null;
      this.#moveDue = false;
    }
    const journal = this.#journal;
    if (journal === null || journal.pending.length === 0) return;
    const append = this.#statements.append;
    const now = this.#now();
    this.#q.transaction(() => {
      for (const { name, update } of journal.pending) append.run(name, asBuffer(update), now);
    });
    journal.moved();
  }

  /** Moves the journal a moment from now, if no move is due yet. */
  #scheduleMove(): void {
    if (this.#moveDue) return;
    this.#moveDue = true;
    if (this.#moveTimer !== null) {
      this.#moveTimer.refresh();
      return;
    }
    this.#moveTimer = setTimeout(() => {
      this.#moveDue = false;
      try {
        this.#moveJournal();
      } catch (error) {
        // The records stay in the journal (durable); the next read or move tries again.
        console.error('[baton] could not move updates from the journal into the log', error);
        this.#scheduleMove();
      }
    }, this.#journalMoveMs);
    this.#moveTimer.unref();
  }

  load(name: string): Uint8Array[] | null {
    this.#moveJournal();
    const s = this.#statements;
    // One read transaction, so a compaction can never fall between the two reads.
    return this.#q.transaction(() => {
      const snapshot = s.snapshot.get(name);
      const log = s.log.all(name);
      if (!snapshot && log.length === 0) return null;
      return [...(snapshot ? [bytes(snapshot.data)] : []), ...log.map((row) => bytes(row.data))];
    });
  }

  append(name: string, update: Uint8Array): void {
    if (this.#journal === null) {
      this.#statements.append.run(name, asBuffer(update), this.#now());
      return;
    }
    this.#journal.append(name, update);
    this.#scheduleMove();
  }

  compact(name: string, state: Uint8Array): void {
    this.#moveJournal();
    const s = this.#statements;
    this.#q.transaction(() => {
      s.putSnapshot.run(name, Buffer.from(state), this.#now());
      s.clearLog.run(name);
    });
  }

  logLength(name: string): number {
    this.#moveJournal();
    return this.#statements.logLength.get(name)?.n ?? 0;
  }

  registerDocument(name: string, workspaceId: string, createdAt: number): void {
    this.#statements.register.run(name, workspaceId, createdAt);
  }

  /**
   * A document's workspace never changes once registered (`register` keeps the first row, and
   * no row is updated or deleted), so an answer found is kept: workers ask on every change of a
   * ticket (every keystroke), and the query cost more than their own work. "Not registered" is
   * not kept, since it can change. The cache is bounded; past the bound it starts over.
   */
  documentWorkspace(name: string): string | null {
    const known = this.#workspaceOf.get(name);
    if (known !== undefined) return known;
    const found = this.#statements.workspaceOf.get(name)?.workspace_id ?? null;
    if (found !== null) {
      if (this.#workspaceOf.size >= WORKSPACE_CACHE_SIZE) this.#workspaceOf.clear();
      this.#workspaceOf.set(name, found);
    }
    return found;
  }

  registeredTickets(workspaceId?: string): { name: string; workspaceId: string }[] {
    let query = this.#k
      .selectFrom('documents')
      .select(['name', 'workspace_id'])
      .where('name', '>=', 't/')
      .where('name', '<', 't0')
      .orderBy('name');
    if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
    return this.#q.all(query).map((row) => ({ name: row.name, workspaceId: row.workspace_id }));
  }

  unregisteredTickets(): string[] {
    this.#moveJournal();
    const k = this.#k;
    return this.#q
      .all(
        k
          .selectFrom(
            storedTicketNames(k, 'doc_updates')
              .union(storedTicketNames(k, 'doc_snapshots'))
              .as('stored')
          )
          .select('stored.name')
          .distinct()
          .where('stored.name', 'not in', k.selectFrom('documents').select('name'))
      )
      .map((row) => row.name);
  }

  ticketNumber(ticketId: string, workspaceId: string): number {
    const k = this.#k;
    return this.#q.transaction(() => {
      const existing = this.#q.first(
        k
          .selectFrom('ticket_numbers')
          .select(['number', 'workspace_id'])
          .where('ticket_id', '=', ticketId)
      );
      if (existing) {
        if (existing.workspace_id !== workspaceId) {
          throw new Error(`Ticket ${ticketId} is numbered in another workspace.`);
        }
        return existing.number;
      }
      const next = this.#q.first(bumpCounter(k, workspaceId));
      if (!next) throw new Error('The ticket counter did not advance.');
      this.#q.run(
        k
          .insertInto('ticket_numbers')
          .values({ ticket_id: ticketId, workspace_id: workspaceId, number: next.last_number })
      );
      return next.last_number;
    }, 'immediate');
  }

  ticketWithNumber(workspaceId: string, number: number): string | null {
    return (
      this.#q.first(
        this.#k
          .selectFrom('ticket_numbers')
          .select('ticket_id')
          .where('workspace_id', '=', workspaceId)
          .where('number', '=', number)
      )?.ticket_id ?? null
    );
  }

  // Asked once a minute or so per active workspace (server/write-quota.ts). `length()` of a
  // blob reads its size, not its bytes.
  workspaceBytes(workspaceId: string, alsoNames: readonly string[] = []): number {
    this.#moveJournal();
    return this.#q.first(workspaceBytesQuery(this.#k, workspaceId, alsoNames))?.bytes ?? 0;
  }

  /** Stops the checkpoint thread; closes the database too when this storage opened it. */
  close(): void {
    if (!this.#database.sqlite.open) return;
    this.#moveJournal();
    this.#journal?.close();
    this.#checkpointer.postMessage('close');
    // The last connection to close checkpoints the WAL into the database file.
    if (this.#ownsDatabase) this.#database.sqlite.close();
  }
}

function bumpCounter(k: Kysely<CoreTables>, workspaceId: string) {
  return k
    .insertInto('workspace_counters')
    .values({ workspace_id: workspaceId, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('workspace_id')
        .doUpdateSet({ last_number: sql<number>`workspace_counters.last_number + 1` })
    )
    .returning('last_number');
}

/**
 * The same ports on PostgreSQL, every answer a promise. Ticket numbers are allocated under a
 * per-workspace advisory lock, so two processes never hand out the same number.
 */
export class PostgresStorage implements DocLog, DocumentRegistry, TicketNumbers {
  readonly #k: Kysely<CoreTables>;
  readonly #now: () => number;

  constructor(database: PostgresDatabase, now: () => number = Date.now) {
    this.#k = database.kysely.withTables<CoreTables>();
    this.#now = now;
  }

  async load(name: string): Promise<Uint8Array[] | null> {
    // Repeatable read: one snapshot of the data for both reads, so a compaction cannot fall
    // between them.
    return this.#k
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const snapshot = await tx
          .selectFrom('doc_snapshots')
          .select('data')
          .where('name', '=', name)
          .executeTakeFirst();
        const log = await tx
          .selectFrom('doc_updates')
          .select('data')
          .where('name', '=', name)
          .orderBy('seq')
          .execute();
        if (!snapshot && log.length === 0) return null;
        return [...(snapshot ? [bytes(snapshot.data)] : []), ...log.map((row) => bytes(row.data))];
      });
  }

  async append(name: string, update: Uint8Array): Promise<void> {
    await this.#k
      .insertInto('doc_updates')
      .values({ name, data: update, created_at: this.#now() })
      .execute();
  }

  async compact(name: string, state: Uint8Array): Promise<void> {
    await this.#k.transaction().execute(async (tx) => {
      await tx
        .insertInto('doc_snapshots')
        .values({ name, data: state, updated_at: this.#now() })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            updated_at: eb.ref('excluded.updated_at')
          }))
        )
        .execute();
      await tx.deleteFrom('doc_updates').where('name', '=', name).execute();
    });
  }

  async logLength(name: string): Promise<number> {
    const row = await this.#k
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async registerDocument(name: string, workspaceId: string, createdAt: number): Promise<void> {
    await this.#k
      .insertInto('documents')
      .values({ name, workspace_id: workspaceId, created_at: createdAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async documentWorkspace(name: string): Promise<string | null> {
    const row = await this.#k
      .selectFrom('documents')
      .select('workspace_id')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.workspace_id ?? null;
  }

  async registeredTickets(workspaceId?: string): Promise<{ name: string; workspaceId: string }[]> {
    let query = this.#k
      .selectFrom('documents')
      .select(['name', 'workspace_id'])
      .where(sql<boolean>`starts_with(name, 't/')`)
      .orderBy('name');
    if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
    const rows = await query.execute();
    return rows.map((row) => ({ name: row.name, workspaceId: row.workspace_id }));
  }

  async unregisteredTickets(): Promise<string[]> {
    const k = this.#k;
    // A prefix match: PostgreSQL's collations need not order '/' before '0' as bytes do.
    const stored = (table: 'doc_updates' | 'doc_snapshots') =>
      k
        .selectFrom(table)
        .select('name')
        .where(sql<boolean>`starts_with(name, 't/')`);
    const rows = await k
      .selectFrom(stored('doc_updates').union(stored('doc_snapshots')).as('stored'))
      .select('stored.name')
      .distinct()
      .where('stored.name', 'not in', k.selectFrom('documents').select('name'))
      .execute();
    return rows.map((row) => row.name);
  }

  async ticketNumber(ticketId: string, workspaceId: string): Promise<number> {
    return this.#k.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${workspaceId}))`.execute(tx);
      const existing = await tx
        .selectFrom('ticket_numbers')
        .select(['number', 'workspace_id'])
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      if (existing) {
        if (existing.workspace_id !== workspaceId) {
          throw new Error(`Ticket ${ticketId} is numbered in another workspace.`);
        }
        return existing.number;
      }
      const next = await bumpCounter(tx, workspaceId).executeTakeFirstOrThrow();
      await tx
        .insertInto('ticket_numbers')
        .values({ ticket_id: ticketId, workspace_id: workspaceId, number: next.last_number })
        .execute();
      return next.last_number;
    });
  }

  async ticketWithNumber(workspaceId: string, number: number): Promise<string | null> {
    const row = await this.#k
      .selectFrom('ticket_numbers')
      .select('ticket_id')
      .where('workspace_id', '=', workspaceId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row?.ticket_id ?? null;
  }

  async workspaceBytes(workspaceId: string, alsoNames: readonly string[] = []): Promise<number> {
    const row = await workspaceBytesQuery(this.#k, workspaceId, alsoNames).executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }
}

/** The core's ports over whichever database the server runs on. */
export type CoreStorage = SqliteStorage | PostgresStorage;

export function coreStorage(database: BatonDatabase, now: () => number): CoreStorage {
  return database.dialect === 'sqlite'
    ? new SqliteStorage(database, now)
    : new PostgresStorage(database, now);
}
