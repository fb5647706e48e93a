/**
 * The WebAssembly group encoder (src/codec/simd-encoder.ts, assembly/codec-encode.ts) against
 * its naive twin BlockCodec.encodeGroupWordsJs (CRCs and transposes of fillInfo, slab-kernels
 * encode4/encode, which kernels.test.ts and speed-encoder.test.ts check against
 * SystematicEncoder): the same group words, word for word, on the networks of the four
 * profiles (default, light, robust, legacy), for full groups, short groups (a partial last
 * slab, a slab count that is not a multiple of 8, one block), payload ending mid-block,
 * block indices crossing 2^32 and a CRC seed above 2^31. Also the kernel's block CRC
 * against BlockCodec.blockCrc, every state a stored state (zero syndrome), and a group
 * with more slabs than the first instance holds (a new instance, a new memory); group
 * bytes (BlockCodec.encodeGroupBytes and encodeGroupView, short groups packed in the kernel)
 * against wordsToGroup.
 */
import { describe, expect, it } from 'vitest';
import { BlockCodec } from '../../src/codec/block-codec.js';
import { SimdEncoder } from '../../src/codec/simd-encoder.js';
import { PROFILES } from '../../src/codec/profiles.js';
import { groupByteLength, wordsToGroup } from '../../src/codec/interleave.js';
import type { BlockDecoder } from '../../src/decoders/block-decoder.js';
import { buildPreset } from '../../src/network/code.js';
import { Rng } from '../../src/util/rng.js';

/** Never called: encoding does not decode. */
const noDecoder: BlockDecoder = {
  decodeWords() {
    throw new Error('simd-encoder.test: no decoder');
  },
};

function codecFor(profile: string): BlockCodec {
  const p = PROFILES[profile]!;
  return new BlockCodec(buildPreset({ preset: p.preset, n: p.n, seed: p.seed }), noDecoder);
}

function randomBytes(rng: Rng, len: number): Uint8Array {
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = rng.next() & 255;
  return b;
}

