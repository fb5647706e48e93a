/** Threshold extrapolation: least squares, crossings of counted curves, bootstrap over Wilson intervals. */
import { describe, expect, it } from 'vitest';
import { curveCrossing, extrapolateCrossing, linearFit, redrawFer, type CountPoint } from '../../src/report/threshold-fit.js';
import { Rng } from '../../src/util/rng.js';

/** A synthetic waterfall: FER = logistic((p − p*)/w), counted on `frames` frames. */
function curve(pStar: number, w: number, frames: number): CountPoint[] {
  const out: CountPoint[] = [];
  for (let p = 0.01; p <= 0.09 + 1e-9; p += 0.002) {
    const fer = 1 / (1 + Math.exp(-(p - pStar) / w));
    out.push({ p, frames, frameErrors: Math.round(fer * frames) });
  }
  return out;
}

describe('linearFit', () => {
  it('recovers an exact line, with zero residual error (3 points) or none defined (2 points)', () => {
    const f = linearFit([0, 1, 2], [1, 3, 5]);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.seIntercept).toBeCloseTo(0, 12);
    expect(Number.isNaN(linearFit([0, 1], [1, 3]).seIntercept)).toBe(true);
    expect(() => linearFit([1, 1], [1, 2])).toThrow(/all equal/);
  });
});

describe('curveCrossing', () => {
  it('finds the FER ½ crossing of a counted waterfall; undefined when not bracketed', () => {
    expect(curveCrossing(curve(0.05, 0.003, 100000), 0.5)).toBeCloseTo(0.05, 3);
    expect(curveCrossing([{ p: 0.01, frames: 100, frameErrors: 90 }, { p: 0.02, frames: 100, frameErrors: 100 }], 0.5)).toBeUndefined();
  });
});

describe('redrawFer', () => {
  it('stays in (0, 1] and centres on the measured FER', () => {
    const rng = Rng.stream(7, 1);
    let sum = 0;
    for (let i = 0; i < 4000; i++) {
      const v = redrawFer({ p: 0.03, frames: 2000, frameErrors: 200 }, rng);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
      sum += v;
    }
    expect(sum / 4000).toBeCloseTo(0.1, 2);
  });
});

describe('extrapolateCrossing', () => {
  it('recovers p*∞ of synthetic curves with p*(N) = p*∞ + a/√N, and its bootstrap interval covers it', () => {
    const sizes = [1000, 4000, 16000, 64000];
    const curves = sizes.map((n) => ({ n, points: curve(0.06 - 0.5 / Math.sqrt(n), 0.2 / Math.sqrt(n) + 0.0005, 5000) }));
    const x = extrapolateCrossing(curves, { level: 0.5, resamples: 200, seed: 3 });
    expect(x.perN.every((q) => q.pStar !== undefined)).toBe(true);
    expect(x.pInf!).toBeCloseTo(0.06, 3);
    expect(x.slope!).toBeCloseTo(-0.5, 1);
    expect(x.ci![0]).toBeLessThanOrEqual(0.06 + 1e-3);
    expect(x.ci![1]).toBeGreaterThanOrEqual(0.06 - 1e-3);
    expect(x.ci![1] - x.ci![0]).toBeLessThan(0.01);
  });

  it('leaves p*∞ undefined with fewer than two bracketed sizes', () => {
    const flat = [{ p: 0.01, frames: 100, frameErrors: 100 }, { p: 0.02, frames: 100, frameErrors: 100 }];
    const x = extrapolateCrossing([{ n: 1000, points: flat }, { n: 4000, points: curve(0.05, 0.003, 1000) }]);
    expect(x.pInf).toBeUndefined();
    expect(x.perN[0]!.pStar).toBeUndefined();
  });
});
