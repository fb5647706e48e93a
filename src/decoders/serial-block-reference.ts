/**
 * hopcode/decoders/serial-block-reference — the naive twins of serial-block-decoder.ts.
 *
 * Each lane of the slab is unpacked to one bit per input and decoded on its own by the
 * cluster-serial dynamics in fixed order: `SerialFrameBlockDecoder` through the
 * incremental kernel `serialDecodeFrame` (cluster-serial-fast.ts), and
 * `ClusterSerialReferenceDecoder` through the plain specification `runClusterSerial`
 * (cluster-serial-reference.ts, every visit recomputed from scratch). The fast decoder
 * must give the same words and the same ok lanes as both. `RisingRadiusReferenceDecoder`
 * is the specification of the 'rising' threshold schedule (serial-block-decoder.ts).
 */
import { CompiledNetwork } from './compiled-network.js';
import { serialDecodeFrame } from './cluster-serial-fast.js';
import { allClustersSatisfied, clusterMove, clustersOf, clusterSatisfied as satisfied, runClusterSerial } from './cluster-serial-reference.js';
import type { BlockDecoder, BlockDecodeResult } from './block-decoder-types.js';
import type { Code } from '../network/code.js';
import type { HopfieldNetwork } from '../network/hopfield-network.js';

function perLane(words: Uint32Array, laneMask: number, n: number, decode: (x: Uint8Array) => boolean): BlockDecodeResult {
  const out = words.slice();
  const x = new Uint8Array(n);
  let ok = 0;
  for (let l = 0; l < 32; l++) {
    if (((laneMask >>> l) & 1) === 0) continue;
    for (let i = 0; i < n; i++) x[i] = (words[i]! >>> l) & 1;
    if (decode(x)) ok |= 1 << l;
    const bit = 1 << l;
    for (let i = 0; i < n; i++) out[i] = x[i] ? out[i]! | bit : out[i]! & ~bit;
  }
  return { words: out, ok: ok >>> 0 };
}

/** Per lane through `serialDecodeFrame`, order 'fixed'. */
export class SerialFrameBlockDecoder implements BlockDecoder {
  readonly net: CompiledNetwork;
  constructor(
    code: Code | CompiledNetwork,
    private readonly opts: { maxSweeps: number },
  ) {
    this.net = code instanceof CompiledNetwork ? code : CompiledNetwork.fromCode(code, { encoder: false });
  }

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    return perLane(words, laneMask, this.net.n, (x) => !serialDecodeFrame(this.net, x, { maxSweeps: this.opts.maxSweeps, order: 'fixed' }).unsatisfied);
  }
}

/** Per lane through the specification `runClusterSerial`, order 'fixed' (slow). */
export class ClusterSerialReferenceDecoder implements BlockDecoder {
  constructor(
    private readonly net: HopfieldNetwork,
    private readonly opts: { maxSweeps: number },
  ) {}

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    return perLane(words, laneMask, this.net.n, (x) => {
      const r = runClusterSerial(this.net, x, { maxSweeps: this.opts.maxSweeps, order: 'fixed' });
      x.set(r.state);
      return r.isStoredState;
    });
  }
}

/** The clamped search's limit on free inputs (serial-block-decoder.ts MAX_FREE). */
const MAX_FREE = 12;

/** The retries' limits on unsatisfied clusters of the received lane and per unit of radius at the end (serial-block-decoder.ts RETRY_MAX_DIRTY, RETRY_MAX_END_DIRTY). */
const RETRY_MAX_DIRTY = 12;
const RETRY_MAX_END_DIRTY = 8;

/**
 * The clamped search from scratch: free inputs F = those whose clusters are all
 * unsatisfied (increasing order); among the subsets of F whose flips satisfy every
 * cluster, the one of least weight, ties to the smallest mask (bit q = F[q]), is applied.
 * False (x unchanged) when F is empty, larger than MAX_FREE, or no subset works.
 */
