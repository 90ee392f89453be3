import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, databasePath } from './storage.ts';

describe('SqliteStorage', () => {
  const dirs: string[] = [];
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-storage-'));
    dirs.push(dir);
    return { dir, storage: new SqliteStorage(dir) };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('returns null for unknown documents and keeps the log in order', () => {
    const { storage } = open();
    expect(storage.load('t/unknown-doc')).toBeNull();
    storage.append('t/some-ticket', new Uint8Array([1]));
    storage.append('t/some-ticket', new Uint8Array([2]));
    expect(storage.load('t/some-ticket')).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(storage.logLength('t/some-ticket')).toBe(2);
    storage.close();
  });

  it('compacts into one snapshot that later appends follow', () => {
    const { storage } = open();
    storage.append('t/some-ticket', new Uint8Array([1]));
    storage.compact('t/some-ticket', new Uint8Array([9]));
    storage.append('t/some-ticket', new Uint8Array([3]));
    expect(storage.load('t/some-ticket')).toEqual([new Uint8Array([9]), new Uint8Array([3])]);
    expect(storage.logLength('t/some-ticket')).toBe(1);
    storage.close();
  });

  it('numbers tickets per workspace, idempotently, across reopening', () => {
    const { dir, storage } = open();
    expect(storage.ticketNumber('ticket-aaaa', 'workspace-1')).toBe(1);
    expect(storage.ticketNumber('ticket-bbbb', 'workspace-1')).toBe(2);
    expect(storage.ticketNumber('ticket-aaaa', 'workspace-1')).toBe(1);
    expect(storage.ticketNumber('ticket-cccc', 'workspace-2')).toBe(1);
    expect(() => storage.ticketNumber('ticket-aaaa', 'workspace-2')).toThrow();
    storage.close();
    const again = new SqliteStorage(dir);
    expect(again.ticketNumber('ticket-bbbb', 'workspace-1')).toBe(2);
    expect(again.ticketNumber('ticket-dddd', 'workspace-1')).toBe(3);
    again.close();
  });

  it('registers a document once; the first workspace wins', () => {
    const { storage } = open();
    storage.registerDocument('t/some-ticket', 'workspace-1', 1);
    storage.registerDocument('t/some-ticket', 'workspace-2', 2);
    expect(storage.documentWorkspace('t/some-ticket')).toBe('workspace-1');
    expect(storage.documentWorkspace('t/other-ticket')).toBeNull();
    storage.close();
  });

  it('records its schema version and uses WAL', () => {
    const { dir, storage } = open();
    storage.close();
    const db = new Database(databasePath(dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer Baton', () => {
    const { dir, storage } = open();
    storage.close();
    const db = new Database(databasePath(dir));
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteStorage(dir)).toThrow(/newer than this Baton/);
  });
});
