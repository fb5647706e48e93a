/**
 * hopcode/decoders/sync-bitsliced — synchronous network dynamics, 32 frames per word.
 *
 * Bit j of word x[i] is input i of frame j. One sweep is two passes over the CSR
 * arrays of a CompiledNetwork, all in bitwise word operations:
 *  1. clusters: parity → unsat_c = ⊕_k x_{i_k}; Hamming → syndrome planes
 *     s_j = ⊕_{k: H_jk=1} x_{i_k}, error-at-k E_{c,k} = ∧_j ¬(s_j ⊕ H_jk), dirty_c = ∨_j s_j;
 *  2. inputs: the reference's decision h_i > 0 (ties keep), with the persistent cue
 *     field b_i = β(2·cue_i − 1), becomes a threshold on a bit-sliced count of the
 *     clusters pushing or holding input i (bitsliced-field.ts has the derivation).
 * `syncSweep` is this plain two-pass sweep (exposed for sweep-by-sweep tests);
 * `decodeBatch` runs the same map incrementally (sync-active-set.ts; for perfect Hamming
 * clusters with the unrolled per-cluster kernel of hamming-kernel.ts).
 * A lane whose sweep changes nothing is at a fixed point of the synchronous map and
 * stays there, so lanes run in lockstep and the batch exits early when every active
 * lane has converged. Trajectories are identical to runDynamics(schedule 'sync').
 */
import type { CompiledNetwork } from './compiled-network.js';
import type { InputRule } from './reference-dynamics.js';
import { geConst, planSweep, type SweepPlan } from './bitsliced-field.js';
import { runActiveSet } from './sync-active-set.js';

export { planSweep, type SweepPlan } from './bitsliced-field.js';

export interface BitslicedOptions {
  rule?: InputRule;
  /** Cap on sweeps (≥ 1, default 100). */
  maxSweeps?: number;
  /** Persistent cue field weight β ≥ 0 (integer): b_i = β(2·cue_i − 1). */
  cueWeight?: number;
  /** Active lanes (bit mask, default all 32): early exit waits only for these. */
  lanes?: number;
  /** Output buffer (N words); a new one when absent. */
  out?: Uint32Array;
}

export interface BatchResult {
  /** Final states, lane j = frame j. */
  words: Uint32Array;
  /** Lanes that reached a fixed point (bit mask). */
  converged: number;
  /** Sweeps that changed each lane's state (as in runDynamics). */
  sweeps: Int32Array;
  /** Lanes whose final state violates some constraint (not a stored state). */
  unsatisfied: number;
  /** Sweeps executed for the whole batch. */
  sweepsRun: number;
  /** Work counters: input words decided and flipped, summed over sweeps. */
  decided: number;
  flips: number;
}

interface Scratch {
  cluster: Int32Array;
  slot: Int32Array;
}
const scratchCache = new WeakMap<CompiledNetwork, Scratch>();

function scratchOf(net: CompiledNetwork): Scratch {
  let s = scratchCache.get(net);
  if (!s) {
    s = { cluster: new Int32Array(net.m), slot: new Int32Array(net.family === 'hamming' ? net.meta.edges : 0) };
    scratchCache.set(net, s);
  }
  return s;
}

/**
 * Cluster pass (phase 1). Returns the lanes in which some constraint is violated by
 * the current state.
 */
function clusterPass(net: CompiledNetwork, x: Int32Array, s: Scratch): number {
  const { chkPtr, chkVar, colSyn, edgeSlot } = net;
  const m = net.m;
  const cl = s.cluster;
  let any = 0;
  if (net.family === 'parity') {
    let e = 0;
    for (let c = 0; c < m; c++) {
      const hi = chkPtr[c + 1]!;
      let u = 0;
      for (; e < hi; e++) u ^= x[chkVar[e]!]!;
      cl[c] = u;
      any |= u;
    }
    return any;
  }
  const slot = s.slot;
  for (let c = 0; c < m; c++) {
    const lo = chkPtr[c]!;
    const hi = chkPtr[c + 1]!;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let e = lo; e < hi; e++) {
      const v = x[chkVar[e]!]!;
      const cs = colSyn[e]!;
      s0 ^= v & -(cs & 1);
      s1 ^= v & -((cs >>> 1) & 1);
      s2 ^= v & -((cs >>> 2) & 1);
      s3 ^= v & -((cs >>> 3) & 1);
      s4 ^= v & -((cs >>> 4) & 1);
    }
    const dirty = s0 | s1 | s2 | s3 | s4;
    cl[c] = dirty;
    any |= dirty;
    for (let e = lo; e < hi; e++) {
      const cs = colSyn[e]!;
      slot[edgeSlot[e]!] = ~((s0 ^ -(cs & 1)) | (s1 ^ -((cs >>> 1) & 1)) | (s2 ^ -((cs >>> 2) & 1)) | (s3 ^ -((cs >>> 3) & 1)) | (s4 ^ -((cs >>> 4) & 1)));
    }
  }
  return any;
}

