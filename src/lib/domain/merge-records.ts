/**
 * The records of merges and splits in a ticket document, and how they resolve: the pure,
 * read-only half of `merge.ts` (which explains the whole algorithm and writes them). Kept
 * apart so that reading a ticket (`ticket.ts`) can resolve its merge pointer without the
 * operations, which build on `ticket.ts` themselves.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { Id, Tag, ThreadEntryKind, Timestamp, TicketStatus, type ThreadEntry } from './schema';

export const MERGE_ROOT = 'merge';
export const COPIES_ROOT = 'copies';

/** `#1042`, or a provisional `P-7KQ2MX`: what the ticket was called when the record was made. */
const Label = z.string().regex(/^(#\d{1,9}|P-[A-Z0-9]{6})$/, 'a ticket label (#12 or P-XXXXXX)');
const EntryIds = z.array(Id).min(1).max(500);

const IntoRecord = z.strictObject({
  kind: z.literal('into'),
  op: Id,
  targetId: Id,
  targetLabel: Label,
  /** What to give back on undo. */
  statusBefore: TicketStatus,
  solvedAtBefore: Timestamp.nullable(),
  actorId: Id,
  at: Timestamp
});
const FromRecord = z.strictObject({
  kind: z.literal('from'),
  op: Id,
  sourceId: Id,
  sourceLabel: Label,
  /** The source's requester: copied on the target's public replies (CC). */
  requesterId: Id.nullable(),
  /** Tags the merge added to this ticket (removed again on undo). */
  tagsAdded: z.array(Tag).max(50),
  actorId: Id,
  at: Timestamp
});
const SplitToRecord = z.strictObject({
  kind: z.literal('split-to'),
  op: Id,
  ticketId: Id,
  ticketLabel: Label,
  entryIds: EntryIds,
  actorId: Id,
  at: Timestamp
});
const SplitFromRecord = z.strictObject({
  kind: z.literal('split-from'),
  op: Id,
  ticketId: Id,
  ticketLabel: Label,
  entryIds: EntryIds,
  actorId: Id,
  at: Timestamp
});
const UndoRecord = z.strictObject({
  kind: z.literal('undo'),
  op: Id,
  undoId: Id,
  /** `settled`: an overruled merge set aside by `settleMerges`, not by a member's undo. */
  settled: z.boolean(),
  actorId: Id,
  at: Timestamp
});

export const MergeRecord = z.discriminatedUnion('kind', [
  IntoRecord,
  FromRecord,
  SplitToRecord,
  SplitFromRecord,
  UndoRecord
]);
export type MergeRecord = z.infer<typeof MergeRecord>;
export type IntoRecord = z.infer<typeof IntoRecord>;
export type FromRecord = z.infer<typeof FromRecord>;
export type SplitToRecord = z.infer<typeof SplitToRecord>;
export type SplitFromRecord = z.infer<typeof SplitFromRecord>;
export type UndoRecord = z.infer<typeof UndoRecord>;

/** A message of another ticket, copied here by a merge or a split. */
export const CopiedEntry = z.strictObject({
  id: Id,
  op: Id,
  fromTicketId: Id,
  fromLabel: Label,
  /** The id of the message copied, in its own ticket. */
  originalId: Id,
  kind: ThreadEntryKind,
  /** Display copies of the original's author (who wrote it then). */
  authorId: Id,
  authorName: z.string().trim().min(1).max(120),
  body: z.string().max(100_000),
  createdAt: Timestamp,
  /** The member who copied it: the writer, checked by the write guard. */
  copiedBy: Id,
  copiedAt: Timestamp
});
export type CopiedEntry = z.infer<typeof CopiedEntry>;

/** The key a record is stored under. */
export function recordKey(record: MergeRecord): string {
  return record.kind === 'undo'
    ? `undo:${record.op}:${record.undoId}`
    : `${record.kind}:${record.op}`;
}

/** The `merge` activity entry's `from`: which side, and whether it is the undo. */
export const MERGE_ACTIVITY_ROLES = ['into', 'from', 'undo-into', 'undo-from'] as const;
export const SPLIT_ACTIVITY_ROLES = ['to', 'from', 'undo-to', 'undo-from'] as const;

export function mergeMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MERGE_ROOT);
}

