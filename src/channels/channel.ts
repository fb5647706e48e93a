/**
 * hopcode/channels/channel — the common shape of a memoryless binary-input channel.
 *
 * Conventions (the ones AFF3CT, Sionna and Radford Neal's programs share):
 *  - a codeword bit x ∈ {0,1} is sent as the BPSK symbol 1 − 2x (0 → +1, 1 → −1);
 *  - the log-likelihood ratio of a received value y is L = ln P(y | x=0) / P(y | x=1),
 *    so L > 0 favours 0 and the hard decision is x̂ = [L < 0];
 *  - the network's external field favours x_i = 1 when positive (DESIGN.md §1:
 *    x_i ← 1 if h_i > 0), so the field of an LLR is b_i = −scale · L_i (`llrToField`).
 * Each channel has a per-frame reference path (`transmit`) and a bit-sliced path
 * (`transmitWords`, 32 frames per Uint32 word: bit f of word i is bit i of frame f)
 * that consumes the random stream exactly as 32 successive `transmit` calls would,
 * so the two can be tested against each other (STYLE.md §3).
 */
import type { Rng } from '../util/rng.js';

export type ChannelKind = 'bsc' | 'bec' | 'awgn';

/** What a decoder is given for one frame. */
export interface ReceivedFrame {
  /** Hard decisions 0/1 (an erased position holds 0). */
  hard: Uint8Array;
  /** Channel LLRs ln P(y|0)/P(y|1); ±Infinity for a bit the channel is certain of. */
  llr: Float64Array;
  /** BEC only: 1 where the bit was erased (the decoder knows which). */
  erased?: Uint8Array;
}

/** 32 frames, bit-sliced: word i holds bit i of frames 0..31 (frame f in bit f). */
export interface ReceivedWords {
  /** Hard decisions (erased positions hold 0). */
  hard: Uint32Array;
  /** BEC only: erasure mask (1 = erased). */
  erased?: Uint32Array;
}

export interface Channel {
  readonly kind: ChannelKind;
  /** The noise parameter: p (BSC), erasure probability e (BEC) or Eb/N0 in dB (AWGN). */
  readonly noise: number;
  /** Short human label, e.g. "BSC(p=0.04)". */
  readonly label: string;
  /** Send one 0/1 codeword of length N. */
  transmit(x: Uint8Array, rng: Rng): ReceivedFrame;
  /** Send 32 bit-sliced codewords (N words); hard outputs only. */
  transmitWords(x: Uint32Array, rng: Rng): ReceivedWords;
}

/** A channel as data: what a problem hash and a results row record. */
export interface ChannelSpec {
  kind: ChannelKind;
  noise: number;
  /** Code rate R = K/N: needed by AWGN to turn Eb/N0 into σ. */
  rate?: number;
}

/** Fields larger than this pin a bit; infinite LLRs are clamped to it. */
export const PINNED_FIELD = 1e9;

/**
 * External field of the network from channel LLRs: b_i = −scale · L_i, clamped to
 * ±PINNED_FIELD (an erasure-free BEC bit has |L| = ∞). `scale` converts nats into
 * votes: with scale s, an LLR of 1/s outweighs one constraint's vote.
 */
export function llrToField(llr: ArrayLike<number>, scale: number, out?: Float64Array): Float64Array {
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new Error(`hopcode/channels: llrToField scale must be a finite number ≥ 0, got ${scale}`);
  const b = out ?? new Float64Array(llr.length);
  if (b.length !== llr.length) throw new Error(`hopcode/channels: llrToField output has ${b.length} entries, the LLRs ${llr.length}`);
  for (let i = 0; i < llr.length; i++) {
    const l = llr[i]!;
    if (Number.isNaN(l)) throw new Error(`hopcode/channels: LLR ${i} is NaN`);
    const v = l === 0 || scale === 0 ? 0 : -scale * l;
    b[i] = v > PINNED_FIELD ? PINNED_FIELD : v < -PINNED_FIELD ? -PINNED_FIELD : v;
  }
  return b;
}

/** Check that a noise parameter is a probability in [0, 1]. */
export function checkProbability(module: string, name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new Error(`hopcode/${module}: ${name} must be a probability in [0, 1], got ${v}`);
}

/** Check that a word array and a bit array describe N bits. */
export function checkLength(module: string, got: number, n: number, what: string): void {
  if (got !== n) throw new Error(`hopcode/${module}: ${what} has ${got} entries, expected ${n}`);
}

/** Binary entropy H2(p) = −p log2 p − (1−p) log2(1−p), with H2(0) = H2(1) = 0. */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}
