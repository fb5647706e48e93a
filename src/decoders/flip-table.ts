/**
 * hopcode/decoders/flip-table — flip probabilities indexed by an input's energy level.
 *
 * The network's free energy with a persistent cue (DESIGN.md §2, §5) is
 *   F(x) = −Σ_c S_c(x) − Σ_i b_i x_i,   b_i = β(2y_i − 1),
 * and input i's flip gain is g_i = F(x) − F(x ⊕ e_i). Its *energy level* is E_i = −2·g_i
 * (low E: flipping helps). With parity clusters (terms ±½ per cluster) and β = ½,
 *   E_i = ±1 (agrees with the received bit or not) + Σ_{c ∋ i} ±1 (check satisfied or not),
 * exactly the bit energy of probabilistic parallel bit flipping (PPBF: K. Le, F. Ghaffari,
 * L. Kessal, D. Declercq, E. Boutillon, C. Winstead, B. Vasić, "A probabilistic parallel
 * bit-flipping decoder for low-density parity-check codes", IEEE TCAS-I 66(1), 2019), whose
 * flip probability p(E) is a table over these levels; gradient-descent bit flipping
 * (T. Wadayama et al., "Gradient descent bit flipping algorithms for decoding LDPC codes",
 * IEEE Trans. Commun. 58(6), 2010) descends the same energy.
 * Glauber dynamics at temperature T is one such table: p(E) = 1/(1 + e^{E/(2T)}).
 *
 * Levels are exact binary fractions (β on the 1/64 grid, cluster scores in halves), so a
 * level computed by a kernel from its counts equals the level the reference computes
 * from cluster scores: both index the same table entry. A probability is used as the
 * integer P = round(p·2^32): a coin with uniform 32-bit U flips iff U < P (p = 1 always,
 * p = 0 never).
 */
import type { CompiledNetwork } from './compiled-network.js';

/** A flip table as the user gives it. */
export type FlipTableSpec =
  /** Probabilities for the network's levels in increasing E (as many as there are levels). */
  | { kind: 'list'; probs: number[] }
  /** Explicit (level, probability) pairs; every level the network can produce must appear. */
  | { kind: 'pairs'; pairs: [number, number][] }
  /**
   * Glauber: p(E) = 1/(1 + e^{E/(2T)}). With `start` and `sweeps`, T is annealed
   * geometrically from `start` to `temperature` over the first `sweeps` sweeps of every
   * attempt (a restart anneals again), then stays at `temperature`.
   */
  | { kind: 'glauber'; temperature: number; start?: number; sweeps?: number }
  /**
   * Descent with Glauber's uphill moves: p(E) = 1 for E < 0 (every downhill flip is taken),
   * 1/(1 + e^{E/(2T)}) for E ≥ 0. The flagship's search (bench/ppbf-search) moved the
   * Glauber table there: a downhill flip refused at random only delays the descent.
   */
  | { kind: 'descent'; temperature: number }
  /**
   * By cluster votes, for any network: with v the change of E per cluster vote (v = 1 for
   * clusters with r = 0, whose scores move by ½; 2 otherwise), five probabilities for E/v ≤ −3, ≤ −1, ≤ 1,
   * ≤ 3 and > 3. On a (3,6) code with β = ½ these are exactly the levels −4, −2, 0, 2, 4.
   */
  | { kind: 'votes'; probs: number[] };

/** 2^32: the probability scale of a coin. */
export const COIN_SCALE = 4294967296;

/** The table resolved for one network and β: level and coin threshold per (degree, count, cue sign). */
export interface ResolvedFlipTable {
  /** Distinct levels the network can produce, increasing. */
  levels: number[];
  /** Probability per level (same order). */
  probs: number[];
  /** Coin threshold P ∈ [0, 2^32] of a level (Map keyed by the exact level). */
  thresholdOf: Map<number, number>;
}

/** The energy level of input i from its free-energy flip gain g (E = −2g). */
export function levelOfGain(gain: number): number {
  return gain === 0 ? 0 : -2 * gain;
}

/** Coin threshold of a probability. */
export function coinThreshold(p: number): number {
  return p >= 1 ? COIN_SCALE : p <= 0 ? 0 : Math.round(p * COIN_SCALE);
}

