/**
 * A document manager for server unit tests: SQLite in a temp folder (or the storage given),
 * long grace periods so nothing unloads or compacts mid-test, and everything closed and
 * removed by the test's `afterEach` through `cleanups`.
 */
import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DocManager,
  type DocManagerOptions,
  type DocManagerStorage,
  type WriteGuard
} from '../documents.ts';
import { SqliteStorage } from '../storage.ts';

/** Registers the file's cleanup hook; returns the list to push cleanups to. */
export function cleanupsAfterEach(): (() => void | Promise<void>)[] {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

export async function tempSqlite(cleanups: (() => void | Promise<void>)[]): Promise<SqliteStorage> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-docs-'));
  const storage = await SqliteStorage.open(dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => storage.close());
  return storage;
}

export function testDocManager(
  storage: DocManagerStorage,
  cleanups: (() => void | Promise<void>)[],
  guard?: WriteGuard,
  /** Other options than the long grace periods, for a test of those periods themselves. */
  options: Partial<Omit<DocManagerOptions, 'storage' | 'guard'>> = {}
): DocManager {
  const docs = new DocManager({
    storage,
    unloadGraceMs: 60_000,
    compactEveryMs: 60_000,
    compactThreshold: 10_000,
    maxUpdateBytes: 1 << 20,
    log: () => {},
    ...(guard ? { guard } : {}),
    ...options
  });
  cleanups.push(() => docs.close());
  return docs;
}
