/**
 * One ticket as plain data (`readTicket`), refreshed from the ticket document's changes at
 * most once per animation frame. The shared texts (draft, handover) are bound to their
 * textareas directly; this projection is for everything else on the ticket page.
 */
import type * as Y from 'yjs';
import { readTicket, ticketParts, type Ticket } from '$lib/domain/ticket';
import { followDocument } from './doc-projection';

export class TicketProjection {
  #ticket = $state.raw<Ticket | null>(null);
  #loaded = $state(false);

  get ticket(): Ticket | null {
    return this.#ticket;
  }

  /** Whether the local (IndexedDB) copy has been read. */
  get loaded(): boolean {
    return this.#loaded;
  }

  connect(doc: Y.Doc, whenLoaded: Promise<void>): () => void {
    const parts = ticketParts(doc);
    // The draft is left out: its textarea is bound to it, and re-reading the whole ticket
    // on every keystroke of a co-author would be wasted work.
    const roots = [
      parts.fields,
      parts.tags,
      parts.thread,
      parts.handoverMeta,
      parts.activity,
      parts.handover,
      parts.delivery
    ];
    return followDocument(doc, roots, whenLoaded, {
      read: readTicket,
      set: (ticket) => (this.#ticket = ticket),
      loaded: () => (this.#loaded = true)
    });
  }

  reset(): void {
    this.#ticket = null;
    this.#loaded = false;
  }
}
