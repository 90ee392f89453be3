/** Timers, injected where a test needs to move time by hand (the sync status, prefetch pacing). */
export interface Timers {
  /** Runs `run` after `ms`; returns a function that cancels it. */
  later(run: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  later(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  }
};
