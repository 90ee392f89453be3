/**
 * A ticket lives in its own Y.Doc (`t/<id>`), laid out as:
 *
 *   ticket    Y.Map   the fields (TicketFields), each a whole plain value
 *   customFields Y.Map the workspace's own fields: key -> value (custom-fields.ts)
 *   tags      Y.Map   tag -> true: a set, so concurrent add and remove of different tags merge
 *   thread    Y.Array ThreadEntry, append-only (inbound mail, public replies, internal notes)
 *   draft     Y.Text  the shared reply draft, co-edited live
 *   handover  Y.Text  the handover note for the next shift
 *   handoverMeta Y.Map who wrote the handover note last, when, and for whom
 *   activity  Y.Array ActivityEntry, append-only
 *   delivery  Y.Map   reply entry id -> DeliveryState (queued / sent / failed), server-owned
 *   claims    Y.Map   who took the ticket as their next one, and how races settled (next-ticket.ts)
 *   sideConversations Y.Map  internal chats with members on the ticket (side-conversation.ts)
 *   sideMessages      Y.Array their messages, append-only
 *
 * Every change goes through the functions here, inside one transaction, so that the fields,
 * `updatedAt` and the activity log move together. The first content of a ticket document is
 * created exactly once, by `createTicket`, on the replica that creates the ticket.
 */
import * as Y from 'yjs';
import { newId, newProvisionalRef } from './ids';
import {
  ActivityEntry,
  CustomFieldKey,
  CustomFieldValue,
  DeliveryState,
  HandoverMeta,
  Id,
  Tag,
  TicketFields,
  ThreadEntry,
  type Actor,
  type ActivityKind,
  type InboundMail,
  type MailAttachment,
  type ReplyRecipients,
  type ThreadEntryKind,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus
} from './schema';
import type { CustomerLanguage } from './language';
import { customerMessageEffect, isSolvedStatus } from './ticket-status';
import { pointerOf, type MergePointer } from './merge-records';

export const TICKET_ROOTS = {
  ticket: 'map',
  /** Custom field values, key → one plain value (`custom-fields.ts`). */
  customFields: 'map',
  tags: 'map',
  thread: 'array',
  draft: 'text',
  handover: 'text',
  handoverMeta: 'map',
  activity: 'array',
  delivery: 'map',
  /** Claim records of "take the next ticket" (`next-ticket.ts`), by the assignee write each made. */
  claims: 'map',
  /** Side conversations (`side-conversation.ts`): records written once, messages appended. */
  sideConversations: 'map',
  sideMessages: 'array'
} as const;

const DRAFT_ROOT: keyof typeof TICKET_ROOTS = 'draft';

/**
 * Whether a change to a ticket touched its reply draft and nothing else (`roots`: the names of
 * the roots it changed). Nothing derived from a ticket reads the draft: its summary, number,
 * reports, search entry and automations skip such a change.
 */
export function onlyDraft(roots: ReadonlySet<string>): boolean {
  return roots.size === 1 && roots.has(DRAFT_ROOT);
}

export interface TicketDoc {
  fields: Y.Map<unknown>;
  tags: Y.Map<true>;
  thread: Y.Array<ThreadEntry>;
  draft: Y.Text;
  handover: Y.Text;
  handoverMeta: Y.Map<unknown>;
  activity: Y.Array<ActivityEntry>;
  delivery: Y.Map<DeliveryState>;
}

/** A document's root types, looked up once: once typed, a root is the same object for good. */
const partsOf = new WeakMap<Y.Doc, TicketDoc>();

export function ticketParts(doc: Y.Doc): TicketDoc {
  let parts = partsOf.get(doc);
  if (!parts) {
    parts = {
      fields: doc.getMap('ticket'),
      tags: doc.getMap('tags') as Y.Map<true>,
      thread: doc.getArray('thread'),
      draft: doc.getText('draft'),
      handover: doc.getText('handover'),
      handoverMeta: doc.getMap('handoverMeta'),
      activity: doc.getArray('activity'),
      delivery: doc.getMap('delivery')
    };
    partsOf.set(doc, parts);
  }
  return parts;
}

/** A plain, validated snapshot of the whole ticket: what views render. */
export interface Ticket {
  fields: TicketFields;
  tags: string[];
  thread: ThreadEntry[];
  draft: string;
  handover: string;
  handoverMeta: HandoverMeta | null;
  /** The merge that applies to it (`merge.ts`): the ticket it lives on in; absent: none. */
  merge?: MergePointer | null;
  activity: ActivityEntry[];
  /** What became of public replies sent as email, by entry id (server-written). */
  delivery: Record<string, DeliveryState>;
  /** Custom field values, key → value (`custom-fields.ts`); absent in older snapshots. */
  customFields?: Record<string, CustomFieldValue>;
}

