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
import { Gf2Matrix } from './gf2-matrix.js';
import { type SparseGf2, transpose } from './tanner-code.js';

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
  // Dependent references: position, and the reduced core (row i, free columns) saying
  // which information bits it sums. Kept bit-packed: q × g bits, not a list of indices.
  private readonly depPos: Int32Array;
  private readonly core: Gf2Matrix;
  private readonly freeMask: Uint32Array;
  private readonly infoOfRef: Int32Array;
  // Pivots in peeling order: position, and CSR list of positions it sums.
  private readonly pivPos: Int32Array;
  private readonly pivPtr: Int32Array;
  private readonly pivSrc: Int32Array;

  constructor(h: SparseGf2) {
    const n = h.cols;
    this.n = n;
    const peel = peelTriangulate(h);
    const refs = peel.refs;
    const g = refs.length;
    const core = coreMatrix(h, peel);
    const pivRef = core.rref();
    const rankC = pivRef.length;
    this.rank = peel.pivotCol.length + rankC;
    this.k = n - this.rank;
    this.coreRows = core.rows;
    const isDep = new Uint8Array(g);
    for (const t of pivRef) isDep[t] = 1;
    const freeRefs: number[] = [];
    for (let t = 0; t < g; t++) if (!isDep[t]) freeRefs.push(t);
    const infoIndexOfRef = new Int32Array(g).fill(-1);
    freeRefs.forEach((t, i) => (infoIndexOfRef[t] = i));
    this.infoPositions = Int32Array.from(freeRefs, (t) => refs[t]!);
    // Dependent reference p (pivot of RREF row i) = Σ of free refs with a 1 in row i.
    this.depPos = Int32Array.from(pivRef, (t) => refs[t]!);
    this.core = core;
    this.freeMask = new Uint32Array(core.words);
    for (const t of freeRefs) this.freeMask[t >>> 5]! |= 1 << (t & 31);
    this.infoOfRef = infoIndexOfRef;
    // Pivot column j of row r = Σ of the row's other columns.
    const pivPtr = [0];
    const pivSrc: number[] = [];
    for (let p = 0; p < peel.pivotCol.length; p++) {
      const r = peel.pivotRow[p]!;
      const j = peel.pivotCol[p]!;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) if (h.rowCol[e] !== j) pivSrc.push(h.rowCol[e]!);
      pivPtr.push(pivSrc.length);
    }
    this.pivPos = peel.pivotCol;
    this.pivPtr = Int32Array.from(pivPtr);
    this.pivSrc = Int32Array.from(pivSrc);
  }

  /**
   * Encode 32 frames at once: `info[i]` holds information bit i of frames 0..31
   * (lane j = frame j); writes the stored states into `out[v]` the same way.
   */
  encodeWords(info: Uint32Array, out: Uint32Array): Uint32Array {
    if (info.length !== this.k) throw new Error(`hopcode/encoder: expected ${this.k} information words, got ${info.length}`);
    if (out.length !== this.n) throw new Error(`hopcode/encoder: expected an output of ${this.n} words, got ${out.length}`);
    const { infoPositions, depPos, pivPos, pivPtr, pivSrc, freeMask, infoOfRef } = this;
    const { words, data } = this.core;
    for (let i = 0; i < infoPositions.length; i++) out[infoPositions[i]!] = info[i]!;
    for (let i = 0; i < depPos.length; i++) {
      let w = 0;
      for (let k = 0; k < words; k++) {
        let bits = data[i * words + k]! & freeMask[k]!;
        while (bits !== 0) {
          const low = bits & -bits;
          w ^= info[infoOfRef[(k << 5) | (31 - Math.clz32(low))]!]!;
          bits ^= low;
        }
      }
      out[depPos[i]!] = w;
    }
    for (let p = 0; p < pivPos.length; p++) {
      let w = 0;
      for (let e = pivPtr[p]!; e < pivPtr[p + 1]!; e++) w ^= out[pivSrc[e]!]!;
      out[pivPos[p]!] = w;
    }
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
    const { words, data } = this.core;
    const kw = Math.ceil(this.k / 32);
    const denseRows = new Uint32Array(this.depPos.length * kw);
    for (let i = 0; i < this.depPos.length; i++) {
      for (let k = 0; k < words; k++) {
        let bits = data[i * words + k]! & this.freeMask[k]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const t = this.infoOfRef[(k << 5) | (31 - Math.clz32(low))]!;
          denseRows[i * kw + (t >>> 5)]! |= 1 << (t & 31);
          bits ^= low;
        }
      }
    }
    return { infoPositions: this.infoPositions, denseTarget: this.depPos, denseRows, target: this.pivPos, srcPtr: this.pivPtr, src: this.pivSrc };
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

interface Peeling {
  pivotCol: Int32Array;
  pivotRow: Int32Array;
  refs: Int32Array;
  coreRows: Int32Array;
}

