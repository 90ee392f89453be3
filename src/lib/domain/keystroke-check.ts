/**
 * The update check's fast path for typing. Most updates the relay sees are keystrokes: a few
 * characters inserted into, or deleted from, a ticket's shared draft or handover, or a private
 * draft. `applyChecked` proves an update safe by applying it to a scratch copy, which costs a
 * second integration of every keystroke before it can be relayed. For a keystroke the answer
 * can be read from the update and the live document alone, without applying it anywhere.
 *
 * `checkKeystroke` accepts an update only when all of this holds, and answers `null` (run the
 * full check) for anything else, including every update the full check would refuse:
 *
 *   - it is well formed, ends at its last byte, and every struct is an item of plain text
 *     (`ContentString`) with no map key;
 *   - each writer's items start exactly at the clock the live document has for that writer
 *     (nothing is missing, nothing is sent twice), and every left or right neighbour an item
 *     names is an item the live document already has (not a collected one), so Yjs will place
 *     it next to that neighbour in the neighbour's parent;
 *   - that parent, or the root an item names, is one of the kind's plain-text roots (a text
 *     that is a root, not nested), which `plainTextCaps` lists with their caps;
 *   - its deletions name only characters the live document has, in those same texts;
 *   - each text stays within its cap even without counting what is deleted, the document
 *     within its byte cap, and a ticket already has its fields (the full check refuses text
 *     on a ticket that was never created).
 *
 * What it answers is what the full check would have collected (`AddedContent`: one addition
 * per item, its estimated bytes), and it moves the scratch copy's size estimate as the full
 * check does. The caller then owes the scratch copy this update (`DocManager` applies it
 * before the copy is next used). `keystroke-check.test.ts` holds it to the full check's
 * verdict over seeded random edits.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { DocRef } from './doc-names';
import {
  STRUCT_OVERHEAD_BYTES,
  utf8Length,
  type AddedContent,
  type RootAddition
} from './added-content';
import { DOC_CAPS, estimatedDocBytes, knownDocBytes, plainTextCaps } from './update-check';
import { ticketWorkspace } from './ticket';

/** Yjs' info byte: content `ContentString`, and the flags for a key, a right and a left origin. */
const CONTENT_STRING = 4;
const HAS_KEY = 0b0010_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_LEFT_ORIGIN = 0b1000_0000;

/** Why an update is not a keystroke: thrown inside, answered as `null` (run the full check). */
const NOT_A_KEYSTROKE = Symbol('not a keystroke');

/** One keystroke being read: the texts it touches and what it adds and frees. */
interface Reading {
  live: Y.Doc;
  caps: Readonly<Record<string, number>>;
  additions: RootAddition[];
  bytes: number;
  freedBytes: number;
  /** Characters inserted per text root, by name. */
  inserted: Map<string, number>;
  deletes: boolean;
}

/**
 * What `update` adds when it is a keystroke that the full check would accept on `scratch`
 * (the live document's checked copy, whose size estimate it moves), else `null`.
 */
export function checkKeystroke(
  live: Y.Doc,
  scratch: Y.Doc,
  ref: DocRef,
  update: Uint8Array
): AddedContent | null {
  const caps = plainTextCaps(ref);
  const sizeBefore = estimatedDocBytes(scratch);
  if (caps === null || sizeBefore === undefined) return null;
  // The full check refuses text on a ticket that was never created.
  if (ref.kind === 'ticket' && ticketWorkspace(live) === null) return null;
  const reading: Reading = {
    live,
    caps,
    additions: [],
    bytes: 0,
    freedBytes: 0,
    inserted: new Map(),
    deletes: false
  };
  try {
    const decoder = decoding.createDecoder(update);
    readItems(decoder, reading);
    readDeletions(decoder, reading);
    if (decoding.hasContent(decoder)) return null;
  } catch (error) {
    // Damage of any kind is the full check's to name.
    if (error === NOT_A_KEYSTROKE || error instanceof Error) return null;
    throw error;
  }
  if (reading.additions.length === 0 && !reading.deletes) return null;
  for (const [name, count] of reading.inserted) {
    // `_length`: a root the live doc never typed is still an `AbstractType`, not a `Y.Text`.
    if ((live.share.get(name)?._length ?? 0) + count > (caps[name] ?? 0)) return null;
  }
  if (sizeBefore + reading.bytes > DOC_CAPS.bytes[ref.kind]) return null;
  knownDocBytes(scratch, Math.max(0, sizeBefore + reading.bytes - reading.freedBytes));
  return { additions: reading.additions, bytes: reading.bytes, entries: 0 };
}

