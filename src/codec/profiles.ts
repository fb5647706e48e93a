/**
 * hopcode/codec/profiles — named protection profiles: a network, a size, a graph seed,
 * an interleave depth and a sweep cap, chosen by measurement (issue 12).
 *
 * Overhead = container bytes / payload bytes, everything included (CRCs, page heads,
 * tail): each block of N bits carries P = ⌊(K − 32)/8⌋ payload bytes, each 4 KiB page
 * 4032 bytes of blocks, so overhead → (N/8)/P · 4096/4032 for large files. Block
 * failure rates and bursts survived are measured by `npm run bench:codec-profiles`
 * (src/bench/codec-profiles.ts) and tabled in the README's "Storage codec" section.
 *
 * A container does not name its profile: its header carries (preset, N, seed,
 * interleave), and `profileOf` matches those back to a name for `inspect`. The sweep cap
 * is a decode-time choice (not in the header); every profile is measured at its own.
 */
import { CodecError } from './errors.js';
import { MAX_GROUP_BYTES, MAX_INTERLEAVE } from './container.js';
import { presetByName } from '../network/presets.js';

export interface Profile {
  readonly name: string;
  readonly preset: string;
  readonly n: number;
  readonly seed: number;
  readonly interleave: number;
  readonly maxSweeps: number;
  /** One line for `--help` and the README. */
  readonly summary: string;
}

const profile = (name: string, preset: string, n: number, interleave: number, maxSweeps: number, summary: string): Profile =>
  Object.freeze({ name, preset, n, seed: 1, interleave, maxSweeps, summary });

/**
 * The profiles. `default`: BCH(255,239) clusters (t = 2), each input in 2, rate 0.875,
 * decoded cluster-serially in fixed order with the anchored schedule (serial-block-decoder.ts); `light`: Hamming(255,247)
 * clusters (t = 1), rate 0.937; `robust`: Hamming(31,26) clusters, d = 3, rate 0.516
 * (sync dynamics); `legacy`: the default before issue 12 (parity10-d5), so that its
 * containers are named by `inspect`.
 */
export const PROFILES: Readonly<Record<string, Profile>> = Object.freeze({
  default: profile('default', 'bch255-239-d2', 8160, 2048, 50, 'overhead ≈ 1.17×, every block restored up to BER 2e-3 (BCH(255,239) clusters, t = 2)'),
  light: profile('light', 'bch255-247-d2', 8160, 2048, 50, 'overhead ≈ 1.09×, every block restored up to BER 1e-4 (Hamming(255,247) clusters, t = 1)'),
  robust: profile('robust', 'hamming31-d3', 4030, 2048, 50, 'overhead ≈ 2.00×, up to BER 1e-2 (Hamming(31,26) clusters, d = 3)'),
  legacy: profile('legacy', 'parity10-d5', 4000, 2048, 50, 'overhead ≈ 2.07×: the default before issue 12 (parity-check clusters of 10, d = 5)'),
});

export const DEFAULT_PROFILE = 'default';

export const PROFILE_NAMES = Object.freeze(Object.keys(PROFILES));

/** A profile by name; an unknown name is one line listing the known ones. */
export function profileByName(name: string): Profile {
  const p = Object.prototype.hasOwnProperty.call(PROFILES, name) ? PROFILES[name] : undefined;
  if (!p) throw new CodecError('BAD_OPTIONS', `unknown profile "${name}" (known: ${PROFILE_NAMES.join(', ')})`);
  return p;
}

/** The largest interleave depth allowed for blocks of N bits: a multiple of 32, a group ≤ MAX_GROUP_BYTES. */
export function maxInterleaveFor(n: number): number {
  return Math.min(MAX_INTERLEAVE, Math.floor((MAX_GROUP_BYTES * 8) / n / 32) * 32);
}

/** Check an interleave depth for blocks of N bits (one line naming the network). */
export function checkInterleave(interleave: number, preset: string, n: number, what = 'interleave'): void {
  const max = maxInterleaveFor(n);
  if (!Number.isInteger(interleave) || interleave < 32 || interleave > max || interleave % 32 !== 0) {
    throw new CodecError('BAD_OPTIONS', `${what} ${String(interleave)} is not allowed for ${preset} at N = ${n}: a multiple of 32 from 32 to ${max}`);
  }
}

/** The name of the profile with exactly these parameters, or null (a custom network). */
export function profileOf(h: { preset: string; n: number; seed: number; interleave: number }): string | null {
  for (const p of Object.values(PROFILES)) if (p.preset === h.preset && p.n === h.n && p.seed === h.seed && p.interleave === h.interleave) return p.name;
  return null;
}

/** The profile with this network (interleave aside), or null. */
export function profileOfNetwork(h: { preset: string; n: number; seed: number }): Profile | null {
  for (const p of Object.values(PROFILES)) if (p.preset === h.preset && p.n === h.n && p.seed === h.seed) return p;
  return null;
}

/** The network in one line for `inspect`: clusters, degree, K of N, rate, dynamics. */
export function describeNetwork(preset: string, code: { n: number; k: number }, radius: number): string {
  let p;
  try {
    p = presetByName(preset);
  } catch {
    return preset;
  }
  const dyn = p.dynamics ? `cluster-serial dynamics (radius ${radius}, fixed order, anchored)` : 'sync dynamics';
  return `${p.localCode} clusters, each input in ${p.d}, K = ${code.k} of N = ${code.n} (rate ${(code.k / code.n).toFixed(3)}), ${dyn}`;
}
