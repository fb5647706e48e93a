/**
 * hopcode/baselines/tanner-edges — H compiled into edge-indexed arrays for message passing.
 *
 * Edges are numbered in H's CSR row order, so check c owns edges
 * chkPtr[c] .. chkPtr[c+1]−1 and edgeVar[e] is the bit on edge e. The variable side
 * lists, for bit v, its edges varEdge[varPtr[v] .. varPtr[v+1]−1]. A message array of
 * length E is then shared by both half-iterations without copies (STYLE.md §1:
 * kernels see typed arrays only).
 */
import type { SparseGf2 } from '../codes/tanner-code.js';

export interface TannerEdges {
  readonly n: number;
  readonly m: number;
  readonly edges: number;
  readonly chkPtr: Int32Array;
  readonly edgeVar: Int32Array;
  readonly varPtr: Int32Array;
  readonly varEdge: Int32Array;
}

/** Compile H (rows = checks) into edge arrays; validates column indices. */
export function compileEdges(h: SparseGf2): TannerEdges {
  const n = h.cols;
  const m = h.rows;
  const edges = h.rowPtr[m]!;
  if (h.rowPtr.length !== m + 1 || h.rowCol.length < edges) throw new Error('hopcode/baselines: the parity-check matrix CSR arrays are inconsistent');
  const varPtr = new Int32Array(n + 1);
  for (let e = 0; e < edges; e++) {
    const v = h.rowCol[e]!;
    if (v < 0 || v >= n) throw new Error(`hopcode/baselines: H names column ${v}, outside 0..${n - 1}`);
    varPtr[v + 1]!++;
  }
  for (let v = 0; v < n; v++) varPtr[v + 1]! += varPtr[v]!;
  const fill = varPtr.slice(0, n);
  const varEdge = new Int32Array(edges);
  for (let e = 0; e < edges; e++) varEdge[fill[h.rowCol[e]!]!++] = e;
  return { n, m, edges, chkPtr: h.rowPtr, edgeVar: h.rowCol.subarray(0, edges), varPtr, varEdge };
}

/** True when every check of H is satisfied by the 0/1 vector x. */
export function syndromeIsZero(t: TannerEdges, x: Uint8Array): boolean {
  for (let c = 0; c < t.m; c++) {
    let s = 0;
    for (let e = t.chkPtr[c]!; e < t.chkPtr[c + 1]!; e++) s ^= x[t.edgeVar[e]!]!;
    if (s) return false;
  }
  return true;
}

/** Result shape shared with the network's decoders (reference-dynamics DecodeResult). */
export interface BaselineResult {
  /** The decoded word. */
  state: Uint8Array;
  /** The syndrome reached zero before the iteration cap (early stop). */
  converged: boolean;
  /** Iterations run (0 when the received word already satisfies H). */
  sweeps: number;
  /** H · state = 0. For these decoders identical to `converged`. */
  isStoredState: boolean;
}
