/**
 * When to prefetch documents for offline use while the list they come from keeps changing.
 *
 * A debounce ("3 s after the list was last still") never ran while someone triaged: every
 * swipe changes the index, so the wait started over and tickets stayed unsaved. The pacer
 * throttles instead: the first request starts a run `delayMs` later, requests meanwhile or
 * during the run do not postpone it, and a request made during a run starts the next one
 * `delayMs` after it ended — at most one run every few seconds, and never starved.
 */
import { realTimers, type Timers } from './timers';

export class PrefetchPacer {
  readonly #run: () => Promise<void>;
  readonly #delayMs: number;
  readonly #clock: Timers;
  #cancel: (() => void) | null = null;
  #running = false;
  #again = false;
  #stopped = false;

  constructor(run: () => Promise<void>, delayMs = 3000, clock: Timers = realTimers) {
    this.#run = run;
    this.#delayMs = delayMs;
    this.#clock = clock;
  }

  /** Something changed: make sure a run happens soon (does not postpone a planned one). */
  request(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#cancel) return;
    this.#cancel = this.#clock.later(() => {
      this.#cancel = null;
      void this.#start();
    }, this.#delayMs);
  }

  /** Whether a run is planned (for tests). */
  get planned(): boolean {
    return this.#cancel !== null;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel?.();
    this.#cancel = null;
  }

  async #start(): Promise<void> {
    this.#running = true;
    try {
      await this.#run();
    } catch (error) {
      console.warn('Prefetch failed', error);
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.request();
      }
    }
  }
}
