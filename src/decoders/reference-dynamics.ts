/**
 * hopcode/decoders/reference-dynamics — the slow, obviously-correct network dynamics.
 *
 * The network decodes by running its own neural dynamics (DESIGN.md §1). Two input
 * rules, each under three schedules:
 *  - rule 'unit': the hidden layer responds deterministically (nearest pattern within
 *    radius r, none on a tie) and each input takes the sign of its field
 *    h_i = Σ_{active (c,a) ∋ i} (2a_{k(i)} − 1) + b_i — the votes of DESIGN.md §1;
 *  - rule 'free-energy': each input moves to lower the free energy F(x) of the
 *    hidden-marginalised network, h_i = F(x|x_i=0) − F(x|x_i=1) + b_i
 *    (for parity constraints this is majority bit flipping; for Hamming constraints a
 *    cluster whose error sits at i pulls i over, a clean cluster holds it).
 * x_i ← 1 if h_i > 0, 0 if h_i < 0, unchanged if h_i = 0.
 * Schedules: 'sync' (all inputs from the same state), 'async' (one input at a time in
 * a seeded random order per sweep), 'stochastic' (async Glauber updates
 * P(x_i = 1) = 1/(1 + e^(−h_i/T)) with T annealed geometrically from `start` to `end`
 * over `sweeps` sweeps, then zero-temperature async sweeps to a fixed point). Hidden
 * units stay at zero temperature (best response); ties among nearest patterns are
 * then broken at random, as DESIGN.md §1 prescribes for stochastic dynamics.
 * These functions are the specification faster kernels are tested against.
 */
import { NO_UNIT, type HopfieldNetwork } from '../network/hopfield-network.js';
import { Rng } from '../util/rng.js';

export type Schedule = 'sync' | 'async' | 'stochastic';
export type InputRule = 'unit' | 'free-energy';

export interface AnnealSchedule {
  /** Starting temperature (> 0). */
  start: number;
  /** Final temperature (> 0, ≤ start). */
  end: number;
  /** Number of annealed sweeps. */
  sweeps: number;
}

export interface DynamicsOptions {
  schedule?: Schedule;
  rule?: InputRule;
  /** Cap on sweeps at zero temperature (default 100). */
  maxSweeps?: number;
  /** Seed and frame index: the random order / noise of the dynamics derive from them. */
  seed?: number;
  frame?: number;
  /** Annealing schedule for 'stochastic' (default { start: 0.6, end: 0.05, sweeps: 50 }). */
  anneal?: AnnealSchedule;
  /** External field b_i (e.g. a scaled channel LLR or the persistent cue), length N. */
  field?: Float64Array;
  /** Record F(x) before the first sweep and after each sweep. */
  recordEnergy?: boolean;
}

export interface DecodeResult {
  state: Uint8Array;
  /** A zero-temperature sweep changed nothing (a fixed point was reached). */
  converged: boolean;
  /** Sweeps that changed the state (0 for a clean stored state), annealed sweeps included. */
  sweeps: number;
  isStoredState: boolean;
  energyTrace?: number[];
}

export const DEFAULT_ANNEAL: AnnealSchedule = { start: 0.6, end: 0.05, sweeps: 50 };

/** Validate options shared by every dynamics implementation; returns resolved values. */
export function resolveOptions(n: number, cue: ArrayLike<number>, opts: DynamicsOptions) {
  if (cue.length !== n) throw new Error(`hopcode/dynamics: the cue has ${cue.length} bits, the network has N = ${n} inputs`);
  const maxSweeps = opts.maxSweeps ?? 100;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/dynamics: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const schedule = opts.schedule ?? 'sync';
  if (!['sync', 'async', 'stochastic'].includes(schedule)) throw new Error(`hopcode/dynamics: unknown schedule "${schedule}" (sync, async, stochastic)`);
  const rule = opts.rule ?? 'free-energy';
  if (!['unit', 'free-energy'].includes(rule)) throw new Error(`hopcode/dynamics: unknown rule "${rule}" (unit, free-energy)`);
  const anneal = opts.anneal ?? DEFAULT_ANNEAL;
  if (!(anneal.start > 0) || !(anneal.end > 0) || anneal.end > anneal.start || !Number.isInteger(anneal.sweeps) || anneal.sweeps < 0) {
    throw new Error('hopcode/dynamics: anneal needs 0 < end ≤ start and an integer sweeps ≥ 0');
  }
  if (opts.field && opts.field.length !== n) throw new Error(`hopcode/dynamics: the field has ${opts.field.length} entries, expected N = ${n}`);
  return { maxSweeps, schedule, rule, anneal, seed: opts.seed ?? 0, frame: opts.frame ?? 0 };
}

