/**
 * hopcode/rng — seeded, splittable pseudo-random streams.
 *
 * Reproducibility contract (STYLE.md §5): a random stream is a pure function of
 * (master seed, key tuple), so a chunk of frames gets the same numbers whichever
 * worker runs it. Keys are mixed with the splitmix32 finaliser into the 128-bit
 * state of sfc32 (Chris Doty-Humphrey's small fast counting generator), which is
 * fast in 32-bit JavaScript arithmetic and passes PractRand to 2^40+.
 * seedrandom only turns a user's seed (string or number) into the master seed: it
 * is far too slow for inner loops.
 */
import seedrandom from 'seedrandom';

/** Turn a user-visible seed (number or string) into a 32-bit master seed. */
export function masterSeed(seed: number | string): number {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new Error(`hopcode/rng: seed must be a finite number or a string, got ${seed}`);
  }
  return seedrandom(`hopcode:${String(seed)}`).int32() >>> 0;
}

/** splitmix32 finaliser: a bijective avalanche mix of one 32-bit word. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hash a tuple of 32-bit integers into one 32-bit word (order-sensitive). */
export function hashTuple(keys: readonly number[]): number {
  let h = 0x1b873593;
  for (const k of keys) h = mix32((h ^ mix32(k >>> 0)) + 0x632be5ab);
  return h;
}

/** sfc32 generator. `next()` returns a uniform unsigned 32-bit integer. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The stream identified by (master seed, ...keys). */
  static stream(seed: number, ...keys: number[]): Rng {
    const h = hashTuple([seed, ...keys]);
    return new Rng(mix32(h), mix32(h ^ 0xa5a5a5a5), mix32(h + 0x3c6ef372), 1);
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform float in [0, 1) with 53 bits of resolution. */
  double(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }

  /** Uniform integer in [0, n), n ≤ 2^32, without modulo bias. */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    let v = this.next();
    while (v >= limit) v = this.next();
    return v % n;
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }
}
