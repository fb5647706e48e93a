/**
 * The never-wrong-bytes promise of issue 14, on every protection profile (profiles.ts),
 * at the profile's own network and N: noise beyond the profile's limit, wrong stored
 * states by construction (a codeword of the network added to a block), a group spliced
 * from an older encode, mutated containers, and the decoders' interchangeability. Every
 * block comes back identical or is reported (zero-filled and listed); none is wrong.
 * Sizes are small (a few hundred blocks, interleave overridden to 32 where groups are
 * needed) so the whole file stays within a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, CodecError, type Codec } from '../../src/codec/index.js';
import { engineFor } from '../../src/codec/engine.js';
import { PROFILE_NAMES, PROFILES } from '../../src/codec/profiles.js';
import { Rng } from '../../src/util/rng.js';
import { equalBytes, flipBits, physOf, randomBytes } from './helpers.js';

/** A bit error rate beyond each profile's limit (most blocks fail). */
const BEYOND: Record<string, number> = { default: 1.2e-2, light: 4e-3, robust: 5e-2, legacy: 3e-2 };

/** Decode with partial: every block is the original or zero-filled and listed; returns counts. */
function judge(codec: Codec, enc: Uint8Array, data: Uint8Array): { failed: number; crc: number; good: number } {
  const p = codec.payloadBytesPerBlock;
  const blocks = Math.ceil(data.length / p);
  const { data: out, report } = codec.decode(enc, { partial: true });
  const bad = new Set(report.badRanges.flatMap((r) => Array.from({ length: r.blocks }, (_, i) => r.block + i)));
  expect(bad.size).toBe(report.blocksFailed);
  let good = 0;
  for (let b = 0; b < blocks; b++) {
    const got = out.subarray(b * p, Math.min(data.length, b * p + p));
    const want = data.subarray(b * p, Math.min(data.length, b * p + p));
    if (bad.has(b)) expect(got.every((x) => x === 0)).toBe(true);
    else {
      expect(equalBytes(got, want)).toBe(true); // never wrong bytes
      good++;
    }
  }
  return { failed: report.blocksFailed, crc: report.blocksFailedCrc, good };
}

