/**
 * One migration runner for every module: Kysely's `Migrator`, with one ordered list of steps
 * per module (core, accounts, audit, mail) and one bookkeeping table per module
 * (`baton_migrations_<module>`), so a module's schema never depends on another's order.
 *
 * A step is written for each dialect (SQLite and PostgreSQL differ in blobs, 64-bit integers and
 * generated ids); the same step runs once, in order, in a transaction, under Kysely's lock.
 *
 * Databases made before this runner kept their own bookkeeping: the core in SQLite's
 * `user_version`, the other modules in a `module_schema_versions` row. Such a file is adopted
 * the first time: the steps its bookkeeping says ran are recorded as run (their tables are
 * there), and only the rest run. The old bookkeeping is left as it is and never read again.
 * A database that ran steps this Baton does not know (a newer Baton) is refused.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { BatonDatabase, NoTables } from './database.ts';

export interface SchemaStep {
  /** Sorted by name: `0001-…`, `0002-…`. */
  name: string;
  /** Statements, one per string, for each dialect. */
  sqlite: readonly string[];
  postgres: readonly string[];
}

export interface ModuleSchema {
  module:
    | 'core'
    | 'accounts'
    | 'audit'
    | 'mail'
    | 'notifications'
    | 'surveys'
    | 'reports'
    | 'search'
    | 'archive'
    | 'help'
    | 'automations';
  steps: readonly SchemaStep[];
  /**
   * How many of `steps` an older Baton recorded with its own bookkeeping in this SQLite file
   * (0 when none). Throws when that bookkeeping is from a newer Baton.
   */
  legacySteps?(sqlite: BetterSqlite3.Database): number;
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

export function migrationTable(module: ModuleSchema['module']): string {
  return `baton_migrations_${module}`;
}

/** Brings each module's tables up to date, in the order given. */
export async function migrate(
  database: BatonDatabase,
  schemas: readonly ModuleSchema[]
): Promise<void> {
  for (const schema of schemas) await migrateModule(database, schema);
}

async function migrateModule(database: BatonDatabase, schema: ModuleSchema): Promise<void> {
  const table = migrationTable(schema.module);
  if (database.dialect === 'sqlite') adoptLegacy(database.sqlite, schema, table);
  const migrator = new Migrator({
    db: database.kysely,
    provider: providerFor(schema, database.dialect),
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`
  });
  const known = new Set(schema.steps.map((step) => step.name));
  const ran = await database.kysely
    .withTables<Record<string, { name: string }>>()
    .selectFrom(table)
    .select('name')
    .execute()
    .catch(() => [] as { name: string }[]); // no table yet: nothing ran
  const unknown = ran.map((row) => row.name).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `The ${schema.module} tables ran migrations this Baton does not know (${unknown.join(', ')}): ` +
        'they are newer than this Baton.'
    );
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(
      `Could not migrate the ${schema.module} tables${failed ? ` (step ${failed})` : ''}.`,
      { cause: error }
    );
  }
}

function providerFor(schema: ModuleSchema, dialect: BatonDatabase['dialect']): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const step of schema.steps) {
        migrations[step.name] = {
          async up(db: Kysely<NoTables>) {
            for (const statement of step[dialect]) await sql.raw(statement).execute(db);
          }
        };
      }
      return migrations;
    }
  };
}

/**
 * Records the steps an older Baton ran (its own bookkeeping) in the Migrator's table, once:
 * only when that table does not exist yet. The table has the Migrator's own layout.
 */
function adoptLegacy(sqlite: BetterSqlite3.Database, schema: ModuleSchema, table: string): void {
  const exists = sqlite
    .prepare<[string], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
    )
    .get(table);
  if (exists) return;
  const done = schema.legacySteps?.(sqlite) ?? 0;
  if (done === 0) return;
  if (done > schema.steps.length) {
    throw new SchemaTooNewError(
      `The ${schema.module} tables (version ${done}) are newer than this Baton (${schema.steps.length}).`
    );
  }
  sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE "${table}" ("name" varchar(255) NOT NULL PRIMARY KEY, "timestamp" varchar(255) NOT NULL)`
    );
    const insert = sqlite.prepare(`INSERT INTO "${table}" ("name", "timestamp") VALUES (?, ?)`);
    const at = new Date().toISOString();
    for (const step of schema.steps.slice(0, done)) insert.run(step.name, at);
  })();
}

/** The version an older Baton kept for `module` in `module_schema_versions` (0: none). */
export function legacyModuleVersion(sqlite: BetterSqlite3.Database, module: string): number {
  const table = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'module_schema_versions'"
    )
    .get();
  if (!table) return 0;
  return (
    sqlite
      .prepare<[string], { version: number }>(
        'SELECT version FROM module_schema_versions WHERE module = ?'
      )
      .get(module)?.version ?? 0
  );
}