function clampedSearch(net: HopfieldNetwork, x: Uint8Array): boolean {
  const unsat: number[] = [];
  for (let c = 0; c < net.m; c++) if (!satisfied(net, c, x)) unsat.push(c);
  const free: number[] = [];
  for (let i = 0; i < net.n; i++) if (clustersOf(net, i).every((c) => unsat.includes(c))) free.push(i);
  if (free.length === 0 || free.length > MAX_FREE) return false;
  let best = -1;
  let bestWeight = Infinity;
  for (let mask = 1; mask < 1 << free.length; mask++) {
    const y = x.slice();
    let w = 0;
    for (let q = 0; q < free.length; q++) if ((mask >>> q) & 1) {
      y[free[q]!] ^= 1;
      w++;
    }
    // Only the unsatisfied clusters can change: every cluster of a free input is one.
    if (w < bestWeight && unsat.every((c) => satisfied(net, c, y))) {
      best = mask;
      bestWeight = w;
    }
  }
  if (best < 0) return false;
  for (let q = 0; q < free.length; q++) if ((best >>> q) & 1) x[free[q]!] ^= 1;
  return true;
}

/**
 * The 'rising' schedule from scratch, per lane: clusters in index order, a unit fires
 * only when its pattern is within the current radius (1, or t for one sweep after a
 * sweep that changed nothing); every visit recomputes the cluster's nearest pattern.
 * With `anchored` ('anchored' schedule): a unit fires only when no input it would flip
 * has a satisfied other cluster, and when nothing may fire at radius t, the clamped
 * search (then radius 1 again), and when that cannot move either, one radius-t sweep
 * without anchors; a lane that ends unsatisfied after all that, having started with at most
 * RETRY_MAX_DIRTY unsatisfied clusters or ended with at most RETRY_MAX_END_DIRTY · t, is run again from the received word with the
 * clusters in reverse order, and if that fails too, in index order with agreeing anchors (a
 * unit fires only when every other cluster of every input it would flip is unsatisfied and
 * its own nearest pattern flips that input too).
 */
export class RisingRadiusReferenceDecoder implements BlockDecoder {
  constructor(
    private readonly net: HopfieldNetwork,
    private readonly opts: { maxSweeps: number; anchored?: boolean; retry?: boolean },
  ) {}

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const net = this.net;
    const { chkPtr, chkVar } = net.graph;
    const t = net.radius;
    // Attempt 0: index order; 1: reverse order; 2: index order with agreeing anchors (the
    // unit's inputs' other clusters unsatisfied and each pointing at that input too).
    const pointsAt = (c2: number, i: number, x: Uint8Array): boolean => (clusterMove(net, c2, x) ?? []).some((k) => chkVar[chkPtr[c2]! + k] === i);
    const sweeps = (x: Uint8Array, attempt: number): boolean => {
      const reverse = attempt === 1;
      const agree = attempt === 2;
      let r = Math.min(1, t);
      let anchors = this.opts.anchored === true;
      for (let sw = 0; sw < this.opts.maxSweeps && !allClustersSatisfied(net, x); sw++) {
        let changed = false;
        for (let k = 0; k < net.m; k++) {
          const c = reverse ? net.m - 1 - k : k;
          const flips = clusterMove(net, c, x);
          if (!flips || flips.length === 0 || flips.length > r) continue;
          const inputs = flips.map((k) => chkVar[chkPtr[c]! + k]!);
          if (anchors && inputs.some((i) => clustersOf(net, i).some((c2) => c2 !== c && satisfied(net, c2, x)))) continue;
          if (anchors && agree && inputs.some((i) => clustersOf(net, i).some((c2) => c2 !== c && !pointsAt(c2, i, x)))) continue;
          for (const i of inputs) x[i] ^= 1;
          changed = true;
        }
        if (!changed) {
          if (r < t) r = t;
          else if (!anchors) break;
          else if (clampedSearch(net, x)) r = Math.min(1, t);
          else anchors = false;
        } else {
          r = Math.min(1, t);
          anchors = this.opts.anchored === true;
        }
      }
      return allClustersSatisfied(net, x);
    };
    return perLane(words, laneMask, net.n, (x) => {
      const received = x.slice();
      if (sweeps(x, 0)) return true;
      // Anchored: a lane left unsatisfied that started with few unsatisfied clusters is decoded
      // again from the received word: reverse order, then agreeing anchors.
      let unsat = 0;
      let endUnsat = 0;
      for (let c = 0; c < net.m; c++) {
        if (!satisfied(net, c, received)) unsat++;
        if (!satisfied(net, c, x)) endUnsat++;
      }
      if (this.opts.anchored !== true || this.opts.retry === false) return false;
      if (unsat > RETRY_MAX_DIRTY && endUnsat > RETRY_MAX_END_DIRTY * t) return false;
      for (let attempt = 1; attempt <= 2; attempt++) {
        x.set(received);
        if (sweeps(x, attempt)) return true;
      }
      return false;
    });
  }
}
