/**
 * hopcode/decoders/cluster-serial-fast — cluster-serial dynamics on the compiled network.
 *
 * The same map as cluster-serial-reference.ts (one cluster active at a time, its
 * inputs adopt its radius-t pattern: iterative bounded-distance decoding), on typed
 * arrays: every cluster's syndrome is kept up to date incrementally (flipping input i
 * XORs the column syndrome of each of its d edges into its d clusters), so visiting a
 * clean cluster costs one load and a firing one a table look-up (bdTable, packed
 * positions) plus its ≤ t flips. A frame costs O(N·d) to load plus O(M) per sweep.
 * Frames are decoded one per lane (a table look-up per cluster does not bit-slice);
 * lane l of batch (key…) draws its cluster orders from Rng.stream(seed, 'serl', key…, l).
 * Anchor acceptance (cluster-serial-accept.ts) reads the same incremental syndromes: a
 * neighbour cluster is an anchor when its syndrome is zero, and each cluster's latched
 * pattern (`fix`, packed like a table entry) is what a backtrack flips back.
 */
import { Rng } from '../util/rng.js';
import type { CompiledNetwork } from './compiled-network.js';
import { resolveSerialOptions, type ClusterOrder } from './cluster-serial-reference.js';
import { ANCHOR_DELTA, type SerialAccept } from './cluster-serial-accept.js';

export interface SerialFrameOptions {
  maxSweeps?: number;
  order?: ClusterOrder;
  rng?: Rng;
  /** Acceptance of the active cluster's pattern: plain (always) or anchor (cluster-serial-accept.ts). */
  accept?: SerialAccept;
  onSweep?: (sweep: number, x: Uint8Array) => void;
}

export interface SerialFrameResult {
  converged: boolean;
  sweeps: number;
  /** Some cluster's syndrome is non-zero at the end (not a stored state). */
  unsatisfied: boolean;
}

/** Per-network arrays the kernel needs besides the compiled ones (built once). */
interface SerialScratch {
  /** Column syndrome of each var-ordered slot. */
  slotSyn: Int32Array;
  syn: Int32Array;
  seq: Int32Array;
  x: Uint8Array;
  /** Anchor acceptance: each cluster's latched pattern (a table entry), −1 when it holds none. */
  fix: Int32Array;
  /** Anchor acceptance: the conflicting anchors of one proposal and their latched patterns. */
  cand: Int32Array;
  candFix: Int32Array;
}
const scratchCache = new WeakMap<CompiledNetwork, SerialScratch>();

function scratchOf(net: CompiledNetwork): SerialScratch {
  let s = scratchCache.get(net);
  if (!s) {
    if (net.family === 'parity' || net.bdTable.length === 0) {
      throw new Error(`hopcode/cluster-serial: ${net.meta.name} has ${net.family === 'parity' ? 'single-parity' : 'undecodable'} clusters: cluster-serial dynamics needs clusters of radius ≥ 1 with a syndrome table (Hamming, BCH)`);
    }
    const slotSyn = new Int32Array(net.meta.edges);
    for (let e = 0; e < net.meta.edges; e++) slotSyn[net.edgeSlot[e]!] = net.colSyn[e]!;
    // A proposal flips ≤ 3 inputs, each with ≤ d − 1 other clusters: 3·(d − 1) anchors at most.
    let dMax = 1;
    for (let i = 0; i < net.n; i++) dMax = Math.max(dMax, net.varPtr[i + 1]! - net.varPtr[i]!);
    const cand = new Int32Array(3 * dMax);
    s = { slotSyn, syn: new Int32Array(net.m), seq: new Int32Array(net.m), x: new Uint8Array(net.n), fix: new Int32Array(net.m), cand, candFix: new Int32Array(cand.length) };
    scratchCache.set(net, s);
  }
  return s;
}

