/**
 * hopcode/baselines/min-sum — normalized / offset min-sum belief propagation (NOT the network).
 *
 * The soft-decision reference (Fossorier, Mihaljević & Imai 1999; Chen & Fossorier
 * 2002), flooding schedule, on LLRs L_v = ln P(y_v|0)/P(y_v|1):
 *   bit → check:   q_{v→c} = L_v + Σ_{c' ∈ ∂v \ c} r_{c'→v}
 *   check → bit:   r_{c→v} = α · Π_{v' ∈ ∂c \ v} sgn(q_{v'→c}) · max(min_{v' ∈ ∂c \ v} |q_{v'→c}| − β, 0)
 *   posterior:     Λ_v = L_v + Σ_{c ∈ ∂v} r_{c→v},   x̂_v = [Λ_v < 0]
 * α = 1, β = 0 is plain min-sum; α ≈ 0.8 (normalized) or β ≈ 0.15 (offset) recovers most
 * of sum-product's gain. Each check keeps its two smallest magnitudes and the sign
 * product, so an iteration costs O(E). Stops early when H·x̂ = 0 (checked on the
 * channel decisions first: a clean word costs 0 iterations).
 * BSC input: L_v = (1 − 2y_v) · ln((1 − p)/p) (`llrFromHard`). Infinite LLRs (BEC) are
 * clamped to ±LLR_CLAMP, which no finite evidence can overturn in practice.
 */
import type { SparseGf2 } from '../codes/tanner-code.js';
import { compileEdges, syndromeIsZero, type BaselineResult, type TannerEdges } from './tanner-edges.js';

/** Magnitude that stands for a certain bit (|L| = ∞). */
export const LLR_CLAMP = 1e6;

export interface MinSumOptions {
  /** Iteration cap (default 50). */
  maxIterations?: number;
  /** Normalization factor α ∈ (0, 1] (default 0.8). */
  alpha?: number;
  /** Offset β ≥ 0 (default 0). */
  beta?: number;
}

/** BSC LLRs of a hard-decision word: ±ln((1 − p)/p). */
export function llrFromHard(y: Uint8Array, p: number, out = new Float64Array(y.length)): Float64Array {
  if (!(p > 0 && p < 0.5)) throw new Error(`hopcode/min-sum: BSC crossover p must lie in (0, ½) to give finite LLRs, got ${p}`);
  const mag = Math.log((1 - p) / p);
  for (let i = 0; i < y.length; i++) out[i] = y[i] ? -mag : mag;
  return out;
}

/** Min-sum decoder for one H; reuse it across frames (it owns its message buffers). */
export class MinSumDecoder {
  readonly t: TannerEdges;
  readonly maxIterations: number;
  readonly alpha: number;
  readonly beta: number;
  private readonly q: Float64Array;
  private readonly r: Float64Array;
  private readonly l: Float64Array;

  constructor(h: SparseGf2, opts: MinSumOptions = {}) {
    this.t = compileEdges(h);
    this.maxIterations = opts.maxIterations ?? 50;
    if (!Number.isInteger(this.maxIterations) || this.maxIterations < 1) throw new Error(`hopcode/min-sum: maxIterations must be an integer ≥ 1, got ${this.maxIterations}`);
    this.alpha = opts.alpha ?? 0.8;
    if (!(this.alpha > 0 && this.alpha <= 1)) throw new Error(`hopcode/min-sum: alpha must lie in (0, 1], got ${this.alpha}`);
    this.beta = opts.beta ?? 0;
    if (!(this.beta >= 0) || !Number.isFinite(this.beta)) throw new Error(`hopcode/min-sum: beta must be a finite number ≥ 0, got ${this.beta}`);
    this.q = new Float64Array(this.t.edges);
    this.r = new Float64Array(this.t.edges);
    this.l = new Float64Array(this.t.n);
  }

  /** Decode one frame of channel LLRs (length N). */
  decode(llr: ArrayLike<number>): BaselineResult {
    const { n, m, chkPtr, edgeVar, varPtr, varEdge, edges } = this.t;
    if (llr.length !== n) throw new Error(`hopcode/min-sum: got ${llr.length} LLRs, H has N = ${n} columns`);
    const { q, r, l, alpha, beta } = this;
    const x = new Uint8Array(n);
    for (let v = 0; v < n; v++) {
      const a = llr[v]!;
      if (Number.isNaN(a)) throw new Error(`hopcode/min-sum: LLR ${v} is NaN`);
      l[v] = a > LLR_CLAMP ? LLR_CLAMP : a < -LLR_CLAMP ? -LLR_CLAMP : a;
      x[v] = a < 0 ? 1 : 0;
    }
    if (syndromeIsZero(this.t, x)) return { state: x, converged: true, sweeps: 0, isStoredState: true };
    for (let e = 0; e < edges; e++) q[e] = l[edgeVar[e]!]!;
    for (let it = 1; it <= this.maxIterations; it++) {
      for (let c = 0; c < m; c++) {
        const lo = chkPtr[c]!;
        const hi = chkPtr[c + 1]!;
        let min1 = LLR_CLAMP;
        let min2 = LLR_CLAMP;
        let at = -1;
        let neg = 0;
        for (let e = lo; e < hi; e++) {
          const v = q[e]!;
          const a = v < 0 ? -v : v;
          if (v < 0) neg ^= 1;
          if (a < min1) {
            min2 = min1;
            min1 = a;
            at = e;
          } else if (a < min2) min2 = a;
        }
        const m1 = alpha * (min1 > beta ? min1 - beta : 0);
        const m2 = alpha * (min2 > beta ? min2 - beta : 0);
        for (let e = lo; e < hi; e++) {
          const mag = e === at ? m2 : m1;
          r[e] = (neg ^ (q[e]! < 0 ? 1 : 0)) ? -mag : mag;
        }
      }
      for (let v = 0; v < n; v++) {
        let tot = l[v]!;
        const lo = varPtr[v]!;
        const hi = varPtr[v + 1]!;
        for (let k = lo; k < hi; k++) tot += r[varEdge[k]!]!;
        x[v] = tot < 0 ? 1 : 0;
        for (let k = lo; k < hi; k++) {
          const e = varEdge[k]!;
          q[e] = tot - r[e]!;
        }
      }
      if (syndromeIsZero(this.t, x)) return { state: x, converged: true, sweeps: it, isStoredState: true };
    }
    return { state: x, converged: false, sweeps: this.maxIterations, isStoredState: false };
  }
}

/** One-shot min-sum decode (builds the decoder: prefer the class in loops). */
export function minSumDecode(h: SparseGf2, llr: ArrayLike<number>, opts: MinSumOptions = {}): BaselineResult {
  return new MinSumDecoder(h, opts).decode(llr);
}
