/**
 * hopcode/network/presets — named networks, so a user never has to know the math to start.
 *
 * Each preset is a local code, an input degree d (the constraint degree z is the
 * local code's length) and the update rule measured to work best for it. Design rate
 * R = 1 − d·(1 − k₀/z) (DESIGN.md §1).
 */
import type { InputRule, Schedule } from '../decoders/reference-dynamics.js';
import type { ClusterOrder } from '../decoders/cluster-serial-reference.js';
import type { SerialAccept } from '../decoders/cluster-serial-accept.js';
import { bchByLengthDimension, parseBchName } from '../codes/bch.js';

/** Default dynamics of a preset that does not run the input rule (radius-t clusters). */
export interface PresetDynamics {
  readonly decoder: 'network-serial';
  readonly order: ClusterOrder;
  readonly maxSweeps: number;
  /** Acceptance of the active cluster's pattern (decoders/cluster-serial-accept.ts). */
  readonly accept: SerialAccept;
}

export interface PresetDef {
  readonly name: string;
  readonly localCode: string;
  readonly d: number;
  readonly z: number;
  readonly k0: number;
  readonly rule: InputRule;
  readonly schedule: Schedule;
  readonly summary: string;
  /** When set, the dynamics `simulate` runs by default (BCH presets: cluster-serial). */
  readonly dynamics?: PresetDynamics;
  /** Graph builder when not the configuration model: 'pair-balanced' (d = 2 only, graphs/pair-balanced.ts). */
  readonly graph?: 'pair-balanced';
}

const def = (name: string, localCode: string, d: number, z: number, k0: number, summary: string): PresetDef => ({
  name,
  localCode,
  d,
  z,
  k0,
  rule: 'free-energy',
  schedule: 'sync',
  summary,
});

export const PRESETS: Readonly<Record<string, PresetDef>> = Object.freeze({
  'hamming7-d2': def('hamming7-d2', 'hamming7', 2, 7, 4, 'Hamming(7,4) clusters, each input in 2: rate 1/7; the smallest network, for census'),
  'hamming15-d2': def('hamming15-d2', 'hamming15', 2, 15, 11, 'Hamming(15,11) clusters, d = 2: rate 7/15 (d = 2 does not correct a finite fraction)'),
  'hamming15-d3': def('hamming15-d3', 'hamming15', 3, 15, 11, 'Hamming(15,11) clusters, d = 3: rate 0.2, the most noise-tolerant'),
  'hamming31-d3': def('hamming31-d3', 'hamming31', 3, 31, 26, 'Hamming(31,26) clusters, d = 3: rate 0.52'),
  'parity6-d3': def('parity6-d3', 'parity6', 3, 6, 5, 'parity-check clusters of 6, d = 3: rate 1/2, the (3,6) LDPC graph'),
  'parity8-d4': def('parity8-d4', 'parity8', 4, 8, 7, 'parity-check clusters of 8, d = 4: rate 1/2'),
  'parity10-d5': def('parity10-d5', 'parity10', 5, 10, 9, 'parity-check clusters of 10, d = 5: rate 1/2'),
});

/** The flagship: the best trade of rate and noise tolerance measured (see README). */
export const FLAGSHIP = 'hamming31-d3';

export function presetByName(name: string): PresetDef {
  const p = PRESETS[name] ?? bchPreset(name);
  if (!p) throw new Error(`hopcode/presets: unknown preset "${name}" (known: ${[...Object.keys(PRESETS), ...Object.keys(BCH_PRESETS)].join(", ")}, or bch<n>-<k>-d<d>)`);
  return p;
}