/** Decode one frame in place: x (0/1 per input) becomes the final state. */
export function serialDecodeFrame(net: CompiledNetwork, x: Uint8Array, opts: SerialFrameOptions = {}): SerialFrameResult {
  const { maxSweeps, order, accept } = resolveSerialOptions(opts);
  const sc = scratchOf(net);
  const { chkPtr, chkVar, colSyn, varPtr, varChk, bdTable } = net;
  const { slotSyn, syn, seq, fix, cand, candFix } = sc;
  const m = net.m;
  let dirty = 0;
  for (let c = 0; c < m; c++) {
    let s = 0;
    for (let e = chkPtr[c]!, hi = chkPtr[c + 1]!; e < hi; e++) if (x[chkVar[e]!] !== 0) s ^= colSyn[e]!;
    syn[c] = s;
    if (s !== 0) dirty++;
    seq[c] = c;
  }
  fix.fill(-1);
  // Flip input i; every cluster of i other than `keep` loses its latched pattern (its inputs moved).
  const flipInput = (i: number, keep: number): void => {
    x[i] ^= 1;
    for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
      const c2 = varChk[slot]!;
      const before = syn[c2]!;
      const after = before ^ slotSyn[slot]!;
      syn[c2] = after;
      if (c2 !== keep) fix[c2] = -1;
      dirty += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
    }
  };
  // Is input i (a var index) one of the positions of entry v of cluster c?
  const inPattern = (i: number, c: number, v: number): boolean => {
    const lo = chkPtr[c]!;
    for (let j = 0, w = (v >>> 24) & 3; j < w; j++) if (chkVar[lo + ((v >>> (8 * j)) & 255)] === i) return true;
    return false;
  };
  // Anchor acceptance of entry v at cluster c (cluster-serial-accept.ts): true when it was applied.
  const anchorMove = (c: number, v: number): boolean => {
    const lo = chkPtr[c]!;
    const w = (v >>> 24) & 3;
    let nc = 0;
    for (let j = 0; j < w; j++) {
      const i = chkVar[lo + ((v >>> (8 * j)) & 255)]!;
      for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
        const c2 = varChk[slot]!;
        if (c2 === c || syn[c2] !== 0) continue;
        if (fix[c2]! < 0) return false; // a satisfied cluster that corrected nothing: never overruled
        let seen = false;
        for (let u = 0; u < nc; u++) if (cand[u] === c2) seen = true;
        if (seen) continue;
        if (nc === ANCHOR_DELTA) return false; // more conflicting anchors than δ: the proposal is the suspect
        cand[nc] = c2;
        candFix[nc++] = fix[c2]!;
      }
    }
    for (let j = 0; j < w; j++) flipInput(chkVar[lo + ((v >>> (8 * j)) & 255)]!, c);
    fix[c] = v;
    // Backtrack the overruled anchors: flip back what they corrected (the shared inputs already moved).
    for (let u = 0; u < nc; u++) {
      const c2 = cand[u]!;
      const q = candFix[u]!;
      const lo2 = chkPtr[c2]!;
      for (let j = 0, w2 = (q >>> 24) & 3; j < w2; j++) {
        const i2 = chkVar[lo2 + ((q >>> (8 * j)) & 255)]!;
        if (!inPattern(i2, c, v)) flipInput(i2, -1);
      }
      fix[c2] = -1;
    }
    return true;
  };
  const rng = opts.rng;
  let anchored = accept === 'anchor';
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxSweeps) {
    if (dirty === 0) {
      converged = true; // a sweep over clean clusters changes nothing
      break;
    }
    if (order === 'random') rng!.shuffle(seq);
    let changed = false;
    for (let q = 0; q < m; q++) {
      const c = seq[q]!;
      const s = syn[c]!;
      if (s === 0) continue;
      const v = bdTable[s]!;
      if (v < 0) continue; // no unit within radius t (or a tie): the cluster stays silent
      if (anchored) {
        if (anchorMove(c, v)) changed = true;
        continue;
      }
      const w = (v >>> 24) & 3;
      const lo = chkPtr[c]!;
      for (let j = 0; j < w; j++) {
        const i = chkVar[lo + ((v >>> (8 * j)) & 255)]!;
        x[i] ^= 1;
        for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
          const c2 = varChk[slot]!;
          const before = syn[c2]!;
          const after = before ^ slotSyn[slot]!;
          syn[c2] = after;
          dirty += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
        }
      }
      changed = true;
    }
    if (!changed) {
      if (anchored) {
        anchored = false; // stuck with anchors: release them, go on plainly (not a sweep that moved)
        continue;
      }
      converged = true;
      break;
    }
    sweeps++;
    opts.onSweep?.(sweeps, x);
  }
  // A last sweep that reached a stored state (every syndrome zero) ended on a fixed point.
  if (!converged && dirty === 0) converged = true;
  return { converged, sweeps, unsatisfied: dirty !== 0 };
}

export interface SerialBatchOptions {
  maxSweeps?: number;
  order?: ClusterOrder;
  accept?: SerialAccept;
  /** Seed and batch key of the random cluster orders (lane appended). */
  seed?: number;
  key?: readonly number[];
  lanes?: number;
  out?: Uint32Array;
}

/** Random-stream tag of the cluster orders ('serl'). */
export const SERIAL_STREAM_TAG = 0x7365726c;

/** Decode the lanes of a bit-sliced batch (word i, bit l = input i of frame l), frame by frame. */
export function decodeBatchSerial(net: CompiledNetwork, cue: Uint32Array, opts: SerialBatchOptions = {}) {
  const n = net.n;
  if (cue.length !== n) throw new Error(`hopcode/cluster-serial: the cue has ${cue.length} words, the network has N = ${n} inputs`);
  const order = opts.order ?? 'random';
  const lanes = opts.lanes === undefined ? -1 : opts.lanes | 0;
  const out = opts.out ?? new Uint32Array(n);
  out.fill(0);
  const x = scratchOf(net).x;
  const sweeps = new Int32Array(32);
  let converged = 0;
  let unsatisfied = 0;
  const key = opts.key ?? [];
  for (let lane = 0; lane < 32; lane++) {
    if (((lanes >>> lane) & 1) === 0) continue;
    for (let i = 0; i < n; i++) x[i] = (cue[i]! >>> lane) & 1;
    const rng = order === 'random' ? Rng.stream(opts.seed ?? 0, SERIAL_STREAM_TAG, ...key, lane) : undefined;
    const r = serialDecodeFrame(net, x, { maxSweeps: opts.maxSweeps, order, rng, accept: opts.accept });
    for (let i = 0; i < n; i++) out[i]! |= x[i]! << lane;
    sweeps[lane] = r.sweeps;
    if (r.converged) converged |= 1 << lane;
    if (r.unsatisfied) unsatisfied |= 1 << lane;
  }
  return { words: out, converged, unsatisfied, sweeps };
}
