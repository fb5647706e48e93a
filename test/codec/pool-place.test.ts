/** page-place.ts writes exactly PageWriter's bytes; the in-place encode equals the streamed one. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { headCrcState, PagePlacer, placeS } from '../../src/codec/page-place.js';
import { PageStream, wholePages } from '../../src/codec/page-stream.js';
import { PageWriter } from '../../src/codec/pages.js';
import { containerBytes, PAGE_BYTES, PAGE_DATA_BYTES, writeRecord } from '../../src/codec/container.js';
import { createCodec } from '../../src/codec/index.js';
import { Rng } from '../../src/util/rng.js';
import { equalBytes, randomBytes } from './helpers.js';

const rec = writeRecord({ version: 2, preset: 'bch255-239-d2', n: 8160, seed: 1, interleave: 2048, hHash: 0x1234abcd, fileId: '0123456789abcdef', payloadLength: null });

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

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

  it.each([1, 2, 3])('PageStream (seed %i): pieces, and groups framed by a worker, give the bytes of PageWriter', (seed) => {
    const rng = Rng.stream(9, seed);
    const groups: Uint8Array[] = [];
    for (let i = 0; i < 12; i++) groups.push(randomBytes(rng.next() % 3 === 0 ? rng.next() % 5000 : rng.next() % (5 * PAGE_DATA_BYTES), 100 * seed + i));
    const sLen = groups.reduce((n, g) => n + g.length, 0);
    const want = viaWriter(groups, sLen);
    const plain = new PageStream(rec);
    expect(equalBytes(join([...groups.flatMap((g) => plain.push(g)), ...plain.finish(sLen)]), want)).toBe(true);
    const ps = new PageStream(rec);
    const parts: Uint8Array[] = [];
    let at = 0;
    let framedGroups = 0;
    for (const g of groups) {
      const { p0, p1 } = wholePages(at, g.length);
      if (p1 > p0) {
        // What a worker does: frame pages p0 … p1 − 1 from its group, hand back the rest.
        const pages = new Uint8Array((p1 - p0) * PAGE_BYTES).fill(0x5a);
        const a = p0 * PAGE_DATA_BYTES - at;
        const b = p1 * PAGE_DATA_BYTES - at;
        placeS(pages, rec, headCrcState(rec), p0 * PAGE_DATA_BYTES, g.subarray(a, b), p0);
        parts.push(...ps.pushFramed(g.subarray(0, a), pages, g.subarray(b)));
        framedGroups++;
      } else parts.push(...ps.push(g));
      at += g.length;
      expect(ps.framed).toBe(at);
    }
    parts.push(...ps.finish(sLen));
    expect(framedGroups).toBeGreaterThan(2);
    expect(equalBytes(join(parts), want)).toBe(true);
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

describe('pooled encodeStream: workers frame their groups\u2019 whole pages', () => {
  const one = createCodec({ profile: 'legacy', interleave: 96, workers: 1, fileSeed: 4 });
  const pool = createCodec({ profile: 'legacy', interleave: 96, workers: 2, poolMinBytes: 0, fileSeed: 4 });
  const mixed = createCodec({ profile: 'legacy', interleave: 96, workers: 2, poolMinBytes: 100_000, fileSeed: 4 });
  afterAll(async () => Promise.all([pool.close(), mixed.close()]));

  async function streamed(c: ReturnType<typeof createCodec>, data: Uint8Array, chunk: number, length?: number): Promise<Uint8Array> {
    const pieces = Array.from({ length: Math.ceil(data.length / chunk) }, (_, i) => data.subarray(i * chunk, (i + 1) * chunk));
    const got: Buffer[] = [];
    await pipeline(Readable.from(pieces), c.encodeStream(length === undefined ? {} : { length }), new Writable({ write(b, _e, cb) { got.push(b as Buffer); cb(); } }));
    return new Uint8Array(Buffer.concat(got));
  }

  it.each([50_001, 7_777])('chunks of %i bytes: the one-thread stream container, with and without a length', async (chunk) => {
    const data = randomBytes(246 * 96 * 11 + 333, chunk);
    for (const length of [undefined, data.length]) {
      const want = await streamed(one, data, chunk, length);
      expect(equalBytes(await streamed(pool, data, chunk, length), want)).toBe(true);
      expect(equalBytes(await streamed(mixed, data, chunk, length), want)).toBe(true);
    }
  });
});
