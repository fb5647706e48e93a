/**
 * hopcode/baselines/hopfield-classic — the classic Hopfield network the paper argues against.
 *
 * Hopfield (1982): N ±1 neurons s_i, P stored ±1 patterns ξ^μ, Hebbian (outer-product)
 * weights with zero diagonal
 *   W_ij = Σ_μ ξ^μ_i ξ^μ_j  (i ≠ j),   W_ii = 0
 * (the usual 1/N factor is dropped: it never changes a sign, and integer weights stay
 * exact). Update s_i ← sign(h_i), h_i = Σ_j W_ij s_j, unchanged on h_i = 0;
 * asynchronous (one neuron at a time, random order per sweep: the energy
 * E = −½ Σ W_ij s_i s_j never rises) or synchronous (all at once; 2-cycles possible).
 *
 * The field is computed from the overlaps m_μ = ξ^μ·s instead of W:
 *   h_i = Σ_μ ξ^μ_i m_μ − P·s_i      (the −P·s_i removes the diagonal),
 * so a sweep costs O(N·P) and no N×N matrix is ever built (`weights()` builds it for
 * inspection). Capacity of this network, the numbers the report quotes:
 *  - retrieval with overlap near 1 (Amit, Gutfreund & Sompolinsky 1985): the retrieval
 *    state exists for P < α_c·N, α_c ≈ 0.138, with overlap m ≥ 0.967 (a few % of bits wrong);
 *  - exact recovery of a given pattern from a cue with a fraction ρ of errors, with
 *    probability → 1 (McEliece, Posner, Rodemich & Venkatesh 1987):
 *    P ≤ (1 − 2ρ)²·N / (2 ln N); of all P patterns simultaneously: (1 − 2ρ)²·N / (4 ln N).
 */
import { Rng } from '../util/rng.js';
import { searchCapacity, type CapacitySearchResult, type RecallCriterion } from './capacity-search.js';
import { recallByOverlaps, type HopfieldSchedule, type RecallResult } from './overlap-recall.js';

export type { HopfieldSchedule, RecallResult } from './overlap-recall.js';

export interface RecallOptions {
  schedule?: HopfieldSchedule;
  /** Sweep cap (default 50). */
  maxSweeps?: number;
  /** The random update order derives from (seed, frame). */
  seed?: number;
  frame?: number;
}

/** A classic Hopfield network with Hebbian weights on ±1 patterns. */
export class ClassicHopfield {
  private data: Int8Array;
  private count = 0;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 2) throw new Error(`hopcode/hopfield-classic: N must be an integer ≥ 2, got ${n}`);
    this.data = new Int8Array(n * 16);
  }

  /** Number of stored patterns P. */
  get patterns(): number {
    return this.count;
  }

  /** Stored pattern μ (±1), a view. */
  pattern(mu: number): Int8Array {
    if (mu < 0 || mu >= this.count) throw new Error(`hopcode/hopfield-classic: no pattern ${mu} (P = ${this.count})`);
    return this.data.subarray(mu * this.n, (mu + 1) * this.n);
  }

  /** Add patterns (each ±1, length N) to the Hebbian sum. */
  store(patterns: readonly ArrayLike<number>[]): this {
    for (const [k, xi] of patterns.entries()) {
      if (xi.length !== this.n) throw new Error(`hopcode/hopfield-classic: pattern ${k} has ${xi.length} entries, N = ${this.n}`);
      if (this.data.length < (this.count + 1) * this.n) {
        const grown = new Int8Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      const base = this.count * this.n;
      for (let i = 0; i < this.n; i++) {
        const v = xi[i]!;
        if (v !== 1 && v !== -1) throw new Error(`hopcode/hopfield-classic: pattern ${k} entry ${i} is ${v}, expected ±1`);
        this.data[base + i] = v;
      }
      this.count++;
    }
    return this;
  }

  /** The explicit weight matrix W (row-major N×N, zero diagonal): O(N²·P), for inspection. */
  weights(): Int32Array {
    const { n, count, data } = this;
    const w = new Int32Array(n * n);
    for (let mu = 0; mu < count; mu++) {
      const b = mu * n;
      for (let i = 0; i < n; i++) {
        const xi = data[b + i]!;
        for (let j = 0; j < n; j++) if (j !== i) w[i * n + j]! += xi * data[b + j]!;
      }
    }
    return w;
  }

  /** Field on neuron i given overlaps m (h_i = Σ_μ ξ^μ_i m_μ − P·s_i). */
  private field(i: number, m: Int32Array, s: Int8Array): number {
    const { n, count, data } = this;
    let h = 0;
    for (let mu = 0, k = i; mu < count; mu++, k += n) h += data[k]! * m[mu]!;
    return h - count * s[i]!;
  }

  /** Run the dynamics from a ±1 cue until a fixed point or the sweep cap. */
  recall(cue: ArrayLike<number>, opts: RecallOptions = {}): RecallResult {
    const { n, count, data } = this;
    if (cue.length !== n) throw new Error(`hopcode/hopfield-classic: the cue has ${cue.length} entries, N = ${n}`);
    const maxSweeps = opts.maxSweeps ?? 50;
    const schedule = opts.schedule ?? 'async';
    if (schedule !== 'sync' && schedule !== 'async') throw new Error(`hopcode/hopfield-classic: unknown schedule "${String(schedule)}" (sync, async)`);
    const s = Int8Array.from(cue, (v) => (v > 0 ? 1 : -1));
    const rng = Rng.stream(opts.seed ?? 0, 0x686f7066 /* 'hopf' */, opts.frame ?? 0);
    return recallByOverlaps(data, n, count, s, new Int32Array(count), { schedule, maxSweeps, rng }, (i, m, st) => this.field(i, m, st));
  }
}

