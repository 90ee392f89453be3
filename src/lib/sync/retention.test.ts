import { describe, expect, it } from 'vitest';
import { RetentionList } from './retention';
import { memoryStorage } from './storage';

describe('RetentionList', () => {
  it('keeps the most recently used documents first', () => {
    const list = new RetentionList(memoryStorage(), 'b:', 3);
    for (const name of ['t/a', 't/b', 't/c', 't/a']) list.touch(name);
    expect(list.names).toEqual(['t/a', 't/c', 't/b']);
  });

  it('marks many documents used at once, in one write, the first the most recent', () => {
    const storage = memoryStorage();
    let writes = 0;
    const counted = {
      ...storage,
      setItem: (key: string, value: string) => (writes++, storage.setItem(key, value))
    };
    const list = new RetentionList(counted, 'b:', 5);
    list.touch('t/a', 't/b');
    list.touch('t/c', 't/a', 't/d');
    expect(list.names).toEqual(['t/c', 't/a', 't/d', 't/b']);
    expect(writes).toBe(2);
  });

  it('evicts the least recently used beyond the limit', () => {
    const list = new RetentionList(memoryStorage(), 'b:', 2);
    for (const name of ['t/a', 't/b', 't/c', 't/d']) list.touch(name);
    expect(list.overflow(() => false)).toEqual(['t/b', 't/a']);
    expect(list.names).toEqual(['t/d', 't/c']);
  });

  it('never evicts a document that must be kept (unconfirmed changes, open)', () => {
    const list = new RetentionList(memoryStorage(), 'b:', 1);
    for (const name of ['t/a', 't/b', 't/c']) list.touch(name);
    expect(list.overflow((name) => name === 't/a')).toEqual(['t/b']);
    expect(list.names).toEqual(['t/c', 't/a']);
  });

  it('is shared through storage, so another tab sees the same set', () => {
    const storage = memoryStorage();
    new RetentionList(storage, 'b:', 5).touch('t/a');
    const other = new RetentionList(storage, 'b:', 5);
    other.touch('t/b');
    expect(other.names).toEqual(['t/b', 't/a']);
    expect(new RetentionList(storage, 'b:', 5).has('t/a')).toBe(true);
  });

  it('starts empty from unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem('b:kept', '{not json');
    expect(new RetentionList(storage, 'b:', 5).names).toEqual([]);
    storage.setItem('b:kept', JSON.stringify(['t/a', 7, null]));
    expect(new RetentionList(storage, 'b:', 5).names).toEqual(['t/a']);
  });
});

describe('RetentionList.keepOlder', () => {
  it('keeps prefetched documents behind the ones the user opened, so they go first', () => {
    const list = new RetentionList(memoryStorage(), 'b:', 3);
    list.touch('t/opened');
    list.keepOlder('t/pre-1');
    list.keepOlder('t/pre-2');
    list.keepOlder('t/opened'); // already kept: stays where it is
    expect(list.names).toEqual(['t/opened', 't/pre-1', 't/pre-2']);
    list.keepOlder('t/pre-3');
    expect(list.overflow(() => false)).toEqual(['t/pre-3']);
    expect(list.has('t/opened')).toBe(true);
  });
});
