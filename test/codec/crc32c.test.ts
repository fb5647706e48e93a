/** CRC-32C: the native module (when it loads) equals the hand-written table loop on random buffers. */
import { describe, expect, it } from 'vitest';
import { crc32c, crc32cNative, crc32cSoft, crc32cWord, NATIVE_MIN_BYTES } from '../../src/codec/crc32c.js';
import { Rng } from '../../src/util/rng.js';

const check = new TextEncoder().encode('123456789');

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.next() & 0xff;
  return b;
}

describe('crc32c', () => {
  it('has the check value on both paths', () => {
    expect(crc32cSoft(check)).toBe(0xe3069283);
    expect(crc32c(check)).toBe(0xe3069283);
  });

  it('loads the native module here (it ships with the npm package)', () => {
    expect(crc32cNative).not.toBeNull();
  });

  it('native = soft on random buffers, ranges and continuations', () => {
    const rng = Rng.stream(12, 0x637263);
    const nat = crc32cNative!;
    for (let t = 0; t < 300; t++) {
      const len = t < 100 ? rng.int(64) : t < 200 ? rng.int(5000) : NATIVE_MIN_BYTES - 2 + rng.int(5);
      const buf = randomBytes(rng, len + 16);
      const a = rng.int(9);
      const b = a + len;
      const prev = rng.next() >>> 0;
      const want = crc32cSoft(buf, prev, a, b);
      expect(nat(buf.subarray(a, b), prev) >>> 0).toBe(want);
      expect(crc32c(buf, prev, a, b)).toBe(want);
    }
    const big = randomBytes(rng, 1 << 20);
    expect(crc32c(big)).toBe(crc32cSoft(big));
    expect(crc32c(big, crc32c(big, 0, 0, 300_000), 300_000)).toBe(crc32cSoft(big));
  });

  it('crc32cWord continues a CRC over 4 little-endian bytes', () => {
    const w = 0xdeadbeef;
    expect(crc32cWord(w, 7)).toBe(crc32cSoft(Uint8Array.of(0xef, 0xbe, 0xad, 0xde), 7));
  });

  it('refuses a range outside the buffer on both paths', () => {
    expect(() => crc32c(check, 0, 0, 10)).toThrow(RangeError);
    expect(() => crc32cSoft(check, 0, 5, 4)).toThrow(RangeError);
  });
});
