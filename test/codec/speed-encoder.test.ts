/**
 * The four-slab encoder kernel (slab-kernels encode4, issue 12) against the one-slab
 * kernel, which kernels.test.ts checks against SystematicEncoder: same stored states
 * for every slab, written into group words in file layout, on a sparse network and on
 * a radius-t (BCH) network with dense local rows. Also: every state it writes is a
 * stored state (zero syndrome).
 */
import { describe, expect, it } from 'vitest';
import { FastEncoder } from '../../src/codec/block-encoder.js';
import { buildPreset } from '../../src/network/code.js';
import { Rng } from '../../src/util/rng.js';

describe('encode4 equals encode slab by slab', () => {
  it.each([
    ['parity10-d5', 1024],
    ['hamming31-d3', 2046],
    ['bch255-239-d2', 4080],
  ])('%s N=%i', (preset, n) => {
    const code = buildPreset({ preset, n, seed: 1 });
    const fe = new FastEncoder(code.parityCheck, Int32Array.from(code.encoder.infoPositions));
    const rng = Rng.stream(4);
    const ik = Math.ceil(fe.k / 32) * 32;
    const w = 8;
    const info = Int32Array.from({ length: 4 * ik }, () => rng.next() | 0);
    const g = new Int32Array(code.n * w).fill(0x5a5a5a5a);
    fe.kernels.encode4(info, ik, g, w, 4);
    const one = new Int32Array(code.n);
    for (let c = 0; c < 4; c++) {
      fe.kernels.encode(info.subarray(c * ik, c * ik + fe.k), one);
      const got = Int32Array.from({ length: code.n }, (_, v) => g[v * w + 4 + c]!);
      expect(Array.from(got)).toEqual(Array.from(one));
      const d = new Int32Array(1);
      fe.kernels.syndrome(got, 1, Int32Array.of(-1), d);
      expect(d[0]).toBe(0);
    }
    // Slabs 0 … 3 untouched.
    for (let v = 0; v < code.n; v++) for (let s = 0; s < 4; s++) expect(g[v * w + s]).toBe(0x5a5a5a5a);
  });
});
