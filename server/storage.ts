/**
 * Durable storage for documents and the few facts the server owns, in one SQLite file.
 *
 * A document is stored as an optional snapshot plus an append-only log of updates. An update
 * counts as saved once its `append` has returned: the relay persists before it broadcasts, so
 * whatever any client has seen is on disk. Compaction replaces snapshot + log with one
 * snapshot in a single transaction, so a crash leaves either the old rows or the new one.
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
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface DocStorage {
  /** Snapshot first (if any), then the log in order; `null` when nothing is stored. */
  load(name: string): Uint8Array[] | null;
  append(name: string, update: Uint8Array): void;
  /** Replaces everything stored for `name` with `state`, which must cover all of it. */
  compact(name: string, state: Uint8Array): void;
  /** How many log rows wait for compaction. */
  logLength(name: string): number;
  /**
   * Remembers which workspace a document belongs to; the first registration wins. A ticket is
   * registered before its first update is stored (the write guard, the demo seed), so nothing
   * is stored under a ticket name the registry does not know, and deciding access to a ticket
   * never needs its document.
   */
  registerDocument(name: string, workspaceId: string, createdAt: number): void;
  documentWorkspace(name: string): string | null;
  /**
   * Ticket documents with stored rows but no registration: left by an older Baton, or by a
   * process that died between storing a server-made ticket and registering it. Registered
   * at start (`backfillRegistry`).
   */
  unregisteredTickets(): string[];
  /** The ticket's number in its workspace: allocated on the first call, the same ever after. */
  ticketNumber(ticketId: string, workspaceId: string): number;
  close(): void;
  /**
   * Bytes stored (snapshots and log rows) for the workspace's registered documents and for
   * `alsoNames` (its index and settings, which are named after it rather than registered).
   */
  workspaceBytes(workspaceId: string, alsoNames?: readonly string[]): number;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX doc_updates_by_name ON doc_updates (name, seq);
   CREATE TABLE doc_snapshots (
     name TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE documents (
     name TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE workspace_counters (
     workspace_id TEXT PRIMARY KEY,
     last_number INTEGER NOT NULL
   );
   CREATE TABLE ticket_numbers (
     ticket_id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     number INTEGER NOT NULL,
     UNIQUE (workspace_id, number)
   );`
];

export function databasePath(dataDir: string): string {
  return join(dataDir, 'baton.sqlite');
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${version}) is newer than this Baton (${MIGRATIONS.length}).`
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next] ?? '');
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}

