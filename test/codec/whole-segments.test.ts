/**
 * A whole-buffer decode on one thread keeps the data stream S as references into the input
 * (segment-queue.ts) and gathers each group straight into the clean-check kernel's staging
 * area (fold.ts, BlockCodec.groupStage): the same bytes and block counts as the streaming
 * decode (S appended to a ByteQueue chunk by chunk), on clean, noisy, page-damaged, spliced
 * and truncated containers, with groups that fill the staging area (128 and 256 blocks) and a
 * short last group that does not.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createCodec, type Codec, type DecodeReport } from '../../src/codec/index.js';
import { PAGE_BYTES } from '../../src/codec/container.js';
import { equalBytes, flipBits, randomBytes } from './helpers.js';

async function viaStream(c: Codec, enc: Uint8Array, chunk: number): Promise<{ data: Uint8Array; report: DecodeReport }> {
  const out: Buffer[] = [];
  let report: DecodeReport | undefined;
  const ds = c.decodeStream({ partial: true });
  ds.on('report', (r: DecodeReport) => (report = r));
  const pieces = Array.from({ length: Math.ceil(enc.length / chunk) }, (_, i) => enc.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(Readable.from(pieces), ds, new Writable({ write(b, _e, cb) { out.push(b as Buffer); cb(); } }));
  return { data: new Uint8Array(Buffer.concat(out)), report: report! };
}

const counts = (r: DecodeReport): unknown => ({ total: r.blocksTotal, corrected: r.blocksCorrected, failed: r.blocksFailed, bits: r.bitsCorrected, bad: r.badRanges });

describe('one-thread whole decode from references into the input', () => {
  for (const interleave of [128, 256]) {
    it(`interleave ${interleave}: equals the streaming decode on clean, noisy, zeroed, dropped and truncated containers`, async () => {
      const c = createCodec({ interleave, fileSeed: 9, workers: 1 });
      const p = c.payloadBytesPerBlock;
      const data = randomBytes(p * interleave * 3 + 5 * p + 17, interleave);
      const enc = c.encode(data);
      const noisy = enc.slice();
      flipBits(noisy, 1e-3, 4);
      const zeroed = enc.slice();
      zeroed.fill(0, 9 * PAGE_BYTES, 11 * PAGE_BYTES);
      const dropped = new Uint8Array(enc.length - PAGE_BYTES);
      dropped.set(enc.subarray(0, 20 * PAGE_BYTES));
      dropped.set(enc.subarray(21 * PAGE_BYTES), 20 * PAGE_BYTES);
      const cases = { clean: enc, noisy, zeroed, dropped, truncated: enc.slice(0, enc.length - 2 * PAGE_BYTES - 300) };
      for (const [name, input] of Object.entries(cases)) {
        const whole = c.decode(input, { partial: true });
        const stream = await viaStream(c, input, 65_537);
        expect(equalBytes(whole.data.subarray(0, stream.data.length), stream.data), name).toBe(true);
        expect(counts(whole.report), name).toEqual(counts(stream.report));
        if (name === 'clean' || name === 'noisy') expect(equalBytes(whole.data, data), name).toBe(true);
      }
      expect(c.decode(noisy).report.blocksCorrected).toBeGreaterThan(0);
    });
  }
});
