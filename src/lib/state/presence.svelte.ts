/**
 * Who else has this ticket open, and who is typing a reply, from the live connection's
 * awareness. Our own state carries `user` (member id, name, colour), `typing` (true while
 * typing a reply; cleared after `idleMs` without a keystroke, and when leaving the page) and
 * `writing` (a reply or note the member has a draft of, private or shared, `setWriting`).
 * Remote awareness states come from other clients and are parsed, not trusted.
 *
 * Nobody is shown while this browser is offline (the socket may stay open for a while with
 * nothing coming through, so the last states heard would pass for current); when the socket
 * closes, y-websocket removes the remote states itself. Both come back with the connection.
 */
import type { Awareness } from 'y-protocols/awareness';
import { colorFor, peersFrom, type Peer } from './presence-peers';

export { colorFor, type Peer };

export class Presence {
  #peers = $state.raw<Peer[]>([]);
  #awareness: Awareness | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #idleMs: number;

  constructor(idleMs = 3000) {
    this.#idleMs = idleMs;
  }

  get peers(): readonly Peer[] {
    return this.#peers;
  }

  get typing(): readonly Peer[] {
    return this.#peers.filter((p) => p.typing);
  }

  /** Others who have a reply or a note on the go here ("X is writing a reply"). */
  get writing(): readonly Peer[] {
    return this.#peers.filter((p) => p.writing !== null);
  }

  /** What this member is writing on the ticket now: told to the others, never the text. */
  setWriting(kind: 'reply' | 'note' | null): void {
    const awareness = this.#awareness;
    if (!awareness) return;
    if ((awareness.getLocalState()?.writing ?? null) !== kind) {
      awareness.setLocalStateField('writing', kind);
    }
  }

  connect(awareness: Awareness, me: { id: string; name: string }): () => void {
    this.#awareness = awareness;
    awareness.setLocalStateField('user', { id: me.id, name: me.name, color: colorFor(me.id) });
    awareness.setLocalStateField('typing', false);
    const online = () => typeof navigator === 'undefined' || navigator.onLine;
    const refresh = () => {
      this.#peers = peersFrom(awareness.getStates(), awareness.clientID, me.id, online());
    };
    awareness.on('change', refresh);
    const hasWindow = typeof window !== 'undefined';
    if (hasWindow) {
      window.addEventListener('online', refresh);
      window.addEventListener('offline', refresh);
    }
    refresh();
    return () => {
      awareness.off('change', refresh);
      if (hasWindow) {
        window.removeEventListener('online', refresh);
        window.removeEventListener('offline', refresh);
      }
      this.#stopTyping();
      this.#awareness = null;
      this.#peers = [];
    };
  }

  /** Call on every keystroke in the reply: "typing" holds until `idleMs` of silence. */
  typed(): void {
    const awareness = this.#awareness;
    if (!awareness) return;
    if (awareness.getLocalState()?.typing !== true) awareness.setLocalStateField('typing', true);
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#stopTyping(), this.#idleMs);
  }

  #stopTyping(): void {
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = null;
    const awareness = this.#awareness;
    if (awareness && awareness.getLocalState()?.typing === true) {
      awareness.setLocalStateField('typing', false);
    }
  }

  reset(): void {
    this.#stopTyping();
    this.#peers = [];
  }
}