describe.each(PROFILE_NAMES)('profile %s: no wrong block is ever returned as good', (name) => {
  const prof = PROFILES[name]!;
  const small = createCodec({ profile: name, interleave: 32, fileSeed: 5, workers: 1 });
  const p = small.payloadBytesPerBlock;

  it(`random noise beyond the limit (BER ${BEYOND[name]}): every block identical or reported`, () => {
    const codec = createCodec({ profile: name, fileSeed: 4, workers: 1 });
    const data = randomBytes(256 * p - 7, 1);
    const enc = codec.encode(data);
    flipBits(enc, BEYOND[name]!, 2);
    const c = judge(codec, enc, data);
    expect(c.failed).toBeGreaterThan(64);
    expect(c.failed + c.good).toBe(256);
  });

  it('a codeword of the network added to 1 block in 8: a stored state, caught by the CRC', () => {
    const blocks = 64;
    const data = randomBytes(blocks * p, 3);
    const enc = small.encode(data);
    const engine = engineFor({ preset: prof.preset, n: prof.n, seed: prof.seed, maxSweeps: prof.maxSweeps, decoder: 'auto' });
    const k = engine.blocks.k;
    const rng = Rng.stream(7, prof.n);
    for (let b = 0; b < blocks; b += 8) {
      const info = new Int32Array(Math.ceil(k / 32) * 32);
      for (let i = 0; i < k; i++) info[i] = rng.next() & 1; // lane 0
      const words = engine.blocks.encoder.encodeWords(info, new Int32Array(prof.n));
      const g = Math.floor(b / 32);
      for (let v = 0; v < prof.n; v++) {
        if (!(words[v]! & 1)) continue;
        const t = g * 32 * prof.n + v * 32 + (b % 32); // group g of 32 blocks: bit v·32 + j is input v of block j
        enc[physOf(t >>> 3)]! ^= 1 << (t & 7);
      }
    }
    const c = judge(small, enc, data);
    expect(c.failed).toBe(8);
    expect(c.crc).toBe(8);
  });

  it('a group written back from an older encode of the same data: caught by the CRC', () => {
    const data = randomBytes(3 * 32 * p, 6);
    const older = createCodec({ profile: name, interleave: 32, fileSeed: 8, workers: 1 }).encode(data);
    const cur = small.encode(data);
    const g = (32 * prof.n) / 8;
    for (let s = g; s < 2 * g; s++) cur[physOf(s)] = older[physOf(s)]!;
    const c = judge(small, cur, data);
    expect([c.failed, c.crc]).toEqual([32, 32]);
  });

  it('mutated containers: only CodecError, and good bytes only', () => {
    const data = randomBytes(40 * p + 11, 9);
    const enc = small.encode(data);
    const mutation = fc.record({ at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }), len: fc.integer({ min: 1, max: 3000 }), cut: fc.boolean() });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        let x = enc.slice();
        for (const m of ms) {
          const at = m.at % x.length;
          if (m.cut) x = x.slice(0, Math.max(1, at));
          else for (let i = at; i < Math.min(x.length, at + m.len); i += 97) x[i]! ^= m.bits;
        }
        try {
          const r = small.decode(x, { partial: true });
          const bad = new Set(r.report.badRanges.flatMap((b) => Array.from({ length: b.blocks }, (_, i) => b.block + i)));
          for (let k = 0; k * p < r.data.length; k++) if (!bad.has(k)) expect(equalBytes(r.data.subarray(k * p, k * p + p), data.subarray(k * p, Math.min(r.data.length, k * p + p)))).toBe(true);
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('profiles: the decoders are interchangeable on the BCH profiles', () => {
  for (const name of PROFILE_NAMES.filter((n) => PROFILES[n]!.preset.startsWith('bch'))) {
    it(`${name}: auto and reference give the same report and bytes on a noisy container`, () => {
      const opts = { profile: name, interleave: 32, fileSeed: 2, workers: 1 } as const;
      const a = createCodec(opts);
      const data = randomBytes(32 * a.payloadBytesPerBlock, 12);
      const bad = a.encode(data);
      flipBits(bad, name === 'light' ? 1.5e-3 : 5e-3, 13);
      const runs = (['auto', 'reference'] as const).map((decoder) => createCodec({ ...opts, decoder }).decode(bad, { partial: true }));
      expect(runs[0]!.report.blocksCorrected).toBeGreaterThan(0);
      expect(runs[1]!.report).toEqual(runs[0]!.report);
      expect(equalBytes(runs[1]!.data, runs[0]!.data)).toBe(true);
    });
  }
});

describe('profiles: the worker pool runs the BCH decoder', () => {
  it('light through a pool of 2: byte-identical container, same bytes and report as one thread', async () => {
    const one = createCodec({ profile: 'light', workers: 1, fileSeed: 9 });
    const pool = createCodec({ profile: 'light', workers: 2, poolMinBytes: 0, interleave: 64, fileSeed: 9 });
    const single = createCodec({ profile: 'light', workers: 1, interleave: 64, fileSeed: 9 });
    const data = randomBytes(64 * 3 * one.payloadBytesPerBlock + 5, 14);
    const enc = single.encode(data);
    expect(equalBytes(await pool.encodeAsync(data), enc)).toBe(true);
    flipBits(enc, 2e-4, 15);
    const a = single.decode(enc, { partial: true });
    const b = await pool.decodeAsync(enc, { partial: true });
    await pool.close();
    expect(a.report.blocksCorrected).toBeGreaterThan(0);
    expect(b.report).toEqual(a.report);
    expect(equalBytes(b.data, a.data)).toBe(true);
  });
});
