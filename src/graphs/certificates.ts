/**
 * hopcode/graphs/certificates — expansion certificates measured on a built graph, never assumed.
 *
 * DESIGN.md §1: the graph must be a good expander, and the builder must measure it.
 * Three measurements, each on the kernel CSR form:
 * - spectral: the singular values of the M×N biadjacency B. For a (d, z)-biregular graph
 *   σ₁ = √(d·z), and the expander mixing lemma bounds edge counts between sets by σ₂; a
 *   random biregular graph has σ₂ → √(d−1) + √(z−1) (the bipartite Ramanujan bound,
 *   Brito–Dumitriu–Harris 2022), so σ₂ / bound ≈ 1 certifies a near-optimal expander.
 * - girth: the shortest cycle (decoders on graphs without 4-cycles do much better, §1).
 * - small-set vertex expansion |N(S)| / (d·|S|) of greedily grown worst-case-ish sets.
 */
import BitSet from 'bitset';
import { Rng } from '../util/rng.js';
import { type BipartiteGraph, isSimple } from './bipartite-graph.js';

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`hopcode/certificates: ${name} must be a positive integer, got ${v}`);
  return v;
}

/** Largest input degree and largest constraint degree (works for irregular graphs). */
function maxDegrees(g: BipartiteGraph): { d: number; z: number } {
  let d = 0;
  let z = 0;
  for (let v = 0; v < g.n; v++) d = Math.max(d, g.varPtr[v + 1]! - g.varPtr[v]!);
  for (let c = 0; c < g.m; c++) z = Math.max(z, g.chkPtr[c + 1]! - g.chkPtr[c]!);
  return { d, z };
}

