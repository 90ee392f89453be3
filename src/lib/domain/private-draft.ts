/**
 * Private reply drafts: one document per ticket and member, `t/<ticket>/draft/<member>`.
 *
 * The ticket's own `draft` text is shared: everyone on the ticket sees and may send it. So each
 * member writes a reply in a document of their own first, which only they open (the relay and
 * the batch sync refuse everyone else, owners included, as for a document that does not exist),
 * kept in IndexedDB and synced like any other: it works offline and follows the member to
 * their phone. Two roots:
 *
 *   draft  the text (plain text, the same cap as the ticket's `draft`);
 *   meta   a few plain values: when the draft was started, the last thread entry its writer had
 *          seen then (and the writer's clock), and whether the composer writes the shared draft
 *          instead (`shared`).
 *
 * Sharing moves the text: appended to the ticket's shared draft in one transaction there, then
 * removed from the private draft in one transaction here, in the same task. Each document keeps
 * its own change until it reaches the server, so either side being offline loses nothing; the
 * order (insert, then delete) means the one failure left — the tab killed between the two
 * IndexedDB writes of that task — shows the text twice, never nowhere.
 *
 * "Someone replied meanwhile": `unseenReplies` lists the public replies by others that the
 * writer's draft had not seen — those after the entry it saw last, and (for a reply made
 * offline elsewhere, which Yjs may order before that entry) those written after the writer's
 * own reading of the thread by its clock.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { Id, Timestamp, type ThreadEntry } from './schema';

export const PRIVATE_DRAFT_ROOTS = { draft: 'text', meta: 'map' } as const;

/** The same cap as the ticket's shared draft (`update-check.ts`). */
export const MAX_PRIVATE_DRAFT = 100_000;

/** Each key of the `meta` map, all optional (written one at a time). */
export const PrivateDraftMeta = z.strictObject({
  /** When the writer started this draft (their clock). */
  startedAt: Timestamp.nullable().optional(),
  /** The last thread entry the writer had seen when starting, or when they last reviewed. */
  seenEntryId: Id.nullable().optional(),
  /** When that was, by the writer's clock. */
  seenAt: Timestamp.nullable().optional(),
  /** The composer writes the ticket's shared draft (co-editing) instead of this one. */
  shared: z.boolean().optional()
});
export type PrivateDraftMeta = z.infer<typeof PrivateDraftMeta>;

export interface PrivateDraftParts {
  draft: Y.Text;
  meta: Y.Map<unknown>;
}

export function privateDraftParts(doc: Y.Doc): PrivateDraftParts {
  return { draft: doc.getText('draft'), meta: doc.getMap('meta') };
}

/** The meta as it is; a value that does not parse (never accepted by the server) reads as unset. */
export function readDraftMeta(doc: Y.Doc): PrivateDraftMeta {
  const parsed = PrivateDraftMeta.safeParse(privateDraftParts(doc).meta.toJSON());
  return parsed.success ? parsed.data : {};
}

/** What is wrong with the meta after an update, or `null` (the server's check). */
export function draftMetaProblem(doc: Y.Doc): string | null {
  const parsed = PrivateDraftMeta.safeParse(privateDraftParts(doc).meta.toJSON());
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `meta.${issue.path.join('.') || 'value'}: ${issue.message}` : 'meta: invalid';
}

/**
 * Marks the draft as started now, having seen the thread up to its last entry, unless it has
 * been already. Called when the draft gets its first text.
 */
export function markStarted(doc: Y.Doc, thread: readonly ThreadEntry[], now: number): boolean {
  const meta = privateDraftParts(doc).meta;
  if (typeof meta.get('seenAt') === 'number') return false;
  doc.transact(() => {
    meta.set('startedAt', now);
    meta.set('seenEntryId', thread.at(-1)?.id ?? null);
    meta.set('seenAt', now);
  });
  return true;
}

/** The writer has now seen the thread up to its last entry ("review before sending"). */
export function markSeen(doc: Y.Doc, thread: readonly ThreadEntry[], now: number): void {
  const meta = privateDraftParts(doc).meta;
  doc.transact(() => {
    meta.set('seenEntryId', thread.at(-1)?.id ?? null);
    meta.set('seenAt', now);
  });
}

/** After a send: the next text starts a new draft. */
export function markSent(doc: Y.Doc): void {
  const meta = privateDraftParts(doc).meta;
  doc.transact(() => {
    meta.set('startedAt', null);
    meta.set('seenEntryId', null);
    meta.set('seenAt', null);
  });
}

/**
 * Public replies by others that the draft had not seen (see the header). Nothing when the draft
 * never recorded what it saw (a draft not started: nothing written against an older thread).
 */
export function unseenReplies(
  thread: readonly ThreadEntry[],
  meta: PrivateDraftMeta,
  memberId: string
): ThreadEntry[] {
  if (typeof meta.seenAt !== 'number') return [];
  const seenAt = meta.seenAt;
  const seenIndex =
    meta.seenEntryId === null || meta.seenEntryId === undefined
      ? -1
      : thread.findIndex((entry) => entry.id === meta.seenEntryId);
  return thread.filter(
    (entry, index) =>
      entry.kind === 'reply' &&
      entry.authorId !== memberId &&
      (index > seenIndex || entry.createdAt > seenAt)
  );
}

/** Whether the composer writes the shared draft. */
export function writesShared(doc: Y.Doc): boolean {
  return readDraftMeta(doc).shared === true;
}

function appendTo(text: Y.Text, added: string): void {
  const existing = text.toString();
  const separator =
    existing.trim() === '' || added === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  text.insert(text.length, separator + added);
}

/**
 * Shares the private draft for co-editing: its text goes to the end of the ticket's shared
 * `draft`, and the composer writes the shared draft from now on (see the header for the order).
 */
export function shareDraft(privateDoc: Y.Doc, shared: Y.Text): void {
  const own = privateDraftParts(privateDoc);
  const text = own.draft.toString();
  if (text !== '') {
    if (!shared.doc) throw new Error('The shared draft is not in a ticket document.');
    shared.doc.transact(() => appendTo(shared, text));
  }
  privateDoc.transact(() => {
    if (text !== '') own.draft.delete(0, own.draft.length);
    own.meta.set('shared', true);
  });
}

/**
 * Back to writing privately. The shared draft stays with the colleagues who co-edit it; with
 * `takeText` (nobody else is on it), its text comes back into the private draft.
 */
export function writePrivately(privateDoc: Y.Doc, shared: Y.Text, takeText: boolean): void {
  const text = shared.toString();
  const own = privateDraftParts(privateDoc);
  if (takeText && text !== '') {
    privateDoc.transact(() => appendTo(own.draft, text));
    if (!shared.doc) throw new Error('The shared draft is not in a ticket document.');
    shared.doc.transact(() => {
      if (shared.toString() === text) shared.delete(0, shared.length);
    });
  }
  privateDoc.transact(() => own.meta.set('shared', false));
}
