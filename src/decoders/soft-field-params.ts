/**
 * hopcode/decoders/soft-field-params — the knobs of soft-field dynamics, and their integer form.
 *
 * The network's free energy with a real external field (DESIGN.md §1–2, §5)
 *   F(x) = −Σ_c S_c(x) − Σ_i b_i·x_i,   S_c = max(0, r + ½ − dist(x|∂c, L_c)),
 * is descended with a flip rule in the style of Noisy GDBF (Sundararajan, Winstead &
 * Boutillon 2014): input i flips when ΔF_i + ν_i < −θ, where ΔF_i is the change of F
 * if x_i alone flipped, ν_i a fresh Gaussian perturbation per input and sweep, θ ≥ 0 a
 * threshold. The user's knobs are measured in cluster terms τ: the change of one
 * cluster's score S_c when one of its bits flips (½ vote for single-parity clusters,
 * r = 0; 1 vote for radius r ≥ 1), so one tuned setting carries over between parity
 * and Hamming networks; `kernelParams` turns them into votes for the kernels. The BSC
 * cue β alone is given in votes, the project's convention for β.
 * Kernels work in integer ticks: one tick = 1/(2·ticks) vote with `ticks` a power of
 * two, so every quantity is a dyadic rational and the real-valued reference computes
 * exactly the same comparisons in floating point.
 * Channel field (DESIGN.md §5, channel.ts sign convention): b_i = −scale·L_i with the
 * LLR L_i = ln P(y|0)/P(y|1) ('llr' units) or b_i = −scale·y_i ('amplitude' units, the
 * field NGDBF uses, with noise η·scale·σ), rounded to ticks and clipped to |b_i| ≤ clip.
 * On the BEC an erasure has b = 0 and a known bit the full clip; on the BSC the field
 * is the cue ±β.
 */

export type SoftSchedule = 'parallel' | 'serial';
/** AWGN field units: 'llr' b = −scale·L, noise in votes; 'amplitude' b = −scale·y (y = σ²L/2), noise σ_ν = noise·scale·σ (NGDBF's η). */
export type SoftUnits = 'llr' | 'amplitude';

export interface SoftFieldParams {
  /** Field per unit of LLR (or of amplitude y), in cluster terms τ (kernel form: votes). */
  scale: number;
  /** Ticks per ½ vote (power of two, 1..64): the quantisation step is 1/(2·ticks) vote. */
  ticks: number;
  /** Largest |b_i|, in τ (kernel form: votes). */
  clip: number;
  /** σ of the injected noise ν in τ ('amplitude' units: η, relative to scale·σ_channel); 0: deterministic descent. */
  noise: number;
  /** Flip threshold θ ≥ 0 in τ (kernel form: votes): flip when ΔF + ν < −θ. */
  threshold: number;
  /** 'parallel': every input decides from the same state; 'serial': one at a time, seeded order. */
  schedule: SoftSchedule;
  /** BSC: the cue weight β in votes (field ±β). */
  cue: number;
  /** Restarts: a frame still unsatisfied at the sweep cap starts again from the channel state with fresh noise, up to this many times. */
  restarts: number;
  /** How the AWGN field and noise scale with the channel (see SoftUnits). */
  units: SoftUnits;
}

/**
 * Defaults measured by src/bench/soft-search.ts on ldpc-3-6-n4000-nfirst, AWGN 2.6 dB
 * (README: Soft channels); with --max-sweeps 300 (decoderSpec's network-soft default).
 */
export const DEFAULT_SOFT: SoftFieldParams = { scale: 1.204, ticks: 8, clip: 4, noise: 1.139, threshold: 0.5, schedule: 'serial', cue: 0.5, restarts: 3, units: 'amplitude' };

/** One cluster term τ in votes: the flip gain of one cluster (S_c moves between r + ½ and r − ½, or ½ and 0). */
export function clusterTermVotes(radius: number): number {
  return radius === 0 ? 0.5 : 1;
}

/**
 * Kernel parameters (votes, 'llr' units) for a network whose cluster term is `tau`
 * votes, on AWGN of noise σ (undefined on the BSC and BEC): τ-valued knobs ×τ; in
 * 'amplitude' units b = −scale·y = −(scale·σ²/2)·L and ν = noise·scale·σ, so the field
 * keeps its size against the constraint terms at every Eb/N0 (as NGDBF's y does).
 */
export function kernelParams(p: SoftFieldParams, tau: number, sigma?: number): SoftFieldParams {
  const k: SoftFieldParams = { ...p, scale: p.scale * tau, clip: p.clip * tau, threshold: p.threshold * tau, noise: p.noise * tau, units: 'llr' };
  if (p.units === 'amplitude' && sigma !== undefined) {
    k.scale = (p.scale * tau * sigma * sigma) / 2;
    k.noise = p.noise * p.scale * tau * sigma;
  }
  k.noise = Math.min(64, k.noise);
  return resolveSoftParams(k);
}

