/**
 * The feed: watches ticket documents' activity, as the SLA breach worker does, and turns what
 * is added into notifications (`events.ts`), queued once per key (`store.ts`).
 *
 * When a ticket document loads, an observer on its activity array collects every entry added
 * from then on, wherever in the array it lands (an entry written offline days ago and merged
 * now lands among older ones). They are handled on the document's next change report
 * (`DocManager.onChange`, the turn after the update was stored and applied), not inside the
 * update, so the feed never loads another document in the middle of one.
 *
 * A crash between storing an update and handling it would lose the event; so, on every load,
 * the feed also looks over the activity of the last `catchUpMs` (three days) again: the queue
 * skips what it already holds, and what the crash dropped is queued now. Only activity after
 * `epoch` (when this store first ran the feed) counts there: what happened before notifications
 * existed (an upgrade, the demo's seeded tickets) is history, not news.
 */
import * as Y from 'yjs';
import { ActivityEntry } from '../../src/lib/domain/schema.ts';
import { readActivity, readTicketFields, ticketParts } from '../../src/lib/domain/ticket.ts';
import type { TicketFields } from '../../src/lib/domain/schema.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { activityEvents, type NotificationEvent } from './events.ts';

export type Enqueue = (fields: TicketFields, event: NotificationEvent) => void;

export function startNotificationFeed(
  docs: DocManager,
  clock: Clock,
  catchUp: { ms: number; epoch: number },
  enqueue: Enqueue
): () => void {
  // Ticket document → entries added since it was last handled.
  const pending = new WeakMap<Y.Doc, ActivityEntry[]>();

  const handle = (ticketId: string, doc: Y.Doc, entries: readonly ActivityEntry[]) => {
    const fields = readTicketFields(doc);
    if (!fields || entries.length === 0) return;
    const events = activityEvents(
      { ticketId, assigneeId: fields.assigneeId },
      entries,
      readActivity(doc)
    );
    for (const event of events) enqueue(fields, event);
  };

  const offLoad = docs.onLoad(({ ref, doc, name }) => {
    if (ref.kind !== 'ticket') return;
    const added: ActivityEntry[] = [];
    pending.set(doc, added);
    ticketParts(doc).activity.observe((event) => {
      for (const item of event.changes.added) {
        for (const value of item.content.getContent()) {
          const entry = ActivityEntry.safeParse(value);
          if (entry.success) added.push(entry.data);
        }
      }
    });
    // The catch-up, on the next turn (not inside the load).
    setImmediate(() => {
      if (!docs.isLoaded(name)) return;
      docs.read(name, (live) => {
        if (live !== doc) return;
        const since = clock.now() - catchUp.ms;
        handle(
          ref.ticketId,
          doc,
          readActivity(doc).filter((entry) => entry.at >= since && entry.at > catchUp.epoch)
        );
      });
    });
  });

  const offChange = docs.onChange(({ ref, doc, roots }) => {
    if (ref.kind !== 'ticket' || !roots.has('activity')) return;
    const added = pending.get(doc);
    if (!added || added.length === 0) return;
    const entries = added.splice(0);
    handle(ref.ticketId, doc, entries);
  });

  return () => {
    offLoad();
    offChange();
  };
}
