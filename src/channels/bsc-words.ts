/**
 * hopcode/channels/bsc-words — Bernoulli(p) bits 32 frames at a time, and the BSC.
 *
 * A word of 32 independent Bernoulli(p) bits without one random number per bit:
 *  - small p (p < 1/16): geometric skipping. Over the concatenated bit stream the gaps
 *    between ones are i.i.d. Geometric(p): gap = ⌊ln U / ln(1 − p)⌋, U ∈ (0, 1], so the
 *    cost is one uniform and one log per *set* bit (32·p per word);
 *  - larger p: compare 32 uniform U's with p by their binary expansions, most
 *    significant bit first. Bit j of all 32 U's is one random word R_j; a lane is
 *    decided at the first j where U_j ≠ p_j (U < p iff p_j = 1 there). Each round
 *    halves the undecided lanes: about log2(32) + 2 ≈ 7 random words per output word;
 *    53 rounds give p to double precision.
 * Randomness comes from the seeded sfc32 stream (util/rng.ts), never from seedrandom.
 */
import type { Rng } from '../util/rng.js';

const GEOMETRIC_BELOW = 1 / 16;

/** The first 53 bits of p's binary expansion, as a 53-entry 0/1 array (p ∈ [0, 1)). */
function expansion(p: number): Uint8Array {
  const bits = new Uint8Array(53);
  let f = p;
  for (let j = 0; j < 53; j++) {
    f *= 2;
    if (f >= 1) {
      bits[j] = 1;
      f -= 1;
    }
  }
  return bits;
}

function checkP(p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new Error(`hopcode/bsc-words: p must be a probability in [0, 1], got ${p}`);
}

/**
 * Fill `out` with words of independent Bernoulli(p) bits (every bit of every word).
 * Returns `out`.
 */
export function bernoulliWords<T extends Uint32Array | Int32Array>(rng: Rng, p: number, out: T): T {
  checkP(p);
  const len = out.length;
  if (p === 0 || p === 1) {
    out.fill(p === 0 ? 0 : out instanceof Int32Array ? -1 : 0xffffffff);
    return out;
  }
  if (p < GEOMETRIC_BELOW) {
    out.fill(0);
    const total = len * 32;
    const scale = 1 / Math.log1p(-p);
    let pos = -1;
    for (;;) {
      const u = 1 - rng.double(); // (0, 1]
      pos += 1 + Math.floor(Math.log(u) * scale);
      if (pos >= total || !(pos >= 0)) break;
      out[pos >>> 5] = out[pos >>> 5]! | (1 << (pos & 31));
    }
    return out;
  }
  const bits = expansion(p);
  let last = 52;
  while (last > 0 && bits[last] === 0) last--;
  for (let w = 0; w < len; w++) {
    let undecided = -1;
    let ones = 0;
    for (let j = 0; j <= last && undecided !== 0; j++) {
      const r = rng.next() | 0;
      if (bits[j]) {
        ones |= undecided & ~r;
        undecided &= r;
      } else undecided &= ~r;
    }
    out[w] = ones;
  }
  return out;
}

/** A memoryless binary channel acting on lane words: the pluggable channel interface. */
export interface WordChannel {
  readonly kind: string;
  /** The noise parameter (crossover probability for the BSC). */
  readonly noise: number;
  /** Received hard decisions for the transmitted words `tx`, written into `out`. */
  transmit(rng: Rng, tx: Int32Array | Uint32Array, out: Int32Array | Uint32Array): void;
}

/** Binary symmetric channel: each bit flips independently with probability p. */
export class BscWords implements WordChannel {
  readonly kind = 'bsc';
  private noiseWords = new Int32Array(0);

  constructor(readonly noise: number) {
    checkP(noise);
  }

  transmit(rng: Rng, tx: Int32Array | Uint32Array, out: Int32Array | Uint32Array): void {
    if (out.length !== tx.length) throw new Error(`hopcode/bsc-words: output has ${out.length} words, input ${tx.length}`);
    if (this.noiseWords.length !== tx.length) this.noiseWords = new Int32Array(tx.length);
    const e = bernoulliWords(rng, this.noise, this.noiseWords);
    for (let i = 0; i < tx.length; i++) out[i] = tx[i]! ^ e[i]!;
  }
}

/** Channel by spec: { kind: 'bsc', p }. Other channels (BEC, AWGN) plug in here. */
export function channelFromSpec(spec: ChannelSpec): WordChannel {
  if (!spec || typeof spec !== 'object') throw new Error('hopcode/bsc-words: a channel spec { kind, p } is required');
  if (spec.kind === 'bsc') return new BscWords(spec.p);
  throw new Error(`hopcode/bsc-words: unknown channel "${String((spec as { kind: unknown }).kind)}" (bsc)`);
}

export interface ChannelSpec {
  kind: 'bsc';
  p: number;
}
