/** Naive GF(2) linear algebra for tests (independent of the bit-packed code under test). */
import type { SparseGf2 } from '../../src/codes/tanner-code.js';

/** Rank over GF(2) of arrays of 0/1 rows, by plain Gaussian elimination. */
export function naiveRank(rowsIn: number[][], cols: number): number {
  const rows = rowsIn.map((r) => r.slice());
  let rank = 0;
  for (let c = 0; c < cols; c++) {
    const p = rows.findIndex((row, i) => i >= rank && row[c] === 1);
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    for (let i = 0; i < rows.length; i++) if (i !== rank && rows[i]![c] === 1) rows[i] = rows[i]!.map((v, j) => v ^ rows[rank]![j]!);
    rank++;
  }
  return rank;
}

/** The rows of H as dense 0/1 arrays (a repeated entry cancels, as in GF(2)). */
export function denseRows(h: SparseGf2): number[][] {
  return Array.from({ length: h.rows }, (_, r) => {
    const row = new Array<number>(h.cols).fill(0);
    for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) row[h.rowCol[e]!] ^= 1;
    return row;
  });
}