/** How often the checkpoint thread copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

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

const bytes = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

export class SqliteStorage implements DocStorage {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #statements;
  readonly #checkpointer: Worker;

  constructor(dataDir: string, now: () => number = Date.now) {
    mkdirSync(dataDir, { recursive: true });
    this.#db = new Database(databasePath(dataDir));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('wal_autocheckpoint = 0');
    migrate(this.#db);
    this.#checkpointer = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: { driver: driverPath, path: databasePath(dataDir), everyMs: CHECKPOINT_EVERY_MS }
    });
    // Once the storage is closed, what the thread says is about a database nobody uses.
    this.#checkpointer.on('message', (message) => {
      if (this.#db.open) console.error(`[baton] WAL checkpoint failed: ${String(message)}`);
    });
    this.#checkpointer.on('error', (error) => {
      if (this.#db.open) console.error('[baton] the WAL checkpoint thread stopped', error);
    });
    this.#checkpointer.unref();
    this.#now = now;
    const db = this.#db;
    this.#statements = {
      snapshot: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_snapshots WHERE name = ?'
      ),
      log: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE name = ? ORDER BY seq'
      ),
      logLength: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM doc_updates WHERE name = ?'
      ),
      append: db.prepare<[string, Buffer, number]>(
        'INSERT INTO doc_updates (name, data, created_at) VALUES (?, ?, ?)'
      ),
      putSnapshot: db.prepare<[string, Buffer, number]>(
        `INSERT INTO doc_snapshots (name, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`
      ),
      clearLog: db.prepare<[string]>('DELETE FROM doc_updates WHERE name = ?'),
      register: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO documents (name, workspace_id, created_at) VALUES (?, ?, ?)'
      ),
      workspaceOf: db.prepare<[string], { workspace_id: string }>(
        'SELECT workspace_id FROM documents WHERE name = ?'
      ),
      unregisteredTickets: db.prepare<[], { name: string }>(
        `SELECT DISTINCT name FROM (
           SELECT name FROM doc_updates WHERE name >= 't/' AND name < 't0'
           UNION SELECT name FROM doc_snapshots WHERE name >= 't/' AND name < 't0'
         ) WHERE name NOT IN (SELECT name FROM documents)`
      ),
      numberOf: db.prepare<[string], { number: number; workspace_id: string }>(
        'SELECT number, workspace_id FROM ticket_numbers WHERE ticket_id = ?'
      ),
      bumpCounter: db.prepare<[string], { last_number: number }>(
        `INSERT INTO workspace_counters (workspace_id, last_number) VALUES (?, 1)
         ON CONFLICT (workspace_id) DO UPDATE SET last_number = last_number + 1
         RETURNING last_number`
      ),
      putNumber: db.prepare<[string, string, number]>(
        'INSERT INTO ticket_numbers (ticket_id, workspace_id, number) VALUES (?, ?, ?)'
      )
    };
  }

  load(name: string): Uint8Array[] | null {
    const s = this.#statements;
    // One read transaction, so a compaction can never fall between the two reads.
    return this.#db.transaction(() => {
      const snapshot = s.snapshot.get(name);
      const log = s.log.all(name);
      if (!snapshot && log.length === 0) return null;
      return [...(snapshot ? [bytes(snapshot.data)] : []), ...log.map((row) => bytes(row.data))];
    })();
  }

  append(name: string, update: Uint8Array): void {
    this.#statements.append.run(name, Buffer.from(update), this.#now());
  }

  compact(name: string, state: Uint8Array): void {
    const s = this.#statements;
    this.#db.transaction(() => {
      s.putSnapshot.run(name, Buffer.from(state), this.#now());
      s.clearLog.run(name);
    })();
  }

  logLength(name: string): number {
    return this.#statements.logLength.get(name)?.n ?? 0;
  }

  registerDocument(name: string, workspaceId: string, createdAt: number): void {
    this.#statements.register.run(name, workspaceId, createdAt);
  }

  documentWorkspace(name: string): string | null {
    return this.#statements.workspaceOf.get(name)?.workspace_id ?? null;
  }

  unregisteredTickets(): string[] {
    return this.#statements.unregisteredTickets.all().map((row) => row.name);
  }

  ticketNumber(ticketId: string, workspaceId: string): number {
    const s = this.#statements;
    return this.#db
      .transaction(() => {
        const existing = s.numberOf.get(ticketId);
        if (existing) {
          if (existing.workspace_id !== workspaceId) {
            throw new Error(`Ticket ${ticketId} is numbered in another workspace.`);
          }
          return existing.number;
        }
        const next = s.bumpCounter.get(workspaceId);
        if (!next) throw new Error('The ticket counter did not advance.');
        s.putNumber.run(ticketId, workspaceId, next.last_number);
        return next.last_number;
      })
      .immediate();
  }

  /**
   * The open database, for server modules that keep their own tables in the same file (the
   * mail channel). They create their tables themselves and never touch the ones above.
   */
  get database(): Database.Database {
    return this.#db;
  }

  close(): void {
    if (!this.#db.open) return;
    this.#checkpointer.postMessage('close');
    // The last connection to close checkpoints the WAL into the database file.
    this.#db.close();
  }

  // Asked once a minute or so per active workspace (server/write-quota.ts), so it is prepared
  // here rather than kept. `length()` of a blob reads its size, not its bytes.
  workspaceBytes(workspaceId: string, alsoNames: readonly string[] = []): number {
    const row = this.#db
      .prepare<[string, string], { bytes: number }>(
        `WITH names(name) AS (
           SELECT name FROM documents WHERE workspace_id = ?
           UNION SELECT value FROM json_each(?)
         )
         SELECT (SELECT coalesce(sum(length(data)), 0) FROM doc_updates
                  WHERE name IN (SELECT name FROM names))
              + (SELECT coalesce(sum(length(data)), 0) FROM doc_snapshots
                  WHERE name IN (SELECT name FROM names)) AS bytes`
      )
      .get(workspaceId, JSON.stringify(alsoNames));
    return row?.bytes ?? 0;
  }
}
