/**
 * Merging a ticket into another, and splitting messages off into a new ticket: offline, on any
 * replica, converging to the same result everywhere.
 *
 * Layout. Each ticket document has two more roots:
 *   merge   Y.Map  write-once records, one per operation and side (`MergeRecord`), keyed
 *                  `<kind>:<op>` (`undo:<op>:<undo id>` for undos, so two replicas undoing
 *                  the same operation write two keys, never the same one twice);
 *   copies  Y.Array append-only copies of another ticket's messages (`CopiedEntry`), each
 *                  naming the operation that brought it and the message it copies.
 * Copies are kept apart from the `thread` on purpose: they are signed by the member who copied
 * them (the write guard's authorship rule holds), a copied public reply is never sent again by
 * the outbound worker, and reports do not count a message twice. Views interleave them with the
 * thread by time (`threadView`).
 *
 * Merging A into B (`mergeTickets`) writes, in A: `into:<op>` (B, A's status before), the
 * status `closed` and a `merge` activity entry; in B: `from:<op>` (A, A's requester, the tags
 * it added), copies of A's messages (its own and those it had copied in), A's tags and a
 * `merge` activity entry. Splitting (`splitTicket`) creates a new ticket N holding copies of the
 * chosen messages and `split-from:<op>`; the original gets `split-to:<op>` naming them, and
 * keeps them, marked "split to N".
 *
 * Resolving (`readMergeState`), a pure function of one document's records, the same on every
 * replica that holds the same records. Operations are ordered by (`at`, `op`): the writer's
 * clock, then the random id, so every replica sorts them alike.
 *   - A ticket is merged into the earliest target among its live `into` records (not undone),
 *     unless that target had been merged into this ticket earlier (a `from` record of the same
 *     pair, ordered first): A→B while B→A is a cycle, and the earlier merge wins. Every other
 *     `into` record is overruled: shown as not applied. `settleMerges` then marks overruled
 *     records undone and gives the ticket back the status it had, once, on whichever replica
 *     sees it first (two replicas doing it at once write the same status).
 *   - A `from` record is not applied when this ticket's own earlier merge into its source
 *     wins the cycle (the mirror of the rule above, so both documents agree).
 *   - Longer cycles and chains (A→B, B→C) span documents: `followMerges` walks the pointers
 *     (from the index summaries' `mergedInto`, or the documents on the server) to the final
 *     target, and breaks a cycle at its latest merge, the same on every replica. The ticket
 *     whose merge that is settles it like an overruled one (`breaksCycle`) when it is shown.
 * Undo (`undoMerge`, `undoSplit`) is an inverse operation, written as `undo` records on both
 * sides, and allowed only while nothing else has happened on either ticket since (the
 * operation's activity entry is still the last one, bar the server's bookkeeping).
 */
import * as Y from 'yjs';
import { newId } from './ids';
import type { ActivityEntry, Actor, ThreadEntry, TicketFields } from './schema';
import {
  createTicket,
  readActivity,
  readThread,
  readTicketFields,
  ticketLabel,
  ticketParts,
  TicketError
} from './ticket';
import {
  copiesArray,
  mergeMap,
  MergeRecord,
  compareOps,
  followMerges,
  readMergeRecords,
  readMergeState,
  recordKey,
  threadView,
  type CopiedEntry,
  type FromRecord,
  type IntoRecord,
  type MergePointer,
  type SplitFromRecord,
  type SplitToRecord,
  type ThreadViewEntry,
  type UndoRecord
} from './merge-records';

export * from './merge-records';

export type MergeProblem =
  | 'same-ticket'
  | 'other-workspace'
  | 'already-merged'
  | 'target-merged'
  | 'not-found'
  | 'no-messages'
  | 'changed-since'
  | 'not-undoable';

export class MergeError extends Error {
  constructor(
    readonly problem: MergeProblem,
    message: string
  ) {
    super(message);
    this.name = 'MergeError';
  }
}

