import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, databasePath } from './storage.ts';

describe('SqliteStorage', () => {
  const dirs: string[] = [];
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-storage-'));
    dirs.push(dir);
    return { dir, storage: await SqliteStorage.open(dir) };
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
      '0001-documents'
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
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
