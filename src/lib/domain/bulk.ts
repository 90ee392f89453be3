/**
 * Bulk actions: one change (assign, status, priority, tags) made to many tickets at once, and
 * one undo for all of them.
 *
 * Each ticket changes through its own functions (`ticket.ts`, `custom-fields.ts`), in its own
 * document, so its activity log says what changed and the server's update check sees ordinary
 * edits; nothing here knows about documents other than the one ticket it is given. The state
 * layer (`state/bulk-actions.ts`) opens the documents, runs these a batch at a time and
 * writes the summaries.
 *
 * What a change did is kept as plain data (`BulkChange`): for each field it touched, the value
 * before and after — side effects included (assigning a new ticket also opens it, so the status
 * is recorded too) — and the tags it added and removed.
 *
 * The undo rule (`undoBulkChange`): a field goes back to its value before only while it still
 * holds the value the bulk action wrote; one that holds something else was changed since (by a
 * colleague, a rule, the customer's reply reopening it) and is left as it is, and the result
 * says so, for the member to be told "3 tickets changed since". A field already back at its
 * value before is no conflict. Tags the action added are removed and tags it removed come back;
 * a tag is a set member, so that is never a conflict. The undo is a new edit, logged and synced
 * like any other, so it works offline and merges with concurrent work.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import {
  Id,
  Tag,
  TicketPriority,
  TicketStatus,
  type Actor,
  type TicketPriority as Priority,
  type TicketStatus as Status
} from './schema';
import {
  addTag,
  assign,
  readTicketFields,
  removeTag,
  setPriority,
  setStatus,
  ticketParts,
  TicketError
} from './ticket';
import { NO_CUSTOM_FIELDS, setStatusChecked, type CustomFields } from './custom-fields';

/** At most this many tickets in one bulk action (the selection says so beyond it). */
export const MAX_BULK_TICKETS = 1000;
/** At most this many tags added or removed by one bulk action. */
export const MAX_BULK_TAGS = 20;

/** The ticket's own limit (`ticket.ts`, the update check): checked before anything is written. */
const MAX_TICKET_TAGS = 50;

const TagList = z.array(Tag).max(MAX_BULK_TAGS);

/** A bulk action as the bar asks for it; parsed at the boundary (`parseBulkAction`). */
export const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('assign'), assigneeId: Id.nullable() }),
  z.strictObject({ kind: z.literal('status'), status: TicketStatus }),
  z.strictObject({ kind: z.literal('priority'), priority: TicketPriority }),
  z
    .strictObject({ kind: z.literal('tags'), add: TagList, remove: TagList })
    .refine((a) => a.add.length + a.remove.length > 0, {
      message: 'Add or remove at least one tag.',
      path: ['add']
    })
]);
export type BulkAction = z.infer<typeof BulkAction>;

/** Why a bulk request was refused, naming the field. */
export interface BulkProblem {
  field: string;
  message: string;
}

/** Parses a bulk action; a refusal names the field that is wrong. */
export function parseBulkAction(
  value: unknown
): { ok: true; action: BulkAction } | { ok: false; problem: BulkProblem } {
  const parsed = BulkAction.safeParse(value);
  if (parsed.success) {
    const action = parsed.data;
    if (action.kind !== 'tags') return { ok: true, action };
    // Stored lowercase and trimmed, as `addTag` stores them; one tag is not both added and removed.
    const add = [...new Set(action.add.map((t) => t.toLowerCase()))];
    const remove = [...new Set(action.remove.map((t) => t.toLowerCase()))];
    const both = add.find((t) => remove.includes(t));
    if (both !== undefined) {
      return {
        ok: false,
        problem: { field: 'remove', message: `"${both}" is both added and removed.` }
      };
    }
    return { ok: true, action: { kind: 'tags', add, remove } };
  }
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : 'kind';
  return { ok: false, problem: { field, message: issue?.message ?? 'Invalid bulk action.' } };
}

/** Parses the tickets a bulk action is for: distinct ids, at least one, at most the cap. */
export function parseBulkTickets(
  value: unknown
): { ok: true; ids: string[] } | { ok: false; problem: BulkProblem } {
  const parsed = z.array(Id).min(1).max(MAX_BULK_TICKETS).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: { field: 'tickets', message: issue?.message ?? 'Invalid ticket list.' }
    };
  }
  return { ok: true, ids: [...new Set(parsed.data)] };
}