function notAKeystroke(): never {
  throw NOT_A_KEYSTROKE;
}

/** The update's structs (Yjs' format V1), each checked against the live document. */
function readItems(decoder: decoding.Decoder, reading: Reading): void {
  const store = reading.live.store;
  const writers = decoding.readVarUint(decoder);
  const seen = new Set<number>();
  for (let w = 0; w < writers; w++) {
    const structs = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    let clock = decoding.readVarUint(decoder);
    if (structs === 0 || seen.has(client) || clock !== Y.getState(store, client)) notAKeystroke();
    seen.add(client);
    for (let s = 0; s < structs; s++) {
      const info = decoding.readUint8(decoder);
      if ((info & 0b1_1111) !== CONTENT_STRING || (info & HAS_KEY) !== 0) notAKeystroke();
      let parent: unknown = null;
      if (info & HAS_LEFT_ORIGIN) parent = neighbourParent(decoder, reading);
      if (info & HAS_RIGHT_ORIGIN) {
        // Yjs takes the parent from the left neighbour when there is one; the right one must
        // still be an item, or Yjs would collect the new one.
        const right = neighbourParent(decoder, reading);
        parent ??= right;
      }
      if (parent === null) {
        // No neighbours: the item names its parent, which must be a root (by its name).
        if (decoding.readVarUint(decoder) !== 1) notAKeystroke();
        parent = reading.live.share.get(decoding.readVarString(decoder)) ?? null;
      }
      const text = decoding.readVarString(decoder);
      const root = plainTextRoot(parent, reading);
      if (text.length === 0) notAKeystroke();
      reading.additions.push({ root, key: null, values: [text] });
      reading.bytes += STRUCT_OVERHEAD_BYTES + utf8Length(text);
      reading.inserted.set(root, (reading.inserted.get(root) ?? 0) + text.length);
      clock += text.length;
    }
  }
}

/**
 * The parent of the neighbour an item names by id, which must be an item of the live
 * document: an id past its clock is a missing dependency, or one of this update's own items
 * (which Yjs could split as it integrates them: left to the full check).
 */
function neighbourParent(decoder: decoding.Decoder, reading: Reading): unknown {
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  const store = reading.live.store;
  if (clock >= Y.getState(store, client)) notAKeystroke();
  const structs = store.clients.get(client);
  const struct = structs?.[Y.findIndexSS(structs, clock)];
  if (!(struct instanceof Y.Item) || struct.parentSub !== null) notAKeystroke();
  return struct.parent;
}

/**
 * The name of the plain-text root `parent` is, or not a keystroke. The live doc's roots keep
 * the type they were loaded with (a plain `AbstractType` until something reads them as text),
 * so a root is known by its name; the full check defines each on the scratch copy.
 */
function plainTextRoot(parent: unknown, reading: Reading): string {
  if (parent instanceof Y.AbstractType && parent._item === null) {
    for (const name in reading.caps) if (reading.live.share.get(name) === parent) return name;
  }
  return notAKeystroke();
}

/**
 * The update's delete set (format V1): each range must lie within what the live document has,
 * and every character it deletes that is not deleted yet must sit in a plain-text root.
 */
function readDeletions(decoder: decoding.Decoder, reading: Reading): void {
  const store = reading.live.store;
  const writers = decoding.readVarUint(decoder);
  for (let w = 0; w < writers; w++) {
    const client = decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    const structs = store.clients.get(client);
    for (let r = 0; r < ranges; r++) {
      const from = decoding.readVarUint(decoder);
      const to = from + decoding.readVarUint(decoder);
      if (structs === undefined || to > Y.getState(store, client) || to <= from) notAKeystroke();
      for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= to) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        plainTextRoot(struct.parent, reading);
        if (!(struct.content instanceof Y.ContentString)) notAKeystroke();
        const start = Math.max(from, struct.id.clock) - struct.id.clock;
        const end = Math.min(to, struct.id.clock + struct.length) - struct.id.clock;
        reading.freedBytes += utf8Length(struct.content.str.slice(start, end));
        reading.deletes = true;
      }
    }
  }
}
