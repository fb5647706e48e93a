/**
 * hopcode/decoders/compiled-network — the kernel form of a network: typed arrays only.
 *
 * STYLE.md lesson 1: the friendly layer (`Code`, `HopfieldNetwork`) compiles into
 * Int32Array CSR adjacency that bit-sliced kernels run on and that can live in one
 * SharedArrayBuffer seen by every worker thread. Two cluster families are supported,
 * the ones whose nearest-pattern logic is a few word operations:
 *  - single parity check (z ≥ 2, any radius r): a cluster is satisfied (dist 0) or at
 *    dist 1 from z tied patterns, so its only state is the unsat flag ⊕_k x_{i_k};
 *  - perfect Hamming codes (every non-zero syndrome is one column of H): syndrome bits
 *    s_j = ⊕_{k: H_jk = 1} x_{i_k}; the error sits at k iff s = col_k; clean iff s = 0.
 *  - 'table': any other linear code with a radius-t syndrome table (BCH clusters of
 *    radius 2 and 3, z up to 255; codes/bounded-distance.ts), carried as `bdTable`.
 *    Only the cluster-serial kernel (decoders/cluster-serial-fast.ts) runs them; the
 *    bit-sliced input-rule kernels refuse them (decoders/bitsliced-field.ts planSweep).
 *    Perfect Hamming networks carry their (tiny) table too, so they run serially as well.
 * Also carried: the systematic encoder as an XOR program (SystematicEncoder.toProgram),
 * so workers draw random stored states without rebuilding it.
 */
import type { Code } from '../network/code.js';
import type { LocalCode } from '../codes/local-code.js';
import { denseToBytes, encoderFactory } from './encoder-program.js';
import { MAX_TABLE_RADIUS, MAX_TABLE_SYN_BITS, MAX_TABLE_Z } from '../codes/bounded-distance.js';

export type ClusterFamily = 'parity' | 'hamming' | 'table';

/** Plain-data description sent to workers with the SharedArrayBuffer. */
export interface CompiledMeta {
  id: string;
  name: string;
  n: number;
  m: number;
  edges: number;
  family: ClusterFamily;
  radius: number;
  /** Syndrome bits per cluster (1 for parity, r for Hamming(2^r − 1), n − k for BCH(n, k)). */
  synBits: number;
  /** Largest input degree. */
  maxDegree: number;
  /** Every input has degree maxDegree. */
  regular: boolean;
  /** Number of information bits K (0 when compiled without an encoder). */
  k: number;
  /** Array name → [int32 offset, length] inside the buffer. */
  layout: Record<string, [number, number]>;
}

/** A compiled network as (metadata, shared buffer): structured-clone friendly. */
export interface SharedNetworkHandle {
  meta: CompiledMeta;
  buffer: SharedArrayBuffer;
}

const ARRAYS = ['chkPtr', 'chkVar', 'varPtr', 'varChk', 'edgeSlot', 'colSyn', 'infoPos', 'denseTarget', 'denseBytes', 'encTarget', 'encPtr', 'encSrc', 'bdTable'] as const;
type ArrayName = (typeof ARRAYS)[number];

let idCounter = 0;

export class CompiledNetwork {
  readonly meta: CompiledMeta;
  /** CSR of constraints: edges chkPtr[c] .. chkPtr[c+1]−1, input of each edge. */
  readonly chkPtr: Int32Array;
  readonly chkVar: Int32Array;
  /** CSR of inputs over var-ordered slots; constraint of each slot. */
  readonly varPtr: Int32Array;
  readonly varChk: Int32Array;
  /** Var-ordered slot of each (constraint-ordered) edge. */
  readonly edgeSlot: Int32Array;
  /** Syndrome of the edge's position inside its constraint (Hamming; zeros for parity). */
  readonly colSyn: Int32Array;
  /** Encoder program (see SystematicEncoder.toProgram); empty without an encoder. */
  readonly infoPos: Int32Array;
  /** Dependent positions, and their rows as bytes, group-major: byte g·q' + r = info bits 8g..8g+7 of row r (q' = q rounded up to 4). */
  readonly denseTarget: Int32Array;
  readonly denseBytes: Int32Array;
  readonly encTarget: Int32Array;
  readonly encPtr: Int32Array;
  readonly encSrc: Int32Array;
  /** Radius-r syndrome table of the (single) local code, entries as in codes/bounded-distance.ts; empty for parity. */
  readonly bdTable: Int32Array;
  private shared: SharedArrayBuffer | undefined;
  private encoderRun: ((info: Int32Array | Uint32Array, out: Int32Array | Uint32Array) => void) | undefined;

