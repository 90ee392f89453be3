import { afterEach, describe, expect, it } from 'vitest';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJournal, UpdateJournal } from './update-journal.ts';
import { Rng } from '../src/lib/domain/testing/prng.ts';

describe('the update journal', () => {
  const dirs: string[] = [];
  const path = () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-journal-'));
    dirs.push(dir);
    return join(dir, 'baton.sqlite-pending');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const records = [
    { name: 't/ticket-aaaa', update: new Uint8Array([1, 2, 3]) },
    { name: 'ws/työtila/index', update: new Uint8Array(0) },
    { name: 't/ticket-bbbb', update: new Uint8Array(5000).fill(7) }
  ];

  it('gives what a process left behind back in order, names and bytes intact', () => {
    const file = path();
    const first = UpdateJournal.open(file);
    expect(first.left).toEqual([]);
    for (const { name, update } of records) first.journal.append(name, update);
    // The process dies here: nothing is moved, nothing is closed.
    const again = UpdateJournal.open(file);
    expect(again.left).toEqual(records);
    expect(again.damaged).toBeNull();
    expect(again.journal.pending).toEqual(records);
    again.journal.moved();
    again.journal.close();
    first.journal.close();
    expect(UpdateJournal.open(file).left).toEqual([]);
  });

  it('is on disk when append returns, and empty once the records are moved', () => {
    const file = path();
    const { journal } = UpdateJournal.open(file);
    journal.append(records[0]!.name, records[0]!.update);
    expect(readJournal(readFileSync(file)).records).toEqual([records[0]]);
    journal.moved();
    expect(readFileSync(file).byteLength).toBe(0);
    journal.append(records[2]!.name, records[2]!.update);
    expect(readJournal(readFileSync(file)).records).toEqual([records[2]]);
    journal.close();
  });

  it('keeps the whole records before a torn one, and the torn bytes beside the file', () => {
    const file = path();
    const { journal } = UpdateJournal.open(file);
    for (const { name, update } of records) journal.append(name, update);
    journal.close();
    const full = readFileSync(file).byteLength;
    truncateSync(file, full - 10);
    const opened = UpdateJournal.open(file);
    expect(opened.left).toEqual(records.slice(0, 2));
    expect(opened.damaged).not.toBeNull();
    expect(readFileSync(opened.damaged!).byteLength).toBe(12 + 13 + 5000 - 10);
    // Appends after the cut are read back after the whole records.
    opened.journal.append('t/ticket-cccc', new Uint8Array([9]));
    opened.journal.close();
    expect(UpdateJournal.open(file).left.map((r) => r.name)).toEqual([
      't/ticket-aaaa',
      'ws/työtila/index',
      't/ticket-cccc'
    ]);
  });

  it('stops at a record whose bytes changed (its checksum fails)', () => {
    const file = path();
    const { journal } = UpdateJournal.open(file);
    for (const { name, update } of records) journal.append(name, update);
    journal.close();
    const bytes = readFileSync(file);
    // The first record's update: header 12 bytes, name 13 bytes, then [1, 2, 3].
    bytes[12 + 13 + 1] = 99;
    writeFileSync(file, bytes);
    const opened = UpdateJournal.open(file);
    expect(opened.left).toEqual([]);
    expect(readFileSync(opened.damaged!)).toEqual(bytes);
    opened.journal.close();
  });

  it('reads garbage as no records, never as made-up ones, and never throws', () => {
    const rng = new Rng(20261128);
    for (let round = 0; round < 200; round++) {
      const garbage = Uint8Array.from({ length: rng.int(0, 300) }, () => rng.int(0, 255));
      const { records: found, damagedAt } = readJournal(garbage);
      expect(found).toEqual([]);
      if (garbage.byteLength > 0) expect(damagedAt).toBe(0);
    }
    const file = path();
    writeFileSync(
      file,
      Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256)
    );
    const opened = UpdateJournal.open(file);
    expect(opened.left).toEqual([]);
    expect(readdirSync(join(file, '..')).some((f) => f.includes('.damaged-'))).toBe(true);
    opened.journal.close();
  });
});
