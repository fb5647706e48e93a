/**
 * WebAssembly SIMD layered min-sum (baselines/min-sum-simd, 16 frames per v128) = the naive
 * fixed-point twin (baselines/min-sum-quantised-reference) frame by frame: decisions,
 * iteration counts and convergence, on the regular (3,6) N = 1008 test code and an
 * irregular random H (check degrees 0..12), for default, offset and small-saturation
 * parameters and a partial lane mask. Every lane is also compared with the scalar kernel
 * (itself tested against the twin). The .wasm file is built by `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { QuantisedMinSumDecoder, type QuantisedMinSumOptions } from '../../src/baselines/min-sum-quantised.js';
import { quantisedMinSumReference } from '../../src/baselines/min-sum-quantised-reference.js';
import { SimdMinSumDecoder } from '../../src/baselines/min-sum-simd.js';
import type { SparseGf2 } from '../../src/codes/tanner-code.js';
import { Rng } from '../../src/util/rng.js';
import { irregularH, regularH } from '../helpers/parity-checks.js';

const regular = regularH();

const irregular = irregularH;

describe('SIMD min-sum = naive fixed-point twin, frame by frame', () => {
  it('the kernel is built and loads', () => {
    expect(SimdMinSumDecoder.available()).toBe(true);
  });

  const cases: [string, SparseGf2, QuantisedMinSumOptions, number][] = [
    ['regular (3,6), defaults', regular, {}, 0xffff],
    ['regular (3,6), offset 0.5, α = 1, msgMax 15, partial lanes', regular, { alpha: 1, offset: 0.5, msgMax: 15, step: 0.5, maxIterations: 25 }, 0x5a3c],
    ['irregular N=300, α = 0.75', irregular(300, 150, 7), { alpha: 0.75, maxIterations: 30 }, 0xffff],
  ];
  for (const [name, h, opts, lanes] of cases) {
    it(name, () => {
      const simd = new SimdMinSumDecoder(h, opts);
      const scalar = new QuantisedMinSumDecoder(h, { msgMax: 63, ...opts });
      const p = simd.params;
      const rng = Rng.stream(4, 0x73);
      const n = h.cols;
      let late = 0;
      for (let g = 0; g < 2; g++) {
        const lq = new Int32Array(n * 16);
        const level = Math.min(p.msgMax, Math.round(2.5 / p.step));
        // Noise rising across lanes: early, late and failed decodes in one group.
        for (let v = 0; v < n; v++) for (let j = 0; j < 16; j++) lq[v * 16 + j] = rng.double() < 0.03 + 0.004 * j ? -level : level;
        simd.input.set(Int8Array.from(lq));
        const r = simd.decodeGroup(lanes);
        for (let j = 0; j < 16; j++) {
          if (!((lanes >>> j) & 1)) continue;
          const one = Int32Array.from({ length: n }, (_, v) => lq[v * 16 + j]!);
          const refs = [scalar.decodeSteps(one)];
          if (j % 4 === g) refs.push(quantisedMinSumReference(h, one, { msgMax: 63, ...opts }));
          const mine = Uint8Array.from({ length: n }, (_, v) => (r.dec[v]! >>> j) & 1);
          for (const s of refs) {
            expect(r.sweeps[j]).toBe(s.sweeps);
            expect(((r.converged >>> j) & 1) === 1).toBe(s.converged);
            expect(Buffer.from(mine).equals(Buffer.from(s.state))).toBe(true);
          }
          if (refs[0]!.sweeps > 3) late++;
        }
      }
      expect(late).toBeGreaterThanOrEqual(3);
    });
  }

  it('refuses what it cannot run', () => {
    expect(() => new SimdMinSumDecoder(regular, { schedule: 'flooding' })).toThrow(/^hopcode\/min-sum: the SIMD kernel runs the layered schedule only/);
    expect(() => new SimdMinSumDecoder(regular, { msgMax: 100 })).toThrow(/^hopcode\/min-sum: the SIMD kernel needs msgMax ≤ 63/);
  });
});
