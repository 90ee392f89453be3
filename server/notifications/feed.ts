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
 *
 * Mentions and side conversations come the same way from the thread's new internal notes and
 * the side messages (`messageEvents`): what the document stored, whoever wrote it.
 */
import * as Y from 'yjs';
import { ActivityEntry } from '../../src/lib/domain/schema.ts';
import {
  readActivity,
  readThread,
  readTicketFields,
  ticketParts
} from '../../src/lib/domain/ticket.ts';
import type { TicketFields } from '../../src/lib/domain/schema.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import { activityEvents, messageEvents, type NotificationEvent } from './events.ts';
import { ThreadEntry } from '../../src/lib/domain/schema.ts';
import {
  SIDE_MESSAGES_ROOT,
  SideAddition,
  SideMessage,
  sideAudiences,
  sideParts
} from '../../src/lib/domain/side-conversation.ts';

/** What the side log holds that notifies: a message, or members added to a conversation. */
function sideNotice(value: unknown): SideMessage | SideAddition | null {
  const message = SideMessage.safeParse(value);
  if (message.success) return message.data;
  const addition = SideAddition.safeParse(value);
  return addition.success ? addition.data : null;
}

export type Enqueue = (fields: TicketFields, event: NotificationEvent) => void;

export function startNotificationFeed(
  docs: DocManager,
  clock: Clock,
  catchUp: { ms: number; epoch: number },
  enqueue: Enqueue
): () => void {
  // Ticket document → entries added since it was last handled.
  const pending = new WeakMap<Y.Doc, ActivityEntry[]>();
  // Ticket document → notes with mentions and side messages added since last handled.
  const pendingMessages = new WeakMap<Y.Doc, (ThreadEntry | SideMessage | SideAddition)[]>();

  const handleMessages = (
    ticketId: string,
    doc: Y.Doc,
    messages: readonly (ThreadEntry | SideMessage | SideAddition)[]
  ) => {
    const fields = readTicketFields(doc);
    if (!fields || messages.length === 0) return;
    // A message tells those in its conversation then; an addition those it added, as a start
    // tells those it was started with (`sideAudiences`).
    let audiences: Map<string, string[]> | null = null;
    const posted = messages.map((m) => {
      if (!('conversationId' in m)) return m;
      audiences ??= sideAudiences(doc);
      const participants = audiences.get(m.id) ?? [];
      if ('kind' in m) {
        const { id, authorId, createdAt } = m;
        return { id, authorId, createdAt, participants };
      }
      return { ...m, participants };
    });
    for (const event of messageEvents(ticketId, posted)) enqueue(fields, event);
  };

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
    const messages: (ThreadEntry | SideMessage | SideAddition)[] = [];
    pendingMessages.set(doc, messages);
    ticketParts(doc).thread.observe((event) => {
      for (const item of event.changes.added) {
        for (const value of item.content.getContent()) {
          const entry = ThreadEntry.safeParse(value);
          if (entry.success && entry.data.kind === 'note' && entry.data.mentions) {
            messages.push(entry.data);
          }
        }
      }
    });
    sideParts(doc).messages.observe((event) => {
      for (const item of event.changes.added) {
        for (const value of item.content.getContent()) {
          const notice = sideNotice(value);
          if (notice) messages.push(notice);
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
        const recent = (m: { createdAt: number }) =>
          m.createdAt >= since && m.createdAt > catchUp.epoch;
        const sideMessages: (SideMessage | SideAddition)[] = [];
        for (const value of sideParts(doc).messages) {
          const notice = sideNotice(value);
          if (notice && recent(notice)) sideMessages.push(notice);
        }
        handleMessages(ref.ticketId, doc, [
          ...readThread(doc).filter((e) => e.kind === 'note' && e.mentions && recent(e)),
          ...sideMessages
        ]);
      });
    });
  });

  const offChange = docs.onChange(({ ref, doc, roots }) => {
    if (ref.kind !== 'ticket') return;
    const messages = pendingMessages.get(doc);
    if ((roots.has('thread') || roots.has(SIDE_MESSAGES_ROOT)) && messages && messages.length > 0) {
      handleMessages(ref.ticketId, doc, messages.splice(0));
    }
    if (!roots.has('activity')) return;
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
