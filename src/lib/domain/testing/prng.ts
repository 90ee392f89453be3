/**
 * A seeded random generator for tests: the same seed gives the same run, so a failing
 * convergence run can be replayed by its seed. A thin layer over lib0's Xoroshiro128+,
 * the generator the Yjs test suite itself uses.
 */
import * as prng from 'lib0/prng';

export class Rng {
  readonly #gen: prng.PRNG;

  constructor(readonly seed: number) {
    this.#gen = prng.create(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#gen.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return prng.int32(this.#gen, min, max);
  }

  bool(): boolean {
    return prng.bool(this.#gen);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Lowercase letters, `min` to `max` of them. */
  word(min = 1, max = 8): string {
    let out = '';
    const length = this.int(min, max);
    for (let i = 0; i < length; i++) out += prng.letter(this.#gen);
    return out;
  }

  bytes(length: number): Uint8Array {
    return prng.uint8Array(this.#gen, length);
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
