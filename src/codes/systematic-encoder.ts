/**
 * hopcode/codes/systematic-encoder — exact rank of H and a systematic encoder.
 *
 * Sparse H is first peeled (Richardson–Urbanke style greedy triangulation): a row
 * with one unknown column determines that column (a *pivot*); when no such row is
 * left, some unknown columns are declared *references* (free symbols). Every column
 * is then a pivot or a reference, and rows left with no unknown column become the
 * few *core* rows: linear equations C·ref = 0 on the references. C is obtained by
 * back-propagating 32 core rows at a time through the pivots (one word per column),
 * then reduced densely. With q core rows, g references and K = N − rank H:
 *   rank H = #pivots + rank C,   K = g − rank C,
 * the free references are the information positions (systematic), the dependent
 * references follow from the reduced C, and the pivots follow in peeling order.
 * Work is O(edges) for the sparse part and O(q² · g / 32) for the dense core, so
 * N = 10^5 takes seconds where dense elimination of H would take hours.
 */
import { denseToBytes, encoderFactory } from '../decoders/encoder-program.js';
import { Gf2Matrix } from './gf2-matrix.js';
import { type Peeling, peel as peelH } from './peeling.js';
import { peelWide } from './wide-peeling.js';
import type { SparseGf2 } from './tanner-code.js';

export class SystematicEncoder {
  /** Number of inputs N. */
  readonly n: number;
  /** rank of H over GF(2). */
  readonly rank: number;
  /** Number of information bits K = N − rank H (= log2 of the number of stored states). */
  readonly k: number;
  /** Input positions that carry the information bits verbatim, length K. */
  readonly infoPositions: Int32Array;
  /** Rows of H left for the dense core (diagnostic). */
  readonly coreRows: number;
  // Dependent references: position, and row i of `denseRows` (⌈K/32⌉ words, bit t =
  // information bit t) saying which information bits it sums.
  private readonly depPos: Int32Array;
  private readonly denseRows: Uint32Array;
  // Pivots in peeling order: position, and CSR list of positions it sums.
  private readonly pivPos: Int32Array;
  private readonly pivPtr: Int32Array;
  private readonly pivSrc: Int32Array;
  private run: ((info: Uint32Array, out: Uint32Array) => void) | undefined;

  /** `rowsPerGroup`: H is a Tanner code's, in blocks of that many rows per constraint (lets wide rows be peeled). */
  constructor(h: SparseGf2, opts: { rowsPerGroup?: number } = {}) {
    const n = h.cols;
    this.n = n;
    // Peeling is O(edges): run both stall strategies, keep the one with fewer references.
    // Rows wider than a peeling group (wide local codes, e.g. BCH(255, k) clusters) skip it:
    // every column a reference and every row a core equation, i.e. dense elimination of H.
    let peel: Peeling;
    if (maxRowWeight(h) > 32) peel = opts.rowsPerGroup ? peelWide(h, opts.rowsPerGroup) : densePeeling(h);
    else {
      const a = peelH(h, 'column');
      const b = peelH(h, 'group');
      peel = b.refs.length < a.refs.length ? b : a;
    }
    const refs = peel.refs;
    const g = refs.length;
    const core = coreMatrix(n, peel);
    const pivRef = core.rref();
    const rankC = pivRef.length;
    this.rank = peel.pivotCol.length + rankC;
    this.k = n - this.rank;
    this.coreRows = core.rows;
    const isDep = new Uint8Array(g);
    for (const t of pivRef) isDep[t] = 1;
    const infoOfRef = new Int32Array(g).fill(-1);
    const free: number[] = [];
    for (let t = 0; t < g; t++) if (!isDep[t]) infoOfRef[t] = free.push(t) - 1;
    this.infoPositions = Int32Array.from(free, (t) => refs[t]!);
    // Dependent reference (pivot of RREF row i) = Σ of the free refs with a 1 in row i.
    this.depPos = Int32Array.from(pivRef, (t) => refs[t]!);
    const kw = Math.ceil(this.k / 32);
    this.denseRows = new Uint32Array(rankC * kw);
    for (let i = 0; i < rankC; i++) {
      for (let w = 0; w < core.words; w++) {
        for (let bits = core.data[i * core.words + w]!; bits !== 0; bits &= bits - 1) {
          const t = infoOfRef[(w << 5) | (31 - Math.clz32(bits & -bits))]!;
          if (t >= 0) this.denseRows[i * kw + (t >>> 5)]! |= 1 << (t & 31);
        }
      }
    }
    this.pivPos = peel.pivotCol;
    this.pivPtr = peel.pivotPtr;
    this.pivSrc = peel.pivotSrc;
  }

