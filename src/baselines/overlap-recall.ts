/**
 * hopcode/baselines/overlap-recall — the recall loop shared by the two pattern memories
 * (hopfield-classic.ts, Hebbian; dense-associative-memory.ts, Krotov–Hopfield).
 *
 * Both keep the P overlaps m_μ = Σ_i ξ^μ_i s_i instead of an N×N weight matrix, and differ
 * only in the field h_i they derive from m. Async: a fresh seeded order per sweep, each
 * flip updating m in O(P); sync: every field from the sweep's m, then m recomputed. A
 * field of 0 keeps the neuron; a sweep that changes nothing is a fixed point.
 */
import type { Rng } from '../util/rng.js';

export type HopfieldSchedule = 'sync' | 'async';

export interface RecallResult {
  /** Final state, ±1 per neuron. */
  state: Int8Array;
  converged: boolean;
  /** Sweeps that changed the state. */
  sweeps: number;
}

/** m[μ] = Σ_i ξ^μ_i s_i for the P×N patterns `xi` (row μ = pattern μ). */
export function patternOverlaps(xi: Int8Array, n: number, patterns: number, s: Int8Array, m: Float64Array | Int32Array): void {
  for (let mu = 0; mu < patterns; mu++) {
    let acc = 0;
    for (let i = 0, k = mu * n; i < n; i++, k++) acc += xi[k]! * s[i]!;
    m[mu] = acc;
  }
}

/**
 * Run the dynamics on `s` (±1, changed in place) to a fixed point or `maxSweeps`.
 * `field(i, m, s, sync)` is neuron i's field from the overlaps (`sync`: a synchronous sweep).
 */
export function recallByOverlaps<M extends Float64Array | Int32Array>(
  xi: Int8Array,
  n: number,
  patterns: number,
  s: Int8Array,
  m: M,
  o: { schedule: HopfieldSchedule; maxSweeps: number; rng: Rng },
  field: (i: number, m: M, s: Int8Array, sync: boolean) => number,
): RecallResult {
  patternOverlaps(xi, n, patterns, s, m);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const next = new Int8Array(n);
  let sweeps = 0;
  let converged = false;
  for (let t = 0; t < o.maxSweeps; t++) {
    let changed = false;
    if (o.schedule === 'async') {
      o.rng.shuffle(order);
      for (let q = 0; q < n; q++) {
        const i = order[q]!;
        const h = field(i, m, s, false);
        const v = h > 0 ? 1 : h < 0 ? -1 : s[i]!;
        if (v === s[i]) continue;
        s[i] = v;
        changed = true;
        for (let mu = 0, k = i; mu < patterns; mu++, k += n) m[mu]! += 2 * v * xi[k]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const h = field(i, m, s, true);
        next[i] = h > 0 ? 1 : h < 0 ? -1 : s[i]!;
        if (next[i] !== s[i]) changed = true;
      }
      s.set(next);
      patternOverlaps(xi, n, patterns, s, m);
    }
    if (!changed) {
      converged = true;
      break;
    }
    sweeps++;
  }
  return { state: s, converged, sweeps };
}
