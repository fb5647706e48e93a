/**
 * hopcode/bench/bit-flips — the benchmarks' binary symmetric channel on bytes: every bit of
 * a buffer flipped independently with probability p, by geometric gaps between flips (one
 * random number per flip, not per bit). `hopcode corrupt` draws the same gaps on a stream.
 */
import type { Rng } from '../util/rng.js';

/** Flip each bit of b in place with probability p (0 < p < 1) from rng; returns the flip count. */
export function flipBitsIid(b: Uint8Array, p: number, rng: Rng): number {
  const gap = (): number => Math.floor(Math.log(1 - rng.double()) / Math.log1p(-p));
  let flips = 0;
  for (let t = gap(); t < b.length * 8; t += 1 + gap()) {
    b[t >>> 3]! ^= 1 << (t & 7);
    flips++;
  }
  return flips;
}
