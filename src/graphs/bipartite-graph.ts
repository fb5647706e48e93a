/**
 * hopcode/graphs — the kernel form of a bipartite (Tanner) graph.
 *
 * Inputs (variables) 0..n-1 and constraints (checks) 0..m-1. Edges are numbered in
 * constraint order: constraint c owns edges chkPtr[c] .. chkPtr[c+1]-1, and the
 * edge's position inside the constraint (k in DESIGN.md §1, the index into the local
 * pattern) is e - chkPtr[c]. The reverse direction lists, for each input, the edges
 * it sits on (in ascending constraint order). Kernels see only these typed arrays.
 */

export interface BipartiteGraph {
  /** Number of input neurons N. */
  readonly n: number;
  /** Number of constraint nodes M. */
  readonly m: number;
  /** CSR offsets of constraints, length m + 1. */
  readonly chkPtr: Int32Array;
  /** Input index of each edge, in constraint order (length = edges). */
  readonly chkVar: Int32Array;
  /** CSR offsets of inputs, length n + 1. */
  readonly varPtr: Int32Array;
  /** Edge indices of each input, in input order (length = edges). */
  readonly varEdge: Int32Array;
  /** Constraint of each edge (length = edges). */
  readonly edgeChk: Int32Array;
}

/** Number of edges of the graph. */
export function edgeCount(g: BipartiteGraph): number {
  return g.chkVar.length;
}

/**
 * Compile constraint neighbourhoods (an ordered list of input indices per
 * constraint) into the CSR kernel form.
 */
export function fromConstraintLists(n: number, lists: readonly (readonly number[])[]): BipartiteGraph {
  const m = lists.length;
  const chkPtr = new Int32Array(m + 1);
  for (let c = 0; c < m; c++) chkPtr[c + 1] = chkPtr[c]! + lists[c]!.length;
  const chkVar = new Int32Array(chkPtr[m]!);
  for (let c = 0; c < m; c++) chkVar.set(lists[c]!, chkPtr[c]!);
  return fromCsr(n, chkPtr, chkVar);
}

/** Build the reverse index from constraint-side CSR arrays, validating indices. */
export function fromCsr(n: number, chkPtr: Int32Array, chkVar: Int32Array): BipartiteGraph {
  const m = chkPtr.length - 1;
  const edges = chkVar.length;
  if (!Number.isInteger(n) || n < 1) throw new Error(`hopcode/graphs: n must be a positive integer, got ${n}`);
  if (m < 0 || chkPtr[0] !== 0 || chkPtr[m] !== edges) {
    throw new Error('hopcode/graphs: constraint offsets do not match the edge count');
  }
  const edgeChk = new Int32Array(edges);
  const varPtr = new Int32Array(n + 1);
  for (let c = 0; c < m; c++) {
    const lo = chkPtr[c]!;
    const hi = chkPtr[c + 1]!;
    if (hi < lo) throw new Error(`hopcode/graphs: constraint ${c} has negative length`);
    for (let e = lo; e < hi; e++) {
      const v = chkVar[e]!;
      if (v < 0 || v >= n) throw new Error(`hopcode/graphs: constraint ${c} names input ${v}, outside 0..${n - 1}`);
      edgeChk[e] = c;
      varPtr[v + 1]!++;
    }
  }
  for (let v = 0; v < n; v++) varPtr[v + 1]! += varPtr[v]!;
  const fill = varPtr.slice(0, n);
  const varEdge = new Int32Array(edges);
  for (let e = 0; e < edges; e++) varEdge[fill[chkVar[e]!]!++] = e;
  return { n, m, chkPtr, chkVar, varPtr, varEdge, edgeChk };
}

/** Degrees of inputs and of constraints; `regular` when each side has one degree. */
export function degrees(g: BipartiteGraph): { varDegrees: Int32Array; chkDegrees: Int32Array; d: number; z: number; regular: boolean } {
  const varDegrees = new Int32Array(g.n);
  const chkDegrees = new Int32Array(g.m);
  for (let v = 0; v < g.n; v++) varDegrees[v] = g.varPtr[v + 1]! - g.varPtr[v]!;
  for (let c = 0; c < g.m; c++) chkDegrees[c] = g.chkPtr[c + 1]! - g.chkPtr[c]!;
  const d = Math.max(0, ...varDegrees.subarray(0, Math.min(g.n, 1)));
  const z = Math.max(0, ...chkDegrees.subarray(0, Math.min(g.m, 1)));
  const regular = varDegrees.every((x) => x === d) && chkDegrees.every((x) => x === z);
  return { varDegrees, chkDegrees, d, z, regular };
}

/** True when no constraint lists the same input twice. */
export function isSimple(g: BipartiteGraph): boolean {
  const mark = new Int32Array(g.n).fill(-1);
  for (let c = 0; c < g.m; c++) {
    for (let e = g.chkPtr[c]!; e < g.chkPtr[c + 1]!; e++) {
      const v = g.chkVar[e]!;
      if (mark[v] === c) return false;
      mark[v] = c;
    }
  }
  return true;
}