/** What a merge or a split copies of a message (the original or a copy already here). */
function copyOf(
  item: { entry: ThreadEntry; origin: ThreadViewEntry['origin'] },
  fromId: string,
  fromLabel: string,
  op: string,
  actor: Actor,
  now: number
): CopiedEntry {
  const { entry } = item;
  return {
    id: newId(),
    op,
    // A copy of a copy names the ticket the message was first written in.
    fromTicketId: item.origin?.ticketId ?? fromId,
    fromLabel: item.origin?.label ?? fromLabel,
    originalId: entry.id,
    kind: entry.kind,
    authorId: entry.authorId,
    authorName: entry.authorName,
    // A message from email may have no text of its own (only HTML or files): say so.
    body: entry.body,
    createdAt: entry.createdAt,
    copiedBy: actor.id,
    copiedAt: now
  };
}

function requireTicket(doc: Y.Doc): TicketFields {
  const fields = readTicketFields(doc);
  if (!fields) throw new TicketError('not-a-ticket', 'This document holds no ticket yet.');
  return fields;
}

function logEntry(doc: Y.Doc, entry: ActivityEntry): void {
  ticketParts(doc).activity.push([entry]);
}

/** Closes a ticket that is not closed yet (solved now, if it never was), in its activity too. */
function closeTicket(doc: Y.Doc, fields: TicketFields, actor: Actor, now: number): void {
  if (fields.status === 'closed') return;
  const parts = ticketParts(doc).fields;
  parts.set('status', 'closed');
  if (fields.solvedAt === null) parts.set('solvedAt', now);
  logEntry(doc, { at: now, actorId: actor.id, kind: 'status', from: fields.status, to: 'closed' });
}

function touch(doc: Y.Doc, fields: TicketFields, now: number): void {
  ticketParts(doc).fields.set('updatedAt', Math.max(now, fields.updatedAt));
}

const MAX_TAGS = 50;

/**
 * Merges `source` into `target`: the target gets the source's messages (as copies), its tags
 * and its requester on copy; the source is closed, pointing at the target. Returns the
 * operation's id. Both documents must hold their tickets.
 */
export function mergeTickets(
  source: Y.Doc,
  target: Y.Doc,
  actor: Actor,
  now: number,
  options: { op?: string } = {}
): string {
  const a = requireTicket(source);
  const b = requireTicket(target);
  if (a.id === b.id) throw new MergeError('same-ticket', 'A ticket cannot be merged into itself.');
  if (a.workspaceId !== b.workspaceId) {
    throw new MergeError('other-workspace', 'Tickets merge only within one workspace.');
  }
  const sourceState = readMergeState(source);
  if (sourceState.mergedInto) {
    throw new MergeError('already-merged', 'This ticket is already merged into another.');
  }
  if (readMergeState(target).mergedInto) {
    throw new MergeError('target-merged', 'That ticket was merged into another: pick that one.');
  }
  const op = options.op ?? newId();
  const sourceLabel = ticketLabel(a);
  const targetLabel = ticketLabel(b);
  // Messages the source had copied from the target itself are there already (a merge the
  // other way that this replica saw on the source but not yet on the target).
  const copies = threadView(readThread(source), sourceState)
    .filter((item) => item.origin?.ticketId !== b.id)
    .map((item) => copyOf(item, a.id, sourceLabel, op, actor, now));
  const targetTags = ticketParts(target).tags;
  const tagsAdded = [...ticketParts(source).tags.keys()]
    .filter((tag) => !targetTags.has(tag))
    .slice(0, Math.max(0, MAX_TAGS - targetTags.size));

  const into: IntoRecord = {
    kind: 'into',
    op,
    targetId: b.id,
    targetLabel,
    statusBefore: a.status,
    solvedAtBefore: a.solvedAt,
    actorId: actor.id,
    at: now
  };
  const from: FromRecord = {
    kind: 'from',
    op,
    sourceId: a.id,
    sourceLabel,
    requesterId: a.requesterId,
    tagsAdded,
    actorId: actor.id,
    at: now
  };
  target.transact(() => {
    mergeMap(target).set(recordKey(from), from);
    if (copies.length > 0) copiesArray(target).push(copies);
    for (const tag of tagsAdded) targetTags.set(tag, true);
    touch(target, b, now);
    logEntry(target, { at: now, actorId: actor.id, kind: 'merge', from: 'from', to: a.id });
  });
  source.transact(() => {
    mergeMap(source).set(recordKey(into), into);
    closeTicket(source, a, actor, now);
    touch(source, a, now);
    logEntry(source, { at: now, actorId: actor.id, kind: 'merge', from: 'into', to: b.id });
  });
  return op;
}

