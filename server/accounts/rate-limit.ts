/**
 * Fixed-window counters for sign-in, sign-up and password-reset attempts. In memory: one process
 * serves everything today; with several processes this moves to Redis like the rest of the
 * shared state.
 *
 * Two rules make the limits hold under load and keep strangers from locking people out:
 *
 * - **Reserve, then work.** `reserve` checks every key and counts a hit on all of them in one
 *   synchronous step, before the caller awaits anything (Argon2 runs on the thread pool). Thirty
 *   parallel guesses therefore meet a counter that already holds the earlier ones, and at most
 *   `max` of them get through. A hit that turns out not to count (a correct password) is given
 *   back with `refund`.
 * - **Key by who asks, not only by whom it is about.** Failures are counted per account *and*
 *   address pair and per address, so wrong passwords sent from one address block that address
 *   only. The limit per account from anywhere is far higher and is not applied to addresses the
 *   account signed in from before (`remember`): a distributed guesser is slowed down, the owner
 *   at their usual address is not.
 */
import { isIP } from 'node:net';
import type { Clock } from '../config.ts';

export interface Limit {
  /** How many hits the window allows. */
  max: number;
  windowMs: number;
}

export interface Counter {
  key: string;
  limit: Limit;
}

export type Reservation =
  | {
      ok: true;
      /** Gives back the hit on these keys (when what was tried turned out not to count). */
      refund(keys: readonly string[]): void;
    }
  | { ok: false; retryAfterMs: number };

interface Window {
  start: number;
  count: number;
  windowMs: number;
}

/** Past this many windows the expired ones are swept; the map never grows without bound. */
const SWEEP_AT = 50_000;

export class RateLimiter {
  readonly #clock: Clock;
  readonly #windows = new Map<string, Window>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Milliseconds until `key` may try again, or 0 when it may now. Does not count a hit. */
  blockedFor(key: string, limit: Limit): number {
    const window = this.#current(key, limit);
    if (!window || window.count < limit.max) return 0;
    return window.start + limit.windowMs - this.#clock.now();
  }

  /**
   * Counts one hit on every counter, or on none when any of them is at its limit (then the
   * longest wait). Synchronous: nothing can slip in between the check and the count.
   */
  reserve(counters: readonly Counter[]): Reservation {
    const wait = Math.max(0, ...counters.map((c) => this.blockedFor(c.key, c.limit)));
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    const taken = counters.map((c) => ({ key: c.key, window: this.#hit(c.key, c.limit) }));
    return {
      ok: true,
      refund: (keys) => {
        for (const { key, window } of taken) {
          // Only the window the hit went into; a new window never goes below zero.
          if (keys.includes(key) && this.#windows.get(key) === window && window.count > 0) {
            window.count--;
          }
        }
      }
    };
  }

  hit(key: string, limit: Limit): void {
    this.#hit(key, limit);
  }

  clear(key: string): void {
    this.#windows.delete(key);
  }

  /** Notes `key` for `ttlMs` (an address an account signed in from). */
  remember(key: string, ttlMs: number): void {
    this.#windows.set(key, { start: this.#clock.now(), count: 1, windowMs: ttlMs });
    if (this.#windows.size > SWEEP_AT) this.#sweep();
  }

  remembers(key: string): boolean {
    const window = this.#windows.get(key);
    return window !== undefined && this.#clock.now() < window.start + window.windowMs;
  }

  #hit(key: string, limit: Limit): Window {
    const now = this.#clock.now();
    let window = this.#current(key, limit);
    if (window) window.count++;
    else {
      window = { start: now, count: 1, windowMs: limit.windowMs };
      this.#windows.set(key, window);
    }
    if (this.#windows.size > SWEEP_AT) this.#sweep();
    return window;
  }

  #current(key: string, limit: Limit): Window | null {
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LIMITS = {
  /** Failed sign-ins from one address, whatever the account (a success gives its hit back). */
  signInPerIp: { max: 30, windowMs: 15 * MINUTE },
  /** Failed sign-ins for one account from one address. */
  signInPerPair: { max: 5, windowMs: 15 * MINUTE },
  /**
   * Failed sign-ins for one account from anywhere: a distributed guesser's ceiling. Not applied
   * to addresses the account signed in from within `knownAddressMs`.
   */
  signInPerAccount: { max: 50, windowMs: 15 * MINUTE },
  signUpPerIp: { max: 10, windowMs: HOUR },
  /** Reset requests from one address, whatever the account. */
  resetPerIp: { max: 10, windowMs: HOUR },
  /** Reset requests for one account from one address. */
  resetPerPair: { max: 3, windowMs: HOUR },
  /**
   * Reset mails for one account from anywhere (a mail-bomb ceiling). Past it the request is
   * answered like any other and no mail is sent, so the answer tells nothing; addresses the
   * account signed in from are not counted against it.
   */
  resetMailsPerAccount: { max: 10, windowMs: HOUR }
} satisfies Record<string, Limit>;

/** How long an address an account signed in from counts as the owner's. */
export const KNOWN_ADDRESS_MS = 30 * 24 * HOUR;

/**
 * The part of a client address that limits count by. IPv6 hosts are handed whole /64 networks,
 * so a guesser could take a fresh address per try: the /64 is what counts. An IPv4 address
 * mapped into IPv6 counts as itself; an unknown address is `?` (one shared bucket).
 */
export function addressKey(ip: string | null): string {
  if (ip === null || isIP(ip) === 0) return '?';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) === 4) return ip;
  const [head = '', tail] = (ip.split('%')[0] ?? '').toLowerCase().split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...front,
    ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'),
    ...back
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function retryMessage(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
