/**
 * What an update added to a document, read from the document's own struct store rather than by
 * decoding the update a second time.
 *
 * Yjs gives every struct an id (client, clock), and each client's clocks only grow. So what a
 * change added is, for each client, the structs from the clock the document had before up to
 * the clock it has after — the transaction's `beforeState`/`afterState`, or, between two copies
 * of one document (the live document and the checked scratch copy), the live copy's clocks.
 * The store keeps each client's structs sorted by clock; a binary search (`findIndexSS`) finds
 * the first one, so the walk costs O(changed clients · log n + new structs), never O(document).
 *
 * Yjs splits and merges structs as documents change: an old item may be split when something
 * is inserted into its middle, and a new item may be merged into the older one on its left when
 * their ids are consecutive (typing a word is one item). So the struct holding the first new
 * clock may start before it: `offset` says how much of its content was there already.
 */
import * as Y from 'yjs';

export interface AddedItem {
  item: Y.Item;
  /** How many clock units at the item's start were in the document before. */
  offset: number;
}

/**
 * Calls `visit` for every item with a clock at or after `before(client)`, for each client in
 * `clients`. GC structs (content gone for good) are skipped.
 */
export function forEachAddedItem(
  doc: Y.Doc,
  clients: Iterable<number>,
  before: (client: number) => number,
  visit: (added: AddedItem) => void
): void {
  for (const client of clients) {
    const from = before(client);
    if (Y.getState(doc.store, client) <= from) continue;
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const struct = structs[i];
      if (!(struct instanceof Y.Item)) continue;
      visit({ item: struct, offset: Math.max(0, from - struct.id.clock) });
    }
  }
}

/** Items `after` has that `before` (an earlier copy of the same document) has not. */
export function itemsAddedSince(before: Y.Doc, after: Y.Doc): AddedItem[] {
  const out: AddedItem[] = [];
  forEachAddedItem(
    after,
    after.store.clients.keys(),
    (client) => Y.getState(before.store, client),
    (added) => out.push(added)
  );
  return out;
}

/** The new values of an added item: JSON values or characters past `offset`. */
export function addedValues({ item, offset }: AddedItem): unknown[] {
  if (item.deleted) return [];
  const content = item.content;
  if (content instanceof Y.ContentAny) {
    const values: unknown[] = content.getContent();
    return offset === 0 ? values : values.slice(offset);
  }
  if (content instanceof Y.ContentString) return [content.str.slice(offset)];
  return [];
}

/** The name of the root type an item sits in, or `null` when its parent is not a root. */
export function rootNameOf(doc: Y.Doc, item: Y.Item): string | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return null;
  for (const [name, type] of doc.share) if (type === parent) return name;
  return null;
}

/** A struct's own bytes in the encoding (id, origins, parent): a flat estimate. */
export const STRUCT_OVERHEAD_BYTES = 12;

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * About how many bytes the content of an item past `offset` takes when encoded: strings by
 * their UTF-8 length, JSON values by their JSON text. Close enough for quotas (Yjs' own
 * encoding of numbers is a little shorter), and proportional to the update, not the document.
 */
export function contentBytes(item: Y.Item, offset = 0): number {
  const content = item.content;
  if (content instanceof Y.ContentString) return utf8Length(content.str.slice(offset));
  if (content instanceof Y.ContentAny) {
    let bytes = 0;
    const values: unknown[] = content.getContent();
    for (let i = offset; i < values.length; i++) {
      bytes += (JSON.stringify(values[i]) ?? 'null').length;
    }
    return bytes;
  }
  return 0;
}

/** A value an update added directly to a root of a document. */
export interface RootAddition {
  root: string;
  /** The map key it was written under; `null` in an array or a text. */
  key: string | null;
  /** The new values (JSON entries, or one string of characters); none if the update deleted it too. */
  values: unknown[];
}

/**
 * What a change added to a document: its values in the roots (items nested in rich text are
 * counted in `bytes` but not listed), the estimated bytes, and the entries of its append-only
 * logs. The update check (`applyChecked`) collects it while it applies an update, and the
 * server's write guard reads it from there; `addedSince` finds the same between two copies.
 */
export interface AddedContent {
  additions: RootAddition[];
  bytes: number;
  /** New thread and activity entries. */
  entries: number;
}

export function nothingAdded(): AddedContent {
  return { additions: [], bytes: 0, entries: 0 };
}

const LOGS = new Set(['thread', 'activity']);

/**
 * Counts one added item into `into`: `root` is the name of the root it sits in, or `null` when
 * it is nested. Its values are read now: Yjs may later merge a following new item into this
 * one, and the item would then hold that one's values too.
 */
export function countAddition(into: AddedContent, added: AddedItem, root: string | null): void {
  into.bytes += STRUCT_OVERHEAD_BYTES + contentBytes(added.item, added.offset);
  if (root === null) return;
  const values = addedValues(added);
  into.additions.push({ root, key: added.item.parentSub, values });
  if (LOGS.has(root) && added.item.content instanceof Y.ContentAny) into.entries += values.length;
}

/** Whether `added` holds anything in one of `roots`. */
export function addsTo(added: AddedContent, roots: readonly string[]): boolean {
  return added.additions.some((addition) => roots.includes(addition.root));
}

/** What `after` has past `before` (an earlier copy of the same document). */
export function addedSince(before: Y.Doc, after: Y.Doc): AddedContent {
  const added = nothingAdded();
  for (const item of itemsAddedSince(before, after)) {
    countAddition(added, item, rootNameOf(after, item.item));
  }
  return added;
}
