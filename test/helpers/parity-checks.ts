/** Parity-check matrices shared by the min-sum tests. */
import { readFileSync } from 'node:fs';
import { parseAlist } from '../../src/codes/alist.js';
import type { SparseGf2 } from '../../src/codes/tanner-code.js';
import { Rng } from '../../src/util/rng.js';

/** A (3,6)-regular LDPC code, N = 1008 (test/data). */
export const REGULAR_ALIST = 'test/data/ldpc-3-6-n1008-seed1.alist';
export const regularH = (): SparseGf2 => parseAlist(readFileSync(REGULAR_ALIST, 'utf8'), REGULAR_ALIST);

/** A random H with column weight 3 and uneven row weights (degrees 0..12 occur). */
export function irregularH(n: number, m: number, seed: number): SparseGf2 {
  const rng = Rng.stream(seed, 0x697272);
  const rows: number[][] = Array.from({ length: m }, () => []);
  for (let v = 0; v < n; v++) {
    const picked = new Set<number>();
    while (picked.size < 3) picked.add(rng.int(m));
    for (const c of picked) rows[c]!.push(v);
  }
  const rowPtr = new Int32Array(m + 1);
  rows.forEach((r, c) => (rowPtr[c + 1] = rowPtr[c]! + r.length));
  return { rows: m, cols: n, rowPtr, rowCol: Int32Array.from(rows.flat()) } as SparseGf2;
}