/** out = BᵀB x, using the scratch M-vector y = B x. */
function applyBtB(g: BipartiteGraph, x: Float64Array, y: Float64Array, out: Float64Array): void {
  const { chkPtr, chkVar, varPtr, varEdge, edgeChk } = g;
  for (let c = 0; c < g.m; c++) {
    let s = 0;
    for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s += x[chkVar[e]!]!;
    y[c] = s;
  }
  for (let v = 0; v < g.n; v++) {
    let s = 0;
    for (let j = varPtr[v]!; j < varPtr[v + 1]!; j++) s += y[edgeChk[varEdge[j]!]!]!;
    out[v] = s;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** x ← x − (x·u)u for a unit vector u. */
function deflate(x: Float64Array, u: Float64Array): void {
  const p = dot(x, u);
  for (let i = 0; i < x.length; i++) x[i]! -= p * u[i]!;
}

/** Scale x to unit length; returns its former norm. */
function normalise(x: Float64Array): number {
  const r = Math.sqrt(dot(x, x));
  for (let i = 0; r > 0 && i < x.length; i++) x[i]! /= r;
  return r;
}

/** Largest eigenvalue of the symmetric tridiagonal (α, β) of order k, by Sturm-count bisection. */
function topTridiagonal(alpha: Float64Array, beta: Float64Array, k: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < k - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
  }
  // Sylvester: the negative LDLᵀ pivots of T − xI count the eigenvalues below x.
  const allBelow = (x: number): boolean => {
    let count = 0;
    for (let i = 0, q = 1; i < k; i++) {
      q = alpha[i]! - x - (i > 0 ? beta[i - 1]! ** 2 / (q === 0 ? 1e-300 : q) : 0);
      if (q < 0) count++;
    }
    return count === k;
  };
  for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (allBelow(mid)) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

export interface SpectralCertificate {
  /** Largest singular value of B (√(d·z) for a biregular graph). */
  sigma1: number;
  /** Second singular value of B (largest on the complement of the top singular vector). */
  sigma2: number;
  /** √(d − 1) + √(z − 1) with the largest input and constraint degrees. */
  ramanujanBound: number;
  /** False when the step cap was reached before the estimate settled. */
  converged: boolean;
}

/**
 * σ₁ and σ₂ of the biadjacency B, from the top two eigenvalues of BᵀB.
 *
 * The top vector comes from power iteration started at the all-ones vector (exact for
 * biregular graphs, and a positive start for irregular ones: Perron–Frobenius).
 * σ₂ is then the top of BᵀB restricted to that vector's complement; plain power
 * iteration there converges only like (σ₃/σ₂)^(2k), and σ₃ ≈ σ₂ at the dense spectral
 * edge of a random graph, so the Krylov space of that same power iteration is used
 * instead (Lanczos, re-projected against the top vector every step; no full
 * reorthogonalisation: lost orthogonality only duplicates converged Ritz values).
 * Projecting out a top vector with error ε moves σ₂² by at most ε²σ₁² (second order).
 * Stops when the top Ritz value has moved less than tolerance/10 (relative) over 10 steps;
 * Ritz values rise monotonically towards σ₂², so the estimate approaches σ₂ from below.
 */
export function secondSingularValue(
  g: BipartiteGraph,
  opts: { iterations?: number; seed?: number; tolerance?: number } = {},
): SpectralCertificate {
  const maxSteps = positiveInt('iterations', opts.iterations ?? 400);
  const tol = opts.tolerance ?? 1e-3;
  const { d, z } = maxDegrees(g);
  const ramanujanBound = Math.sqrt(Math.max(0, d - 1)) + Math.sqrt(Math.max(0, z - 1));
  const n = g.n;
  const y = new Float64Array(g.m);
  const u = new Float64Array(n).fill(1 / Math.sqrt(n));
  const w = new Float64Array(n);
  // Top vector: power iteration until the residual ‖Au − θu‖ is tiny relative to θ.
  let lambda1 = 0;
  let topConverged = true;
  for (let it = 0; ; it++) {
    applyBtB(g, u, y, w);
    lambda1 = dot(u, w);
    let res = 0;
    for (let i = 0; i < n; i++) res += (w[i]! - lambda1 * u[i]!) ** 2;
    if (Math.sqrt(res) <= 1e-7 * Math.max(lambda1, 1e-300)) break;
    if (normalise(w) === 0) break;
    u.set(w);
    if (it >= 5 * maxSteps) { topConverged = false; break; }
  }
  // Second: Lanczos on P·BᵀB·P with P = I − uuᵀ, from a seeded random start.
  const rng = Rng.stream(opts.seed ?? 1, 0x73766432 /* 'svd2' */, n, g.m);
  let q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = rng.double() - 0.5;
  deflate(q, u);
  let lambda2 = 0;
  let secondConverged = true;
  if (n > 1 && normalise(q) > 0) {
    let qPrev = new Float64Array(n);
    const alpha = new Float64Array(maxSteps);
    const beta = new Float64Array(maxSteps);
    const ritz = new Float64Array(maxSteps); // top Ritz value after each step
    secondConverged = false;
    for (let k = 0; k < maxSteps; k++) {
      applyBtB(g, q, y, w);
      deflate(w, u);
      const a = (alpha[k] = dot(q, w));
      const bPrev = k > 0 ? beta[k - 1]! : 0;
      for (let i = 0; i < n; i++) w[i]! -= a * q[i]! + bPrev * qPrev[i]!;
      deflate(w, u);
      const b = (beta[k] = Math.sqrt(dot(w, w)));
      lambda2 = ritz[k] = topTridiagonal(alpha, beta, k + 1);
      const settled = k >= 10 && lambda2 - ritz[k - 10]! <= (tol / 10) * Math.max(lambda2, 1e-12);
      if (b <= 1e-12 * Math.max(lambda1, 1) || settled) { secondConverged = true; break; }
      const next = qPrev;
      for (let i = 0; i < n; i++) next[i] = w[i]! / b;
      qPrev = q;
      q = next;
    }
  }
  return { sigma1: Math.sqrt(Math.max(0, lambda1)), sigma2: Math.sqrt(Math.max(0, lambda2)), ramanujanBound, converged: topConverged && secondConverged };
}

/** Girth result: `exact` is false when only a sample of inputs was searched (then an upper bound). */
export interface GirthCertificate {
  girth: number;
  exact: boolean;
  sources: number;
}

/**
 * Length of the shortest cycle. Every cycle passes through an input, and a BFS from a
 * vertex on a shortest cycle finds it exactly; from any source a non-tree edge (u, w)
 * closes a walk of length dist(u) + dist(w) + 1 containing a cycle no longer than it.
 * Each BFS stops once 2·depth reaches the best cycle so far. Repeated edges (a
 * constraint naming an input twice) are 2-cycles. With a sample of sources the value
 * is an upper bound, made exact when it equals the 4-cycle / 6-cycle floor that
 * `hasFourCycle` proves.
 */
export function girth(g: BipartiteGraph, opts: { maxSources?: number; seed?: number } = {}): GirthCertificate {
  const maxSources = positiveInt('maxSources', opts.maxSources ?? 20000);
  const { n, m, chkPtr, chkVar, varPtr, varEdge, edgeChk } = g;
  const all = n <= maxSources;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!all) Rng.stream(opts.seed ?? 1, 0x67697274 /* 'girt' */, n, m).shuffle(order);
  const sources = all ? n : maxSources;
  // Node ids: inputs 0..n-1, constraints n..n+m-1. Per-node stamp, distance and parent edge.
  const seen = new Int32Array(n + m).fill(-1);
  const dist = new Int32Array(n + m);
  const via = new Int32Array(n + m);
  const queue = new Int32Array(n + m);
  let best = Infinity;
  for (let si = 0; si < sources && best > 2; si++) {
    const s = order[si]!;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    seen[s] = si;
    dist[s] = 0;
    via[s] = -1;
    while (head < tail) {
      const x = queue[head++]!;
      const dx = dist[x]!;
      if (2 * dx >= best) break; // nothing shorter can close from here on
      const isInput = x < n;
      const lo = isInput ? varPtr[x]! : chkPtr[x - n]!;
      const hi = isInput ? varPtr[x + 1]! : chkPtr[x - n + 1]!;
      for (let j = lo; j < hi; j++) {
        const e = isInput ? varEdge[j]! : j;
        if (e === via[x]) continue;
        const y = isInput ? n + edgeChk[e]! : chkVar[e]!;
        if (seen[y] === si) {
          best = Math.min(best, dx + dist[y]! + 1);
        } else {
          seen[y] = si;
          dist[y] = dx + 1;
          via[y] = e;
          queue[tail++] = y;
        }
      }
    }
  }
  let exact = all || best === 2;
  if (!exact && (best === 4 || best === 6)) {
    // The floor below a sampled 4 or 6 is provable exactly: no repeated edge, no 4-cycle.
    if (!isSimple(g)) best = 2;
    else if (best === 6 && hasFourCycle(g)) best = 4;
    exact = true;
  }
  return { girth: best, exact, sources };
}

/**
 * Exact 4-cycle test in O(N·d·z): from each input v, mark every input reached through
 * a constraint of v with that constraint; reaching one input through two different
 * constraints closes v–c–u–c′–v. Repeated edges alone are 2-cycles, not 4-cycles.
 */
export function hasFourCycle(g: BipartiteGraph): boolean {
  const { n, chkPtr, chkVar, varPtr, varEdge, edgeChk } = g;
  const markV = new Int32Array(n).fill(-1);
  const markC = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    for (let j = varPtr[v]!; j < varPtr[v + 1]!; j++) {
      const c = edgeChk[varEdge[j]!]!;
      for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) {
        const u = chkVar[e]!;
        if (u === v) continue;
        if (markV[u] !== v) { markV[u] = v; markC[u] = c; }
        else if (markC[u] !== c) return true;
      }
    }
  }
  return false;
}

