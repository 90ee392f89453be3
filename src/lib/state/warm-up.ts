/**
 * One-time costs of the first screen, paid before its data arrives. A fresh page pays on first
 * use for the locale data behind `Intl`'s formatters and for the parsers zod builds lazily for
 * each schema: on a phone, 50–100 ms that would otherwise land in the one frame that first
 * shows the tickets. On a first visit the tickets come over the network and the main thread
 * waits meanwhile: the first step runs in the task after the page's first paint, each next
 * one in a later idle period, a task of its own, so none of them holds the thread long either. A step that comes too late costs nothing
 * twice: what it builds is kept, and the screen that needed it already built it.
 */
import { afterPaint } from './after-paint';
import { whenIdle } from './schedule';

export function warmUp(steps: readonly (() => unknown)[]): () => void {
  let next = 0;
  let cancel = afterPaint(run);
  function run() {
    const step = steps[next++];
    if (step === undefined) return;
    step();
    cancel = whenIdle(run, 1000);
  }
  return () => cancel();
}
