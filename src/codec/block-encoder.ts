/**
 * hopcode/codec/block-encoder — a fast bit-sliced systematic encoder for the codec.
 *
 * Produces exactly the stored states of `SystematicEncoder.encodeWords` (same
 * information positions; a stored state is determined by its information bits), but
 * organised as Richardson & Urbanke, "Efficient encoding of low-density parity-check
 * codes" (IEEE Trans. IT 47(2), 2001): with the information bits known, sparse H is
 * peeled (a row with one unknown column determines it); when peeling stalls, a column
 * becomes a *dependent* symbol d. Rows never used as pivots are *core* rows, and the
 * core syndrome is affine in d: s(info, d) = s₀(info) + C·d. Encoding a slab is then
 *   1. peel with d = 0 and read the core syndrome s₀      (sparse, O(edges));
 *   2. d = C⁻¹·s₀, a g×q dense product done by the Method of Four Russians (tables of
 *      all 256 XOR combinations of 8 core words): (q/8)·(256 + g) word XORs;
 *   3. peel again with d set.
 * The dense work is q·g / 8 instead of the q·K/2 of multiplying the information bits
 * by the dense reduced core, about 10× fewer operations at N = 4000. Step 3 re-peels
 * only the pivots downstream of d. The loops themselves live in slab-kernels.ts.
 */
import { Gf2Matrix } from '../codes/gf2-matrix.js';
import { type SparseGf2, transpose } from '../codes/tanner-code.js';
import { makeKernels, type KernelInput, type Kernels } from './slab-kernels.js';

export class FastEncoder {
  readonly n: number;
  readonly k: number;
  readonly infoPositions: Int32Array;
  /** Dependent symbols g and core rows q (diagnostic). */
  readonly dependent: number;
  readonly coreRows: number;
  /** Pivots re-peeled after the dense step (diagnostic). */
  readonly latePivots: number;
  private readonly pivCol: Int32Array;
  private readonly pivPtr: Int32Array;
  private readonly pivSrc: Int32Array;
  private readonly depCol: Int32Array;
  private readonly corePtr: Int32Array;
  private readonly coreCol: Int32Array;
  /** The specialised loops (slab-kernels.ts): encode and the syndrome of H. */
  readonly kernels: Kernels;
  /** The encoding program the kernels run (read by the WebAssembly encoder, simd-encoder.ts). */
  readonly plan: KernelInput;

