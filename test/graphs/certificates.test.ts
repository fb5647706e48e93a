// Tests for hopcode/graphs/certificates: spectra with known answers, exact girth, 4-cycles, greedy expansion.
import { describe, expect, it } from 'vitest';
import { type BipartiteGraph, fromConstraintLists } from '../../src/graphs/bipartite-graph.js';
import { buildBiregular } from '../../src/graphs/biregular.js';
import { girth, hasFourCycle, secondSingularValue, smallSetExpansion } from '../../src/graphs/certificates.js';

/** The cycle of length 2k: inputs 0..k-1, constraint c joins inputs c and c+1 (mod k). */
function cycle(k: number): BipartiteGraph {
  return fromConstraintLists(k, Array.from({ length: k }, (_, c) => [c, (c + 1) % k]));
}

/** Complete bipartite K(a inputs, b constraints). */
function complete(a: number, b: number): BipartiteGraph {
  return fromConstraintLists(a, Array.from({ length: b }, () => Array.from({ length: a }, (_, i) => i)));
}

/** Singular values of B, descending, by cyclic Jacobi on the dense BᵀB (an independent reference). */
function denseSingularValues(g: BipartiteGraph): number[] {
  const n = g.n;
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (let c = 0; c < g.m; c++) {
    for (let e = g.chkPtr[c]!; e < g.chkPtr[c + 1]!; e++) {
      for (let f = g.chkPtr[c]!; f < g.chkPtr[c + 1]!; f++) a[g.chkVar[e]!]![g.chkVar[f]!]! += 1;
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = cs * akp - sn * akq;
          a[k]![q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = cs * apk - sn * aqk;
          a[q]![k] = sn * apk + cs * aqk;
        }
      }
    }
  }
  return a.map((row, i) => Math.sqrt(Math.max(0, row[i]!))).sort((x, y) => y - x);
}

describe('secondSingularValue', () => {
  it('a random (3,6) graph at N = 2000 is near-Ramanujan with σ₁ = √(dz)', () => {
    const g = buildBiregular({ n: 2000, d: 3, z: 6, seed: 11 });
    const s = secondSingularValue(g);
    expect(s.converged).toBe(true);
    expect(s.sigma1).toBeCloseTo(Math.sqrt(18), 6);
    expect(s.ramanujanBound).toBeCloseTo(Math.sqrt(2) + Math.sqrt(5), 12);
    expect(s.sigma2).toBeLessThanOrEqual(1.1 * s.ramanujanBound);
    expect(s.sigma2).toBeGreaterThan(0.9 * s.ramanujanBound); // a random graph sits at the bound
  });

  it('matches known spectra: cycles and complete bipartite graphs', () => {
    // B of the 2k-cycle is I + P (P a cyclic shift): singular values |1 + ω^j|.
    const c6 = secondSingularValue(cycle(3));
    expect(c6.sigma1).toBeCloseTo(2, 6);
    expect(c6.sigma2).toBeCloseTo(1, 4);
    const c8 = secondSingularValue(cycle(4));
    expect(c8.sigma2).toBeCloseTo(Math.SQRT2, 4);
    const k = secondSingularValue(complete(4, 3)); // rank one: σ₁ = √12, σ₂ = 0
    expect(k.sigma1).toBeCloseTo(Math.sqrt(12), 6);
    expect(k.sigma2).toBeLessThan(1e-5);
  });

  it('handles irregular and disconnected graphs (no all-ones assumption)', () => {
    const base = buildBiregular({ n: 120, d: 3, z: 6, seed: 2, girth6: false });
    const lists = Array.from({ length: base.m }, (_, c) =>
      Array.from(base.chkVar.subarray(base.chkPtr[c]!, base.chkPtr[c + 1]!)).filter((_, k) => (c + k) % 5 !== 0),
    );
    const irregular = fromConstraintLists(base.n, lists);
    const want = denseSingularValues(irregular);
    const got = secondSingularValue(irregular);
    expect(Math.abs(got.sigma1 - want[0]!) / want[0]!).toBeLessThan(1e-6);
    expect(Math.abs(got.sigma2 - want[1]!) / want[1]!).toBeLessThan(1e-3);
    // Two disjoint 6-cycles: the top singular value is doubled, so σ₂ = σ₁ = 2.
    const twin = fromConstraintLists(6, [[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3]]);
    expect(secondSingularValue(twin).sigma2).toBeCloseTo(2, 4);
  });

  it('is deterministic for a seed', () => {
    const g = buildBiregular({ n: 600, d: 5, z: 10, seed: 4 });
    expect(secondSingularValue(g, { seed: 9 })).toEqual(secondSingularValue(g, { seed: 9 }));
  });
});

