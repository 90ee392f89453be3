/**
 * Who may sign what in a ticket: the rule the server applies to every client's update, so that
 * nobody can post a note as the owner or a "customer" message with no email behind it.
 *
 * Compared on two states of one ticket document — before (the live document) and after (the
 * scratch copy with the update applied, already checked by `applyChecked`). Only what the
 * update *added* is looked at (the structs past the live document's clocks, see
 * `added-content.ts`): entries written earlier, by the server or by others, are not the
 * writer's to answer for, and an offline edit replayed later (through the batch sync) is
 * signed by the same member who now sends it. The update passes when:
 *   - every new thread entry is a `note`, a `reply`, or an `inbound` message without `mail` (a
 *     customer's call or visit taken down by the member), whose `authorId` is the writer:
 *     `inbound` messages made from email are written by the server only;
 *   - every new activity entry's `actorId` is the writer (the system actor is the server's);
 *   - a new `createdBy` (creating a ticket) and a new handover signature (`updatedBy`) name
 *     the writer;
 *   - a new claim record of the next ticket (`claims`) names the writer as its `memberId`;
 *   - a new side conversation (`createdBy`) and a new side message (`authorId`) name the writer
 *     (`side-conversation.ts`).
 *
 * `authorName` is not compared with the member's name. It is a display copy taken when the
 * entry was written: a member renamed since, or whose name changed while they wrote offline,
 * legitimately sends entries with the name they had then, and refusing those would lose their
 * work. The id is what identifies the author; views may show the member's current name.
 *
 * The server's own writes (mail, numbering, the demo seed) do not come through here: they are
 * made on the live document directly, as the system actor.
 */
import type * as Y from 'yjs';
import { addedSince, type RootAddition } from './added-content';

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}

/** Why the update's new entries are not the writer's own, or `null` when they are. */
export function authorshipProblem(before: Y.Doc, after: Y.Doc, writerId: string): string | null {
  return authorshipProblemOf(addedSince(before, after).additions, writerId);
}

/**
 * The same rule on what an update added, as the update check collected it (`AddedContent`):
 * the server's write guard asks this, so a keystroke is not looked for in the document again.
 */
export function authorshipProblemOf(
  additions: readonly RootAddition[],
  writerId: string
): string | null {
  for (const { root, key, values } of additions) {
    if (root === 'thread') {
      for (const entry of values) {
        const kind = field(entry, 'kind');
        // A customer's words taken down by the member (a call, a visit) are an inbound entry
        // without email, signed by that member; only the server writes one made from email.
        const takenDown = kind === 'inbound' && field(entry, 'mail') === undefined;
        if (kind !== 'note' && kind !== 'reply' && !takenDown) {
          return 'Customer messages arrive by email; members write notes and replies.';
        }
        if (field(entry, 'authorId') !== writerId) {
          return 'A message is signed by the member who writes it.';
        }
      }
    } else if (root === 'activity') {
      for (const entry of values) {
        if (field(entry, 'actorId') !== writerId) {
          return 'The activity log records the member who made the change.';
        }
      }
    } else if (root === 'claims') {
      // Taking the next ticket (`next-ticket.ts`): a member claims, or settles, as themself.
      for (const record of values) {
        if (field(record, 'memberId') !== writerId) {
          return 'A member takes a ticket for themself only.';
        }
      }
    } else if (root === 'sideConversations' || root === 'sideMessages') {
      const signer = root === 'sideConversations' ? 'createdBy' : 'authorId';
      for (const value of values) {
        if (field(value, signer) !== writerId) {
          return 'A side conversation and its messages are signed by the member who writes them.';
        }
      }
    } else if (root === 'merge' || root === 'copies') {
      // Merge and split records and copies (`merge.ts`) name the member who made them.
      const signer = root === 'merge' ? 'actorId' : 'copiedBy';
      for (const value of values) {
        if (field(value, signer) !== writerId) {
          return 'A merge or split is signed by the member who makes it.';
        }
      }
    } else if (
      (root === 'ticket' && key === 'createdBy') ||
      (root === 'handoverMeta' && key === 'updatedBy')
    ) {
      for (const value of values) {
        if (value !== writerId) return `"${key}" names the member who writes it.`;
      }
    }
  }
  return null;
}
