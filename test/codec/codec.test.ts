/**
 * createCodec end to end: round trips (buffers and streams), random errors inside the
 * network's capability, a 1000-bit burst, partial decoding, and loud failures.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createCodec, CodecError, type Codec, type DecodeReport } from '../../src/codec/index.js';
import { PAGE_BYTES, pageHead, TAIL_BYTES, writeRecord, writeTail } from '../../src/codec/container.js';
import { equalBytes, flipBits, flipS, physOf, randomBytes } from './helpers.js';

const codec = createCodec({ profile: 'legacy' });
const small = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32 });

async function viaStreams(c: Codec, data: Uint8Array, chunk: number, partial = false): Promise<{ enc: Uint8Array; dec: Uint8Array; report?: DecodeReport }> {
  const pieces = (b: Uint8Array): Uint8Array[] => Array.from({ length: Math.ceil(b.length / chunk) }, (_, i) => b.subarray(i * chunk, (i + 1) * chunk));
  const collect = (into: Buffer[]): Writable => new Writable({ write(c2, _e, cb) { into.push(c2 as Buffer); cb(); } });
  const e: Buffer[] = [];
  await pipeline(Readable.from(pieces(data)), c.encodeStream(), collect(e));
  const enc = new Uint8Array(Buffer.concat(e));
  const d: Buffer[] = [];
  let report: DecodeReport | undefined;
  const ds = c.decodeStream({ partial });
  ds.on('report', (r: DecodeReport) => (report = r));
  await pipeline(Readable.from(pieces(enc)), ds, collect(d));
  return { enc, dec: new Uint8Array(Buffer.concat(d)), report };
}

describe('round trip', () => {
  it.each([0, 1, 245, 246, 247, 1001, 64 * 246, 64 * 246 + 7])('buffer of %i bytes', (size) => {
    const data = randomBytes(size, size);
    const enc = codec.encode(data);
    expect(enc.length).toBe(codec.encodedLength(size));
    const { data: out, report } = codec.decode(enc);
    expect(equalBytes(out, data)).toBe(true);
    expect(report).toMatchObject({ blocksTotal: Math.ceil(size / 246), blocksCorrected: 0, blocksFailed: 0, payloadLength: size });
  });

  it('multi-megabyte buffer, and streams in odd chunks (length in the trailer)', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 13, 7);
    expect(equalBytes(codec.decode(codec.encode(data)).data, data)).toBe(true);
    const s = await viaStreams(codec, data, 65_537);
    expect(equalBytes(s.dec, data)).toBe(true);
    expect(s.report?.blocksTotal).toBe(Math.ceil(data.length / 246));
  });

  it.each([0, 1, 999, 246 * 64, 246 * 64 * 2 + 5])('streams of %i bytes in 100-byte chunks; a buffer decode reads a stream container', async (size) => {
    const data = randomBytes(size, 100 + size);
    const s = await viaStreams(codec, data, 100);
    expect(equalBytes(s.dec, data)).toBe(true);
    expect(equalBytes(codec.decode(s.enc).data, data)).toBe(true);
  });

  it('overhead is about 1 / rate (plus 64 of every 4096 bytes for the page heads)', () => {
    expect(codec.encodedLength(64 << 20) / (64 << 20)).toBeLessThan(2.07);
  });
});

describe('random bit errors inside capability', () => {
  it('BER 2e-3 over the whole container: identical bytes, 20 seeds', () => {
    const data = randomBytes(40_000, 1);
    const enc = codec.encode(data);
    for (let seed = 0; seed < 20; seed++) {
      const bad = enc.slice();
      const flips = flipBits(bad, 2e-3, seed);
      const { data: out, report } = codec.decode(bad);
      expect(equalBytes(out, data)).toBe(true);
      expect(report.blocksFailed).toBe(0);
      expect(report.bitsCorrected).toBeLessThanOrEqual(flips);
      expect(report.blocksCorrected).toBeGreaterThan(0);
    }
  });

  it('BER 5e-3 with N = 1024: identical bytes, 10 seeds, via streams too', async () => {
    const data = randomBytes(20_000, 2);
    const enc = small.encode(data);
    for (let seed = 0; seed < 10; seed++) {
      const bad = enc.slice();
      flipBits(bad, 5e-3, 100 + seed);
      expect(equalBytes(small.decode(bad).data, data)).toBe(true);
    }
  });

  it('a burst of 1000 consecutive flipped bits in a 4 MB file is repaired by interleaving', () => {
    const data = randomBytes(4_000_000, 3);
    const enc = codec.encode(data);
    for (const start of [physOf(1_000_003), physOf(3_900_000)]) {
      const bad = enc.slice();
      for (let t = start * 8 + 3; t < start * 8 + 1003; t++) bad[t >>> 3]! ^= 1 << (t & 7);
      const { data: out, report } = codec.decode(bad);
      expect(equalBytes(out, data)).toBe(true);
      expect(report.blocksFailed).toBe(0);
      // The burst hits one or two input positions of 1000 blocks. Flips in parity
      // positions of slabs whose blocks all pass their CRC are not counted (CRC first,
      // block-codec.ts); every other flip is corrected and counted.
      expect(report.bitsCorrected).toBeLessThanOrEqual(1000);
    }
  });
});

describe('loud failure', () => {
  it('beyond capability: throws BLOCK_FAILED naming a block and its byte range; partial returns good data and the ranges', () => {
    const data = randomBytes(246 * 40, 4);
    const enc = codec.encode(data);
    const bad = enc.slice();
    flipBits(bad, 0.03, 9);
    let err: unknown;
    try {
      codec.decode(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodecError);
    const ce = err as CodecError;
    expect(ce.code).toBe('BLOCK_FAILED');
    expect(ce.message).toMatch(/^hopcode\/codec: /);
    expect((ce.byteRange![1] - ce.byteRange![0]) % 246).toBe(0);
    expect(ce.byteRange![0]).toBe(ce.block! * 246);
    expect(ce.message).toMatch(/block/);
    const { data: out, report } = codec.decode(bad, { partial: true });
    expect(out.length).toBe(data.length);
    expect(report.blocksFailed).toBeGreaterThan(0);
    const badSet = new Set(report.badRanges.flatMap((r) => Array.from({ length: r.blocks }, (_, i) => r.block + i)));
    expect(badSet.size).toBe(report.blocksFailed);
    for (let b = 0; b < 40; b++) {
      const want = badSet.has(b) ? new Uint8Array(246) : data.subarray(b * 246, b * 246 + 246);
      expect(equalBytes(out.subarray(b * 246, b * 246 + 246), want)).toBe(true);
    }
  });

  it('a stream decode errors out before passing on a bad group', async () => {
    const c64 = createCodec({ profile: 'legacy', interleave: 64 });
    const data = randomBytes(246 * 64 * 3, 5);
    const enc = c64.encode(data);
    const bad = enc.slice();
    const groupBytes = (64 * 4000) / 8;
    flipS(bad, 0.05, 1, groupBytes, 2 * groupBytes);
    const got: Buffer[] = [];
    await expect(
      pipeline(Readable.from([bad]), c64.decodeStream(), new Writable({ write(c, _e, cb) { got.push(c as Buffer); cb(); } })),
    ).rejects.toMatchObject({ code: 'BLOCK_FAILED' });
    const out = Buffer.concat(got);
    expect(out.length).toBeLessThanOrEqual(246 * 64);
    expect(equalBytes(new Uint8Array(out), data.subarray(0, out.length))).toBe(true);
  });
});

describe('damaged and foreign containers', () => {
  const data = randomBytes(5000, 6);
  const enc = codec.encode(data);
  const codeOf = (f: () => unknown): string => {
    try {
      f();
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(CodecError);
      return (e as CodecError).code;
    }
  };

  it('truncated files', () => {
    expect(codeOf(() => codec.decode(enc.subarray(0, 100)))).toBe('TRUNCATED');
    expect(codeOf(() => codec.decode(enc.subarray(0, 30)))).toBe('TRUNCATED');
    expect(codeOf(() => codec.decode(enc.subarray(0, 64 + 10)))).toBe('TRUNCATED');
    expect(codeOf(() => codec.decode(enc.subarray(0, enc.length - 1)))).toBe('ok'); // only a tail copy is cut
    expect(codeOf(() => codec.decode(enc.subarray(0, enc.length - TAIL_BYTES - 3000)))).toBe('TRUNCATED');
    // Cut inside the group data: partial keeps what is there, and says truncated (never zero-fills past the end).
    const cut = codec.decode(enc.subarray(0, 64 + 2000), { partial: true });
    expect(cut.report.truncated).toBe(true);
    expect(cut.report.blocksFailed).toBe(cut.report.blocksTotal);
    expect(cut.report.badRanges).toEqual([{ block: 0, blocks: 21, start: 0, end: 5000, reason: 'missing' }]);
    expect(cut.data.length).toBe(0);
  });

  it('garbage, empty and wrong magic', () => {
    expect(codeOf(() => codec.decode(new Uint8Array(0)))).toBe('BAD_MAGIC');
    expect(codeOf(() => codec.decode(randomBytes(10_000, 8)))).toBe('BAD_MAGIC');
    const wrong = enc.slice();
    for (let o = 0; o < enc.length - TAIL_BYTES; o += PAGE_BYTES) wrong.fill(0x58, o, o + 4); // every page head …
    for (let o = enc.length - TAIL_BYTES; o < enc.length; o += 80) wrong.fill(0x58, o, o + 4); // … and tail record
    expect(codeOf(() => codec.decode(wrong))).toBe('BAD_MAGIC');
    wrong.set([0x48, 0x4f, 0x50, 0x43], 0);
    wrong[10]! ^= 1; // one copy with the magic but a bad CRC: a damaged container, not a foreign file
    expect(codeOf(() => codec.decode(wrong))).toBe('BAD_HEADER');
  });

  it('flipped header bits are repaired (the first page head wiped, or one different bit in every copy)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const bad = enc.slice();
      flipBits(bad, 0.3, 50 + seed, 0, 64);
      const r = codec.decode(bad);
      expect(equalBytes(r.data, data)).toBe(true);
    }
    const bad = enc.slice();
    const copies = [0, PAGE_BYTES, 2 * PAGE_BYTES, ...Array.from({ length: 8 }, (_, c) => enc.length - TAIL_BYTES + 80 * c)];
    copies.forEach((o, c) => (bad[o + 10 + c]! ^= 0x10)); // one different bit in every copy: only the majority is right
    const r = codec.decode(bad);
    expect(equalBytes(r.data, data)).toBe(true);
    expect(r.report.headerCopiesDamaged).toBe(copies.length);
  });

  it('headers from a different network: the blocks fail loudly, never wrong bytes', () => {
    const other = createCodec({ preset: 'parity10-d5', n: 4000, seed: 2 }).encode(data);
    const spliced = enc.slice();
    for (let o = 0; o < enc.length - TAIL_BYTES; o += PAGE_BYTES) spliced.set(other.subarray(o, o + 64), o);
    spliced.set(other.subarray(other.length - TAIL_BYTES), enc.length - TAIL_BYTES);
    expect(codeOf(() => codec.decode(spliced))).toBe('BLOCK_FAILED');
    const r = codec.decode(spliced, { partial: true });
    expect(r.report.blocksFailed).toBe(r.report.blocksTotal);
  });

  it('a header whose parity-check hash does not match the rebuilt network is refused', async () => {
    const rec = writeRecord({ version: 2, preset: 'parity10-d5', n: 4000, seed: 1, interleave: 2048, hHash: 0x12345678, fileId: '0123456789abcdef', payloadLength: 5000 });
    const forged = enc.slice();
    for (let o = 0, i = 0; o < enc.length - TAIL_BYTES; o += PAGE_BYTES, i++) forged.set(pageHead(rec, i), o);
    forged.set(writeTail(rec, 5000), enc.length - TAIL_BYTES);
    expect(codeOf(() => codec.decode(forged))).toBe('NETWORK_MISMATCH');
  });

  it('rejects bad options', () => {
    expect(() => createCodec({ profile: 'legacy', interleave: 50 })).toThrow(CodecError);
    expect(() => createCodec({ preset: 'nope' })).toThrow(/hopcode\/codec:/);
    expect(() => createCodec({ preset: 'parity10-d5', n: 3999 })).toThrow(CodecError);
  });
});

describe('decoders are interchangeable', () => {
  it('auto (bit-sliced kernel), sparse and reference give the same report and bytes', () => {
    const opts = { preset: 'parity10-d5', n: 200, interleave: 32, maxSweeps: 30 } as const;
    const data = randomBytes(12 * 64, 11);
    const enc = createCodec(opts).encode(data);
    const bad = enc.slice();
    flipBits(bad, 0.03, 12, 64);
    const runs = (['auto', 'sparse', 'reference'] as const).map((decoder) => createCodec({ ...opts, decoder }).decode(bad, { partial: true }));
    expect(runs[0]!.report.blocksFailed).toBeGreaterThan(0);
    expect(runs[0]!.report.blocksCorrected).toBeGreaterThan(0);
    for (const r of runs.slice(1)) {
      expect(r.report).toEqual(runs[0]!.report);
      expect(equalBytes(r.data, runs[0]!.data)).toBe(true);
    }
  });
});