export function copiesArray(doc: Y.Doc): Y.Array<CopiedEntry> {
  return doc.getArray(COPIES_ROOT);
}

/** The document's valid merge records; anything else in the map is skipped. */
export function readMergeRecords(doc: Y.Doc): MergeRecord[] {
  const out: MergeRecord[] = [];
  for (const [key, value] of mergeMap(doc)) {
    const parsed = MergeRecord.safeParse(value);
    if (parsed.success && recordKey(parsed.data) === key) out.push(parsed.data);
  }
  return out;
}

function readCopies(doc: Y.Doc): CopiedEntry[] {
  const out: CopiedEntry[] = [];
  for (const value of copiesArray(doc)) {
    const parsed = CopiedEntry.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The order of operations: the writer's clock, then the id (the same on every replica). */
export function compareOps(a: { at: number; op: string }, b: { at: number; op: string }): number {
  return a.at - b.at || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0);
}

export interface MergeState {
  /** The merge that applies: this ticket lives on in `targetId`. */
  mergedInto: IntoRecord | null;
  /** Merges of this ticket that do not apply (a cycle lost, a later second target). */
  overruled: IntoRecord[];
  /** Tickets merged into this one (live, applied). */
  mergedFrom: FromRecord[];
  /** Merges into this one that lost a cycle here. */
  notApplied: FromRecord[];
  splitTo: SplitToRecord[];
  splitFrom: SplitFromRecord | null;
  /** Operations undone (or settled): their records stay, their effects are gone. */
  undone: ReadonlySet<string>;
  /** Copies brought by applied operations, in the order they were copied. */
  copies: CopiedEntry[];
}

/** How one document's records resolve (see the header). */
export function mergeStateOf(
  records: readonly MergeRecord[],
  copies: readonly CopiedEntry[]
): MergeState {
  const undone = new Set(records.filter((r) => r.kind === 'undo').map((r) => r.op));
  const live = <K extends MergeRecord['kind']>(kind: K) =>
    records
      .filter((r): r is Extract<MergeRecord, { kind: K }> => r.kind === kind && !undone.has(r.op))
      .sort(compareOps);
  const into = live('into');
  const from = live('from');
  let mergedInto: IntoRecord | null = null;
  const overruled: IntoRecord[] = [];
  for (const record of into) {
    const lostCycle = from.some((f) => f.sourceId === record.targetId && compareOps(f, record) < 0);
    if (mergedInto !== null || lostCycle) overruled.push(record);
    else mergedInto = record;
  }
  const mergedFrom: FromRecord[] = [];
  const notApplied: FromRecord[] = [];
  const sources = new Set<string>();
  for (const record of from) {
    // Lost a cycle here, or a second merge of the same ticket (two agents merged the pair).
    const lost =
      into.some((i) => i.targetId === record.sourceId && compareOps(i, record) < 0) ||
      sources.has(record.sourceId);
    if (!lost) sources.add(record.sourceId);
    (lost ? notApplied : mergedFrom).push(record);
  }
  const splitTo = live('split-to');
  const splitFrom = live('split-from')[0] ?? null;
  const applied = new Set([...mergedFrom.map((r) => r.op), ...(splitFrom ? [splitFrom.op] : [])]);
  return {
    mergedInto,
    overruled,
    mergedFrom,
    notApplied,
    splitTo,
    splitFrom,
    undone,
    copies: copies.filter((c) => applied.has(c.op))
  };
}

export function readMergeState(doc: Y.Doc): MergeState {
  return mergeStateOf(readMergeRecords(doc), readCopies(doc));
}

/** The ticket this one was merged into (the first step; see `followMerges` for chains). */
export function mergedIntoOf(doc: Y.Doc): string | null {
  return readMergeState(doc).mergedInto?.targetId ?? null;
}

/** One message as the thread shows it: the ticket's own, or a copy naming where it came from. */
export interface ThreadViewEntry {
  entry: ThreadEntry;
  origin: { ticketId: string; label: string; op: string } | null;
  /** The split that took this message to another ticket (it stays here too). */
  splitTo: { ticketId: string; label: string; op: string } | null;
}

/** The thread with the applied copies interleaved by time (ties keep the thread first). */
export function threadView(thread: readonly ThreadEntry[], state: MergeState): ThreadViewEntry[] {
  const splitOf = new Map<string, ThreadViewEntry['splitTo']>();
  for (const split of state.splitTo) {
    for (const id of split.entryIds) {
      splitOf.set(id, { ticketId: split.ticketId, label: split.ticketLabel, op: split.op });
    }
  }
  const own = thread.map((entry) => ({
    entry,
    origin: null,
    splitTo: splitOf.get(entry.id) ?? null
  }));
  const copied = state.copies.map((copy) => ({
    entry: copyAsEntry(copy),
    origin: { ticketId: copy.fromTicketId, label: copy.fromLabel, op: copy.op },
    splitTo: splitOf.get(copy.id) ?? null
  }));
  if (copied.length === 0) return own;
  const all: ThreadViewEntry[] = [...own, ...copied];
  const rank = new Map(all.map((item, i) => [item, i]));
  return all.sort(
    (a, b) => a.entry.createdAt - b.entry.createdAt || (rank.get(a) ?? 0) - (rank.get(b) ?? 0)
  );
}

function copyAsEntry(copy: CopiedEntry): ThreadEntry {
  return {
    id: copy.id,
    kind: copy.kind,
    authorId: copy.authorId,
    authorName: copy.authorName,
    body: copy.body,
    createdAt: copy.createdAt
  };
}

// ---------------------------------------------------------------------------------------------
// Chains and cycles across documents

/** One ticket's applied merge pointer, as the index or the server's documents know it. */
export interface MergePointer {
  targetId: string;
  at: number;
  op: string;
}

/** How many merges a chain may have before it is taken as broken. */
export const MAX_CHAIN = 50;

/**
 * Where a ticket lives on: follows the merge pointers from `ticketId` to the last ticket
 * that is not merged. A cycle (A→B→C→A, made concurrently on different documents) is broken
 * at its latest merge (by `compareOps`), the same on every replica: the chain ends at that
 * merge's source. Unknown tickets end the chain where they are pointed at.
 */
export function followMerges(
  ticketId: string,
  pointerOf: (id: string) => MergePointer | null
): string {
  const path: string[] = [ticketId];
  const seen = new Map<string, number>([[ticketId, 0]]);
  let current = ticketId;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const pointer = pointerOf(current);
    if (!pointer) return current;
    const loopAt = seen.get(pointer.targetId);
    if (loopAt !== undefined) {
      // The cycle is path[loopAt..]: its latest merge does not apply.
      const cycle = path.slice(loopAt);
      let latest = cycle[0] ?? current;
      let latestPointer = pointerOf(latest);
      for (const id of cycle) {
        const p = pointerOf(id);
        if (p && (!latestPointer || compareOps(p, latestPointer) > 0)) {
          latest = id;
          latestPointer = p;
        }
      }
      return latest;
    }
    seen.set(pointer.targetId, path.length);
    path.push(pointer.targetId);
    current = pointer.targetId;
  }
  return current;
}