/** Design rate R = 1 − d·(1 − k₀/z). */
export function designRate(p: PresetDef): number {
  return 1 - p.d * (1 - p.k0 / p.z);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The valid N nearest to the request: M = N·d/z must be whole, so N is a multiple
 * of z / gcd(d, z), and N ≥ z. Says so in `note` when it had to round.
 */
export function roundN(p: PresetDef, requested: number): { n: number; note?: string } {
  if (typeof requested !== 'number' || !Number.isFinite(requested) || !Number.isInteger(requested)) {
    throw new Error(`hopcode/presets: N must be a whole number, got ${String(requested)}`);
  }
  if (requested < p.z) throw new Error(`hopcode/presets: N = ${requested} is too small for ${p.name}: a constraint needs z = ${p.z} distinct inputs (N ≥ ${p.z})`);
  const step = p.z / gcd(p.d, p.z);
  let n = Math.round(requested / step) * step;
  if (n < p.z) n += step;
  if (n === requested) return { n };
  return { n, note: `N = ${requested} is not a valid size for ${p.name} (N·d/z must be whole): using N = ${n}` };
}

/**
 * Radius-t presets (DESIGN.md §4): BCH(n, k, t) clusters, each input in d of them,
 * decoded cluster-serially (iterative bounded-distance decoding) with anchor acceptance
 * (a pattern that would flip an input of a satisfied cluster is refused or overrules it,
 * decoders/cluster-serial-accept.ts): measured better than plain acceptance on every BCH
 * preset (README, "BCH presets"), as were the order and sweep cap; the rate is 1 − d·(n − k)/n.
 */
const bch = (n: number, k: number, d: number, order: ClusterOrder, maxSweeps: number, summary: string): PresetDef => {
  const p = bchByLengthDimension(n, k);
  return Object.freeze({
    name: `bch${n}-${k}-d${d}`,
    localCode: `bch${n}-${k}`,
    d,
    z: n,
    k0: k,
    rule: 'free-energy' as InputRule,
    schedule: 'sync' as Schedule,
    summary: `BCH(${n},${k}) clusters (t = ${p.t}), d = ${d}: rate ${(1 - (d * (n - k)) / n).toFixed(3)}; ${summary}`,
    dynamics: Object.freeze({ decoder: 'network-serial' as const, order, maxSweeps, accept: 'anchor' as const }),
  });
};

export const BCH_PRESETS: Readonly<Record<string, PresetDef>> = Object.freeze(
  Object.fromEntries(
    [
      bch(15, 7, 2, 'random', 20, 'the smallest BCH network, for census'),
      bch(63, 45, 2, 'random', 30, 'radius 3'),
      bch(63, 51, 2, 'random', 30, 'radius 2'),
      bch(127, 106, 2, 'random', 30, 'radius 3'),
      bch(127, 113, 2, 'random', 30, 'radius 2'),
      bch(255, 231, 2, 'random', 30, 'radius 3, rate above 0.8'),
      bch(255, 239, 2, 'random', 30, 'radius 2, the highest rate'),
      bch(63, 51, 3, 'random', 30, 'radius 2'),
      bch(127, 106, 3, 'random', 30, 'radius 3, rate ½'),
      bch(127, 113, 3, 'random', 30, 'radius 2'),
      bch(255, 231, 3, 'random', 30, 'radius 3'),
      bch(255, 239, 3, 'random', 30, 'radius 2, rate above 0.8'),
      pairBalanced(bch(255, 239, 2, 'random', 30, 'every pair of clusters shares 2 or 3 inputs (no error floor from heavily shared pairs)')),
    ].map((p) => [p.name, p]),
  ),
);

/** The same BCH preset on a pair-balanced graph, named `<name>-pairs` (opt-in; d = 2 only). */
function pairBalanced(p: PresetDef): PresetDef {
  return Object.freeze({ ...p, name: `${p.name}-pairs`, graph: 'pair-balanced' as const, summary: p.summary.replace(/; [^;]*$/, '') + `; pair-balanced graph: ${p.summary.replace(/^.*; /, '')}` });
}

/** A BCH preset by name: a listed one, or any `bch<n>-<k>-d<d>` whose parameters exist (else a one-line error). */
function bchPreset(name: string): PresetDef | undefined {
  const listed = BCH_PRESETS[name];
  if (listed) return listed;
  const m = /^(bch\d+-\d+)-d(\d+)$/.exec(name);
  if (!m) return undefined;
  const lc = parseBchName(m[1]!)!;
  const d = Number(m[2]);
  if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`hopcode/presets: ${name}: the input degree d must be 1..7, got ${m[2]}`);
  return bch(lc.n, lc.k, d, 'random', 30, 'built on request');
}