/** Temperature of annealed sweep s (geometric from start to end). */
export function annealTemperature(a: AnnealSchedule, s: number): number {
  if (a.sweeps <= 1) return a.end;
  return a.start * (a.end / a.start) ** (s / (a.sweeps - 1));
}

/** Field on input i in state x (see the module comment). */
export function inputField(net: HopfieldNetwork, x: Uint8Array, i: number, rule: InputRule, field?: Float64Array, pick?: (k: number) => number): number {
  const { varPtr, varEdge, edgeChk, chkPtr } = net.graph;
  let h = field ? field[i]! : 0;
  for (let j = varPtr[i]!; j < varPtr[i + 1]!; j++) {
    const e = varEdge[j]!;
    const c = edgeChk[e]!;
    const k = e - chkPtr[c]!;
    const y = net.localWord(c, x);
    if (rule === 'unit') {
      const w = pick ? net.winnerRandomTie(c, y, pick) : net.winner(c, y);
      if (w !== NO_UNIT) h += (w >>> k) & 1 ? 1 : -1;
    } else {
      const bit = (1 << k) >>> 0;
      h += net.clusterScore(c, (y | bit) >>> 0) - net.clusterScore(c, (y & ~bit) >>> 0);
    }
  }
  return h;
}

/**
 * Every input's field at once (the synchronous schedule): the same sums as
 * `inputField`, gathered cluster by cluster so each local word is read once.
 */
export function allInputFields(net: HopfieldNetwork, x: Uint8Array, rule: InputRule, field: Float64Array | undefined, h: Float64Array): Float64Array {
  const { chkPtr, chkVar } = net.graph;
  if (field) h.set(field);
  else h.fill(0);
  for (let c = 0; c < net.m; c++) {
    const lo = chkPtr[c]!;
    const hi = chkPtr[c + 1]!;
    const y = net.localWord(c, x);
    if (rule === 'unit') {
      const w = net.winner(c, y);
      if (w === NO_UNIT) continue;
      for (let e = lo; e < hi; e++) h[chkVar[e]!]! += (w >>> (e - lo)) & 1 ? 1 : -1;
    } else {
      for (let e = lo; e < hi; e++) {
        const bit = (1 << (e - lo)) >>> 0;
        h[chkVar[e]!]! += net.clusterScore(c, (y | bit) >>> 0) - net.clusterScore(c, (y & ~bit) >>> 0);
      }
    }
  }
  return h;
}

/** Run the network's dynamics from a cue (0/1 per input) until a fixed point or the cap. */
export function runDynamics(net: HopfieldNetwork, cue: ArrayLike<number>, opts: DynamicsOptions = {}): DecodeResult {
  const o = resolveOptions(net.n, cue, opts);
  const n = net.n;
  const x = Uint8Array.from(cue, (b) => (b ? 1 : 0));
  const trace = opts.recordEnergy ? [net.freeEnergy(x, opts.field)] : undefined;
  const rng = Rng.stream(o.seed, 0x64796e61 /* 'dyna' */, o.frame);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const h = new Float64Array(n);
  let sweeps = 0;
  let converged = false;

  const asyncSweep = (T: number): boolean => {
    rng.shuffle(order);
    const pick = T > 0 ? (k: number) => rng.int(k) : undefined;
    let changed = false;
    for (const i of order) {
      const f = inputField(net, x, i, o.rule, opts.field, pick);
      let v = x[i]!;
      if (T > 0) v = rng.double() < 1 / (1 + Math.exp(-f / T)) ? 1 : 0;
      else if (f > 0) v = 1;
      else if (f < 0) v = 0;
      if (v !== x[i]) {
        x[i] = v;
        changed = true;
      }
    }
    return changed;
  };

  if (o.schedule === 'stochastic') {
    for (let s = 0; s < o.anneal.sweeps; s++) {
      if (asyncSweep(annealTemperature(o.anneal, s))) sweeps++;
      trace?.push(net.freeEnergy(x, opts.field));
    }
  }
  for (let s = 0; s < o.maxSweeps; s++) {
    let changed: boolean;
    if (o.schedule === 'sync') {
      allInputFields(net, x, o.rule, opts.field, h);
      changed = false;
      for (let i = 0; i < n; i++) {
        const v = h[i]! > 0 ? 1 : h[i]! < 0 ? 0 : x[i]!;
        if (v !== x[i]) {
          x[i] = v;
          changed = true;
        }
      }
    } else {
      changed = asyncSweep(0);
    }
    if (!changed) {
      converged = true;
      break;
    }
    sweeps++;
    trace?.push(net.freeEnergy(x, opts.field));
  }
  const result: DecodeResult = { state: x, converged, sweeps, isStoredState: net.isStoredState(x) };
  if (trace) result.energyTrace = trace;
  return result;
}
