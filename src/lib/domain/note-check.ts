/**
 * "Touches nothing but internal notes": the rule for light agents, who read tickets and write
 * internal notes only.
 *
 * Compared on two states of one ticket document — before (the live document) and after (the
 * scratch copy with the update applied, already schema-checked by `applyChecked`, which also
 * guarantees that the thread and activity are append-only). Entries added concurrently may
 * land between older ones, so the thread is compared by entry id and the activity by counts of
 * each kind, not by position. The update passes when:
 *   - every new thread entry is a `note`;
 *   - every new activity entry is a `note` entry (what `addThreadEntry` logs with it);
 *   - the ticket's fields are unchanged except `updatedAt`, which a note moves forward;
 *   - tags, the reply draft, the handover note and its metadata, and delivery states are
 *     unchanged.
 * Comparing whole values costs a walk over one ticket, which is small; it runs only for light
 * agents' writes.
 */
import type * as Y from 'yjs';
import { ticketParts } from './ticket';

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

export function onlyAddsNotes(before: Y.Doc, after: Y.Doc): boolean {
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
  if (b.draft.toString() !== a.draft.toString()) return false;
  if (b.handover.toString() !== a.handover.toString()) return false;

  const beforeIds = new Set(b.thread.toArray().map((entry) => entry.id));
  const threadAfter = a.thread.toArray();
  let kept = 0;
  for (const entry of threadAfter) {
    if (beforeIds.has(entry.id)) kept++;
    else if (entry.kind !== 'note') return false;
  }
  if (kept !== beforeIds.size) return false;

  const counts = (entries: readonly { kind: string }[]) => {
    const out = new Map<string, number>();
    for (const entry of entries) out.set(entry.kind, (out.get(entry.kind) ?? 0) + 1);
    return out;
  };
  const activityBefore = counts(b.activity.toArray());
  const activityAfter = counts(a.activity.toArray());
  for (const kind of new Set([...activityBefore.keys(), ...activityAfter.keys()])) {
    const added = (activityAfter.get(kind) ?? 0) - (activityBefore.get(kind) ?? 0);
    if (added < 0 || (added > 0 && kind !== 'note')) return false;
  }
  return true;
}
