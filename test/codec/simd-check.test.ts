/**
 * The WebAssembly SIMD clean check (src/codec/simd-check.ts, assembly/codec-check.ts), with
 * its own CRCs and with native ones, against its naive twin, BlockCodec's JavaScript path: the same payload bytes, statuses and bit
 * counts from decodeGroupWords on random groups of the four profiles' networks, full and
 * short, clean and damaged (a flipped information bit, a flipped parity bit, a noisy slab,
 * wrong block indexes, a data length that disagrees with the padding).
 */
import { describe, expect, it } from 'vitest';
import { engineFor, type Engine } from '../../src/codec/engine.js';
import { encodeGroup } from '../../src/codec/groups.js';
import { groupToWords, slabCount } from '../../src/codec/interleave.js';
import { PROFILES } from '../../src/codec/profiles.js';
import { LaneStatus } from '../../src/codec/block-codec.js';
import { Rng } from '../../src/util/rng.js';
import { crc32cNative, NATIVE_MIN_BYTES } from '../../src/codec/crc32c.js';
import { randomBytes } from './helpers.js';

const SEED = 0x1234abcd;

function engine(name: string): Engine {
  const p = PROFILES[name]!;
  return engineFor({ preset: p.preset, n: p.n, seed: p.seed, maxSweeps: p.maxSweeps, decoder: 'auto' });
}

interface Case {
  label: string;
  l: number;
  /** Payload bytes encoded (≤ l·P) and the length the decoder is told. */
  encoded: number;
  told: number;
  first: number;
  /** Decode with block indexes shifted by this (a block spliced from elsewhere). */
  shift?: number;
  /** Some block must come out not clean. */
  bad?: boolean;
  /** Damage to the group words (file layout, W slabs). */
  damage?: (g: Int32Array, w: number, e: Engine, rng: Rng) => void;
}

/** Flip input v of block 32s + j. */
const flip = (g: Int32Array, w: number, v: number, s: number, j: number): void => {
  g[v * w + s]! ^= 1 << j;
};

function run(e: Engine, c: Case, kernel: 'auto' | 'node-rs' | 'wasm' | 'js') {
  const p = e.blocks.payloadBytes;
  const n = e.code.n;
  const data = randomBytes(c.encoded, c.l * 7 + c.first);
  const bytes = encodeGroup(e, data, 0, c.encoded, c.first, SEED);
  const w = slabCount(c.l);
  const g = groupToWords(bytes, 0, bytes.length, c.l, n);
  c.damage?.(g, w, e, Rng.stream(99, c.l));
  const dst = new Uint8Array(c.l * p + 16).fill(0xa5);
  e.blocks.setCheckKernel(kernel);
  try {
    const r = e.blocks.decodeGroupWords(g, w, c.l, c.first + (c.shift ?? 0), dst, 3, 3 + c.told, SEED);
    return { data, dst, status: Array.from(r.status), bits: Array.from(r.bitsCorrected), used: e.blocks.checkKernel() };
  } finally {
    e.blocks.setCheckKernel('auto');
  }
}

function cases(e: Engine): Case[] {
  const p = e.blocks.payloadBytes;
  const infoRow = (i: number): number => e.code.encoder.infoPositions[i]!;
  const info = new Set(e.code.encoder.infoPositions);
  let parity = 0;
  while (info.has(parity)) parity++;
  return [
    { label: 'full, W = 8', l: 256, encoded: 256 * p, told: 256 * p, first: 0 },
    { label: 'full, W = 9 (not a multiple of 4), far block index', l: 288, encoded: 288 * p, told: 288 * p, first: 2 ** 40 + 5 },
    { label: 'short group, short last block', l: 200, encoded: 200 * p - 37, told: 200 * p - 37, first: 4096 },
    { label: 'one slab', l: 32, encoded: 32 * p, told: 32 * p, first: 64 },
    { label: 'a few blocks', l: 5, encoded: 5 * p - 1, told: 5 * p - 1, first: 3 },
    { label: 'length shorter than the padding says', l: 200, encoded: 200 * p, told: 200 * p - 37, first: 0, bad: true },
    { label: 'block indexes off by one', l: 96, encoded: 96 * p, told: 96 * p, first: 1, shift: 1, bad: true },
    {
      label: 'flipped information bits (CRC field and payload) in two slabs',
      l: 288,
      encoded: 288 * p,
      told: 288 * p,
      first: 0,
      bad: true,
      damage: (g, w) => {
        flip(g, w, infoRow(3), 1, 7);
        flip(g, w, infoRow(40), 1, 9);
        flip(g, w, infoRow(200), 5, 31);
        flip(g, w, infoRow(e.blocks.k - 1), 8, 0);
        flip(g, w, infoRow(e.blocks.k - 1), 2, 5); // the last information bit: padding where K > 32 + 8·P, in a lane other than the slab's first
      },
    },
    {
      label: 'a flipped parity bit and a noisy slab',
      l: 256,
      encoded: 256 * p,
      told: 256 * p,
      first: 0,
      bad: true,
      damage: (g, w, _e, rng) => {
        flip(g, w, parity, 2, 4);
        for (let f = 0; f < 40; f++) flip(g, w, rng.next() % e.code.n, 6, rng.next() & 31);
      },
    },
  ];
}

describe('SIMD clean check = the JavaScript path', () => {
  for (const name of ['default', 'light', 'robust', 'legacy']) {
    it(`${name}: same bytes, statuses and bit counts`, () => {
      const e = engine(name);
      for (const c of cases(e)) {
        const a = run(e, c, 'wasm');
        const b = run(e, c, 'js');
        const n = run(e, c, 'auto');
        const r = run(e, c, 'node-rs');
        expect(a.used, 'the WebAssembly kernel is built and loads (npm run build)').toBe('wasm');
        expect(b.used).toBe('js');
        expect(n.used, 'the native module is built and loads (npm run build)').toBe('wasm+block-crc');
        expect(r.used).toBe(crc32cNative && e.blocks.payloadBytes >= NATIVE_MIN_BYTES ? 'wasm+native-crc' : 'wasm');
        for (const x of [a, n, r]) {
          expect(x.status, c.label).toEqual(b.status);
          expect(x.bits, c.label).toEqual(b.bits);
          expect(Buffer.from(x.dst).equals(Buffer.from(b.dst)), c.label).toBe(true);
        }
        if (c.bad) expect(a.status.some((x) => x !== LaneStatus.Clean), c.label).toBe(true);
        else {
          // Undamaged: every block clean and the payload back (sanity of the twin itself).
          expect(a.status.every((x) => x === LaneStatus.Clean), c.label).toBe(true);
          expect(Buffer.from(a.dst.subarray(3, 3 + c.told)).equals(Buffer.from(a.data.subarray(0, c.told))), c.label).toBe(true);
        }
      }
    });
  }
});
