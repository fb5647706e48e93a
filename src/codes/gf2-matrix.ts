/**
 * hopcode/codes/gf2-matrix — dense bit-packed matrices over GF(2).
 *
 * Row-major, 32 columns per Uint32 word. Used for the small dense core that remains
 * after sparse peeling in the encoder; reduced row echelon form by four Russians
 * costs about (rank/8) · rows · cols/32 word operations.
 */

const STRIPE = 32; // words per table stripe: 256 × 32 words = 32 KB

/** table[m] = XOR of the rows j ∈ m (row j at first + j·words), one XOR per entry. */
function buildTable(data: Int32Array, table: Int32Array, size: number, first: number, words: number, span: number): void {
  for (let k = 0; k < span; k++) table[k] = 0;
  for (let m = 1; m < size; m++) {
    const prev = (m & (m - 1)) * STRIPE;
    const src = first + (31 - Math.clz32(m & -m)) * words;
    const at = m * STRIPE;
    for (let k = 0; k < span; k++) table[at + k] = table[prev + k]! ^ data[src + k]!;
  }
}

/** Row i ^= table entry sel[i] on words s0..s0+span−1 (a small function: V8 optimises it well). */
function applyTable(data: Int32Array, table: Int32Array, sel: Int32Array, rows: number, words: number, s0: number, span: number): void {
  for (let i = 0; i < rows; i++) {
    const m = sel[i]!;
    if (m === 0) continue;
    const base = i * words + s0;
    const t = m * STRIPE;
    for (let k = 0; k < span; k++) data[base + k] = data[base + k]! ^ table[t + k]!;
  }
}

export class Gf2Matrix {
  readonly words: number;
  readonly data: Uint32Array;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.words = Math.ceil(cols / 32);
    this.data = new Uint32Array(rows * this.words);
  }

  get(r: number, c: number): number {
    return (this.data[r * this.words + (c >>> 5)]! >>> (c & 31)) & 1;
  }

  flip(r: number, c: number): void {
    this.data[r * this.words + (c >>> 5)]! ^= 1 << (c & 31);
  }

  set(r: number, c: number, v: number): void {
    const i = r * this.words + (c >>> 5);
    const bit = 1 << (c & 31);
    this.data[i] = v ? this.data[i]! | bit : this.data[i]! & ~bit;
  }

  /**
   * In-place reduced row echelon form. Returns the pivot column of each of the
   * first `rank` rows (the remaining rows become zero). Method of Four Russians
   * (M4RI, Albrecht–Bard–Hart 2010): columns are taken 8 at a time; the ≤ 8 pivot rows
   * of a block are found and reduced among themselves with byte-sized work, then a
   * table of all 2^kp XORs of them clears the block from every other row with one
   * lookup and one row XOR: rows·words per block instead of kp·rows·words/2.
   */
  rref(): Int32Array {
    const { rows, cols, words } = this;
    // Int32 view: V8 keeps int32 words unboxed, uint32 words above 2^31 become doubles.
    const data = new Int32Array(this.data.buffer, this.data.byteOffset, this.data.length);
    const pivots: number[] = [];
    const byteOf = (i: number, c0: number): number => (data[i * words + (c0 >>> 5)]! >>> (c0 & 31)) & 255;
    const xorRow = (dst: number, src: number, from: number): void => {
      const a = dst * words;
      const b = src * words;
      for (let k = from; k < words; k++) data[a + k]! ^= data[b + k]!;
    };
    const swap = (i: number, j: number): void => {
      for (let k = 0; k < words; k++) {
        const t = data[i * words + k]!;
        data[i * words + k] = data[j * words + k]!;
        data[j * words + k] = t;
      }
    };
    const pc = new Int32Array(8); // pivot bit (0..7) of block pivot j
    const lut = new Int32Array(256); // block byte → subset of block pivot rows to add
    const table = new Int32Array(256 * STRIPE);
    let sel = new Int32Array(0);
    let r = 0;
    for (let c0 = 0; c0 < cols && r < rows; c0 += 8) {
      const w0 = c0 >>> 5;
      const width = Math.min(8, cols - c0);
      // 1. Pivots of this block among rows r.., reduced among themselves (RREF on the block).
      let kp = 0;
      for (let b = 0; b < width && r + kp < rows; b++) {
        let p = -1;
        for (let i = r + kp; i < rows && p < 0; i++) {
          let v = byteOf(i, c0);
          for (let j = 0; j < kp; j++) if ((v >>> pc[j]!) & 1) v ^= byteOf(r + j, c0);
          if ((v >>> b) & 1) p = i;
        }
        if (p < 0) continue;
        const at = r + kp;
        if (p !== at) swap(p, at);
        for (let j = 0; j < kp; j++) if ((byteOf(at, c0) >>> pc[j]!) & 1) xorRow(at, r + j, w0);
        for (let j = 0; j < kp; j++) if ((byteOf(r + j, c0) >>> b) & 1) xorRow(r + j, at, w0);
        pc[kp++] = b;
        pivots.push(c0 + b);
      }
      if (kp === 0) continue;
      // 2. Which pivot rows clear each other row's block (pivot rows are reduced on it).
      for (let v = 0; v < 256; v++) {
        let m = 0;
        for (let j = 0; j < kp; j++) m |= ((v >>> pc[j]!) & 1) << j;
        lut[v] = m;
      }
      if (sel.length < rows) sel = new Int32Array(rows);
      for (let i = 0; i < rows; i++) sel[i] = i >= r && i < r + kp ? 0 : lut[byteOf(i, c0)]!;
      // 3. Per stripe of ≤ 32 words (table ≤ 32 KB, stays in cache): the table of all
      // 2^kp XORs of the pivot rows, one entry per XOR, then one lookup per row.
      const size = 1 << kp;
      for (let s0 = w0; s0 < words; s0 += STRIPE) {
        const span = Math.min(STRIPE, words - s0);
        buildTable(data, table, size, r * words + s0, words, span);
        applyTable(data, table, sel, rows, words, s0, span);
      }
      r += kp;
    }
    return Int32Array.from(pivots);
  }
}
