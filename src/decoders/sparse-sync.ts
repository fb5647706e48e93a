/**
 * hopcode/decoders/sparse-sync — the network's sync dynamics at a cost proportional to
 * the unsatisfied clusters: a BlockDecoder for networks the bit-sliced kernel does not
 * take, and an independent check on it (both equal runDynamics lane for lane).
 */
import { NO_UNIT, type HopfieldNetwork } from '../network/hopfield-network.js';
import type { InputRule } from './reference-dynamics.js';
import { mix32 } from '../util/rng.js';
import type { BlockDecodeResult, BlockDecoder, DynamicsChoice } from './block-decoder-types.js';

/**
 * The reference's sync schedule, computed sparsely. Without an external field a
 * satisfied cluster always pulls each of its inputs toward its current value (its
 * score r + ½ is the maximum, for both rules), so only inputs of unsatisfied clusters
 * can move; a sweep evaluates exactly those with the reference field, then applies all
 * flips at once. The trajectory, sweep count and convergence equal `runDynamics`
 * (tested lane by lane). For single-parity clusters (radius 0) under the free-energy
 * rule the field is h_i = ½·(#unsatisfied − #satisfied clusters of i) toward a flip
 * (majority bit flipping), so a sweep needs only the set of unsatisfied clusters.
 */
export class SparseSyncDecoder implements BlockDecoder {
  private readonly net: HopfieldNetwork;
  private readonly rule: InputRule;
  private readonly maxSweeps: number;
  /** Every cluster is a single parity check of radius 0 under the free-energy rule. */
  private readonly parityMajority: boolean;
  /** Local check rows as input lists (rowCon[r] = its cluster), for the slab syndrome. */
  private readonly rowPtr: Int32Array;
  private readonly rowVar: Int32Array;
  private readonly rowCon: Int32Array;
  private readonly score: ((c: number, y: number) => number)[];
  private readonly yCache: Int32Array;
  private readonly yStamp: Int32Array;
  private readonly seen: Int32Array;
  private readonly badMark: Int32Array;
  private readonly togStamp: Int32Array;
  private readonly tog: Uint8Array;
  private stamp = 0;

