/**
 * The data layer's own suite: every module's migrations and the core's ports (DocLog,
 * DocumentRegistry, TicketNumbers) on SQLite always, and on a real PostgreSQL when
 * `BATON_TEST_PG_URL` names one (`.ci/run` starts one). Each PostgreSQL run works in a schema
 * of its own, dropped afterwards.
 *
 * Also: a SQLite file made by the Baton before the shared migration runner (each module's own
 * bookkeeping: `user_version`, `module_schema_versions`) opens with its data intact and only
 * the steps it lacked run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, type BatonDatabase } from '../../server/db/database.ts';
import { migrate, migrationTable, type ModuleSchema } from '../../server/db/migrate.ts';
import type { DocLog, DocumentRegistry, TicketNumbers } from '../../server/db/ports.ts';
import {
  coreSchema,
  databasePath,
  openDataDir,
  PostgresStorage,
  SqliteStorage
} from '../../server/storage.ts';
import { accountsSchema } from '../../server/accounts/migrations.ts';
import { auditSchema } from '../../server/audit/audit-log.ts';
import { mailSchema } from '../../server/mail/mail-store.ts';
import { notificationsSchema } from '../../server/notifications/migrations.ts';

const ALL: ModuleSchema[] = [
  coreSchema,
  accountsSchema,
  auditSchema,
  mailSchema,
  notificationsSchema
];
const PG_URL = process.env.BATON_TEST_PG_URL ?? '';

type Ports = DocLog & DocumentRegistry & TicketNumbers;

interface Target {
  database: BatonDatabase;
  ports: Ports;
  /** Names of the tables in the database. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-data-layer-'));
  const database = openDataDir(dir);
  await migrate(database, ALL);
  const storage = new SqliteStorage(database, () => 1000);
  return {
    database,
    ports: storage,
    tables: async () =>
      database.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[],
    async close() {
      storage.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

let schemaCounter = 0;
async function postgresTarget(): Promise<Target> {
  const schema = `baton_test_${process.pid}_${Date.now()}_${schemaCounter++}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const database = await openPostgres(PG_URL, { schema, maxConnections: 4 });
  await migrate(database, ALL);
  return {
    database,
    ports: new PostgresStorage(database, () => 1000),
    async tables() {
      const result = await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema]
      );
      return result.rows.map((row) => row.table_name);
    },
    async close() {
      await database.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  };
}

const dialects: [string, () => Promise<Target>][] = [['SQLite', sqliteTarget]];
if (PG_URL) dialects.push(['PostgreSQL', postgresTarget]);
else {
  console.warn(
    '[data-layer] BATON_TEST_PG_URL is not set: the PostgreSQL half of the data layer suite is skipped.'
  );
}

describe.each(dialects)('the data layer on %s', (_dialect, open) => {
  let target: Target;
  beforeAll(async () => {
    target = await open();
  });
  afterAll(async () => {
    await target.close();
  });

  it('runs every module’s migrations, each with its own bookkeeping, once', async () => {
    const tables = await target.tables();
    for (const table of [
      'doc_updates',
      'doc_snapshots',
      'documents',
      'ticket_numbers',
      'users',
      'sessions',
      'memberships',
      'api_tokens',
      'audit_events',
      'mail_messages',
      'mail_outbox',
      ...ALL.map((schema) => migrationTable(schema.module))
    ]) {
      expect(tables).toContain(table);
    }
    // A second run finds nothing to do.
    await migrate(target.database, ALL);
    for (const schema of ALL) {
      const ran = await target.database.kysely
        .withTables<Record<string, { name: string }>>()
        .selectFrom(migrationTable(schema.module))
        .select('name')
        .orderBy('name')
        .execute();
      expect(ran.map((row) => row.name)).toEqual(schema.steps.map((step) => step.name));
    }
  });

  it('refuses tables that ran a migration this Baton does not know', async () => {
    const fake: ModuleSchema = { ...mailSchema, steps: [] };
    await expect(migrate(target.database, [fake])).rejects.toThrow(/newer than this Baton/);
  });

  it('DocLog: null for nothing, the log in order, compaction replaces it', async () => {
    const log = target.ports;
    expect(await log.load('t/nothing-here')).toBeNull();
    await log.append('t/doc-log', bytes(1));
    await log.append('t/doc-log', bytes(2, 2));
    expect(await log.load('t/doc-log')).toEqual([bytes(1), bytes(2, 2)]);
    expect(await log.logLength('t/doc-log')).toBe(2);
    await log.compact('t/doc-log', bytes(9));
    await log.append('t/doc-log', bytes(3));
    expect(await log.load('t/doc-log')).toEqual([bytes(9), bytes(3)]);
    expect(await log.logLength('t/doc-log')).toBe(1);
    await log.compact('t/doc-log', bytes(8, 8));
    expect(await log.load('t/doc-log')).toEqual([bytes(8, 8)]);
  });

  it('DocumentRegistry: the first workspace wins; unregistered tickets; bytes per workspace', async () => {
    const registry = target.ports;
    await registry.registerDocument('t/reg-one', 'ws-a', 1);
    await registry.registerDocument('t/reg-one', 'ws-b', 2);
    expect(await registry.documentWorkspace('t/reg-one')).toBe('ws-a');
    expect(await registry.documentWorkspace('t/reg-none')).toBeNull();
    await target.ports.append('t/reg-one', bytes(1, 2, 3));
    await target.ports.append('t/reg-stray', bytes(1));
    await target.ports.append('ws/ws-a/index', bytes(1, 2));
    await target.ports.compact('ws/ws-a/settings', bytes(1, 2, 3, 4));
    expect(await registry.unregisteredTickets()).toContain('t/reg-stray');
    expect(await registry.unregisteredTickets()).not.toContain('t/reg-one');
    expect(await registry.unregisteredTickets()).not.toContain('ws/ws-a/index');
    expect(await registry.workspaceBytes('ws-a')).toBe(3);
    expect(await registry.workspaceBytes('ws-a', ['ws/ws-a/index', 'ws/ws-a/settings'])).toBe(9);
    expect(await registry.workspaceBytes('ws-nobody')).toBe(0);
  });

  it('TicketNumbers: per workspace, the same answer twice, found by number', async () => {
    const numbers = target.ports;
    expect(await numbers.ticketNumber('ticket-n1', 'ws-n')).toBe(1);
    expect(await numbers.ticketNumber('ticket-n2', 'ws-n')).toBe(2);
    expect(await numbers.ticketNumber('ticket-n1', 'ws-n')).toBe(1);
    expect(await numbers.ticketNumber('ticket-m1', 'ws-m')).toBe(1);
    await expect(async () => numbers.ticketNumber('ticket-n1', 'ws-m')).rejects.toThrow(
      /another workspace/
    );
    expect(await numbers.ticketWithNumber('ws-n', 2)).toBe('ticket-n2');
    expect(await numbers.ticketWithNumber('ws-m', 2)).toBeNull();
  });

  it('TicketNumbers: many tickets numbered at once get distinct numbers', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `ticket-c${i}`);
    const numbers = await Promise.all(ids.map((id) => target.ports.ticketNumber(id, 'ws-c')));
    expect([...numbers].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i + 1));
  });
});

describe('a SQLite file from before the shared migration runner', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Today's file as the Baton before this change left it: each module's tables (the same DDL,
   * which the steps keep verbatim) and its own bookkeeping, with rows in them.
   */
  function legacyFile(accountsVersion: 1 | 2): string {
    const dir = mkdtempSync(join(tmpdir(), 'baton-legacy-'));
    dirs.push(dir);
    const db = new Database(databasePath(dir));
    db.pragma('journal_mode = WAL');
    const run = (statements: readonly string[]) => {
      for (const statement of statements) db.exec(statement);
    };
    run(coreSchema.steps[0]!.sqlite);
    db.pragma('user_version = 1');
    db.exec(
      'CREATE TABLE module_schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)'
    );
    for (const step of accountsSchema.steps.slice(0, accountsVersion)) run(step.sqlite);
    run(auditSchema.steps[0]!.sqlite);
    run(mailSchema.steps[0]!.sqlite);
    const version = db.prepare(
      'INSERT INTO module_schema_versions (module, version) VALUES (?, ?)'
    );
    version.run('accounts', accountsVersion);
    version.run('audit', 1);
    version.run('mail', 1);
    db.prepare('INSERT INTO doc_updates (name, data, created_at) VALUES (?, ?, ?)').run(
      't/old-ticket',
      Buffer.from([7, 7]),
      5
    );
    db.prepare('INSERT INTO documents (name, workspace_id, created_at) VALUES (?, ?, ?)').run(
      't/old-ticket',
      'ws-old',
      5
    );
    db.prepare('INSERT INTO workspace_counters (workspace_id, last_number) VALUES (?, ?)').run(
      'ws-old',
      41
    );
    db.prepare('INSERT INTO ticket_numbers (ticket_id, workspace_id, number) VALUES (?, ?, ?)').run(
      'old-ticket',
      'ws-old',
      41
    );
    db.prepare(
      'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
    ).run('member-old', 'old@example.test', 'Old Member', '$argon2id$x', 5);
    db.prepare('INSERT INTO audit_events (at, action, target) VALUES (?, ?, ?)').run(
      5,
      'sign-in',
      'old@example.test'
    );
    db.prepare(
      `INSERT INTO mail_messages (workspace_id, message_id, direction, state, created_at)
       VALUES (?, ?, 'in', 'written', ?)`
    ).run('ws-old', '<old@example.test>', 5);
    db.close();
    return dir;
  }

  it('keeps every row and records the steps it had as run', async () => {
    const dir = legacyFile(2);
    const database = openDataDir(dir);
    try {
      await migrate(database, ALL);
      const storage = new SqliteStorage(database);
      expect(storage.load('t/old-ticket')).toEqual([bytes(7, 7)]);
      expect(storage.documentWorkspace('t/old-ticket')).toBe('ws-old');
      expect(storage.ticketNumber('old-ticket', 'ws-old')).toBe(41);
      expect(storage.ticketNumber('new-ticket', 'ws-old')).toBe(42);
      const sqlite = database.sqlite;
      expect(sqlite.prepare('SELECT name, locale FROM users').all()).toEqual([
        { name: 'Old Member', locale: null }
      ]);
      expect(sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(1);
      expect(sqlite.prepare('SELECT count(*) FROM mail_messages').pluck().get()).toBe(1);
      for (const schema of ALL) {
        expect(
          sqlite
            .prepare(`SELECT name FROM ${migrationTable(schema.module)} ORDER BY name`)
            .pluck()
            .all()
        ).toEqual(schema.steps.map((step) => step.name));
      }
      storage.close();
    } finally {
      await database.close();
    }
  });

  it('runs only the steps its bookkeeping lacks (accounts at version 1: the locale column)', async () => {
    const dir = legacyFile(1);
    const database = openDataDir(dir);
    try {
      await migrate(database, ALL);
      expect(database.sqlite.prepare('SELECT name, locale FROM users').all()).toEqual([
        { name: 'Old Member', locale: null }
      ]);
      expect(
        database.sqlite
          .prepare('SELECT name FROM baton_migrations_accounts ORDER BY name')
          .pluck()
          .all()
      ).toEqual(['0001-accounts', '0002-user-locale']);
    } finally {
      await database.close();
    }
  });
});
