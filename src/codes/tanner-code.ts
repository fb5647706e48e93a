/**
 * hopcode/codes/tanner-code — the global code T(G, L) of a graph and local codes.
 *
 * DESIGN.md §1: the stored states are the x whose restriction to every ∂c is a
 * permitted local pattern. For linear local codes, stacking each constraint's local
 * parity checks (row j of the local H placed on the inputs ∂c) gives the global
 * sparse parity-check matrix H; the number of stored states is 2^(N − rank H).
 */
import type { BipartiteGraph } from '../graphs/bipartite-graph.js';
import type { LocalCode } from './local-code.js';

/** A sparse GF(2) matrix in CSR form (rows of column indices). */
export interface SparseGf2 {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly rowCol: Int32Array;
}

/** Global parity-check matrix H of the Tanner code (one block of rows per constraint). */
export function parityCheckMatrix(graph: BipartiteGraph, codes: readonly LocalCode[] | LocalCode): SparseGf2 {
  const codeOf = (c: number): LocalCode => (Array.isArray(codes) ? (codes as LocalCode[])[c]! : (codes as LocalCode));
  const ptr: number[] = [0];
  const col: number[] = [];
  for (let c = 0; c < graph.m; c++) {
    const code = codeOf(c);
    const lo = graph.chkPtr[c]!;
    const z = graph.chkPtr[c + 1]! - lo;
    if (code.z !== z) throw new Error(`hopcode/codes: constraint ${c} has ${z} inputs but local code ${code.name} has length ${code.z}`);
    if (!code.linear) throw new Error(`hopcode/codes: local code ${code.name} is not linear: the Tanner code has no parity-check matrix`);
    for (const row of code.checkRows) {
      for (let k = 0; k < z; k++) if ((row >>> k) & 1) col.push(graph.chkVar[lo + k]!);
      ptr.push(col.length);
    }
    // Wide local codes (z > 31) carry their rows as column syndromes.
    if (code.wide) {
      for (let j = 0; j < code.syndromeBits; j++) {
        for (const k of code.checkRowPositions(j)) col.push(graph.chkVar[lo + k]!);
        ptr.push(col.length);
      }
    }
  }
  return { rows: ptr.length - 1, cols: graph.n, rowPtr: Int32Array.from(ptr), rowCol: Int32Array.from(col) };
}

/** Transpose of a sparse matrix (columns as lists of rows). */
export function transpose(h: SparseGf2): SparseGf2 {
  const ptr = new Int32Array(h.cols + 1);
  for (const c of h.rowCol) ptr[c + 1]!++;
  for (let c = 0; c < h.cols; c++) ptr[c + 1]! += ptr[c]!;
  const fill = ptr.slice(0, h.cols);
  const out = new Int32Array(h.rowCol.length);
  for (let r = 0; r < h.rows; r++) for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) out[fill[h.rowCol[e]!]!++] = r;
  return { rows: h.cols, cols: h.rows, rowPtr: ptr, rowCol: out };
}

/** Syndrome weight: how many rows of H the 0/1 vector x violates. */
export function unsatisfiedChecks(h: SparseGf2, x: Uint8Array): number {
  let bad = 0;
  for (let r = 0; r < h.rows; r++) {
    let s = 0;
    for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) s ^= x[h.rowCol[e]!]!;
    bad += s;
  }
  return bad;
}
