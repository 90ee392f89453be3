import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUp } from './warm-up';

/** Animation frames and idle periods run by hand. */
function stubBrowser() {
  const frames = new Map<number, () => void>();
  const idle = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('document', { visibilityState: 'visible' });
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => {
    idle.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => idle.delete(id));
  return {
    paintFrame() {
      const waiting = [...frames.values()];
      frames.clear();
      for (const callback of waiting) callback();
      vi.advanceTimersByTime(0);
    },
    /** One idle period: runs the callbacks that were waiting for it. */
    idle() {
      const waiting = [...idle.values()];
      idle.clear();
      for (const callback of waiting) callback();
    }
  };
}

describe('warmUp', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs nothing before the first paint, then one step per idle task', () => {
    vi.useFakeTimers();
    const browser = stubBrowser();
    const ran: string[] = [];
    warmUp([() => ran.push('formatters'), () => ran.push('parsers'), () => ran.push('third')]);
    expect(ran).toEqual([]);
    browser.paintFrame();
    expect(ran).toEqual(['formatters']);
    browser.idle();
    expect(ran).toEqual(['formatters', 'parsers']);
    browser.idle();
    browser.idle();
    expect(ran).toEqual(['formatters', 'parsers', 'third']);
  });

  it('runs no further step once cancelled', () => {
    vi.useFakeTimers();
    const browser = stubBrowser();
    const ran: string[] = [];
    const cancel = warmUp([() => ran.push('formatters'), () => ran.push('parsers')]);
    browser.paintFrame();
    cancel();
    browser.idle();
    expect(ran).toEqual(['formatters']);
    const cancelledEarly = warmUp([() => ran.push('never')]);
    cancelledEarly();
    browser.paintFrame();
    expect(ran).toEqual(['formatters']);
  });
});
