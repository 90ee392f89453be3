import { describe, expect, it } from 'vitest';
import { OfflineCopies, offlineListState, requestPersistentStorage } from './offline-copies.svelte';

describe('OfflineCopies', () => {
  it('answers which documents are kept', () => {
    const copies = new OfflineCopies();
    copies.setKept(['t/a', 't/b', 't/a']);
    expect(copies.has('t/a')).toBe(true);
    expect(copies.has('t/c')).toBe(false);
    expect(copies.has('constructor')).toBe(false);
    expect(copies.count).toBe(2);
    copies.setProgress({ done: 1, total: 4 });
    expect(copies.progress).toEqual({ done: 1, total: 4 });
    copies.reset();
    expect(copies.count).toBe(0);
    expect(copies.progress).toBeNull();
  });
});

describe('offlineListState', () => {
  it('says "all" (the tick) only when every row is kept', () => {
    expect(offlineListState(0, 2, null)).toEqual({ kind: 'partial', kept: 0, total: 2 });
    expect(offlineListState(1, 2, null)).toEqual({ kind: 'partial', kept: 1, total: 2 });
    expect(offlineListState(2, 2, null)).toEqual({ kind: 'all', kept: 2, total: 2 });
    expect(offlineListState(0, 0, null).kind).toBe('partial');
  });

  it('shows a running prefetch as progress', () => {
    expect(offlineListState(0, 2, { done: 1, total: 2 })).toEqual({
      kind: 'saving',
      done: 1,
      total: 2
    });
  });
});

describe('requestPersistentStorage', () => {
  const manager = (persisted: boolean, grant: boolean | Error) =>
    ({
      persisted: () => Promise.resolve(persisted),
      persist: () => (grant instanceof Error ? Promise.reject(grant) : Promise.resolve(grant))
    }) as unknown as StorageManager;

  it('reports what the browser decided', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage(manager(true, false))).toBe('granted');
    expect(await requestPersistentStorage(manager(false, true))).toBe('granted');
    expect(await requestPersistentStorage(manager(false, false))).toBe('denied');
    expect(await requestPersistentStorage(manager(false, new Error('no')))).toBe('denied');
  });
});
