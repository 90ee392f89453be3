import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterLoadSettles, whenIdle, type LoadingPage } from './schedule';

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

describe('afterLoadSettles', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function loadingPage(loaded: boolean) {
    const listeners = new Set<() => void>();
    const page: LoadingPage = {
      loaded,
      onLoad(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }
    };
    return { page, load: () => listeners.forEach((listener) => listener()) };
  }

  const timing = { settleMs: 3000, idleTimeoutMs: 3000 };

  it('waits for the load event, then the settling time, then for the browser to be idle', () => {
    vi.useFakeTimers();
    const { page, load } = loadingPage(false);
    const ran: string[] = [];
    afterLoadSettles(() => ran.push('registered'), timing, page);
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual([]);
    load();
    vi.advanceTimersByTime(3000);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(ran).toEqual(['registered']);
  });

  it('on a loaded page starts settling at once; cancelled, before or while settling, runs nothing', () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    afterLoadSettles(() => ran.push('loaded page'), timing, loadingPage(true).page);
    const loading = loadingPage(false);
    afterLoadSettles(() => ran.push('cancelled before load'), timing, loading.page)();
    const settling = loadingPage(true);
    const cancelSettling = afterLoadSettles(() => ran.push('cancelled'), timing, settling.page);
    vi.advanceTimersByTime(1000);
    cancelSettling();
    loading.load();
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual(['loaded page']);
  });
});
