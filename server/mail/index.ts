/**
 * The email channel, wired: the mail tables, sealed mailbox secrets, the ingestor, one IMAP
 * watcher per connected mailbox (a workspace may have several), the outbound queue, import jobs, and the services that the
 * SvelteKit endpoints call. `createBaton` starts it; `close` stops every connection.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readTicket } from '../../src/lib/domain/ticket.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';
import type { Accounts } from '../accounts/accounts.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { Now, TicketNumbers } from '../db/ports.ts';
import type { MailServices, MailResult } from '../../src/lib/server/mail-services.ts';
import { blobPath } from '../../src/lib/contract/endpoints.ts';
import { errorBody } from '../../src/lib/contract/errors.ts';
import type { Clock, MailConfig } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { BlobStore } from './blobs.ts';
import { importMessages, isMbox, splitMbox, type ImportProgress } from './import.ts';
import { startingProgress } from '../../src/lib/contract/mail-import.ts';
import { MailIngestor } from './ingest.ts';
import { MailboxWatcher, type WatcherStatus } from './imap-worker.ts';
import {
  MailboxId,
  MailboxInput,
  MailboxSettings,
  Mailboxes,
  newMailboxId,
  testImap,
  testSmtp,
  type Mailbox
} from './mailbox.ts';
import { MailStore } from './mail-store.ts';
import { HeldMessages } from './held.ts';
import { MAX_MESSAGE_BYTES } from './parse.ts';
import type { MailHostPolicy } from './mail-host.ts';
import { OutboundMail } from './outbound.ts';
import { replyServices } from './reply-services.ts';
import { revealRemoteImages, sanitizeMailHtml } from './parse.ts';
import { SecretBox } from './secret-box.ts';
import { MailOAuth } from './oauth.ts';
import { OAuthProviderId } from './oauth-config.ts';
import { OAuthGrants } from './oauth-store.ts';
import { z } from 'zod';

/** The member of the workspace with this address, from the accounts (profiles carry none). */
export function memberByAddress(
  accounts: Pick<Accounts, 'members'>,
  workspaceId: string,
  address: string
): Actor | null {
  const lower = address.toLowerCase();
  const member = accounts.members(workspaceId).find((m) => m.email.toLowerCase() === lower);
  return member ? { id: member.id, name: member.name } : null;
}

/** How the ingestor names an inline image in the HTML it stores (`ingest.ts`). */
const STORED_BLOB = /\/api\/blobs\/([a-f0-9]{64})/g;

export interface MailChannelDeps {
  /** Baton's database, with the mail tables migrated (`mailSchema`). */
  database: SqliteDatabase;
  /** The core's ticket numbers (mail finds `[#42]` through it). */
  ticketNumbers: Pick<Now<TicketNumbers>, 'ticketWithNumber'>;
  dataDir: string;
  docs: DocManager;
  clock: Clock;
  config: MailConfig;
  /** The member with this (lower-case) address, to credit imported replies to; optional. */
  memberByAddress?: (workspaceId: string, address: string) => Actor | null;
  log: (message: string, error?: unknown) => void;
  /** A mailbox's OAuth grant was refused by its provider: tell the workspace's admins. */
  onReconnectNeeded?: (workspaceId: string, mailbox: { id: string; address: string }) => void;
}

export class MailChannel {
  readonly store: MailStore;
  readonly blobs: BlobStore;
  /** The "could not import" list. */
  readonly held: HeldMessages;
  readonly mailboxes: Mailboxes;
  readonly ingestor: MailIngestor;
  readonly outbound: OutboundMail;
  /** Mailboxes that sign in with Microsoft 365 or Google. */
  readonly oauth: MailOAuth;
  readonly #deps: MailChannelDeps;
  /** Where mailboxes may connect: public addresses only, unless the operator allows more. */
  readonly #hosts: MailHostPolicy;
  /** By `watcherKey`: one per enabled mailbox. */
  readonly #watchers = new Map<string, MailboxWatcher>();
  readonly #status = new Map<string, WatcherStatus>();
  readonly #passListeners = new Set<(workspaceId: string, handled: number) => void>();
  readonly #passErrorListeners = new Set<(workspaceId: string, error: unknown) => void>();
  readonly #jobs = new Map<string, { workspaceId: string; progress: ImportProgress }>();

