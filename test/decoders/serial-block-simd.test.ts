/**
 * The group path of the cluster-serial block decoder (serial-block-decoder.ts decodeSlab,
 * stage 1 in WebAssembly SIMD: serial-syndrome-simd.ts) equals its JavaScript twin: the
 * SIMD syndromes equal cluster syndromes recomputed from H's column syndromes, and every
 * slab's decoded words, ok lanes and per-lane change counts equal decodeWords on that
 * slab (the per-slab JS stage 1) — for BCH radius 2 and 3, Hamming(255,247), groups of
 * 64 slabs (one copy), 5 (short chunk) and 70 (two chunks), partial and empty lane masks,
 * with the SIMD path on and off; and the codec decodes a group to the same bytes, statuses
 * and bit counts through the group path as through decodeWords slab by slab. The .wasm
 * file is built by `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { buildPreset, type Code } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { SerialBlockDecoder } from '../../src/decoders/serial-block-decoder.js';
import type { SlabDecodeResult } from '../../src/decoders/block-decoder-types.js';
import { SyndromeSimd } from '../../src/decoders/serial-syndrome-simd.js';
import { Rng } from '../../src/util/rng.js';
import { FlipLog } from '../../src/decoders/flip-log.js';
import { BlockCodec } from '../../src/codec/block-codec.js';
import type { BlockDecoder } from '../../src/decoders/block-decoder-types.js';
import { flipBits, randomBits, randomStoredState } from '../helpers/random.js';

const NETS: [string, number, number][] = [
  ['bch255-239-d2', 1020, 0.006],
  ['bch255-247-d2', 1020, 0.002],
  ['bch127-106-d3', 254, 0.05],
];

/**
 * W slabs in file layout: lane l of slab s = a stored state flipped with probability p or
 * 2p (lanes 0, 1 clean, lane 31 a random word). The stored states are sums of a few drawn
 * ones (the code is linear), far cheaper than drawing each.
 */
function group(code: Code, w: number, p: number, rng: Rng): Int32Array {
  const g = new Int32Array(code.n * w);
  const basis = Array.from({ length: 6 }, () => randomStoredState(code, rng));
  for (let s = 0; s < w; s++) {
    for (let l = 0; l < 32; l++) {
      const y = new Uint8Array(code.n);
      for (const b of basis) if (rng.next() & 1) for (let v = 0; v < code.n; v++) y[v]! ^= b[v]!;
      const x = l === 31 ? randomBits(rng, code.n) : flipBits(y, l < 2 ? 0 : (l % 3 === 0 ? 2 : 1) * p, rng);
      for (let v = 0; v < code.n; v++) g[v * w + s]! |= x[v]! << l;
    }
  }
  return g;
}

const slabOf = (g: Int32Array, w: number, s: number, n: number): Uint32Array => Uint32Array.from({ length: n }, (_, v) => g[v * w + s]! >>> 0);

