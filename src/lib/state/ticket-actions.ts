/**
 * Ticket edits as the UI makes them: a domain function on the ticket document, then the
 * ticket's new summary written into the workspace index right away (optimistically; the
 * server re-derives it from the ticket document and corrects it if needed). Components call
 * these, never Y types.
 */
import type * as Y from 'yjs';
import { readTicket, ticketParts, addThreadEntry } from '$lib/domain/ticket';
import { putSummary, summarize } from '$lib/domain/workspace-index';
import type { Actor, MailAttachment, ReplyRecipients } from '$lib/domain/schema';
import type { SlaSettings } from '$lib/domain/ticket-sla';
import type { RoleName } from './identity.svelte';
import type { EditKind } from '$lib/domain/roles';
import { assertMayEdit } from './permissions';

export interface EditContext {
  /** The workspace index, when it is open (it always is inside the app). */
  indexDoc: Y.Doc | null;
  actor: Actor;
  now: () => number;
  /** The member's role now: an edit it does not allow throws `NotAllowedError`, unmade. */
  role?: RoleName;
  /** The workspace's SLA policies and calendars, for the summary's due time. */
  sla?: SlaSettings | null;
}

export type TicketEdit<T> = (doc: Y.Doc, actor: Actor, now: number) => T;

/** Writes the ticket's current summary into the index (a no-op when it is unchanged). */
export function refreshSummary(ctx: EditContext, doc: Y.Doc): void {
  const ticket = readTicket(doc);
  if (ticket && ctx.indexDoc) putSummary(ctx.indexDoc, summarize(ticket, ctx.sla));
}

export function editTicket<T>(
  ctx: EditContext,
  doc: Y.Doc,
  edit: TicketEdit<T>,
  kind: EditKind = 'change'
): T {
  assertMayEdit(ctx.role, kind);
  const result = edit(doc, ctx.actor, ctx.now());
  refreshSummary(ctx, doc);
  return result;
}

/**
 * Sends the shared reply draft as a public reply and clears it; `recipients` when the agent
 * set To/CC, else the server's default (the customer and everyone on their last message);
 * `attachments` already uploaded. The composer refuses a reply that can reach nobody before
 * this is called (`reply-delivery.ts`).
 */
export function sendReply(
  ctx: EditContext,
  doc: Y.Doc,
  recipients?: ReplyRecipients,
  attachments?: MailAttachment[]
): void {
  sendMessage(ctx, doc, 'reply', ticketParts(doc).draft.toString(), recipients, attachments);
}

/**
 * Sends the composer's text: a public reply (then the shared draft is cleared, in the same
 * transaction, so co-authors never see it sent twice) or an internal note.
 */
export function sendMessage(
  ctx: EditContext,
  doc: Y.Doc,
  kind: 'reply' | 'note',
  body: string,
  recipients?: ReplyRecipients,
  attachments?: MailAttachment[]
): void {
  editTicket(
    ctx,
    doc,
    (d, actor, now) => {
      d.transact(() => {
        addThreadEntry(d, kind, body, actor, now, {
          ...(recipients ? { recipients } : {}),
          ...(attachments && attachments.length > 0 ? { attachments } : {})
        });
        if (kind === 'reply') {
          const draft = ticketParts(d).draft;
          draft.delete(0, draft.length);
        }
      });
    },
    kind === 'note' ? 'note' : 'change'
  );
}
