/**
 * How many rows of a long list to render now. The first screenful renders with the page; the
 * rest unfold one slice per task after it, so that no single task holds a phone's main thread
 * (and the member's first tap) for long: rendering sixty triage rows at once was one of the
 * longest tasks of the first visit (`bench/run.ts lighthouse`). Once a list has unfolded, it
 * stays whole while it changes.
 *
 *     const unfolding = new Unfolding(12);
 *     $effect(() => unfolding.towards(rows.length));
 *     const shown = $derived(rows.slice(0, unfolding.count));
 */
export class Unfolding {
  #count = $state(0);
  readonly #step: number;

  /** `first` rows at once, then `step` more per task. */
  constructor(first: number, step = first) {
    this.#count = first;
    this.#step = step;
  }

  /** How many rows may render now. */
  get count(): number {
    return this.#count;
  }

  /**
   * Unfolds towards `wanted` rows: the next slice comes in a task of its own. Call it from an
   * effect and return what it returns, so a destroyed list schedules nothing more.
   */
  towards(wanted: number): (() => void) | undefined {
    const count = this.#count;
    if (count >= wanted) return undefined;
    const timer = setTimeout(() => {
      this.#count = Math.min(wanted, count + this.#step);
    }, 0);
    return () => clearTimeout(timer);
  }
}
