/**
 * Side conversations: an internal chat on a ticket with any members — a colleague who is not
 * the assignee, or an expert outside the support team with the light-agent role — who read the
 * whole ticket beside it. Kept on the ticket for whoever comes next.
 *
 * Where it lives, and why there: in the ticket document itself, two roots —
 *
 *   sideConversations  Y.Map   id → SideConversation (subject, participants, who started it),
 *                              written once and never changed
 *   sideMessages       Y.Array SideMessage | SideAddition, append-only, each naming its
 *                              conversation
 *
 * People are added later by appending a `SideAddition` ("Aino added Lars") to the same log, not
 * by changing the record: a conversation's participants are the record's plus every addition's,
 * as a set. Two members who add the same person offline both append; the union holds that person
 * once, and the timeline shows the line only for the addition that came first in the log (the
 * same on every replica, Yjs' order), so they converge without a rule of their own.
 *
 * Everyone who reads the ticket reads its side conversations ("for whoever comes next"), so the
 * ticket's read rule is theirs and a document of its own would add a document kind, its
 * authorization, retention and sync for nothing a reader may not already see. What differs is
 * writing, and the write guard already tells apart who may write what inside a ticket:
 *   - owners, admins and agents start conversations and write in any of them;
 *   - a light agent writes messages only in a conversation that names them (`mayPostIn`), and
 *     still nothing else but internal notes (`note-check.ts`): never the reply or the draft;
 *   - viewers read.
 * Offline it is the ticket's copy on the device, merged like any edit; the record being written
 * once and the messages appended means two members' offline messages both land, in Yjs' order.
 * Everything is signed by its writer (`authorship.ts`); the update check validates the shapes,
 * the write-once and append-only rules, that a message's conversation exists, and the caps.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { newId } from './ids';
import { Id, Timestamp, type Actor } from './schema';
import { accessOf, type Role } from './roles';
import { MAX_MENTIONS, mentionListProblem } from './mentions';

export const SIDE_CONVERSATIONS_ROOT = 'sideConversations';
export const SIDE_MESSAGES_ROOT = 'sideMessages';
/** The roots of side conversations: an update that adds to neither leaves them as they were. */
export const SIDE_ROOTS: readonly string[] = [SIDE_CONVERSATIONS_ROOT, SIDE_MESSAGES_ROOT];

/** Per ticket: conversations and their messages (the thread's own cap is 5,000 too). */
export const SIDE_CAPS = {
  conversations: 100,
  messages: 5_000,
  participants: 20,
  /** Everyone in one conversation, the starter and those added later included. */
  members: 40
} as const;

const Name = z.string().trim().min(1).max(120);

export const SideConversation = z
  .strictObject({
    id: Id,
    subject: z.string().trim().min(1).max(200),
    /** Whom it was started with; the starter (`createdBy`) takes part too. */
    participantIds: z.array(Id).min(1).max(SIDE_CAPS.participants),
    createdBy: Id,
    createdAt: Timestamp
  })
  .refine((c) => new Set(c.participantIds).size === c.participantIds.length, {
    message: 'a participant is listed once',
    path: ['participantIds']
  });
export type SideConversation = z.infer<typeof SideConversation>;

export const SideMessage = z.strictObject({
  id: Id,
  conversationId: Id,
  authorId: Id,
  /** A display copy of the writer's name then (as for thread entries). */
  authorName: Name,
  body: z.string().trim().min(1).max(20_000),
  createdAt: Timestamp,
  mentions: z.array(Id).max(MAX_MENTIONS).optional()
});
export type SideMessage = z.infer<typeof SideMessage>;

/** Members added to a conversation after it started, by `authorId`. */
export const SideAddition = z
  .strictObject({
    id: Id,
    kind: z.literal('added'),
    conversationId: Id,
    authorId: Id,
    authorName: Name,
    memberIds: z.array(Id).min(1).max(SIDE_CAPS.participants),
    createdAt: Timestamp
  })
  .refine((a) => new Set(a.memberIds).size === a.memberIds.length, {
    message: 'a member is listed once',
    path: ['memberIds']
  });
export type SideAddition = z.infer<typeof SideAddition>;

/** A conversation's log in order: messages, and "X added Y" lines (only those added anew). */
export type SideEntry =
  { kind: 'message'; message: SideMessage } | { kind: 'added'; addition: SideAddition };

