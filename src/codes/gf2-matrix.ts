/**
 * hopcode/codes/gf2-matrix — dense bit-packed matrices over GF(2).
 *
 * Row-major, 32 columns per Uint32 word. Used for the small dense core that remains
 * after sparse peeling in the encoder; reduced row echelon form costs
 * rank · rows · cols/32 word operations.
 */

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
   * first `rank` rows (the remaining rows become zero).
   */
  rref(): Int32Array {
    const { rows, cols, words, data } = this;
    const pivots: number[] = [];
    let r = 0;
    for (let c = 0; c < cols && r < rows; c++) {
      const w = c >>> 5;
      const bit = 1 << (c & 31);
      let p = -1;
      for (let i = r; i < rows; i++) if (data[i * words + w]! & bit) { p = i; break; }
      if (p < 0) continue;
      if (p !== r) {
        for (let k = w; k < words; k++) {
          const t = data[p * words + k]!;
          data[p * words + k] = data[r * words + k]!;
          data[r * words + k] = t;
        }
      }
      const base = r * words;
      for (let i = 0; i < rows; i++) {
        if (i === r || !(data[i * words + w]! & bit)) continue;
        const row = i * words;
        for (let k = w; k < words; k++) data[row + k]! ^= data[base + k]!;
      }
      pivots.push(c);
      r++;
    }
    return Int32Array.from(pivots);
  }
}
