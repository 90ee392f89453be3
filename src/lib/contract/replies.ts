/**
 * The endpoints of public replies as email (`server/mail/outbound.ts`): a reply's attachment
 * uploaded before the reply is written, a failed reply sent again, and the member's own
 * signature under their replies. Paths and answers are written once here, for the API client
 * and the SvelteKit routes.
 */
import { z } from 'zod';
import { MailAttachment } from '$lib/domain/schema';
import { workspacePath } from './endpoints';

const seg = encodeURIComponent;

/** POST, multipart with one `file` and the upload header → `AttachmentUploaded` (201). */
export function replyAttachmentPath(workspaceId: string): string {
  return workspacePath(workspaceId, '/mail/attachments');
}

/** Whether a path is the reply attachment upload (multipart, not JSON: `$lib/server/http.ts`). */
export function isReplyAttachmentUpload(pathname: string): boolean {
  return /^\/api\/workspaces\/[^/]+\/mail\/attachments$/.test(pathname);
}

/** POST `{}` → `ReplyRetried`: sends a failed reply again. */
export function replyRetryPath(workspaceId: string, ticketId: string, entryId: string): string {
  return workspacePath(workspaceId, `/mail/replies/${seg(ticketId)}/${seg(entryId)}/retry`);
}

/** GET → `SignatureAnswer`; PUT `SignatureInput` → `SignatureAnswer` (the member's own). */
export function signaturePath(workspaceId: string): string {
  return workspacePath(workspaceId, '/mail/signature');
}

export const AttachmentUploaded = z.object({ attachment: MailAttachment });
export type AttachmentUploaded = z.infer<typeof AttachmentUploaded>;

export const ReplyRetried = z.object({ queued: z.literal(true) });

export const MAX_SIGNATURE_LENGTH = 2000;

export const SignatureInput = z.strictObject({
  signature: z.string().max(MAX_SIGNATURE_LENGTH)
});
export type SignatureInput = z.infer<typeof SignatureInput>;

export const SignatureAnswer = z.object({ signature: z.string() });
export type SignatureAnswer = z.infer<typeof SignatureAnswer>;
