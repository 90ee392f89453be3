import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './after-paint';

/** Animation frames run by hand: `frames` holds the callbacks of the frame being prepared. */
function stubFrames(visibilityState: 'visible' | 'hidden') {
  const frames = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  vi.stubGlobal('document', { visibilityState });
  return {
    paintFrame() {
      const callbacks = [...frames.values()];
      frames.clear();
      for (const callback of callbacks) callback();
    }
  };
}

describe('afterPaint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs in a task after the next frame, not before it', () => {
    vi.useFakeTimers();
    const browser = stubFrames('visible');
    const ran: string[] = [];
    afterPaint(() => ran.push('rest'));
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
    browser.paintFrame();
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['rest']);
  });

  it('does not run once cancelled, before or after the frame', () => {
    vi.useFakeTimers();
    const browser = stubFrames('visible');
    const ran: string[] = [];
    afterPaint(() => ran.push('before'))();
    const cancelAfterFrame = afterPaint(() => ran.push('after'));
    browser.paintFrame();
    cancelAfterFrame();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
  });

  it('runs at once on a hidden page, which paints no frames', () => {
    stubFrames('hidden');
    let ran = false;
    afterPaint(() => (ran = true));
    expect(ran).toBe(true);
  });
});
