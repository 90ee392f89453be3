/**
 * Ticket numbering: a ticket document whose `number` is still `null` gets the next number of
 * its workspace, as the system actor, through the domain's `assignNumber`.
 *
 * The number comes from SQLite (`ticketNumber`), keyed by ticket id, so asking twice gives the
 * same answer: if the process dies after allocating a number but before the ticket document
 * has it, the ticket gets that same number when it is next loaded or changed. Clients cannot
 * set numbers themselves (`applyChecked` refuses it as server-owned).
 */
import { assignNumber, onlyDraft, readTicketFields } from '../../src/lib/domain/ticket.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { DocStorage } from '../storage.ts';
import type * as Y from 'yjs';

export function startTicketNumbering(
  docs: DocManager,
  storage: DocStorage,
  clock: Clock
): () => void {
  const numberIfNeeded = (name: string, doc: Y.Doc, ticketId: string) => {
    const fields = readTicketFields(doc);
    if (!fields || fields.number !== null || fields.id !== ticketId) return;
    const number = storage.ticketNumber(fields.id, fields.workspaceId);
    docs.change(name, (live) => {
      assignNumber(live, number, SYSTEM_ACTOR, clock.now());
    });
  };
  const offChange = docs.onChange(({ name, ref, doc, roots }) => {
    // Typing in the draft cannot create a ticket; skip re-reading its fields per keystroke.
    if (ref.kind === 'ticket' && !onlyDraft(roots)) numberIfNeeded(name, doc, ref.ticketId);
  });
  const offLoad = docs.onLoad(({ name, ref, doc }) => {
    if (ref.kind === 'ticket') numberIfNeeded(name, doc, ref.ticketId);
  });
  return () => {
    offChange();
    offLoad();
  };
}
