/**
 * Fixed-window counters for sign-in, sign-up and password-reset attempts, per IP address and
 * per account. In memory: one process serves everything today; with several processes this
 * moves to Redis like the rest of the shared state.
 */
import type { Clock } from '../config.ts';

export interface Limit {
  /** How many hits the window allows. */
  max: number;
  windowMs: number;
}

export class RateLimiter {
  readonly #clock: Clock;
  readonly #windows = new Map<string, { start: number; count: number; windowMs: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Milliseconds until `key` may try again, or 0 when it may now. Does not count a hit. */
  blockedFor(key: string, limit: Limit): number {
    const window = this.#current(key, limit);
    if (!window || window.count < limit.max) return 0;
    return window.start + limit.windowMs - this.#clock.now();
  }

  hit(key: string, limit: Limit): void {
    const now = this.#clock.now();
    const window = this.#current(key, limit);
    if (window) window.count++;
    else this.#windows.set(key, { start: now, count: 1, windowMs: limit.windowMs });
    if (this.#windows.size > 50_000) this.#sweep();
  }

  clear(key: string): void {
    this.#windows.delete(key);
  }

  #current(key: string, limit: Limit) {
    const window = this.#windows.get(key);
    if (!window) return null;
    if (this.#clock.now() >= window.start + limit.windowMs) {
      this.#windows.delete(key);
      return null;
    }
    return window;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, window] of this.#windows) {
      if (now >= window.start + window.windowMs) this.#windows.delete(key);
    }
  }
}

export const LIMITS = {
  /** Attempts to sign in from one address. */
  signInPerIp: { max: 30, windowMs: 15 * 60_000 },
  /** Failed sign-ins for one account, from anywhere. */
  signInPerAccount: { max: 5, windowMs: 15 * 60_000 },
  signUpPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerAccount: { max: 3, windowMs: 60 * 60_000 }
} satisfies Record<string, Limit>;

export function retryMessage(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