  /**
   * Encode 32 frames at once: `info[i]` holds information bit i of frames 0..31
   * (lane j = frame j); writes the stored states into `out[v]` the same way.
   * Runs the four-Russians program of decoders/encoder-program.
   */
  encodeWords(info: Uint32Array, out: Uint32Array): Uint32Array {
    if (info.length !== this.k) throw new Error(`hopcode/encoder: expected ${this.k} information words, got ${info.length}`);
    if (out.length !== this.n) throw new Error(`hopcode/encoder: expected an output of ${this.n} words, got ${out.length}`);
    if (!this.run) {
      const p = this.toProgram();
      const dense32 = denseToBytes(p.denseRows, p.denseTarget.length, this.k);
      this.run = encoderFactory({ k: this.k, n: this.n, infoPos: p.infoPositions, denseTarget: p.denseTarget, dense32, encTarget: p.target, encPtr: p.srcPtr, encSrc: p.src });
    }
    this.run(info, out);
    return out;
  }

  /**
   * The encoder as plain arrays for kernels (and SharedArrayBuffer transfer):
   * copy info word i to `infoPositions[i]`; dependent reference `denseTarget[r]` is the
   * XOR of the info words whose bits are set in row r of `denseRows` (⌈K/32⌉ words per
   * row, bit t = info index t); then, in order, out[target[t]] = XOR of
   * out[src[srcPtr[t] .. srcPtr[t+1]-1]] (the peeled pivots).
   */
  toProgram(): { infoPositions: Int32Array; denseTarget: Int32Array; denseRows: Uint32Array; target: Int32Array; srcPtr: Int32Array; src: Int32Array } {
    return { infoPositions: this.infoPositions, denseTarget: this.depPos, denseRows: this.denseRows, target: this.pivPos, srcPtr: this.pivPtr, src: this.pivSrc };
  }

  /** Encode one frame: K information bits (0/1) → N-bit stored state (0/1). */
  encode(info: ArrayLike<number>): Uint8Array {
    if (info.length !== this.k) throw new Error(`hopcode/encoder: expected ${this.k} information bits, got ${info.length}`);
    const words = Uint32Array.from(info, (b) => b & 1);
    const out = this.encodeWords(words, new Uint32Array(this.n));
    return Uint8Array.from(out, (w) => w & 1);
  }

  /** Information bits of a stored state (the inverse of `encode` on stored states). */
  extract(state: ArrayLike<number>): Uint8Array {
    if (state.length !== this.n) throw new Error(`hopcode/encoder: expected a state of ${this.n} bits, got ${state.length}`);
    return Uint8Array.from(this.infoPositions, (v) => state[v]! & 1);
  }
}

function maxRowWeight(h: SparseGf2): number {
  let w = 0;
  for (let r = 0; r < h.rows; r++) w = Math.max(w, h.rowPtr[r + 1]! - h.rowPtr[r]!);
  return w;
}

/** The trivial peeling: no pivots, every column a reference, every row a core equation. */
function densePeeling(h: SparseGf2): Peeling {
  return {
    pivotCol: new Int32Array(0),
    pivotPtr: Int32Array.of(0),
    pivotSrc: new Int32Array(0),
    refs: Int32Array.from({ length: h.cols }, (_, c) => c),
    corePtr: Int32Array.from(h.rowPtr),
    coreCol: Int32Array.from(h.rowCol),
  };
}

/**
 * The core equations as equations on the references: back-propagate each one's
 * support through the pivots (latest first), 32 equations per pass in one word per column.
 */
function coreMatrix(n: number, peel: Peeling): Gf2Matrix {
  const q = peel.corePtr.length - 1;
  const g = peel.refs.length;
  const { pivotCol, pivotPtr, pivotSrc, corePtr, coreCol, refs } = peel;
  const out = new Gf2Matrix(q, g);
  const w = new Int32Array(n);
  for (let base = 0; base < q; base += 32) {
    w.fill(0);
    const lanes = Math.min(32, q - base);
    for (let l = 0; l < lanes; l++) for (let e = corePtr[base + l]!; e < corePtr[base + l + 1]!; e++) w[coreCol[e]!]! ^= 1 << l;
    for (let p = pivotCol.length - 1; p >= 0; p--) {
      const j = pivotCol[p]!;
      const m = w[j]!;
      if (m === 0) continue;
      w[j] = 0;
      for (let e = pivotPtr[p]!; e < pivotPtr[p + 1]!; e++) w[pivotSrc[e]!]! ^= m;
    }
    for (let t = 0; t < g; t++) {
      const m = w[refs[t]!]!;
      if (m === 0) continue;
      for (let x = m; x !== 0; x &= x - 1) out.flip(base + 31 - Math.clz32(x & -x), t);
    }
  }
  return out;
}
