import { describe, expect, it } from 'vitest';
import { PrefetchPacer } from './prefetch-pacer';
import { manualTimers } from './testing/manual-timers';

describe('PrefetchPacer', () => {
  it('runs while the list keeps changing (a swipe every second does not postpone it)', () => {
    const { clock, advance } = manualTimers();
    let runs = 0;
    const pacer = new PrefetchPacer(
      () => {
        runs++;
        return new Promise<void>(() => undefined);
      },
      3000,
      clock
    );
    for (let second = 0; second < 6; second++) {
      pacer.request();
      advance(1000);
    }
    expect(runs).toBe(1);
  });

  it('plans the next run only after the current one ended, at most one per delay', async () => {
    const { clock, advance } = manualTimers();
    let runs = 0;
    let finish = () => {};
    const pacer = new PrefetchPacer(
      () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      3000,
      clock
    );
    pacer.request();
    advance(3000);
    expect(runs).toBe(1);
    pacer.request();
    pacer.request();
    expect(pacer.planned).toBe(false);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(pacer.planned).toBe(true);
    advance(2999);
    expect(runs).toBe(1);
    advance(1);
    expect(runs).toBe(2);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    // Nothing asked for meanwhile: nothing more planned.
    expect(pacer.planned).toBe(false);
    pacer.stop();
    pacer.request();
    expect(pacer.planned).toBe(false);
  });
});
