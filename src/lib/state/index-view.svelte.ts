/**
 * The workspace index as plain data for the board, lists and team pages. The Y.Doc stays
 * outside of Svelte's reactivity; a `$state.raw` snapshot (from `readIndex`) is replaced at
 * most once per animation frame however many changes arrive, so a burst of remote updates
 * costs one re-render.
 *
 * With a `SnapshotCache`, the last snapshot is also kept as JSON: on a cold start it is
 * shown (`ready`) while the document is still being decoded from IndexedDB, and replaced by
 * the document's own snapshot as soon as that has loaded (`loaded`).
 */
import type * as Y from 'yjs';
import { indexParts, readIndex, type IndexSnapshot } from '$lib/domain/workspace-index';
import type { SnapshotCache } from '$lib/sync/snapshot-cache';
import { parseCachedSnapshot, serializeSnapshot } from './index-snapshot';
import { cancelFrame, nextFrame, whenIdle } from './schedule';

const EMPTY: IndexSnapshot = { tickets: [], customers: new Map(), members: new Map() };

export class IndexView {
  #snapshot = $state.raw<IndexSnapshot>(EMPTY);
  #loaded = $state(false);
  #cached = $state(false);

  get snapshot(): IndexSnapshot {
    return this.#snapshot;
  }

  /** The document itself has loaded from IndexedDB. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Something can be shown: the document, or the cached snapshot while it loads. */
  get ready(): boolean {
    return this.#loaded || this.#cached;
  }

  /**
   * Shows the cached snapshot, unless the document has loaded already. Resolves whether it
   * showed one.
   */
  async showCached(cache: { store: SnapshotCache; key: string }): Promise<boolean> {
    const cached = parseCachedSnapshot(await cache.store.read(cache.key));
    if (!cached || this.#loaded) return false;
    this.#snapshot = cached;
    this.#cached = true;
    return true;
  }

  /**
   * Projects `doc` until the returned cleanup runs (use it as an `$effect`'s return); with a
   * cache, the snapshot is also saved there (when idle) after it changed.
   */
  connect(
    doc: Y.Doc,
    whenLoaded: Promise<void>,
    cache?: { store: SnapshotCache; key: string }
  ): () => void {
    let frame: number | null = null;
    let stopped = false;
    let saveQueued = false;
    let savedOnce = false;
    const save = () => {
      saveQueued = false;
      if (!stopped && cache) void cache.store.write(cache.key, serializeSnapshot(this.#snapshot));
    };
    const refresh = () => {
      frame = null;
      if (stopped) return;
      this.#snapshot = readIndex(doc);
      if (!cache || !this.#loaded || saveQueued) return;
      saveQueued = true;
      // The first save right away: a page may be closed soon after it opened (the next cold
      // start should still find a snapshot); later ones when the browser is idle.
      if (savedOnce) whenIdle(save, 5000);
      else setTimeout(save, 0);
      savedOnce = true;
    };
    const onChange = () => {
      if (frame === null) frame = nextFrame(refresh);
    };
    const parts = indexParts(doc);
    const roots = [parts.tickets, parts.customers, parts.members];
    for (const root of roots) root.observeDeep(onChange);
    void whenLoaded.then(() => {
      if (stopped) return;
      this.#loaded = true;
      refresh();
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
    this.#cached = false;
  }
}
