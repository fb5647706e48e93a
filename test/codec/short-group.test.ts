/**
 * Short groups (l not a multiple of 128: the last group of a file) through the clean-check
 * kernel's unpacking (SimdCheck.shortWords, assembly/codec-check.ts unpack) against the
 * JavaScript path: BlockCodec.groupWords equals groupToWords (itself checked against the
 * bit-by-bit unpackGroupNaive in group-words.test.ts), whole and truncated, read from any
 * buffer or in place from groupStage; and a decode of short groups, clean and damaged,
 * gives the bytes, statuses and bit counts of the JavaScript kernels on groupToWords' words,
 * also after groups of other widths moved the kernel's areas.
 */
import { describe, expect, it } from 'vitest';
import { engineFor, type Engine } from '../../src/codec/engine.js';
import { decodeGroupInto, encodeGroup } from '../../src/codec/groups.js';
import { groupByteLength, groupToWords, slabCount } from '../../src/codec/interleave.js';
import { PROFILES } from '../../src/codec/profiles.js';
import { LaneStatus } from '../../src/codec/block-codec.js';
import { randomBytes } from './helpers.js';

const SEED = 0x5eed;

function engine(name: string): Engine {
  const p = PROFILES[name]!;
  return engineFor({ preset: p.preset, n: p.n, seed: p.seed, maxSweeps: p.maxSweeps, decoder: 'auto' });
}

// l % 32 ≠ 0 with W not a multiple of 4 (the kernel's rows wider than the file's), with W a
// multiple of 4 (rows the file's own), l % 32 = 0 but l % 128 ≠ 0, and a few blocks.
const LENGTHS = [1846, 1900, 1856, 200, 96, 33, 5, 1];

/** The first index where two word arrays differ (or where one ends), -1 if equal. */
function firstDiff(a: Int32Array, b: Int32Array): number {
  const m = Math.min(a.length, b.length);
  for (let i = 0; i < m; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : m;
}

describe('short groups through the clean-check kernel', () => {
  it('groupWords equals groupToWords, whole and truncated, from a buffer and in place', () => {
    const e = engine('default');
    const n = e.code.n;
    expect(e.blocks.checkKernel(), 'the WebAssembly kernel is built and loads (npm run build)').not.toBe('js');
    const big = randomBytes(groupByteLength(1999, n), 7);
    for (const l of LENGTHS) {
      const bytes = groupByteLength(l, n);
      const src = randomBytes(bytes + 9, l);
      for (const [off, avail] of [[0, bytes], [3, bytes], [5, Math.floor(bytes / 3)], [1, 0]] as const) {
        const want = groupToWords(src, off, avail, l, n);
        // A wider group first: its bytes are left in every area the short one reuses.
        e.blocks.groupWords(big, 0, big.length, 1999);
        expect(firstDiff(e.blocks.groupWords(src, off, avail, l), want), `l = ${l}, off ${off}, avail ${avail}`).toBe(-1);
      }
      const stage = e.blocks.groupStage(l)!;
      expect(stage.length, `l = ${l}`).toBe(bytes);
      stage.set(src.subarray(0, bytes));
      expect(firstDiff(e.blocks.groupWords(stage, 0, bytes, l), groupToWords(src, 0, bytes, l, n)), `l = ${l}, in place`).toBe(-1);
    }
  });

  for (const name of ['default', 'light']) {
    it(`${name}: decoding short groups gives the JavaScript kernels' bytes, statuses and bit counts`, () => {
      const e = engine(name);
      const n = e.code.n;
      const p = e.blocks.payloadBytes;
      const info = e.code.encoder.infoPositions;
      for (const l of [...LENGTHS, 2048, 1846, 64]) {
        const w = slabCount(l);
        const data = randomBytes(l * p, l + 1);
        const clean = encodeGroup(e, data, 0, l * p - 11, 4096, SEED);
        // Damage in the file layout: an information bit of the last block, a parity bit of the
        // first, and 30 flips in one slab (noisy: the dynamics).
        const bad = clean.slice();
        const flip = (v: number, b: number): void => {
          const bit = v * l + b;
          bad[bit >>> 3]! ^= 1 << (bit & 7);
        };
        flip(info[17]!, l - 1);
        flip(info.includes(0) ? n - 1 : 0, 0);
        for (let f = 0; f < 30; f++) flip((f * 7919) % n, Math.min(l - 1, 32 * (w >> 1) + (f % 32)));
        for (const [label, bytes] of [['clean', clean], ['damaged', bad]] as const) {
          const got = new Uint8Array(l * p).fill(0xa5);
          const r = decodeGroupInto(e, bytes, 0, bytes.length, l, 4096, SEED, got);
          e.blocks.setCheckKernel('js');
          try {
            const want = new Uint8Array(l * p).fill(0xa5);
            const g = groupToWords(bytes, 0, bytes.length, l, n);
            const t = e.blocks.decodeGroupWords(g, w, l, 4096, want, 0, want.length, SEED);
            expect(Array.from(r.status), `l = ${l}, ${label}`).toEqual(Array.from(t.status));
            expect(Array.from(r.bitsCorrected), `l = ${l}, ${label}`).toEqual(Array.from(t.bitsCorrected));
            expect(Buffer.from(got).equals(Buffer.from(want)), `l = ${l}, ${label}`).toBe(true);
          } finally {
            e.blocks.setCheckKernel('auto');
          }
          if (label === 'clean') expect(Array.from(r.status).every((s) => s === LaneStatus.Clean), `l = ${l}`).toBe(true);
          else expect(Array.from(r.status).some((s) => s !== LaneStatus.Clean), `l = ${l}`).toBe(true);
        }
      }
    });
  }
});
