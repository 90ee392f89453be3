/**
 * Merge and split as the UI makes them (`domain/merge.ts`): the ticket on screen is one side,
 * the other ticket's document is opened off screen (from this device, or pulled from the
 * server), both are changed, both summaries written, and the other document is kept on the
 * device so the batch sync sends it (offline too). Components call these, never Y types.
 */
import type * as Y from 'yjs';
import { ticketDocName } from '$lib/domain/doc-names';
import { emailLocaleFor } from '$lib/domain/language';
import {
  MergeError,
  mergeTickets,
  settleMerges,
  splitTicket,
  splitUndoable,
  undoMerge,
  undoSplit,
  type MergePointer
} from '$lib/domain/merge';
import { newId } from '$lib/domain/ids';
import { readTicketFields, ticketLabel } from '$lib/domain/ticket';
import { getLocale } from '$lib/i18n/runtime';
import {
  alreadyMerged,
  changedSince,
  mergeCustomerNotice,
  targetMerged,
  targetNotOnDevice
} from '$lib/i18n/messages/merge';
import { assertMayEdit } from './permissions';
import { refreshSummary, sendMessage } from './ticket-actions';
import type { WorkspaceSession } from './workspace-session.svelte';

type Session = Pick<WorkspaceSession, 'sync' | 'editContext' | 'actor' | 'now' | 'role'>;

/** Opens another ticket's document for a change; throws `not-found` when it is not here. */
async function withTicket<T>(ws: Session, ticketId: string, change: (doc: Y.Doc) => T): Promise<T> {
  const name = ticketDocName(ticketId);
  const handle = await ws.sync.openForEdit(name, (doc) => readTicketFields(doc) !== null);
  if (!handle) throw new MergeError('not-found', 'That ticket is not on this device.');
  try {
    const value = change(handle.doc);
    refreshSummary(ws.editContext, handle.doc);
    return value;
  } finally {
    handle.release();
    ws.sync.keep(name);
  }
}

/**
 * Merges the ticket on screen into `targetId`. With `tellCustomer`, a public reply on the
 * target tells the customer, in their language, through the usual reply path (queued and sent
 * by the server's outbound worker).
 */
export async function mergeInto(
  ws: Session,
  source: Y.Doc,
  targetId: string,
  options: { tellCustomer: boolean }
): Promise<string> {
  assertMayEdit(ws.role, 'change');
  return withTicket(ws, targetId, (target) => {
    const op = mergeTickets(source, target, ws.actor, ws.now());
    refreshSummary(ws.editContext, source);
    const from = readTicketFields(source);
    const to = readTicketFields(target);
    if (options.tellCustomer && from && to) {
      const locale = emailLocaleFor(to.language ?? null, getLocale());
      const body = mergeCustomerNotice(
        { source: ticketLabel(from), target: ticketLabel(to) },
        { locale }
      );
      sendMessage(ws.editContext, target, 'reply', body);
    }
    return op;
  });
}

/** Undoes the merge `op` of the ticket on screen into `targetId`. */
export async function undoMergeInto(
  ws: Session,
  source: Y.Doc,
  targetId: string,
  op: string
): Promise<void> {
  assertMayEdit(ws.role, 'change');
  await withTicket(ws, targetId, (target) => {
    undoMerge(source, target, op, ws.actor, ws.now());
    refreshSummary(ws.editContext, source);
  });
}

/** Splits the chosen messages of the ticket on screen into a new ticket; returns its id. */
export async function splitOff(
  ws: Session,
  original: Y.Doc,
  entryIds: readonly string[],
  subject: string
): Promise<{ op: string; ticketId: string }> {
  assertMayEdit(ws.role, 'change');
  const id = newId();
  const name = ticketDocName(id);
  const handle = ws.sync.pool.acquire(name, { live: false });
  try {
    await handle.whenLoaded;
    const result = splitTicket(original, handle.doc, entryIds, ws.actor, ws.now(), {
      id,
      subject
    });
    refreshSummary(ws.editContext, handle.doc);
    refreshSummary(ws.editContext, original);
    return result;
  } finally {
    handle.release();
    ws.sync.keep(name);
  }
}

/** Undoes the split `op` of the ticket on screen into `ticketId`. */
export async function undoSplitOff(
  ws: Session,
  original: Y.Doc,
  ticketId: string,
  op: string
): Promise<void> {
  assertMayEdit(ws.role, 'change');
  await withTicket(ws, ticketId, (created) => {
    if (!splitUndoable(original, created, op)) {
      throw new MergeError('changed-since', 'Something changed since the split.');
    }
    undoSplit(original, created, op, ws.actor, ws.now());
    refreshSummary(ws.editContext, original);
  });
}

/**
 * Settles what concurrent merges left on the ticket on screen (see `settleMerges`), with the
 * other tickets' merge pointers as the index knows them (for cycles of three or more).
 */
export function settleShown(
  ws: Session,
  doc: Y.Doc,
  pointers: (id: string) => MergePointer | null
): void {
  if (settleMerges(doc, ws.actor, ws.now(), pointers)) refreshSummary(ws.editContext, doc);
}

/** What to tell the member about a refused merge, split or undo; `null`: not one of those. */
export function mergeProblemText(error: unknown): string | null {
  if (!(error instanceof MergeError)) return null;
  switch (error.problem) {
    case 'not-found':
      return targetNotOnDevice();
    case 'already-merged':
      return alreadyMerged();
    case 'target-merged':
      return targetMerged();
    case 'changed-since':
    case 'not-undoable':
      return changedSince();
    default:
      return null;
  }
}