  constructor(h: SparseGf2, infoPositions: Int32Array) {
    const n = h.cols;
    this.n = n;
    this.k = infoPositions.length;
    this.infoPositions = infoPositions;
    const ht = transpose(h);
    const known = new Uint8Array(n);
    const unknown = new Int32Array(h.rows);
    for (let r = 0; r < h.rows; r++) unknown[r] = h.rowPtr[r + 1]! - h.rowPtr[r]!;
    const used = new Uint8Array(h.rows);
    const ones: number[] = [];
    const markKnown = (c: number): void => {
      known[c] = 1;
      for (let e = ht.rowPtr[c]!; e < ht.rowPtr[c + 1]!; e++) {
        const r = ht.rowCol[e]!;
        if (--unknown[r]! === 1 && !used[r]) ones.push(r);
      }
    };
    for (const c of infoPositions) {
      if (c < 0 || c >= n || known[c]) throw new Error(`hopcode/codec: information position ${c} is out of range or repeated`);
      markKnown(c);
    }
    for (let r = 0; r < h.rows; r++) if (unknown[r] === 1) ones.push(r);
    const pivCol: number[] = [];
    const pivRow: number[] = [];
    const deps: number[] = [];
    let knownCount = infoPositions.length;
    const firstUnknown = (r: number): number => {
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) if (!known[h.rowCol[e]!]) return h.rowCol[e]!;
      return -1;
    };
    while (knownCount < n) {
      const r = ones.pop();
      if (r !== undefined) {
        if (used[r] || unknown[r] !== 1) continue;
        used[r] = 1;
        const c = firstUnknown(r);
        pivCol.push(c);
        pivRow.push(r);
        markKnown(c);
        knownCount++;
        continue;
      }
      // Stalled: the live row with the fewest unknowns gives up its most-connected unknown column.
      let best = -1;
      for (let q = 0; q < h.rows; q++) if (!used[q] && unknown[q]! >= 2 && (best < 0 || unknown[q]! < unknown[best]!)) best = q;
      let col = -1;
      if (best >= 0) {
        let deg = -1;
        for (let e = h.rowPtr[best]!; e < h.rowPtr[best + 1]!; e++) {
          const c = h.rowCol[e]!;
          const d = ht.rowPtr[c + 1]! - ht.rowPtr[c]!;
          if (!known[c] && d > deg) { col = c; deg = d; }
        }
      } else {
        col = known.indexOf(0);
      }
      deps.push(col);
      markKnown(col);
      knownCount++;
    }
    const pivPtr = [0];
    const pivSrc: number[] = [];
    for (let p = 0; p < pivCol.length; p++) {
      const r = pivRow[p]!;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) if (h.rowCol[e] !== pivCol[p]) pivSrc.push(h.rowCol[e]!);
      pivPtr.push(pivSrc.length);
    }
    this.pivCol = Int32Array.from(pivCol);
    this.pivPtr = Int32Array.from(pivPtr);
    this.pivSrc = Int32Array.from(pivSrc);
    this.depCol = Int32Array.from(deps);
    const corePtr = [0];
    const coreCol: number[] = [];
    for (let r = 0; r < h.rows; r++) {
      if (used[r]) continue;
      for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) coreCol.push(h.rowCol[e]!);
      corePtr.push(coreCol.length);
    }
    this.corePtr = Int32Array.from(corePtr);
    this.coreCol = Int32Array.from(coreCol);
    const g = deps.length;
    const q = corePtr.length - 1;
    this.dependent = g;
    this.coreRows = q;
    // C (q × g): the core syndrome of each dependent symbol alone, 32 symbols per pass; then [C | I] → RREF.
    const aug = new Gf2Matrix(q, g + q);
    const w = new Uint32Array(n);
    for (let base = 0; base < g; base += 32) {
      w.fill(0);
      const lanes = Math.min(32, g - base);
      for (let l = 0; l < lanes; l++) w[deps[base + l]!] = 1 << l;
      this.peel(w);
      for (let k = 0; k < q; k++) {
        const s = this.coreWord(w, k);
        for (let l = 0; l < lanes; l++) if ((s >>> l) & 1) aug.flip(k, base + l);
      }
    }
    for (let k = 0; k < q; k++) aug.flip(k, g + k);
    const piv = aug.rref();
    for (let i = 0; i < g; i++) {
      if (piv[i] !== i) throw new Error('hopcode/codec: the information positions do not form an information set of H (the dependent symbols are not determined)');
    }
    // Four Russians bytes, chunk-major, four dependent symbols per 32-bit word.
    const chunks = Math.ceil(q / 8);
    const gp = (g + 3) & ~3;
    const aBytes = new Uint8Array(chunks * gp);
    for (let i = 0; i < g; i++) {
      for (let k = 0; k < q; k++) if (aug.get(i, g + k)) aBytes[(k >>> 3) * gp + i]! |= 1 << (k & 7);
    }
    // Pivots whose value depends on some dependent symbol (the only ones step 3 redoes).
    const late = new Uint8Array(n);
    for (const c of deps) late[c] = 1;
    const lateIdx: number[] = [];
    for (let p = 0; p < pivCol.length; p++) {
      let dep = false;
      for (let e = pivPtr[p]!; e < pivPtr[p + 1]! && !dep; e++) dep = late[pivSrc[e]!] === 1;
      if (dep) {
        late[pivCol[p]!] = 1;
        lateIdx.push(p);
      }
    }
    this.latePivots = lateIdx.length;
    const i32 = (a: ArrayLike<number>): Int32Array => Int32Array.from(a);
    this.plan = {
      n,
      infoPos: i32(infoPositions),
      depCol: this.depCol,
      pivCol: this.pivCol,
      pivPtr: this.pivPtr,
      pivSrc: this.pivSrc,
      lateIdx: i32(lateIdx),
      corePtr: this.corePtr,
      coreCol: this.coreCol,
      dense32: new Int32Array(aBytes.buffer),
      rowPtr: i32(h.rowPtr),
      rowCol: i32(h.rowCol),
    };
    this.kernels = makeKernels(this.plan);
  }

  private peel(out: Uint32Array): void {
    const { pivCol, pivPtr, pivSrc } = this;
    const np = pivCol.length;
    for (let p = 0; p < np; p++) {
      let v = 0;
      for (let e = pivPtr[p]!, end = pivPtr[p + 1]!; e < end; e++) v ^= out[pivSrc[e]!]!;
      out[pivCol[p]!] = v;
    }
  }

  private coreWord(out: Uint32Array, k: number): number {
    let v = 0;
    for (let e = this.corePtr[k]!; e < this.corePtr[k + 1]!; e++) v ^= out[this.coreCol[e]!]!;
    return v;
  }

  /**
   * Encode 32 blocks at once: `info[i]` holds information bit i of blocks 0..31
   * (lane j = block j); writes the N stored-state words into `out`.
   */
  encodeWords<T extends Uint32Array | Int32Array>(info: Uint32Array | Int32Array, out: T): T {
    if (info.length < this.k) throw new Error(`hopcode/codec: expected ${this.k} information words, got ${info.length}`);
    if (out.length !== this.n) throw new Error(`hopcode/codec: expected an output of ${this.n} words, got ${out.length}`);
    const inI = info instanceof Int32Array ? info : new Int32Array(info.buffer, info.byteOffset, info.length);
    const outI = out instanceof Int32Array ? out : new Int32Array(out.buffer, out.byteOffset, out.length);
    this.kernels.encode(inI, outI);
    return out;
  }
}