describe('SerialBlockDecoder group path (SIMD stage 1) == decodeWords per slab', () => {
  it('the kernel is built and loads', () => {
    const code = buildPreset({ preset: 'bch63-51-d2', n: 504, seed: 1 });
    const dec = new SerialBlockDecoder(code, { maxSweeps: 5 });
    const net = dec.net;
    expect(SyndromeSimd.create(net.n, net.m, net.meta.synBits, new Int32Array(net.m * net.meta.synBits + 1), new Int32Array(0))).not.toBeNull();
  });

  for (const [preset, n, p] of NETS) {
    it(`${preset} N=${n}: SIMD syndromes == cluster syndromes from H`, () => {
      const code = buildPreset({ preset, n, seed: 3 });
      const net = CompiledNetwork.fromCode(code, { encoder: false });
      const { chkPtr, chkVar, colSyn, m } = net;
      const dec = new SerialBlockDecoder(net, { maxSweeps: 5 });
      // The decoder's CSR, through its group path: the syndromes it hands stage 2.
      const simd = SyndromeSimd.create(n, m, net.meta.synBits, (dec as unknown as { bitPtr: Int32Array }).bitPtr, (dec as unknown as { bitVar: Int32Array }).bitVar)!;
      const rng = Rng.stream(21, n);
      const shapes = preset === 'bch255-239-d2' ? ([[64, 0, 64], [5, 0, 5], [70, 64, 6], [70, 3, 61]] as const) : ([[64, 0, 64], [7, 1, 6]] as const);
      for (const [w, s0, count] of shapes) {
        const g = group(code, w, p, rng);
        const syn = simd.compute(g, w, s0, count);
        let nonzero = 0;
        for (let i = 0; i < count; i++) {
          for (let l = 0; l < 32; l++) {
            for (let c = 0; c < m; c++) {
              let x = 0;
              for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) if ((g[chkVar[e]! * w + s0 + i]! >>> l) & 1) x ^= colSyn[e]!;
              if (syn[(i * 32 + l) * m + c] !== x) expect([s0 + i, l, c, syn[(i * 32 + l) * m + c]]).toEqual([s0 + i, l, c, x]);
              if (x !== 0) nonzero++;
            }
          }
        }
        expect(nonzero).toBeGreaterThan(count * 32);
      }
    });

    it(`${preset} N=${n}: decodeSlab == decodeWords, words, ok and change counts (SIMD on and off)`, () => {
      const code = buildPreset({ preset, n, seed: 4 });
      const net = CompiledNetwork.fromCode(code, { encoder: false });
      const rng = Rng.stream(22, n);
      let oks = 0;
      let fails = 0;
      const shapes = preset === 'bch255-239-d2' ? ([[70, 50, true], [70, 50, false], [5, 2, true]] as const) : ([[64, 50, true], [5, 2, true]] as const);
      for (const [w, maxSweeps, simdOn] of shapes) {
        const dec = new SerialBlockDecoder(net, { maxSweeps, radius: 'anchored' });
        dec.simdEnabled = simdOn;
        const twin = new SerialBlockDecoder(net, { maxSweeps, radius: 'anchored' });
        const g = group(code, w, p, rng);
        const before = g.slice();
        // Some slabs not decoded at all, some partly, most fully.
        const masks = Int32Array.from({ length: w }, (_, s) => (s % 7 === 3 ? 0 : s % 5 === 1 ? rng.next() | 1 : -1));
        dec.beginGroup(g, w, masks);
        // Information-like inputs: a shuffled subset, k not a multiple of 32.
        const idx = Int32Array.from(Array.from({ length: n }, (_, v) => v).sort(() => (rng.next() & 1) - 0.5).slice(0, n - 37));
        const tiles = Math.ceil(idx.length / 32);
        const decoded: SlabDecodeResult[] = [];
        let gathered = 0;
        // Every slab in order, then a few again (their chunk copy already decoded: the JS path).
        for (const s of [...Array.from({ length: w }, (_, s) => s), 0, w - 1, 2]) {
          const r = dec.decodeSlab(s, masks[s]!);
          decoded[s % 4] = { ...r, changed: r.changed.slice() };
          // A full quad decoded in place: gatherInputs == the transpose done bit by bit.
          if (s % 4 === 3 && decoded.every((x) => x.stride > 1)) {
            const lw = dec.gatherInputs(idx, s - 3);
            expect(lw).not.toBeNull();
            let bad = 0;
            for (let i = 0; i < 4; i++) {
              const x = decoded[i]!;
              for (let l = 0; l < 32; l++) {
                for (let t = 0; t < tiles; t++) {
                  let want = 0;
                  for (let u = 0; u < 32 && 32 * t + u < idx.length; u++) want |= ((x.words[idx[32 * t + u]! * x.stride + x.at]! >>> l) & 1) << u;
                  if (lw!.words[i * 32 * tiles + l * tiles + t] !== want) bad++;
                }
              }
            }
            expect(bad).toBe(0);
            gathered++;
          }
          const slab = slabOf(g, w, s, n);
          const ref = twin.decodeWords(slab, masks[s]!);
          expect(r.ok >>> 0).toBe(ref.ok >>> 0);
          let bad = -1;
          const counts = new Uint32Array(32);
          for (let v = 0; v < n; v++) {
            if (r.words[v * r.stride + r.at]! >>> 0 !== ref.words[v]) bad = v;
            for (let x = ref.words[v]! ^ slab[v]!; x !== 0; x &= x - 1) counts[31 - Math.clz32(x & -x)]!++;
          }
          expect(bad).toBe(-1); // every word as decodeWords gives it
          expect(r.changed).toEqual(counts);
          for (let l = 0; l < 32; l++) if ((masks[s]! >>> l) & 1) (ref.ok >>> l) & 1 ? oks++ : fails++;
        }
        expect(g).toEqual(before); // the group words are only read
        if (simdOn) expect(dec.simdChunks).toBeGreaterThanOrEqual(w > 64 ? 2 : 1);
        else expect(dec.simdChunks).toBe(0);
        expect(gathered).toBe(simdOn ? Math.floor(w / 4) : 0);
      }
      expect(oks).toBeGreaterThan(100);
      expect(fails).toBeGreaterThan(3);
    });
  }
});

