/**
 * What a page mounts below or beside its first frame (#14): `shown` turns true once a frame
 * has painted after `ready()` first held, and stays true. Create it while a component
 * initialises (it owns an effect).
 */
import { afterPaint } from './after-paint';

export class ShownAfterPaint {
  #shown = $state(false);

  constructor(ready: () => boolean) {
    // A boolean, so that the effect re-runs when readiness changes, not on every change of
    // what `ready` reads (which would cancel the pending frame again and again).
    const isReady = $derived(ready());
    $effect(() => {
      if (isReady && !this.#shown) return afterPaint(() => (this.#shown = true));
    });
  }

  get shown(): boolean {
    return this.#shown;
  }
}
