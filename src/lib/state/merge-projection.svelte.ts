/**
 * A ticket's merges and splits as plain data (`readMergeState`), refreshed from the ticket
 * document's `merge` and `copies` roots at most once per frame: what the ticket page needs for
 * the "Merged into / from" banners, the copied messages in the thread and the split marks.
 */
import type * as Y from 'yjs';
import { COPIES_ROOT, MERGE_ROOT, readMergeState, type MergeState } from '$lib/domain/merge';
import { followDocument } from './doc-projection';

const EMPTY: MergeState = {
  mergedInto: null,
  overruled: [],
  mergedFrom: [],
  notApplied: [],
  splitTo: [],
  splitFrom: null,
  undone: new Set(),
  copies: []
};

export class MergeProjection {
  #state = $state.raw<MergeState>(EMPTY);

  get state(): MergeState {
    return this.#state;
  }

  connect(doc: Y.Doc, whenLoaded: Promise<void>): () => void {
    return followDocument(doc, [doc.getMap(MERGE_ROOT), doc.getArray(COPIES_ROOT)], whenLoaded, {
      read: readMergeState,
      set: (state) => (this.#state = state),
      loaded: () => undefined
    });
  }

  reset(): void {
    this.#state = EMPTY;
  }
}

/** What the thread shows on a message about merges and splits (links already resolved). */
export interface ThreadMarks {
  /** A copy: the ticket it was first written in. */
  from: { href: string; label: string } | null;
  /** Split off into this ticket (the message stays here too). */
  splitTo: { href: string; label: string } | null;
}
