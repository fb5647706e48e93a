/**
 * hopcode/codes/peeling — local-elimination peeling of a sparse H (greedy triangulation).
 *
 * Richardson & Urbanke, "Efficient encoding of low-density parity-check codes" (IEEE
 * Trans. IT 47(2), 2001) peel H row by row: a row with one unknown column determines
 * it. Here rows are first gathered into small *groups* (consecutive rows sharing
 * columns, ≤ 32 columns: the r check rows of one constraint of a Tanner code), and a
 * group is peeled as a whole: its live rows are kept in reduced row echelon form on
 * its unknown columns U, and every echelon row with a single unknown determines that
 * column (pivot j = XOR of the row's other, known, columns). RREF finds *every* such
 * column: e_j lies in the row space restricted to U iff j is an echelon pivot whose row
 * has no other unknown. So a Hamming constraint with ≤ 2 unknowns (any 2 columns of its
 * H are independent) is always solved, where row-by-row peeling needs luck. Echelon
 * rows with no unknown left are *core* equations on known columns.
 *
 * When no group can solve anything, one column becomes a *reference* (a free symbol).
 * With δ_G = |U_G| − (live rows of G) the group's deficiency, making an unknown column
 * c known lowers δ by exactly 1 in each of its groups (at a stall no e_c is in any
 * group's row space, so no rank is lost), and a group with δ = 0 solves all of U. The
 * reference is the column maximising (#groups with δ = 1, #with δ = 2, #with δ = 3)
 * lexicographically — RU's greedy choice generalised — kept in a bucket queue with
 * incremental keys, so the whole peeling is O(edges · group rows).
 * Counting: #pivots + rank(core) = rank H, and every reference beyond K = N − rank H
 * adds one core equation, so fewer references means a smaller dense core.
 */
import type { SparseGf2 } from './tanner-code.js';

/** Result of peeling: pivots in order (as XOR programs), references, core equations. */
export interface Peeling {
  /** Pivot p sets column pivotCol[p] = XOR of columns pivotSrc[pivotPtr[p] .. pivotPtr[p+1]-1]. */
  pivotCol: Int32Array;
  pivotPtr: Int32Array;
  pivotSrc: Int32Array;
  /** Reference columns, in the order they were declared. */
  refs: Int32Array;
  /** Core equations (XOR of the listed columns = 0), CSR over columns; all nonzero. */
  corePtr: Int32Array;
  coreCol: Int32Array;
}

const MAX_GROUP = 32;