/** Activity the server writes on its own, which does not count as "something changed since". */
const BOOKKEEPING: ReadonlySet<ActivityEntry['kind']> = new Set([
  'numbered',
  'sla-policy',
  'sla-breach'
]);

/**
 * Whether the operation's activity entry on this ticket is still the last one that counts.
 * `status` entries written together with it (the merge's closing) are part of it.
 */
function lastChange(
  doc: Y.Doc,
  matches: (entry: ActivityEntry) => boolean,
  at: number,
  actorId: string
): boolean {
  const activity = readActivity(doc);
  for (let i = activity.length - 1; i >= 0; i--) {
    const entry = activity[i];
    if (!entry || BOOKKEEPING.has(entry.kind)) continue;
    if (matches(entry)) return true;
    if (entry.kind === 'status' && entry.at === at && entry.actorId === actorId) continue;
    return false;
  }
  return false;
}

function findRecord<K extends MergeRecord['kind']>(
  doc: Y.Doc,
  kind: K,
  op: string
): Extract<MergeRecord, { kind: K }> | null {
  const value = MergeRecord.safeParse(mergeMap(doc).get(`${kind}:${op}`));
  return value.success && value.data.kind === kind
    ? (value.data as Extract<MergeRecord, { kind: K }>)
    : null;
}

/** Whether the merge `op` can still be undone: live, and nothing else happened since. */
export function mergeUndoable(source: Y.Doc, target: Y.Doc, op: string): boolean {
  const into = findRecord(source, 'into', op);
  const from = findRecord(target, 'from', op);
  if (!into || !from) return false;
  const state = readMergeState(source);
  if (state.mergedInto?.op !== op) return false;
  if (readMergeState(target).undone.has(op)) return false;
  return (
    lastChange(
      source,
      (e) => e.kind === 'merge' && e.from === 'into' && e.to === into.targetId && e.at === into.at,
      into.at,
      into.actorId
    ) &&
    lastChange(
      target,
      (e) => e.kind === 'merge' && e.from === 'from' && e.to === from.sourceId && e.at === from.at,
      from.at,
      from.actorId
    )
  );
}

function undoRecord(op: string, actor: Actor, now: number, settled = false): UndoRecord {
  return { kind: 'undo', op, undoId: newId(), settled, actorId: actor.id, at: now };
}

/** Gives the source its status back (unless someone changed it since). */
function restoreStatus(doc: Y.Doc, into: IntoRecord, actor: Actor, now: number): void {
  const fields = requireTicket(doc);
  if (fields.status !== 'closed' || into.statusBefore === 'closed') return;
  const parts = ticketParts(doc).fields;
  parts.set('status', into.statusBefore);
  parts.set('solvedAt', into.solvedAtBefore);
  logEntry(doc, {
    at: now,
    actorId: actor.id,
    kind: 'status',
    from: 'closed',
    to: into.statusBefore
  });
}

