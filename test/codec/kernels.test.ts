/**
 * Codec kernels against independent or reference definitions: CRC-32C check values,
 * the 32×32 transpose, the fast encoder against SystematicEncoder, the sparse sync
 * decoder against runDynamics, and the interleave layout.
 */
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src/codec/crc32c.js';
import { transpose32 } from '../../src/codec/lanes.js';
import { FastEncoder } from '../../src/codec/block-encoder.js';
import { SparseSyncDecoder } from '../../src/decoders/block-decoder.js';
import { packGroup, unpackGroup, groupByteLength } from '../../src/codec/interleave.js';
import { buildPreset } from '../../src/network/code.js';
import { runDynamics } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';

function crcBitwise(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check value and RFC 3720 vectors', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });
  it('equals the bitwise definition and continues across pieces', () => {
    const rng = Rng.stream(11);
    for (let len = 0; len < 70; len++) {
      const d = Uint8Array.from({ length: len }, () => rng.next() & 255);
      expect(crc32c(d)).toBe(crcBitwise(d));
      const cut = len >> 1;
      expect(crc32c(d.subarray(cut), crc32c(d.subarray(0, cut)))).toBe(crc32c(d));
    }
  });
});

describe('lanes', () => {
  it('transpose32 transposes', () => {
    const rng = Rng.stream(12);
    const a = Uint32Array.from({ length: 32 }, () => rng.next());
    const b = a.slice();
    transpose32(b);
    for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) expect((b[j]! >>> i) & 1).toBe((a[i]! >>> j) & 1);
  });
});

describe('FastEncoder', () => {
  it.each([
    ['parity10-d5', 1000],
    ['parity10-d5', 4000],
    ['hamming15-d3', 300],
    ['parity6-d3', 600],
  ])('%s N=%i gives the same stored states as SystematicEncoder', (preset, n) => {
    const code = buildPreset({ preset, n, seed: 2 });
    const fe = new FastEncoder(code.parityCheck, code.encoder.infoPositions);
    const rng = Rng.stream(13, n);
    for (let rep = 0; rep < 3; rep++) {
      const info = Uint32Array.from({ length: code.encoder.k }, () => rng.next());
      const a = code.encoder.encodeWords(info, new Uint32Array(code.n));
      const b = fe.encodeWords(info, new Uint32Array(code.n));
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('SparseSyncDecoder', () => {
  it.each([
    ['parity10-d5', 200, 0.03],
    ['parity10-d5', 200, 0.07],
    ['parity8-d4', 200, 0.04],
    ['hamming7-d2', 140, 0.03],
    ['hamming15-d3', 150, 0.05],
  ])('%s N=%i p=%f: lane by lane identical to runDynamics (sync)', (preset, n, p) => {
    const code = buildPreset({ preset, n, seed: 3 });
    const fe = new FastEncoder(code.parityCheck, code.encoder.infoPositions);
    const maxSweeps = 30;
    const dec = new SparseSyncDecoder(code.network, { rule: code.rule, schedule: 'sync', maxSweeps });
    const rng = Rng.stream(14, n);
    const info = Uint32Array.from({ length: code.encoder.k }, () => rng.next());
    const w = fe.encodeWords(info, new Uint32Array(code.n));
    for (let v = 0; v < code.n; v++) for (let j = 0; j < 32; j++) if (rng.float() < p) w[v]! ^= 1 << j;
    const r = dec.decodeWords(w, 0xffffffff);
    for (let j = 0; j < 32; j++) {
      const ref = runDynamics(code.network, Uint8Array.from(w, (x) => (x >>> j) & 1), { rule: code.rule, schedule: 'sync', maxSweeps });
      expect(Array.from(r.words, (x) => (x >>> j) & 1)).toEqual(Array.from(ref.state));
      expect((r.ok >>> j) & 1).toBe(ref.converged && ref.isStoredState ? 1 : 0);
    }
  });
});

describe('interleave', () => {
  it.each([1, 5, 31, 32, 33, 64, 70])('pack/unpack round trip with %i blocks; consecutive bits belong to different blocks', (l) => {
    const n = 100;
    const rng = Rng.stream(15, l);
    const slabs = Array.from({ length: Math.ceil(l / 32) }, (_, s) => Uint32Array.from({ length: n }, () => rng.next() & (l - 32 * s >= 32 ? 0xffffffff : (1 << (l - 32 * s)) - 1)));
    const bytes = new Uint8Array(groupByteLength(l, n) + 3);
    packGroup(slabs, l, n, bytes, 3);
    const back = slabs.map(() => new Uint32Array(n));
    unpackGroup(bytes, 3, bytes.length - 3, l, n, back);
    expect(back.map((s) => Array.from(s))).toEqual(slabs.map((s) => Array.from(s)));
    // file bit t ↔ block t mod l, bit ⌊t/l⌋
    const t = Math.min(l * n - 1, 77);
    const bit = (bytes[3 + (t >>> 3)]! >>> (t & 7)) & 1;
    expect(bit).toBe((slabs[(t % l) >>> 5]![Math.floor(t / l)]! >>> ((t % l) & 31)) & 1);
  });
});

describe('syndrome kernel', () => {
  // [W, slabs asked for]: all, or few (the one-pass-per-slab branch), or most (the all-slabs pass).
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [9, 9],
    [9, 2],
    [8, 7],
  ])('W = %i slabs (%i asked for) read in file layout: dirty lanes match a naive check of every row of H', (w, asked) => {
    const code = buildPreset({ preset: 'parity10-d5', n: 400, seed: 4 });
    const fe = new FastEncoder(code.parityCheck, code.encoder.infoPositions);
    const rng = Rng.stream(16, w);
    const g = new Int32Array(code.n * w);
    for (let s = 0; s < w; s++) {
      const st = fe.encodeWords(Uint32Array.from({ length: code.encoder.k }, () => rng.next()), new Uint32Array(code.n));
      for (let v = 0; v < code.n; v++) g[v * w + s] = st[v]!;
    }
    for (let s = 0; s < w; s++) g[rng.int(code.n) * w + s]! ^= 1 << rng.int(32); // every slab dirty
    for (let t = 0; t < 5; t++) g[rng.int(g.length)]! ^= 1 << rng.int(32);
    const masks = Int32Array.from({ length: w }, (_, s) => (s >= asked ? 0 : s === w - 1 ? 0x7fffffff : -1));
    const dirty = new Int32Array(w);
    fe.kernels.syndrome(g, w, masks, dirty);
    const h = code.parityCheck;
    for (let s = 0; s < w; s++) {
      let want = 0;
      for (let r = 0; r < h.rows; r++) {
        let x = 0;
        for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) x ^= g[h.rowCol[e]! * w + s]!;
        want |= x;
      }
      expect(dirty[s]! >>> 0).toBe((want & masks[s]!) >>> 0);
      if (s < asked) expect(want).not.toBe(0);
    }
  });
});
