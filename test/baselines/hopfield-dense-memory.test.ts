/** The dense associative memory (modern Hopfield): recall far beyond the classic capacity. */
import { describe, expect, it } from 'vitest';
import { DenseAssociativeMemory, denseExpTheoryLog2PerN, denseRecoveryRate, measureDenseCapacity, randomPatternMatrix } from '../../src/baselines/dense-associative-memory.js';
import { measureHebbianCapacity } from '../../src/baselines/hopfield-classic.js';
import { Rng } from '../../src/util/rng.js';

describe('DenseAssociativeMemory', () => {
  it('recalls patterns from noisy cues with many more patterns than N (exp, async and Ramsauer sync)', () => {
    const n = 48;
    const x = randomPatternMatrix(Rng.stream(1, 1), 500, n);
    for (const schedule of ['async', 'sync'] as const) {
      const mem = new DenseAssociativeMemory(n, x);
      const rng = Rng.stream(1, 2);
      for (let mu = 0; mu < 20; mu++) {
        const target = x.subarray(mu * n, (mu + 1) * n);
        const cue = Int8Array.from(target, (v) => (rng.double() < 0.05 ? -v : v));
        expect(Array.from(mem.recall(cue, { schedule, seed: 1, frame: mu }).state)).toEqual(Array.from(target));
      }
    }
  });

  it('works with the polynomial separation function', () => {
    expect(denseRecoveryRate({ n: 64, p: 0.05, patterns: 200, trials: 20, seed: 2, separation: { kind: 'poly', degree: 3 } })).toBeGreaterThanOrEqual(0.9);
  });

  it('stores many more patterns than the classic network at small N', () => {
    const n = 16;
    const dense = measureDenseCapacity({ n, p: 0, trials: 40, seed: 1, maxPatterns: 2048 });
    const classic = measureHebbianCapacity({ n, p: 0, trials: 40, seed: 1 });
    expect(dense.capacity).toBeGreaterThan(20 * Math.max(classic.capacity, 1));
    expect(dense.log2PerN).toBeGreaterThan(0.3);
  });

  it('states its storage cost: one hidden unit and N weights per pattern', () => {
    const mem = new DenseAssociativeMemory(10, randomPatternMatrix(Rng.stream(3, 1), 7, 10));
    expect(mem.hiddenUnits).toBe(7);
    expect(mem.weightBitsPerPattern()).toBe(10);
    expect(mem.weightBitsPerPattern(32)).toBe(320);
    expect(denseExpTheoryLog2PerN(0)).toBeCloseTo(0.5, 10);
  });

  it('rejects bad input with the module name', () => {
    expect(() => new DenseAssociativeMemory(4, new Int8Array(6))).toThrow(/hopcode\/dense-memory/);
    expect(() => new DenseAssociativeMemory(2, Int8Array.of(1, 0))).toThrow(/expected ±1/);
  });
});
