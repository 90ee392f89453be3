import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Unfolding } from './unfolding.svelte';

describe('Unfolding', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renders the first rows at once and one slice more per task up to what is wanted', () => {
    const unfolding = new Unfolding(12);
    expect(unfolding.count).toBe(12);
    const counts: number[] = [];
    while (unfolding.towards(30)) {
      expect(unfolding.count, 'nothing more before the next task').toBe(counts.at(-1) ?? 12);
      vi.runOnlyPendingTimers();
      counts.push(unfolding.count);
    }
    expect(counts).toEqual([24, 30]);
    expect(unfolding.towards(10), 'a shorter list needs nothing').toBeUndefined();
  });

  it('schedules nothing more once its list is gone', () => {
    const unfolding = new Unfolding(5, 10);
    const stop = unfolding.towards(100);
    stop?.();
    vi.runAllTimers();
    expect(unfolding.count).toBe(5);
  });
});
