/**
 * The workspace settings document (`ws/<id>/settings`) as plain data (`readSettings`):
 * calendars, SLA policies, views, canned replies, routing. Every member reads it (the ticket
 * page's SLA clocks, the summaries an agent writes); owners and admins write it. The Y.Doc
 * stays outside of Svelte's reactivity; the `$state.raw` snapshot is replaced at most once per
 * frame.
 */
import type * as Y from 'yjs';
import { EMPTY_SETTINGS, readSettings, SETTINGS_ROOTS, type Settings } from '$lib/domain/settings';
import { followDocument } from './doc-projection';

const EMPTY: Settings = EMPTY_SETTINGS;

export class SettingsView {
  #settings = $state.raw<Settings>(EMPTY);
  #loaded = $state(false);

  get settings(): Settings {
    return this.#settings;
  }

  /** The document has loaded from this device's copy. */
  get loaded(): boolean {
    return this.#loaded;
  }

  connect(doc: Y.Doc, whenLoaded: Promise<void>): () => void {
    return followDocument(
      doc,
      Object.keys(SETTINGS_ROOTS).map((name) => doc.getMap(name)),
      whenLoaded,
      {
        read: readSettings,
        set: (settings) => (this.#settings = settings),
        loaded: () => (this.#loaded = true)
      }
    );
  }

  reset(): void {
    this.#settings = EMPTY;
    this.#loaded = false;
  }
}
