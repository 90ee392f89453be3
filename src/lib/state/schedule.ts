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
