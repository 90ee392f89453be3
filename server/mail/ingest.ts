/**
 * Ingestion: one raw message in, one thread entry out (or a deliberate nothing).
 *
 * Which ticket a message belongs to is the domain's `threadMessage`
 * (`src/lib/domain/mail-threading.ts`): noise and our own messages go nowhere; then
 * `In-Reply-To` and `References` against the Message-IDs Baton has seen or sent
 * (`mail_messages`), then the `[#1042]` tag in the subject, never the subject text alone; a
 * closed ticket past `reopenDays` gets a follow-up ticket instead. This file gives it the
 * lookups and carries out its decision. A customer's reply reopens a pending, solved or closed
 * ticket (the domain's reopen rule, `appendReopens`).
 *
 * A bounce attaches to the ticket of the reply that bounced, as an internal note, and marks
 * that reply failed; a report that the mail is only delayed is noted and fails nothing.
 *
 * The mailbox's rules (`MailRules`, docs/mail.md) decide which machine and list mail is heard;
 * an automatic reply (out-of-office) that answers a ticket is added to it as an internal note,
 * never as the customer's message, so it never reopens it. A message that cannot become a
 * ticket at all (no sender anywhere, too large, not a message) is held for an admin in the
 * "could not import" list (`held.ts`), never dropped.
 *
 * Each message goes record → write → mark written (see mail-store.ts), and messages of one
 * workspace are ingested one at a time, so threading sees every earlier message.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { newId } from '../../src/lib/domain/ids.ts';
import {
  CustomerSummary,
  SYSTEM_ACTOR,
  type Actor,
  type InboundMail,
  type MailAttachment
} from '../../src/lib/domain/schema.ts';
import {
  addThreadEntry,
  createTicket,
  readThread,
  readTicketFields,
  setDelivery,
  setStatus
} from '../../src/lib/domain/ticket.ts';
import { putCustomer, readIndex } from '../../src/lib/domain/workspace-index.ts';
import { pointerOf } from '../../src/lib/domain/merge-records.ts';
import {
  appendReopens,
  cleanSubject,
  isFromUs,
  threadMessage,
  type ThreadingContext,
  type ThreadingDecision,
  type ThreadingLookups
} from '../../src/lib/domain/mail-threading.ts';
import { detectLanguage } from './language.ts';
import { HeldMessages, type HeldReason } from './held.ts';
import { DEFAULT_MAIL_RULES, type MailRules } from './mailbox.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { BlobStore } from './blobs.ts';
import type { MailStore } from './mail-store.ts';
import {
  MAX_MESSAGE_BYTES,
  MailParseError,
  parseMessage,
  sanitizeMailHtml,
  type ParsedMessage
} from './parse.ts';

export type IngestOutcome =
  | { action: 'created'; ticketId: string; entryId: string }
  | { action: 'appended'; ticketId: string; entryId: string; reopened: boolean }
  | { action: 'duplicate'; ticketId: string | null }
  | { action: 'ignored'; reason: string }
  | { action: 'bounce'; ticketId: string | null; entryId: string | null }
  /** Kept in the "could not import" list for an admin (`held.ts`). */
  | { action: 'held'; heldId: string; reason: HeldReason };

export interface IngestOptions {
  /** `live`: from the mailbox; `import`: history from an export (no reopening). */
  mode: 'live' | 'import';
  /** The support addresses: mail from them is our own (agent replies, in an import). */
  ownAddresses: readonly string[];
  reopenDays: number;
  /** The mailbox's rules; the defaults when absent (an import). */
  rules?: MailRules;
  /**
   * The mailbox the message came in on (absent in an import): recorded on a new ticket, whose
   * replies then go out from it, and its default tags put on that ticket.
   */
  mailbox?: { id: string; defaultTags: readonly string[] };
}