describe('FlipLog', () => {
  it('oddCount == inputs logged an odd number of times (short and long logs, growth)', () => {
    const rng = Rng.stream(23, 1);
    const log = new FlipLog();
    for (const len of [0, 1, 2, 7, 48, 49, 300]) {
      for (let rep = 0; rep < 5; rep++) {
        log.reset();
        const times = new Map<number, number>();
        for (let e = 0; e < len; e++) {
          const i = rng.int(rep < 2 ? 6 : 500); // few distinct inputs: many repeats
          log.push(i);
          times.set(i, (times.get(i) ?? 0) + 1);
        }
        expect(log.length).toBe(len);
        expect(log.oddCount()).toBe([...times.values()].filter((t) => t % 2 === 1).length);
      }
    }
  });
});

describe('BlockCodec.decodeGroupWords: group path == slab-by-slab decodeWords', () => {
  it('bch255-239-d2 N=1020, 70 slabs (last one short): same payload, statuses and bits corrected at BER 0 … 6e-3', () => {
    const code = buildPreset({ preset: 'bch255-239-d2', n: 1020, seed: 5 });
    const dec = new SerialBlockDecoder(code, { maxSweeps: 50, radius: 'anchored' });
    // The same decoder without the group methods: the codec's slab-by-slab path.
    const plain: BlockDecoder = { decodeWords: (words, mask) => dec.decodeWords(words, mask) };
    const grouped = new BlockCodec(code, dec);
    const bySlab = new BlockCodec(code, plain, grouped.encoder);
    const w = 70;
    const l = 32 * w - 5;
    const p = grouped.payloadBytes;
    const rng = Rng.stream(24, 1);
    const src = Uint8Array.from({ length: l * p - 17 }, () => rng.int(256));
    const g = new Int32Array(code.n * w);
    grouped.encodeGroupWords(src, 0, src.length, 100, l, g, w, 0x1234);
    const before = dec.simdChunks;
    let corrected = 0;
    let failed = 0;
    for (const ber of [0, 2e-5, 2e-4, 1e-3, 6e-3]) {
      const noisy = g.slice();
      for (let i = 0; i < noisy.length * 32 * ber; i++) noisy[rng.int(noisy.length)]! ^= 1 << rng.int(32);
      const a = new Uint8Array(src.length);
      const b = new Uint8Array(src.length);
      const ra = grouped.decodeGroupWords(noisy, w, l, 100, a, 0, a.length, 0x1234);
      const rb = bySlab.decodeGroupWords(noisy, w, l, 100, b, 0, b.length, 0x1234);
      // First differing index, -1 when equal (a plain loop: deep equality of 10⁵ bytes is slow).
      const diff = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
        if (x.length !== y.length) return -2;
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
        return -1;
      };
      expect(diff(ra.status, rb.status)).toBe(-1);
      expect(diff(ra.bitsCorrected, rb.bitsCorrected)).toBe(-1);
      expect(diff(a, b)).toBe(-1);
      if (ber === 0) expect(diff(a, src)).toBe(-1);
      for (const st of ra.status) st === 1 ? corrected++ : st >= 2 ? failed++ : 0;
    }
    expect(dec.simdChunks).toBeGreaterThan(before); // the SIMD path was taken
    expect(corrected).toBeGreaterThan(1000);
    expect(failed).toBeGreaterThan(10);
  });
});
