/**
 * A macro applied to many tickets (`bulk.ts` for the rest of bulk actions). Each ticket gets
 * the macro as `applyMacro` makes it (`macro.ts`): its variables rendered for that ticket, the
 * reply at the end of that ticket's reply draft, the actions through the ticket's functions.
 * The macro's internal note is not written: one applied to a single ticket goes into the note
 * editor for the agent to read and send, and notes are append-only, so a bulk note could
 * never be undone. The preview says so.
 *
 * Kept apart from `bulk.ts` because the template engine is heavy and only the macro dialog
 * needs it.
 */
import type * as Y from 'yjs';
import { applyMacro, previewMacro, type MacroChange, type MacroPeople } from './macro';
import type { MacroRecord } from './macro-record';
import { ticketParts } from './ticket';
import { changeBetween, readBulkFields, type BulkChange } from './bulk';

/** What one of the changes a macro makes would do across the selection. */
export interface BulkMacroChange {
  change: MacroChange;
  /** On how many tickets it is a change (a status the ticket already has is none). */
  tickets: number;
}

/** What applying a macro to the selected tickets would do. */
export interface BulkMacroPreview {
  /** Tickets looked at. */
  tickets: number;
  /** Tickets the macro would change (a field, a tag or the reply draft). */
  changing: number;
  /** Field and tag changes, each with its count, in the macro's order. */
  changes: BulkMacroChange[];
  /** Tickets whose reply draft gets the macro's reply. */
  replies: number;
  /** The reply rendered for the first ticket, to show. */
  sampleReply: string | null;
  /** Tickets a template does not render for (a variable the ticket lacks): left alone. */
  failing: number;
  /** The macro has a note, which a bulk action does not add. */
  skipsNote: boolean;
}

function changeKey(change: MacroChange): string {
  switch (change.kind) {
    case 'tag-added':
    case 'tag-removed':
      return `${change.kind}:${change.tag}`;
    default:
      return `${change.kind}:${String(change.to)}`;
  }
}

/** Previews `macro` on each ticket (rendered per ticket) and sums it up. */
export function previewBulkMacro(
  docs: Iterable<Y.Doc>,
  macro: MacroRecord,
  people: MacroPeople
): BulkMacroPreview {
  const counts = new Map<string, BulkMacroChange>();
  let tickets = 0;
  let changing = 0;
  let replies = 0;
  let failing = 0;
  let sampleReply: string | null = null;
  for (const doc of docs) {
    tickets++;
    const preview = previewMacro(doc, macro, people);
    if (!preview.ok) {
      failing++;
      continue;
    }
    const reply = preview.reply?.ok && preview.reply.text !== '' ? preview.reply.text : null;
    if (reply !== null) {
      replies++;
      sampleReply ??= reply;
    }
    if (reply !== null || preview.changes.length > 0) changing++;
    for (const change of preview.changes) {
      const key = changeKey(change);
      const seen = counts.get(key);
      // The assignee's and status' "from" differ per ticket: the first one stands for all.
      if (seen) seen.tickets++;
      else counts.set(key, { change, tickets: 1 });
    }
  }
  return {
    tickets,
    changing,
    changes: [...counts.values()],
    replies,
    sampleReply,
    failing,
    skipsNote: (macro.note ?? '').trim() !== ''
  };
}

/**
 * Applies `macro` to the ticket in `doc` without its note (see the file's head). Throws
 * `MacroNotApplicable`, writing nothing, when a template does not render for this ticket.
 */
export function applyBulkMacro(
  doc: Y.Doc,
  macro: MacroRecord,
  people: MacroPeople,
  now: number
): BulkChange | null {
  const before = readBulkFields(doc);
  const withoutNote: MacroRecord = { ...macro };
  delete withoutNote.note;
  const applied = applyMacro(doc, ticketParts(doc).draft, withoutNote, people, now);
  const id = String(ticketParts(doc).fields.get('id'));
  const change = changeBetween(
    id,
    before,
    readBulkFields(doc),
    applied.tagsAdded,
    applied.tagsRemoved
  );
  if (!applied.replyRange) return change;
  return {
    ...(change ?? { ticketId: id, fields: {}, tagsAdded: [], tagsRemoved: [] }),
    replyRange: applied.replyRange
  };
}
