/**
 * hopcode/codec/lanes-fast — the 32×32 bit transpose of lanes.ts, unrolled, with the
 * loads and stores of its callers folded in (issue 12: the transposes were the largest
 * share of the clean decode after the copies).
 *
 * Same five rounds of block swaps as `transpose32` (Hacker's Delight §7-3), but the 32
 * words live in local variables for the whole transpose: 32 loads and 32 stores per
 * tile instead of 5 × 32 of each, and no loop or index arithmetic. The source is built
 * once as a string and compiled with `new Function` (the plain loop where eval is
 * forbidden). The naive twin is `transpose32`; test/codec/speed-kernels.test.ts checks
 * them against each other on random tiles, full and partial.
 *
 *  - `tStride(src, s0, ss, lim, dst, d0, ds)`: word j = src[s0 + j·ss] for j < lim, else
 *    0; transposed; word j stored to dst[d0 + j·ds] (j = 0 … 31).
 *  - `tIndex(src, idx, i0, w, s, lim, dst, d0, ds)`: the same with word j =
 *    src[idx[i0 + j]·w + s] (a slab's information words read from group words in place).
 *  - `tRows(...)`: tIndex for several slabs of one tile row, row bases loaded once.
 */
import { transpose32 } from './lanes.js';

export type TStride = (src: Int32Array, s0: number, ss: number, lim: number, dst: Int32Array, d0: number, ds: number) => void;
export type TIndex = (src: Int32Array, idx: Int32Array, i0: number, w: number, s: number, lim: number, dst: Int32Array, d0: number, ds: number) => void;

/** The swap steps of the transpose, as source lines on variables a0 … a31. */
function swapSource(): string {
  const lines: string[] = [];
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = ((k | j) + 1) & ~j) {
      const x = `a${k}`;
      const y = `a${k | j}`;
      lines.push(`t = ((${x} >>> ${j}) ^ ${y}) & ${m | 0}; ${x} ^= t << ${j}; ${y} ^= t;`);
    }
  }
  return lines.join('\n');
}

function build(load: (j: number) => string, params: string): string {
  const decl = Array.from({ length: 32 }, (_, j) => `let a${j} = ${j} < lim ? ${load(j)} : 0;`).join('\n');
  const store = Array.from({ length: 32 }, (_, j) => `dst[d0 + ${j} * ds] = a${j};`).join('\n');
  return `return function (${params}) {\nlet t = 0;\n${decl}\n${swapSource()}\n${store}\n};`;
}

function compile<T>(src: string, fallback: T): T {
  try {
    return new Function(src)() as T;
  } catch {
    return fallback;
  }
}

/** The naive twin of tStride (loop transpose32 on a scratch tile). */
export function tStrideNaive(src: Int32Array, s0: number, ss: number, lim: number, dst: Int32Array, d0: number, ds: number): void {
  const tile = new Int32Array(32);
  for (let j = 0; j < lim && j < 32; j++) tile[j] = src[s0 + j * ss]!;
  transpose32(tile);
  for (let j = 0; j < 32; j++) dst[d0 + j * ds] = tile[j]!;
}

/** The naive twin of tIndex. */
export function tIndexNaive(src: Int32Array, idx: Int32Array, i0: number, w: number, s: number, lim: number, dst: Int32Array, d0: number, ds: number): void {
  const tile = new Int32Array(32);
  for (let j = 0; j < lim && j < 32; j++) tile[j] = src[idx[i0 + j]! * w + s]!;
  transpose32(tile);
  for (let j = 0; j < 32; j++) dst[d0 + j * ds] = tile[j]!;
}

/**
 * The quiet slabs' tiles of one tile row: word j of slab qs[c] is src[rb[i0 + j] + qs[c]]
 * (rb = row bases pos[i]·W), transposed, stored to dst[qs[c]·per + d0 + j·ds]. The 32 row
 * bases are loaded once for all slabs (tIndex reloads and rescales them per slab).
 */
export type TRows = (src: Int32Array, rb: Int32Array, i0: number, lim: number, qs: Int32Array, nq: number, dst: Int32Array, per: number, d0: number, ds: number) => void;

export function tRowsNaive(src: Int32Array, rb: Int32Array, i0: number, lim: number, qs: Int32Array, nq: number, dst: Int32Array, per: number, d0: number, ds: number): void {
  for (let c = 0; c < nq; c++) {
    const s = qs[c]!;
    tIndexNaive(src, rb, i0, 1, s, lim, dst, s * per + d0, ds);
  }
}

function buildRows(): string {
  const bases = Array.from({ length: 32 }, (_, j) => `const r${j} = ${j} < lim ? rb[i0 + ${j}] : -1;`).join('\n');
  const decl = Array.from({ length: 32 }, (_, j) => `let a${j} = r${j} >= 0 ? src[r${j} + s] : 0;`).join('\n');
  const store = Array.from({ length: 32 }, (_, j) => `dst[o + ${j} * ds] = a${j};`).join('\n');
  return `return function (src, rb, i0, lim, qs, nq, dst, per, d0, ds) {\n${bases}\nfor (let c = 0; c < nq; c++) {\nconst s = qs[c];\nconst o = s * per + d0;\nlet t = 0;\n${decl}\n${swapSource()}\n${store}\n}\n};`;
}

export const tRows: TRows = compile(buildRows(), tRowsNaive);

export const tStride: TStride = compile(build((j) => `src[s0 + ${j} * ss]`, 'src, s0, ss, lim, dst, d0, ds'), tStrideNaive);
export const tIndex: TIndex = compile(build((j) => `src[idx[i0 + ${j}] * w + s]`, 'src, idx, i0, w, s, lim, dst, d0, ds'), tIndexNaive);
