import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './schedule';

describe('whenIdle', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('without requestIdleCallback, runs after a short delay, and not once cancelled', () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    whenIdle(() => ran.push('first'), 5000);
    const cancel = whenIdle(() => ran.push('cancelled'), 5000);
    cancel();
    vi.advanceTimersByTime(199);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['first']);
  });

  it('uses requestIdleCallback with the timeout where the browser has it', () => {
    const calls: { timeout?: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void, options: { timeout?: number }) => {
      calls.push(options);
      cb();
      return 7;
    });
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    let ran = false;
    const cancel = whenIdle(() => (ran = true), 2000);
    expect(ran).toBe(true);
    expect(calls).toEqual([{ timeout: 2000 }]);
    cancel();
    expect(cancelled).toEqual([7]);
  });
});
