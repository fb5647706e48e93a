/**
 * hopcode/channels/awgn — BPSK over the additive white Gaussian noise channel.
 *
 * A bit x is sent as s = 1 − 2x and received as y = s + σ·n, n ~ N(0, 1). The noise
 * point is Eb/N0 in dB and is rate-aware: with Es = 1 and Eb = Es/R,
 *   σ² = N0/2 = 1 / (2 · R · Eb/N0)        (Eb/N0 linear = 10^(dB/10)).
 * Hard decision x̂ = [y < 0]; soft output L = ln p(y|0)/p(y|1) = 2y/σ², whose mean
 * over transmitted zeros is 2/σ² (and variance 4/σ²: a consistent Gaussian LLR).
 * Normals come from the Box–Muller transform, two per pair of uniforms.
 *
 * Shannon limits: for binary input (BI-AWGN) the capacity is
 *   C(σ) = 1 − E_z[ log2(1 + exp(−2(1 + σz)/σ²)) ],   z ~ N(0, 1),
 * integrated numerically (composite Simpson on z ∈ [−12, 12]); the limit is the σ* with
 * C(σ*) = R, reported as Eb/N0 = 1/(2Rσ*²) in dB (0.187 dB at R = ½). The
 * unconstrained (Gaussian-input) bound for a real channel is Eb/N0 = (2^(2R) − 1)/(2R)
 * (0 dB at R = ½), lower than the BPSK one at every rate.
 */
import type { Rng } from '../util/rng.js';
import { checkLength, type Channel, type ReceivedFrame, type ReceivedWords } from './channel.js';

/** Noise standard deviation σ for Eb/N0 in dB at code rate R. */
export function awgnSigma(ebN0dB: number, rate: number): number {
  if (!Number.isFinite(ebN0dB)) throw new Error(`hopcode/awgn: Eb/N0 must be a finite number of dB, got ${ebN0dB}`);
  if (!(rate > 0 && rate <= 1)) throw new Error(`hopcode/awgn: the code rate must lie in (0, 1], got ${rate}`);
  return Math.sqrt(1 / (2 * rate * 10 ** (ebN0dB / 10)));
}

/** Fill `out` with independent standard normals (Box–Muller). */
export function fillNormals(out: Float64Array, rng: Rng): Float64Array {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.double()));
    const t = 2 * Math.PI * rng.double();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** BPSK-AWGN at Eb/N0 (dB) for a code of rate R. */
export class AwgnChannel implements Channel {
  readonly kind = 'awgn' as const;
  readonly label: string;
  readonly sigma: number;
  private scratch = new Float64Array(0);

  constructor(
    readonly noise: number,
    readonly rate: number,
  ) {
    this.sigma = awgnSigma(noise, rate);
    this.label = `AWGN(Eb/N0=${noise} dB, R=${+rate.toFixed(4)})`;
  }

  /** Received real values y = (1 − 2x) + σ·n. */
  receive(x: Uint8Array, rng: Rng, out = new Float64Array(x.length)): Float64Array {
    checkLength('awgn', out.length, x.length, 'the output buffer');
    fillNormals(out, rng);
    for (let i = 0; i < x.length; i++) out[i] = 1 - 2 * x[i]! + this.sigma * out[i]!;
    return out;
  }

  transmit(x: Uint8Array, rng: Rng): ReceivedFrame {
    const y = this.receive(x, rng);
    const hard = new Uint8Array(x.length);
    const k = 2 / (this.sigma * this.sigma);
    for (let i = 0; i < y.length; i++) {
      hard[i] = y[i]! < 0 ? 1 : 0;
      y[i] = k * y[i]!;
    }
    return { hard, llr: y };
  }

  /** Soft LLRs only, in single precision (half the memory for large batches). */
  llr32(x: Uint8Array, rng: Rng, out = new Float32Array(x.length)): Float32Array {
    const y = this.receive(x, rng);
    const k = 2 / (this.sigma * this.sigma);
    for (let i = 0; i < y.length; i++) out[i] = k * y[i]!;
    return out;
  }

  /** Hard decisions of 32 frames, bit-sliced; same stream use as 32 `transmit` calls. */
  transmitWords(x: Uint32Array, rng: Rng): ReceivedWords {
    const n = x.length;
    if (this.scratch.length !== n) this.scratch = new Float64Array(n);
    const z = this.scratch;
    const hard = new Uint32Array(n);
    for (let f = 0; f < 32; f++) {
      fillNormals(z, rng);
      for (let i = 0; i < n; i++) {
        const s = 1 - 2 * ((x[i]! >>> f) & 1);
        if (s + this.sigma * z[i]! < 0) hard[i] = (hard[i]! | (1 << f)) >>> 0;
      }
    }
    return { hard };
  }
}

/** log2(1 + e^(−t)), stable for either sign of t. */
function log2OnePlusExpNeg(t: number): number {
  return t > 0 ? Math.log1p(Math.exp(-t)) / Math.LN2 : (-t + Math.log1p(Math.exp(t))) / Math.LN2;
}

/** Capacity (bits per channel use) of the binary-input AWGN channel with noise σ. */
export function biAwgnCapacity(sigma: number): number {
  if (!(sigma > 0)) throw new Error(`hopcode/awgn: σ must be > 0, got ${sigma}`);
  const steps = 2400; // even; the integrand is smooth, Simpson's error ≪ 1e-9
  const a = -12;
  const h = 24 / steps;
  const s2 = sigma * sigma;
  let acc = 0;
  for (let j = 0; j <= steps; j++) {
    const z = a + j * h;
    const w = j === 0 || j === steps ? 1 : j % 2 ? 4 : 2;
    acc += w * Math.exp(-z * z / 2) * log2OnePlusExpNeg((2 * (1 + sigma * z)) / s2);
  }
  return 1 - (acc * h) / 3 / Math.sqrt(2 * Math.PI);
}

/**
 * Shannon limit in Eb/N0 (dB) for rate R. `input: 'binary'` (default) is the BPSK
 * constraint every simulation here obeys; 'gaussian' is the unconstrained bound.
 */
export function shannonLimitAwgnEbN0(rate: number, input: 'binary' | 'gaussian' = 'binary'): number {
  if (input === 'gaussian') {
    if (!(rate > 0)) throw new Error(`hopcode/awgn: rate must be > 0, got ${rate}`);
    return 10 * Math.log10((2 ** (2 * rate) - 1) / (2 * rate));
  }
  if (!(rate > 0 && rate < 1)) throw new Error(`hopcode/awgn: a binary-input rate must lie in (0, 1), got ${rate}`);
  // C(σ) decreases in σ: bisect on ln σ.
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  for (let it = 0; it < 80; it++) {
    const mid = (lo + hi) / 2;
    if (biAwgnCapacity(Math.exp(mid)) > rate) lo = mid;
    else hi = mid;
  }
  const sigma = Math.exp((lo + hi) / 2);
  return 10 * Math.log10(1 / (2 * rate * sigma * sigma));
}
