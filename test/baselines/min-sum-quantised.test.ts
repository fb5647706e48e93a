/**
 * Fast fixed-point min-sum (baselines/min-sum-quantised) against its naive twin and the
 * float reference (baselines/min-sum).
 *
 * 1. Identical decisions, iteration counts and convergence flags to the naive
 *    quantised reference (min-sum-quantised-reference) on the same quantisation, for
 *    both schedules, the unrolled and the generic kernels, normalised and offset
 *    variants, a small saturation (msgMax = 15, so clamps are exercised), BSC and AWGN
 *    frames, the regular (3,6) N = 1008 test code and an irregular random H.
 * 2. Statistics: on the same 200 BSC frames at p = 0.072 (FER ≈ 0.1–0.4 at N = 1008),
 *    quantised flooding and the float flooding reference have overlapping Clopper–Pearson
 *    95 % intervals (the quantisation costs nothing visible), and layered needs fewer
 *    iterations on average. At least 20 errors are required of the float decoder, so the
 *    comparison is not between two zeros.
 */
import { describe, expect, it } from 'vitest';
import { MinSumDecoder, llrFromHard } from '../../src/baselines/min-sum.js';
import { QuantisedMinSumDecoder, quantiseLlr, quantisedParams, type QuantisedMinSumOptions } from '../../src/baselines/min-sum-quantised.js';
import { quantisedMinSumReference } from '../../src/baselines/min-sum-quantised-reference.js';
import { AwgnChannel } from '../../src/channels/awgn.js';
import type { SparseGf2 } from '../../src/codes/tanner-code.js';
import { SystematicEncoder } from '../../src/codes/systematic-encoder.js';
import { clopperPearson } from '../../src/sim/stats.js';
import { Rng } from '../../src/util/rng.js';
import { irregularH, regularH } from '../helpers/parity-checks.js';

const regular = regularH();

const irregular = irregularH;

function bscSteps(n: number, p: number, level: number, rng: Rng): Int32Array {
  const lq = new Int32Array(n);
  for (let i = 0; i < n; i++) lq[i] = rng.double() < p ? -level : level;
  return lq;
}

describe('quantised min-sum: fast kernel = naive twin', () => {
  const codes: [string, SparseGf2][] = [
    ['regular (3,6) N=1008', regular],
    ['irregular N=300', irregular(300, 150, 7)],
  ];
  const variants: QuantisedMinSumOptions[] = [
    { schedule: 'layered' },
    { schedule: 'layered', unroll: false },
    { schedule: 'flooding' },
    { schedule: 'layered', alpha: 1, offset: 0.5, msgMax: 15, step: 0.5 },
    { schedule: 'flooding', alpha: 0.75, offset: 0.25, msgMax: 15, step: 0.5, maxIterations: 20 },
  ];
  for (const [name, h] of codes) {
    // The irregular code (generic loop paths) with three of the variants keeps the test cheap.
    for (const v of h === regular ? variants : [variants[0]!, variants[2]!, variants[4]!]) {
      it(`${name}, ${JSON.stringify(v)}: identical decisions, iterations and flags on BSC and AWGN frames`, () => {
        const fast = new QuantisedMinSumDecoder(h, v);
        const p = quantisedParams(v);
        const rng = Rng.stream(3, 0x71);
        const awgn = new AwgnChannel(1.5, 0.5);
        let nonTrivial = 0;
        let failures = 0;
        for (let f = 0; f < 8; f++) {
          let lq: Int32Array;
          if (f % 2 === 0) lq = bscSteps(h.cols, 0.06 + 0.005 * f, Math.min(p.msgMax, Math.round(2.5 / p.step)), rng);
          else {
            const rx = awgn.transmit(new Uint8Array(h.cols), rng);
            lq = Int32Array.from(rx.llr, (l) => quantiseLlr(p, l));
          }
          const a = fast.decodeSteps(lq);
          const b = quantisedMinSumReference(h, lq, v);
          expect(a.sweeps).toBe(b.sweeps);
          expect(a.converged).toBe(b.converged);
          expect(Buffer.from(a.state).equals(Buffer.from(b.state))).toBe(true);
          if (a.sweeps > 1) nonTrivial++;
          if (!a.converged) failures++;
        }
        // The frames must make the decoder work (several iterations), or the test says little.
        expect(nonTrivial).toBeGreaterThanOrEqual(3);
        void failures;
      });
    }
  }

  it('decode (float LLRs) and decodeHard quantise as documented', () => {
    const dec = new QuantisedMinSumDecoder(regular, {});
    const p = dec.params;
    expect([quantiseLlr(p, 0.124), quantiseLlr(p, 0.125), quantiseLlr(p, -0.125), quantiseLlr(p, 1e9), quantiseLlr(p, -Infinity)]).toEqual([0, 1, -1, 127, -127]);
    const y = new Uint8Array(regular.cols);
    y[5] = 1;
    y[700] = 1;
    const hard = dec.decodeHard(y, 12);
    expect(hard.converged).toBe(true);
    expect(hard.state.every((b) => b === 0)).toBe(true);
    const soft = dec.decode(llrFromHard(y, 0.05));
    expect(soft.sweeps).toBe(hard.sweeps);
    expect(() => dec.decode(new Float64Array(3))).toThrow(/^hopcode\/min-sum: got 3 LLRs/);
    expect(() => new QuantisedMinSumDecoder(regular, { schedule: 'zigzag' as 'layered' })).toThrow(/^hopcode\/min-sum: schedule/);
    expect(() => new QuantisedMinSumDecoder(regular, { offset: -1 })).toThrow(/^hopcode\/min-sum: offset/);
  });
});