  private constructor(meta: CompiledMeta, arrays: Record<ArrayName, Int32Array>, shared?: SharedArrayBuffer) {
    this.meta = meta;
    this.chkPtr = arrays.chkPtr;
    this.chkVar = arrays.chkVar;
    this.varPtr = arrays.varPtr;
    this.varChk = arrays.varChk;
    this.edgeSlot = arrays.edgeSlot;
    this.colSyn = arrays.colSyn;
    this.infoPos = arrays.infoPos;
    this.denseTarget = arrays.denseTarget;
    this.denseBytes = arrays.denseBytes;
    this.encTarget = arrays.encTarget;
    this.encPtr = arrays.encPtr;
    this.encSrc = arrays.encSrc;
    this.bdTable = arrays.bdTable;
    this.shared = shared;
  }

  get n(): number {
    return this.meta.n;
  }
  get m(): number {
    return this.meta.m;
  }
  get k(): number {
    return this.meta.k;
  }
  get family(): ClusterFamily {
    return this.meta.family;
  }
  get radius(): number {
    return this.meta.radius;
  }

  /**
   * Compile a `Code`. With `encoder` (default true) the systematic encoder is built
   * (exact rank: seconds at N = 10^5) and carried along.
   */
  static fromCode(code: Code, opts: { encoder?: boolean } = {}): CompiledNetwork {
    const net = code.network;
    const g = net.graph;
    const codes = net.codes;
    const family = familyOf(codes);
    const synBits = Math.max(...codes.map((c) => c.syndromeBits));
    const edges = g.chkVar.length;
    const varChk = new Int32Array(edges);
    const edgeSlot = new Int32Array(edges);
    for (let j = 0; j < edges; j++) {
      const e = g.varEdge[j]!;
      varChk[j] = g.edgeChk[e]!;
      edgeSlot[e] = j;
    }
    const colSyn = new Int32Array(edges);
    let maxDegree = 0;
    let minDegree = Infinity;
    for (let v = 0; v < g.n; v++) {
      const dv = g.varPtr[v + 1]! - g.varPtr[v]!;
      maxDegree = Math.max(maxDegree, dv);
      minDegree = Math.min(minDegree, dv);
    }
    if (family === 'hamming' || family === 'table') {
      for (let c = 0; c < g.m; c++) {
        const lc = net.codeOf(c);
        for (let e = g.chkPtr[c]!; e < g.chkPtr[c + 1]!; e++) colSyn[e] = lc.columnSyndrome(e - g.chkPtr[c]!);
      }
    }
    let bdTable: Int32Array = new Int32Array(0);
    if (family !== 'parity' && codes.length === 1 && net.radius <= MAX_TABLE_RADIUS) {
      const t = codes[0]!.radiusTable(net.radius);
      bdTable = new Int32Array(t.buffer, t.byteOffset, t.length);
    } else if (family === 'table') {
      throw new Error(`hopcode/compiled-network: radius-${net.radius} clusters need one local code and radius ≤ ${MAX_TABLE_RADIUS} (got ${codes.length} codes)`);
    }
    const countCap = family === 'parity' ? 31 : 15;
    if (family === 'hamming' && 2 * maxDegree > countCap) throw new Error(`hopcode/compiled-network: input degree ${maxDegree} too large for the Hamming kernel (≤ 7)`);
    if (maxDegree > countCap) throw new Error(`hopcode/compiled-network: input degree ${maxDegree} too large for the kernel (≤ ${countCap})`);
    const empty = new Int32Array(0);
    let prog: ReturnType<Code["encoder"]["toProgram"]> = { infoPositions: empty, denseTarget: empty, denseRows: new Uint32Array(0), target: empty, srcPtr: Int32Array.of(0), src: empty };
    if (opts.encoder ?? true) prog = code.encoder.toProgram();
    const denseBytes = denseToBytes(prog.denseRows, prog.denseTarget.length, prog.infoPositions.length);
    const meta: CompiledMeta = {
      id: `${process.pid}-${++idCounter}-${code.name}-${g.n}-${code.seed}`,
      name: code.name,
      n: g.n,
      m: g.m,
      edges,
      family,
      radius: net.radius,
      synBits,
      maxDegree,
      regular: minDegree === maxDegree,
      k: prog.infoPositions.length,
      layout: {},
    };
    return new CompiledNetwork(meta, {
      chkPtr: g.chkPtr,
      chkVar: g.chkVar,
      varPtr: g.varPtr,
      varChk,
      edgeSlot,
      colSyn,
      infoPos: Int32Array.from(prog.infoPositions),
      denseTarget: Int32Array.from(prog.denseTarget),
      denseBytes,
      encTarget: Int32Array.from(prog.target),
      encPtr: Int32Array.from(prog.srcPtr),
      encSrc: Int32Array.from(prog.src),
      bdTable,
    });
  }

  /** Copy every array into one SharedArrayBuffer (done once; later calls reuse it). */
  toShared(): SharedNetworkHandle {
    if (this.shared) return { meta: this.meta, buffer: this.shared };
    const layout: Record<string, [number, number]> = {};
    let total = 0;
    for (const name of ARRAYS) {
      layout[name] = [total, this[name].length];
      total += this[name].length;
    }
    const buffer = new SharedArrayBuffer(total * 4);
    const all = new Int32Array(buffer);
    for (const name of ARRAYS) all.set(this[name], layout[name]![0]);
    const meta = { ...this.meta, layout };
    this.shared = buffer;
    (this as { meta: CompiledMeta }).meta = meta;
    return { meta, buffer };
  }