function parseEntry(value: unknown): SideEntry | null {
  const message = SideMessage.safeParse(value);
  if (message.success) return { kind: 'message', message: message.data };
  const addition = SideAddition.safeParse(value);
  return addition.success ? { kind: 'added', addition: addition.data } : null;
}

export interface SideConversationView {
  conversation: SideConversation;
  /** The starter, the participants and everyone added since, once each. */
  participants: string[];
  messages: SideMessage[];
  /** Messages and additions in the log's order; an addition lists only whom it brought in. */
  timeline: SideEntry[];
}

export type SideProblem =
  'empty-subject' | 'no-participants' | 'empty-message' | 'not-found' | 'not-allowed' | 'too-many';

export class SideConversationError extends Error {
  constructor(
    readonly problem: SideProblem,
    message: string
  ) {
    super(message);
    this.name = 'SideConversationError';
  }
}

export function sideParts(doc: Y.Doc): {
  conversations: Y.Map<unknown>;
  messages: Y.Array<unknown>;
} {
  return {
    conversations: doc.getMap(SIDE_CONVERSATIONS_ROOT),
    messages: doc.getArray(SIDE_MESSAGES_ROOT)
  };
}

export function participantsOf(conversation: SideConversation): string[] {
  return [...new Set([conversation.createdBy, ...conversation.participantIds])];
}

/** Whether a role starts side conversations: those who write whole tickets. */
export function mayStartSideConversation(role: Role | null | undefined): boolean {
  if (role === null) return false;
  const r = role ?? 'agent';
  return accessOf(r, 'ticket') === 'write' && r !== 'light-agent';
}

/**
 * Whether `memberId` with `role` writes in, and adds people to, a conversation with these
 * `participants` (everyone in it now, `SideConversationView.participants`; see the header).
 */
export function mayPostIn(
  role: Role | null | undefined,
  memberId: string,
  participants: readonly string[]
): boolean {
  if (mayStartSideConversation(role)) return true;
  return role === 'light-agent' && participants.includes(memberId);
}

export function readConversation(doc: Y.Doc, id: string): SideConversation | null {
  const parsed = SideConversation.safeParse(sideParts(doc).conversations.get(id));
  return parsed.success ? parsed.data : null;
}

/** Everyone in conversation `id` now: the record's members and all who were added since. */
export function participantsIn(doc: Y.Doc, id: string): string[] {
  const conversation = readConversation(doc, id);
  if (!conversation) return [];
  const members = new Set(participantsOf(conversation));
  for (const value of sideParts(doc).messages) {
    const addition = SideAddition.safeParse(value);
    if (addition.success && addition.data.conversationId === id) {
      for (const member of addition.data.memberIds) members.add(member);
    }
  }
  return [...members];
}

/** Every valid conversation with its valid messages, oldest conversation first. */
export function readSideConversations(doc: Y.Doc): SideConversationView[] {
  const { conversations, messages } = sideParts(doc);
  const views = new Map<string, SideConversationView>();
  for (const [id, value] of conversations) {
    const parsed = SideConversation.safeParse(value);
    if (!parsed.success || parsed.data.id !== id) continue;
    views.set(id, {
      conversation: parsed.data,
      participants: participantsOf(parsed.data),
      messages: [],
      timeline: []
    });
  }
  for (const value of messages) {
    const entry = parseEntry(value);
    if (!entry) continue;
    if (entry.kind === 'message') {
      const view = views.get(entry.message.conversationId);
      view?.messages.push(entry.message);
      view?.timeline.push(entry);
      continue;
    }
    const view = views.get(entry.addition.conversationId);
    if (!view) continue;
    const anew = entry.addition.memberIds.filter((m) => !view.participants.includes(m));
    if (anew.length === 0) continue;
    view.participants.push(...anew);
    view.timeline.push({ kind: 'added', addition: { ...entry.addition, memberIds: anew } });
  }
  return [...views.values()].sort(
    (a, b) =>
      a.conversation.createdAt - b.conversation.createdAt ||
      a.conversation.id.localeCompare(b.conversation.id)
  );
}

function message(
  conversationId: string,
  body: string,
  mentions: readonly string[],
  actor: Actor,
  now: number
): SideMessage {
  const parsed = SideMessage.safeParse({
    id: newId(),
    conversationId,
    authorId: actor.id,
    authorName: actor.name,
    body,
    createdAt: now,
    ...(mentions.length > 0 ? { mentions: [...new Set(mentions)] } : {})
  });
  if (!parsed.success) throw new SideConversationError('empty-message', 'Write a message.');
  return parsed.data;
}

