/**
 * hopcode/baselines/dense-associative-memory — a modern (dense) Hopfield memory.
 *
 * Krotov & Hopfield (2016), Demircigil et al. (2017), Ramsauer et al. (2021): P stored
 * ±1 patterns ξ^μ (rows of X, P×N) with the energy E(s) = −Σ_μ F(ξ^μ·s). Seen as a
 * two-layer network it has ONE HIDDEN UNIT PER STORED PATTERN, unit μ connected to all
 * N inputs by the weights ξ^μ_i (real-valued in the general model; ±1 here because the
 * patterns are binary), and a steep separation function F:
 *  - `exp`:  F(x) = e^{β·x} (Demircigil et al.; capacity exponential in N:
 *             P = e^{αN} for α < I(1 − 2ρ)/2, I(x) = ½[(1+x)ln(1+x) + (1−x)ln(1−x)],
 *             i.e. up to 2^{N/2} at ρ → 0, ρ the cue's error fraction);
 *  - `poly`: F(x) = max(x, 0)^n (Krotov & Hopfield's rectified polynomial; P ∝ N^{n−1}).
 * Updates:
 *  - 'async' (energy descent, Krotov–Hopfield): with a_μ = ξ^μ·s − ξ^μ_i s_i,
 *      s_i ← sign(Σ_μ [F(a_μ + ξ^μ_i) − F(a_μ − ξ^μ_i)]),
 *    which for F = exp is sign(Σ_μ ξ^μ_i e^{β a_μ}): never raises E;
 *  - 'sync' with `exp`: the Ramsauer et al. retrieval s ← sign(Xᵀ softmax(β X s));
 *    with `poly`: the async rule applied to every i from the same state.
 * sign(0) keeps the current value. Storage cost: P·N weights, i.e. N weights per stored
 * pattern (N bits at best, 32·N as float32) plus one hidden unit per pattern: linear
 * in the number of patterns, where the expander network pays O(N) for 2^{RN}.
 */
import { Rng } from '../util/rng.js';
import { searchCapacity, type CapacitySearchResult, type RecallCriterion } from './capacity-search.js';
import type { RecallOptions } from './hopfield-classic.js';
import { recallByOverlaps, type HopfieldSchedule, type RecallResult } from './overlap-recall.js';

export type Separation = { kind: 'exp'; beta: number } | { kind: 'poly'; degree: number };

export const DEFAULT_SEPARATION: Separation = { kind: 'exp', beta: 1 };

/** A dense associative memory over ±1 patterns (stored flat, P×N Int8Array). */
export class DenseAssociativeMemory {
  private readonly x: Int8Array;
  readonly patterns: number;

  /** `patterns` is P×N, row-major, entries ±1. */
  constructor(
    readonly n: number,
    patterns: Int8Array,
    readonly separation: Separation = DEFAULT_SEPARATION,
  ) {
    if (!Number.isInteger(n) || n < 2) throw new Error(`hopcode/dense-memory: N must be an integer ≥ 2, got ${n}`);
    if (patterns.length % n !== 0) throw new Error(`hopcode/dense-memory: ${patterns.length} pattern entries is not a multiple of N = ${n}`);
    for (let k = 0; k < patterns.length; k++) {
      if (patterns[k] !== 1 && patterns[k] !== -1) throw new Error(`hopcode/dense-memory: pattern ${Math.floor(k / n)} entry ${k % n} is ${patterns[k]}, expected ±1`);
    }
    if (separation.kind === 'exp' && !(separation.beta > 0)) throw new Error('hopcode/dense-memory: exp separation needs β > 0');
    if (separation.kind === 'poly' && !(Number.isInteger(separation.degree) && separation.degree >= 1)) throw new Error('hopcode/dense-memory: poly separation needs an integer degree ≥ 1');
    this.x = patterns;
    this.patterns = patterns.length / n;
  }

  /** Hidden units: one per stored pattern. */
  get hiddenUnits(): number {
    return this.patterns;
  }

  /** Weight storage in bits per stored pattern at a given precision (1 for ±1, 32 for float32). */
  weightBitsPerPattern(bitsPerWeight = 1): number {
    return this.n * bitsPerWeight;
  }

  /** Drive of neuron i (positive → +1). `m` holds ξ^μ·s; `self` includes the i term (Ramsauer sync). */
  private drive(i: number, m: Float64Array, s: Int8Array, self: boolean): number {
    const { n, x, patterns, separation } = this;
    const si = s[i]!;
    if (separation.kind === 'exp') {
      let top = -Infinity;
      for (let mu = 0; mu < patterns; mu++) if (m[mu]! > top) top = m[mu]!;
      const b = separation.beta;
      let h = 0;
      for (let mu = 0, k = i; mu < patterns; mu++, k += n) {
        const xi = x[k]!;
        const a = self ? m[mu]! : m[mu]! - xi * si;
        h += xi * Math.exp(b * (a - top));
      }
      return h;
    }
    const d = separation.degree;
    const f = (v: number): number => (v > 0 ? v ** d : 0);
    let h = 0;
    for (let mu = 0, k = i; mu < patterns; mu++, k += n) {
      const xi = x[k]!;
      const a = m[mu]! - xi * si;
      h += f(a + xi) - f(a - xi);
    }
    return h;
  }

