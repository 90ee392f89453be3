/**
 * Replies out: every public reply that the server sees in a ticket of a workspace with a
 * mailbox is sent once, as ordinary mail in the customer's thread.
 *
 * Finding replies: after any change to a ticket's thread (from a client, live or from batch
 * sync after working offline) and when a ticket loads, the thread is scanned for replies that
 * have no delivery state yet. Each is put in the durable queue (`mail_outbox`, keyed by the
 * entry id: queued at most once) and marked `queued` in the ticket's `delivery` map.
 *
 * No reply is silently unsent. The browser refuses a reply that can reach nobody before it is
 * written (`src/lib/domain/reply-delivery.ts`), and this worker applies the same rule without
 * relying on it: a reply in a workspace without a connected mailbox is marked failed with the
 * reason `no-mailbox` and kept in the queue as such; when a mailbox is connected, those are
 * queued and sent (`mailboxChanged`). A reply with nobody to send to fails with `no-recipient`;
 * an agent retries it (`retry`) once the ticket has a requester. The mailbox flag the browser
 * reads (connected or not, and the address; never a secret) is written into the settings
 * document by `mailboxChanged`, on start and whenever a mailbox is saved.
 *
 * Sending: due rows are sent through the workspace's SMTP server with a Message-ID made from
 * the entry id (the same on every attempt), In-Reply-To the customer's last message,
 * References the thread's ids, and the `[#number]` tag in the subject. A temporary failure
 * (4xx, connection trouble) is retried with exponential backoff up to `maxAttempts`; a
 * permanent one (5xx) fails at once. The outcome and reason go to the `delivery` map, which
 * the thread shows. The message is recorded as `out` in `mail_messages` when queued, so the
 * customer's answer threads back to this ticket.
 */
import type * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  MAIL_SETTINGS_ROOT,
  MAILBOX_FLAG_ID,
  mailboxFlag,
  replyProblems,
  type DeliveryReasonCode,
  type MailboxFlagRecord
} from '../../src/lib/domain/reply-delivery.ts';
import type { BlobStore } from './blobs.ts';
import type { ThreadEntry, TicketFields } from '../../src/lib/domain/schema.ts';
import {
  readDelivery,
  readThread,
  readTicketFields,
  setDelivery
} from '../../src/lib/domain/ticket.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import { readMergeState } from '../../src/lib/domain/merge-records.ts';
import type { DocManager } from '../documents.ts';
import type { Mailboxes, Mailbox } from './mailbox.ts';
import { CONNECTION_ERROR_MESSAGES, smtpTransport } from './mailbox.ts';
import type { MailHostPolicy } from './mail-host.ts';
import type { Transporter } from 'nodemailer';
import type { MailStore, OutboxRow } from './mail-store.ts';
import type { Credential } from './oauth.ts';
import { emailLocaleFor } from '../../src/lib/domain/language.ts';
import { replySubject } from '../../src/lib/domain/mail-threading.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { replyFooter } from '../../src/lib/i18n/messages/email.ts';

export interface OutboundDeps {
  docs: DocManager;
  store: MailStore;
  mailboxes: Mailboxes;
  /** Where reply attachments are kept (uploaded per workspace). */
  blobs: BlobStore;
  /** Which hosts replies may be sent through (`mail-host.ts`). */
  hosts: MailHostPolicy;
  now: () => number;
  retryBaseMs: number;
  maxAttempts: number;
  log: (message: string, error?: unknown) => void;
  /**
   * The access token of a mailbox that signs in with OAuth (`oauth.ts`); `token: null` uses
   * its password. A refused grant keeps the replies waiting until the mailbox is reconnected.
   */
  credential?: (mailbox: Mailbox, force: boolean) => Promise<Credential>;
}

/** What a retry request gets: queued again, or the reason it still cannot go. */
export type RetryOutcome =
  { ok: true } | { ok: false; reason: 'not-found' | 'not-failed' | DeliveryReasonCode };

/** The Message-ID of the mail made from a reply entry: stable across attempts. */
export function replyMessageId(entryId: string, address: string): string {
  const domain = address.split('@')[1] ?? 'baton.invalid';
  return `<baton.${entryId}@${domain}>`;
}

/** Why a reply waits: its mailbox's OAuth sign-in must be renewed by an admin. */
export const RECONNECT_NEEDED = 'reconnect-needed';

export class OutboundMail {
  readonly #deps: OutboundDeps;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sending: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  readonly #offs: (() => void)[] = [];