/**
 * Starts a side conversation with `participantIds` and its first message, in one transaction.
 * Returns the conversation's id.
 */
export function startSideConversation(
  doc: Y.Doc,
  input: { subject: string; participantIds: readonly string[]; body: string; mentions?: string[] },
  actor: Actor,
  now: number
): string {
  const participantIds = [...new Set(input.participantIds)].filter((id) => id !== actor.id);
  if (participantIds.length === 0) {
    throw new SideConversationError('no-participants', 'Choose whom to talk with.');
  }
  const record = SideConversation.safeParse({
    id: newId(),
    subject: input.subject,
    participantIds,
    createdBy: actor.id,
    createdAt: now
  });
  if (!record.success) {
    const path = record.error.issues[0]?.path[0];
    throw path === 'subject'
      ? new SideConversationError('empty-subject', 'Give the conversation a subject.')
      : new SideConversationError('no-participants', 'Choose up to 20 members to talk with.');
  }
  const first = message(record.data.id, input.body, input.mentions ?? [], actor, now);
  const { conversations, messages } = sideParts(doc);
  doc.transact(() => {
    conversations.set(record.data.id, record.data);
    messages.push([first]);
  });
  return record.data.id;
}

/** Appends a message to a conversation on the ticket. */
export function postSideMessage(
  doc: Y.Doc,
  conversationId: string,
  body: string,
  actor: Actor,
  now: number,
  mentions: readonly string[] = []
): SideMessage {
  if (!readConversation(doc, conversationId)) {
    throw new SideConversationError('not-found', 'This conversation is not on the ticket.');
  }
  const entry = message(conversationId, body, mentions, actor, now);
  sideParts(doc).messages.push([entry]);
  return entry;
}

/**
 * Whom each side entry concerns, by the log's order (entry id → members): a message, everyone
 * in its conversation when it was written (those added later were not there yet); an addition,
 * whom it brought in (nobody for an offline duplicate). What the server's notifications tell.
 */
export function sideAudiences(doc: Y.Doc): Map<string, string[]> {
  const audiences = new Map<string, string[]>();
  for (const view of readSideConversations(doc)) {
    const present = participantsOf(view.conversation);
    for (const entry of view.timeline) {
      if (entry.kind === 'added') {
        audiences.set(entry.addition.id, entry.addition.memberIds);
        present.push(...entry.addition.memberIds);
      } else {
        audiences.set(entry.message.id, [...present]);
      }
    }
  }
  return audiences;
}

/**
 * Adds `memberIds` to an open conversation ("Aino added Lars"): those already in it are left
 * out, and nothing is written when nobody is new. Returns the addition, or `null`.
 */
export function addSideParticipants(
  doc: Y.Doc,
  conversationId: string,
  memberIds: readonly string[],
  actor: Actor,
  now: number
): SideAddition | null {
  const present = participantsIn(doc, conversationId);
  if (present.length === 0) {
    throw new SideConversationError('not-found', 'This conversation is not on the ticket.');
  }
  const anew = [...new Set(memberIds)].filter((id) => !present.includes(id));
  if (anew.length === 0) return null;
  if (present.length + anew.length > SIDE_CAPS.members) {
    throw new SideConversationError(
      'too-many',
      `A side conversation holds at most ${SIDE_CAPS.members} members.`
    );
  }
  const parsed = SideAddition.safeParse({
    id: newId(),
    kind: 'added',
    conversationId,
    authorId: actor.id,
    authorName: actor.name,
    memberIds: anew,
    createdAt: now
  });
  if (!parsed.success) {
    throw new SideConversationError('too-many', 'Add up to 20 members at once.');
  }
  sideParts(doc).messages.push([parsed.data]);
  return parsed.data;
}

