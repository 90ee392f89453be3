/**
 * Whether a public reply can reach anyone, decided the same way in the browser (before the
 * reply is written, online or offline) and by the server's outbound worker (which never
 * relies on the browser having asked).
 *
 * A public reply goes out as email. It reaches someone when both hold:
 *   - the workspace has a connected mailbox. Members cannot read the mailbox (it holds
 *     secrets), so the server writes a non-secret flag into the settings document's `mail`
 *     root (`MailboxFlagRecord`); devices keep the settings document offline, so the
 *     composer knows it without a connection. No flag means no mailbox;
 *   - there is a recipient: the To the agent set, else the requester's address (every customer
 *     in the index has one), else the sender of a customer's email in the thread.
 * Each missing part is a named `ReplyProblem`; the interface says the reason and the way out
 * (add a recipient; connect a mailbox), and the worker writes the same name as the reply's
 * failed delivery reason, so a reply that slipped through (written on an old client, or before
 * this rule) is shown as not sent, never silently unsent.
 *
 * Attachments on a reply are uploaded to the blob store first (one request per file), then
 * named in the reply entry; their limits are checked here on both sides.
 */
import { z } from 'zod';
import { Timestamp, type DeliveryState, type ReplyRecipients, type ThreadEntry } from './schema';

/** The settings document's root that holds the mailbox flag (server-written). */
export const MAIL_SETTINGS_ROOT = 'mail';
export const MAILBOX_FLAG_ID = 'mailbox';

export const MailboxFlagRecord = z.strictObject({
  id: z.literal(MAILBOX_FLAG_ID),
  /** A mailbox is saved and enabled: replies are sent. */
  connected: z.boolean(),
  /** The address replies are sent from (not a secret: customers see it). */
  address: z.email().max(254).nullable(),
  at: Timestamp
});
export type MailboxFlagRecord = z.infer<typeof MailboxFlagRecord>;

export const REPLY_PROBLEMS = ['no-recipient', 'no-mailbox'] as const;
export type ReplyProblem = (typeof REPLY_PROBLEMS)[number];

/** Reasons the outbound worker writes into a failed delivery state (Baton's, not a server's). */
export const DELIVERY_REASON_CODES = [...REPLY_PROBLEMS, 'attachment-missing'] as const;
export type DeliveryReasonCode = (typeof DELIVERY_REASON_CODES)[number];

export function isDeliveryReasonCode(reason: string | null): reason is DeliveryReasonCode {
  return reason !== null && (DELIVERY_REASON_CODES as readonly string[]).includes(reason);
}

export interface ReplyContext {
  /** Whether the workspace has a connected mailbox (`readMailboxFlag`). */
  mailboxConnected: boolean;
  /** The To and CC the agent set, if any. */
  recipients?: ReplyRecipients | undefined;
  /** The requester's address from the index; `null` without a requester. */
  requesterEmail: string | null;
  /** The thread as it is: a customer's email gives an address to answer. */
  thread: readonly Pick<ThreadEntry, 'kind' | 'mail'>[];
}

/** What stops a public reply from reaching anyone; empty when it can be sent. */
export function replyProblems(ctx: ReplyContext): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  const hasRecipient =
    (ctx.recipients?.to.length ?? 0) > 0 ||
    ctx.requesterEmail !== null ||
    ctx.thread.some((e) => e.kind === 'inbound' && e.mail !== undefined && e.mail.from !== '');
  if (!hasRecipient) problems.push('no-recipient');
  if (!ctx.mailboxConnected) problems.push('no-mailbox');
  return problems;
}

/** The mailbox flag as the settings document holds it; `null` when the server wrote none. */
export function mailboxFlag(value: unknown): MailboxFlagRecord | null {
  const parsed = MailboxFlagRecord.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// Attachments ---------------------------------------------------------------------------------

/**
 * Limits for a reply's attachments. Mail servers commonly take 25 MB per message, and base64
 * makes attachments a third larger on the wire: 15 MiB of files stays under that. One file is
 * bounded by the upload request's body limit.
 */
export const REPLY_ATTACHMENT_LIMITS = {
  maxFiles: 10,
  maxFileBytes: 7 * 1024 * 1024,
  maxTotalBytes: 15 * 1024 * 1024,
  maxNameLength: 200
} as const;

export type AttachmentProblem = 'too-many' | 'too-large' | 'total-too-large' | 'empty';

/**
 * Whether `adding` may join `current` (sizes in bytes); the first problem, or `null`. The
 * browser checks before uploading and the server again on upload and on send.
 */
export function attachmentProblem(
  current: readonly { size: number }[],
  adding: { size: number }
): AttachmentProblem | null {
  if (adding.size === 0) return 'empty';
  if (adding.size > REPLY_ATTACHMENT_LIMITS.maxFileBytes) return 'too-large';
  if (current.length + 1 > REPLY_ATTACHMENT_LIMITS.maxFiles) return 'too-many';
  const total = current.reduce((sum, a) => sum + a.size, 0) + adding.size;
  if (total > REPLY_ATTACHMENT_LIMITS.maxTotalBytes) return 'total-too-large';
  return null;
}

/** A file name safe to put in a header and on a disk listing: no paths, no control characters. */
export function cleanAttachmentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'attachment').slice(0, REPLY_ATTACHMENT_LIMITS.maxNameLength);
}

// What the thread shows -----------------------------------------------------------------------

export type DeliveryView =
  | { state: 'queued' | 'sent'; reason: string | null; code: null }
  | { state: 'bounced'; reason: string; code: null }
  | { state: 'failed'; reason: string | null; code: DeliveryReasonCode | null };

/**
 * The state a reply's badge shows: the worker's state, or `bounced` when the customer's server
 * sent a delivery report about it (the bounce is an entry of the thread, written by ingestion).
 */
export function deliveryView(
  state: DeliveryState,
  entryId: string,
  thread: readonly Pick<ThreadEntry, 'mail'>[]
): DeliveryView {
  const bounce = thread.find(
    (e) => e.mail?.bounce?.entryId === entryId && e.mail.bounce.action !== 'delayed'
  )?.mail?.bounce;
  if (bounce && state.state !== 'queued') {
    return { state: 'bounced', reason: bounce.reason, code: null };
  }
  if (state.state === 'failed') {
    const code = isDeliveryReasonCode(state.reason) ? state.reason : null;
    return { state: 'failed', reason: code ? null : state.reason, code };
  }
  // A queued reply says why it is being retried (a server's words); an imported one says so.
  return { state: state.state, reason: state.reason, code: null };
}