  constructor(deps: OutboundDeps) {
    this.#deps = deps;
  }

  start(): void {
    const { docs, store } = this.#deps;
    store.requeueInFlight();
    this.#offs.push(
      docs.onChange(({ ref, doc, roots }) => {
        if (ref.kind === 'ticket' && roots.has('thread')) this.scan(ref.ticketId, doc);
      }),
      docs.onLoad(({ ref, doc }) => {
        if (ref.kind === 'ticket') this.scan(ref.ticketId, doc);
      })
    );
    for (const id of new Set(store.mailboxes().map((row) => row.workspaceId))) {
      this.mailboxChanged(id);
    }
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const off of this.#offs.splice(0)) off();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#sending?.catch(() => undefined);
  }

  /**
   * Queues the ticket's unsent replies; those that cannot go (no mailbox, nobody to send to)
   * are marked failed with the reason, and kept in the queue for a retry.
   */
  scan(ticketId: string, doc: Y.Doc): void {
    const fields = readTicketFields(doc);
    if (!fields) return;
    const delivery = readDelivery(doc);
    const thread = readThread(doc);
    const candidates = thread.filter(
      (e) => e.kind === 'reply' && !delivery.has(e.id) && this.#deps.store.outbox(e.id) === null
    );
    if (candidates.length === 0) return;
    // Sent from the mailbox the ticket came in on (else the primary one): its address names
    // the Message-ID.
    const mailbox = this.#deps.mailboxes.forTicket(fields.workspaceId, ticketId);
    const connected = mailbox?.settings.enabled === true;
    const requesterEmail = this.#requesterEmail(fields);
    const now = this.#deps.now();
    const failed = new Map<string, DeliveryReasonCode>();
    const pending: ThreadEntry[] = [];
    for (const entry of candidates) {
      const problems = replyProblems({
        mailboxConnected: connected,
        recipients: entry.recipients,
        requesterEmail,
        thread
      });
      const address = mailbox?.settings.address ?? 'nobody@baton.invalid';
      const messageId = replyMessageId(entry.id, address);
      const row = {
        entryId: entry.id,
        workspaceId: fields.workspaceId,
        ticketId,
        messageId,
        nextAttemptAt: now
      };
      if (!this.#deps.store.enqueue(row, now)) continue;
      const problem = problems[0];
      if (problem) {
        this.#deps.store.updateOutbox(
          entry.id,
          { state: 'failed', attempts: 0, nextAttemptAt: now, lastError: problem },
          now
        );
        failed.set(entry.id, problem);
        continue;
      }
      this.#recordOut(fields.workspaceId, ticketId, entry.id, messageId, now);
      pending.push(entry);
    }
    if (failed.size > 0) {
      setImmediate(() => {
        if (this.#stopped) return;
        for (const [entryId, reason] of failed) {
          const row = this.#deps.store.outbox(entryId);
          if (row?.state === 'failed') this.#writeState(row, 'failed', 0, reason);
        }
      });
    }
    if (pending.length === 0) return;
    // The queued states are written on the next turn: `scan` may run inside a load listener.
    setImmediate(() => {
      this.#deps.docs.change(ticketDocName(ticketId), (live) => {
        for (const entry of pending) {
          const row = this.#deps.store.outbox(entry.id);
          if (row?.state === 'queued' && !readDelivery(live).has(entry.id)) {
            setDelivery(live, entry.id, {
              state: 'queued',
              at: now,
              attempts: 0,
              reason: null,
              messageId: row.messageId
            });
          }
        }
      });
      this.kick();
    });
  }

  #recordOut(
    workspaceId: string,
    ticketId: string,
    entryId: string,
    messageId: string,
    now: number
  ): void {
    // Recorded as sent by us when queued, so the customer's answer threads to this ticket.
    this.#deps.store.recordMessage(
      workspaceId,
      { messageId, direction: 'out', ticketId, entryId, newTicket: false, state: 'written' },
      now
    );
  }

  /**
   * A workspace's mailbox was saved (or the server started): writes the flag members read,
   * and sends the replies that waited for a mailbox.
   */
  mailboxChanged(workspaceId: string): void {
    const mailbox = this.#deps.mailboxes.get(workspaceId);
    const connected = mailbox?.settings.enabled === true;
    const now = this.#deps.now();
    const flag: MailboxFlagRecord = {
      id: MAILBOX_FLAG_ID,
      connected,
      address: connected ? (mailbox?.settings.address ?? null) : null,
      at: now
    };
    this.#deps.docs.change(settingsDocName(workspaceId), (doc) => {
      const root = doc.getMap(MAIL_SETTINGS_ROOT);
      const before = mailboxFlag(root.get(MAILBOX_FLAG_ID));
      if (before?.connected === flag.connected && before.address === flag.address) return;
      root.set(MAILBOX_FLAG_ID, flag);
    });
    if (!connected) return;
    for (const reason of ['no-mailbox', RECONNECT_NEEDED]) {
      for (const row of this.#deps.store.failedOutbox(workspaceId, reason)) {
        this.#requeue(row, now);
      }
    }
    this.kick();
  }

  /**
   * An agent asks to send a failed reply again: queued when it can go now (a mailbox is
   * connected, the ticket has someone to send to), else the reason it still cannot.
   */
  retry(workspaceId: string, ticketId: string, entryId: string): RetryOutcome {
    const row = this.#deps.store.outbox(entryId);
    if (!row || row.workspaceId !== workspaceId || row.ticketId !== ticketId) {
      return { ok: false, reason: 'not-found' };
    }
    const shown = this.#deps.docs.read(ticketDocName(ticketId), (doc) => {
      const fields = readTicketFields(doc);
      const thread = readThread(doc);
      const entry = thread.find((e) => e.id === entryId && e.kind === 'reply');
      if (!fields || fields.workspaceId !== workspaceId || !entry) return null;
      return { fields, thread, entry, state: readDelivery(doc).get(entryId) ?? null };
    });
    if (!shown) return { ok: false, reason: 'not-found' };
    if (row.state !== 'failed' && shown.state?.state !== 'failed') {
      return { ok: false, reason: 'not-failed' };
    }
    const mailbox = this.#deps.mailboxes.forTicket(workspaceId, ticketId);
    const problem = replyProblems({
      mailboxConnected: mailbox?.settings.enabled === true,
      recipients: shown.entry.recipients,
      requesterEmail: this.#requesterEmail(shown.fields),
      thread: shown.thread
    })[0];
    if (problem) return { ok: false, reason: problem };
    this.#requeue(row, this.#deps.now());
    this.kick();
    return { ok: true };
  }

  /** Queues a failed row again under the mailbox's Message-ID, and says so in the ticket. */
  #requeue(row: OutboxRow, now: number): void {
    const mailbox = this.#deps.mailboxes.forTicket(row.workspaceId, row.ticketId);
    if (!mailbox) return;
    const messageId = replyMessageId(row.entryId, mailbox.settings.address);
    this.#deps.store.requeueOutbox(row.entryId, messageId, now);
    this.#recordOut(row.workspaceId, row.ticketId, row.entryId, messageId, now);
    this.#writeState({ ...row, messageId }, 'queued', 0, null);
  }

  /** Sends what is due now, then sleeps until the next row is due. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#sending) {
      this.#again = true;
      return;
    }
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#sending = this.#sendDue()
      .catch((error: unknown) => this.#deps.log('Sending mail failed', error))
      .finally(() => {
        this.#sending = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
          return;
        }
        const next = this.#deps.store.nextDueAt();
        if (next !== null && !this.#stopped) {
          this.#timer = setTimeout(() => this.kick(), Math.max(10, next - this.#deps.now()));
          this.#timer.unref();
        }
      });
  }

  /** Resolves when nothing is being sent right now (tests). */
  async idle(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  async #sendDue(): Promise<void> {
    const { store, now } = this.#deps;
    for (;;) {
      const due = store.due(now());
      if (due.length === 0) return;
      for (const row of due) await this.#send(row);
    }
  }

  async #send(row: OutboxRow): Promise<void> {
    const { store, docs, mailboxes, now } = this.#deps;
    const mailbox = mailboxes.forTicket(row.workspaceId, row.ticketId);
    const attempts = row.attempts + 1;
    const fail = (reason: string) => this.#finish(row, 'failed', attempts, reason);
    if (!mailbox?.settings.enabled) return fail('no-mailbox');
    const built = docs.read(ticketDocName(row.ticketId), (doc) => this.#build(doc, row, mailbox));
    if (!built) return this.#retry(row, attempts, 'The ticket could not be read.');
    if ('wait' in built) {
      // The ticket has no number yet (it is on its way): try again shortly, not an attempt.
      store.updateOutbox(
        row.entryId,
        { state: 'queued', attempts: row.attempts, nextAttemptAt: now() + 500, lastError: null },
        now()
      );
      return;
    }
    if ('error' in built) return fail(built.error);
    store.updateOutbox(
      row.entryId,
      { state: 'sending', attempts, nextAttemptAt: row.nextAttemptAt, lastError: null },
      now()
    );
    // An OAuth mailbox's token refused by the server is refreshed and tried once more at once.
    for (let force = false; ; force = true) {
      const credential = (await this.#deps.credential?.(mailbox, force)) ?? {
        ok: true,
        token: null
      };
      if (!credential.ok) {
        return credential.reason === 'reconnect-needed'
          ? this.#waitForReconnect(row)
          : this.#retry(row, attempts, 'The mailbox sign-in provider could not be reached.');
      }
      const token = credential.token;
      const opened = await smtpTransport(
        token === null ? mailbox : { ...mailbox, smtpSecret: token },
        this.#deps.hosts
      );
      if (!opened.ok) {
        const why = CONNECTION_ERROR_MESSAGES[opened.reason];
        // A refused host stays refused; a name that does not resolve may again.
        return opened.reason === 'host-not-allowed' ? fail(why) : this.#retry(row, attempts, why);
      }
      const transport = opened.client;
      try {
        await transport.sendMail(built.message);
        return this.#finish(row, 'sent', attempts, null);
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 400);
        const authRefused = (error as { code?: unknown }).code === 'EAUTH';
        if (authRefused && token !== null && !force) continue;
        if (typeof code === 'number' && code >= 500 && code < 600)
          return fail(`Refused: ${reason}`);
        return this.#retry(row, attempts, reason);
      } finally {
        transport.close();
      }
    }
  }

  /**
   * The mailbox's OAuth grant was refused: the reply waits, not counted as an attempt, and is
   * queued again when the mailbox is signed in again (`mailboxChanged`). The ticket shows it
   * queued with the reason.
   */
  #waitForReconnect(row: OutboxRow): void {
    const { store, now } = this.#deps;
    store.updateOutbox(
      row.entryId,
      {
        state: 'failed',
        attempts: row.attempts,
        nextAttemptAt: now(),
        lastError: RECONNECT_NEEDED
      },
      now()
    );
    this.#writeState(row, 'queued', row.attempts, RECONNECT_NEEDED);
  }

  #retry(row: OutboxRow, attempts: number, reason: string): void {
    const { store, now, retryBaseMs, maxAttempts } = this.#deps;
    if (attempts >= maxAttempts) {
      this.#finish(row, 'failed', attempts, `Gave up after ${attempts} attempts: ${reason}`);
      return;
    }
    const delay = retryBaseMs * 2 ** (attempts - 1);
    store.updateOutbox(
      row.entryId,
      { state: 'queued', attempts, nextAttemptAt: now() + delay, lastError: reason },
      now()
    );
    this.#writeState(row, 'queued', attempts, `Retrying: ${reason}`);
  }

  #finish(row: OutboxRow, state: 'sent' | 'failed', attempts: number, reason: string | null): void {
    const { store, now } = this.#deps;
    store.updateOutbox(
      row.entryId,
      { state, attempts, nextAttemptAt: now(), lastError: reason },
      now()
    );
    this.#writeState(row, state, attempts, reason);
  }

  #writeState(
    row: OutboxRow,
    state: 'queued' | 'sent' | 'failed',
    attempts: number,
    reason: string | null
  ): void {
    this.#deps.docs.change(ticketDocName(row.ticketId), (doc) => {
      if (!readTicketFields(doc)) return;
      setDelivery(doc, row.entryId, {
        state,
        at: this.#deps.now(),
        attempts,
        reason: reason?.slice(0, 500) ?? null,
        messageId: row.messageId
      });
    });
  }

  #build(
    doc: Y.Doc,
    row: OutboxRow,
    mailbox: Mailbox
  ): { message: Parameters<Transporter['sendMail']>[0] } | { error: string } | { wait: true } {
    const fields = readTicketFields(doc);
    if (!fields) return { error: 'The ticket is gone.' };
    if (fields.number === null) return { wait: true };
    const thread = readThread(doc);
    const index = thread.findIndex((e) => e.id === row.entryId);
    const entry = thread[index];
    if (!entry) return { error: 'The reply is not in the ticket.' };
    const before = thread.slice(0, index);
    const lastInbound = [...before].reverse().find((e) => e.kind === 'inbound' && e.mail);
    const own = new Set([
      mailbox.settings.address.toLowerCase(),
      ...this.#deps.mailboxes.addresses(row.workspaceId)
    ]);
    const recipients =
      entry.recipients ??
      this.#defaultRecipients(fields, lastInbound, own, this.#mergedRequesters(doc, fields));
    if (!recipients || recipients.to.length === 0) return { error: 'no-recipient' };
    const attachments = [];
    for (const attachment of entry.attachments ?? []) {
      const blob = attachment.blob ? this.#deps.blobs.get(row.workspaceId, attachment.blob) : null;
      if (!blob) return { error: 'attachment-missing' };
      attachments.push({ filename: attachment.name, contentType: blob.type, path: blob.path });
    }
    // The member's own signature, then the mailbox's (a team's line under every reply).
    const signature = [
      this.#deps.store.signature(row.workspaceId, entry.authorId),
      mailbox.settings.signature
    ]
      .map((s) => s?.trim() ?? '')
      .filter((s) => s !== '')
      .join('\n\n');
    const references = this.#deps.store
      .ticketMessageIds(row.workspaceId, row.ticketId)
      .filter((id) => id !== row.messageId)
      .slice(-20);
    const inReplyTo = lastInbound?.mail?.messageId ?? references[references.length - 1];
    return {
      message: {
        from: {
          name: `${entry.authorName} (${mailbox.settings.displayName})`,
          address: mailbox.settings.address
        },
        to: recipients.to,
        ...(recipients.cc.length > 0 ? { cc: recipients.cc } : {}),
        subject: replySubject(fields),
        text: withFooter(
          signature ? `${entry.body.replace(/\s+$/, '')}\n\n${signature}` : entry.body,
          fields.number,
          this.#customerLocale(fields)
        ),
        ...(attachments.length > 0 ? { attachments } : {}),
        messageId: row.messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(references.length > 0 ? { references } : {}),
        headers: { 'X-Baton-Ticket': `${fields.number}` }
      }
    };
  }

  /**
   * The language Baton's own words in a reply are in: the one an agent set on the customer,
   * else the one detected from the ticket's first message, else English.
   */
  #customerLocale(fields: TicketFields): Locale {
    const requesterId = fields.requesterId;
    const set = requesterId
      ? this.#deps.docs.read(
          indexDocName(fields.workspaceId),
          (doc) => readIndex(doc).customers.get(requesterId)?.language ?? null
        )
      : null;
    return emailLocaleFor(set ?? fields.language ?? null, 'en');
  }

  #requesterEmail(fields: TicketFields): string | null {
    const requesterId = fields.requesterId;
    if (!requesterId) return null;
    return (
      this.#deps.docs.read(
        indexDocName(fields.workspaceId),
        (doc) => readIndex(doc).customers.get(requesterId)?.email ?? null
      ) ?? null
    );
  }

  /**
   * The addresses of the requesters of tickets merged into this one (their ticket lives on
   * here, so they hear the answer), other than this ticket's own requester.
   */
  #mergedRequesters(doc: Y.Doc, fields: TicketFields): string[] {
    const ids = new Set<string>();
    for (const record of readMergeState(doc).mergedFrom) {
      if (record.requesterId && record.requesterId !== fields.requesterId) {
        ids.add(record.requesterId);
      }
    }
    if (ids.size === 0) return [];
    const emails = this.#deps.docs.read(indexDocName(fields.workspaceId), (index) => {
      const customers = readIndex(index).customers;
      return [...ids].flatMap((id) => customers.get(id)?.email ?? []);
    });
    return emails ?? [];
  }

  #defaultRecipients(
    fields: TicketFields,
    lastInbound: ThreadEntry | undefined,
    own: ReadonlySet<string>,
    merged: readonly string[]
  ): { to: string[]; cc: string[] } | null {
    const to = this.#requesterEmail(fields) ?? lastInbound?.mail?.from ?? null;
    if (!to) return null;
    // Everyone on the customer's last message stays on the thread (Reply All), and the
    // requesters of merged tickets join it, but us.
    const cc = [
      ...merged,
      ...(lastInbound?.mail?.cc ?? []),
      ...(lastInbound?.mail?.to ?? []),
      ...(lastInbound?.mail && lastInbound.mail.from !== to ? [lastInbound.mail.from] : [])
    ].filter((a, i, all) => !own.has(a.toLowerCase()) && a !== to && all.indexOf(a) === i);
    return { to: [to], cc };
  }
}

/** The reply's text and, below a signature separator, the ticket it belongs to. */
export function withFooter(body: string, number: number, locale: Locale): string {
  return `${body.replace(/\s+$/, '')}\n\n-- \n${replyFooter({ ticket: `#${number}` }, { locale })}\n`;
}