  /** Views over a shared buffer made by `toShared` (no copy). */
  static fromShared(handle: SharedNetworkHandle): CompiledNetwork {
    const { meta, buffer } = handle;
    if (!(buffer instanceof SharedArrayBuffer)) throw new Error('hopcode/compiled-network: fromShared needs a SharedArrayBuffer');
    const arrays = {} as Record<ArrayName, Int32Array>;
    for (const name of ARRAYS) {
      const slot = meta.layout[name];
      if (!slot) throw new Error(`hopcode/compiled-network: shared layout lacks array ${name}`);
      if ((slot[0] + slot[1]) * 4 > buffer.byteLength) throw new Error(`hopcode/compiled-network: array ${name} lies outside the shared buffer`);
      arrays[name] = new Int32Array(buffer, slot[0] * 4, slot[1]);
    }
    return new CompiledNetwork(meta, arrays, buffer);
  }

  /**
   * Encode 32 frames at once (lane j = frame j): info (K words) → stored states (N words).
   * The dense part (dependent references, each a XOR of about K/2 info words) uses the
   * method of four Russians: for each group of 8 info words, a 256-entry table of all
   * their XORs (1 KB, in L1), then one lookup per (row, group) into q accumulators:
   * K/8·(255 + q) word operations instead of q·K/2. The sparse part follows the peeling order, one XOR per H entry.
   */
  encodeWords(info: Int32Array | Uint32Array, out: Int32Array | Uint32Array): void {
    const { k, n } = this.meta;
    if (info.length !== k) throw new Error(`hopcode/compiled-network: expected ${k} information words, got ${info.length}`);
    if (out.length !== n) throw new Error(`hopcode/compiled-network: expected an output of ${n} words, got ${out.length}`);
    if (!this.encoderRun) {
      const inp = { k, n, infoPos: this.infoPos, denseTarget: this.denseTarget, dense32: this.denseBytes, encTarget: this.encTarget, encPtr: this.encPtr, encSrc: this.encSrc };
      let factory = encoderFactory;
      try {
        // A private copy of the code per network: V8 specialises it to these arrays (see sync-active-set.ts).
        factory = new Function(`return (${encoderFactory.toString()});`)() as typeof encoderFactory;
      } catch {
        factory = encoderFactory;
      }
      this.encoderRun = factory(inp);
    }
    this.encoderRun(info, out);
  }

  /** Lanes (bit mask) whose state violates at least one constraint. */
  unsatisfiedLanes(x: Int32Array | Uint32Array): number {
    const { chkPtr, chkVar, colSyn } = this;
    const m = this.meta.m;
    let any = 0;
    if (this.meta.family === 'parity') {
      for (let c = 0; c < m; c++) {
        let u = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) u ^= x[chkVar[e]!]!;
        any |= u;
      }
      return any >>> 0;
    }
    const bits = this.meta.synBits;
    for (let c = 0; c < m; c++) {
      for (let j = 0; j < bits; j++) {
        let s = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s ^= x[chkVar[e]!]! & -((colSyn[e]! >>> j) & 1);
        any |= s;
      }
    }
    return any >>> 0;
  }
}

/** Which kernel family every local code of the network belongs to (one family only). */
export function familyOf(codes: readonly LocalCode[]): ClusterFamily {
  const fams = new Set<ClusterFamily>();
  for (const lc of codes) {
    if (!lc.linear) throw new Error(`hopcode/compiled-network: local code ${lc.name} is not linear; the bit-sliced kernel needs parity or Hamming clusters`);
    const r = lc.checkRows.length;
    if (r === 1 && lc.checkRows[0] === 2 ** lc.z - 1 && lc.z >= 2) fams.add('parity');
    else if (!lc.wide && isPerfectHamming(lc)) fams.add('hamming');
    else if (lc.z <= MAX_TABLE_Z && lc.syndromeBits <= MAX_TABLE_SYN_BITS) fams.add('table');
    else throw new Error(`hopcode/compiled-network: local code ${lc.name} is neither a single parity check (z ≥ 2), a perfect Hamming code, nor a code with a syndrome table (≤ ${MAX_TABLE_SYN_BITS} syndrome bits)`);
  }
  if (fams.size !== 1) throw new Error('hopcode/compiled-network: the kernels need every cluster of one family (all parity, all Hamming or all table-decoded)');
  return [...fams][0]!;
}

/** True when the z columns of H are distinct and cover every non-zero syndrome. */
function isPerfectHamming(lc: LocalCode): boolean {
  const r = lc.checkRows.length;
  if (lc.z !== 2 ** r - 1) return false;
  const seen = new Set<number>();
  for (let k = 0; k < lc.z; k++) {
    const s = lc.syndrome(1 << k);
    if (s === 0 || seen.has(s)) return false;
    seen.add(s);
  }
  return true;
}
