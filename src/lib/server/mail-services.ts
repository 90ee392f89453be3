/**
 * The seam between SvelteKit's endpoints and Baton's mail channel (`server/mail`), registered
 * the same way as `services.ts` (the two are bundled apart and cannot share module instances).
 * Only plain types cross. Every call takes the signed-in identity; the implementation checks
 * membership and works in the member's own workspace.
 */
import type { Identity } from './services';

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
  /** The mailbox settings without secrets (`{ mailbox: null }` when none). */
  getMailbox(identity: Identity): Promise<MailResult>;
  putMailbox(identity: Identity, body: unknown): Promise<MailResult>;
  /** Tries IMAP and SMTP with the given (or saved) settings and explains what failed. */
  testMailbox(identity: Identity, body: unknown): Promise<MailResult>;
  /** A blob the member's workspace may read, or `null`. */
  blob(identity: Identity, hash: string): Promise<MailBlob | null>;
  /** The sanitised HTML of an email entry, or `null`. */
  entryHtml(
    identity: Identity,
    ticketId: string,
    entryId: string,
    showRemoteImages: boolean
  ): Promise<string | null>;
  startImport(identity: Identity, files: { name: string; data: Uint8Array }[]): Promise<MailResult>;
  importStatus(identity: Identity, jobId: string): Promise<MailResult>;
}

const KEY = Symbol.for('baton.mail-services');
type Registry = { [KEY]?: MailServices };

export function registerMailServices(services: MailServices): void {
  (globalThis as Registry)[KEY] = services;
}

export function getMailServices(): MailServices {
  const services = (globalThis as Registry)[KEY];
  if (!services) {
    throw new Error('Baton mail services are not registered: start Baton through server/main.ts.');
  }
  return services;
}
