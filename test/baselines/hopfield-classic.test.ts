/** The classic Hopfield baseline: Hebbian storage, recall, and capacity against theory. */
import { describe, expect, it } from 'vitest';
import { ClassicHopfield, corrupt, hebbianRecoveryRate, hebbianTheory, measureHebbianCapacity, overlap, randomPatterns } from '../../src/baselines/hopfield-classic.js';
import { Rng } from '../../src/util/rng.js';

describe('ClassicHopfield', () => {
  it('builds the Hebbian weights: symmetric, zero diagonal, Σ ξ_i ξ_j', () => {
    const xi = randomPatterns(Rng.stream(1, 1), 3, 20);
    const w = new ClassicHopfield(20).store(xi).weights();
    for (let i = 0; i < 20; i++) {
      expect(w[i * 20 + i]).toBe(0);
      for (let j = 0; j < 20; j++) {
        expect(w[i * 20 + j]).toBe(w[j * 20 + i]);
        if (i !== j) expect(w[i * 20 + j]).toBe(xi[0]![i]! * xi[0]![j]! + xi[1]![i]! * xi[1]![j]! + xi[2]![i]! * xi[2]![j]!);
      }
    }
  });

  it('recalls a few stored patterns exactly from noisy cues (async and sync)', () => {
    const n = 200;
    const xi = randomPatterns(Rng.stream(2, 1), 5, n);
    const net = new ClassicHopfield(n).store(xi);
    const rng = Rng.stream(2, 2);
    for (const schedule of ['async', 'sync'] as const) {
      for (const target of xi) {
        const r = net.recall(corrupt(rng, target, 0.1), { schedule, seed: 3 });
        expect(r.converged).toBe(true);
        expect(overlap(target, r.state)).toBe(1);
      }
    }
  });

  it('stops at a fixed point of the explicit weights: s_i·(W s)_i ≥ 0 for every i', () => {
    const n = 100;
    const xi = randomPatterns(Rng.stream(4, 1), 20, n);
    const net = new ClassicHopfield(n).store(xi);
    const w = net.weights();
    const r = net.recall(corrupt(Rng.stream(4, 2), xi[0]!, 0.2), { seed: 5 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let j = 0; j < n; j++) h += w[i * n + j]! * r.state[j]!;
      expect(h * r.state[i]!).toBeGreaterThanOrEqual(0);
    }
  });

  it('fails beyond capacity: at P = 0.4·N almost no pattern is recalled', () => {
    expect(hebbianRecoveryRate({ n: 100, p: 0, patterns: 40, trials: 40, seed: 1 })).toBeLessThan(0.2);
    expect(hebbianRecoveryRate({ n: 100, p: 0, patterns: 3, trials: 40, seed: 1 })).toBe(1);
  });

  it('measures a capacity near theory: ≈ N/(2 ln N) exact, ≈ 0.14·N by overlap', () => {
    const n = 200;
    const exact = measureHebbianCapacity({ n, p: 0, trials: 60, seed: 1, criterion: 'exact' });
    const ov = measureHebbianCapacity({ n, p: 0, trials: 60, seed: 1, criterion: 'overlap' });
    const th = hebbianTheory(n, 0);
    // Finite-N tolerance: ±50 % on the exact criterion, α in [0.09, 0.2] by overlap.
    expect(exact.capacity).toBeGreaterThan(0.5 * th.mceliecePattern);
    expect(exact.capacity).toBeLessThan(1.5 * th.mceliecePattern);
    expect(ov.alpha).toBeGreaterThan(0.09);
    expect(ov.alpha).toBeLessThan(0.2);
    expect(ov.capacity).toBeGreaterThan(exact.capacity);
    expect(exact.points.some((q) => q.patterns === exact.capacity && q.success >= 0.9)).toBe(true);
  });

  it('rejects bad input with the module name', () => {
    expect(() => new ClassicHopfield(10).store([new Int8Array(9)])).toThrow(/hopcode\/hopfield-classic/);
    expect(() => new ClassicHopfield(3).store([Int8Array.of(1, 0, 1)])).toThrow(/expected ±1/);
    expect(() => measureHebbianCapacity({ n: 10, p: 0.6 })).toThrow(/hopcode\/hopfield-classic/);
  });
});