/** Input pass (phase 2): updates x in place, returns the lanes that changed. */
function inputPass(net: CompiledNetwork, x: Int32Array, cue: Int32Array, plan: SweepPlan, s: Scratch): number {
  const { varPtr, varChk } = net;
  const n = net.n;
  const cl = s.cluster;
  const slot = s.slot;
  const { thrPlus, thrMinus, useCue, mode } = plan;
  const countE = mode !== 'parity' && mode !== 'hamming-dirty';
  const countCl = mode === 'parity' || mode === 'hamming-dirty' || mode === 'hamming-both';
  let changed = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const hi = varPtr[i + 1]!;
    const d = hi - j;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    for (; j < hi; j++) {
      if (countCl) {
        let a = cl[varChk[j]!]!;
        let t = c0 & a; c0 ^= a; a = t;
        t = c1 & a; c1 ^= a; a = t;
        t = c2 & a; c2 ^= a; a = t;
        t = c3 & a; c3 ^= a; c4 ^= t;
      }
      if (countE) {
        let a = slot[j]!;
        let t = c0 & a; c0 ^= a; a = t;
        t = c1 & a; c1 ^= a; a = t;
        t = c2 & a; c2 ^= a; a = t;
        t = c3 & a; c3 ^= a; c4 ^= t;
      }
    }
    const xi = x[i]!;
    let flip = geConst(c0, c1, c2, c3, c4, thrMinus[d]!);
    if (useCue) {
      const diff = xi ^ cue[i]!;
      flip = (diff & geConst(c0, c1, c2, c3, c4, thrPlus[d]!)) | (~diff & flip);
    }
    x[i] = xi ^ flip;
    changed |= flip;
  }
  return changed;
}

/** Fast path: parity clusters, no cue field, every input of degree 5 or 3 (majority). */
function inputPassParityMajority(net: CompiledNetwork, x: Int32Array, plan: SweepPlan, s: Scratch): number {
  const { varChk } = net;
  const n = net.n;
  const cl = s.cluster;
  const d = net.meta.maxDegree;
  const t = plan.thrMinus[d]!;
  let changed = 0;
  if (d === 5 && t === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 5) {
      const a = cl[varChk[j]!]!, b = cl[varChk[j + 1]!]!, c = cl[varChk[j + 2]!]!;
      const dd = cl[varChk[j + 3]!]!, e = cl[varChk[j + 4]!]!;
      const s1 = a ^ b ^ c;
      const k1 = (a & b) | (c & (a ^ b));
      const s2 = s1 ^ dd ^ e;
      const k2 = (s1 & dd) | (e & (s1 ^ dd));
      const flip = (k1 & k2) | ((k1 | k2) & s2);
      x[i] = x[i]! ^ flip;
      changed |= flip;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      const a = cl[varChk[j]!]!, b = cl[varChk[j + 1]!]!, c = cl[varChk[j + 2]!]!;
      const flip = (a & b) | (c & (a ^ b));
      x[i] = x[i]! ^ flip;
      changed |= flip;
    }
  }
  return changed;
}

function majorityFastPath(net: CompiledNetwork, plan: SweepPlan): boolean {
  if (plan.mode !== 'parity' || plan.useCue || !net.meta.regular) return false;
  const d = net.meta.maxDegree;
  return (d === 5 && plan.thrMinus[5] === 3) || (d === 3 && plan.thrMinus[3] === 2);
}

function asInt32(a: Uint32Array | Int32Array): Int32Array {
  return a instanceof Int32Array ? a : new Int32Array(a.buffer, a.byteOffset, a.length);
}

/**
 * One synchronous sweep on `x` in place (cue = the persistent field's reference
 * state, needed only with cueWeight > 0). Returns { changed, unsatBefore } lane masks.
 */
export function syncSweep(net: CompiledNetwork, x: Uint32Array | Int32Array, cue: Uint32Array | Int32Array, plan: SweepPlan): { changed: number; unsatBefore: number } {
  if (x.length !== net.n || cue.length !== net.n) throw new Error(`hopcode/sync-bitsliced: expected ${net.n} words, got ${x.length} (state) and ${cue.length} (cue)`);
  const s = scratchOf(net);
  const xi = asInt32(x);
  const unsatBefore = clusterPass(net, xi, s);
  const changed = majorityFastPath(net, plan) ? inputPassParityMajority(net, xi, plan, s) : inputPass(net, xi, asInt32(cue), plan, s);
  return { changed: changed >>> 0, unsatBefore: unsatBefore >>> 0 };
}

/** Decode 32 frames (one word per input) with the synchronous dynamics. */
export function decodeBatch(net: CompiledNetwork, cue: Uint32Array, opts: BitslicedOptions = {}): BatchResult {
  const n = net.n;
  if (!(cue instanceof Uint32Array) && !((cue as unknown) instanceof Int32Array)) throw new Error('hopcode/sync-bitsliced: the cue must be a Uint32Array of N words');
  if (cue.length !== n) throw new Error(`hopcode/sync-bitsliced: the cue has ${cue.length} words, the network has N = ${n} inputs`);
  const maxSweeps = opts.maxSweeps ?? 100;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/sync-bitsliced: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const lanes = opts.lanes === undefined ? -1 : opts.lanes | 0;
  const plan = planSweep(net, opts);
  const out = opts.out ?? new Uint32Array(n);
  if (out.length !== n) throw new Error(`hopcode/sync-bitsliced: the output has ${out.length} words, expected N = ${n}`);
  const r = runActiveSet(net, asInt32(cue), asInt32(out), plan, maxSweeps, lanes);
  return { words: out, ...r };
}