  constructor(deps: MailChannelDeps) {
    this.#deps = deps;
    this.#hosts = { allowPrivate: deps.config.allowPrivateHosts };
    const box = SecretBox.fromConfig(deps.config.secretKey);
    if (box.isDevelopmentKey) {
      deps.log(
        'BATON_SECRET_KEY is not set: mailbox passwords are encrypted with a development key that anyone can derive. Set 32 random bytes (64 hex digits) in production.'
      );
    }
    this.store = new MailStore(deps.database, deps.ticketNumbers);
    this.blobs = new BlobStore(deps.dataDir, this.store);
    this.held = new HeldMessages(deps.dataDir, this.store);
    this.mailboxes = new Mailboxes(this.store, box);
    this.oauth = new MailOAuth({
      grants: new OAuthGrants(deps.database),
      box,
      config: deps.config.oauth ?? {},
      now: () => deps.clock.now(),
      log: deps.log,
      onReconnectNeeded: (workspaceId, mailboxId) => {
        const mailbox = this.mailboxes.get(workspaceId, mailboxId);
        if (mailbox) {
          deps.onReconnectNeeded?.(workspaceId, {
            id: mailboxId,
            address: mailbox.settings.address
          });
        }
      }
    });
    this.ingestor = new MailIngestor({
      docs: deps.docs,
      store: this.store,
      blobs: this.blobs,
      held: this.held,
      clock: deps.clock,
      maxAttachmentBytes: deps.config.maxAttachmentBytes,
      maxMessageBytes: deps.config.maxMessageBytes ?? MAX_MESSAGE_BYTES,
      ...(deps.memberByAddress ? { memberByAddress: deps.memberByAddress } : {})
    });
    this.outbound = new OutboundMail({
      hosts: this.#hosts,
      blobs: this.blobs,
      docs: deps.docs,
      store: this.store,
      mailboxes: this.mailboxes,
      now: () => deps.clock.now(),
      retryBaseMs: deps.config.retryBaseMs,
      maxAttempts: deps.config.maxAttempts,
      log: deps.log,
      credential: (mailbox, force) => this.oauth.credential(mailbox.workspaceId, mailbox.id, force)
    });
  }

  start(): void {
    this.outbound.start();
    for (const mailbox of this.mailboxes.all()) this.#watch(mailbox);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#watchers.values()].map((w) => w.stop()));
    this.#watchers.clear();
    await this.outbound.stop();
  }

  /** Called after every IMAP pass (tests and the bench wait on it). */
  onPass(listener: (workspaceId: string, handled: number) => void): () => void {
    this.#passListeners.add(listener);
    return () => this.#passListeners.delete(listener);
  }

  /** Called when an IMAP pass stops on an error (it is retried). */
  onPassError(listener: (workspaceId: string, error: unknown) => void): () => void {
    this.#passErrorListeners.add(listener);
    return () => this.#passErrorListeners.delete(listener);
  }