/** Greedy triangulation: pivots (in order), references and leftover core rows. */
function peelTriangulate(h: SparseGf2): Peeling {
  const ht = transpose(h);
  const unknown = new Int32Array(h.rows);
  for (let r = 0; r < h.rows; r++) unknown[r] = h.rowPtr[r + 1]! - h.rowPtr[r]!;
  const known = new Uint8Array(h.cols);
  const liveDeg = new Int32Array(h.cols);
  for (let c = 0; c < h.cols; c++) liveDeg[c] = ht.rowPtr[c + 1]! - ht.rowPtr[c]!;
  const used = new Uint8Array(h.rows);
  const pivotCol: number[] = [];
  const pivotRow: number[] = [];
  const refs: number[] = [];
  // Bucket queue of rows by unknown count (lazy: stale entries are skipped).
  let maxW = 1;
  for (let r = 0; r < h.rows; r++) maxW = Math.max(maxW, unknown[r]!);
  const buckets: number[][] = Array.from({ length: maxW + 1 }, () => []);
  for (let r = 0; r < h.rows; r++) buckets[unknown[r]!]!.push(r);
  let knownCount = 0;
  const markKnown = (c: number): void => {
    known[c] = 1;
    knownCount++;
    for (let e = ht.rowPtr[c]!; e < ht.rowPtr[c + 1]!; e++) {
      const r = ht.rowCol[e]!;
      if (used[r]) continue;
      buckets[--unknown[r]!]!.push(r);
    }
  };
  const firstUnknown = (r: number): number => {
    for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) if (!known[h.rowCol[e]!]) return h.rowCol[e]!;
    return -1;
  };
  let nextFreeCol = 0;
  while (knownCount < h.cols) {
    const ones = buckets[1]!;
    if (ones.length > 0) {
      const r = ones.pop()!;
      if (used[r] || unknown[r] !== 1) continue;
      used[r] = 1;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) liveDeg[h.rowCol[e]!]!--;
      const c = firstUnknown(r);
      pivotCol.push(c);
      pivotRow.push(r);
      markKnown(c);
      continue;
    }
    // Stuck: take the live row with the fewest unknowns and make all but one of them references.
    let row = -1;
    for (let w = 2; w <= maxW && row < 0; w++) {
      const b = buckets[w]!;
      while (b.length > 0) {
        const r = b.pop()!;
        if (!used[r] && unknown[r] === w) { row = r; break; }
      }
    }
    if (row < 0) {
      // No row constrains the remaining columns: they are free.
      while (known[nextFreeCol]) nextFreeCol++;
      refs.push(nextFreeCol);
      markKnown(nextFreeCol);
      continue;
    }
    // One reference at a time, the unknown column of that row in the most live rows:
    // it unlocks the most rows, and peeling resumes before more references are spent.
    let best = -1;
    for (let e = h.rowPtr[row]!; e < h.rowPtr[row + 1]!; e++) {
      const c = h.rowCol[e]!;
      if (!known[c] && (best < 0 || liveDeg[c]! > liveDeg[best]!)) best = c;
    }
    buckets[unknown[row]!]!.push(row);
    refs.push(best);
    markKnown(best);
  }
  const coreRows: number[] = [];
  for (let r = 0; r < h.rows; r++) if (!used[r]) coreRows.push(r);
  return { pivotCol: Int32Array.from(pivotCol), pivotRow: Int32Array.from(pivotRow), refs: Int32Array.from(refs), coreRows: Int32Array.from(coreRows) };
}

/**
 * The core rows as equations on the references: back-propagate each core row's
 * support through the pivots (latest first), 32 rows per pass in one word per column.
 */
function coreMatrix(h: SparseGf2, peel: Peeling): Gf2Matrix {
  const q = peel.coreRows.length;
  const g = peel.refs.length;
  const out = new Gf2Matrix(q, g);
  const w = new Uint32Array(h.cols);
  for (let base = 0; base < q; base += 32) {
    w.fill(0);
    const lanes = Math.min(32, q - base);
    for (let l = 0; l < lanes; l++) {
      const r = peel.coreRows[base + l]!;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) w[h.rowCol[e]!]! ^= 1 << l;
    }
    for (let p = peel.pivotCol.length - 1; p >= 0; p--) {
      const j = peel.pivotCol[p]!;
      const m = w[j]!;
      if (m === 0) continue;
      w[j] = 0;
      const r = peel.pivotRow[p]!;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) if (h.rowCol[e] !== j) w[h.rowCol[e]!]! ^= m;
    }
    for (let t = 0; t < g; t++) {
      const m = w[peel.refs[t]!]!;
      if (m === 0) continue;
      for (let l = 0; l < lanes; l++) if ((m >>> l) & 1) out.flip(base + l, t);
    }
  }
  return out;
}
