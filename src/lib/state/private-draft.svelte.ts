/**
 * The member's private reply draft on a ticket (`domain/private-draft.ts`) as the composer uses
 * it. The document stays outside reactivity; its meta is projected into a plain `$state.raw`
 * snapshot. Sending writes the reply into the ticket first and then clears the draft, so a tab
 * killed in between leaves the text in both places, never in neither.
 */
import type * as Y from 'yjs';
import {
  markSeen,
  markSent,
  markStarted,
  privateDraftParts,
  readDraftMeta,
  shareDraft,
  unseenReplies,
  writePrivately,
  type PrivateDraftMeta
} from '$lib/domain/private-draft';
import { addThreadEntry } from '$lib/domain/ticket';
import type { MailAttachment, ReplyRecipients, ThreadEntry } from '$lib/domain/schema';
import { editTicket, sendReply, type EditContext } from './ticket-actions';

export class PrivateDraft {
  readonly doc: Y.Doc;
  #meta = $state.raw<PrivateDraftMeta>({});
  #loaded = $state(false);

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  /** The private text (a `Y.Text`; bind it, never put it in `$state`). */
  get text(): Y.Text {
    return privateDraftParts(this.doc).draft;
  }

  get meta(): PrivateDraftMeta {
    return this.#meta;
  }

  /** Whether the composer writes the ticket's shared draft instead. */
  get shared(): boolean {
    return this.#meta.shared === true;
  }

  /** Whether the local copy has been read (before that, an empty text means nothing). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Follows the meta; returns the cleanup for `$effect`. */
  connect(whenLoaded: Promise<void>): () => void {
    const meta = privateDraftParts(this.doc).meta;
    const refresh = () => {
      this.#meta = readDraftMeta(this.doc);
    };
    meta.observe(refresh);
    refresh();
    let live = true;
    void whenLoaded.then(() => {
      if (!live) return;
      refresh();
      this.#loaded = true;
    });
    return () => {
      live = false;
      meta.unobserve(refresh);
    };
  }

  started(thread: readonly ThreadEntry[], now: number): void {
    markStarted(this.doc, thread, now);
  }

  reviewed(thread: readonly ThreadEntry[], now: number): void {
    markSeen(this.doc, thread, now);
  }

  /** The draft was emptied (sent by a colleague too): the next text starts afresh. */
  emptied(): void {
    if (typeof this.#meta.seenAt === 'number') markSent(this.doc);
  }

  unseen(thread: readonly ThreadEntry[], memberId: string): ThreadEntry[] {
    return unseenReplies(thread, this.#meta, memberId);
  }

  share(shared: Y.Text): void {
    shareDraft(this.doc, shared);
  }

  writePrivately(shared: Y.Text, takeText: boolean): void {
    writePrivately(this.doc, shared, takeText);
  }

  /**
   * Sends the draft the composer writes (this one, or the ticket's shared one) as a public
   * reply, and clears it.
   */
  send(
    ctx: EditContext,
    ticket: Y.Doc,
    recipients?: ReplyRecipients,
    attachments?: MailAttachment[]
  ): void {
    if (this.shared) {
      sendReply(ctx, ticket, recipients, attachments);
    } else {
      const text = this.text;
      const body = text.toString();
      editTicket(ctx, ticket, (d, actor, now) => {
        addThreadEntry(d, 'reply', body, actor, now, {
          ...(recipients ? { recipients } : {}),
          ...(attachments && attachments.length > 0 ? { attachments } : {})
        });
      });
      this.doc.transact(() => text.delete(0, text.length));
    }
    markSent(this.doc);
  }

  reset(): void {
    this.#meta = {};
    this.#loaded = false;
  }
}
