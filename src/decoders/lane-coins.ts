/**
 * hopcode/decoders/lane-coins — counter-based coins, one per (sweep, input, lane).
 *
 * A coin's uniform U is a pure function of (key, sweep, input, lane): bit j (most
 * significant first) of lane l's U is bit l of the word coinWord(key, sweep, i, j). The
 * bit-sliced kernel compares the 32 lanes' U with their thresholds P at once, drawing
 * words only while some lane is undecided; a per-frame reference draws the same words
 * for its one lane, so both make the same decisions bit for bit — whatever the other
 * lanes do (a lane's coin depends only on its own bits). Words are splitmix32-finalised
 * hashes (util/rng mix32) of the counters; the key comes from the user's seed stream.
 */
import { mix32 } from '../util/rng.js';
import { COIN_SCALE } from './flip-table.js';

/** Hash base of one (key, sweep, input). */
export function coinBase(key: number, sweep: number, i: number): number {
  return mix32((mix32((key + Math.imul(sweep, 0x9e3779b1)) | 0) + Math.imul(i, 0x27d4eb2f)) | 0);
}

/** Random word j of a coin base. */
export function coinWord(base: number, j: number): number {
  return mix32((base + Math.imul(j + 1, 0x165667b1)) | 0) | 0;
}

/**
 * Lanes that flip among `undecided`: lane l flips iff U_l < P of its class; class k holds
 * the lanes masks[k] (disjoint) and threshold P_k given by its bit pattern pbits[k]
 * (0 < P_k < 2^32, as an int32). Lanes with P = 0 or 2^32 are decided by the caller.
 */
export function coinFlips(base: number, undecided: number, masks: Int32Array, pbits: Int32Array, classes: number): number {
  let ones = 0;
  for (let j = 0; j < 32 && undecided !== 0; j++) {
    let pj = 0;
    for (let k = 0; k < classes; k++) pj |= masks[k]! & -((pbits[k]! >>> (31 - j)) & 1);
    const r = coinWord(base, j);
    ones |= undecided & pj & ~r;
    undecided &= ~(pj ^ r);
  }
  return ones; // still undecided after 32 bits: U = P, no flip
}

/** One lane's coin, the reference way: compare U's bits with P's, most significant first. */
export function laneCoin(base: number, lane: number, threshold: number): boolean {
  if (threshold >= COIN_SCALE) return true;
  if (threshold <= 0) return false;
  for (let j = 0; j < 32; j++) {
    const u = (coinWord(base, j) >>> lane) & 1;
    const pb = Math.floor(threshold / 2 ** (31 - j)) & 1;
    if (u !== pb) return u < pb;
  }
  return false;
}