describe('girth and 4-cycles', () => {
  it('is exact on cycles and complete bipartite graphs', () => {
    expect(girth(cycle(3))).toEqual({ girth: 6, exact: true, sources: 3 });
    expect(girth(cycle(4)).girth).toBe(8);
    expect(girth(complete(3, 2)).girth).toBe(4);
    expect(girth(fromConstraintLists(3, [[0, 1], [1, 2]])).girth).toBe(Infinity); // a path
    expect(girth(fromConstraintLists(2, [[0, 1, 0]])).girth).toBe(2); // repeated edge
    expect(hasFourCycle(cycle(3))).toBe(false);
    expect(hasFourCycle(cycle(2))).toBe(true); // the 4-cycle v0–c0–v1–c1
    expect(hasFourCycle(complete(2, 2))).toBe(true);
  });

  it('an 8-cycle with a chord through a new constraint has girth 6', () => {
    // 8-cycle v0..v3 plus constraint {v0, v2}: closes v0–c0–v1–c1–v2–c4–v0.
    const g = fromConstraintLists(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);
    expect(girth(g).girth).toBe(6);
  });

  it('buildBiregular with girth6 has no 4-cycle and girth ≥ 6', () => {
    const g = buildBiregular({ n: 4000, d: 5, z: 10, seed: 3, girth6: true });
    expect(hasFourCycle(g)).toBe(false);
    const r = girth(g);
    expect(r.exact).toBe(true);
    expect(r.sources).toBe(4000);
    expect(r.girth).toBeGreaterThanOrEqual(6);
  });

  it('buildBiregular with girth6: false at small N has 4-cycles', () => {
    const g = buildBiregular({ n: 60, d: 5, z: 10, seed: 3, girth6: false });
    expect(hasFourCycle(g)).toBe(true);
    expect(girth(g)).toEqual({ girth: 4, exact: true, sources: 60 });
  });

  it('a sampled search gives an upper bound, made exact by the 4-cycle test', () => {
    const g = buildBiregular({ n: 3000, d: 3, z: 6, seed: 8 });
    const sampled = girth(g, { maxSources: 50, seed: 1 });
    expect(sampled.sources).toBe(50);
    expect(sampled.girth).toBeGreaterThanOrEqual(girth(g).girth);
    if (sampled.girth === 6) expect(sampled.exact).toBe(true);
    const loose = girth(cycle(40), { maxSources: 5 }); // girth 80: no floor to prove it
    expect(loose).toEqual({ girth: 80, exact: false, sources: 5 });
  });
});

describe('smallSetExpansion', () => {
  it('reports a ratio in (0, 1] at a size in 2..maxSize', () => {
    const g = buildBiregular({ n: 2000, d: 3, z: 6, seed: 5 });
    const r = smallSetExpansion(g, { seed: 1 });
    expect(r.minRatio).toBeGreaterThan(0);
    expect(r.minRatio).toBeLessThanOrEqual(1);
    expect(r.atSize).toBeGreaterThanOrEqual(2);
    expect(r.atSize).toBeLessThanOrEqual(64);
    expect(r.samples).toBe(32);
    expect(smallSetExpansion(g, { seed: 1 })).toEqual(r);
  });

  it('finds the poor expansion of a complete bipartite graph exactly', () => {
    // Every input of K(6, 4) sees all 4 constraints: |N(S)| / (4·|S|) = 1/|S|.
    const r = smallSetExpansion(complete(6, 4), { maxSize: 5, samples: 3 });
    expect(r.minRatio).toBeCloseTo(1 / 5, 12);
    expect(r.atSize).toBe(5);
  });

  it('at size 2 a graph of girth ≥ 6 gives exactly (2d − 1)/(2d)', () => {
    // In a graph of girth ≥ 6 two inputs share at most one constraint: ratio at size 2 is (2d − 1)/(2d).
    const g = buildBiregular({ n: 1000, d: 3, z: 6, seed: 6 });
    expect(smallSetExpansion(g, { maxSize: 2 }).minRatio).toBeCloseTo(5 / 6, 12);
  });

  it('rejects bad options with a clear message', () => {
    const g = cycle(10);
    expect(() => smallSetExpansion(g, { maxSize: 1 })).toThrow(/^hopcode\/certificates: maxSize/);
    expect(() => girth(g, { maxSources: 0 })).toThrow(/^hopcode\/certificates: maxSources/);
    expect(() => secondSingularValue(g, { iterations: 1.5 })).toThrow(/^hopcode\/certificates: iterations/);
  });
});
