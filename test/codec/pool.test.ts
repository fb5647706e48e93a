/** The worker-pool path gives the same bytes, reports and errors as the calling thread. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodec, CodecError, type Codec, type DecodeReport } from '../../src/codec/index.js';
import { equalBytes, flipBits, flipS, randomBytes } from './helpers.js';

// Same file seed everywhere, so containers are byte-identical across codecs (the file id is otherwise random).
const one = createCodec({ profile: 'legacy', workers: 1, interleave: 64, fileSeed: 1 });
const pool = createCodec({ profile: 'legacy', workers: 2, poolMinBytes: 0, interleave: 64, fileSeed: 1 });
const mixed = createCodec({ profile: 'legacy', workers: 2, poolMinBytes: 300_000, interleave: 64, fileSeed: 1 });
const odd = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 96, workers: 1, fileSeed: 1 });
const oddPool = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 96, workers: 2, poolMinBytes: 0, fileSeed: 1 });
afterAll(async () => Promise.all([pool.close(), mixed.close(), oddPool.close()]));

async function streamed(c: Codec, data: Uint8Array, chunk: number, dir: 'encode' | 'decode'): Promise<{ out: Uint8Array; report?: DecodeReport }> {
  const pieces = Array.from({ length: Math.ceil(data.length / chunk) }, (_, i) => data.subarray(i * chunk, (i + 1) * chunk));
  const got: Buffer[] = [];
  let report: DecodeReport | undefined;
  const t = dir === 'encode' ? c.encodeStream() : c.decodeStream({ partial: true });
  t.on('report', (r: DecodeReport) => (report = r));
  await pipeline(Readable.from(pieces), t, new Writable({ write(b, _e, cb) { got.push(b as Buffer); cb(); } }));
  return { out: new Uint8Array(Buffer.concat(got)), report };
}

describe('worker pool', () => {
  it.each([0, 1000, 246 * 64 * 5 + 77, 1_500_001])('encodeAsync / decodeAsync of %i bytes: byte-identical to one thread', async (size) => {
    const data = randomBytes(size, 40 + size);
    const enc = one.encode(data);
    const [a, b] = await Promise.all([pool.encodeAsync(data), mixed.encodeAsync(data)]);
    expect(equalBytes(a, enc)).toBe(true);
    expect(equalBytes(b, enc)).toBe(true);
    const bad = enc.slice();
    flipBits(bad, 2e-3, 41);
    const ref = one.decode(bad);
    for (const c of [pool, mixed]) {
      const got = await c.decodeAsync(bad);
      expect(equalBytes(got.data, data)).toBe(true);
      expect(got.report).toEqual(ref.report);
    }
  });

  it('interleave 96 (three slabs per group, short last group) through the pool', async () => {
    const data = randomBytes(600_000 + 3, 42);
    const enc = odd.encode(data);
    expect(equalBytes(await oddPool.encodeAsync(data), enc)).toBe(true);
    flipBits(enc, 3e-3, 43);
    const got = await oddPool.decodeAsync(enc);
    expect(equalBytes(got.data, data)).toBe(true);
    expect(got.report).toEqual(odd.decode(enc).report);
  });

  it('an unrecoverable block: the same CodecError (block, byte range) and the same partial output as one thread', async () => {
    const data = randomBytes(246 * 64 * 8, 44);
    const bad = one.encode(data);
    const groupBytes = (64 * 4000) / 8;
    flipS(bad, 0.05, 45, 5 * groupBytes, 6 * groupBytes);
    let want: CodecError | undefined;
    try {
      one.decode(bad);
    } catch (e) {
      want = e as CodecError;
    }
    expect(want?.code).toBe('BLOCK_FAILED');
    await expect(pool.decodeAsync(bad)).rejects.toMatchObject({ code: 'BLOCK_FAILED', block: want!.block, byteRange: want!.byteRange, message: want!.message });
    const a = one.decode(bad, { partial: true });
    const b = await pool.decodeAsync(bad, { partial: true });
    expect(equalBytes(a.data, b.data)).toBe(true);
    expect(b.report).toEqual(a.report);
  });

  it('a failure inside a worker is reported naming its blocks', async () => {
    const c = createCodec({ profile: 'legacy', workers: 2, poolMinBytes: 0, interleave: 64, failAtBlock: 200 } as Parameters<typeof createCodec>[0]);
    try {
      const enc = one.encode(randomBytes(246 * 64 * 6, 46));
      await expect(c.decodeAsync(enc)).rejects.toThrow(/^hopcode\/codec: decoding blocks 192 … 255 failed in a worker: test hook/);
    } finally {
      await c.close();
    }
  });

  it('streams with the pool: same container and bytes as one thread, in odd chunks', async () => {
    const data = randomBytes(1_200_000 + 9, 47);
    const enc1 = await streamed(one, data, 70_001, 'encode');
    const encP = await streamed(pool, data, 70_001, 'encode');
    expect(equalBytes(encP.out, enc1.out)).toBe(true);
    flipBits(encP.out, 2e-3, 48);
    const d1 = await streamed(one, encP.out, 33_333, 'decode');
    const dP = await streamed(pool, encP.out, 33_333, 'decode');
    expect(equalBytes(dP.out, data)).toBe(true);
    expect(dP.report).toEqual(d1.report);
  });

  it('a pooled stream decode errors out before passing on a bad group', async () => {
    const data = randomBytes(246 * 64 * 12, 49);
    const bad = one.encode(data);
    const groupBytes = (64 * 4000) / 8;
    flipS(bad, 0.05, 50, 7 * groupBytes, 8 * groupBytes);
    const got: Buffer[] = [];
    await expect(
      pipeline(Readable.from([bad.subarray(0, 100_000), bad.subarray(100_000)]), pool.decodeStream(), new Writable({ write(c, _e, cb) { got.push(c as Buffer); cb(); } })),
    ).rejects.toMatchObject({ code: 'BLOCK_FAILED' });
    const out = Buffer.concat(got);
    expect(out.length).toBeLessThanOrEqual(246 * 64 * 7);
    expect(equalBytes(new Uint8Array(out), data.subarray(0, out.length))).toBe(true);
  });

  it('rejects bad worker counts', () => {
    expect(() => createCodec({ workers: 0 })).toThrow(/^hopcode\/codec: workers/);
  });
});
