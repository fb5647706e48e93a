/**
 * Format 2 binds every block to its container: groups spliced in from an older encode
 * of the same file or from another file (same network) are caught and named, wrong
 * stored states (a codeword of the network added to a block) are caught by the CRC, and
 * forged headers with valid CRCs on every field finish in bounded time and memory.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, CodecError } from '../../src/codec/index.js';
import { engineFor } from '../../src/codec/engine.js';
import { PAGE_BYTES, pageHead, parseRecord, RECORD_BYTES, TAIL_BYTES, writeTail } from '../../src/codec/container.js';
import { crc32c } from '../../src/codec/crc32c.js';
import { equalBytes, physOf, randomBytes } from './helpers.js';

const codec = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32 });
const P = codec.payloadBytesPerBlock; // 60
const G = (32 * 1024) / 8; // bytes of one group in S

/** Copy S bytes [a, a + len) of `from` into the same S place of `to`. */
function spliceS(to: Uint8Array, from: Uint8Array, a: number, len: number): void {
  for (let i = a; i < a + len; i++) to[physOf(i)] = from[physOf(i)]!;
}

function failure(f: () => unknown): CodecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    return e as CodecError;
  }
  throw new Error('expected a CodecError');
}

describe('blocks are bound to their container', () => {
  const data = randomBytes(P * 32 * 5, 1);
  const edited = data.slice();
  edited[P * 32 * 2 + 7]! ^= 0x40; // a later version of the file: one byte changed in group 2

  it('a group written back from an older version of the same file: exit-1 error naming its blocks', () => {
    const old = codec.encode(data);
    const cur = codec.encode(edited);
    const spliced = cur.slice();
    spliceS(spliced, old, 2 * G, G);
    const e = failure(() => codec.decode(spliced));
    expect(e.code).toBe('BLOCK_FAILED');
    expect(e.message).toMatch(/blocks 64 … 95 \(bytes \[3840, 5760\)\): reached stored states whose CRC-32C does not match/);
    const { data: out, report } = codec.decode(spliced, { partial: true });
    expect(report.badRanges).toEqual([{ block: 64, blocks: 32, start: 3840, end: 5760, reason: 'crc' }]);
    expect(report.blocksFailedCrc).toBe(32);
    expect(equalBytes(out.subarray(0, 3840), edited.subarray(0, 3840))).toBe(true);
    expect(equalBytes(out.subarray(5760), edited.subarray(5760))).toBe(true);
  });

  it('a group from another file encoded with the same network is caught', () => {
    const mine = codec.encode(data);
    const other = codec.encode(randomBytes(data.length, 2));
    const spliced = mine.slice();
    spliceS(spliced, other, 1 * G, G);
    const { report } = codec.decode(spliced, { partial: true });
    expect(report.badRanges).toEqual([{ block: 32, blocks: 32, start: 1920, end: 3840, reason: 'crc' }]);
  });

  it('two encodes get different file ids unless a file seed is given', () => {
    const id = (b: Uint8Array): string => parseRecord(b.subarray(0, RECORD_BYTES)).fileId;
    expect(id(codec.encode(data))).not.toBe(id(codec.encode(data)));
    const seeded = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32, fileSeed: 7 });
    expect(id(seeded.encode(data))).toBe(id(seeded.encode(edited)));
  });

  it('a codeword of the network added to a block: still a stored state, caught by the CRC', () => {
    const enc = codec.encode(data);
    const engine = engineFor({ preset: 'parity10-d5', n: 1024, seed: 1, maxSweeps: 50, decoder: 'auto' });
    const k = engine.blocks.k;
    const info = new Int32Array(Math.ceil(k / 32) * 32);
    const r = randomBytes(info.length * 4, 5);
    for (let i = 0; i < k; i++) info[i] = r[i]! & 1 ? -1 : 0; // lane j of word i = info bit i of codeword j
    const words = engine.blocks.encoder.encodeWords(info, new Int32Array(1024));
    expect(engine.blocks.dirtyLanes(words, -1)).toBe(0); // all 32 lanes are stored states
    const bad = enc.slice();
    const targets = [[0, 3], [2, 31], [4, 0]] as const; // (group, block in group)
    targets.forEach(([g, j], lane) => {
      for (let v = 0; v < 1024; v++) {
        if ((words[v]! >>> lane) & 1) {
          const t = g * G * 8 + v * 32 + j; // S bit of input v of block j (interleave.ts)
          bad[physOf(t >>> 3)]! ^= 1 << (t & 7);
        }
      }
    });
    const { data: out, report } = codec.decode(bad, { partial: true });
    expect(report.blocksCorrected).toBe(0); // zero syndrome: the dynamics never ran
    expect(report.blocksFailedCrc).toBe(3);
    expect(report.badRanges.map((b) => b.block)).toEqual([3, 95, 128]);
    for (const b of report.badRanges) expect(equalBytes(out.subarray(b.start, b.end), new Uint8Array(b.end - b.start))).toBe(true);
  });
});

