/**
 * A workspace's mailbox connection: the settings (validated with zod at the HTTP boundary),
 * the secrets (sealed at rest, never sent back to a browser), clients for IMAP (imapflow) and
 * SMTP (nodemailer), and "test connection", which names what failed in words an admin can act
 * on rather than a stack trace.
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { MailStore } from './mail-store.ts';
import type { SecretBox } from './secret-box.ts';

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-zA-Z0-9.:[\]-]+$/, 'a host name or IP address');
const Port = z.number().int().min(1).max(65_535);
const Security = z.enum(['tls', 'starttls', 'none']);
const AuthKind = z.enum(['password', 'oauth2']);

export const MailboxSettings = z.strictObject({
  /** The support address: From of replies, and "us" when telling customers from agents. */
  address: z.email().max(254),
  displayName: z.string().trim().min(1).max(100).default('Support'),
  imap: z.strictObject({
    host: Host,
    port: Port,
    security: Security,
    user: z.string().min(1).max(254),
    auth: AuthKind,
    folder: z.string().min(1).max(200).default('INBOX')
  }),
  smtp: z.strictObject({
    host: Host,
    port: Port,
    security: Security,
    user: z.string().max(254),
    auth: AuthKind
  }),
  /** What happens to a processed message on the server. */
  processed: z.enum(['flag', 'move']).default('flag'),
  moveTo: z.string().min(1).max(200).default('Baton'),
  /** A reply to a ticket closed longer ago than this makes a new, linked ticket. */
  reopenDays: z.number().int().min(0).max(3650).default(14),
  enabled: z.boolean().default(true)
});
export type MailboxSettings = z.infer<typeof MailboxSettings>;

/** What an admin sends: the settings, plus secrets only when they change. */
export const MailboxInput = z.strictObject({
  settings: MailboxSettings,
  imapSecret: z.string().min(1).max(10_000).optional(),
  smtpSecret: z.string().min(1).max(10_000).optional()
});
export type MailboxInput = z.infer<typeof MailboxInput>;

export interface Mailbox {
  workspaceId: string;
  settings: MailboxSettings;
  imapSecret: string | null;
  smtpSecret: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a browser may see: never the secrets, only whether they are set. */
export interface MailboxView {
  settings: MailboxSettings;
  hasImapSecret: boolean;
  hasSmtpSecret: boolean;
  updatedAt: number;
}

export class Mailboxes {
  readonly #store: MailStore;
  readonly #box: SecretBox;

  constructor(store: MailStore, box: SecretBox) {
    this.#store = store;
    this.#box = box;
  }

  get(workspaceId: string): Mailbox | null {
    const row = this.#store.mailbox(workspaceId);
    if (!row) return null;
    let json: unknown;
    try {
      json = JSON.parse(row.settings);
    } catch {
      return null;
    }
    const settings = MailboxSettings.safeParse(json);
    if (!settings.success) return null;
    const open = (sealed: string | null, which: string) =>
      sealed === null ? null : this.#box.open(sealed, `${workspaceId}/${which}`);
    return {
      workspaceId,
      settings: settings.data,
      imapSecret: open(row.imapSecret, 'imap'),
      smtpSecret: open(row.smtpSecret, 'smtp'),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt
    };
  }

  all(): Mailbox[] {
    return this.#store
      .mailboxes()
      .map((row) => this.get(row.workspaceId))
      .filter((m): m is Mailbox => m !== null);
  }

  view(workspaceId: string): MailboxView | null {
    const row = this.#store.mailbox(workspaceId);
    const mailbox = this.get(workspaceId);
    if (!row || !mailbox) return null;
    return {
      settings: mailbox.settings,
      hasImapSecret: row.imapSecret !== null,
      hasSmtpSecret: row.smtpSecret !== null,
      updatedAt: row.updatedAt
    };
  }

  /** Saves settings; a secret left out keeps the stored one. */
  put(workspaceId: string, input: MailboxInput, now: number): Mailbox {
    const existing = this.#store.mailbox(workspaceId);
    const seal = (secret: string | undefined, which: string, kept: string | null | undefined) =>
      secret === undefined ? (kept ?? null) : this.#box.seal(secret, `${workspaceId}/${which}`);
    this.#store.putMailbox({
      workspaceId,
      settings: JSON.stringify(input.settings),
      imapSecret: seal(input.imapSecret, 'imap', existing?.imapSecret),
      smtpSecret: seal(input.smtpSecret, 'smtp', existing?.smtpSecret),
      updatedAt: now,
      createdAt: existing?.createdAt ?? now
    });
    const saved = this.get(workspaceId);
    if (!saved) throw new Error('The mailbox was not saved.');
    return saved;
  }
}