/** A ticket's pointer as its own document resolves it. */
export function pointerOf(doc: Y.Doc): MergePointer | null {
  const into = readMergeState(doc).mergedInto;
  return into ? { targetId: into.targetId, at: into.at, op: into.op } : null;
}

/** The roots merges and splits add to a ticket document (see `merge.ts`). */
export const MERGE_ROOTS = { [MERGE_ROOT]: 'map', [COPIES_ROOT]: 'array' } as const;

/** At most this many copies on one ticket, as many as its thread may hold. */
export const MAX_COPIES = 5_000;

type Problem = { reason: 'schema' | 'append-only' | 'id-mismatch' | 'too-large'; detail: string };

function issueOf(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  return `${what}: ${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid'}`;
}

/**
 * The update check's rules for the merge roots, on the scratch copy after the update: records
 * are written once and never removed, each under its own key and about another ticket; an undo
 * names an operation recorded here; copies are appended only, each brought by a merge or split
 * recorded here. That the copies and records name the writer is the write guard's
 * (`authorship.ts`).
 */
export function mergeUpdateProblem(
  doc: Y.Doc,
  ticketId: string,
  keysChanged: ReadonlySet<string> | null,
  insertedCopies: readonly unknown[],
  copiesDeleted: boolean
): Problem | null {
  const map = mergeMap(doc);
  for (const key of keysChanged ?? []) {
    if (!map.has(key)) return { reason: 'append-only', detail: 'Merge records are kept.' };
    if (map._map.get(key)?.left) {
      return { reason: 'append-only', detail: 'A merge record is written once.' };
    }
    const parsed = MergeRecord.safeParse(map.get(key));
    if (!parsed.success) return { reason: 'schema', detail: issueOf(parsed.error, 'merge') };
    const record = parsed.data;
    if (recordKey(record) !== key) {
      return { reason: 'id-mismatch', detail: 'merge: the key names the record.' };
    }
    const other =
      record.kind === 'into'
        ? record.targetId
        : record.kind === 'from'
          ? record.sourceId
          : record.kind === 'undo'
            ? null
            : record.ticketId;
    if (other === ticketId) {
      return { reason: 'schema', detail: 'merge: a ticket is not merged with itself.' };
    }
    if (
      record.kind === 'undo' &&
      !['into', 'from', 'split-to', 'split-from'].some((kind) => map.has(`${kind}:${record.op}`))
    ) {
      return { reason: 'schema', detail: 'merge: an undo names a merge or split of this ticket.' };
    }
  }
  if (copiesDeleted) return { reason: 'append-only', detail: 'The copies are append-only.' };
  for (const value of insertedCopies) {
    const parsed = CopiedEntry.safeParse(value);
    if (!parsed.success) return { reason: 'schema', detail: issueOf(parsed.error, 'copies') };
    const { op, fromTicketId } = parsed.data;
    if (!map.has(`from:${op}`) && !map.has(`split-from:${op}`)) {
      return { reason: 'schema', detail: 'copies: a copy is brought by a merge or a split.' };
    }
    if (fromTicketId === ticketId) {
      return { reason: 'schema', detail: 'copies: a copy comes from another ticket.' };
    }
  }
  if (insertedCopies.length > 0 && copiesArray(doc).length > MAX_COPIES) {
    return {
      reason: 'too-large',
      detail: `A ticket holds at most ${MAX_COPIES.toLocaleString('en-US')} copied messages.`
    };
  }
  return null;
}

/** A `merge` or `split` activity entry names its side (`from`) and the other ticket (`to`). */
export function mergeActivityProblem(entry: {
  kind: string;
  from?: unknown;
  to?: unknown;
}): string | null {
  const roles: readonly unknown[] =
    entry.kind === 'merge' ? MERGE_ACTIVITY_ROLES : SPLIT_ACTIVITY_ROLES;
  if (!roles.includes(entry.from)) return `A ${entry.kind} entry names its side.`;
  if (!Id.safeParse(entry.to).success) return `A ${entry.kind} entry names the other ticket.`;
  return null;
}
