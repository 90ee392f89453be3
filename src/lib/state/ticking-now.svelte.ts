/**
 * A ticking "now" for ages and local times; one per app, started by the layout. Not a clock
 * port: the server's `Clock` (`server/config.ts`) is an injected time source; this is the
 * reactive value pages render ages from.
 */
export class TickingNow {
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
