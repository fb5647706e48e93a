/**
 * Binomial intervals against published values (R's binom.test / binom.confint), the
 * incomplete beta against closed forms, and threshold crossings.
 */
import { describe, expect, it } from 'vitest';
import { bitErrorRate, clopperPearson, crossing, frameErrorRate, lnGamma, regularizedBeta, wilson } from '../../src/sim/stats.js';

describe('regularised incomplete beta', () => {
  it('matches closed forms', () => {
    // I_x(1, b) = 1 − (1 − x)^b;  I_x(a, 1) = x^a;  I_½(a, a) = ½
    for (const x of [0.01, 0.3, 0.77, 0.999]) {
      expect(regularizedBeta(x, 1, 7)).toBeCloseTo(1 - (1 - x) ** 7, 12);
      expect(regularizedBeta(x, 5, 1)).toBeCloseTo(x ** 5, 12);
    }
    expect(regularizedBeta(0.5, 40, 40)).toBeCloseTo(0.5, 12);
    // binomial tail: P(X ≤ 5 | n = 100, p = 0.05) = 1 − I_p(6, 95) = 0.6159991
    expect(1 - regularizedBeta(0.05, 6, 95)).toBeCloseTo(0.6159991, 6);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
  });
});

describe('Clopper–Pearson', () => {
  it('k = 0, n = 100: [0, 0.0362]', () => {
    const [lo, hi] = clopperPearson(0, 100);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(1 - 0.025 ** (1 / 100), 10);
    expect(hi).toBeCloseTo(0.0362, 4);
  });

  it('k = 5, n = 100: [0.0164, 0.1128]', () => {
    const [lo, hi] = clopperPearson(5, 100);
    expect(lo).toBeCloseTo(0.01643, 4);
    expect(hi).toBeCloseTo(0.11284, 4);
  });

  it('k = n and large n stay sane', () => {
    expect(clopperPearson(10, 10)).toEqual([expect.closeTo(0.025 ** (1 / 10), 10), 1]);
    const [lo, hi] = clopperPearson(100, 1_000_000);
    expect(lo).toBeGreaterThan(8e-5);
    expect(hi).toBeLessThan(1.22e-4);
    expect(lo).toBeLessThan(1e-4);
    expect(() => clopperPearson(5, 4)).toThrow(/^hopcode\/stats/);
  });
});

describe('Wilson', () => {
  it('k = 5, n = 100: [0.0215, 0.1118]', () => {
    const [lo, hi] = wilson(5, 100);
    expect(lo).toBeCloseTo(0.02154, 4);
    expect(hi).toBeCloseTo(0.11175, 4);
    expect(wilson(0, 100)[0]).toBe(0);
  });
});

describe('rates and crossings', () => {
  it('FER and BER', () => {
    expect(frameErrorRate(3, 300)).toBe(0.01);
    expect(bitErrorRate(10, 10, 1000)).toBe(0.001);
    expect(frameErrorRate(0, 0)).toBeNaN();
  });

  it('log-linear interpolation on a rising curve', () => {
    const pts = [
      { noise: 0.05, rate: 1e-3 },
      { noise: 0.03, rate: 0 },
      { noise: 0.06, rate: 1e-1 },
      { noise: 0.07, rate: 0.9 },
    ];
    expect(crossing(pts, 1e-2)).toBeCloseTo(0.055, 12);
    expect(crossing(pts, 1e-3)).toBe(0.05);
    expect(crossing(pts, 1e-5)).toBeUndefined();
  });

  it('falling curves (Eb/N0) cross too', () => {
    const pts = [
      { noise: 1, rate: 0.5 },
      { noise: 2, rate: 0.05 },
      { noise: 3, rate: 0.0005 },
    ];
    expect(crossing(pts, 0.005)).toBeCloseTo(2.5, 12);
    expect(() => crossing(pts, 0)).toThrow(/^hopcode\/stats/);
  });
});