  constructor(net: HopfieldNetwork, opts: DynamicsChoice) {
    if (opts.schedule !== 'sync') throw new Error(`hopcode/codec: the sparse decoder runs the sync schedule, not "${opts.schedule}"`);
    this.net = net;
    this.rule = opts.rule;
    this.maxSweeps = opts.maxSweeps;
    const { chkPtr, chkVar } = net.graph;
    const ptr = [0];
    const vars: number[] = [];
    const con: number[] = [];
    for (let c = 0; c < net.m; c++) {
      const code = net.codeOf(c);
      if (!code.linear) throw new Error(`hopcode/codec: cluster ${c} has a non-linear local code (${code.name}): the codec needs linear local codes`);
      for (const row of code.checkRows) {
        for (let k = 0; k < code.z; k++) if ((row >>> k) & 1) vars.push(chkVar[chkPtr[c]! + k]!);
        ptr.push(vars.length);
        con.push(c);
      }
    }
    this.rowPtr = Int32Array.from(ptr);
    this.rowVar = Int32Array.from(vars);
    this.rowCon = Int32Array.from(con);
    this.parityMajority =
      opts.rule === 'free-energy' && net.radius === 0 && net.codes.every((c) => c.checkRows.length === 1 && c.checkRows[0] === (2 ** c.z - 1) >>> 0);
    // Per distinct local code: a table of the rule's per-cluster quantity when z ≤ 16.
    this.score = net.codes.map((code, idx) => {
      const c0 = net.codeIndex.indexOf(idx);
      const f = opts.rule === 'unit' ? (c: number, y: number) => net.winner(c, y) : (c: number, y: number) => net.clusterScore(c, y);
      if (code.z > 16) return f;
      const table = Float64Array.from({ length: 1 << code.z }, (_, y) => f(c0, y));
      return (_c: number, y: number) => table[y]!;
    });
    this.yCache = new Int32Array(net.m);
    this.yStamp = new Int32Array(net.m);
    this.seen = new Int32Array(net.n);
    this.badMark = new Int32Array(net.m);
    this.togStamp = new Int32Array(net.m);
    this.tog = new Uint8Array(net.m);
  }

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const out = words.slice();
    // Unsatisfied clusters of all 32 lanes at once: one XOR per edge of the local checks.
    const { rowPtr, rowVar, rowCon } = this;
    const bad: number[][] = Array.from({ length: 32 }, () => []);
    const rows = rowCon.length;
    for (let r = 0, e = 0; r < rows; ) {
      const c = rowCon[r]!;
      let u = 0;
      for (; r < rows && rowCon[r] === c; r++) {
        let p = 0;
        for (const end = rowPtr[r + 1]!; e < end; e++) p ^= words[rowVar[e]!]!;
        u |= p;
      }
      u &= laneMask;
      while (u !== 0) {
        const low = u & -u;
        bad[31 - Math.clz32(low)]!.push(c);
        u ^= low;
      }
    }
    let ok = 0;
    for (let j = 0; j < 32; j++) {
      if (!((laneMask >>> j) & 1)) continue;
      const good = this.parityMajority ? this.majorityLane(out, j, bad[j]!) : this.generalLane(out, j, bad[j]!);
      if (good) ok |= 1 << j;
    }
    return { words: out, ok: ok >>> 0 };
  }

  private nextStamp(): number {
    if (this.stamp >= 0x3fffffff) {
      this.stamp = 0;
      for (const a of [this.yStamp, this.seen, this.badMark, this.togStamp]) a.fill(0);
    }
    return ++this.stamp;
  }

  /** Majority flipping on lane j of x (in place) from its unsatisfied clusters; true when stored. */
  private majorityLane(x: Uint32Array, j: number, bad: number[]): boolean {
    const { chkPtr, chkVar, varPtr, varEdge, edgeChk } = this.net.graph;
    const { seen, badMark, togStamp, tog } = this;
    const bit = 1 << j;
    let cur = bad;
    const flips: number[] = [];
    const touched: number[] = [];
    let lastHash = -1;
    let lastFlips: number[] = [];
    for (let s = 0; s < this.maxSweeps; s++) {
      const st = this.nextStamp();
      for (let q = 0; q < cur.length; q++) badMark[cur[q]!] = st;
      flips.length = 0;
      for (let q = 0; q < cur.length; q++) {
        const c = cur[q]!;
        for (let e = chkPtr[c]!, end = chkPtr[c + 1]!; e < end; e++) {
          const i = chkVar[e]!;
          if (seen[i] === st) continue;
          seen[i] = st;
          let u = 0;
          const lo = varPtr[i]!;
          const hi = varPtr[i + 1]!;
          for (let t = lo; t < hi; t++) if (badMark[edgeChk[varEdge[t]!]!] === st) u++;
          if (2 * u > hi - lo) flips.push(i);
        }
      }
      if (flips.length === 0) return cur.length === 0;
      // The same flip set twice in a row means x(s+1) = x(s−1): a 2-cycle that never
      // converges, whatever the sweep cap. Stop now (same answer as the reference).
      let hash = flips.length;
      for (let q = 0; q < flips.length; q++) hash = (hash + mix32(flips[q]!)) | 0;
      if (hash === lastHash && flips.length === lastFlips.length && sameSet(flips, lastFlips)) {
        // The reference would apply the same flips in each of the remaining sweeps.
        if ((this.maxSweeps - s) & 1) for (let q = 0; q < flips.length; q++) x[flips[q]!] = (x[flips[q]!]! ^ bit) >>> 0;
        return false;
      }
      lastHash = hash;
      lastFlips = flips.slice();
      const st2 = this.nextStamp();
      touched.length = 0;
      for (let q = 0; q < flips.length; q++) {
        const i = flips[q]!;
        x[i] = (x[i]! ^ bit) >>> 0;
        for (let t = varPtr[i]!, hi = varPtr[i + 1]!; t < hi; t++) {
          const c = edgeChk[varEdge[t]!]!;
          if (togStamp[c] !== st2) {
            togStamp[c] = st2;
            tog[c] = 1;
            touched.push(c);
          } else tog[c] = tog[c]! ^ 1;
        }
      }
      const next: number[] = [];
      for (let q = 0; q < cur.length; q++) {
        const c = cur[q]!;
        if (togStamp[c] !== st2 || tog[c] === 0) next.push(c);
      }
      for (let q = 0; q < touched.length; q++) {
        const c = touched[q]!;
        if (tog[c] === 1 && badMark[c] !== st) next.push(c);
      }
      cur = next;
    }
    return false;
  }

  /** Any linear local code and rule: the reference field on the inputs of unsatisfied clusters. */
  private generalLane(x: Uint32Array, j: number, bad: number[]): boolean {
    const net = this.net;
    const { chkPtr, chkVar, varPtr, varEdge, edgeChk } = net.graph;
    const { yCache, yStamp, seen, badMark, score, rule } = this;
    const codeIndex = net.codeIndex;
    const run = this.nextStamp();
    const bit = 1 << j;
    const y = (c: number): number => {
      if (yStamp[c] === run) return yCache[c]!;
      let w = 0;
      for (let e = chkPtr[c]!, lo = e; e < chkPtr[c + 1]!; e++) w |= ((x[chkVar[e]!]! >>> j) & 1) << (e - lo);
      yStamp[c] = run;
      yCache[c] = w;
      return w;
    };
    const permitted = (c: number): boolean => net.codeOf(c).permits(y(c) >>> 0);
    const flips: number[] = [];
    for (let s = 0; s < this.maxSweeps; s++) {
      const st = this.nextStamp();
      flips.length = 0;
      for (const c of bad) {
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) {
          const i = chkVar[e]!;
          if (seen[i] === st) continue;
          seen[i] = st;
          let h = 0;
          for (let t = varPtr[i]!; t < varPtr[i + 1]!; t++) {
            const ed = varEdge[t]!;
            const cc = edgeChk[ed]!;
            const k = ed - chkPtr[cc]!;
            const yc = y(cc);
            const f = score[codeIndex[cc]!]!;
            if (rule === 'unit') {
              const w = f(cc, yc);
              if (w !== NO_UNIT) h += (w >>> k) & 1 ? 1 : -1;
            } else {
              h += f(cc, (yc | (1 << k)) >>> 0) - f(cc, yc & ~(1 << k));
            }
          }
          const cur = (x[i]! >>> j) & 1;
          if ((h > 0 && cur === 0) || (h < 0 && cur === 1)) flips.push(i);
        }
      }
      if (flips.length === 0) return bad.length === 0;
      const next: number[] = [];
      const mark = (c: number): void => {
        if (badMark[c] === st) return;
        badMark[c] = st;
        if (!permitted(c)) next.push(c);
      };
      for (const i of flips) {
        x[i] = (x[i]! ^ bit) >>> 0;
        for (let t = varPtr[i]!; t < varPtr[i + 1]!; t++) {
          const ed = varEdge[t]!;
          const cc = edgeChk[ed]!;
          yCache[cc] = y(cc) ^ (1 << (ed - chkPtr[cc]!));
        }
      }
      for (const c of bad) mark(c);
      for (const i of flips) for (let t = varPtr[i]!; t < varPtr[i + 1]!; t++) mark(edgeChk[varEdge[t]!]!);
      bad = next;
    }
    return false;
  }
}

function sameSet(a: number[], b: number[]): boolean {
  const x = Int32Array.from(a).sort();
  const y = Int32Array.from(b).sort();
  return x.every((v, i) => v === y[i]);
}
