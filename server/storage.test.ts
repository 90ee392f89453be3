import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, coreSchema, databasePath, openDataDir } from './storage.ts';
import { migrate } from './db/migrate.ts';
import { journalPath, readJournal, UpdateJournal } from './update-journal.ts';

describe('SqliteStorage', () => {
  const dirs: string[] = [];
  const open = async (options: { journalMoveMs?: number } = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-storage-'));
    dirs.push(dir);
    return { dir, storage: await SqliteStorage.open(dir, Date.now, options) };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('returns null for unknown documents and keeps the log in order', async () => {
    const { storage } = await open();
    expect(storage.load('t/unknown-doc')).toBeNull();
    storage.append('t/some-ticket', new Uint8Array([1]));
    storage.append('t/some-ticket', new Uint8Array([2]));
    expect(storage.load('t/some-ticket')).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(storage.logLength('t/some-ticket')).toBe(2);
    storage.close();
  });

  it('compacts into one snapshot that later appends follow', async () => {
    const { storage } = await open();
    storage.append('t/some-ticket', new Uint8Array([1]));
    storage.compact('t/some-ticket', new Uint8Array([9]));
    storage.append('t/some-ticket', new Uint8Array([3]));
    expect(storage.load('t/some-ticket')).toEqual([new Uint8Array([9]), new Uint8Array([3])]);
    expect(storage.logLength('t/some-ticket')).toBe(1);
    storage.close();
  });

  it('has an update on disk when append returns, and in the log once anything reads it', async () => {
    const { dir, storage } = await open();
    storage.append('t/some-ticket', new Uint8Array([1]));
    // In the journal at once (durable), not yet in the table.
    const pending = readJournal(readFileSync(journalPath(databasePath(dir))));
    expect(pending.records).toEqual([{ name: 't/some-ticket', update: new Uint8Array([1]) }]);
    const table = () => {
      const db = new Database(databasePath(dir), { readonly: true });
      try {
        return db
          .prepare("SELECT count(*) FROM doc_updates WHERE name = 't/some-ticket'")
          .pluck()
          .get();
      } finally {
        db.close();
      }
    };
    expect(table()).toBe(0);
    expect(storage.logLength('t/some-ticket')).toBe(1);
    expect(table()).toBe(1);
    expect(readFileSync(journalPath(databasePath(dir))).byteLength).toBe(0);
    storage.close();
  });

  it('moves the journal into the log a moment after appends, again and again', async () => {
    const { dir, storage } = await open({ journalMoveMs: 50 });
    const rows = () => {
      const db = new Database(databasePath(dir), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM doc_updates').pluck().get();
      } finally {
        db.close();
      }
    };
    const journalBytes = () => readFileSync(journalPath(databasePath(dir))).byteLength;
    // The first move, a move after a read took the records early, and the ones after it.
    for (const [round, readFirst] of [false, true, false, false].entries()) {
      storage.append('t/some-ticket', new Uint8Array([round]));
      if (readFirst) storage.logLength('t/some-ticket');
      expect(journalBytes() === 0).toBe(readFirst);
      // Moved by the timer alone: nothing reads the log from here on.
      await vi.waitFor(
        () => expect([round, rows(), journalBytes()]).toEqual([round, round + 1, 0]),
        { timeout: 2000, interval: 10 }
      );
    }
    storage.close();
  });

  it('moves what a process that died left in the journal into the log when it opens', async () => {
    const { dir, storage } = await open();
    storage.append('t/some-ticket', new Uint8Array([1]));
    storage.close();
    // A process that died between appending and moving: records in the journal only.
    const { journal } = UpdateJournal.open(journalPath(databasePath(dir)));
    journal.append('t/some-ticket', new Uint8Array([2]));
    journal.append('t/other-ticket', new Uint8Array([3]));
    journal.close();
    const again = await SqliteStorage.open(dir);
    expect(again.load('t/some-ticket')).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(again.load('t/other-ticket')).toEqual([new Uint8Array([3])]);
    again.close();
  });

  it('numbers tickets per workspace, idempotently, across reopening', async () => {
    const { dir, storage } = await open();
    expect(storage.ticketNumber('ticket-aaaa', 'workspace-1')).toBe(1);
    expect(storage.ticketNumber('ticket-bbbb', 'workspace-1')).toBe(2);
    expect(storage.ticketNumber('ticket-aaaa', 'workspace-1')).toBe(1);
    expect(storage.ticketNumber('ticket-cccc', 'workspace-2')).toBe(1);
    expect(() => storage.ticketNumber('ticket-aaaa', 'workspace-2')).toThrow();
    storage.close();
    const again = await SqliteStorage.open(dir);
    expect(again.ticketNumber('ticket-bbbb', 'workspace-1')).toBe(2);
    expect(again.ticketNumber('ticket-dddd', 'workspace-1')).toBe(3);
    again.close();
  });

  it('registers a document once; the first workspace wins', async () => {
    const { storage } = await open();
    storage.registerDocument('t/some-ticket', 'workspace-1', 1);
    storage.registerDocument('t/some-ticket', 'workspace-2', 2);
    expect(storage.documentWorkspace('t/some-ticket')).toBe('workspace-1');
    expect(storage.documentWorkspace('t/other-ticket')).toBeNull();
    storage.close();
  });

  it('answers a document registered after it was asked for (the answer is kept, not the absence)', async () => {
    const { storage } = await open();
    expect(storage.documentWorkspace('t/later-ticket')).toBeNull();
    storage.registerDocument('t/later-ticket', 'workspace-1', 1);
    expect(storage.documentWorkspace('t/later-ticket')).toBe('workspace-1');
    storage.registerDocument('t/later-ticket', 'workspace-2', 2);
    expect(storage.documentWorkspace('t/later-ticket')).toBe('workspace-1');
    storage.close();
  });

  it('records its migrations in the shared runner’s table and uses WAL', async () => {
    const { dir, storage } = await open();
    storage.close();
    const db = new Database(databasePath(dir), { readonly: true });
    expect(db.prepare('SELECT name FROM baton_migrations_core').pluck().all()).toEqual([
      '0001-documents',
      '0002-update-log-rowid'
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('migrates an update log made with AUTOINCREMENT, keeping its rows and their order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-storage-'));
    dirs.push(dir);
    // A database as the first step made it, with rows of two documents interleaved and a
    // compacted one's rows gone (the largest seq is not the last row written).
    const old = openDataDir(dir);
    await migrate(old, [{ ...coreSchema, steps: coreSchema.steps.slice(0, 1) }]);
    const insert = old.sqlite.prepare(
      'INSERT INTO doc_updates (name, data, created_at) VALUES (?, ?, ?)'
    );
    for (let i = 0; i < 6; i++) insert.run(i % 2 === 0 ? 't/a' : 't/b', Buffer.from([i]), i);
    insert.run('t/gone', Buffer.from([99]), 9);
    old.sqlite.prepare("DELETE FROM doc_updates WHERE name = 't/gone'").run();
    const seqsBefore = old.sqlite.prepare('SELECT seq, name FROM doc_updates ORDER BY seq').all();
    expect(
      old.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_updates'").pluck().get()
    ).toMatch(/AUTOINCREMENT/);
    await old.close();

    const storage = await SqliteStorage.open(dir);
    expect(storage.load('t/a')).toEqual([0, 2, 4].map((i) => new Uint8Array([i])));
    expect(storage.load('t/b')).toEqual([1, 3, 5].map((i) => new Uint8Array([i])));
    storage.append('t/b', new Uint8Array([6]));
    expect(storage.load('t/b')).toEqual([1, 3, 5, 6].map((i) => new Uint8Array([i])));
    storage.close();

    const db = new Database(databasePath(dir), { readonly: true });
    expect(
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_updates'").pluck().get()
    ).not.toMatch(/AUTOINCREMENT/);
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'doc_updates_by_name'")
        .pluck()
        .get()
    ).toBe(1);
    const seqsAfter = db.prepare('SELECT seq, name FROM doc_updates ORDER BY seq').all();
    expect(seqsAfter.slice(0, seqsBefore.length)).toEqual(seqsBefore);
    db.close();
  });

  it('refuses a database from a newer Baton', async () => {
    const { dir, storage } = await open();
    storage.close();
    const db = new Database(databasePath(dir));
    db.prepare(
      "INSERT INTO baton_migrations_core (name, timestamp) VALUES ('9999-from-the-future', '')"
    ).run();
    db.close();
    await expect(SqliteStorage.open(dir)).rejects.toThrow(/newer than this Baton/);
  });

  it('refuses a database an older Baton marked with a newer user_version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-storage-'));
    dirs.push(dir);
    const db = new Database(databasePath(dir));
    db.pragma('user_version = 99');
    db.close();
    await expect(SqliteStorage.open(dir)).rejects.toThrow(/newer than this Baton/);
  });
});
