/**
 * hopcode/decoders/cluster-serial-reference — cluster-serial dynamics, the plain specification.
 *
 * DESIGN.md §3: one cluster's hidden layer is active at a time. Its units see the
 * local word y = x|∂c; the one within radius r of y fires (at most one when d_min ≥
 * 2r + 1: the nearest local codeword; none when nothing lies within r, or on an exact
 * tie), and the cluster's inputs adopt the bits of its pattern (their field is that
 * unit's vote alone). Sweeping every cluster once, in a fresh random order per sweep
 * (`order: 'random'`, from the seeded stream) or in index order ('fixed'), is
 * iterative bounded-distance decoding — the hard-decision decoder of product and
 * staircase codes (Justesen 2011; Häger & Pfister 2018) — written as network dynamics.
 * A sweep that changes nothing ends the run (a fixed point); a stored state is one.
 * This file recomputes everything from scratch at every visit; the fast kernel
 * (cluster-serial-fast.ts) must produce the same states sweep by sweep. `accept:
 * 'anchor'` takes the active cluster's pattern only when the other clusters' terms allow
 * it (cluster-serial-accept.ts): here each neighbour's satisfaction is recomputed from its
 * local word, and latched patterns are kept as lists of inputs.
 */
import type { HopfieldNetwork } from '../network/hopfield-network.js';
import { entryFires, entryPositions } from '../codes/bounded-distance.js';
import type { Rng } from '../util/rng.js';
import { ANCHOR_DELTA, resolveSerialAccept, type SerialAccept } from './cluster-serial-accept.js';

export type ClusterOrder = 'random' | 'fixed';

export interface ClusterSerialOptions {
  /** Cap on sweeps (default 50). */
  maxSweeps?: number;
  /** Random order per sweep (needs `rng`) or fixed index order (default 'random'). */
  order?: ClusterOrder;
  rng?: Rng;
  /** Acceptance of the active cluster's pattern (default plain; cluster-serial-accept.ts). */
  accept?: SerialAccept;
  /** Called after every sweep with the state (tests compare sweep by sweep). */
  onSweep?: (sweep: number, x: Uint8Array) => void;
}

export interface ClusterSerialResult {
  state: Uint8Array;
  converged: boolean;
  /** Sweeps that changed the state. */
  sweeps: number;
  isStoredState: boolean;
}

/** Validate options shared by the reference and the fast kernel. */
export function resolveSerialOptions(opts: ClusterSerialOptions): { maxSweeps: number; order: ClusterOrder; accept: SerialAccept } {
  const maxSweeps = opts.maxSweeps ?? 50;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/cluster-serial: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const order = opts.order ?? 'random';
  if (order !== 'random' && order !== 'fixed') throw new Error(`hopcode/cluster-serial: order must be random or fixed, got "${String(order)}"`);
  if (order === 'random' && !opts.rng) throw new Error('hopcode/cluster-serial: a random cluster order needs a seeded random stream');
  return { maxSweeps, order, accept: resolveSerialAccept(opts.accept) };
}

/** The pattern the active cluster c fires for in state x, as the positions to flip (null: no unit fires). */
export function clusterMove(net: HopfieldNetwork, c: number, x: Uint8Array): number[] | null {
  const { chkPtr, chkVar } = net.graph;
  const lo = chkPtr[c]!;
  const z = chkPtr[c + 1]! - lo;
  const code = net.codeOf(c);
  if (!code.wide) {
    // Narrow codes: the local code's own coset-leader decoding (independent of the radius table).
    const y = net.localWord(c, x);
    const a = code.uniqueWithin(y, net.radius);
    if (a < 0) return null;
    const out: number[] = [];
    for (let k = 0; k < z; k++) if ((((a ^ y) >>> k) & 1) === 1) out.push(k);
    return out;
  }
  let s = 0;
  for (let k = 0; k < z; k++) if (x[chkVar[lo + k]!]) s ^= code.columnSyndrome(k);
  const v = code.radiusTable(net.radius)[s >>> 0]!;
  return entryFires(v) ? entryPositions(v) : null;
}