/**
 * Every level the bit-sliced count can produce on this network: for input degree d, T
 * clusters pushing-or-not-holding (T = P + d − Q ∈ 0..2d for Hamming, 2·#unsat for parity)
 * and cue sign σ, E = −(w·(T − d) + 2βσ) with w = 1 (r = 0) or 2 (r ≥ 1).
 */
export function networkLevels(net: CompiledNetwork, beta: number): number[] {
  const w = net.radius === 0 ? 1 : 2;
  const degrees = new Set<number>();
  for (let i = 0; i < net.n; i++) degrees.add(net.varPtr[i + 1]! - net.varPtr[i]!);
  const out = new Set<number>();
  for (const d of degrees) {
    const ts = net.family === 'parity' ? Array.from({ length: d + 1 }, (_, u) => 2 * u) : Array.from({ length: 2 * d + 1 }, (_, t) => t);
    for (const t of ts) for (const s of beta > 0 ? [1, -1] : [0]) out.add(levelOf(w, t, d, beta, s));
  }
  return [...out].sort((a, b) => a - b);
}

/** E for count T (in T units), degree d, cue sign σ. */
export function levelOf(w: number, t: number, d: number, beta: number, sigma: number): number {
  const e = -(w * (t - d) + 2 * beta * sigma);
  return e === 0 ? 0 : e;
}

/** Does the table change from sweep to sweep (an annealed Glauber table)? */
export function isAnnealed(spec: FlipTableSpec): boolean {
  return spec.kind === 'glauber' && spec.start !== undefined && (spec.sweeps ?? 0) > 0;
}

/** Temperature of a Glauber table at sweep s of an attempt. */
export function glauberTemperature(spec: { temperature: number; start?: number; sweeps?: number }, s: number): number {
  const S = spec.sweeps ?? 0;
  if (spec.start === undefined || S <= 1 || s >= S - 1) return spec.temperature; // as reference-dynamics annealTemperature
  return spec.start * (spec.temperature / spec.start) ** (s / (S - 1));
}

/** Resolve a user table against a network (at sweep `sweep` of an attempt); throws naming the problem. */
export function resolveFlipTable(net: CompiledNetwork, beta: number, spec: FlipTableSpec, sweep = 0, knownLevels?: number[]): ResolvedFlipTable {
  const levels = knownLevels ?? networkLevels(net, beta);
  let probs: number[];
  if (spec.kind === 'list') {
    if (spec.probs.length !== levels.length) {
      throw new Error(`hopcode/flip-table: the table has ${spec.probs.length} entries, this network with β = ${beta} has ${levels.length} energy levels E = ${levels.join(', ')}`);
    }
    probs = spec.probs.slice();
  } else if (spec.kind === 'pairs') {
    const map = new Map<number, number>();
    for (const [e, p] of spec.pairs) map.set(e === 0 ? 0 : e, p);
    probs = levels.map((e) => {
      const p = map.get(e);
      if (p === undefined) throw new Error(`hopcode/flip-table: no probability for energy level E = ${e} (levels of this network with β = ${beta}: ${levels.join(', ')})`);
      return p;
    });
  } else if (spec.kind === 'votes') {
    if (spec.probs.length !== 5) throw new Error(`hopcode/flip-table: a votes table has 5 probabilities (E/v ≤ −3, ≤ −1, ≤ 1, ≤ 3, > 3), got ${spec.probs.length}`);
    const v = net.radius === 0 ? 1 : 2;
    probs = levels.map((e) => spec.probs[e / v <= -3 ? 0 : e / v <= -1 ? 1 : e / v <= 1 ? 2 : e / v <= 3 ? 3 : 4]!);
  } else if (spec.kind === 'descent') {
    const T = spec.temperature;
    if (!(T > 0) || !Number.isFinite(T)) throw new Error(`hopcode/flip-table: the temperature must be a number > 0, got ${T}`);
    probs = levels.map((e) => (e < 0 ? 1 : 1 / (1 + Math.exp(e / (2 * T)))));
  } else {
    for (const [name, v] of [['temperature', spec.temperature], ['start temperature', spec.start ?? 1]] as const) {
      if (!(v > 0) || !Number.isFinite(v)) throw new Error(`hopcode/flip-table: the ${name} must be a number > 0, got ${v}`);
    }
    if (spec.start !== undefined && spec.start < spec.temperature) throw new Error(`hopcode/flip-table: an annealed table cools: start ${spec.start} < end ${spec.temperature}`);
    if (spec.sweeps !== undefined && (!Number.isInteger(spec.sweeps) || spec.sweeps < 0)) throw new Error(`hopcode/flip-table: anneal sweeps must be an integer ≥ 0, got ${spec.sweeps}`);
    const T = glauberTemperature(spec, sweep);
    probs = levels.map((e) => 1 / (1 + Math.exp(e / (2 * T))));
  }
  for (const p of probs) if (!(p >= 0 && p <= 1)) throw new Error(`hopcode/flip-table: probabilities must lie in [0, 1], got ${p}`);
  const thresholdOf = new Map<number, number>();
  levels.forEach((e, k) => thresholdOf.set(e, coinThreshold(probs[k]!)));
  return { levels, probs, thresholdOf };
}