  /** Run the dynamics from a ±1 cue to a fixed point or the sweep cap (default 20). */
  recall(cue: ArrayLike<number>, opts: RecallOptions = {}): RecallResult {
    const { n, x, patterns } = this;
    if (cue.length !== n) throw new Error(`hopcode/dense-memory: the cue has ${cue.length} entries, N = ${n}`);
    const schedule: HopfieldSchedule = opts.schedule ?? 'async';
    if (schedule !== 'sync' && schedule !== 'async') throw new Error(`hopcode/dense-memory: unknown schedule "${String(schedule)}" (sync, async)`);
    const maxSweeps = opts.maxSweeps ?? 20;
    const s = Int8Array.from(cue, (v) => (v > 0 ? 1 : -1));
    const rng = Rng.stream(opts.seed ?? 0, 0x64616d21 /* 'dam!' */, opts.frame ?? 0);
    // Exponential separation, sync: the i term stays in (Ramsauer et al.'s update).
    const self = this.separation.kind === 'exp';
    return recallByOverlaps(x, n, patterns, s, new Float64Array(patterns), { schedule, maxSweeps, rng }, (i, m, st, sync) => this.drive(i, m, st, sync && self));
  }
}

/** P×N random ±1 patterns, flat, 32 entries per generator call. */
export function randomPatternMatrix(rng: Rng, p: number, n: number): Int8Array {
  const out = new Int8Array(p * n);
  for (let k = 0; k < out.length; k += 32) {
    const w = rng.next();
    for (let b = 0; b < 32 && k + b < out.length; b++) out[k + b] = (w >>> b) & 1 ? 1 : -1;
  }
  return out;
}

export interface DenseCapacityOptions {
  n: number;
  p: number;
  trials?: number;
  seed?: number;
  successFraction?: number;
  /** 'exact' (default) or 'overlap' with `minOverlap` (default 0.9), as in hopfield-classic. */
  criterion?: RecallCriterion;
  minOverlap?: number;
  separation?: Separation;
  schedule?: HopfieldSchedule;
  maxSweeps?: number;
  /** Search cap on P (default 4096): the memory costs P·N bytes per trial. */
  maxPatterns?: number;
}

export interface DenseCapacity extends CapacitySearchResult {
  n: number;
  p: number;
  criterion: RecallCriterion;
  successFraction: number;
  trials: number;
  separation: Separation;
  /** log2(capacity) / N: compare with the expander network's rate R. */
  log2PerN: number;
}

/** Demircigil et al.'s bound on log2(P)/N for F = exp at cue error fraction ρ: I(1−2ρ)/(2 ln 2). */
export function denseExpTheoryLog2PerN(rho: number): number {
  const x = 1 - 2 * rho;
  const i = 0.5 * ((1 + x) * Math.log(1 + x) + (x < 1 ? (1 - x) * Math.log(1 - x) : 0));
  return i / (2 * Math.LN2);
}

/**
 * Fraction of `trials` in which pattern 0 of a memory of `patterns` random patterns,
 * cued at flip rate p, is recalled (trial t: patterns from stream (seed, N, t), cue
 * noise from an independent stream, so results nest in P).
 */
export function denseRecoveryRate(opts: DenseCapacityOptions & { patterns: number }): number {
  const { n, p, patterns } = opts;
  if (!(p >= 0 && p < 0.5)) throw new Error(`hopcode/dense-memory: p must be in [0, 0.5), got ${p}`);
  const trials = opts.trials ?? 50;
  const seed = opts.seed ?? 1;
  const criterion = opts.criterion ?? 'exact';
  const minOverlap = opts.minOverlap ?? 0.9;
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const x = randomPatternMatrix(Rng.stream(seed, 0x64656e73, n, t), patterns, n);
    const mem = new DenseAssociativeMemory(n, x, opts.separation ?? DEFAULT_SEPARATION);
    const target = x.subarray(0, n);
    const noise = Rng.stream(seed, 0x63756521, n, t);
    const cue = Int8Array.from(target, (v) => (noise.double() < p ? -v : v));
    const r = mem.recall(cue, { schedule: opts.schedule ?? 'async', maxSweeps: opts.maxSweeps, seed, frame: t });
    let agree = 0;
    for (let i = 0; i < n; i++) agree += target[i]! * r.state[i]!;
    if (criterion === 'exact' ? agree === n : agree / n >= minOverlap) hits++;
  }
  return hits / trials;
}

/** Largest P recalled in ≥ successFraction of trials (same protocol as measureHebbianCapacity). */
export function measureDenseCapacity(opts: DenseCapacityOptions): DenseCapacity {
  const successFraction = opts.successFraction ?? 0.9;
  const res = searchCapacity((patterns) => denseRecoveryRate({ ...opts, patterns }), successFraction, opts.maxPatterns ?? 4096);
  return {
    ...res, n: opts.n, p: opts.p, criterion: opts.criterion ?? 'exact', successFraction, trials: opts.trials ?? 50,
    separation: opts.separation ?? DEFAULT_SEPARATION, log2PerN: res.capacity > 0 ? Math.log2(res.capacity) / opts.n : 0,
  };
}
