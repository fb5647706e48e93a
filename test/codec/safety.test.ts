/**
 * Never wrong bytes: ≥ 10^5 blocks corrupted beyond the network's capability, every
 * block either comes back identical or is reported failed. A small network
 * (parity10-d5, N = 128, K ≈ 64: 3 payload bytes per block, a 32-bit CRC) makes the
 * decodes cheap and wrong stored states common enough for the CRC to matter.
 */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../src/codec/index.js';
import { flipBits, physOf, randomBytes } from './helpers.js';

describe('no wrong block is ever returned as good', () => {
  it('10^5 blocks at BER 0.03 (beyond capability: most fail)', () => {
    const codec = createCodec({ preset: 'parity10-d5', n: 128, interleave: 1024, maxSweeps: 20 });
    const p = codec.payloadBytesPerBlock;
    const blocks = 100_352;
    const data = randomBytes(blocks * p, 1);
    const enc = codec.encode(data);
    const bad = enc.slice();
    flipBits(bad, 0.03, 2);
    const { data: out, report } = codec.decode(bad, { partial: true });
    expect(report.blocksTotal).toBe(blocks);
    const failed = new Set(report.badRanges.flatMap((r) => Array.from({ length: r.blocks }, (_, i) => r.block + i)));
    expect(failed.size).toBe(report.blocksFailed); // every failed block is listed
    let wrong = 0;
    let good = 0;
    const zero = new Uint8Array(p);
    for (let b = 0; b < blocks; b++) {
      const got = out.subarray(b * p, b * p + p);
      const want = data.subarray(b * p, b * p + p);
      const same = Buffer.compare(got, want) === 0;
      if (same) good++;
      else if (Buffer.compare(got, zero) !== 0) wrong++; // a failed block is zero-filled
    }
    expect(wrong).toBe(0);
    expect(good + report.blocksFailed).toBe(blocks);
    expect(report.blocksFailed).toBeGreaterThan(blocks / 2);
    console.log(`safety: ${blocks} blocks, ${report.blocksFailed} failed (${report.blocksFailedCrc} wrong stored states caught by the CRC), ${good} restored, 0 wrong`);
  });

  it('stored states in the wrong place (two groups swapped) are caught by the CRC', () => {
    const codec = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32 });
    const p = codec.payloadBytesPerBlock;
    const data = randomBytes(p * 96, 3);
    const enc = codec.encode(data);
    const g = (32 * 1024) / 8;
    const swapped = enc.slice();
    for (let i = 0; i < g; i++) {
      swapped[physOf(g + i)] = enc[physOf(i)]!;
      swapped[physOf(i)] = enc[physOf(g + i)]!;
    }
    const { report } = codec.decode(swapped, { partial: true });
    expect(report.blocksFailed).toBe(64);
    expect(report.blocksFailedCrc).toBe(64);
  });
});