/** Option names as the CLI spells them, for error messages. */
export const SOFT_OPTION: Record<keyof SoftFieldParams, string> = {
  scale: '--soft-scale',
  ticks: '--soft-ticks',
  clip: '--soft-clip',
  noise: '--soft-noise',
  threshold: '--soft-threshold',
  schedule: '--soft-schedule',
  cue: '--soft-cue',
  restarts: '--soft-restarts',
  units: '--soft-units',
};

/** Fill defaults and validate; throws one line naming the option. */
export function resolveSoftParams(over: Partial<SoftFieldParams> = {}): SoftFieldParams {
  const p: SoftFieldParams = { ...DEFAULT_SOFT, ...over };
  const bad = (k: keyof SoftFieldParams, want: string): never => {
    throw new Error(`hopcode/soft-field: ${SOFT_OPTION[k]} must be ${want}, got ${String(p[k])}`);
  };
  if (!(p.scale > 0 && Number.isFinite(p.scale))) bad('scale', 'a finite number > 0');
  if (!Number.isInteger(p.ticks) || p.ticks < 1 || p.ticks > 64 || (p.ticks & (p.ticks - 1)) !== 0) bad('ticks', 'a power of two from 1 to 64');
  if (!(p.clip > 0 && p.clip <= 64)) bad('clip', 'a number in (0, 64]');
  if (!(p.noise >= 0 && p.noise <= 64)) bad('noise', 'a number in [0, 64]');
  if (!(p.threshold >= 0 && p.threshold <= 64)) bad('threshold', 'a number in [0, 64]');
  if (p.schedule !== 'parallel' && p.schedule !== 'serial') bad('schedule', 'parallel or serial');
  if (!(p.cue >= 0 && p.cue <= 64)) bad('cue', 'a number in [0, 64]');
  if (p.units !== 'llr' && p.units !== 'amplitude') bad('units', 'llr or amplitude');
  if (!Number.isInteger(p.restarts) || p.restarts < 0 || p.restarts > 100) bad('restarts', 'a whole number from 0 to 100');
  if (Math.round(p.clip * 2 * p.ticks) < 1) bad('clip', `at least one quantisation step (1/${2 * p.ticks} vote)`);
  return p;
}

/** Ticks per vote. */
export function ticksPerVote(p: SoftFieldParams): number {
  return 2 * p.ticks;
}

/** A value in votes rounded to whole ticks (half away from zero, so ± are symmetric). */
export function toTicks(p: SoftFieldParams, votes: number): number {
  const t = votes * 2 * p.ticks;
  return (t < 0 ? -Math.round(-t) : Math.round(t)) + 0; // + 0: no −0
}

/** Quantised field of one LLR, in ticks: −scale·L rounded, clipped to ±clip. */
export function llrFieldTicks(p: SoftFieldParams, llr: number): number {
  const cap = Math.round(p.clip * 2 * p.ticks);
  const t = toTicks(p, -p.scale * llr);
  return t > cap ? cap : t < -cap ? -cap : t;
}

/** Quantised field of a BSC cue bit y, in ticks: +β for y = 1, −β for y = 0. */
export function cueFieldTicks(p: SoftFieldParams, y: number): number {
  const b = Math.min(toTicks(p, p.cue), Math.round(p.clip * 2 * p.ticks));
  return y ? b : -b;
}

/** The quantised field in votes (what the real-valued reference is given). */
export function ticksToField(p: SoftFieldParams, ticks: Int32Array): Float64Array {
  const v = ticksPerVote(p);
  return Float64Array.from(ticks, (t) => t / v);
}

/**
 * Φ⁻¹(u), the standard normal quantile, by Acklam's rational approximation
 * (relative error < 1.2e-9): a central rational in u − ½ and tail rationals in
 * √(−2 ln u); ample for a noise table quantised to ticks.
 */
export function normalQuantile(u: number): number {
  if (!(u > 0 && u < 1)) throw new Error(`hopcode/soft-field: the normal quantile needs 0 < u < 1, got ${u}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (u < low || u > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(u < low ? u : 1 - u));
    const z = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return u < low ? z : -z;
  }
  const q = u - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Noise table size: one draw is table[rng.next() >>> NOISE_SHIFT]. */
export const NOISE_BITS = 16;
export const NOISE_SHIFT = 32 - NOISE_BITS;

const noiseTables = new Map<string, Int32Array>();

/**
 * Gaussian noise in ticks by inversion: entry j = round(σ·Φ⁻¹((j + ½)/2^16)) ticks.
 * One 32-bit draw per sample (its top 16 bits pick the entry) keeps the stream
 * identical for the fast kernel and the reference.
 */
export function noiseTable(p: SoftFieldParams): Int32Array {
  const key = `${p.noise}/${p.ticks}`;
  let t = noiseTables.get(key);
  if (!t) {
    const size = 1 << NOISE_BITS;
    t = new Int32Array(size);
    const s = p.noise * 2 * p.ticks;
    for (let j = 0; j < size; j++) {
      const z = s * normalQuantile((j + 0.5) / size);
      t[j] = z < 0 ? -Math.round(-z) : Math.round(z);
    }
    noiseTables.set(key, t);
  }
  return t;
}