/** The fields a bulk action can change, as the ticket stores them. */
export interface BulkFields {
  status: Status;
  priority: Priority;
  assigneeId: string | null;
}
const FIELD_KEYS = ['assigneeId', 'status', 'priority'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

/** What a bulk action did to one ticket, for its undo. Plain data. */
export interface BulkChange {
  ticketId: string;
  /** Only the fields that changed, each with its value before and after. */
  fields: { [K in FieldKey]?: { before: BulkFields[K]; after: BulkFields[K] } };
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Text a macro added to the reply draft, as relative positions (they follow edits). */
  replyRange?: { start: Y.RelativePosition; end: Y.RelativePosition };
}

/** The bulk fields of the ticket in `doc`; throws when the document holds no ticket. */
export function readBulkFields(doc: Y.Doc): BulkFields {
  const fields = readTicketFields(doc);
  if (!fields) throw new Error('The document holds no ticket.');
  return { status: fields.status, priority: fields.priority, assigneeId: fields.assigneeId };
}

/**
 * The change record of an edit: fields compared before and after (side effects included), and
 * the tags it added and removed. `null` when nothing changed.
 */
export function changeBetween(
  ticketId: string,
  before: BulkFields,
  after: BulkFields,
  tagsAdded: string[],
  tagsRemoved: string[]
): BulkChange | null {
  const fields: BulkChange['fields'] = {};
  let changed = tagsAdded.length + tagsRemoved.length > 0;
  for (const key of FIELD_KEYS) {
    if (before[key] === after[key]) continue;
    changed = true;
    (fields as Record<FieldKey, unknown>)[key] = { before: before[key], after: after[key] };
  }
  return changed ? { ticketId, fields, tagsAdded, tagsRemoved } : null;
}

/**
 * Applies `action` to the ticket in `doc`, in one transaction, through the ticket's own
 * functions. Returns what changed, or `null` when the ticket already was as asked. Throws what
 * those functions throw (`RequiredFieldsError` when solving with a required field empty; a
 * tag over the ticket's limit), having written nothing of it.
 */
export function applyBulkAction(
  doc: Y.Doc,
  action: BulkAction,
  actor: Actor,
  now: number,
  definitions: CustomFields = NO_CUSTOM_FIELDS
): BulkChange | null {
  const ticket = readTicketFields(doc);
  if (!ticket) throw new Error('The document holds no ticket.');
  const before = readBulkFields(doc);
  const tagsAdded: string[] = [];
  const tagsRemoved: string[] = [];
  // Checked before the transaction: a refusal must leave nothing half-done.
  if (action.kind === 'tags') {
    const tags = ticketParts(doc).tags;
    const count = tags.size + action.add.filter((t) => !tags.has(t)).length;
    const removed = action.remove.filter((t) => tags.has(t)).length;
    if (count - removed > MAX_TICKET_TAGS) {
      throw new TicketError(
        'invalid-input',
        `A ticket has at most ${MAX_TICKET_TAGS} tags.`,
        'too-many-tags',
        String(MAX_TICKET_TAGS)
      );
    }
  }
  doc.transact(() => {
    switch (action.kind) {
      case 'assign':
        assign(doc, action.assigneeId, actor, now);
        break;
      case 'status':
        setStatusChecked(doc, action.status, definitions, actor, now);
        break;
      case 'priority':
        setPriority(doc, action.priority, actor, now);
        break;
      case 'tags':
        for (const tag of action.remove) if (removeTag(doc, tag, actor, now)) tagsRemoved.push(tag);
        for (const tag of action.add) if (addTag(doc, tag, actor, now)) tagsAdded.push(tag);
        break;
    }
  });
  return changeBetween(ticket.id, before, readBulkFields(doc), tagsAdded, tagsRemoved);
}

export interface BulkUndoResult {
  /** Something was put back. */
  undone: boolean;
  /** A field held another value than the action wrote, and was left as it is. */
  changedSince: boolean;
}

/**
 * Undoes `change` on the ticket in `doc` by the undo rule (see the file's head), in one
 * transaction. The assignee first: assigning a new ticket also opened it, and the status
 * after puts that back too.
 */
export function undoBulkChange(
  doc: Y.Doc,
  change: BulkChange,
  actor: Actor,
  now: number,
  origin?: unknown
): BulkUndoResult {
  const current = readBulkFields(doc);
  let undone = false;
  let changedSince = false;
  doc.transact(() => {
    const { assigneeId, status, priority } = change.fields;
    if (assigneeId) {
      if (current.assigneeId === assigneeId.after)
        undone = assign(doc, assigneeId.before, actor, now) || undone;
      else if (current.assigneeId !== assigneeId.before) changedSince = true;
    }
    if (status) {
      if (current.status === status.after) {
        // Unassigning leaves the status alone, so the status read first is still right.
        undone = setStatus(doc, status.before, actor, now) || undone;
      } else if (current.status !== status.before) changedSince = true;
    }
    if (priority) {
      if (current.priority === priority.after)
        undone = setPriority(doc, priority.before, actor, now) || undone;
      else if (current.priority !== priority.before) changedSince = true;
    }
    for (const tag of change.tagsAdded) undone = removeTag(doc, tag, actor, now) || undone;
    for (const tag of change.tagsRemoved) undone = addTag(doc, tag, actor, now) || undone;
    if (change.replyRange) {
      const draft = ticketParts(doc).draft;
      const start = Y.createAbsolutePositionFromRelativePosition(change.replyRange.start, doc);
      const end = Y.createAbsolutePositionFromRelativePosition(change.replyRange.end, doc);
      if (start && end && start.type === draft && end.type === draft && end.index > start.index) {
        draft.delete(start.index, end.index - start.index);
        undone = true;
      }
    }
  }, origin);
  return { undone, changedSince };
}

/** Counts for the undo's toast: how many tickets were put back, how many changed since. */
export function tallyUndo(results: Iterable<BulkUndoResult>): {
  undone: number;
  changedSince: number;
} {
  let undone = 0;
  let changedSince = 0;
  for (const r of results) {
    if (r.changedSince) changedSince++;
    else if (r.undone) undone++;
  }
  return { undone, changedSince };
}
