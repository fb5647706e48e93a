/**
 * The simulator's fast baseline path (sim/baseline-batch) on real simulation batches =
 * the per-frame decoders lane by lane: layered min-sum through the SIMD kernel (BSC input
 * packed four lanes per word, AWGN input quantised per lane) against the scalar
 * fixed-point kernel with the same 7-bit quantisation, and bit-sliced Gallager B
 * against the per-frame GallagerBDecoder; full and partial lane masks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GallagerBDecoder } from '../../src/baselines/bit-flipping.js';
import { QuantisedMinSumDecoder, quantiseLlr } from '../../src/baselines/min-sum-quantised.js';
import { SimdMinSumDecoder } from '../../src/baselines/min-sum-simd.js';
import { bscLlrMagnitude } from '../../src/channels/bsc.js';
import { parseAlist } from '../../src/codes/alist.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { codeFromParityCheck } from '../../src/network/code.js';
import { decodeBaselineBatch } from '../../src/sim/baseline-batch.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { FrameBatch, type SimChannel } from '../../src/sim/frame-batch.js';

const ALIST = 'test/data/ldpc-3-6-n1008-seed1.alist';
const h = parseAlist(readFileSync(ALIST, 'utf8'), ALIST);
const net = CompiledNetwork.fromCode(codeFromParityCheck(h, 'n1008'));

function lane(words: Uint32Array, j: number): Uint8Array {
  return Uint8Array.from(words, (w) => (w >>> j) & 1);
}

describe('simulation batches: fast baselines = per-frame decoders', () => {
  const channels: SimChannel[] = [
    { kind: 'bsc', noise: 0.06, rate: 0.5 },
    { kind: 'awgn', noise: 1.6, rate: 0.5 },
  ];
  for (const ch of channels) {
    it(`min-sum (SIMD path), ${ch.kind}`, () => {
      expect(SimdMinSumDecoder.available()).toBe(true);
      const spec = decoderSpec('min-sum', 'free-energy', { maxSweeps: 30 });
      const scalar = new QuantisedMinSumDecoder(h, { maxIterations: 30, alpha: spec.alpha, offset: spec.offset, msgMax: 63 });
      const batch = new FrameBatch(net, ch.kind !== 'bsc');
      let worked = 0;
      for (const [b, lanes] of [[0, -1], [1, 0x0f0ff0f1]] as const) {
        batch.fill(9, ch, 0, b);
        const r = decodeBaselineBatch(net, h, spec, ch, batch, lanes, new Uint32Array(net.n));
        for (let j = 0; j < 32; j++) {
          if (!((lanes >>> j) & 1)) continue;
          const s =
            ch.kind === 'bsc'
              ? scalar.decodeHard(lane(batch.rx, j), quantiseLlr(scalar.params, bscLlrMagnitude(ch.noise)))
              : scalar.decodeSteps(Int32Array.from(batch.llr[j]!, (l) => quantiseLlr(scalar.params, l)));
          expect(r.sweeps[j]).toBe(s.sweeps);
          expect(((r.converged >>> j) & 1) === 1).toBe(s.converged);
          expect(Buffer.from(lane(r.words, j)).equals(Buffer.from(s.state))).toBe(true);
          if (s.sweeps > 2) worked++;
        }
      }
      expect(worked).toBeGreaterThan(5);
    });
  }

  it('gallager-b (bit-sliced path), BSC, both decision rules', () => {
    for (const gbDecision of ['with-channel', 'checks-only'] as const) {
      const spec = decoderSpec('gallager-b', 'free-energy', { maxSweeps: 40, gbDecision });
      const ref = new GallagerBDecoder(h, { maxIterations: 40, decision: gbDecision });
      const ch: SimChannel = { kind: 'bsc', noise: 0.035, rate: 0.5 };
      const batch = new FrameBatch(net, false);
      batch.fill(9, ch, 1, 0);
      const r = decodeBaselineBatch(net, h, spec, ch, batch, -1, new Uint32Array(net.n));
      for (let j = 0; j < 32; j++) {
        const s = ref.decode(lane(batch.rx, j));
        expect(r.sweeps[j]).toBe(s.sweeps);
        expect(Buffer.from(lane(r.words, j)).equals(Buffer.from(s.state))).toBe(true);
      }
    }
  });
});
