/**
 * The workspace index as plain data for the board, lists and team pages. The Y.Doc stays
 * outside of Svelte's reactivity; a `$state.raw` snapshot (from `readIndex`) is replaced at
 * most once per animation frame however many changes arrive, so a burst of remote updates
 * costs one re-render.
 */
import type * as Y from 'yjs';
import { indexParts, readIndex, type IndexSnapshot } from '$lib/domain/workspace-index';

const EMPTY: IndexSnapshot = { tickets: [], customers: new Map(), members: new Map() };

const nextFrame: (cb: () => void) => number =
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame
    : (cb) => setTimeout(cb, 16) as unknown as number;
const cancelFrame: (id: number) => void =
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id) => clearTimeout(id);

export class IndexProjection {
  #snapshot = $state.raw<IndexSnapshot>(EMPTY);
  #loaded = $state(false);

  get snapshot(): IndexSnapshot {
    return this.#snapshot;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** Projects `doc` until the returned cleanup runs (use it as an `$effect`'s return). */
  connect(doc: Y.Doc, whenLoaded: Promise<void>): () => void {
    let frame: number | null = null;
    let stopped = false;
    const refresh = () => {
      frame = null;
      if (!stopped) this.#snapshot = readIndex(doc);
    };
    const onChange = () => {
      if (frame === null) frame = nextFrame(refresh);
    };
    const parts = indexParts(doc);
    const roots = [parts.tickets, parts.customers, parts.members];
    for (const root of roots) root.observeDeep(onChange);
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
    this.#snapshot = EMPTY;
    this.#loaded = false;
  }
}
