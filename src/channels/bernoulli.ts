/**
 * hopcode/channels/bernoulli — positions of independent Bernoulli(p) events in N trials.
 *
 * For small p the positions are drawn by geometric skipping: the gap before the next
 * event is G = ⌊ln U / ln(1 − p)⌋ with U uniform on (0, 1], so a frame costs about
 * N·p + 1 random draws instead of N (Devroye, Non-Uniform Random Variate Generation,
 * §X.2). For p ≥ 1/4 one uniform per trial, compared with p, is cheaper. Either way the
 * stream is consumed deterministically for a given (N, p), which is what lets the
 * bit-sliced paths reproduce the per-frame ones draw for draw.
 */
import type { Rng } from '../util/rng.js';

/** Below this p, skip geometrically; at or above it, draw per trial. */
export const GEOMETRIC_BELOW = 0.25;

/**
 * Call `visit(i)` for each i in [0, n) that the Bernoulli(p) trial hits, in increasing
 * order. Uses `rng` only.
 */
export function forEachBernoulli(n: number, p: number, rng: Rng, visit: (i: number) => void): void {
  if (p <= 0 || n === 0) return;
  if (p >= 1) {
    for (let i = 0; i < n; i++) visit(i);
    return;
  }
  if (p < GEOMETRIC_BELOW) {
    const inv = 1 / Math.log1p(-p);
    let i = -1;
    for (;;) {
      const u = 1 - rng.double(); // (0, 1]
      const gap = Math.floor(Math.log(u) * inv);
      i += gap + 1;
      if (i >= n || !Number.isFinite(i)) return;
      visit(i);
    }
  }
  for (let i = 0; i < n; i++) if (rng.double() < p) visit(i);
}

/** out[i] = 1 where the Bernoulli(p) trial i hits, else 0 (one frame's flip or erasure mask). */
export function bernoulliMask(n: number, p: number, rng: Rng, out: Uint8Array): Uint8Array {
  out.fill(0);
  forEachBernoulli(n, p, rng, (i) => {
    out[i] = 1;
  });
  return out;
}

/**
 * 32 masks bit-sliced (bit f of word i: frame f's trial i hits), drawn frame 0 first, then
 * frame 1 …: the same stream use as 32 `bernoulliMask` calls.
 */
export function bernoulliMaskWords(n: number, p: number, rng: Rng, out: Uint32Array): Uint32Array {
  out.fill(0);
  for (let f = 0; f < 32; f++) {
    const bit = (1 << f) >>> 0;
    forEachBernoulli(n, p, rng, (i) => {
      out[i] = (out[i]! | bit) >>> 0;
    });
  }
  return out;
}
