/**
 * One ticket as plain data (`readTicket`), refreshed from the ticket document's changes at
 * most once per animation frame. The shared texts (draft, handover) are bound to their
 * textareas directly; this projection is for everything else on the ticket page.
 */
import type * as Y from 'yjs';
import { readTicket, ticketParts, type Ticket } from '$lib/domain/ticket';
import { cancelFrame, nextFrame } from './schedule';

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
    let frame: number | null = null;
    let stopped = false;
    const refresh = () => {
      frame = null;
      if (!stopped) this.#ticket = readTicket(doc);
    };
    const onChange = () => {
      if (frame === null) frame = nextFrame(refresh);
    };
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
    for (const root of roots) root.observeDeep(onChange);
    this.#ticket = readTicket(doc);
    void whenLoaded.then(() => {
      if (stopped) return;
      refresh();
      this.#loaded = true;
    });
    return () => {
      stopped = true;
      for (const root of roots) root.unobserveDeep(onChange);
      if (frame !== null) cancelFrame(frame);
    };
  }

  reset(): void {
    this.#ticket = null;
    this.#loaded = false;
  }
}