export interface NewTicket {
  /** The ticket id; it names the document (`t/<id>`). Made here when not given. */
  id?: string;
  workspaceId: string;
  subject: string;
  priority?: TicketPriority;
  channel?: TicketChannel;
  requesterId?: string | null;
  assigneeId?: string | null;
  tags?: string[];
  /** The first message, from the requester (inbound) or written by the agent (note). */
  firstMessage?: { kind: ThreadEntryKind; body: string; author: Actor };
  /** The language the customer writes in, when known. */
  language?: CustomerLanguage | null;
}

/**
 * What exactly went wrong, for the interface to say in the member's language (the `message`
 * is the developer's English). `reason` is the broad kind.
 */
export type TicketProblem =
  | 'not-a-ticket'
  | 'already-created'
  | 'invalid-ticket'
  | 'invalid-input'
  | 'invalid-tag'
  | 'too-many-tags'
  | 'empty-message'
  | 'invalid-handover';

export class TicketError extends Error {
  constructor(
    readonly reason: 'not-a-ticket' | 'already-created' | 'invalid-ticket' | 'invalid-input',
    message: string,
    readonly problem: TicketProblem = reason,
    /** The value the problem is about (a refused tag), for the interface's sentence. */
    readonly value?: string
  ) {
    super(message);
    this.name = 'TicketError';
  }
}

/** A ticket document's workspace id as stored, unparsed (the write guards), or `null`. */
export function ticketWorkspace(doc: Y.Doc): string | null {
  const workspace: unknown = doc.getMap('ticket').get('workspaceId');
  return typeof workspace === 'string' ? workspace : null;
}

/** Reads the fields, or `null` when the document holds no (valid) ticket yet. */
export function readTicketFields(doc: Y.Doc): TicketFields | null {
  const fields = ticketParts(doc).fields;
  if (fields.size === 0) return null;
  const parsed = TicketFields.safeParse(fields.toJSON());
  return parsed.success ? parsed.data : null;
}

export function readTicket(doc: Y.Doc): Ticket | null {
  const fields = readTicketFields(doc);
  if (!fields) return null;
  const parts = ticketParts(doc);
  const meta = HandoverMeta.safeParse(parts.handoverMeta.toJSON());
  return {
    fields,
    tags: [...parts.tags.keys()].sort(),
    thread: readThread(doc),
    draft: parts.draft.toString(),
    handover: parts.handover.toString(),
    handoverMeta: meta.success ? meta.data : null,
    merge: pointerOf(doc),
    activity: readActivity(doc),
    delivery: Object.fromEntries(readDelivery(doc)),
    customFields: readCustomFieldValues(doc)
  };
}

/** The ticket's custom field values, key → value; entries that are no field value are skipped. */
export function readCustomFieldValues(doc: Y.Doc): Record<string, CustomFieldValue> {
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, value] of doc.getMap('customFields')) {
    if (!CustomFieldKey.safeParse(key).success) continue;
    const parsed = CustomFieldValue.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

// Entries that passed their schema once, by the value Yjs keeps: a ticket is read again on
// every change, and parsing thousands of entries each time would be wasted work.
const validThread = new WeakMap<object, ThreadEntry>();
const validActivity = new WeakMap<object, ActivityEntry>();
const warned = new WeakMap<Y.Doc, Set<string>>();

/**
 * The valid entries of an append-only array. A document may hold items no Baton wrote (before
 * the server checked the kind of each item, a client could insert text or any JSON into the
 * thread, and nobody can remove it): they are skipped, with one warning per document and part,
 * so the ticket still opens.
 */
function readEntries<T>(
  doc: Y.Doc,
  name: 'thread' | 'activity',
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  cache: WeakMap<object, T>
): T[] {
  const out: T[] = [];
  let skipped = 0;
  for (const value of doc.getArray<unknown>(name)) {
    if (typeof value !== 'object' || value === null) {
      skipped++;
      continue;
    }
    let entry = cache.get(value);
    if (entry === undefined) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        skipped++;
        continue;
      }
      entry = parsed.data;
      cache.set(value, entry);
    }
    out.push(entry);
  }
  if (skipped > 0) {
    const parts = warned.get(doc) ?? new Set<string>();
    warned.set(doc, parts);
    if (!parts.has(name)) {
      parts.add(name);
      console.warn(`[baton] skipped ${skipped} invalid ${name} item(s) in ${doc.guid}`);
    }
  }
  return out;
}

