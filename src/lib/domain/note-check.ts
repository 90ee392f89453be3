/**
 * "Touches nothing but internal notes": the rule for light agents, who read tickets and write
 * internal notes only.
 *
 * Compared on two states of one ticket document — before (the live document) and after (the
 * scratch copy with the update applied, already checked by `applyChecked`, which also
 * guarantees that the thread and activity are append-only and that every item has the kind of
 * its root). The update passes when:
 *   - every item it added (the structs past the live document's clocks, see `added-content.ts`)
 *     is a `note` entry in the thread, a `note` entry in the activity (what `addThreadEntry`
 *     logs with it), a new `updatedAt`, which a note moves forward, or — when the writer is
 *     known — a side message in a side conversation that names the writer, or an addition of
 *     members to one the writer took part in (`side-conversation.ts`);
 *   - the ticket's other fields, tags, the reply draft, the handover note and its metadata, and
 *     delivery states are unchanged (this catches deletions, which add no item).
 * Looking at the added items rather than at the texts' strings means content that is not a
 * string cannot slip into the draft or handover unseen. Entries added concurrently may land
 * between older ones; the walk finds them wherever they are, at a cost proportional to the
 * update. Comparing the maps whole costs a walk over one ticket's fields, which is small; it
 * runs only for light agents' writes.
 */
import type * as Y from 'yjs';
import { addedValues, itemsAddedSince, rootNameOf } from './added-content';
import { ticketParts } from './ticket';
import { CUSTOM_FIELDS_ROOT } from './custom-fields';
import { SIDE_MESSAGES_ROOT, isOwnSideMessage } from './side-conversation';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameMap<T>(before: Y.Map<T>, after: Y.Map<T>, except?: string): boolean {
  const keys = new Set([...before.keys(), ...after.keys()]);
  for (const key of keys) {
    if (key === except) continue;
    if (!sameJson(before.get(key), after.get(key))) return false;
  }
  return true;
}

export function onlyAddsNotes(before: Y.Doc, after: Y.Doc, writerId?: string): boolean {
  const b = ticketParts(before);
  const a = ticketParts(after);
  if (!sameMap(b.fields, a.fields, 'updatedAt')) return false;
  const updatedBefore = b.fields.get('updatedAt');
  const updatedAfter = a.fields.get('updatedAt');
  if (
    typeof updatedBefore === 'number' &&
    (typeof updatedAfter !== 'number' || updatedAfter < updatedBefore)
  ) {
    return false;
  }
  if (!sameMap(b.tags, a.tags)) return false;
  if (!sameMap(b.handoverMeta, a.handoverMeta)) return false;
  if (!sameMap(b.delivery, a.delivery)) return false;
  if (!sameMap(before.getMap(CUSTOM_FIELDS_ROOT), after.getMap(CUSTOM_FIELDS_ROOT))) return false;
  if (b.draft.toString() !== a.draft.toString()) return false;
  if (b.handover.toString() !== a.handover.toString()) return false;

  for (const added of itemsAddedSince(before, after)) {
    const root = rootNameOf(after, added.item);
    if (root === 'ticket' && added.item.parentSub === 'updatedAt') continue;
    if (root === SIDE_MESSAGES_ROOT && writerId !== undefined) {
      if (!addedValues(added).every((value) => isOwnSideMessage(before, after, value, writerId))) {
        return false;
      }
      continue;
    }
    if (root !== 'thread' && root !== 'activity') return false;
    if (!addedValues(added).every(isNote)) return false;
  }
  return true;
}

function isNote(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'note';
}