export interface IngestorDeps {
  docs: DocManager;
  store: MailStore;
  blobs: BlobStore;
  held: HeldMessages;
  clock: Clock;
  maxAttachmentBytes: number;
  /** A message over this is held, not parsed (default `MAX_MESSAGE_BYTES`). */
  maxMessageBytes?: number;
  /**
   * The member of the workspace with this (lower-case) address, for mail we sent ourselves
   * (an import). Member profiles in the index carry no addresses; accounts know them.
   */
  memberByAddress?: (workspaceId: string, address: string) => Actor | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class MailIngestor {
  readonly #deps: IngestorDeps;
  /** Per workspace: the tail of the chain of ingestions, so they run one at a time. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(deps: IngestorDeps) {
    this.#deps = deps;
  }

  ingest(workspaceId: string, raw: Buffer, options: IngestOptions): Promise<IngestOutcome> {
    const previous = this.#queues.get(workspaceId) ?? Promise.resolve();
    const next = previous.then(
      () => this.#ingest(workspaceId, raw, options),
      () => this.#ingest(workspaceId, raw, options)
    );
    const tail = next.catch(() => undefined);
    this.#queues.set(workspaceId, tail);
    void tail.then(() => {
      if (this.#queues.get(workspaceId) === tail) this.#queues.delete(workspaceId);
    });
    return next;
  }

  /**
   * Keeps a message in the "could not import" list (the IMAP watcher's last resort for one
   * that keeps failing). Throws when it could not be kept.
   */
  hold(workspaceId: string, raw: Buffer, reason: HeldReason, detail: string): IngestOutcome {
    const row = this.#deps.held.hold(workspaceId, raw, reason, detail, this.#deps.clock.now());
    return { action: 'held', heldId: row.id, reason };
  }

  /**
   * Tries a held message again (an admin's retry): through the same queue and rules as the
   * mailbox's own mail. Taken off the list once it went anywhere but back to the list.
   */
  async retryHeld(
    workspaceId: string,
    heldId: string,
    options: IngestOptions
  ): Promise<IngestOutcome | null> {
    const { held } = this.#deps;
    const raw = held.raw(workspaceId, heldId);
    if (!raw) return null;
    let outcome: IngestOutcome;
    try {
      outcome = await this.ingest(workspaceId, raw, options);
    } catch (error) {
      return this.hold(
        workspaceId,
        raw,
        'failed',
        error instanceof Error ? error.message : String(error)
      );
    }
    if (outcome.action !== 'held') held.release(workspaceId, heldId);
    return outcome;
  }

  async #ingest(workspaceId: string, raw: Buffer, options: IngestOptions): Promise<IngestOutcome> {
    const { store, clock } = this.#deps;
    const rules = options.rules ?? DEFAULT_MAIL_RULES;
    let parsed: ParsedMessage;
    try {
      parsed = await parseMessage(raw, {
        replyTo: rules.replyTo,
        ownAddresses: options.ownAddresses,
        maxBytes: this.#deps.maxMessageBytes ?? MAX_MESSAGE_BYTES
      });
    } catch (error) {
      if (!(error instanceof MailParseError)) throw error;
      // Nothing at all is nothing to keep; anything else is kept for a person to see.
      if (error.reason === 'empty') return { action: 'ignored', reason: error.message };
      return this.hold(workspaceId, raw, error.reason, error.message);
    }
    const now = clock.now();
    const stored = store.message(workspaceId, parsed.messageId);
    // Only what was recorded as a ticket entry counts as seen: an ignored copy (a list's) is
    // decided again.
    const known = stored?.state === 'ignored' ? null : stored;
    if (known && known.state !== 'recorded') {
      return { action: 'duplicate', ticketId: known.ticketId };
    }

    if (parsed.bounce && !known) return this.#bounce(workspaceId, parsed, now);

    const own = new Set(options.ownAddresses.map((a) => a.toLowerCase()));
    const context: ThreadingContext = {
      workspaceId,
      mode: options.mode,
      ownAddresses: options.ownAddresses,
      reopenClosedWithinMs: options.reopenDays * DAY_MS,
      now
    };
    const fromUs = isFromUs(parsed.from?.address ?? null, options.ownAddresses);
    const heard = this.#heard(parsed, rules);

    // Decide where it goes (or resume a recorded decision after a crash).
    let ticketId: string;
    let entryId: string;
    let newTicket: boolean;
    let followUpOf: string | null = null;
    // An automatic reply joins a ticket as a note (see the threading rule).
    let automatic = heard.automatic && !fromUs;
    if (known) {
      ticketId = known.ticketId ?? newId();
      entryId = known.entryId ?? newId();
      newTicket = known.newTicket;
      automatic = automatic && !newTicket;
    } else {
      const decision = await threadMessage(
        { ...parsed, ...heard, from: parsed.from?.address ?? null },
        context,
        this.#lookups(workspaceId)
      );
      if (decision.action === 'ignore') return this.#ignore(workspaceId, parsed, decision, now);
      entryId = newId();
      if (decision.action === 'append') {
        ticketId = decision.ticketId;
        newTicket = false;
      } else {
        followUpOf = decision.followUpOf;
        ticketId = newId();
        newTicket = true;
      }
      store.recordMessage(
        workspaceId,
        {
          messageId: parsed.messageId,
          direction: fromUs ? 'out' : 'in',
          ticketId,
          entryId,
          newTicket,
          state: 'recorded'
        },
        now
      );
    }
    // The mailbox it came in on answers the ticket (recorded once, before the ticket exists).
    if (newTicket && options.mailbox) {
      store.setTicketMailbox(workspaceId, ticketId, options.mailbox.id);
    }

    // The people: the requester as a customer (or, in an import, an agent of ours). Without a
    // requester (the sender's address is unclear) the entry names the sender as written and the
    // ticket waits for an agent to choose whom to answer.
    const customer = fromUs || automatic ? null : this.#customer(workspaceId, parsed);
    const writtenName = (parsed.from?.name || parsed.from?.address || 'Customer').slice(0, 120);
    const author: Actor = fromUs
      ? this.#agent(workspaceId, parsed)
      : automatic
        ? { id: SYSTEM_ACTOR.id, name: writtenName }
        : { id: customer?.id ?? SYSTEM_ACTOR.id, name: customer?.name ?? writtenName };
    let requesterId: string | null = customer?.id ?? null;
    if (fromUs && newTicket) {
      // A thread we started: its first recipient is the requester.
      const first = parsed.to.find((a) => !own.has(a));
      requesterId = first ? this.#customerByAddress(workspaceId, first, '').id : null;
    }

    const mail: InboundMail = {
      ...this.#mailMeta(workspaceId, parsed, followUpOf),
      ...(automatic ? { automatic: parsed.autoReplyMarkers.slice(0, 20) } : {}),
      ...(parsed.senderDoubt ? { senderDoubt: parsed.senderDoubt } : {})
    };
    const body = parsed.text.trim() !== '' ? parsed.text : parsed.html ? '' : '(no text)';
    const when = options.mode === 'import' && parsed.date !== null ? parsed.date : now;
    // The language the customer writes in, for the emails Baton sends back to them.
    const language = newTicket && !fromUs ? await detectLanguage(body || parsed.subject) : null;
    let reopened = false;
    const written = this.#deps.docs.change(ticketDocName(ticketId), (doc) => {
      if (readThread(doc).some((e) => e.id === entryId)) return;
      if (newTicket && readTicketFields(doc) === null) {
        createTicket(
          doc,
          {
            id: ticketId,
            workspaceId,
            subject: cleanSubject(parsed.subject),
            channel: 'email',
            requesterId,
            language,
            ...(options.mailbox ? { tags: [...options.mailbox.defaultTags] } : {})
          },
          SYSTEM_ACTOR,
          when
        );
      }
      const fields = readTicketFields(doc);
      if (!fields) throw new Error(`Ticket ${ticketId} could not be created.`);
      reopened = appendReopens(
        fields,
        fromUs ? 'us' : automatic ? 'automatic' : 'customer',
        context
      );
      // `addThreadEntry` reopens a pending or solved ticket itself; a closed one only by mail.
      if (reopened && fields.status === 'closed') setStatus(doc, 'open', SYSTEM_ACTOR, when);
      const kind = fromUs ? 'reply' : automatic ? 'note' : 'inbound';
      const entry = addThreadEntry(doc, kind, body, author, when, { id: entryId, mail });
      if (fromUs) {
        // History from an import: it went out long ago, it must never be sent again.
        setDelivery(doc, entry.id, {
          state: 'sent',
          at: when,
          attempts: 0,
          reason: 'imported',
          messageId: parsed.messageId
        });
      }
    });
    if (!written && !this.#hasEntry(ticketId, entryId)) {
      throw new Error(`Ticket ${ticketId} is unavailable; the message stays recorded.`);
    }
    store.markWritten(workspaceId, parsed.messageId);
    return newTicket
      ? { action: 'created', ticketId, entryId }
      : { action: 'appended', ticketId, entryId, reopened };
  }

  #hasEntry(ticketId: string, entryId: string): boolean {
    return (
      this.#deps.docs.read(ticketDocName(ticketId), (doc) =>
        readThread(doc).some((e) => e.id === entryId)
      ) ?? false
    );
  }

  /**
   * What the mailbox's rules make of the message's kind: noise that goes nowhere, an automatic
   * reply, a list copy heard only within a thread, or a message heard like any other.
   */
  #heard(
    parsed: ParsedMessage,
    rules: MailRules
  ): { noise: string | null; automatic: boolean; onlyInThread: string | null } {
    const person = { noise: null, automatic: false, onlyInThread: null };
    switch (parsed.noise) {
      case 'auto-reply':
        return { ...person, automatic: true };
      case 'auto-generated':
        return rules.autoGenerated === 'hear' ? person : { ...person, noise: 'auto-generated' };
      case 'list': {
        const listed = parsed.lists.some((l) => rules.heardLists.includes(l));
        if (listed || rules.listMail === 'hear') return person;
        return rules.listMail === 'replies'
          ? { ...person, onlyInThread: 'list' }
          : { ...person, noise: 'list' };
      }
      case null:
        return person;
      default:
        return { ...person, noise: parsed.noise };
    }
  }

  /** What threading asks of the mail store and the ticket documents, for one workspace. */
  #lookups(workspaceId: string): ThreadingLookups {
    const { store, docs } = this.#deps;
    return {
      ticketForMessageIds: (ids) => store.ticketForMessageIds(workspaceId, ids),
      ticketByNumber: (number) => store.ticketByNumber(workspaceId, number),
      ticket: (ticketId) => {
        const name = ticketDocName(ticketId);
        // With its merge pointer: mail to a merged ticket goes on to its target.
        const fields = docs.read(name, (doc) => {
          const read = readTicketFields(doc);
          return read ? { ...read, mergedInto: pointerOf(doc) } : null;
        });
        // A ticket that exists but cannot be loaded now: the message waits and is retried.
        if (fields === null && docs.unavailableReason(name) !== null) {
          throw new Error(`Ticket ${ticketId} is unavailable; the message will be retried.`);
        }
        return fields;
      }
    };
  }

  /** Noise (in) or our own message coming back (out): recorded, never a ticket, never a loop. */
  #ignore(
    workspaceId: string,
    parsed: ParsedMessage,
    decision: Extract<ThreadingDecision, { action: 'ignore' }>,
    now: number
  ): IngestOutcome {
    this.#deps.store.recordMessage(
      workspaceId,
      {
        messageId: parsed.messageId,
        direction: decision.reason === 'own-address' ? 'out' : 'in',
        ticketId: null,
        entryId: null,
        newTicket: false,
        state: 'ignored',
        reason: decision.reason
      },
      now
    );
    return { action: 'ignored', reason: decision.reason };
  }

  #customer(workspaceId: string, parsed: ParsedMessage): { id: string; name: string } | null {
    if (!parsed.requester) return null;
    return this.#customerByAddress(workspaceId, parsed.requester.address, parsed.requester.name);
  }

  /** The customer with this address, created in the index when new. */
  #customerByAddress(
    workspaceId: string,
    address: string,
    name: string
  ): { id: string; name: string } {
    const { store, docs } = this.#deps;
    const known = store.customerId(workspaceId, address);
    const displayName = (name.trim() || address.split('@')[0] || address).slice(0, 120);
    if (known) {
      const existing = docs.read(indexDocName(workspaceId), (doc) =>
        readIndex(doc).customers.get(known)
      );
      if (existing) return { id: existing.id, name: existing.name };
    }
    // A customer already in the index with this address (added by an agent, or seeded) is
    // linked, not duplicated.
    const lower = address.toLowerCase();
    const listed = known
      ? undefined
      : docs.read(indexDocName(workspaceId), (doc) =>
          [...readIndex(doc).customers.values()].find((c) => c.email.toLowerCase() === lower)
        );
    if (listed) {
      store.putCustomer(workspaceId, address, listed.id);
      return { id: listed.id, name: listed.name };
    }
    const id = known ?? newId();
    store.putCustomer(workspaceId, address, id);
    const summary = CustomerSummary.safeParse({ id, name: displayName, email: address });
    // The index's customer schema wants a plain address; odd-but-valid ones stay out of it.
    if (summary.success) {
      docs.change(indexDocName(workspaceId), (doc) => putCustomer(doc, summary.data));
    }
    return { id, name: displayName };
  }

  /** An agent of ours, by address among the members; else the sender's name as written. */
  #agent(workspaceId: string, parsed: ParsedMessage): Actor {
    const address = parsed.from?.address ?? '';
    const member = address ? (this.#deps.memberByAddress?.(workspaceId, address) ?? null) : null;
    if (member) return member;
    return {
      id: SYSTEM_ACTOR.id,
      name: (parsed.from?.name || address.split('@')[0] || 'Support').slice(0, 120)
    };
  }

  #mailMeta(workspaceId: string, parsed: ParsedMessage, followUpOf: string | null): InboundMail {
    const { blobs, maxAttachmentBytes } = this.#deps;
    const byCid = new Map<string, string>();
    const attachments: MailAttachment[] = [];
    for (const part of parsed.attachments.slice(0, 100)) {
      if (part.size > maxAttachmentBytes || part.content.length > maxAttachmentBytes) {
        attachments.push({
          name: part.name,
          type: part.type,
          size: part.size,
          blob: null,
          inline: part.inline,
          skipped: 'too-large'
        });
        continue;
      }
      const hash = blobs.put(workspaceId, part.content, part.type);
      if (part.contentId) byCid.set(part.contentId, hash);
      attachments.push({
        name: part.name,
        type: part.type,
        size: part.content.length,
        blob: hash,
        inline: part.inline
      });
    }
    let html: string | null = null;
    let remoteImages = false;
    if (parsed.html) {
      const clean = sanitizeMailHtml(parsed.html, (cid) => {
        const hash = byCid.get(cid);
        return hash ? `/api/blobs/${hash}` : null;
      });
      remoteImages = clean.remoteImages;
      html = blobs.put(workspaceId, Buffer.from(clean.html, 'utf8'), 'text/html; charset=utf-8');
    }
    return {
      messageId: parsed.messageId,
      from: parsed.from?.address ?? '',
      fromName: parsed.from?.name ?? '',
      to: parsed.to,
      cc: parsed.cc,
      subject: parsed.subject,
      date: parsed.date,
      quoted: parsed.quoted,
      html,
      remoteImages,
      attachments,
      followUpOf,
      bounce: null
    };
  }

  /** The row of the message a bounce names: one of ours sent out first, else any with a ticket. */
  #bounced(workspaceId: string, ids: readonly string[]) {
    const rows = ids
      .slice(0, 100)
      .map((id) => this.#deps.store.message(workspaceId, id))
      .filter((row) => row?.ticketId);
    return rows.find((row) => row?.direction === 'out') ?? rows[0] ?? null;
  }

  #bounce(workspaceId: string, parsed: ParsedMessage, now: number): IngestOutcome {
    const { store, docs } = this.#deps;
    const bounce = parsed.bounce ?? { originalMessageIds: [], action: 'failed', reason: '' };
    const original = this.#bounced(workspaceId, bounce.originalMessageIds);
    const ticketId = original?.ticketId ?? null;
    const repliedEntry = original?.direction === 'out' ? original.entryId : null;
    const failed = bounce.action === 'failed';
    const entryId = newId();
    store.recordMessage(
      workspaceId,
      {
        messageId: parsed.messageId,
        direction: 'in',
        ticketId,
        entryId: ticketId ? entryId : null,
        newTicket: false,
        state: ticketId ? 'recorded' : 'ignored',
        reason: ticketId ? (failed ? 'bounce' : 'delayed') : 'bounce-unmatched'
      },
      now
    );
    if (!ticketId) return { action: 'bounce', ticketId: null, entryId: null };
    // A delay report fails nothing: the server is still trying.
    if (repliedEntry && failed) {
      const row = store.outbox(repliedEntry);
      store.updateOutbox(
        repliedEntry,
        {
          state: 'failed',
          attempts: row?.attempts ?? 1,
          nextAttemptAt: now,
          lastError: `Bounced: ${bounce.reason}`
        },
        now
      );
    }
    const mail: InboundMail = {
      ...this.#mailMeta(workspaceId, parsed, null),
      bounce: { entryId: repliedEntry, reason: bounce.reason, action: bounce.action }
    };
    docs.change(ticketDocName(ticketId), (doc: Y.Doc) => {
      if (readThread(doc).some((e) => e.id === entryId)) return;
      if (!readTicketFields(doc)) return;
      addThreadEntry(
        doc,
        'note',
        `${failed ? 'Delivery failed' : 'Delivery delayed'}: ${bounce.reason}`.slice(0, 100_000),
        SYSTEM_ACTOR,
        now,
        { id: entryId, mail }
      );
      if (repliedEntry && failed) {
        setDelivery(doc, repliedEntry, {
          state: 'failed',
          at: now,
          attempts: store.outbox(repliedEntry)?.attempts ?? 1,
          reason: `Bounced: ${bounce.reason}`.slice(0, 500),
          messageId: original?.messageId ?? null
        });
      }
    });
    store.markWritten(workspaceId, parsed.messageId);
    return { action: 'bounce', ticketId, entryId };
  }
}
