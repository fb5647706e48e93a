/** Pair-balanced d = 2 graphs: every input in 2 clusters, every cluster z inputs, every pair sharing λ or λ + 1. */
import { describe, expect, it } from 'vitest';
import { buildPairBalanced, pairBalancedSplit } from '../../src/graphs/pair-balanced.js';
import { buildBiregular } from '../../src/graphs/biregular.js';
import { buildPreset } from '../../src/network/code.js';
import { allClustersSatisfied } from '../../src/decoders/cluster-serial-reference.js';
import { masterSeed, Rng } from '../../src/util/rng.js';
import { randomStoredState } from '../helpers/random.js';

describe('pair-balanced graph', () => {
  for (const [n, z] of [[16065, 255], [2040, 255], [1260, 63], [21, 7]] as const) {
    it(`N = ${n}, z = ${z}: degrees, pair multiplicities, determinism`, () => {
      const { m, lambda, r } = pairBalancedSplit(n, z);
      const g = buildPairBalanced({ n, z, seed: 9 });
      expect(g.m).toBe(m);
      const share = new Int32Array(m * m);
      for (let i = 0; i < n; i++) {
        expect(g.varPtr[i + 1]! - g.varPtr[i]!).toBe(2);
        const a = g.edgeChk[g.varEdge[g.varPtr[i]!]!]!;
        const b = g.edgeChk[g.varEdge[g.varPtr[i]! + 1]!]!;
        expect(a).not.toBe(b);
        share[Math.min(a, b) * m + Math.max(a, b)]!++;
      }
      let extra = 0;
      for (let c = 0; c < m; c++) {
        expect(g.chkPtr[c + 1]! - g.chkPtr[c]!).toBe(z);
        expect(new Set(g.chkVar.subarray(g.chkPtr[c]!, g.chkPtr[c + 1]!)).size).toBe(z);
        for (let c2 = c + 1; c2 < m; c2++) {
          const s = share[c * m + c2]!;
          expect(s === lambda || s === lambda + 1).toBe(true);
          if (s === lambda + 1) extra++;
        }
      }
      expect(extra).toBe((m * r) / 2);
      const again = buildPairBalanced({ n, z, seed: 9 });
      expect(Array.from(again.chkVar)).toEqual(Array.from(g.chkVar));
      expect(Array.from(buildPairBalanced({ n, z, seed: 10 }).chkVar)).not.toEqual(Array.from(g.chkVar));
    });
  }

  it('impossible sizes: one line naming the problem', () => {
    expect(() => pairBalancedSplit(100, 7)).toThrow(/z = 7 must divide 2N = 200/);
    expect(() => pairBalancedSplit(16002, 63)).toThrow(/more than z \+ 1 = 64: pairs would share no input/);
    expect(() => pairBalancedSplit(7, 7)).toThrow(/at least 3 clusters/);
    expect(pairBalancedSplit(20, 8)).toEqual({ m: 5, lambda: 2, r: 0 });
    expect(pairBalancedSplit(45, 10)).toEqual({ m: 9, lambda: 1, r: 2 });
  });

  it('opt-in: bch255-239-d2-pairs is built on it (stored states encode), bch255-239-d2 keeps the configuration model', () => {
    const pairs = buildPreset({ preset: 'bch255-239-d2-pairs', n: 2040, seed: 4 });
    expect(Array.from(pairs.graph.chkVar)).toEqual(Array.from(buildPairBalanced({ n: 2040, z: 255, seed: masterSeed(4) }).chkVar));
    expect(pairs.designRate).toBeCloseTo(1 - (2 * 16) / 255, 12);
    const rng = Rng.stream(4, 1);
    for (let f = 0; f < 2; f++) expect(allClustersSatisfied(pairs.network, randomStoredState(pairs, rng))).toBe(true);
    const plain = buildPreset({ preset: 'bch255-239-d2', n: 2040, seed: 4 });
    expect(Array.from(plain.graph.chkVar)).toEqual(Array.from(buildBiregular({ n: 2040, d: 2, z: 255, seed: masterSeed(4), girth6: false }).chkVar));
    expect(() => buildPreset({ preset: 'bch255-239-d2-pairs', n: 40000, seed: 4 })).toThrow(/pairs would share no input/);
  });
});
