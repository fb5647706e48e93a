/**
 * Bit-sliced Gallager B (baselines/gallager-bitsliced) = the per-frame decoder
 * (baselines/bit-flipping GallagerBDecoder), lane by lane: decoded word, iteration count
 * and convergence of every frame, on the regular (3,6) N = 1008 test code (the d = 3
 * fast path) and an irregular random H (degrees 2..5, the generic counter path; with an
 * empty check appended also the generic check and syndrome loops), for
 * both decision rules, a non-default threshold and a partial lane mask. Noise levels
 * straddle the threshold so that some lanes converge early, some late, some never.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GallagerBDecoder, decisionFlipsAt, type GallagerBOptions } from '../../src/baselines/bit-flipping.js';
import { BitslicedGallagerB } from '../../src/baselines/gallager-bitsliced.js';
import { parseAlist } from '../../src/codes/alist.js';
import type { SparseGf2 } from '../../src/codes/tanner-code.js';
import { Rng } from '../../src/util/rng.js';

const ALIST = 'test/data/ldpc-3-6-n1008-seed1.alist';
const regular = parseAlist(readFileSync(ALIST, 'utf8'), ALIST);

/** Random H, column weights 2..5, uneven row weights. */
function irregular(n: number, m: number, seed: number): SparseGf2 {
  const rng = Rng.stream(seed, 0x6762);
  const rows: number[][] = Array.from({ length: m }, () => []);
  for (let v = 0; v < n; v++) {
    const picked = new Set<number>();
    const d = 2 + rng.int(4);
    while (picked.size < d) picked.add(rng.int(m));
    for (const c of picked) rows[c]!.push(v);
  }
  const rowPtr = new Int32Array(m + 1);
  rows.forEach((r, c) => (rowPtr[c + 1] = rowPtr[c]! + r.length));
  return { rows: m, cols: n, rowPtr, rowCol: Int32Array.from(rows.flat()) } as SparseGf2;
}

function compare(h: SparseGf2, opts: GallagerBOptions, ps: number[], lanes: number): { early: number; late: number; never: number } {
  const fast = new BitslicedGallagerB(h, opts);
  const slow = new GallagerBDecoder(h, opts);
  const rng = Rng.stream(9, 0x67);
  const y = new Uint32Array(h.cols);
  const tally = { early: 0, late: 0, never: 0 };
  for (const p of ps) {
    // All-zero codeword plus BSC noise: the decoders are linear in the codeword.
    for (let i = 0; i < h.cols; i++) {
      let w = 0;
      for (let l = 0; l < 32; l++) if (rng.double() < p) w |= 1 << l;
      y[i] = w >>> 0;
    }
    const r = fast.decodeBatch(y, lanes);
    for (let l = 0; l < 32; l++) {
      if (!((lanes >>> l) & 1)) {
        expect((r.converged >>> l) & 1).toBe(0);
        continue;
      }
      const frame = Uint8Array.from(y, (w) => (w >>> l) & 1);
      const s = slow.decode(frame);
      const mine = Uint8Array.from(r.words, (w) => (w >>> l) & 1);
      expect(r.sweeps[l]).toBe(s.sweeps);
      expect(((r.converged >>> l) & 1) === 1).toBe(s.converged);
      expect(Buffer.from(mine).equals(Buffer.from(s.state))).toBe(true);
      if (!s.converged) tally.never++;
      else if (s.sweeps <= 3) tally.early++;
      else tally.late++;
    }
  }
  return tally;
}

/** The same H with an empty check appended: the unrolled passes step aside for the loops. */
function withEmptyCheck(h: SparseGf2): SparseGf2 {
  const rowPtr = new Int32Array(h.rows + 2);
  rowPtr.set(h.rowPtr.subarray(0, h.rows + 1));
  rowPtr[h.rows + 1] = rowPtr[h.rows]!;
  return { rows: h.rows + 1, cols: h.cols, rowPtr, rowCol: h.rowCol } as SparseGf2;
}

describe('bit-sliced Gallager B = per-frame Gallager B, lane by lane', () => {
  const cases: [string, SparseGf2, GallagerBOptions, number[]][] = [
    ['regular (3,6), with-channel decision', regular, { maxIterations: 40 }, [0.01, 0.035, 0.05]],
    ['regular (3,6), checks-only decision (AFF3CT)', regular, { maxIterations: 40, decision: 'checks-only' }, [0.01, 0.035, 0.05]],
    ['irregular, with-channel decision', irregular(400, 200, 3), { maxIterations: 30 }, [0.005, 0.02, 0.04]],
    ['irregular, checks-only, threshold 1', irregular(400, 200, 4), { maxIterations: 30, decision: 'checks-only', threshold: 1 }, [0.005, 0.02, 0.04]],
    ['irregular with an empty check (generic loops)', withEmptyCheck(irregular(400, 200, 5)), { maxIterations: 30 }, [0.005, 0.02, 0.04]],
  ];
  for (const [name, h, opts, ps] of cases) {
    it(name, () => {
      const t = compare(h, opts, ps, -1);
      // The frames cover early, late and failed decodes, or the equality says little.
      expect(t.early).toBeGreaterThan(0);
      expect(t.late + t.never).toBeGreaterThan(0);
    });
  }

  it('a partial lane mask leaves the other lanes unconverged and does not change the used ones', () => {
    compare(regular, { maxIterations: 40 }, [0.03], 0x00ff00f1);
  });

  it('decision counts: with-channel flips at 3 of 3 checks, checks-only at 2 of 3; ties keep y', () => {
    expect([decisionFlipsAt('with-channel', 3), decisionFlipsAt('checks-only', 3)]).toEqual([3, 2]);
    expect([decisionFlipsAt('with-channel', 4), decisionFlipsAt('checks-only', 4)]).toEqual([3, 3]);
    expect(() => new BitslicedGallagerB(regular, { decision: 'vote' as 'checks-only' })).toThrow(/^hopcode\/bit-flipping: the Gallager B decision/);
    expect(() => new BitslicedGallagerB(regular).decodeBatch(new Uint32Array(3))).toThrow(/^hopcode\/bit-flipping: got 3 received words/);
  });
});
