/**
 * hopcode/report/threshold-fit — pure helpers: FER-curve crossings and their extrapolation in N.
 *
 * A measured curve is a list of (p, frames, frame errors). Its crossing of a FER level
 * is `crossing` from sim/stats (log FER interpolated linearly in p). The threshold p*
 * (FER = ½ crossing) is extrapolated to N → ∞ by the finite-size model
 *   p*(N) = p*∞ + a·N^(−½)          (ordinary least squares in x = 1/√N),
 * i.e. the exponent ν = ½ is fixed: with four sizes a free ν is not identifiable.
 * Uncertainty, two ways: (1) the standard error of the intercept from the fit
 * residuals (dof = #N − 2; absent with two sizes), (2) a bootstrap over the Wilson
 * intervals: every point's FER is redrawn from a split normal whose halves match its
 * 95 % Wilson bounds, the crossings and the fit are redone, and the 2.5–97.5 %
 * percentiles of p*∞ form the interval.
 */
import { Rng } from '../util/rng.js';
import { crossing, wilson, Z95 } from '../sim/stats.js';

export interface CountPoint {
  p: number;
  frames: number;
  frameErrors: number;
}

export interface LinearFit {
  intercept: number;
  slope: number;
  /** Standard error of the intercept from the residuals (NaN when #points ≤ 2). */
  seIntercept: number;
  /** Residual sum of squares. */
  rss: number;
}

/** Ordinary least squares y = intercept + slope·x (needs ≥ 2 distinct x). */
export function linearFit(x: readonly number[], y: readonly number[]): LinearFit {
  const n = x.length;
  if (n !== y.length || n < 2) throw new Error(`hopcode/threshold-fit: need ≥ 2 paired points, got ${n} and ${y.length}`);
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  if (!(sxx > 0)) throw new Error('hopcode/threshold-fit: the x values are all equal');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i]! - intercept - slope * x[i]!) ** 2;
  const s2 = n > 2 ? rss / (n - 2) : NaN;
  const seIntercept = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  return { intercept, slope, seIntercept, rss };
}

/** FER crossing of a counted curve (undefined when the level is not bracketed). */
export function curveCrossing(points: readonly CountPoint[], level: number): number | undefined {
  return crossing(points.map((q) => ({ noise: q.p, rate: q.frames > 0 ? q.frameErrors / q.frames : NaN })), level);
}

function normal(rng: Rng): number {
  const u = Math.max(rng.double(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.double());
}

/** One FER redrawn inside its Wilson interval (split normal, σ = half-width / 1.96 on each side). */
export function redrawFer(q: CountPoint, rng: Rng): number {
  const f = q.frameErrors / q.frames;
  const [lo, hi] = wilson(q.frameErrors, q.frames);
  const u = normal(rng);
  const v = u < 0 ? f + (u * (f - lo)) / Z95 : f + (u * (hi - f)) / Z95;
  return Math.min(1, Math.max(1e-12, v));
}

export interface SizeCurve {
  n: number;
  points: readonly CountPoint[];
}

export interface Extrapolation {
  level: number;
  /** Measured crossing at each N (undefined when not bracketed; such N are left out of the fit). */
  perN: { n: number; pStar: number | undefined }[];
  model: string;
  /** p*∞ (undefined with fewer than two bracketed sizes). */
  pInf?: number;
  slope?: number;
  seFit?: number;
  /** Bootstrap percentile interval of p*∞ and how many resamples bracketed every size. */
  ci?: [number, number];
  resamples?: number;
}

function percentile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Extrapolate the `level` crossing of curves at several N with p*(N) = p*∞ + a/√N. */
export function extrapolateCrossing(curves: readonly SizeCurve[], opts: { level?: number; resamples?: number; seed?: number } = {}): Extrapolation {
  const level = opts.level ?? 0.5;
  const perN = curves.map((c) => ({ n: c.n, pStar: curveCrossing(c.points, level) }));
  const ok = curves.filter((_, i) => perN[i]!.pStar !== undefined);
  const out: Extrapolation = { level, perN, model: 'p*(N) = p*∞ + a·N^(−1/2), least squares' };
  if (ok.length < 2) return out;
  const x = ok.map((c) => 1 / Math.sqrt(c.n));
  const fit = linearFit(x, ok.map((c) => curveCrossing(c.points, level)!));
  Object.assign(out, { pInf: fit.intercept, slope: fit.slope, seFit: fit.seIntercept });
  const rng = Rng.stream(opts.seed ?? 1, 0x666974 /* 'fit' */);
  const draws: number[] = [];
  for (let b = 0; b < (opts.resamples ?? 400); b++) {
    const ys: number[] = [];
    for (const c of ok) {
      const y = crossing(c.points.map((q) => ({ noise: q.p, rate: q.frames > 0 ? redrawFer(q, rng) : NaN })), level);
      if (y === undefined) break;
      ys.push(y);
    }
    if (ys.length === ok.length) draws.push(linearFit(x, ys).intercept);
  }
  if (draws.length >= 20) {
    draws.sort((a, b) => a - b);
    out.ci = [percentile(draws, 0.025), percentile(draws, 0.975)];
    out.resamples = draws.length;
  }
  return out;
}
