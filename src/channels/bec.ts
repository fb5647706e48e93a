/**
 * hopcode/channels/bec — the binary erasure channel BEC(e).
 *
 * Each bit is erased independently with probability e; the decoder knows which
 * (an erasure mask), and an unerased bit is always right. LLR: 0 on an erasure,
 * ±∞ elsewhere. Capacity C = 1 − e, so the Shannon limit of a rate-R code is
 * e* = 1 − R.
 */
import type { Rng } from '../util/rng.js';
import { bernoulliMask, bernoulliMaskWords } from './bernoulli.js';
import { checkLength, checkProbability, type Channel, type ReceivedFrame, type ReceivedWords } from './channel.js';

/** Erasure mask of one frame (1 = erased). */
export function becErasures(n: number, e: number, rng: Rng, out = new Uint8Array(n)): Uint8Array {
  checkProbability('bec', 'e', e);
  checkLength('bec', out.length, n, 'the erasure buffer');
  return bernoulliMask(n, e, rng, out);
}

/** Erasure masks of 32 frames, bit-sliced; same stream use as 32 `becErasures` calls. */
export function becErasureWords(n: number, e: number, rng: Rng, out = new Uint32Array(n)): Uint32Array {
  checkProbability('bec', 'e', e);
  checkLength('bec', out.length, n, 'the erasure word buffer');
  return bernoulliMaskWords(n, e, rng, out);
}

/** BEC(e): erased positions get value 0 and LLR 0, the others their true bit. */
export class BecChannel implements Channel {
  readonly kind = 'bec' as const;
  readonly label: string;
  constructor(readonly noise: number) {
    checkProbability('bec', 'e', noise);
    this.label = `BEC(e=${noise})`;
  }

  transmit(x: Uint8Array, rng: Rng): ReceivedFrame {
    const n = x.length;
    const erased = becErasures(n, this.noise, rng);
    const hard = new Uint8Array(n);
    const llr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (erased[i]) continue;
      hard[i] = x[i]!;
      llr[i] = x[i] ? -Infinity : Infinity;
    }
    return { hard, llr, erased };
  }

  transmitWords(x: Uint32Array, rng: Rng): ReceivedWords {
    const erased = becErasureWords(x.length, this.noise, rng);
    const hard = new Uint32Array(x.length);
    for (let i = 0; i < x.length; i++) hard[i] = (x[i]! & ~erased[i]!) >>> 0;
    return { hard, erased };
  }
}

/** Shannon limit of BEC for rate R ∈ [0, 1]: e* = 1 − R. */
export function shannonLimitBec(rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`hopcode/bec: rate must lie in [0, 1], got ${rate}`);
  return 1 - rate;
}
