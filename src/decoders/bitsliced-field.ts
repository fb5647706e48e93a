/**
 * hopcode/decoders/bitsliced-field — the input decision of the reference dynamics as a
 * threshold on a bit-sliced count (shared by the bit-sliced kernels).
 *
 * Each cluster pushes input i towards flipping (+w), towards keeping (−w) or not at
 * all; with P pushes and Q holds out of d clusters and the persistent cue field
 * b_i = β(2·cue_i − 1), the reference's decision h_i > 0 (ties keep) reads
 *    w(P − Q) + 2β·σ_i > 0,   σ_i = +1 if x_i ≠ cue_i else −1,
 * i.e. T = P + (d − Q) > d − σ_i·B with B = 2β/w, everything in half-units so the
 * reference's ±½ cluster scores become integers. T is an integer, so the threshold is
 * ⌊d − σ_i·B⌋ + 1 for any real β (DESIGN.md §5: with parity clusters half a vote must be
 * expressible); β is taken on the grid of multiples of 1/64 so that every field sum is
 * exact in binary floating point and the kernels agree with the reference bit for bit.
 * Per rule (DESIGN.md §1):
 *  - parity, free-energy: P = #unsat, Q = #sat, w = 1 (r = 0) or 2 (r ≥ 1): T = 2·#unsat;
 *  - parity, unit: P = 0, Q = #sat (an unsat cluster ties or exceeds r: no unit fires), w = 2;
 *  - Hamming, free-energy: P = #(error at i), Q = #clean, w = 1 (r = 0) or 2;
 *  - Hamming, unit: r ≥ 1 → P = #(error at i), Q = d − P (T = 2P); r = 0 → P = 0, Q = #clean; w = 2.
 * The counted quantity X (T, or T/2 when T is even by construction) is compared with
 * per-degree constant thresholds.
 */
import type { CompiledNetwork } from './compiled-network.js';
import type { InputRule } from './reference-dynamics.js';

/** Resolved per-call parameters of a sweep. */
export interface SweepPlan {
  /** Count both E/unsat words and dirty words (Hamming free-energy). */
  mode: 'parity' | 'hamming-e' | 'hamming-dirty' | 'hamming-both';
  /** Counted value X must reach thrPlus[d] (σ = +1) / thrMinus[d] (σ = −1) to flip. */
  thrPlus: Int32Array;
  thrMinus: Int32Array;
  useCue: boolean;
}

/** Cue weights are multiples of this step (exact binary fractions: ½, ¼, …, 1/64). */
export const CUE_WEIGHT_GRID = 64;
/** Largest cue weight accepted (a larger β only pins the cue harder). */
export const CUE_WEIGHT_MAX = 64;

/** Why β is not a valid cue weight, or undefined when it is. */
export function cueWeightProblem(beta: number): string | undefined {
  if (!Number.isFinite(beta) || beta < 0 || beta > CUE_WEIGHT_MAX) return `must be a number in [0, ${CUE_WEIGHT_MAX}], got ${beta}`;
  if (!Number.isInteger(beta * CUE_WEIGHT_GRID)) return `must be a multiple of 1/${CUE_WEIGHT_GRID} (e.g. 0.5, 0.75, 1.25), got ${beta}`;
  return undefined;
}

/** Validate options and derive the thresholds of one decode. */
export function planSweep(net: CompiledNetwork, opts: { rule?: InputRule; cueWeight?: number }): SweepPlan {
  if (net.family === 'table') throw new Error(`hopcode/bitsliced-field: ${net.meta.name} has radius-${net.radius} clusters (BCH / table-decoded): the bit-sliced input-rule kernels cannot run them; use the cluster-serial decoder (network-serial)`);
  const rule = opts.rule ?? 'free-energy';
  if (rule !== 'unit' && rule !== 'free-energy') throw new Error(`hopcode/sync-bitsliced: unknown rule "${String(rule)}" (unit, free-energy)`);
  const beta = opts.cueWeight ?? 0;
  const bad = cueWeightProblem(beta);
  if (bad) throw new Error(`hopcode/sync-bitsliced: cueWeight ${bad}`);
  const r = net.radius;
  const w = rule === 'free-energy' && r === 0 ? 1 : 2;
  const B = (2 * beta) / w;
  let mode: SweepPlan['mode'];
  let halve = false;
  if (net.family === 'parity') {
    mode = 'parity';
    halve = rule === 'free-energy'; // T = 2·#unsat
  } else if (rule === 'free-energy') mode = 'hamming-both';
  else if (r >= 1) {
    mode = 'hamming-e';
    halve = true; // T = 2·#E
  } else mode = 'hamming-dirty';
  const D = net.meta.maxDegree;
  const thrPlus = new Int32Array(D + 1);
  const thrMinus = new Int32Array(D + 1);
  for (let d = 0; d <= D; d++) {
    // Flip iff T > d − σB; with T = 2X (halve) iff X > (d − σB)/2. Exact: B is a multiple of 1/32.
    thrPlus[d] = Math.floor((d - B) / (halve ? 2 : 1)) + 1;
    thrMinus[d] = Math.floor((d + B) / (halve ? 2 : 1)) + 1;
  }
  return { mode, thrPlus, thrMinus, useCue: beta > 0 };
}

/** Lanes where the 5-plane count (c0 + 2c1 + 4c2 + 8c3 + 16c4) ≥ t, t a constant. */
export function geConst(c0: number, c1: number, c2: number, c3: number, c4: number, t: number): number {
  if (t <= 0) return -1;
  if (t > 31) return 0;
  let gt = 0;
  let eq = -1;
  if (t & 16) eq &= c4;
  else { gt |= eq & c4; eq &= ~c4; }
  if (t & 8) eq &= c3;
  else { gt |= eq & c3; eq &= ~c3; }
  if (t & 4) eq &= c2;
  else { gt |= eq & c2; eq &= ~c2; }
  if (t & 2) eq &= c1;
  else { gt |= eq & c1; eq &= ~c1; }
  if (t & 1) eq &= c0;
  else { gt |= eq & c0; eq &= ~c0; }
  return gt | eq;
}

