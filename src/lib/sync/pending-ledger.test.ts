import { describe, expect, it } from 'vitest';
import { PendingLedger } from './pending-ledger';
import { memoryStorage } from './storage';

describe('PendingLedger', () => {
  it('counts local changes per document; the total is the documents, not the transactions', () => {
    const ledger = new PendingLedger(memoryStorage(), 'b:');
    ledger.add('t/aaaaaaaa');
    ledger.add('t/aaaaaaaa');
    ledger.add('ws/w1234567/index', 3);
    expect(ledger.count('t/aaaaaaaa')).toBe(2);
    expect(ledger.total).toBe(2);
    expect(ledger.dirty().sort()).toEqual(['t/aaaaaaaa', 'ws/w1234567/index']);
  });

  it('counts two sentences typed into one ticket as one change', () => {
    const ledger = new PendingLedger(memoryStorage(), 'b:');
    const sentences = 'Written on the ferry. Gmail flags the DKIM signature.';
    for (let i = 0; i < sentences.length; i++) ledger.add('t/aaaaaaaa');
    expect(ledger.total).toBe(1);
    expect(ledger.count('t/aaaaaaaa')).toBe(sentences.length);
  });

  it('lists the dirty documents', () => {
    const ledger = new PendingLedger(memoryStorage(), 'b:');
    ledger.add('t/aaaaaaaa');
    ledger.add('ws/w1234567/index', 3);
    expect(ledger.dirty().sort()).toEqual(['t/aaaaaaaa', 'ws/w1234567/index']);
  });

  it('survives a reload through storage, as after going offline and reloading', () => {
    const storage = memoryStorage();
    const before = new PendingLedger(storage, 'b:');
    before.add('t/aaaaaaaa', 4);
    before.setServerVector('t/aaaaaaaa', new Uint8Array([1, 2, 3]));
    const after = new PendingLedger(storage, 'b:');
    expect(after.count('t/aaaaaaaa')).toBe(4);
    expect([...(after.serverVector('t/aaaaaaaa') ?? [])]).toEqual([1, 2, 3]);
  });

  it('clears a confirmed document and tells subscribers', () => {
    const ledger = new PendingLedger(memoryStorage(), 'b:');
    const totals: number[] = [];
    ledger.subscribe(() => totals.push(ledger.total));
    ledger.add('t/aaaaaaaa');
    ledger.clear('t/aaaaaaaa');
    ledger.clear('t/aaaaaaaa');
    expect(totals).toEqual([1, 0]);
    expect(ledger.isDirty('t/aaaaaaaa')).toBe(false);
  });

  it('keeps its keys apart from other prefixes and ignores junk', () => {
    const storage = memoryStorage();
    storage.setItem('other:pending:t/x', '9');
    storage.setItem('b:pending:t/y', 'not a number');
    storage.setItem('b:sv:t/y', '%%%');
    const ledger = new PendingLedger(storage, 'b:');
    expect(ledger.total).toBe(0);
    expect(ledger.serverVector('t/y')).toBeNull();
    expect(ledger.owns('b:pending:t/z')).toBe(true);
    expect(ledger.owns('other:pending:t/z')).toBe(false);
  });

  it('forgets everything about a dropped document', () => {
    const ledger = new PendingLedger(memoryStorage(), 'b:');
    ledger.add('t/aaaaaaaa');
    ledger.setServerVector('t/aaaaaaaa', new Uint8Array([0]));
    ledger.forget('t/aaaaaaaa');
    expect(ledger.count('t/aaaaaaaa')).toBe(0);
    expect(ledger.serverVector('t/aaaaaaaa')).toBeNull();
  });
});