/** The thread's valid entries, in order; items that are not entries are skipped. */
export function readThread(doc: Y.Doc): ThreadEntry[] {
  return readEntries(doc, 'thread', ThreadEntry, validThread);
}

/** The activity's valid entries, in order; items that are not entries are skipped. */
export function readActivity(doc: Y.Doc): ActivityEntry[] {
  return readEntries(doc, 'activity', ActivityEntry, validActivity);
}

function requireFields(doc: Y.Doc): TicketFields {
  const fields = readTicketFields(doc);
  if (!fields) throw new TicketError('not-a-ticket', 'This document holds no ticket yet.');
  return fields;
}

/** The server refuses more tags than this on one ticket (see update-check). */
const MAX_TAGS = 50;

/** Tags are stored trimmed and lowercase, so `Billing` and `billing ` are one tag. */
function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

function validTag(tag: string): string {
  const clean = normalizeTag(tag);
  if (!Tag.safeParse(clean).success) {
    throw new TicketError(
      'invalid-input',
      `"${tag.slice(0, 50)}" is not a tag: tags have no spaces or commas and at most 40 characters.`,
      'invalid-tag',
      tag.slice(0, 50)
    );
  }
  return clean;
}

const EMPTY_MESSAGE = 'A message needs some text (at most 100,000 characters).';

function log(parts: TicketDoc, entry: ActivityEntry): void {
  parts.activity.push([entry]);
}

/**
 * Writes a new ticket into an empty document, in one transaction. Returns its fields.
 * The ticket has no number yet: the server assigns one when it first sees the ticket.
 */
export function createTicket(
  doc: Y.Doc,
  input: NewTicket,
  actor: Actor,
  now: number
): TicketFields {
  const parts = ticketParts(doc);
  if (parts.fields.size > 0 || parts.thread.length > 0) {
    throw new TicketError('already-created', 'This ticket document already has content.');
  }
  const fields: TicketFields = {
    id: input.id ?? newId(),
    workspaceId: input.workspaceId,
    number: null,
    ref: newProvisionalRef(),
    subject: input.subject.trim(),
    status: input.assigneeId ? 'open' : 'new',
    priority: input.priority ?? 'normal',
    assigneeId: input.assigneeId ?? null,
    requesterId: input.requesterId ?? null,
    channel: input.channel ?? 'web',
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    solvedAt: null,
    ...(input.language ? { language: input.language } : {})
  };
  const checked = TicketFields.safeParse(fields);
  if (!checked.success) {
    throw new TicketError(
      'invalid-input',
      checked.error.issues[0]?.message ?? 'Invalid ticket.',
      'invalid-ticket'
    );
  }
  // Everything is checked before the transaction: the server refuses a creation update with
  // a tag or a first message that breaks the schema, and the ticket would never sync.
  const tags = new Set((input.tags ?? []).map(validTag));
  if (tags.size > MAX_TAGS) {
    throw new TicketError(
      'invalid-input',
      `A ticket has at most ${MAX_TAGS} tags.`,
      'too-many-tags',
      String(MAX_TAGS)
    );
  }
  let firstEntry: ThreadEntry | null = null;
  if (input.firstMessage) {
    const { kind, body, author } = input.firstMessage;
    const entry = ThreadEntry.safeParse({
      id: newId(),
      kind,
      authorId: author.id,
      authorName: author.name,
      body,
      createdAt: now
    });
    if (!entry.success || body.trim() === '') {
      throw new TicketError('invalid-input', EMPTY_MESSAGE, 'empty-message');
    }
    firstEntry = entry.data;
  }
  doc.transact(() => {
    for (const [key, value] of Object.entries(checked.data)) parts.fields.set(key, value);
    for (const tag of tags) parts.tags.set(tag, true);
    log(parts, { at: now, actorId: actor.id, kind: 'created' });
    if (firstEntry) parts.thread.push([firstEntry]);
  });
  return checked.data;
}

type Change<K extends keyof TicketFields> = { key: K; value: TicketFields[K]; kind: ActivityKind };

function changeField<K extends keyof TicketFields>(
  doc: Y.Doc,
  change: Change<K>,
  actor: Actor,
  now: number,
  also?: (fields: TicketFields, parts: TicketDoc) => void
): boolean {
  const fields = requireFields(doc);
  const previous = fields[change.key];
  if (previous === change.value) return false;
  const parsed = TicketFields.shape[change.key].safeParse(change.value);
  if (!parsed.success) {
    throw new TicketError('invalid-input', `Invalid ${String(change.key)}.`);
  }
  const parts = ticketParts(doc);
  doc.transact(() => {
    parts.fields.set(change.key, change.value);
    parts.fields.set('updatedAt', Math.max(now, fields.updatedAt));
    also?.(fields, parts);
    log(parts, {
      at: now,
      actorId: actor.id,
      kind: change.kind,
      from: activityValue(previous),
      to: activityValue(change.value)
    });
  });
  return true;
}

