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

/** A page that is loading or has loaded: the document, or a stand-in in tests. */
export interface LoadingPage {
  readonly loaded: boolean;
  /** Calls `listener` once, at the `load` event; returns a function that stops listening. */
  onLoad(listener: () => void): () => void;
}

const browserPage: LoadingPage = {
  get loaded() {
    return document.readyState === 'complete';
  },
  onLoad(listener) {
    window.addEventListener('load', listener, { once: true });
    return () => window.removeEventListener('load', listener);
  }
};

/**
 * Runs `callback` `settleMs` after the page has loaded (its `load` event), when the browser is
 * next idle (at the latest `idleTimeoutMs` later). Returns a cancel function.
 */
export function afterLoadSettles(
  callback: () => void,
  { settleMs, idleTimeoutMs }: { settleMs: number; idleTimeoutMs: number },
  page: LoadingPage = browserPage
): () => void {
  let cancelIdle = () => {};
  const loaded = () => {
    const timer = setTimeout(() => (cancelIdle = whenIdle(callback, idleTimeoutMs)), settleMs);
    cancelIdle = () => clearTimeout(timer);
  };
  if (page.loaded) {
    loaded();
    return () => cancelIdle();
  }
  const stopListening = page.onLoad(loaded);
  return () => {
    stopListening();
    cancelIdle();
  };
}