describe('forged headers with valid CRCs', () => {
  const data = randomBytes(P * 40, 3);
  const enc = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32, fileSeed: 3 }).encode(data);
  const rec = enc.slice(0, RECORD_BYTES);

  /** The container with every header copy replaced by `r` (valid record, page and tail CRCs). */
  function forge(r: Uint8Array, length = 0): Uint8Array {
    new DataView(r.buffer).setUint32(52, crc32c(r, 0, 0, 52), true);
    const out = enc.slice();
    for (let o = 0, i = 0; o < enc.length - TAIL_BYTES; o += PAGE_BYTES, i++) out.set(pageHead(r, i), o);
    out.set(writeTail(r, length), enc.length - TAIL_BYTES);
    return out;
  }

  const fields: [string, number, number, number[]][] = [
    ['version', 4, 1, [0, 3, 255]],
    ['flags', 5, 1, [1, 2, 255]],
    ['interleave/32', 6, 2, [0, 1, 1024, 65535]],
    ['preset[0]', 8, 1, [0, 0x20, 0x7f, 0x41]],
    ['preset[15]', 23, 1, [0x41, 0xff]],
    ['N', 24, 4, [0, 1, 1023, 1025, 2048, 262140, 0x7fffffff, 0xffffffff]],
    ['graph seed', 28, 4, [0, 2, 0xffffffff]],
    ['H hash', 32, 4, [0, 0xffffffff]],
    ['file id', 36, 4, [0, 0xffffffff]],
    ['length lo', 44, 4, [0, 1, 2399, 2401, 0xffffffff]],
    ['length hi', 48, 4, [1, 256, 0x1fffff, 0xffffffff]],
  ];

  it('a payload length that disagrees with the last block\'s zero padding fails that block (never silently cut data)', () => {
    const r = rec.slice();
    new DataView(r.buffer).setUint32(44, data.length - 1, true);
    const got = codec.decode(forge(r), { partial: true });
    expect(got.report.badRanges).toEqual([{ block: 39, blocks: 1, start: 39 * P, end: data.length - 1, reason: 'crc' }]);
  });

  it('forged page indexes (valid CRCs) cannot make the reader emit unbounded zeros', () => {
    for (const index of [5, 300, 0x7fffffff, 0xfffffffe]) {
      const forged = enc.slice();
      forged.set(pageHead(rec, index), PAGE_BYTES); // page 1 claims to be page `index`
      const t0 = performance.now();
      const { data: out, report } = codec.decode(forged, { partial: true });
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(out.length).toBeLessThanOrEqual(data.length);
      expect(report.pagesMissing).toBeLessThanOrEqual(16 + 3);
    }
  });

  it.each(fields)('field %s: every forged value finishes fast with a CodecError or verified bytes', (_name, off, size, values) => {
    for (const v of values) {
      const r = rec.slice();
      const dv = new DataView(r.buffer);
      if (size === 1) r[off] = v;
      else if (size === 2) dv.setUint16(off, v, true);
      else dv.setUint32(off, v >>> 0, true);
      const forged = forge(r, v);
      const t0 = performance.now();
      const heap0 = process.memoryUsage().arrayBuffers;
      for (const partial of [false, true]) {
        try {
          const got = codec.decode(forged, { partial });
          // Whatever comes back is the original data or zero-filled bad ranges, never other bytes.
          for (let b = 0; b * P < got.data.length; b++) {
            const bad = got.report.badRanges.some((x) => b >= x.block && b < x.block + x.blocks);
            const len = Math.min(P, got.data.length - b * P);
            const want = bad ? new Uint8Array(len) : data.subarray(b * P, b * P + len);
            expect(equalBytes(got.data.subarray(b * P, b * P + P), want)).toBe(true);
          }
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
          expect(e.message).toMatch(/^hopcode\/codec: /);
        }
      }
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(process.memoryUsage().arrayBuffers - heap0).toBeLessThan(256 * 1024 * 1024);
    }
  });
});
