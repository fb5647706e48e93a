/** page-place.ts writes exactly PageWriter's bytes; the in-place encode equals the streamed one. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { PagePlacer } from '../../src/codec/page-place.js';
import { PageWriter } from '../../src/codec/pages.js';
import { containerBytes, PAGE_DATA_BYTES, writeRecord } from '../../src/codec/container.js';
import { createCodec } from '../../src/codec/index.js';
import { Rng } from '../../src/util/rng.js';
import { equalBytes, randomBytes } from './helpers.js';

const rec = writeRecord({ version: 2, preset: 'bch255-239-d2', n: 8160, seed: 1, interleave: 2048, hHash: 0x1234abcd, fileId: '0123456789abcdef', payloadLength: null });

function viaWriter(pieces: Uint8Array[], payloadLength: number): Uint8Array {
  const w = new PageWriter(rec);
  const parts = [...pieces.flatMap((p) => w.push(p)), ...w.finish(payloadLength)];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('PagePlacer', () => {
  it.each([0, 1, PAGE_DATA_BYTES - 1, PAGE_DATA_BYTES, PAGE_DATA_BYTES + 1, 5 * PAGE_DATA_BYTES, 100_003])('S of %i bytes in random pieces: the bytes of PageWriter', (sLen) => {
    const rng = Rng.stream(7, sLen);
    const s = randomBytes(sLen, sLen + 1);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < sLen; ) {
      const len = Math.min(sLen - at, rng.next() % 3 === 0 ? 0 : rng.next() % (2 * PAGE_DATA_BYTES + 7));
      pieces.push(s.subarray(at, at + len));
      at += len;
    }
    const want = viaWriter(pieces, sLen * 3);
    // A dirty buffer: every byte must be written (heads, data, padding, tail).
    const out = new Uint8Array(containerBytes(sLen).bytes).fill(0xa5);
    const p = new PagePlacer(rec, out);
    for (const piece of pieces) p.push(piece);
    expect(p.finish(sLen * 3)).toBe(out.length);
    expect(equalBytes(out, want)).toBe(true);
  });

  it('encode (in place) is byte-identical to encodeStream (PageWriter), short last group included', async () => {
    const codec = createCodec({ profile: 'legacy', interleave: 64, workers: 1, fileSeed: 3 });
    const data = randomBytes(246 * 64 * 3 + 1001, 5);
    const got: Buffer[] = [];
    const pieces = Array.from({ length: 7 }, (_, i) => data.subarray(i * 7000, (i + 1) * 7000 + (i === 6 ? data.length : 0)));
    await pipeline(Readable.from(pieces), codec.encodeStream({ length: data.length }), new Writable({ write(b, _e, cb) { got.push(b as Buffer); cb(); } }));
    expect(equalBytes(codec.encode(data), new Uint8Array(Buffer.concat(got)))).toBe(true);
  });
});
