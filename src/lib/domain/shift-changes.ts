/**
 * What changed on a ticket since a member was last on: the "start my shift" digest.
 *
 * Computed from the ticket document alone, so it works on a phone with no signal and says the
 * same on every replica once they have synced:
 *   - fields (status, priority, assignee, subject) from the activity log, whose entries name
 *     the actor, the instant and the value before and after each change. A field's diff is
 *     its value before the first change in the window (that entry's `from`) and its value now;
 *     every step in between is kept with who made it and when, so "pending → open → solved by
 *     two people" reads as it happened. A field changed and changed back still shows: someone
 *     touched it.
 *   - tags from the `tag-added` / `tag-removed` entries;
 *   - new messages (customer mail and public replies) and internal notes from the thread,
 *     which carries each entry's author and time;
 *   - the handover note: its text now, with who signed it, when and for whom (`handoverMeta`
 *     and the `handover` entries). The note's earlier wording is not kept by the document
 *     (Yjs drops deleted text), so the digest shows the note as it reads now.
 * "Since" is by the instant each change was made (its `at`), which is how the activity log and
 * the thread are ordered for people; a change made offline before `since` and synced after it
 * is not new news to the one who made it, and the digest is read by someone else.
 *
 * Why the member should care — the ticket's relation to them — is part of the answer: it is
 * assigned to them, it was handed (or assigned) to them in the window, or it was taken from
 * them. A ticket with none of those is not theirs to read about (`relation` null).
 */
import type * as Y from 'yjs';
import type { ActivityEntry, ThreadEntryKind, TicketFields } from './schema';
import { readTicket, ticketLabel } from './ticket';