/** Smallest greedy expansion ratio found, the set size where it occurred, and the number of greedy runs. */
export interface ExpansionCertificate {
  minRatio: number;
  atSize: number;
  samples: number;
}

/**
 * Small-set vertex expansion |N(S)| / Σ_{v∈S} deg(v) (= |N(S)| / (d·|S|) when
 * biregular; 1 means every edge of S reaches a distinct constraint). Random sets
 * expand almost perfectly, so sets are grown adversarially: from a random input,
 * repeatedly add the input, among those sharing a constraint with S, that brings
 * the fewest new constraints (first such in discovery order). Sizes 2..maxSize are
 * scored; the minimum is an upper bound on the true worst-case ratio at those sizes.
 */
export function smallSetExpansion(
  g: BipartiteGraph,
  opts: { maxSize?: number; samples?: number; seed?: number } = {},
): ExpansionCertificate {
  const maxSize = opts.maxSize ?? Math.min(64, Math.max(2, Math.floor(g.n / 10)));
  const samples = positiveInt('samples', opts.samples ?? 32);
  if (!Number.isInteger(maxSize) || maxSize < 2 || maxSize > g.n) {
    throw new Error(`hopcode/certificates: maxSize must be an integer in 2..N = ${g.n}, got ${maxSize}`);
  }
  const { n, chkPtr, chkVar, varPtr, varEdge, edgeChk } = g;
  const rng = Rng.stream(opts.seed ?? 1, 0x73736578 /* 'ssex' */, n, g.m);
  const inSet = new Int32Array(n).fill(-1); // sample id when in S
  const isCand = new Int32Array(n).fill(-1); // sample id when already a candidate
  let minRatio = Infinity;
  let atSize = 0;
  for (let sample = 0; sample < samples; sample++) {
    const nbrs = new BitSet(); // N(S), over constraint indices
    const cands: number[] = [];
    let edgesOfS = 0;
    const add = (v: number): void => {
      inSet[v] = sample;
      for (let j = varPtr[v]!; j < varPtr[v + 1]!; j++) {
        const c = edgeChk[varEdge[j]!]!;
        edgesOfS++;
        nbrs.set(c, 1);
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) {
          const u = chkVar[e]!;
          if (inSet[u] !== sample && isCand[u] !== sample) { isCand[u] = sample; cands.push(u); }
        }
      }
    };
    add(rng.int(n));
    for (let size = 2; size <= maxSize; size++) {
      let pick = -1;
      let pickAt = -1;
      let fewest = Infinity;
      for (let i = 0; i < cands.length; i++) {
        const u = cands[i]!;
        let fresh = 0;
        for (let j = varPtr[u]!; j < varPtr[u + 1]!; j++) fresh += 1 - nbrs.get(edgeChk[varEdge[j]!]!);
        if (fresh < fewest) { fewest = fresh; pick = u; pickAt = i; }
      }
      if (pick < 0) break; // the component is exhausted
      cands.splice(pickAt, 1);
      add(pick);
      const ratio = edgesOfS > 0 ? nbrs.cardinality() / edgesOfS : 1;
      if (ratio < minRatio) { minRatio = ratio; atSize = size; }
    }
  }
  return { minRatio: minRatio === Infinity ? 1 : minRatio, atSize, samples };
}