describe('quantised min-sum: FER within the float reference’s confidence bounds', () => {
  it('BSC p = 0.072, 200 random codewords, N = 1008', () => {
    const enc = new SystematicEncoder(regular);
    const p = 0.072;
    const flt = new MinSumDecoder(regular, { maxIterations: 50, alpha: 0.8 });
    const flood = new QuantisedMinSumDecoder(regular, { schedule: 'flooding', maxIterations: 50, alpha: 0.8 });
    const layer = new QuantisedMinSumDecoder(regular, { schedule: 'layered', maxIterations: 50, alpha: 0.8 });
    const level = quantiseLlr(flood.params, Math.log((1 - p) / p));
    const frames = 200;
    const errors = [0, 0, 0];
    const iters = [0, 0, 0];
    for (let f = 0; f < frames; f++) {
      const rng = Rng.stream(11, f);
      const info = new Uint8Array(enc.k);
      for (let i = 0; i < enc.k; i++) info[i] = rng.next() & 1;
      const x = enc.encode(info);
      const y = Uint8Array.from(x, (b) => b ^ (rng.double() < p ? 1 : 0));
      const rs = [flt.decode(llrFromHard(y, p)), flood.decodeHard(y, level), layer.decodeHard(y, level)];
      rs.forEach((r, j) => {
        iters[j]! += r.sweeps;
        if (!Buffer.from(r.state).equals(Buffer.from(x))) errors[j]!++;
      });
    }
    console.log(`min-sum N=1008 p=${p}, ${frames} frames: FE float ${errors[0]}, quantised flooding ${errors[1]}, quantised layered ${errors[2]}; mean iterations ${iters.map((s) => (s / frames).toFixed(2)).join(' / ')}`);
    expect(errors[0]).toBeGreaterThanOrEqual(20);
    const [lo0, hi0] = clopperPearson(errors[0]!, frames);
    for (const e of [errors[1]!, errors[2]!]) {
      const [lo, hi] = clopperPearson(e, frames);
      expect(lo).toBeLessThanOrEqual(hi0);
      expect(hi).toBeGreaterThanOrEqual(lo0);
    }
    expect(iters[2]!).toBeLessThan(iters[1]!);
  });
});
