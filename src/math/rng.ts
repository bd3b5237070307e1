/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32). Every random
 * choice in knobs flows from one of these, so the same seed gives the same trajectory.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.uint32() >>> 5;
    const lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** A standard normal deviate (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    for (;;) {
      const u = 2 * this.random() - 1;
      const v = 2 * this.random() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        return u * m;
      }
    }
  }

  /** Picks one element uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Shuffles in place (Fisher-Yates) and returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Mixes a seed with keys (numbers or strings) into a new 32-bit seed, so that each
 * (seed, trial number, purpose) gets an independent stream that does not depend on
 * what was drawn before: a resumed study draws what an uninterrupted one would.
 */
export function deriveSeed(seed: number, ...keys: (number | string)[]): number {
  let h = (seed >>> 0) ^ 0x811c9dc5;
  const mix = (value: number) => {
    h = Math.imul(h ^ value, 0x01000193) >>> 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
  };
  for (const key of keys) {
    if (typeof key === "number") {
      mix(key >>> 0);
      mix(Math.floor(key / 4294967296) >>> 0);
    } else {
      for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
      mix(key.length);
    }
  }
  return h >>> 0;
}

/** An Rng for one purpose of one seed, e.g. `rngFor(seed, "random", trialNumber)`. */
export function rngFor(seed: number, ...keys: (number | string)[]): Rng {
  return new Rng(deriveSeed(seed, ...keys));
}