/** Undoes the merge `op`: the source opens as it was, the target drops the copies and tags. */
export function undoMerge(
  source: Y.Doc,
  target: Y.Doc,
  op: string,
  actor: Actor,
  now: number
): void {
  if (!mergeUndoable(source, target, op)) {
    throw new MergeError('changed-since', 'Something changed on these tickets since the merge.');
  }
  const into = findRecord(source, 'into', op);
  const from = findRecord(target, 'from', op);
  if (!into || !from) throw new MergeError('not-undoable', 'No such merge.');
  const a = requireTicket(source);
  const b = requireTicket(target);
  // The same pair merged again at the same time (by a colleague) goes with it, on both sides:
  // otherwise that merge would apply in its stead on one side only.
  const sameInto = readMergeRecords(source).filter((r) => r.kind === 'into' && r.targetId === b.id);
  const sameFrom = readMergeRecords(target).filter((r) => r.kind === 'from' && r.sourceId === a.id);
  target.transact(() => {
    for (const record of sameFrom) {
      const undo = undoRecord(record.op, actor, now);
      mergeMap(target).set(recordKey(undo), undo);
    }
    const tags = ticketParts(target).tags;
    for (const tag of from.tagsAdded) tags.delete(tag);
    touch(target, b, now);
    logEntry(target, { at: now, actorId: actor.id, kind: 'merge', from: 'undo-from', to: a.id });
  });
  source.transact(() => {
    for (const record of sameInto) {
      const undo = undoRecord(record.op, actor, now);
      mergeMap(source).set(recordKey(undo), undo);
    }
    restoreStatus(source, into, actor, now);
    touch(source, a, now);
    logEntry(source, { at: now, actorId: actor.id, kind: 'merge', from: 'undo-into', to: b.id });
  });
}

/**
 * Whether this ticket's own merge is where a cycle of three or more breaks (A→B, B→C, C→A:
 * the latest of them does not apply, `followMerges`), by the pointers of the other tickets
 * (`pointers`: the index summaries on a device, the documents on a server). A cycle of two is
 * decided inside one document (`readMergeState`); a longer one needs the others' pointers.
 */
export function breaksCycle(doc: Y.Doc, pointers: (id: string) => MergePointer | null): boolean {
  const into = readMergeState(doc).mergedInto;
  const self = readTicketFields(doc)?.id;
  if (!into || !self) return false;
  const own: MergePointer = { targetId: into.targetId, at: into.at, op: into.op };
  return followMerges(self, (id) => (id === self ? own : pointers(id))) === self;
}

/**
 * Settles what concurrent work left on this ticket: overruled merges (a cycle it lost, a second
 * target) are marked settled and, when no merge of it applies, it gets its status back; a
 * ticket that is merged but open (a colleague's undo of another merge raced this one) is closed
 * again. Given the other tickets' `pointers`, a merge where a longer cycle breaks is overruled
 * too (`breaksCycle`): every chain of the cycle ends in this ticket, which opens again.
 * Idempotent, and two replicas settling at once write the same values; returns whether it
 * wrote. Called by whoever sees the ticket (the app when it shows it).
 */
export function settleMerges(
  doc: Y.Doc,
  actor: Actor,
  now: number,
  pointers?: (id: string) => MergePointer | null
): boolean {
  const state = readMergeState(doc);
  const fields = requireTicket(doc);
  if (state.mergedInto && pointers && breaksCycle(doc, pointers)) {
    state.overruled.push(state.mergedInto);
    state.mergedInto = null;
  }
  const reclose = state.mergedInto !== null && fields.status !== 'closed';
  if (state.overruled.length === 0 && !reclose) return false;
  const earliest = [...state.overruled].sort(compareOps)[0];
  doc.transact(() => {
    for (const record of state.overruled) {
      const undo = undoRecord(record.op, actor, now, true);
      mergeMap(doc).set(recordKey(undo), undo);
    }
    if (state.mergedInto === null && earliest) restoreStatus(doc, earliest, actor, now);
    if (reclose) closeTicket(doc, fields, actor, now);
    touch(doc, fields, now);
  });
  return true;
}

/**
 * Splits the chosen messages (own or copied) off into a new ticket, made in the empty document
 * `created`: same subject, requester, priority and channel, the messages copied and linked both
 * ways. Returns the operation's id and the new ticket's id.
 */
