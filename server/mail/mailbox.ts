/**
 * A workspace's mailbox connection: the settings (validated with zod at the HTTP boundary),
 * the secrets (sealed at rest, never sent back to a browser), clients for IMAP (imapflow) and
 * SMTP (nodemailer), which connect only to addresses `mail-host.ts` allows, and "test
 * connection", which names what failed from a fixed list (never the far side's own reply).
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { MailStore } from './mail-store.ts';
import { resolveMailHost, type HostRefusal, type MailHostPolicy } from './mail-host.ts';
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

/** Why a mailbox connection failed: a fixed set of names, never the far side's own words. */
export type MailConnectionError =
  | HostRefusal
  | 'no-secret'
  | 'connection-refused'
  | 'timeout'
  | 'tls-failed'
  | 'auth-failed'
  | 'auth-method-unsupported'
  | 'folder-not-found'
  | 'connection-failed';

/**
 * What an admin reads for each failure. Fixed texts: neither the remote server's reply nor the
 * address it resolved to is ever shown, so the mailbox test tells nothing about a host beyond
 * these names.
 */
export const CONNECTION_ERROR_MESSAGES: Record<MailConnectionError, string> = {
  'host-not-allowed':
    'This host is on a private, loopback or link-local address, which Baton does not connect to.',
  'host-not-found': 'The host name does not resolve: check its spelling.',
  'no-secret': 'No password or token is saved.',
  'connection-refused':
    'Nothing accepts connections on this host and port: check the port (IMAP: 993 for TLS, 143 for STARTTLS; SMTP: 465 for TLS, 587 for STARTTLS).',
  timeout: 'The server did not answer in time: a firewall may block it, or the port is wrong.',
  'tls-failed':
    "The secure connection failed: check the security setting for this port (TLS on the TLS port, STARTTLS or none on the plain one), and the server's certificate.",
  'auth-failed':
    'The server refused the user name and password (or token). Check them; some providers need an app password or OAuth2.',
  'auth-method-unsupported':
    'The server does not offer this sign-in method: choose password, or check that it supports OAuth2 (XOAUTH2).',
  'folder-not-found': 'The folder does not exist on the IMAP server.',
  'connection-failed': 'The connection failed.'
};

export type Opened<T> = { ok: true; client: T } | { ok: false; reason: HostRefusal };

/** An IMAP client for the mailbox, connecting to its checked address (`mail-host.ts`). */
export async function imapClient(
  mailbox: Pick<Mailbox, 'settings' | 'imapSecret'>,
  hosts: MailHostPolicy
): Promise<Opened<ImapFlow>> {
  const { imap } = mailbox.settings;
  const target = await resolveMailHost(imap.host, hosts);
  if (!target.ok) return target;
  const secret = mailbox.imapSecret ?? '';
  const client = new ImapFlow({
    host: target.address,
    ...(target.servername ? { servername: target.servername } : {}),
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
  return { ok: true, client };
}

/** An SMTP transport for the mailbox, connecting to its checked address (`mail-host.ts`). */
export async function smtpTransport(
  mailbox: Pick<Mailbox, 'settings' | 'smtpSecret'>,
  hosts: MailHostPolicy
): Promise<Opened<Transporter>> {
  const { smtp } = mailbox.settings;
  const target = await resolveMailHost(smtp.host, hosts);
  if (!target.ok) return target;
  const secret = mailbox.smtpSecret ?? '';
  const auth =
    smtp.user === ''
      ? undefined
      : smtp.auth === 'oauth2'
        ? { type: 'OAuth2' as const, user: smtp.user, accessToken: secret }
        : { user: smtp.user, pass: secret };
  const client = nodemailer.createTransport({
    host: target.address,
    ...(target.servername ? { servername: target.servername } : {}),
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(auth ? { auth } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000
  });
  return { ok: true, client };
}

export type ConnectionCheck =
  { ok: true; message: string } | { ok: false; reason: MailConnectionError; message: string };

function failed(reason: MailConnectionError): ConnectionCheck {
  return { ok: false, reason, message: CONNECTION_ERROR_MESSAGES[reason] };
}

function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string') return code;
  return codeOf(Reflect.get(error, 'cause'));
}

function textOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const extra: unknown = Reflect.get(error, 'responseText') ?? Reflect.get(error, 'response');
  return `${error.message}${typeof extra === 'string' ? ` (${extra})` : ''}`;
}

/**
 * Names what a connection error means. The error's text is read to tell the cases apart, and
 * never passed on.
 */
export function explain(error: unknown): MailConnectionError {
  const code = codeOf(error);
  const text = textOf(error);
  const auth =
    typeof error === 'object' &&
    error !== null &&
    Reflect.get(error, 'authenticationFailed') === true;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS' || /ENOTFOUND/.test(text)) {
    return 'host-not-found';
  }
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'CONNECT_TIMEOUT' ||
    /timed? ?out/i.test(text)
  ) {
    return 'timeout';
  }
  if (
    /unsupported authentication mechanism|no supported auth|AUTHENTICATIONFAILED.*mechanism/i.test(
      text
    )
  ) {
    return 'auth-method-unsupported';
  }
  if (auth || code === 'EAUTH' || /auth/i.test(text)) return 'auth-failed';
  if (/certificate|self.signed|ssl|tls|wrong version number|EPROTO/i.test(`${code} ${text}`)) {
    return 'tls-failed';
  }
  if (/mailbox|folder|nonexistent|doesn't exist|not exist/i.test(text)) return 'folder-not-found';
  return 'connection-failed';
}

export async function testImap(
  mailbox: Pick<Mailbox, 'settings' | 'imapSecret'>,
  hosts: MailHostPolicy
): Promise<ConnectionCheck> {
  const { imap } = mailbox.settings;
  if (!mailbox.imapSecret) return failed('no-secret');
  const opened = await imapClient(mailbox, hosts);
  if (!opened.ok) return failed(opened.reason);
  const client = opened.client;
  client.on('error', () => undefined);
  try {
    await client.connect();
    const box = await client.mailboxOpen(imap.folder, { readOnly: true }).catch(() => null);
    if (!box) return failed('folder-not-found');
    const idle = client.capabilities.has('IDLE');
    return {
      ok: true,
      message: `Connected: ${box.exists} message(s) in ${imap.folder}; ${idle ? 'new mail arrives at once (IDLE)' : `no IDLE: checked every poll interval`}.`
    };
  } catch (error) {
    return failed(explain(error));
  } finally {
    await client.logout().catch(() => undefined);
    client.close();
  }
}

export async function testSmtp(
  mailbox: Pick<Mailbox, 'settings' | 'smtpSecret'>,
  hosts: MailHostPolicy
): Promise<ConnectionCheck> {
  const opened = await smtpTransport(mailbox, hosts);
  if (!opened.ok) return failed(opened.reason);
  const transport = opened.client;
  try {
    await transport.verify();
    return { ok: true, message: 'The SMTP server accepts us.' };
  } catch (error) {
    return failed(explain(error));
  } finally {
    transport.close();
  }
}
