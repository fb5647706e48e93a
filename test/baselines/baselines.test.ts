/**
 * Baseline decoders (NOT the network) on a (3,6)-regular LDPC code, N = 1008.
 *
 * Test data: test/data/ldpc-3-6-n1008-seed1.alist, H of
 * buildCustom({ n: 1008, d: 3, localCode: 'parity6', seed: 1 }) (girth 6), written by
 * writeAlist. Published behaviour the assertions rest on (Richardson & Urbanke, Modern
 * Coding Theory): on the BSC the (3,6) ensemble's Gallager A threshold is p ≈ 0.039 and
 * BP's is p ≈ 0.084; on the BEC BP's is e ≈ 0.429. Assertions compare Clopper–Pearson
 * 95 % intervals (disjoint = a clear ordering) or cap error counts well above the
 * expectation, never a lucky number. Codewords are random (systematic encoder), so a
 * decoder that only works for the all-zero word fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GallagerBDecoder, MajorityBitFlipDecoder, gallagerBDecode } from '../../src/baselines/bit-flipping.js';
import { MinSumDecoder, llrFromHard } from '../../src/baselines/min-sum.js';
import type { BaselineResult } from '../../src/baselines/tanner-edges.js';
import { AwgnChannel } from '../../src/channels/awgn.js';
import { BecChannel } from '../../src/channels/bec.js';
import { BscChannel } from '../../src/channels/bsc.js';
import type { Channel, ReceivedFrame } from '../../src/channels/channel.js';
import { parseAlist } from '../../src/codes/alist.js';
import { SystematicEncoder } from '../../src/codes/systematic-encoder.js';
import { clopperPearson } from '../../src/sim/stats.js';
import { Rng } from '../../src/util/rng.js';

const ALIST = 'test/data/ldpc-3-6-n1008-seed1.alist';
const h = parseAlist(readFileSync(ALIST, 'utf8'), ALIST);
const enc = new SystematicEncoder(h);

function codeword(rng: Rng): Uint8Array {
  const info = new Uint8Array(enc.k);
  for (let i = 0; i < enc.k; i++) info[i] = rng.next() & 1;
  return enc.encode(info);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Frame errors of each decoder over the same frames (frame f's stream: seed 21, tag, f). */
function frameErrors(ch: Channel, frames: number, tag: number, decoders: ((rx: ReceivedFrame) => BaselineResult)[]): { errors: number[]; sweeps: number[] } {
  const errors = decoders.map(() => 0);
  const sweeps = decoders.map(() => 0);
  for (let f = 0; f < frames; f++) {
    const rng = Rng.stream(21, tag, f);
    const x = codeword(rng);
    const rx = ch.transmit(x, rng);
    decoders.forEach((d, j) => {
      const r = d(rx);
      sweeps[j]! += r.sweeps;
      if (!same(r.state, x)) errors[j]!++;
      else expect(r.converged && r.isStoredState).toBe(true);
    });
  }
  return { errors, sweeps };
}

describe('test data', () => {
  it('is a (3,6)-regular rate-½ code', () => {
    expect([h.rows, h.cols]).toEqual([504, 1008]);
    for (let r = 0; r < h.rows; r++) expect(h.rowPtr[r + 1]! - h.rowPtr[r]!).toBe(6);
    expect(enc.k).toBeGreaterThanOrEqual(504);
  });
});

describe('baseline decoders', () => {
  const ms = new MinSumDecoder(h, { maxIterations: 50, alpha: 0.8 });
  const gb = new GallagerBDecoder(h, { maxIterations: 50 });
  const bf = new MajorityBitFlipDecoder(h, { maxIterations: 30 });

  it('a clean codeword costs 0 iterations; one flipped bit is corrected by all three', () => {
    const x = codeword(Rng.stream(1));
    expect(ms.decode(llrFromHard(x, 0.05))).toMatchObject({ converged: true, sweeps: 0, isStoredState: true });
    for (const i of [0, 500, 1007]) {
      const y = Uint8Array.from(x);
      y[i]! ^= 1;
      for (const r of [ms.decode(llrFromHard(y, 0.05)), gb.decode(y), bf.decode(y)]) {
        expect(same(r.state, x)).toBe(true);
        expect(r.sweeps).toBeGreaterThan(0);
      }
    }
    expect(same(gallagerBDecode(h, x).state, x)).toBe(true);
  });

  it('BSC p = 0.04, 300 frames: min-sum ≪ Gallager B < majority flipping (disjoint 95 % intervals)', () => {
    const frames = 300;
    const { errors, sweeps } = frameErrors(new BscChannel(0.04), frames, 1, [(rx) => ms.decode(rx.llr), (rx) => gb.decode(rx.hard), (rx) => bf.decode(rx.hard)]);
    const [eMs, eGb, eBf] = errors as [number, number, number];
    console.log(`BSC p=0.04, ${frames} frames: FE min-sum ${eMs}, Gallager B ${eGb}, majority BF ${eBf}; mean iterations ${sweeps.map((s) => (s / frames).toFixed(1)).join(' / ')}`);
    // BP on (3,6) at p = 0.04 (half its threshold) at N ≈ 1000: FER far below 1e-2.
    expect(eMs).toBeLessThanOrEqual(3);
    expect(clopperPearson(eMs, frames)[1]).toBeLessThan(0.1);
    // p = 0.04 sits just above Gallager A's threshold 0.039: about half the frames fail.
    expect(clopperPearson(eMs, frames)[1]).toBeLessThan(clopperPearson(eGb, frames)[0]);
    expect(clopperPearson(eGb, frames)[1]).toBeLessThan(clopperPearson(eBf, frames)[0]);
  });

  it('BSC p = 0.025, 200 frames: below its threshold Gallager B works (FER < 0.1)', () => {
    const { errors } = frameErrors(new BscChannel(0.025), 200, 2, [(rx) => gb.decode(rx.hard)]);
    console.log(`BSC p=0.025, 200 frames: FE Gallager B ${errors[0]}`);
    expect(clopperPearson(errors[0]!, 200)[1]).toBeLessThan(0.1);
  });

  it('BEC e = 0.3 (threshold 0.429), 100 frames: min-sum fills the erasures', () => {
    const { errors } = frameErrors(new BecChannel(0.3), 100, 3, [(rx) => ms.decode(rx.llr)]);
    console.log(`BEC e=0.3, 100 frames: FE min-sum ${errors[0]}`);
    expect(errors[0]).toBeLessThanOrEqual(2);
  });

  it('AWGN Eb/N0 = 2.5 dB, 100 frames: min-sum FER well below 0.1', () => {
    const { errors } = frameErrors(new AwgnChannel(2.5, 0.5), 100, 4, [(rx) => ms.decode(rx.llr)]);
    console.log(`AWGN 2.5 dB, 100 frames: FE min-sum ${errors[0]}`);
    expect(errors[0]).toBeLessThanOrEqual(3);
  });

  it('rejects bad inputs with module-prefixed errors', () => {
    expect(() => ms.decode(new Float64Array(5))).toThrow(/^hopcode\/min-sum: got 5 LLRs/);
    expect(() => gb.decode(new Uint8Array(5))).toThrow(/^hopcode\/bit-flipping/);
    expect(() => new MinSumDecoder(h, { alpha: 0 })).toThrow(/^hopcode\/min-sum: alpha/);
    expect(() => new GallagerBDecoder(h, { threshold: 0 })).toThrow(/^hopcode\/bit-flipping/);
    expect(() => llrFromHard(new Uint8Array(1), 0.6)).toThrow(/^hopcode\/min-sum/);
  });
});
