/**
 * The update journal: how an accepted update becomes durable before the relay sends it on, in
 * one `writev` of a few dozen bytes rather than a SQLite transaction.
 *
 * The relay persists every update before anyone else sees it. A SQLite commit in WAL mode
 * writes the log table's page and its name index's page to the WAL for each row: 15–35 µs per
 * keystroke on this machine, which is about all the time the relay may take over an in-memory
 * relay that stores nothing. A journal record is appended to `<database>-pending` instead, and
 * the OS holds it from then on: it survives the death of the process exactly as a WAL commit
 * with `synchronous = NORMAL` does, and a power loss can lose the last few in both. The
 * storage (`storage.ts`) moves the records into the log table in one transaction a moment
 * later, and before anything reads the log, and then empties the file.
 *
 * A record: the name's UTF-8 length and the update's length (u32 each, little-endian), the
 * CRC-32 of the name and update together, the name, the update.
 *
 * Opening finds what an earlier process left there (it died between an append and the move),
 * in order. A record cut short or failing its checksum ends what is read (a power loss or a
 * damaged disk makes one; the death of a process never does); the bytes from there on are
 * kept beside the file for inspection, never thrown away. A crash between the move's commit and
 * emptying the file moves those records again at the next start: Yjs applies an update twice
 * as it does once, and the next compaction folds the extra rows away.
 *
 * One process owns the file, as it owns the data folder.
 */
import {
  closeSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
  writevSync
} from 'node:fs';
import { crc32 } from 'node:zlib';

export interface JournalRecord {
  name: string;
  update: Uint8Array;
}

const HEADER_BYTES = 12;
/** Far above any name or update the server accepts; a header past these is damage. */
const MAX_NAME_BYTES = 4096;
const MAX_UPDATE_BYTES = 256 * 1024 * 1024;
const NAME_CACHE = 256;

export function journalPath(databasePath: string): string {
  return `${databasePath}-pending`;
}

/** What a journal file holds: its whole records, and where damage starts (`null`: none). */
export function readJournal(bytes: Uint8Array): {
  records: JournalRecord[];
  damagedAt: number | null;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const records: JournalRecord[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    if (bytes.byteLength - at < HEADER_BYTES) return { records, damagedAt: at };
    const nameBytes = view.getUint32(at, true);
    const updateBytes = view.getUint32(at + 4, true);
    const checksum = view.getUint32(at + 8, true);
    const start = at + HEADER_BYTES;
    const end = start + nameBytes + updateBytes;
    if (
      nameBytes === 0 ||
      nameBytes > MAX_NAME_BYTES ||
      updateBytes > MAX_UPDATE_BYTES ||
      end > bytes.byteLength ||
      crc32(bytes.subarray(start, end)) !== checksum
    ) {
      return { records, damagedAt: at };
    }
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(start, start + nameBytes));
    } catch {
      return { records, damagedAt: at };
    }
    records.push({ name, update: new Uint8Array(bytes.subarray(start + nameBytes, end)) });
    at = end;
  }
  return { records, damagedAt: null };
}

export class UpdateJournal {
  readonly path: string;
  #fd: number;
  /** The file's length: where the next record starts. */
  #size: number;
  /** Records appended and not yet moved, in order. */
  #pending: JournalRecord[] = [];
  readonly #encoder = new TextEncoder();
  readonly #names = new Map<string, { bytes: Uint8Array; sum: number }>();

  /**
   * Opens (creating) the journal at `path`. `left` is what an earlier process left in it, for
   * the caller to move into the database before it calls `moved()`; `damaged` names the file
   * the unreadable rest was copied to, if any.
   */
  static open(path: string): {
    journal: UpdateJournal;
    left: JournalRecord[];
    damaged: string | null;
  } {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      bytes = new Uint8Array(0);
    }
    const { records, damagedAt } = readJournal(bytes);
    let damaged: string | null = null;
    if (damagedAt !== null) {
      damaged = `${path}.damaged-${Date.now()}`;
      writeFileSync(damaged, bytes.subarray(damagedAt));
    }
    const journal = new UpdateJournal(path, damagedAt ?? bytes.byteLength);
    journal.#pending = records;
    return { journal, left: records, damaged };
  }

  private constructor(path: string, validBytes: number) {
    this.path = path;
    this.#fd = openSync(path, 'a');
    // A damaged tail is cut off, so records appended from now on can be read back.
    ftruncateSync(this.#fd, validBytes);
    this.#size = validBytes;
  }

  /** Records appended (or left by an earlier process) that are not yet in the database. */
  get pending(): readonly JournalRecord[] {
    return this.#pending;
  }

  /** Appends one record; it is durable (against the process dying) when this returns. */
  append(name: string, update: Uint8Array): void {
    const { bytes: nameBytes, sum: nameSum } = this.#encodedName(name);
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUInt32LE(nameBytes.byteLength, 0);
    header.writeUInt32LE(update.byteLength, 4);
    // Node 20's optimized `crc32` answers 0 for empty data with a starting value, once warm:
    // an empty update adds nothing to the checksum, so it is not passed.
    header.writeUInt32LE(update.byteLength === 0 ? nameSum : crc32(update, nameSum), 8);
    const total = HEADER_BYTES + nameBytes.byteLength + update.byteLength;
    let written: number;
    try {
      written = writevSync(this.#fd, [header, nameBytes, update]);
    } catch (error) {
      this.#cutBack();
      throw error;
    }
    if (written !== total) {
      // Only a full disk or a file size limit writes part of a record: take it back, so that
      // the next record starts where a reader expects one.
      this.#cutBack();
      throw new Error(`The update journal took ${written} of ${total} bytes.`);
    }
    this.#size += total;
    this.#pending.push({ name, update });
  }

  /**
   * A document's name as written, with its checksum: the same few documents take keystroke
   * after keystroke, so each is encoded and summed once (the cache forgets at a few hundred).
   */
  #encodedName(name: string): { bytes: Uint8Array; sum: number } {
    let encoded = this.#names.get(name);
    if (encoded === undefined) {
      if (this.#names.size >= NAME_CACHE) this.#names.clear();
      const bytes = this.#encoder.encode(name);
      encoded = { bytes, sum: crc32(bytes) };
      this.#names.set(name, encoded);
    }
    return encoded;
  }

  /** The pending records are in the database now: empties the file. */
  moved(): void {
    ftruncateSync(this.#fd, 0);
    this.#size = 0;
    this.#pending = [];
  }

  close(): void {
    closeSync(this.#fd);
  }

  #cutBack(): void {
    try {
      ftruncateSync(this.#fd, this.#size);
    } catch {
      // The append is reported as failed either way; a tail that stays is found when read.
    }
  }
}
