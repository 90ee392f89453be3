/** A ticking "now" for ages and local times; one per app, started by the layout. */
export class Clock {
  #now = $state(Date.now());

  get now(): number {
    return this.#now;
  }

  /** Ticks every `intervalMs`; returns the cleanup for an `$effect`. */
  start(intervalMs: number, read: () => number = Date.now): () => void {
    this.#now = read();
    const id = setInterval(() => (this.#now = read()), intervalMs);
    return () => clearInterval(id);
  }

  reset(now = Date.now()): void {
    this.#now = now;
  }
}