function activityValue(value: unknown): string | number | null {
  if (typeof value === 'string') return value.slice(0, 300);
  if (typeof value === 'number') return value;
  return null;
}

export function setStatus(doc: Y.Doc, status: TicketStatus, actor: Actor, now: number): boolean {
  return changeField(
    doc,
    { key: 'status', value: status, kind: 'status' },
    actor,
    now,
    (_, parts) => {
      const solved = isSolvedStatus(status);
      const solvedAt = parts.fields.get('solvedAt');
      if (solved && solvedAt === null) parts.fields.set('solvedAt', now);
      if (!solved && solvedAt !== null) parts.fields.set('solvedAt', null);
      // Any status but pending ends a snooze (`snooze.ts`): a reply reopens as before.
      if (status !== 'pending' && parts.fields.get('snoozedUntil') != null) {
        parts.fields.set('snoozedUntil', null);
      }
    }
  );
}

export function setPriority(
  doc: Y.Doc,
  priority: TicketPriority,
  actor: Actor,
  now: number
): boolean {
  return changeField(doc, { key: 'priority', value: priority, kind: 'priority' }, actor, now);
}

export function setSubject(doc: Y.Doc, subject: string, actor: Actor, now: number): boolean {
  return changeField(doc, { key: 'subject', value: subject.trim(), kind: 'subject' }, actor, now);
}

export function setRequester(
  doc: Y.Doc,
  requesterId: string | null,
  actor: Actor,
  now: number
): boolean {
  return changeField(
    doc,
    { key: 'requesterId', value: requesterId, kind: 'requester' },
    actor,
    now
  );
}

/** Assigns (or unassigns, with `null`). A new ticket that gets an assignee becomes open. */
export function assign(doc: Y.Doc, assigneeId: string | null, actor: Actor, now: number): boolean {
  return changeField(
    doc,
    { key: 'assigneeId', value: assigneeId, kind: 'assignee' },
    actor,
    now,
    (fields, parts) => {
      if (assigneeId && fields.status === 'new') parts.fields.set('status', 'open');
    }
  );
}

function touch(doc: Y.Doc, parts: TicketDoc, now: number): void {
  const updatedAt = requireFields(doc).updatedAt;
  parts.fields.set('updatedAt', Math.max(now, updatedAt));
}

export function addTag(doc: Y.Doc, tag: string, actor: Actor, now: number): boolean {
  requireFields(doc);
  const clean = validTag(tag);
  const parts = ticketParts(doc);
  if (parts.tags.has(clean)) return false;
  if (parts.tags.size >= MAX_TAGS) {
    throw new TicketError(
      'invalid-input',
      `A ticket has at most ${MAX_TAGS} tags.`,
      'too-many-tags',
      String(MAX_TAGS)
    );
  }
  doc.transact(() => {
    parts.tags.set(clean, true);
    touch(doc, parts, now);
    log(parts, { at: now, actorId: actor.id, kind: 'tag-added', to: clean });
  });
  return true;
}

export function removeTag(doc: Y.Doc, tag: string, actor: Actor, now: number): boolean {
  requireFields(doc);
  const clean = normalizeTag(tag);
  const parts = ticketParts(doc);
  if (!parts.tags.has(clean)) return false;
  doc.transact(() => {
    parts.tags.delete(clean);
    touch(doc, parts, now);
    log(parts, { at: now, actorId: actor.id, kind: 'tag-removed', from: clean });
  });
  return true;
}

/** Email details of a thread entry: `mail` (server only) or a reply's `recipients`. */
export interface ThreadEntryEmail {
  /** A given id, for writers that must know it beforehand (the mail worker, idempotently). */
  id?: string;
  mail?: InboundMail;
  recipients?: ReplyRecipients;
  /** Files sent with a public reply (uploaded to the blob store first). */
  attachments?: MailAttachment[];
  /** Members an internal note mentions, by id (`mentions.ts`). */
  mentions?: string[];
}

/**
 * Appends a thread entry. A public reply records the first response time; a reply to a
 * new ticket opens it. Returns the entry.
 */
