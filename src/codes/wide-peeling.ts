/**
 * hopcode/codes/wide-peeling — peeling of a Tanner-code H whose local codes are wide.
 *
 * codes/peeling.ts keeps a group of rows as 32-bit masks over ≤ 32 columns; a BCH(255,
 * k) constraint has 255. Here a group is one constraint's block of r ≤ 31 rows, each of
 * its columns an r-bit vector. Constraints are solved one at a time (Richardson &
 * Urbanke's greedy triangulation, block-wise): a constraint whose unknown columns U
 * have rank ρ = |U| ≤ r in its block is solved by Gaussian elimination — each unknown
 * becomes a pivot, the XOR of some known columns of the block — and its r − ρ leftover
 * equations become core equations on known columns. When no constraint has |U| ≤ r, the
 * one with the fewest unknowns declares the columns beyond an independent set of r as
 * references (free symbols). Output is the same `Peeling` the systematic encoder's
 * dense core stage consumes, so rank H and the encoder follow unchanged.
 */
import type { Peeling } from './peeling.js';
import type { SparseGf2 } from './tanner-code.js';
import { parity32 } from '../util/bits.js';

/** Peel H given as consecutive blocks of `rowsPerGroup` rows (one block per constraint). */
export function peelWide(h: SparseGf2, rowsPerGroup: number): Peeling {
  const r = rowsPerGroup;
  if (!Number.isInteger(r) || r < 1 || r > 31 || h.rows % r !== 0) throw new Error(`hopcode/wide-peeling: ${h.rows} rows do not split into blocks of ${r} (1..31)`);
  const nG = h.rows / r;
  const n = h.cols;
  // Block g: its columns and each column's r-bit vector.
  const gPtr = new Int32Array(nG + 1);
  const gCols: number[] = [];
  const gVecs: number[] = [];
  const local = new Map<number, number>();
  for (let g = 0; g < nG; g++) {
    local.clear();
    for (let j = 0; j < r; j++) {
      const row = g * r + j;
      for (let e = h.rowPtr[row]!; e < h.rowPtr[row + 1]!; e++) {
        const c = h.rowCol[e]!;
        let at = local.get(c);
        if (at === undefined) {
          at = gCols.length;
          local.set(c, at);
          gCols.push(c);
          gVecs.push(0);
        }
        gVecs[at] ^= 1 << j;
      }
    }
    gPtr[g + 1] = gCols.length;
  }
  // Column → blocks incidence.
  const cPtr = new Int32Array(n + 1);
  for (const c of gCols) cPtr[c + 1]!++;
  for (let c = 0; c < n; c++) cPtr[c + 1]! += cPtr[c]!;
  const cGrp = new Int32Array(gCols.length);
  const fill = cPtr.slice(0, n);
  for (let g = 0; g < nG; g++) for (let e = gPtr[g]!; e < gPtr[g + 1]!; e++) cGrp[fill[gCols[e]!]!++] = g;

  const known = new Uint8Array(n);
  const unknown = Int32Array.from({ length: nG }, (_, g) => gPtr[g + 1]! - gPtr[g]!);
  const done = new Uint8Array(nG);
  const pivotCol: number[] = [];
  const pivotPtr: number[] = [0];
  const pivotSrc: number[] = [];
  const refs: number[] = [];
  const corePtr: number[] = [0];
  const coreCol: number[] = [];
  const ready: number[] = [];
  for (let g = 0; g < nG; g++) if (unknown[g]! <= r) ready.push(g);

  const makeKnown = (c: number): void => {
    known[c] = 1;
    for (let t = cPtr[c]!; t < cPtr[c + 1]!; t++) {
      const g = cGrp[t]!;
      if (--unknown[g]! === r && !done[g]) ready.push(g);
    }
  };

  const solve = (g: number): void => {
    done[g] = 1;
    const lo = gPtr[g]!;
    const hi = gPtr[g + 1]!;
    const U: number[] = [];
    for (let e = lo; e < hi; e++) if (!known[gCols[e]!]) U.push(e);
    // 1. Pivots: unknown columns that raise the rank of the block (an XOR basis, ≤ r of them).
    const basis = new Int32Array(r); // basis[j]: vector with lowest set bit j
    const pivOf: number[] = [];
    for (let u = 0; u < U.length && pivOf.length < r; u++) {
      let v = gVecs[U[u]!]!;
      while (v !== 0) {
        const j = 31 - Math.clz32(v & -v);
        if (basis[j] === 0) break;
        v ^= basis[j]!;
      }
      if (v === 0) continue; // dependent on earlier unknowns: a reference
      basis[31 - Math.clz32(v & -v)] = v;
      pivOf.push(u);
    }
    // 2. Solve for them: row operations T with (T·H_P) = [I; 0] (M: rows over the ≤ 31 pivots).
    const T = Int32Array.from({ length: r }, (_, j) => 1 << j);
    const M = new Int32Array(r);
    for (let q = 0; q < pivOf.length; q++) {
      const v = gVecs[U[pivOf[q]!]!]!;
      for (let j = 0; j < r; j++) if ((v >>> j) & 1) M[j]! |= 1 << q;
    }
    const pivRow: number[] = [];
    let row = 0;
    for (let q = 0; q < pivOf.length; q++) {
      let p = -1;
      for (let j = row; j < r; j++) if ((M[j]! >>> q) & 1) { p = j; break; }
      if (p < 0) throw new Error('hopcode/wide-peeling: pivot columns are dependent (internal error)');
      [M[p], M[row]] = [M[row]!, M[p]!];
      [T[p], T[row]] = [T[row]!, T[p]!];
      for (let j = 0; j < r; j++) {
        if (j !== row && (M[j]! >>> q) & 1) {
          M[j]! ^= M[row]!;
          T[j]! ^= T[row]!;
        }
      }
      pivRow.push(row);
      row++;
    }
    const isPiv = new Uint8Array(U.length);
    for (const u of pivOf) isPiv[u] = 1;
    for (let u = 0; u < U.length; u++) if (!isPiv[u]) {
      refs.push(gCols[U[u]!]!);
      makeKnown(gCols[U[u]!]!);
    }
    // Pivot u: x_u = XOR of the known columns k of the block with parity(T_row · vec_k) = 1
    // (references among U are known by now; pivots of this block are not sources).
    for (let q = 0; q < pivOf.length; q++) {
      const t = T[pivRow[q]!]!;
      for (let e = lo; e < hi; e++) {
        const c = gCols[e]!;
        if (known[c] && parity32(t & gVecs[e]!)) pivotSrc.push(c);
      }
      pivotCol.push(gCols[U[pivOf[q]!]!]!);
      pivotPtr.push(pivotSrc.length);
    }
    // Leftover rows: equations on known columns only.
    for (let j = row; j < r; j++) {
      const t = T[j]!;
      const before = coreCol.length;
      for (let e = lo; e < hi; e++) {
        const c = gCols[e]!;
        if (known[c] && parity32(t & gVecs[e]!)) coreCol.push(c);
      }
      if (coreCol.length > before) corePtr.push(coreCol.length);
    }
    for (const u of pivOf) makeKnown(gCols[U[u]!]!);
  };

  for (let left = nG; left > 0; ) {
    let g = -1;
    while (ready.length > 0) {
      const cand = ready.pop()!;
      if (!done[cand]) {
        g = cand;
        break;
      }
    }
    if (g < 0) {
      // Stall: the unfinished block with the fewest unknowns takes references.
      let best = Infinity;
      for (let q = 0; q < nG; q++) if (!done[q] && unknown[q]! < best) [best, g] = [unknown[q]!, q];
    }
    solve(g);
    left--;
  }
  // Columns in no block at all are free.
  for (let c = 0; c < n; c++) if (!known[c]) refs.push(c);
  return {
    pivotCol: Int32Array.from(pivotCol),
    pivotPtr: Int32Array.from(pivotPtr),
    pivotSrc: Int32Array.from(pivotSrc),
    refs: Int32Array.from(refs),
    corePtr: Int32Array.from(corePtr),
    coreCol: Int32Array.from(coreCol),
  };
}
