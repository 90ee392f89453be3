/**
 * Browser scheduling, with stand-ins where it is missing (Safari has no idle callbacks; Node
 * has neither).
 */

/** Runs `callback` before the next frame paints (every 16 ms without animation frames). */
export const nextFrame: (callback: () => void) => number =
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame
    : (callback) => setTimeout(callback, 16) as unknown as number;

export const cancelFrame: (id: number) => void =
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id) => clearTimeout(id);

/**
 * Runs `callback` when the browser is idle (at the latest after `timeoutMs`), or after a short
 * delay where `requestIdleCallback` does not exist (Safari, Node). Returns a cancel function.
 */
export function whenIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(callback, Math.min(200, timeoutMs));
  return () => clearTimeout(timer);
}