export function imapClient(mailbox: Pick<Mailbox, 'settings' | 'imapSecret'>): ImapFlow {
  const { imap } = mailbox.settings;
  const secret = mailbox.imapSecret ?? '';
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === 'tls',
    doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
    auth:
      imap.auth === 'oauth2'
        ? { user: imap.user, accessToken: secret }
        : { user: imap.user, pass: secret },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: false
  });
}

export function smtpTransport(mailbox: Pick<Mailbox, 'settings' | 'smtpSecret'>): Transporter {
  const { smtp } = mailbox.settings;
  const secret = mailbox.smtpSecret ?? '';
  const auth =
    smtp.user === ''
      ? undefined
      : smtp.auth === 'oauth2'
        ? { type: 'OAuth2' as const, user: smtp.user, accessToken: secret }
        : { user: smtp.user, pass: secret };
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(auth ? { auth } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000
  });
}

export interface ConnectionCheck {
  ok: boolean;
  /** What went wrong, in words an admin can act on. */
  message: string;
  detail?: string;
}

function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  return codeOf(e.cause);
}

function textOf(error: unknown): string {
  if (error instanceof Error) {
    const extra =
      (error as { responseText?: unknown; response?: unknown }).responseText ??
      (error as { response?: unknown }).response;
    return `${error.message}${typeof extra === 'string' ? ` (${extra})` : ''}`;
  }
  return String(error);
}

/** Turns a connection error into an explanation. */
export function explain(
  error: unknown,
  host: string,
  port: number,
  what: 'IMAP' | 'SMTP'
): ConnectionCheck {
  const code = codeOf(error);
  const text = textOf(error);
  const auth = (error as { authenticationFailed?: unknown }).authenticationFailed === true;
  let message: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS' || /ENOTFOUND/.test(text)) {
    message = `The host name ${host} does not resolve: check its spelling.`;
  } else if (code === 'ECONNREFUSED') {
    message = `Nothing accepts connections on ${host}:${port}: check the port (${what === 'IMAP' ? '993 for TLS, 143 for STARTTLS' : '465 for TLS, 587 for STARTTLS'}).`;
  } else if (
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'CONNECT_TIMEOUT' ||
    /timed? ?out/i.test(text)
  ) {
    message = `${host}:${port} did not answer in time: a firewall may block it, or the port is wrong.`;
  } else if (
    /unsupported authentication mechanism|no supported auth|AUTHENTICATIONFAILED.*mechanism/i.test(
      text
    )
  ) {
    message = `The ${what} server does not offer this sign-in method: choose password, or check that it supports OAuth2 (XOAUTH2).`;
  } else if (auth || code === 'EAUTH' || /auth/i.test(text)) {
    message = `The ${what} server refused the user name and password (or token). Check them; some providers need an app password or OAuth2.`;
  } else if (
    /certificate|self.signed|ssl|tls|wrong version number|EPROTO/i.test(`${code} ${text}`)
  ) {
    message = `The secure connection failed: check the security setting for this port (TLS on the TLS port, STARTTLS or none on the plain one), and the server's certificate.`;
  } else if (/mailbox|folder|nonexistent|doesn't exist|not exist/i.test(text)) {
    message = `The folder does not exist on the IMAP server.`;
  } else {
    message = `The ${what} connection failed.`;
  }
  return { ok: false, message, detail: `${code ? `${code}: ` : ''}${text}`.slice(0, 500) };
}

export async function testImap(
  mailbox: Pick<Mailbox, 'settings' | 'imapSecret'>
): Promise<ConnectionCheck> {
  const { imap } = mailbox.settings;
  if (!mailbox.imapSecret) {
    return { ok: false, message: 'No IMAP password or token is saved.' };
  }
  const client = imapClient(mailbox);
  client.on('error', () => undefined);
  try {
    await client.connect();
    const box = await client
      .mailboxOpen(imap.folder, { readOnly: true })
      .catch((error: unknown) => {
        throw Object.assign(new Error(`The folder "${imap.folder}" does not exist`), {
          cause: error
        });
      });
    const idle = client.capabilities.has('IDLE');
    return {
      ok: true,
      message: `Connected: ${box.exists} message(s) in ${imap.folder}; ${idle ? 'new mail arrives at once (IDLE)' : `no IDLE: checked every poll interval`}.`
    };
  } catch (error) {
    return explain(error, imap.host, imap.port, 'IMAP');
  } finally {
    await client.logout().catch(() => undefined);
    client.close();
  }
}

export async function testSmtp(
  mailbox: Pick<Mailbox, 'settings' | 'smtpSecret'>
): Promise<ConnectionCheck> {
  const { smtp } = mailbox.settings;
  const transport = smtpTransport(mailbox);
  try {
    await transport.verify();
    return { ok: true, message: `The SMTP server at ${smtp.host}:${smtp.port} accepts us.` };
  } catch (error) {
    return explain(error, smtp.host, smtp.port, 'SMTP');
  } finally {
    transport.close();
  }
}
