import type { Timers } from '../timers';

/** Timers that run only when the test advances time; `scheduled()` counts those waiting. */
export function manualTimers() {
  let now = 0;
  const timers = new Set<{ at: number; run: () => void }>();
  const clock: Timers = {
    later(run, ms) {
      const timer = { at: now + ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    }
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers]) {
      if (timer.at <= now) {
        timers.delete(timer);
        timer.run();
      }
    }
  };
  return { clock, advance, scheduled: () => timers.size };
}