/** Group consecutive rows that overlap (≥ 1/4 of the new row) while the union has ≤ 32 columns. */
function groupRows(h: SparseGf2): { gRow: Int32Array; gColPtr: Int32Array; gCol: Int32Array; mask: Uint32Array } {
  const gRow: number[] = [0];
  const gColPtr: number[] = [0];
  const gCol: number[] = [];
  const mask = new Uint32Array(h.rows);
  const local = new Map<number, number>();
  let cur: number[] = [];
  const close = (r: number): void => {
    gRow.push(r);
    gCol.push(...cur);
    gColPtr.push(gCol.length);
    cur = [];
    local.clear();
  };
  for (let r = 0; r < h.rows; r++) {
    const lo = h.rowPtr[r]!;
    const hi = h.rowPtr[r + 1]!;
    if (r > gRow[gRow.length - 1]!) {
      let overlap = 0;
      let fresh = 0;
      for (let e = lo; e < hi; e++) if (local.has(h.rowCol[e]!)) overlap++; else fresh++;
      const rowsIn = r - gRow[gRow.length - 1]!;
      if (overlap === 0 || 4 * overlap < hi - lo || cur.length + fresh > MAX_GROUP || rowsIn >= MAX_GROUP) close(r);
    }
    let m = 0;
    for (let e = lo; e < hi; e++) {
      const c = h.rowCol[e]!;
      let b = local.get(c);
      if (b === undefined) {
        if (cur.length >= MAX_GROUP) throw new Error(`hopcode/encoder: row ${r} of H has more than ${MAX_GROUP} columns`);
        b = cur.length;
        local.set(c, b);
        cur.push(c);
      }
      m ^= 1 << b; // a repeated column cancels (GF(2))
    }
    mask[r] = m;
  }
  if (h.rows > 0) close(h.rows);
  return { gRow: Int32Array.from(gRow), gColPtr: Int32Array.from(gColPtr), gCol: Int32Array.from(gCol), mask };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * How a stall picks its reference: `column` — the column with the best (δ=1, δ=2, δ=3)
 * group counts; `group` — in the group of least δ, the unknown column whose other
 * groups are nearest to solvable (Σ 2^−δ). Neither wins everywhere: try both.
 */
export type PeelStrategy = 'column' | 'group';

/** Peel H with group-wise local elimination and greedy references (see the banner). */
export function peel(h: SparseGf2, strategy: PeelStrategy = 'column'): Peeling {
  const n = h.cols;
  const { gRow, gColPtr, gCol, mask: rows } = groupRows(h);
  const nG = gRow.length - 1;
  // Column → (group, local bit) incidence.
  const cPtr = new Int32Array(n + 1);
  for (const c of gCol) cPtr[c + 1]!++;
  let maxDeg = 0;
  for (let c = 0; c < n; c++) {
    maxDeg = Math.max(maxDeg, cPtr[c + 1]!);
    cPtr[c + 1]! += cPtr[c]!;
  }
  const cGrp = new Int32Array(gCol.length);
  const cBit = new Int32Array(gCol.length);
  const fill = cPtr.slice(0, n);
  for (let g = 0; g < nG; g++) {
    for (let e = gColPtr[g]!; e < gColPtr[g + 1]!; e++) {
      const at = fill[gCol[e]!]!++;
      cGrp[at] = g;
      cBit[at] = e - gColPtr[g]!;
    }
  }
  const unk = new Uint32Array(nG);
  const live = new Int32Array(nG);
  const delta = new Int32Array(nG).fill(1 << 20);
  for (let g = 0; g < nG; g++) {
    const z = gColPtr[g + 1]! - gColPtr[g]!;
    unk[g] = z === 32 ? 0xffffffff : (1 << z) - 1;
    live[g] = gRow[g + 1]! - gRow[g]!;
  }
  // Reference keys: weight of a group by deficiency, lexicographic in (δ=1, δ=2, δ=3) counts.
  const B = maxDeg + 1;
  const weight = (d: number): number => (d === 1 ? B * B : d === 2 ? B : d === 3 ? 1 : 0);
  const key = new Int32Array(n);
  const buckets: number[][] = Array.from({ length: maxDeg * B * B + 1 }, () => []);
  for (let c = n - 1; c >= 0; c--) buckets[0]!.push(c);
  let top = 0;
  const gB: number[][] = Array.from({ length: 34 }, () => []);
  let low = 0;
  const pw = Float64Array.from({ length: 34 }, (_, d) => 2 ** -d);
  const known = new Uint8Array(n);
  let knownCount = 0;
  const dirty = new Uint8Array(nG);
  const stack: number[] = [];
  for (let g = nG - 1; g >= 0; g--) { stack.push(g); dirty[g] = 1; }
  const pivotCol: number[] = [];
  const pivotPtr: number[] = [0];
  const pivotSrc: number[] = [];
  const refs: number[] = [];
  const corePtr: number[] = [0];
  const coreCol: number[] = [];
  const markKnown = (c: number): void => {
    known[c] = 1;
    knownCount++;
    for (let e = cPtr[c]!; e < cPtr[c + 1]!; e++) {
      const g = cGrp[e]!;
      unk[g] = (unk[g]! & ~(1 << cBit[e]!)) >>> 0;
      if (!dirty[g]) { dirty[g] = 1; stack.push(g); }
    }
  };
  const emit = (g: number, m: number, skip: number, out: number[]): void => {
    const base = gColPtr[g]!;
    for (let x = m & ~skip; x !== 0; x &= x - 1) out.push(gCol[base + 31 - Math.clz32(x & -x)]!);
  };
  const solved: number[] = [];
  const piv = new Int32Array(MAX_GROUP);
  const reduce = (g: number): void => {
    const u = unk[g]!;
    const base = gRow[g]!;
    const cnt = live[g]!;
    // Incremental RREF of the live rows on the unknown columns u.
    let k = 0;
    for (let i = 0; i < cnt; i++) {
      let x = rows[base + i]!;
      for (let j = 0; j < k; j++) if (x & piv[j]!) x ^= rows[base + j]!;
      const xu = x & u;
      if (xu === 0) {
        if (x !== 0) { emit(g, x, 0, coreCol); corePtr.push(coreCol.length); }
        continue;
      }
      const bit = xu & -xu;
      for (let j = 0; j < k; j++) if (rows[base + j]! & bit) rows[base + j] = (rows[base + j]! ^ x) >>> 0;
      piv[k] = bit;
      rows[base + k++] = x >>> 0;
    }
    // Rows with a single unknown are pivots; the rest stay live (still in RREF).
    let kept = 0;
    solved.length = 0;
    for (let j = 0; j < k; j++) {
      const x = rows[base + j]!;
      const xu = x & u;
      if ((xu & (xu - 1)) === 0) solved.push(x, xu);
      else rows[base + kept++] = x;
    }
    live[g] = kept;
    for (let s = 0; s < solved.length; s += 2) {
      const x = solved[s]!;
      const bit = solved[s + 1]!;
      const c = gCol[gColPtr[g]! + 31 - Math.clz32(bit)]!;
      pivotCol.push(c);
      emit(g, x, bit, pivotSrc);
      pivotPtr.push(pivotSrc.length);
      markKnown(c);
    }
    const u2 = unk[g]!;
    const d = popcount(u2) - kept;
    const diff = u2 === 0 ? 0 : weight(d) - weight(delta[g]!);
    if (d !== delta[g]! && u2 !== 0) { gB[d]!.push(g); if (d < low) low = d; }
    delta[g] = d;
    if (diff === 0) return;
    const cb = gColPtr[g]!;
    for (let x = u2; x !== 0; x &= x - 1) {
      const c = gCol[cb + 31 - Math.clz32(x & -x)]!;
      const kk = (key[c]! += diff);
      buckets[kk]!.push(c);
      if (kk > top) top = kk;
    }
  };
  for (;;) {
    while (stack.length > 0) {
      const g = stack.pop()!;
      reduce(g);
      dirty[g] = 0;
    }
    if (knownCount >= n) break;
    let c = -1;
    while (strategy === 'group' && c < 0) {
      const b = gB[low]!;
      let g = -1;
      while (b.length > 0) {
        const x = b.pop()!;
        if (unk[x] !== 0 && delta[x] === low) { g = x; break; }
      }
      if (g < 0) { low++; continue; }
      b.push(g);
      let best = -1;
      for (let e = gColPtr[g]!; e < gColPtr[g + 1]!; e++) {
        if (!(unk[g]! & (1 << (e - gColPtr[g]!)))) continue;
        const cc = gCol[e]!;
        let sc = 0;
        for (let f = cPtr[cc]!; f < cPtr[cc + 1]!; f++) if (cGrp[f] !== g && unk[cGrp[f]!]! & (1 << cBit[f]!)) sc += pw[delta[cGrp[f]!]!]!;
        if (sc > best) { best = sc; c = cc; }
      }
    }
    while (c < 0) {
      const b = buckets[top]!;
      while (b.length > 0) {
        const x = b.pop()!;
        if (!known[x] && key[x] === top) { c = x; break; }
      }
      if (c < 0) {
        if (top === 0) throw new Error('hopcode/encoder: peeling lost track of an unknown column');
        top--;
      }
    }
    refs.push(c);
    markKnown(c);
  }
  return {
    pivotCol: Int32Array.from(pivotCol),
    pivotPtr: Int32Array.from(pivotPtr),
    pivotSrc: Int32Array.from(pivotSrc),
    refs: Int32Array.from(refs),
    corePtr: Int32Array.from(corePtr),
    coreCol: Int32Array.from(coreCol),
  };
}
