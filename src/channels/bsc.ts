/**
 * hopcode/channels/bsc — the binary symmetric channel BSC(p).
 *
 * Each bit is flipped independently with probability p. The LLR of a received bit y
 * is L = (1 − 2y) · ln((1 − p)/p) (±∞ at p = 0, 0 at p = ½). Capacity
 * C = 1 − H2(p); the Shannon limit of a rate-R code is the p* with 1 − H2(p*) = R
 * (p* = 0.1100 at R = ½), found by bisection on [0, ½] where H2 is increasing.
 */
import type { Rng } from '../util/rng.js';
import { bernoulliMask, bernoulliMaskWords } from './bernoulli.js';
import { binaryEntropy, checkLength, checkProbability, type Channel, type ReceivedFrame, type ReceivedWords } from './channel.js';

/** |LLR| of a BSC(p) output: ln((1 − p)/p); +∞ at p = 0. */
export function bscLlrMagnitude(p: number): number {
  checkProbability('bsc', 'p', p);
  return Math.log((1 - p) / p);
}

/** Flip mask of one frame: 1 where the channel flipped the bit. */
export function bscFlips(n: number, p: number, rng: Rng, out = new Uint8Array(n)): Uint8Array {
  checkProbability('bsc', 'p', p);
  checkLength('bsc', out.length, n, 'the flip buffer');
  return bernoulliMask(n, p, rng, out);
}

/**
 * Flip masks of 32 frames, bit-sliced (bit f of word i: frame f flips bit i). Draws
 * frame 0's flips first, then frame 1's …: the same stream use as 32 `bscFlips` calls.
 */
export function bscFlipWords(n: number, p: number, rng: Rng, out = new Uint32Array(n)): Uint32Array {
  checkProbability('bsc', 'p', p);
  checkLength('bsc', out.length, n, 'the flip word buffer');
  return bernoulliMaskWords(n, p, rng, out);
}

/** BSC(p): the per-frame reference path and the 32-frame word path. */
export class BscChannel implements Channel {
  readonly kind = 'bsc' as const;
  readonly label: string;
  constructor(readonly noise: number) {
    checkProbability('bsc', 'p', noise);
    this.label = `BSC(p=${noise})`;
  }

  transmit(x: Uint8Array, rng: Rng): ReceivedFrame {
    const n = x.length;
    const hard = bscFlips(n, this.noise, rng);
    const mag = Math.log((1 - this.noise) / this.noise);
    const llr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const y = hard[i]! ^ x[i]!;
      hard[i] = y;
      llr[i] = y ? -mag : mag;
    }
    return { hard, llr };
  }

  transmitWords(x: Uint32Array, rng: Rng): ReceivedWords {
    const hard = bscFlipWords(x.length, this.noise, rng);
    for (let i = 0; i < x.length; i++) hard[i] = (hard[i]! ^ x[i]!) >>> 0;
    return { hard };
  }
}

/** Shannon limit of BSC for rate R ∈ [0, 1]: the p ∈ [0, ½] with 1 − H2(p) = R. */
export function shannonLimitBsc(rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`hopcode/bsc: rate must lie in [0, 1], got ${rate}`);
  let lo = 0;
  let hi = 0.5;
  for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
    const mid = (lo + hi) / 2;
    if (1 - binaryEntropy(mid) > rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