/** True when every cluster's local word is a codeword (zero syndrome). */
export function allClustersSatisfied(net: HopfieldNetwork, x: Uint8Array): boolean {
  for (let c = 0; c < net.m; c++) if (!clusterSatisfied(net, c, x)) return false;
  return true;
}

/** Is cluster c's local word a codeword (zero syndrome), recomputed from x? */
export function clusterSatisfied(net: HopfieldNetwork, c: number, x: Uint8Array): boolean {
  const { chkPtr, chkVar } = net.graph;
  const code = net.codeOf(c);
  let s = 0;
  for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) if (x[chkVar[e]!]) s ^= code.columnSyndrome(e - chkPtr[c]!);
  return s === 0;
}

/** The clusters input i sits in. */
export function clustersOf(net: HopfieldNetwork, i: number): number[] {
  const { varPtr, varEdge, edgeChk } = net.graph;
  const out: number[] = [];
  for (let k = varPtr[i]!; k < varPtr[i + 1]!; k++) out.push(edgeChk[varEdge[k]!]!);
  return out;
}

/**
 * One anchored visit (cluster-serial-accept.ts): cluster c proposes to flip the inputs
 * `flips`; `latched[c]` is each cluster's own last correction (inputs) or null. Returns
 * whether the proposal was applied (x and latched updated).
 */
function anchoredVisit(net: HopfieldNetwork, c: number, flips: number[], x: Uint8Array, latched: (number[] | null)[]): boolean {
  const overruled: number[] = [];
  for (const i of flips) {
    for (const c2 of clustersOf(net, i)) {
      if (c2 === c || !clusterSatisfied(net, c2, x)) continue;
      if (latched[c2] === null) return false; // satisfied without a correction of its own
      if (!overruled.includes(c2)) overruled.push(c2);
    }
  }
  if (overruled.length > ANCHOR_DELTA) return false;
  const flip = (i: number, keep: number): void => {
    x[i] ^= 1;
    for (const c2 of clustersOf(net, i)) if (c2 !== keep) latched[c2] = null;
  };
  const saved = overruled.map((c2) => latched[c2]!);
  for (const i of flips) flip(i, c);
  latched[c] = flips;
  overruled.forEach((c2, u) => {
    for (const i of saved[u]!) if (!flips.includes(i)) flip(i, -1);
    latched[c2] = null;
  });
  return true;
}

/** Run cluster-serial dynamics from a cue (0/1 per input). */
export function runClusterSerial(net: HopfieldNetwork, cue: ArrayLike<number>, opts: ClusterSerialOptions = {}): ClusterSerialResult {
  const { maxSweeps, order, accept } = resolveSerialOptions(opts);
  if (cue.length !== net.n) throw new Error(`hopcode/cluster-serial: the cue has ${cue.length} bits, the network has N = ${net.n} inputs`);
  const { chkPtr, chkVar } = net.graph;
  const x = Uint8Array.from(cue, (b) => (b ? 1 : 0));
  const seq = Int32Array.from({ length: net.m }, (_, c) => c);
  const latched: (number[] | null)[] = new Array<number[] | null>(net.m).fill(null);
  let anchored = accept === 'anchor';
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxSweeps) {
    if (allClustersSatisfied(net, x)) {
      converged = true;
      break;
    }
    if (order === 'random') opts.rng!.shuffle(seq);
    let changed = false;
    for (const c of seq) {
      const flips = clusterMove(net, c, x);
      if (!flips || flips.length === 0) continue;
      const inputs = flips.map((k) => chkVar[chkPtr[c]! + k]!);
      if (anchored) {
        if (anchoredVisit(net, c, inputs, x, latched)) changed = true;
        continue;
      }
      for (const i of inputs) x[i] ^= 1;
      changed = true;
    }
    if (!changed) {
      if (anchored) {
        anchored = false; // no move under anchors: release them and go on plainly
        continue;
      }
      converged = true;
      break;
    }
    sweeps++;
    opts.onSweep?.(sweeps, x);
  }
  const stored = allClustersSatisfied(net, x);
  // A last sweep that reached a stored state ended on a fixed point (stored states are fixed).
  return { state: x, converged: converged || stored, sweeps, isStoredState: stored };
}
