/**
 * hopcode/baselines/min-sum-quantised-reference — the naive twin of min-sum-quantised.
 *
 * The same fixed-point algorithm written as directly as the formulas read, for the
 * equivalence test (STYLE.md §3): every check-to-bit message is the minimum and the sign
 * product over the *other* edges, found by a fresh scan (O(z²) per check), with
 * messages held per (check, position) in plain arrays of numbers. Slow by design.
 *   q_{v→c} = clamp(Λ_v − r_{c→v})                          (layered)
 *           = clamp(L̃_v + Σ_{c' ≠ c} r_{c'→v})             (flooding)
 *   r_{c→v} = Π_{v' ≠ v} sgn(q_{v'→c}) · ψ(min_{v' ≠ v} |q_{v'→c}|)
 * with sgn(0) = +, the quantiser and ψ of min-sum-quantised.ts.
 */
import type { SparseGf2 } from '../codes/tanner-code.js';
import type { BaselineResult } from './tanner-edges.js';
import { quantisedParams, scaledMagnitude, type QuantisedMinSumOptions, type QuantisedParams } from './min-sum-quantised.js';

export function quantisedMinSumReference(h: SparseGf2, lq: ArrayLike<number>, opts: QuantisedMinSumOptions = {}): BaselineResult {
  const p: QuantisedParams = quantisedParams(opts);
  const checks: number[][] = [];
  for (let c = 0; c < h.rows; c++) checks.push(Array.from(h.rowCol.subarray(h.rowPtr[c]!, h.rowPtr[c + 1]!)));
  const clamp = (v: number): number => Math.max(-p.msgMax, Math.min(p.msgMax, v));
  const L = Array.from(lq, (v) => v);
  const decide = (post: number[]): Uint8Array => Uint8Array.from(post, (v) => (v < 0 ? 1 : 0));
  const satisfied = (x: Uint8Array): boolean => checks.every((vs) => vs.reduce((s, v) => s ^ x[v]!, 0) === 0);
  /** New messages of one check from its incoming q's (by position). */
  const checkOut = (qs: number[]): number[] =>
    qs.map((_, k) => {
      let neg = false;
      let min = Infinity;
      qs.forEach((q, j) => {
        if (j === k) return;
        if (q < 0) neg = !neg;
        min = Math.min(min, Math.abs(q));
      });
      const mag = scaledMagnitude(p, Math.min(min, p.msgMax));
      return neg ? -mag : mag;
    });
  const r = checks.map((vs) => vs.map(() => 0));
  let post = L.slice();
  if (satisfied(decide(post))) return { state: decide(post), converged: true, sweeps: 0, isStoredState: true };
  for (let it = 1; it <= p.maxIterations; it++) {
    if (p.schedule === 'layered') {
      checks.forEach((vs, c) => {
        const qs = vs.map((v, k) => clamp(post[v]! - r[c]![k]!));
        r[c] = checkOut(qs);
        vs.forEach((v, k) => (post[v] = qs[k]! + r[c]![k]!));
      });
    } else {
      const incoming = checks.map((vs, c) => vs.map((v, k) => clamp(post[v]! - r[c]![k]!)));
      // Iteration 1 sees r = 0 and post = L, so q = L as the flooding schedule starts.
      checks.forEach((_, c) => (r[c] = checkOut(incoming[c]!)));
      post = L.slice();
      checks.forEach((vs, c) => vs.forEach((v, k) => (post[v]! += r[c]![k]!)));
    }
    const x = decide(post);
    if (satisfied(x)) return { state: x, converged: true, sweeps: it, isStoredState: true };
  }
  return { state: decide(post), converged: false, sweeps: p.maxIterations, isStoredState: false };
}
