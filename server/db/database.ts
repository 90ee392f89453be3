/**
 * One typed query layer (Kysely) over Baton's store: SQLite, or PostgreSQL (`openPostgres`).
 * A module's code builds its queries with Kysely against its own table types
 * (`database.kysely.withTables<…>()`), and its migrations are one ordered list (`migrate.ts`).
 * Today the server runs on SQLite; the migrations and the async-ready ports (`ports.ts`) also
 * run on PostgreSQL, tested against a real one when `BATON_TEST_PG_URL` is set
 * (`tests/integration/data-layer.test.ts`). Running the server on it is the scale-out step.
 *
 * On SQLite the Kysely instance and the synchronous adapters share one better-sqlite3
 * connection: queries that must answer at once (the relay's append, the authorizer's lookups)
 * are built with Kysely, compiled once and run as prepared statements (`SqliteStatements`).
 */
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type Compilable,
  type CompiledQuery
} from 'kysely';
import type pg from 'pg';

/** Kysely without tables: each module adds its own with `withTables`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type NoTables = {};

export interface SqliteDatabase {
  readonly dialect: 'sqlite';
  readonly kysely: Kysely<NoTables>;
  /** The one connection; adapters run their compiled statements on it. */
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  close(): Promise<void>;
}

export interface PostgresDatabase {
  readonly dialect: 'postgres';
  readonly kysely: Kysely<NoTables>;
  close(): Promise<void>;
}

export type BatonDatabase = SqliteDatabase | PostgresDatabase;

/**
 * Opens (creating if needed) a SQLite file in WAL mode with `synchronous = NORMAL`: every
 * committed transaction survives the death of the process. Automatic checkpoints are off; the
 * core storage runs passive checkpoints on a thread of its own (see `server/storage.ts`).
 */
export function openSqlite(path: string): SqliteDatabase {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('wal_autocheckpoint = 0');
  const kysely = new Kysely<NoTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed: Promise<void> | null = null;
  return {
    dialect: 'sqlite',
    kysely,
    sqlite,
    path,
    close() {
      // Kysely's driver closes the better-sqlite3 connection it was given.
      closed ??= kysely.destroy();
      return closed;
    }
  };
}

// BIGINT (epoch milliseconds, counts) as a JavaScript number, as SQLite gives it: every value
// Baton keeps in one is far below 2^53.
const BIGINT_OID = 20;
function pgTypes(driver: typeof pg) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === BIGINT_OID && format !== 'binary'
        ? (value: string) => Number(value)
        : driver.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser
  };
}

/** Opens a pool on PostgreSQL; `pg` is loaded only here, so a SQLite start never pays for it. */
export async function openPostgres(
  url: string,
  options: {
    maxConnections?: number;
    /** Tables live in this schema (tests). */
    schema?: string;
  } = {}
): Promise<PostgresDatabase> {
  const driver = (await import('pg')).default;
  const pool = new driver.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: pgTypes(driver),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {})
  });
  const kysely = new Kysely<NoTables>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | null = null;
  return {
    dialect: 'postgres',
    kysely,
    close() {
      closed ??= kysely.destroy();
      return closed;
    }
  };
}

/**
 * Queries built with Kysely, run synchronously on a SQLite connection: compiled, prepared once
 * per distinct SQL text, and executed by better-sqlite3 in the same turn of the event loop.
 * Values must be ones better-sqlite3 binds (strings, numbers, bigints, Buffers, null).
 */
export class SqliteStatements {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #prepared = new Map<string, BetterSqlite3.Statement>();

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
  }

  /**
   * The prepared statement of a query compiled once: the caller passes the values in the order
   * of the query's placeholders on every run (the hot path's way, no compile per call).
   */
  prepare<P extends unknown[] = unknown[], R = unknown>(
    query: Compilable<R> | CompiledQuery<R>
  ): BetterSqlite3.Statement<P, R> {
    return this.#statement(compiled(query).sql) as BetterSqlite3.Statement<P, R>;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.#statement(c.sql).all(...c.parameters) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.#statement(c.sql).get(...c.parameters) as R | undefined;
  }

  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
    const c = query.compile();
    const result = this.#statement(c.sql).run(...c.parameters);
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  /** Runs `fn` in one transaction (`immediate`: takes the write lock first). */
  transaction<T>(fn: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
    const tx = this.#sqlite.transaction(fn);
    return mode === 'immediate' ? tx.immediate() : tx();
  }

  #statement(sqlText: string): BetterSqlite3.Statement {
    let statement = this.#prepared.get(sqlText);
    if (!statement) {
      statement = this.#sqlite.prepare(sqlText);
      this.#prepared.set(sqlText, statement);
    }
    return statement;
  }
}

function compiled<R>(query: Compilable<R> | CompiledQuery<R>): CompiledQuery<R> {
  return 'compile' in query ? query.compile() : query;
}