/** The members named by side records and additions that `after` has and `before` has not. */
export function newSideMembers(before: Y.Doc, after: Y.Doc): Set<string> {
  const named = new Set<string>();
  const old = sideParts(before);
  const { conversations, messages } = sideParts(after);
  // Records are never removed (the update check): the same size means none is new, and the
  // guard runs on every ticket update.
  if (conversations.size !== old.conversations.size) {
    for (const [id, value] of conversations) {
      if (old.conversations.has(id)) continue;
      const parsed = SideConversation.safeParse(value);
      if (parsed.success) for (const m of parsed.data.participantIds) named.add(m);
    }
  }
  for (let i = old.messages.length; i < messages.length; i++) {
    const parsed = SideAddition.safeParse(messages.get(i));
    if (parsed.success) for (const m of parsed.data.memberIds) named.add(m);
  }
  return named;
}

export interface SideUpdateProblem {
  reason: 'schema' | 'append-only' | 'id-mismatch' | 'too-large';
  detail: string;
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'value'}: ${first.message}` : 'invalid';
}

/**
 * The update check's part (`update-check.ts`), on the scratch copy with the update applied:
 * `conversationKeys` the keys it wrote in `sideConversations` (or `null`), `added` the messages
 * it appended, `deleted` whether it removed any. Records are written once (a key whose current
 * value replaced an older one, or that was removed, is refused), messages append only and name
 * a conversation on this ticket; mentions list each member once.
 */
export function sideUpdateProblem(
  doc: Y.Doc,
  conversationKeys: Iterable<string> | null,
  added: readonly unknown[],
  deleted: boolean
): SideUpdateProblem | null {
  const { conversations, messages } = sideParts(doc);
  if (conversationKeys) {
    for (const key of conversationKeys) {
      if (!conversations.has(key) || conversations._map.get(key)?.left) {
        return { reason: 'append-only', detail: 'A side conversation is written once.' };
      }
      const parsed = SideConversation.safeParse(conversations.get(key));
      if (!parsed.success)
        return { reason: 'schema', detail: `side conversation: ${issue(parsed.error)}` };
      if (parsed.data.id !== key) {
        return { reason: 'id-mismatch', detail: 'side conversation: the key must be the id.' };
      }
    }
    if (conversations.size > SIDE_CAPS.conversations) {
      return {
        reason: 'too-large',
        detail: `A ticket holds at most ${SIDE_CAPS.conversations} side conversations.`
      };
    }
  }
  if (deleted) return { reason: 'append-only', detail: 'Side conversations are append-only.' };
  for (const value of added) {
    if (typeof value === 'object' && value !== null && 'kind' in value) {
      const addition = SideAddition.safeParse(value);
      if (!addition.success)
        return { reason: 'schema', detail: `side addition: ${issue(addition.error)}` };
      if (participantsIn(doc, addition.data.conversationId).length === 0) {
        return {
          reason: 'schema',
          detail: 'side addition: its conversation is not on this ticket.'
        };
      }
      if (participantsIn(doc, addition.data.conversationId).length > SIDE_CAPS.members) {
        return {
          reason: 'too-large',
          detail: `A side conversation holds at most ${SIDE_CAPS.members} members.`
        };
      }
      continue;
    }
    const parsed = SideMessage.safeParse(value);
    if (!parsed.success)
      return { reason: 'schema', detail: `side message: ${issue(parsed.error)}` };
    if (!readConversation(doc, parsed.data.conversationId)) {
      return { reason: 'schema', detail: 'side message: its conversation is not on this ticket.' };
    }
    const mentions = mentionListProblem(parsed.data.mentions);
    if (mentions) return { reason: 'schema', detail: `side message: ${mentions}` };
  }
  if (added.length > 0 && messages.length > SIDE_CAPS.messages) {
    return {
      reason: 'too-large',
      detail: `A ticket holds at most ${SIDE_CAPS.messages.toLocaleString('en-US')} side messages.`
    };
  }
  return null;
}

/**
 * The light agent's part of `note-check.ts`: whether `value`, appended by `writerId`, is a side
 * message or an addition in a conversation of which the writer was a member in `before` (a
 * light agent takes part where named, and may bring someone in there; never adds themself).
 */
export function isOwnSideMessage(
  before: Y.Doc,
  after: Y.Doc,
  value: unknown,
  writerId: string
): boolean {
  const entry = parseEntry(value);
  if (!entry) return false;
  const conversationId =
    entry.kind === 'message' ? entry.message.conversationId : entry.addition.conversationId;
  // A message: where `after` names the writer (any addition of theirs in the same update passed
  // the rule below). An addition: only where the writer already took part before it.
  return participantsIn(entry.kind === 'message' ? after : before, conversationId).includes(
    writerId
  );
}
