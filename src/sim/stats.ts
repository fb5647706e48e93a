/**
 * hopcode/sim/stats — binomial confidence intervals, error rates and threshold crossings.
 *
 * Wilson score interval (Wilson 1927) for k successes in n trials at normal quantile z:
 *   centre = (k + z²/2)/(n + z²),  half-width = z·√(k(n−k)/n + z²/4)/(n + z²).
 * Clopper–Pearson "exact" interval (Clopper & Pearson 1934) at level 1 − a:
 *   lower = B⁻¹(a/2; k, n − k + 1),  upper = B⁻¹(1 − a/2; k + 1, n − k),
 * with lower = 0 at k = 0 and upper = 1 at k = n, where B⁻¹ inverts the regularised
 * incomplete beta I_x(a, b). I_x is evaluated by Lentz's continued fraction
 * (Numerical Recipes §6.4; using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where the
 * fraction converges slowly) and inverted by bisection, which is monotone and cannot
 * diverge. Known values: k = 0, n = 100 → upper 0.0362; k = 5, n = 100 →
 * [0.0164, 0.1128].
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for I_x(a, b) (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) return h;
  }
  throw new Error(`hopcode/stats: the incomplete beta continued fraction did not converge (x = ${x}, a = ${a}, b = ${b})`);
}

/** Regularised incomplete beta I_x(a, b) = B(x; a, b)/B(a, b), a, b > 0, x ∈ [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new Error(`hopcode/stats: incomplete beta needs a, b > 0, got a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`hopcode/stats: incomplete beta needs x in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The x ∈ [0, 1] with I_x(a, b) = target, by bisection (I_x increases in x). */
export function inverseRegularizedBeta(target: number, a: number, b: number): number {
  if (!(target >= 0 && target <= 1)) throw new Error(`hopcode/stats: the beta quantile level must lie in [0, 1], got ${target}`);
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`hopcode/stats: the number of trials must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`hopcode/stats: the number of events must be an integer in [0, ${n}], got ${k}`);
}

/** Wilson score interval [lower, upper] for k events in n trials (default 95 %). */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  checkCounts(k, n);
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((k * (n - k)) / n + z2 / 4)) / (n + z2);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Clopper–Pearson exact interval [lower, upper] at confidence `level` (default 0.95). */
export function clopperPearson(k: number, n: number, level = 0.95): [number, number] {
  checkCounts(k, n);
  if (!(level > 0 && level < 1)) throw new Error(`hopcode/stats: the confidence level must lie in (0, 1), got ${level}`);
  const a = 1 - level;
  const lower = k === 0 ? 0 : inverseRegularizedBeta(a / 2, k, n - k + 1);
  const upper = k === n ? 1 : inverseRegularizedBeta(1 - a / 2, k + 1, n - k);
  return [lower, upper];
}

/** Frame error rate FE / frames (NaN when no frame was run). */
export function frameErrorRate(frameErrors: number, frames: number): number {
  return frames > 0 ? frameErrors / frames : NaN;
}

/** Bit error rate BE / (frames · bits per frame). */
export function bitErrorRate(bitErrors: number, frames: number, bitsPerFrame: number): number {
  return frames > 0 && bitsPerFrame > 0 ? bitErrors / (frames * bitsPerFrame) : NaN;
}

export interface CurvePoint {
  noise: number;
  /** The error rate at this noise (FER, BER …). */
  rate: number;
}

/**
 * Noise at which a curve crosses `level`, interpolating log(rate) linearly in noise
 * between the two bracketing points: noise = x₀ + (x₁ − x₀)·(ln L − ln r₀)/(ln r₁ − ln r₀).
 * Points are sorted by noise; points with rate ≤ 0 (no errors seen) or non-finite are
 * skipped, since their logarithm says nothing. Works for curves that rise (BSC p) or
 * fall (Eb/N0) with noise; returns the first crossing in increasing noise, or
 * undefined when the curve never brackets the level. A point exactly at the level
 * returns its own noise.
 */
export function crossing(points: readonly CurvePoint[], level: number): number | undefined {
  if (!(level > 0)) throw new Error(`hopcode/stats: the crossing level must be > 0, got ${level}`);
  const pts = points.filter((p) => p.rate > 0 && Number.isFinite(p.rate) && Number.isFinite(p.noise)).sort((a, b) => a.noise - b.noise);
  const ll = Math.log(level);
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i]!;
    if (a.rate === level) return a.noise;
    const b = pts[i + 1];
    if (!b) break;
    const la = Math.log(a.rate);
    const lb = Math.log(b.rate);
    if ((la - ll) * (lb - ll) < 0) return a.noise + ((b.noise - a.noise) * (ll - la)) / (lb - la);
  }
  return undefined;
}