/** Overlap m = (1/N)·Σ ξ_i s_i ∈ [−1, 1]. */
export function overlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i]! * b[i]!;
  return acc / a.length;
}

/** P uniformly random ±1 patterns of length N from `rng`. */
export function randomPatterns(rng: Rng, p: number, n: number): Int8Array[] {
  return Array.from({ length: p }, () => Int8Array.from({ length: n }, () => ((rng.next() & 1) === 1 ? 1 : -1)));
}

/** Flip each entry of a ±1 vector independently with probability p (a BSC on spins). */
export function corrupt(rng: Rng, x: ArrayLike<number>, p: number): Int8Array {
  return Int8Array.from(x as ArrayLike<number>, (v) => (rng.double() < p ? -v : v));
}

/** Capacity theory for the report (see the module comment). */
export function hebbianTheory(n: number, p: number): { agsOverlap: number; mceliecePattern: number; mcelieceAll: number } {
  const f = (1 - 2 * p) ** 2;
  return { agsOverlap: 0.138 * n, mceliecePattern: (f * n) / (2 * Math.log(n)), mcelieceAll: (f * n) / (4 * Math.log(n)) };
}

export interface HebbianCapacityOptions {
  n: number;
  /** Flip rate of the cue (0 ≤ p < 0.5). */
  p: number;
  /** Trials per evaluated P (default 100): each a fresh random memory and cue. */
  trials?: number;
  seed?: number;
  /** success(P) must reach this fraction of trials (default 0.9). */
  successFraction?: number;
  /**
   * 'exact': the final state equals the stored pattern in every bit;
   * 'overlap': the final overlap (1/N)·Σ ξ_i s_i is at least `minOverlap` (default 0.9;
   * AGS retrieval states have m ≥ 0.967, spin-glass states m ≈ 0). Default 'exact'.
   */
  criterion?: RecallCriterion;
  minOverlap?: number;
  schedule?: HopfieldSchedule;
  maxSweeps?: number;
  /** Search cap on P (default N). */
  maxPatterns?: number;
}

export interface HebbianCapacity extends CapacitySearchResult {
  n: number;
  p: number;
  criterion: RecallCriterion;
  minOverlap: number;
  successFraction: number;
  trials: number;
  /** capacity / N. */
  alpha: number;
  theory: ReturnType<typeof hebbianTheory>;
}

/**
 * Fraction of `trials` in which pattern 0 of a memory of `patterns` random patterns,
 * cued with each bit flipped with probability p, is recalled by `criterion`. Trial t
 * draws its patterns from stream (seed, N, t) in order and its cue noise from an
 * independent stream: memories nest in P (common random numbers).
 */
export function hebbianRecoveryRate(opts: HebbianCapacityOptions & { patterns: number }): number {
  const { n, p, patterns } = opts;
  if (!(p >= 0 && p < 0.5)) throw new Error(`hopcode/hopfield-classic: p must be in [0, 0.5), got ${p}`);
  const trials = opts.trials ?? 100;
  const seed = opts.seed ?? 1;
  const criterion = opts.criterion ?? 'exact';
  const minOverlap = opts.minOverlap ?? 0.9;
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const xi = randomPatterns(Rng.stream(seed, 0x68656262, n, t), patterns, n);
    const net = new ClassicHopfield(n).store(xi);
    const cue = corrupt(Rng.stream(seed, 0x63756521, n, t), xi[0]!, p);
    const r = net.recall(cue, { schedule: opts.schedule ?? 'async', maxSweeps: opts.maxSweeps, seed, frame: t });
    const m = overlap(xi[0]!, r.state);
    if (criterion === 'exact' ? m === 1 : m >= minOverlap) hits++;
  }
  return hits / trials;
}

/**
 * Largest P such that pattern 0 of P random patterns, cued at flip rate p, is
 * recalled (by `criterion`, asynchronous dynamics by default) in at least
 * `successFraction` of trials. See capacity-search for the search.
 */
export function measureHebbianCapacity(opts: HebbianCapacityOptions): HebbianCapacity {
  const { n, p } = opts;
  const successFraction = opts.successFraction ?? 0.9;
  const res = searchCapacity((patterns) => hebbianRecoveryRate({ ...opts, patterns }), successFraction, opts.maxPatterns ?? n);
  return {
    ...res, n, p, criterion: opts.criterion ?? 'exact', minOverlap: opts.minOverlap ?? 0.9, successFraction,
    trials: opts.trials ?? 100, alpha: res.capacity / n, theory: hebbianTheory(n, p),
  };
}