export function splitTicket(
  original: Y.Doc,
  created: Y.Doc,
  entryIds: readonly string[],
  actor: Actor,
  now: number,
  options: { id?: string; subject?: string; op?: string } = {}
): { op: string; ticketId: string } {
  const fields = requireTicket(original);
  const chosen = new Set(entryIds);
  const items = threadView(readThread(original), readMergeState(original)).filter((item) =>
    chosen.has(item.entry.id)
  );
  if (items.length === 0 || items.length !== chosen.size) {
    throw new MergeError('no-messages', 'Choose one or more messages of this ticket to split off.');
  }
  const op = options.op ?? newId();
  const split = createTicket(
    created,
    {
      ...(options.id ? { id: options.id } : {}),
      workspaceId: fields.workspaceId,
      subject: options.subject?.trim() || fields.subject,
      priority: fields.priority,
      channel: fields.channel,
      requesterId: fields.requesterId,
      ...(fields.language ? { language: fields.language } : {})
    },
    actor,
    now
  );
  const originalLabel = ticketLabel(fields);
  const ids = items.map((item) => item.entry.id);
  const copies = items.map((item) => copyOf(item, fields.id, originalLabel, op, actor, now));
  const splitFrom: SplitFromRecord = {
    kind: 'split-from',
    op,
    ticketId: fields.id,
    ticketLabel: originalLabel,
    entryIds: ids,
    actorId: actor.id,
    at: now
  };
  const splitTo: SplitToRecord = {
    kind: 'split-to',
    op,
    ticketId: split.id,
    ticketLabel: ticketLabel(split),
    entryIds: ids,
    actorId: actor.id,
    at: now
  };
  created.transact(() => {
    mergeMap(created).set(recordKey(splitFrom), splitFrom);
    copiesArray(created).push(copies);
    logEntry(created, { at: now, actorId: actor.id, kind: 'split', from: 'from', to: fields.id });
  });
  original.transact(() => {
    mergeMap(original).set(recordKey(splitTo), splitTo);
    touch(original, fields, now);
    logEntry(original, { at: now, actorId: actor.id, kind: 'split', from: 'to', to: split.id });
  });
  return { op, ticketId: split.id };
}

/** Whether the split `op` can still be undone: nothing else happened on either ticket since. */
export function splitUndoable(original: Y.Doc, created: Y.Doc, op: string): boolean {
  const to = findRecord(original, 'split-to', op);
  const from = findRecord(created, 'split-from', op);
  if (!to || !from) return false;
  if (readMergeState(original).undone.has(op) || readMergeState(created).undone.has(op)) {
    return false;
  }
  return (
    lastChange(
      original,
      (e) => e.kind === 'split' && e.from === 'to' && e.to === to.ticketId && e.at === to.at,
      to.at,
      to.actorId
    ) &&
    lastChange(
      created,
      (e) => e.kind === 'split' && e.from === 'from' && e.to === from.ticketId && e.at === from.at,
      from.at,
      from.actorId
    )
  );
}

/** Undoes the split `op`: the messages are unmarked, the new ticket is closed. */
export function undoSplit(
  original: Y.Doc,
  created: Y.Doc,
  op: string,
  actor: Actor,
  now: number
): void {
  if (!splitUndoable(original, created, op)) {
    throw new MergeError('changed-since', 'Something changed on these tickets since the split.');
  }
  const a = requireTicket(original);
  const n = requireTicket(created);
  created.transact(() => {
    const undo = undoRecord(op, actor, now);
    mergeMap(created).set(recordKey(undo), undo);
    closeTicket(created, n, actor, now);
    touch(created, n, now);
    logEntry(created, { at: now, actorId: actor.id, kind: 'split', from: 'undo-from', to: a.id });
  });
  original.transact(() => {
    const undo = undoRecord(op, actor, now);
    mergeMap(original).set(recordKey(undo), undo);
    touch(original, a, now);
    logEntry(original, { at: now, actorId: actor.id, kind: 'split', from: 'undo-to', to: n.id });
  });
}
