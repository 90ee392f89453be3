/**
 * Work that should wait until the frame now being prepared has painted (#14: a page's first
 * frame shows what was asked for, and what is beside or below it mounts on the next one).
 *
 * A task queued from an animation frame callback runs after that frame's style, layout and
 * paint, so `callback` comes one frame later at the earliest. A hidden page paints no frames
 * (its animation frames wait until it shows): there `callback` runs at once.
 */
export function afterPaint(callback: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    callback();
    return () => {};
  }
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    task = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}
