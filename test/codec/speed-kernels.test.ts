/**
 * The fast kernels of issue 12 against their naive twins: the unrolled transposes
 * (lanes-fast.ts) against transpose32, crc32cWords against crc32cSoft, and the
 * word-at-a-time packing of short groups against the bit-by-bit definition.
 */
import { describe, expect, it } from 'vitest';
import { tIndex, tIndexNaive, tRows, tRowsNaive, tStride, tStrideNaive } from '../../src/codec/lanes-fast.js';
import { crc32cSoft, crc32cWords } from '../../src/codec/crc32c.js';
import { groupByteLength, packGroup, packGroupNaive, unpackGroup, unpackGroupNaive } from '../../src/codec/interleave.js';
import { Rng } from '../../src/util/rng.js';

const rng = Rng.stream(12);
const randomWords = (n: number): Int32Array => Int32Array.from({ length: n }, () => rng.next() | 0);

describe('unrolled transposes', () => {
  it('tStride, tIndex and tRows equal their naive twins, full and partial tiles', () => {
    const src = randomWords(4096);
    const idx = Int32Array.from({ length: 64 }, () => rng.next() % 60);
    for (const lim of [32, 31, 16, 1, 0]) {
      for (const [s0, ss, d0, ds] of [[0, 1, 0, 1], [5, 63, 3, 63], [100, 7, 1, 2]] as const) {
        const a = new Int32Array(4096).fill(7);
        const b = new Int32Array(4096).fill(7);
        tStride(src, s0, ss, lim, a, d0, ds);
        tStrideNaive(src, s0, ss, lim, b, d0, ds);
        expect(Array.from(a)).toEqual(Array.from(b));
      }
      const a = new Int32Array(2048);
      const b = new Int32Array(2048);
      tIndex(src, idx, 3, 64, 5, lim, a, 2, 63);
      tIndexNaive(src, idx, 3, 64, 5, lim, b, 2, 63);
      expect(Array.from(a)).toEqual(Array.from(b));
      const rb = Int32Array.from(idx, (v) => v * 64);
      const qs = Int32Array.of(0, 5, 6, 63);
      const c = new Int32Array(64 * 2048 / 16);
      const d = new Int32Array(64 * 2048 / 16);
      tRows(src, rb, 3, lim, qs, 4, c, 100, 2, 3);
      tRowsNaive(src, rb, 3, lim, qs, 4, d, 100, 2, 3);
      expect(Array.from(c)).toEqual(Array.from(d));
    }
  });
});

describe('crc32cWords', () => {
  it('equals crc32cSoft on aligned ranges of every length 0 … 300', () => {
    const words = randomWords(200);
    const bytes = new Uint8Array(words.buffer);
    for (let len = 0; len <= 300; len++) {
      for (const start of [0, 4, 12]) expect(crc32cWords(words, bytes, start, len, 0x1234567)).toBe(crc32cSoft(bytes, 0x1234567, start, start + len));
    }
  });
});

describe('short-group packing', () => {
  it('packGroup and unpackGroup equal the bit-by-bit definitions for short groups', () => {
    const n = 123;
    for (const blocks of [1, 7, 31, 33, 40, 95, 100]) {
      const w = Math.ceil(blocks / 32);
      const slabs = Array.from({ length: w }, (_, s) => {
        const lanes = Math.min(32, blocks - 32 * s);
        return Uint32Array.from({ length: n }, () => (lanes >= 32 ? rng.next() : rng.next() & ((1 << lanes) - 1)) >>> 0);
      });
      const bytes = groupByteLength(blocks, n);
      const a = new Uint8Array(bytes + 9).fill(0xa5);
      const b = a.slice();
      packGroup(slabs, blocks, n, a, 3);
      packGroupNaive(slabs, blocks, n, b, 3);
      expect(Array.from(a)).toEqual(Array.from(b));
      // Unpack, also from a truncated input (missing bytes read as 0) and with stray high bits.
      for (const avail of [bytes, bytes - 5, Math.floor(bytes / 2)]) {
        const noisy = a.slice();
        for (let i = 0; i < noisy.length; i++) noisy[i] = noisy[i]! ^ (rng.next() & 0x11);
        const u = Array.from({ length: w }, () => new Uint32Array(n).fill(99));
        const v = Array.from({ length: w }, () => new Uint32Array(n).fill(98));
        unpackGroup(noisy, 3, avail, blocks, n, u);
        unpackGroupNaive(noisy, 3, avail, blocks, n, v);
        expect(u.map((x) => Array.from(x))).toEqual(v.map((x) => Array.from(x)));
      }
    }
  });
});