  /** What the watcher of a mailbox (by default the workspace's primary one) is doing. */
  watcherStatus(workspaceId: string, mailboxId?: string): WatcherStatus | null {
    const id = mailboxId ?? this.mailboxes.get(workspaceId)?.id;
    return id === undefined ? null : (this.#status.get(watcherKey(workspaceId, id)) ?? null);
  }

  /** Saves a mailbox (by default the primary one) and (re)starts its watcher. */
  async configure(workspaceId: string, input: MailboxInput, mailboxId?: string): Promise<Mailbox> {
    const mailbox = this.mailboxes.put(workspaceId, input, this.#deps.clock.now(), mailboxId);
    await this.#unwatch(workspaceId, mailbox.id);
    this.#watch(mailbox);
    this.outbound.mailboxChanged(workspaceId);
    return mailbox;
  }

  /** Removes a mailbox and stops its watcher; its tickets are answered from the primary one. */
  async removeMailbox(workspaceId: string, mailboxId: string): Promise<boolean> {
    const removed = this.mailboxes.remove(workspaceId, mailboxId);
    this.oauth.forget(workspaceId, mailboxId);
    await this.#unwatch(workspaceId, mailboxId);
    this.#status.delete(watcherKey(workspaceId, mailboxId));
    this.outbound.mailboxChanged(workspaceId);
    return removed;
  }

  async #unwatch(workspaceId: string, mailboxId: string): Promise<void> {
    const key = watcherKey(workspaceId, mailboxId);
    await this.#watchers.get(key)?.stop();
    this.#watchers.delete(key);
  }

  #watch(mailbox: Mailbox): void {
    const oauth = this.oauth.has(mailbox.workspaceId, mailbox.id);
    if (!mailbox.settings.enabled || (!mailbox.imapSecret && !oauth)) return;
    const key = watcherKey(mailbox.workspaceId, mailbox.id);
    const watcher = new MailboxWatcher(mailbox, {
      hosts: this.#hosts,
      store: this.store,
      ingestor: this.ingestor,
      pollMs: this.#deps.config.pollMs,
      maxMessageBytes: this.#deps.config.maxMessageBytes ?? MAX_MESSAGE_BYTES,
      now: () => this.#deps.clock.now(),
      log: this.#deps.log,
      ownAddresses: () => this.mailboxes.addresses(mailbox.workspaceId),
      credential: (force) => this.oauth.credential(mailbox.workspaceId, mailbox.id, force),
      onStatus: (status) => this.#status.set(key, status),
      onPass: (handled) => {
        for (const listener of this.#passListeners) listener(mailbox.workspaceId, handled);
      },
      onPassError: (error) => {
        for (const listener of this.#passErrorListeners) listener(mailbox.workspaceId, error);
      }
    });
    this.#watchers.set(key, watcher);
    watcher.start();
  }

  /** Runs an import in the background; its progress is read with `importStatus`. */
  startImport(workspaceId: string, messages: Buffer[], ownAddresses: string[]): string {
    const jobId = randomBytes(12).toString('hex');
    const settings = this.mailboxes.get(workspaceId)?.settings;
    const job = {
      workspaceId,
      progress: startingProgress(messages.length)
    };
    this.#jobs.set(jobId, job);
    void importMessages(
      { docs: this.#deps.docs, ingestor: this.ingestor, now: () => this.#deps.clock.now() },
      workspaceId,
      messages,
      {
        ownAddresses: [...ownAddresses, ...this.mailboxes.addresses(workspaceId)],
        reopenDays: settings?.reopenDays ?? 14
      },
      (progress) => (job.progress = progress)
    ).catch((error: unknown) => {
      job.progress = {
        ...job.progress,
        finished: true,
        error: error instanceof Error ? error.message : String(error)
      };
    });
    return jobId;
  }

  /**
   * What the mail endpoints call. Each names its workspace, taken from the request's URL and
   * authorized by the endpoint (`src/lib/server/authorize.ts`) before it calls here.
   */
  services(): MailServices {
    const invalid = (error: z.ZodError): MailResult => ({
      status: 400,
      body: errorBody(
        'invalid-request',
        error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')
      )
    });
    return {
      listMailboxes: async (workspaceId) => ({
        status: 200,
        body: {
          mailboxes: this.mailboxes.views(workspaceId).map((view) => ({
            ...view,
            oauth: this.oauth.view(workspaceId, view.id),
            status: this.watcherStatus(workspaceId, view.id)
          })),
          oauthProviders: this.oauth.providers()
        }
      }),
      getMailbox: async (workspaceId, mailboxId) => {
        if (mailboxId !== undefined && !this.#knownMailbox(workspaceId, mailboxId)) {
          return noSuchMailbox();
        }
        return {
          status: 200,
          body: {
            mailbox: this.mailboxes.view(workspaceId, mailboxId),
            status: this.watcherStatus(workspaceId, mailboxId)
          }
        };
      },
      createMailbox: async (workspaceId, body) => {
        const parsed = MailboxInput.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const taken = this.#addressTaken(workspaceId, parsed.data.settings.address, null);
        if (taken) return taken;
        if (this.mailboxes.list(workspaceId).length >= MAX_MAILBOXES) {
          return {
            status: 409,
            body: errorBody(
              'too-many-mailboxes',
              `A workspace has at most ${MAX_MAILBOXES} mailboxes.`
            )
          };
        }
        const mailbox = await this.configure(workspaceId, parsed.data, newMailboxId());
        return { status: 201, body: { mailbox: this.mailboxes.view(workspaceId, mailbox.id) } };
      },
      putMailbox: async (workspaceId, body, mailboxId) => {
        if (mailboxId !== undefined && !this.#knownMailbox(workspaceId, mailboxId)) {
          return noSuchMailbox();
        }
        const parsed = MailboxInput.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const id = mailboxId ?? this.mailboxes.get(workspaceId)?.id ?? null;
        const taken = this.#addressTaken(workspaceId, parsed.data.settings.address, id);
        if (taken) return taken;
        const mailbox = await this.configure(workspaceId, parsed.data, id ?? undefined);
        return { status: 200, body: { mailbox: this.mailboxes.view(workspaceId, mailbox.id) } };
      },
      removeMailbox: async (workspaceId, mailboxId) => {
        if (!this.#knownMailbox(workspaceId, mailboxId)) return noSuchMailbox();
        await this.removeMailbox(workspaceId, mailboxId);
        return { status: 200, body: { removed: true } };
      },
      testMailbox: async (workspaceId, body, mailboxId) => {
        // `new`: a mailbox being added, tested with what the form holds and no saved secrets.
        const fresh = mailboxId === NEW_MAILBOX;
        if (!fresh && mailboxId !== undefined && !this.#knownMailbox(workspaceId, mailboxId)) {
          return noSuchMailbox();
        }
        const parsed = MailboxInput.partial({ settings: true }).safeParse(body ?? {});
        if (!parsed.success) return invalid(parsed.error);
        const saved = fresh ? null : this.mailboxes.get(workspaceId, mailboxId);
        const settings = parsed.data.settings ?? saved?.settings;
        if (!settings) {
          return {
            status: 400,
            body: errorBody('no-mailbox', 'Enter the mailbox settings first.')
          };
        }
        // A mailbox signed in with OAuth is tested with a current access token.
        const credential = saved
          ? await this.oauth.credential(workspaceId, saved.id)
          : { ok: true as const, token: null };
        const token = credential.ok ? credential.token : null;
        const candidate = {
          settings: MailboxSettings.parse(settings),
          imapSecret: parsed.data.imapSecret ?? token ?? saved?.imapSecret ?? null,
          smtpSecret: parsed.data.smtpSecret ?? token ?? saved?.smtpSecret ?? null
        };
        const [imap, smtp] = await Promise.all([
          testImap(candidate, this.#hosts),
          testSmtp(candidate, this.#hosts)
        ]);
        return { status: 200, body: { imap, smtp } };
      },
      startOAuth: async (workspaceId, mailboxId, memberId, body, redirectUri) => {
        if (!this.#knownMailbox(workspaceId, mailboxId)) return noSuchMailbox();
        const parsed = z.strictObject({ provider: OAuthProviderId }).safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const started = this.oauth.start(
          workspaceId,
          mailboxId,
          memberId,
          parsed.data.provider,
          redirectUri
        );
        if (!started.ok) {
          return {
            status: 409,
            body: errorBody(
              'provider-not-configured',
              'The server has no client id for this provider: the operator sets it.'
            )
          };
        }
        return { status: 200, body: { url: started.url } };
      },
      oauthStateWorkspace: async (state) => this.oauth.stateWorkspace(state),
      completeOAuth: async (workspaceId, memberId, query) => {
        const done = await this.oauth.complete(workspaceId, memberId, query);
        if (!done.ok) return { ok: false, reason: done.reason, mailboxId: done.mailboxId ?? null };
        const mailbox = this.mailboxes.get(workspaceId, done.mailboxId);
        if (mailbox) {
          // The account that signed in is the one IMAP and SMTP sign in as, with XOAUTH2.
          const { imap, smtp } = mailbox.settings;
          await this.configure(
            workspaceId,
            {
              settings: {
                ...mailbox.settings,
                imap: { ...imap, auth: 'oauth2', user: done.account },
                smtp: { ...smtp, auth: 'oauth2', user: done.account }
              }
            },
            mailbox.id
          );
        }
        return { ok: true, reason: null, mailboxId: done.mailboxId };
      },
      blob: async (workspaceId, hash) => this.blobs.get(workspaceId, hash),
      entryHtml: async (workspaceId, ticketId, entryId, showRemoteImages) => {
        const entry = this.#deps.docs.read(ticketDocName(ticketId), (doc) => {
          const ticket = readTicket(doc);
          if (!ticket || ticket.fields.workspaceId !== workspaceId) return null;
          return ticket.thread.find((e) => e.id === entryId) ?? null;
        });
        const hash = entry?.mail?.html;
        if (!hash) return null;
        const blob = this.blobs.get(workspaceId, hash);
        if (!blob) return null;
        // Sanitised when it came in; sanitised again on the way out, in case the rules improved.
        const stored = readFileSync(blob.path, 'utf8');
        const again = sanitizeMailHtml(revealRemoteImages(stored), () => null).html;
        // Stored HTML names its inline images `/api/blobs/<hash>`; they are served under the
        // workspace the email came to.
        const here = again.replace(STORED_BLOB, (_all, hash: string) =>
          blobPath(workspaceId, hash)
        );
        return showRemoteImages ? revealRemoteImages(here) : here;
      },
      startImport: async (workspaceId, files) => {
        const messages = files.flatMap((f) => {
          const data = Buffer.from(f.data);
          return isMbox(data) ? splitMbox(data) : [data];
        });
        if (messages.length === 0) {
          return { status: 400, body: errorBody('empty', 'No messages in the files.') };
        }
        const jobId = this.startImport(workspaceId, messages, []);
        return { status: 202, body: { jobId, total: messages.length } };
      },
      heldMessages: async (workspaceId) => ({
        status: 200,
        body: {
          held: this.held.list(workspaceId).map((row) => ({
            id: row.id,
            reason: row.reason,
            detail: row.detail,
            messageId: row.messageId,
            subject: row.subject,
            sender: row.sender,
            size: row.size,
            tries: row.tries,
            receivedAt: row.receivedAt,
            updatedAt: row.updatedAt
          }))
        }
      }),
      heldRaw: async (workspaceId, id) => this.held.raw(workspaceId, id),
      retryHeld: async (workspaceId, id) => {
        const settings = this.mailboxes.get(workspaceId)?.settings;
        const outcome = await this.ingestor.retryHeld(workspaceId, id, {
          mode: 'live',
          ownAddresses: this.mailboxes.addresses(workspaceId),
          reopenDays: settings?.reopenDays ?? 14,
          ...(settings ? { rules: settings.rules } : {})
        });
        if (!outcome) return { status: 404, body: errorBody('not-found', 'No such message.') };
        const ticketId =
          outcome.action === 'created' ||
          outcome.action === 'appended' ||
          outcome.action === 'duplicate' ||
          outcome.action === 'bounce'
            ? outcome.ticketId
            : null;
        return {
          status: 200,
          body: {
            outcome:
              outcome.action === 'held'
                ? 'held'
                : outcome.action === 'ignored' || ticketId === null
                  ? 'ignored'
                  : 'imported',
            ticketId,
            reason:
              outcome.action === 'held' || outcome.action === 'ignored' ? outcome.reason : null
          }
        };
      },
      ...replyServices({
        blobs: this.blobs,
        store: this.store,
        outbound: this.outbound,
        now: () => this.#deps.clock.now()
      }),
      importStatus: async (workspaceId, jobId) => {
        const job = this.#jobs.get(jobId);
        if (!job || job.workspaceId !== workspaceId) {
          return { status: 404, body: errorBody('not-found', 'No such import.') };
        }
        return { status: 200, body: { progress: job.progress } };
      }
    };
  }

  #knownMailbox(workspaceId: string, mailboxId: string): boolean {
    return (
      MailboxId.safeParse(mailboxId).success && this.mailboxes.get(workspaceId, mailboxId) !== null
    );
  }

  /** A 409 when another mailbox of the workspace already has this address. */
  #addressTaken(workspaceId: string, address: string, except: string | null): MailResult | null {
    const lower = address.toLowerCase();
    const other = this.mailboxes
      .list(workspaceId)
      .find((m) => m.id !== except && m.settings.address.toLowerCase() === lower);
    return other
      ? {
          status: 409,
          body: errorBody('address-taken', 'Another mailbox of this workspace has this address.')
        }
      : null;
  }
}

/** The mailbox id that tests a mailbox not saved yet (`…/mailboxes/new/test`). */
export const NEW_MAILBOX = 'new';

/** At most this many mailboxes per workspace (each one is a watcher and a connection). */
export const MAX_MAILBOXES = 20;

function watcherKey(workspaceId: string, mailboxId: string): string {
  return `${workspaceId}/${mailboxId}`;
}

function noSuchMailbox(): MailResult {
  return { status: 404, body: errorBody('not-found', 'No such mailbox.') };
}