export const DIFF_FIELDS = ['status', 'priority', 'assignee', 'subject'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

type Value = string | number | null;

/** One change to a field, as the activity log recorded it. */
export interface FieldStep {
  at: number;
  by: string;
  from: Value;
  to: Value;
}

export interface FieldDiff {
  field: DiffField;
  /** The value before the first change in the window. */
  before: Value;
  /** The value now. */
  after: Value;
  steps: FieldStep[];
}

export interface TagChange {
  at: number;
  by: string;
  tag: string;
  added: boolean;
}

export interface NewEntry {
  id: string;
  kind: ThreadEntryKind;
  at: number;
  by: string;
  byName: string;
  /** The first words, for the digest; the ticket page has the rest. */
  excerpt: string;
}

export interface HandoverChange {
  text: string;
  by: string;
  at: number;
  toMemberId: string | null;
}

export type ShiftRelation = 'mine' | 'handed-to-me' | 'taken-from-me';

export interface TicketChanges {
  ticketId: string;
  label: string;
  subject: string;
  relation: ShiftRelation | null;
  fields: FieldDiff[];
  tags: TagChange[];
  /** Customer mail and public replies, oldest first. */
  messages: NewEntry[];
  notes: NewEntry[];
  handover: HandoverChange | null;
  /** The latest change in the window; `null` when nothing changed. */
  lastChangeAt: number | null;
}

const FIELD_KEY: Record<DiffField, keyof TicketFields> = {
  status: 'status',
  priority: 'priority',
  assignee: 'assigneeId',
  subject: 'subject'
};

const EXCERPT = 160;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

function currentValue(fields: TicketFields, field: DiffField): Value {
  const value = fields[FIELD_KEY[field]];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function relationOf(
  fields: TicketFields,
  recent: readonly ActivityEntry[],
  memberId: string
): ShiftRelation | null {
  const handedToMe = recent.some(
    (e) =>
      e.actorId !== memberId &&
      ((e.kind === 'handover' && e.to === memberId) || (e.kind === 'assignee' && e.to === memberId))
  );
  if (fields.assigneeId === memberId) return handedToMe ? 'handed-to-me' : 'mine';
  if (handedToMe) return 'handed-to-me';
  if (recent.some((e) => e.kind === 'assignee' && e.from === memberId)) return 'taken-from-me';
  return null;
}

/**
 * The changes to the ticket in `doc` made after `since` (epoch ms), as `memberId` reads them.
 * `null` when the document holds no ticket.
 */
export function ticketChangesSince(
  doc: Y.Doc,
  since: number,
  memberId: string
): TicketChanges | null {
  const ticket = readTicket(doc);
  if (!ticket) return null;
  const recent = ticket.activity.filter((e) => e.at > since);
  const fields: FieldDiff[] = [];
  for (const field of DIFF_FIELDS) {
    const steps = recent
      .filter((e) => e.kind === field)
      .map((e) => ({ at: e.at, by: e.actorId, from: e.from ?? null, to: e.to ?? null }))
      .sort((a, b) => a.at - b.at);
    const first = steps[0];
    if (!first) continue;
    fields.push({ field, before: first.from, after: currentValue(ticket.fields, field), steps });
  }
  const tags: TagChange[] = recent
    .filter((e) => e.kind === 'tag-added' || e.kind === 'tag-removed')
    .map((e) => ({
      at: e.at,
      by: e.actorId,
      tag: String((e.kind === 'tag-added' ? e.to : e.from) ?? ''),
      added: e.kind === 'tag-added'
    }))
    .sort((a, b) => a.at - b.at);
  const entries = ticket.thread
    .filter((e) => e.createdAt > since)
    .map((e): NewEntry => ({
      id: e.id,
      kind: e.kind,
      at: e.createdAt,
      by: e.authorId,
      byName: e.authorName,
      excerpt: excerpt(e.body)
    }))
    .sort((a, b) => a.at - b.at);
  const meta = ticket.handoverMeta;
  const signed = recent.some((e) => e.kind === 'handover');
  const handover: HandoverChange | null =
    meta && (meta.updatedAt > since || signed)
      ? {
          text: ticket.handover,
          by: meta.updatedBy,
          at: meta.updatedAt,
          toMemberId: meta.toMemberId
        }
      : null;
  const times = [
    ...fields.flatMap((f) => f.steps.map((s) => s.at)),
    ...tags.map((t) => t.at),
    ...entries.map((e) => e.at),
    ...(handover ? [handover.at] : [])
  ];
  return {
    ticketId: ticket.fields.id,
    label: ticketLabel(ticket.fields),
    subject: ticket.fields.subject,
    relation: relationOf(ticket.fields, recent, memberId),
    fields,
    tags,
    messages: entries.filter((e) => e.kind !== 'note'),
    notes: entries.filter((e) => e.kind === 'note'),
    handover,
    lastChangeAt: times.length > 0 ? Math.max(...times) : null
  };
}

/** Whether anything changed in the window. */
export function hasChanges(changes: TicketChanges): boolean {
  return changes.lastChangeAt !== null;
}

/**
 * The digest of a shift start: the tickets that concern the member and changed, most recently
 * changed first.
 */
export function shiftDigest(changes: readonly (TicketChanges | null)[]): TicketChanges[] {
  return changes
    .filter((c): c is TicketChanges => c !== null && c.relation !== null && hasChanges(c))
    .sort((a, b) => (b.lastChangeAt ?? 0) - (a.lastChangeAt ?? 0));
}

/**
 * Since when the member was last on: the later of the end of their last shift (recorded by
 * "end my shift") and their last look at the digest; else the end of their previous scheduled
 * shift, when their hours say; else a day ago.
 */
export function lastOnSince(input: {
  now: number;
  shiftEndedAt?: number | undefined;
  seenAt?: number | undefined;
  scheduledEnd?: number | null | undefined;
}): number {
  const recorded = Math.max(input.shiftEndedAt ?? 0, input.seenAt ?? 0);
  if (recorded > 0 && recorded <= input.now) return recorded;
  if (input.scheduledEnd != null && input.scheduledEnd <= input.now) return input.scheduledEnd;
  return input.now - 24 * 3_600_000;
}