describe('SimdEncoder', () => {
  it('is built and loads here (npm run build compiles assembly/codec-encode.ts)', () => {
    expect(SimdEncoder.available()).toBe(true);
  });

  // [blocks l, payload bytes short of l·P, first block index, CRC seed]
  const groups: [number, number, number, number][] = [
    [2048, 0, 0, 0x1234],
    [1000, 17, 4294967290, 0xdeadbeef],
    [160, 0, 7, 0],
    [33, 1, 2 ** 40 + 5, 0xffffffff],
    [1, 3, 12345, 0x80000000],
  ];

  // 'auto': the block CRCs from the native module (native/block-crc.cc); 'kernel': the kernel's own.
  it.each(['default', 'light', 'robust', 'legacy'].flatMap((p) => [[p, 'auto'], [p, 'kernel']] as const))('%s, %s CRCs: group words equal encodeGroupWordsJs', (profile, crc) => {
    const bc = codecFor(profile);
    const n = bc.n;
    const p = bc.payloadBytes;
    const simd = SimdEncoder.create(bc.encoder.plan, p, undefined, crc);
    expect(simd).not.toBeNull();
    expect(simd!.nativeCrc).toBe(crc === 'auto'); // this machine (x86-64, SSE4.2) builds and loads the native module
    const rng = Rng.stream(21);
    for (const [l, short, first, seed] of groups) {
      // The long groups only on the default network (CPU budget): the layout is the same.
      if (l === 2048 && profile !== 'default') continue;
      const w = Math.ceil(l / 32);
      const off = 3;
      const len = l * p - short;
      const src = randomBytes(rng, off + len + 9);
      const want = new Int32Array(n * w).fill(0x5a5a5a5a);
      const got = new Int32Array(n * w).fill(-1);
      bc.encodeGroupWordsJs(src, off, off + len, first, l, want, w, seed);
      simd!.encodeGroupWords(src, off, off + len, first, l, got, w, seed);
      expect(countDiff(got, want), `${profile} l=${l}`).toBe(0);
      const masks = Int32Array.from({ length: w }, (_, s) => (l - 32 * s >= 32 ? -1 : (1 << (l - 32 * s)) - 1));
      const dirty = new Int32Array(w).fill(-1);
      bc.encoder.kernels.syndrome(got, w, masks, dirty);
      expect(Array.from(dirty)).toEqual(new Array(w).fill(0));
    }
  });

  it('BlockCodec.encodeGroupWords runs it, and a wider group gets a new instance', () => {
    const bc = codecFor('robust');
    const n = bc.n;
    const p = bc.payloadBytes;
    const rng = Rng.stream(22);
    for (const l of [64, 72 * 32, 32 * 8]) {
      const w = l / 32;
      const src = randomBytes(rng, l * p);
      const want = new Int32Array(n * w);
      const got = new Int32Array(n * w);
      bc.encodeGroupWordsJs(src, 0, src.length, 99, l, want, w, 5);
      bc.encodeGroupWords(src, 0, src.length, 99, l, got, w, 5);
      expect(countDiff(got, want), `l=${l}`).toBe(0);
    }
  });

  it.each(['default', 'robust'])('%s: group bytes (short groups packed in the kernel) equal wordsToGroup of the words', (profile) => {
    const bc = codecFor(profile);
    const n = bc.n;
    const p = bc.payloadBytes;
    const rng = Rng.stream(24);
    for (const l of [1846, 1000, 160, 129, 127, 63, 37, 33, 1]) {
      const w = Math.ceil(l / 32);
      const src = randomBytes(rng, l * p - 5);
      const g = new Int32Array(n * w);
      bc.encodeGroupWordsJs(src, 0, src.length, 2 ** 33, l, g, w, 77);
      const want = wordsToGroup(g, l, n);
      const bytes = groupByteLength(l, n);
      const got = new Uint8Array(bytes + 10).fill(0xee);
      bc.encodeGroupBytes(src, 0, src.length, 2 ** 33, l, got, 4, 77);
      expect(countDiff(got.subarray(4, 4 + bytes), want), `${profile} l=${l}`).toBe(0);
      // The view (no copy) holds the same bytes.
      const view = bc.encodeGroupView(src, 0, src.length, 2 ** 33, l, 77);
      expect(countDiff(view, want), `view ${profile} l=${l}`).toBe(0);
      // Nothing written outside dst[at, at + bytes).
      expect(Array.from(got.subarray(0, 4))).toEqual([0xee, 0xee, 0xee, 0xee]);
      expect(Array.from(got.subarray(4 + bytes))).toEqual(new Array(6).fill(0xee));
    }
  });

  it('its block CRC equals BlockCodec.blockCrc', () => {
    const bc = codecFor('legacy');
    const simd = SimdEncoder.create(bc.encoder.plan, bc.payloadBytes)!;
    const rng = Rng.stream(23);
    for (const len of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, bc.payloadBytes]) {
      const b = randomBytes(rng, len);
      for (const [block, seed] of [[0, 0], [4294967295, 0x9e3779b9], [2 ** 45 + 3, 1]] as const) {
        // blockCrc reads payloadBytes bytes: pad b to that length for the reference.
        const padded = new Uint8Array(Math.max(len, bc.payloadBytes));
        padded.set(b);
        const ref = len === bc.payloadBytes ? bc.blockCrc(padded, 0, block, seed) : null;
        const got = simd.blockCrc(b, block, seed);
        if (ref !== null) expect(got).toBe(ref);
        // Independent of BlockCodec: CRC-32C continuing seed over b, then the u64 index.
        const idx = new Uint8Array(8);
        new DataView(idx.buffer).setUint32(0, block >>> 0, true);
        new DataView(idx.buffer).setUint32(4, Math.floor(block / 4294967296), true);
        expect(got).toBe(crcBitwise(idx, crcBitwise(b, seed)));
      }
    }
  });
});

/** Elements that differ (expect(...).toEqual is slow on megabyte arrays); a length mismatch counts all. */
function countDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** CRC-32C bit by bit, continuing `prev` (the definition, RFC 3720 §B.4). */
function crcBitwise(data: Uint8Array, prev: number): number {
  let c = ~prev >>> 0;
  for (const x of data) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}
