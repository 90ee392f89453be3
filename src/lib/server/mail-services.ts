/**
 * The seam between SvelteKit's endpoints and Baton's mail channel (`server/mail`), registered
 * the same way as `services.ts` (the two are bundled apart and cannot share module instances).
 * Only plain types cross. Every call names the workspace it acts in, taken from the request's
 * URL and authorized by the endpoint first (`authorizeWorkspace` in `authorize.ts`: members
 * for blobs and emails, `manage-mailbox` for the rest); the services trust it.
 */
import { serviceSlot } from './service-slot';

export interface MailResult {
  status: number;
  body: unknown;
}

export interface MailBlob {
  path: string;
  type: string;
  size: number;
}

export interface MailServices {
  /** The workspace's mailboxes without secrets, the primary first: `{ mailboxes }`. */
  listMailboxes(workspaceId: string): Promise<MailResult>;
  /**
   * A mailbox's settings without secrets (`{ mailbox: null }` when none); without an id, the
   * workspace's primary mailbox. An unknown id: 404.
   */
  getMailbox(workspaceId: string, mailboxId?: string): Promise<MailResult>;
  /** Adds a mailbox: 201 `{ mailbox }`, 409 `address-taken` or `too-many-mailboxes`. */
  createMailbox(workspaceId: string, body: unknown): Promise<MailResult>;
  /** Saves a mailbox (without an id, the primary one, made when there is none). */
  putMailbox(workspaceId: string, body: unknown, mailboxId?: string): Promise<MailResult>;
  removeMailbox(workspaceId: string, mailboxId: string): Promise<MailResult>;
  /**
   * Tries IMAP and SMTP with the given (or saved) settings and explains what failed; the id
   * `new` tests a mailbox being added (no saved secrets).
   */
  testMailbox(workspaceId: string, body: unknown, mailboxId?: string): Promise<MailResult>;
  /**
   * Starts signing a mailbox in with its provider (`{ provider }`): 200 `{ url }` to send the
   * browser to, 404 for an unknown mailbox, 409 `provider-not-configured`.
   */
  startOAuth(
    workspaceId: string,
    mailboxId: string,
    memberId: string,
    body: unknown,
    redirectUri: string
  ): Promise<MailResult>;
  /** The workspace a sign-in's `state` names (for the callback to authorize), or `null`. */
  oauthStateWorkspace(state: unknown): Promise<string | null>;
  /** Finishes a sign-in from the provider's redirect; `reason` names a refusal. */
  completeOAuth(
    workspaceId: string,
    memberId: string,
    query: { state: string | null; code: string | null; error: string | null }
  ): Promise<{ ok: boolean; reason: string | null; mailboxId: string | null }>;
  /** A blob that came to the workspace, or `null`. */
  blob(workspaceId: string, hash: string): Promise<MailBlob | null>;
  /**
   * The sanitised HTML of an email entry of a ticket in the workspace, or `null`. Its images
   * point to the workspace's blob endpoint (`blobPath`).
   */
  entryHtml(
    workspaceId: string,
    ticketId: string,
    entryId: string,
    showRemoteImages: boolean
  ): Promise<string | null>;
  startImport(
    workspaceId: string,
    files: { name: string; data: Uint8Array }[]
  ): Promise<MailResult>;
  importStatus(workspaceId: string, jobId: string): Promise<MailResult>;
  /** The "could not import" list: `{ held: HeldMessage[] }`. */
  heldMessages(workspaceId: string): Promise<MailResult>;
  /** The raw bytes of a held message, or `null`. */
  heldRaw(workspaceId: string, id: string): Promise<Uint8Array | null>;
  /** Tries a held message again: `HeldRetried`, or 404. */
  retryHeld(workspaceId: string, id: string): Promise<MailResult>;
  /** Stores a file for a reply: 201 `AttachmentUploaded`, or 400/413 naming the limit. */
  putReplyAttachment(
    workspaceId: string,
    file: { name: string; type: string; data: Uint8Array }
  ): Promise<MailResult>;
  /** Sends a failed reply again: `ReplyRetried`, 404, or 409 with why it still cannot go. */
  retryReply(workspaceId: string, ticketId: string, entryId: string): Promise<MailResult>;
  /** The member's signature under their replies in the workspace: `SignatureAnswer`. */
  getSignature(workspaceId: string, memberId: string): Promise<MailResult>;
  putSignature(workspaceId: string, memberId: string, body: unknown): Promise<MailResult>;
}

const slot = serviceSlot<MailServices>('mail-services', 'mail services');
export const registerMailServices = slot.register;
export const getMailServices = slot.get;
