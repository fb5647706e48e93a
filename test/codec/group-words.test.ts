/**
 * groupToWords on short groups (the last group of a file, L not a multiple of 32: the
 * funnel-shift path of interleave.ts) against the bit-by-bit definition unpackGroupNaive,
 * including truncated input (missing bytes read as 0); and groupWordsView, whose short
 * groups go through reused scratch words, after a larger group left its bytes there.
 */
import { describe, expect, it } from 'vitest';
import { groupByteLength, groupToWords, groupWordsView, slabCount, unpackGroupNaive } from '../../src/codec/interleave.js';
import { randomBytes } from './helpers.js';

describe('groupToWords, short groups', () => {
  it('equals unpackGroupNaive for L = 1 … 100 and odd N, whole and truncated', () => {
    for (const [blocks, n] of [[1, 40], [5, 77], [31, 64], [33, 95], [63, 130], [100, 41], [97, 333]] as const) {
      const bytes = groupByteLength(blocks, n);
      const src = randomBytes(bytes + 7, blocks * 1000 + n);
      for (const [off, avail] of [[0, bytes], [3, bytes], [5, Math.floor(bytes / 2)], [1, 0]] as const) {
        const w = slabCount(blocks);
        const g = groupToWords(src, off, avail, blocks, n);
        const slabs = Array.from({ length: w }, () => new Uint32Array(n));
        unpackGroupNaive(src, off, avail, blocks, n, slabs);
        const want = new Int32Array(n * w);
        for (let s = 0; s < w; s++) for (let v = 0; v < n; v++) want[v * w + s] = slabs[s]![v]! | 0;
        expect(Array.from(g), `L = ${blocks}, N = ${n}, off ${off}, avail ${avail}`).toEqual(Array.from(want));
      }
    }
  });

  it('groupWordsView of a short group equals groupToWords, its scratch dirty from a larger group', () => {
    const big = randomBytes(groupByteLength(2000, 500) + 8, 5);
    groupWordsView(big, 1, big.length, 1999, 500); // fills the scratch with other bytes
    for (const [blocks, n] of [[33, 95], [1999, 500], [97, 333], [5, 77]] as const) {
      const bytes = groupByteLength(blocks, n);
      const src = randomBytes(bytes + 7, blocks + n);
      for (const [off, avail] of [[0, bytes], [3, bytes], [5, Math.floor(bytes / 3)], [1, 0]] as const) {
        const want = Array.from(groupToWords(src, off, avail, blocks, n));
        expect(Array.from(groupWordsView(src, off, avail, blocks, n)), `L = ${blocks}, N = ${n}, off ${off}, avail ${avail}`).toEqual(want);
        groupWordsView(big, 0, big.length, 1999, 500);
      }
    }
  });
});
