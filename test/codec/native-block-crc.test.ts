/**
 * The native block CRCs (native/block-crc.cc, util/native.ts blockCrcs) against their
 * JavaScript twin block-crc.ts blockCrc: every block length class (0, under 8, not a multiple
 * of 8, the profiles' payloads), counts that are and are not multiples of 4 (the four-chain
 * loop and its tail), strides wider than a block and overlapping ones, block indices crossing
 * 2^32, seeds above 2^31, an output area inside the same array or in a separate one; and a
 * range outside its array throws instead of reading or writing past it.
 */
import { describe, expect, it } from 'vitest';
import { nativeModule } from '../../src/util/native.js';
import { blockCrc } from '../../src/codec/block-crc.js';
import { randomBytes } from './helpers.js';

const blockCrcs = nativeModule()?.blockCrcs;

describe('native block CRCs', () => {
  it('are built and load here (x86-64 with SSE4.2)', () => {
    expect(typeof blockCrcs).toBe('function');
  });

  it('equal blockCrc for every length, count, stride, index and seed', () => {
    let cases = 0;
    for (const len of [0, 1, 7, 8, 9, 63, 64, 65, 493, 888]) {
      for (const stride of [len, len + 13, Math.max(1, len >> 1)]) {
        for (const count of [1, 3, 4, 5, 33]) {
          for (const [first, seed] of [[0, 0], [4294967293, 0xdeadbeef], [2 ** 40 + 7, 0x80000001]] as const) {
            const at = 5;
            const end = at + (count - 1) * stride + len;
            const mem = randomBytes(end + 4 * count + 8, cases + 1);
            const out = end + 3; // unaligned, after the blocks
            blockCrcs!(mem, at, stride, len, count, seed >>> 0, first >>> 0, Math.floor(first / 4294967296), out);
            const view = new DataView(mem.buffer);
            for (let j = 0; j < count; j++) {
              const want = blockCrc(mem, at + j * stride, len, first + j, seed) >>> 0;
              expect(view.getUint32(out + 4 * j, true), `len ${len} stride ${stride} count ${count} block ${j}`).toBe(want);
            }
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(10 * 3 * 5 * 3);
  });

  it('writes into a separate typed array when given one (and checks its range)', () => {
    const mem = randomBytes(40 * 888, 5);
    const dst = new Int32Array(40).fill(-1);
    blockCrcs!(mem, 0, 888, 888, 37, 0x1234, 4294967290, 0, 8, dst); // bytes 8 … of dst: elements 2 … 38
    expect([dst[0], dst[1], dst[39]]).toEqual([-1, -1, -1]);
    for (let j = 0; j < 37; j++) expect(dst[2 + j]! >>> 0).toBe(blockCrc(mem, j * 888, 888, 4294967290 + j, 0x1234) >>> 0);
    expect(() => blockCrcs!(mem, 0, 888, 888, 37, 0, 0, 0, 16, dst)).toThrow(RangeError); // 16 + 4·37 > 160 bytes
    expect(() => blockCrcs!(mem, 0, 888, 888, 1, 0, 0, 0, 0, 5 as unknown as Int32Array)).toThrow(TypeError);
  });

  it('throws RangeError for a range outside the array, and writes nothing', () => {
    const mem = new Uint8Array(1000).fill(7);
    expect(() => blockCrcs!(mem, 0, 100, 100, 11, 0, 0, 0, 900)).toThrow(RangeError); // blocks past the end
    expect(() => blockCrcs!(mem, 0, 100, 100, 2, 0, 0, 0, 995)).toThrow(RangeError); // output past the end
    expect(() => blockCrcs!(mem, -1, 100, 100, 2, 0, 0, 0, 900)).toThrow(RangeError);
    expect(mem.every((b) => b === 7)).toBe(true);
    expect(() => blockCrcs!(mem, 0, 100, 100, 0, 0, 0, 0, 1000)).not.toThrow(); // nothing to do
  });
});