export function addThreadEntry(
  doc: Y.Doc,
  kind: ThreadEntryKind,
  body: string,
  author: Actor,
  now: number,
  email: ThreadEntryEmail = {}
): ThreadEntry {
  const fields = requireFields(doc);
  const entry: ThreadEntry = {
    id: email.id ?? newId(),
    kind,
    authorId: author.id,
    authorName: author.name,
    body,
    createdAt: now,
    ...(email.mail ? { mail: email.mail } : {}),
    ...(email.recipients ? { recipients: email.recipients } : {}),
    ...(email.attachments && email.attachments.length > 0
      ? { attachments: email.attachments }
      : {}),
    ...(email.mentions && email.mentions.length > 0 ? { mentions: email.mentions } : {})
  };
  const parsed = ThreadEntry.safeParse(entry);
  // A message made from an email may have no text of its own (an image, an attachment).
  if (!parsed.success || (body.trim() === '' && !email.mail)) {
    throw new TicketError(
      'invalid-input',
      parsed.success ? EMPTY_MESSAGE : `Invalid message: ${parsed.error.issues[0]?.message ?? ''}`,
      'empty-message'
    );
  }
  if ((email.recipients || entry.attachments) && kind !== 'reply') {
    throw new TicketError('invalid-input', 'Only a public reply has recipients or attachments.');
  }
  if (entry.mentions && kind !== 'note') {
    throw new TicketError('invalid-input', 'Only an internal note mentions members.');
  }
  const parts = ticketParts(doc);
  doc.transact(() => {
    parts.thread.push([parsed.data]);
    touch(doc, parts, now);
    if (kind === 'reply' && fields.firstResponseAt === null)
      parts.fields.set('firstResponseAt', now);
    if (kind === 'reply' && fields.status === 'new') parts.fields.set('status', 'open');
    log(parts, { at: now, actorId: author.id, kind });
    // The reopen rule (`ticket-status.ts`); a closed ticket is reopened by mail ingestion only.
    // Logged as a status change like any other: SLA clocks read the statuses from the log.
    if (kind === 'inbound' && customerMessageEffect(fields, now, null) === 'reopen') {
      parts.fields.set('status', 'open');
      parts.fields.set('solvedAt', null);
      log(parts, { at: now, actorId: author.id, kind: 'status', from: fields.status, to: 'open' });
    }
  });
  return parsed.data;
}

/**
 * Marks the handover note as written by `actor` (the text itself is co-edited in the
 * `handover` Y.Text). Logged once per call, not per keystroke.
 */
export function signHandover(
  doc: Y.Doc,
  toMemberId: string | null,
  actor: Actor,
  now: number
): void {
  requireFields(doc);
  if (!Id.nullable().safeParse(toMemberId).success) {
    throw new TicketError(
      'invalid-input',
      'Hand over to a member of the workspace, or to nobody.',
      'invalid-handover'
    );
  }
  const parts = ticketParts(doc);
  doc.transact(() => {
    parts.handoverMeta.set('updatedBy', actor.id);
    parts.handoverMeta.set('updatedAt', now);
    parts.handoverMeta.set('toMemberId', toMemberId);
    touch(doc, parts, now);
    log(parts, { at: now, actorId: actor.id, kind: 'handover', to: toMemberId });
  });
}

/** Server only: gives the ticket its workspace-unique number. */
export function assignNumber(doc: Y.Doc, number: number, actor: Actor, now: number): boolean {
  const fields = requireFields(doc);
  if (fields.number !== null) return false;
  const parts = ticketParts(doc);
  doc.transact(() => {
    parts.fields.set('number', number);
    log(parts, { at: now, actorId: actor.id, kind: 'numbered', to: number });
  });
  return true;
}

/** Server only: records what became of a public reply sent as email. */
export function setDelivery(doc: Y.Doc, entryId: string, state: DeliveryState): boolean {
  requireFields(doc);
  const parsed = DeliveryState.safeParse(state);
  if (!parsed.success || !Id.safeParse(entryId).success) {
    throw new TicketError('invalid-input', 'Invalid delivery state.');
  }
  const delivery = ticketParts(doc).delivery;
  const previous = delivery.get(entryId);
  if (
    previous &&
    previous.state === state.state &&
    previous.attempts === state.attempts &&
    previous.reason === state.reason
  ) {
    return false;
  }
  delivery.set(entryId, parsed.data);
  return true;
}

/** Delivery states by reply entry id; entries that fail the schema are left out. */
export function readDelivery(doc: Y.Doc): Map<string, DeliveryState> {
  const out = new Map<string, DeliveryState>();
  for (const [id, value] of ticketParts(doc).delivery) {
    const parsed = DeliveryState.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}

/** `#1042`, or the provisional reference while the number is on its way. */
export function ticketLabel(fields: { number: number | null; ref: string }): string {
  return fields.number === null ? fields.ref : `#${fields.number}`;
}