/**
 * Parse a table as typed: "1,0.9,0.3,0.01,0" (one probability per level, increasing E),
 * "-4:1,-2:0.9,0:0.3,2:0.01,4:0" (level:probability pairs), "votes:1,0.9,0.9,0.006,0"
 * (by cluster votes, any network), "glauber:T" or "glauber:START:END:SWEEPS" (annealed),
 * "descent:T" (every downhill flip, Glauber's uphill ones).
 */
export function parseFlipTable(text: string): FlipTableSpec {
  const t = text.trim();
  if (t.startsWith('glauber:')) {
    const parts = t.slice(8).split(':');
    const pos = (x: string): number => {
      const v = Number(x);
      if (x.trim() === '' || !(v > 0) || !Number.isFinite(v)) throw new Error(`the temperature after "glauber:" must be a number > 0, got "${x}"`);
      return v;
    };
    if (parts.length === 1) return { kind: 'glauber', temperature: pos(parts[0]!) };
    if (parts.length !== 3) throw new Error(`expected glauber:T or glauber:START:END:SWEEPS, got "${text}"`);
    const [a, b, c] = [pos(parts[0]!), pos(parts[1]!), Number(parts[2])];
    if (!Number.isInteger(c) || c < 1) throw new Error(`the anneal length in "${text}" must be a whole number ≥ 1`);
    if (a < b) throw new Error(`an annealed table cools: start ${a} < end ${b}`);
    return { kind: 'glauber', temperature: b, start: a, sweeps: c };
  }
  if (t.startsWith('descent:')) {
    const x = t.slice(8);
    const v = Number(x);
    if (x.trim() === '' || !(v > 0) || !Number.isFinite(v)) throw new Error(`the temperature after "descent:" must be a number > 0, got "${x}"`);
    return { kind: 'descent', temperature: v };
  }
  const votes = t.startsWith('votes:');
  const items = (votes ? t.slice(6) : t).split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) throw new Error(`expected probabilities separated by commas, got "${text}"`);
  const num = (s: string): number => {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new Error(`"${s}" is not a number`);
    return v;
  };
  const prob = (s: string): number => {
    const v = num(s);
    if (!(v >= 0 && v <= 1)) throw new Error(`probability ${s} is outside [0, 1]`);
    return v;
  };
  if (votes) {
    if (items.length !== 5) throw new Error(`"votes:" needs 5 probabilities (E/v ≤ −3, ≤ −1, ≤ 1, ≤ 3, > 3), got ${items.length}`);
    return { kind: 'votes', probs: items.map(prob) };
  }
  if (items.every((s) => s.includes(':'))) {
    return {
      kind: 'pairs',
      pairs: items.map((s) => {
        const [e, p, extra] = s.split(':');
        if (extra !== undefined) throw new Error(`"${s}" is not level:probability`);
        return [num(e!), prob(p!)];
      }),
    };
  }
  if (items.some((s) => s.includes(':'))) throw new Error('mix of level:probability pairs and plain probabilities');
  return { kind: 'list', probs: items.map(prob) };
}

/** The table as it would be typed back (for headers and `cli` strings). */
export function formatFlipTable(spec: FlipTableSpec): string {
  if (spec.kind === 'glauber') return spec.start !== undefined && spec.sweeps ? `glauber:${spec.start}:${spec.temperature}:${spec.sweeps}` : `glauber:${spec.temperature}`;
  if (spec.kind === 'descent') return `descent:${spec.temperature}`;
  if (spec.kind === 'list') return spec.probs.join(',');
  if (spec.kind === 'votes') return `votes:${spec.probs.join(',')}`;
  return spec.pairs.map(([e, p]) => `${e}:${p}`).join(',');
}
