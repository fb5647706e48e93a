/**
 * Format 2 loses only what damage touched: a bad 512 B sector at offset 0 (all header
 * copies of format 1 sat there), a lost 4 KiB sector, a dropped or duplicated page, a
 * cut, a damaged stream tail, trailing data after the container.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createCodec, type Codec } from '../../src/codec/index.js';
import { PAGE_BYTES, TAIL_BYTES } from '../../src/codec/container.js';
import { equalBytes, randomBytes } from './helpers.js';

const codec = createCodec({ profile: 'legacy', fileSeed: 11 }); // defaults: parity10-d5, N = 4000, interleave 2048
const data = randomBytes(1_100_000, 21); // 4472 blocks: two full groups of 2048 and one of 376
const enc = codec.encode(data);

function without(b: Uint8Array, at: number, len: number): Uint8Array {
  const out = new Uint8Array(b.length - len);
  out.set(b.subarray(0, at));
  out.set(b.subarray(at + len), at);
  return out;
}

function withCopy(b: Uint8Array, at: number, from: number, len: number): Uint8Array {
  const out = new Uint8Array(b.length + len);
  out.set(b.subarray(0, at));
  out.set(b.subarray(from, from + len), at);
  out.set(b.subarray(at), at + len);
  return out;
}

async function streamEncode(c: Codec, d: Uint8Array): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from([d.subarray(0, 77_777), d.subarray(77_777)]), c.encodeStream(), new Writable({ write(x, _e, cb) { parts.push(x as Buffer); cb(); } }));
  return new Uint8Array(Buffer.concat(parts));
}

describe('damage costs only what it touched', () => {
  it('one bad 512 B sector at offset 0: the file still decodes (header from the other pages)', () => {
    for (const fill of [0x00, 0xff]) {
      const bad = enc.slice();
      bad.fill(fill, 0, 512);
      const r = codec.decode(bad);
      expect(equalBytes(r.data, data)).toBe(true);
      expect(r.report.headerCopiesDamaged).toBeGreaterThanOrEqual(1);
    }
  });

  it('the first 16 pages wiped: a buffer decode takes the header from the tail copies', () => {
    const bad = enc.slice();
    bad.fill(0, 0, 16 * PAGE_BYTES);
    const { data: out, report } = codec.decode(bad, { partial: true });
    expect(report.headerCopiesDamaged).toBeGreaterThanOrEqual(16);
    expect(equalBytes(out.subarray(2048 * 246), data.subarray(2048 * 246))).toBe(true); // groups 1 and 2 intact
  });

  it('one lost 4 KiB sector inside a full group: 16 errors per block, every block restored', () => {
    const bad = enc.slice();
    bad.fill(0xa5, 40 * PAGE_BYTES, 41 * PAGE_BYTES);
    const r = codec.decode(bad);
    expect(equalBytes(r.data, data)).toBe(true);
    expect(r.report.blocksCorrected).toBeGreaterThan(1000);
  });

  it('a dropped page: found missing by the page indexes, read as zeros, the group still decodes', () => {
    const r = codec.decode(without(enc, 100 * PAGE_BYTES, PAGE_BYTES));
    expect(equalBytes(r.data, data)).toBe(true);
    expect(r.report.pagesMissing).toBe(1);
  });

  it('a duplicated page is skipped', () => {
    const r = codec.decode(withCopy(enc, 101 * PAGE_BYTES, 100 * PAGE_BYTES, PAGE_BYTES));
    expect(equalBytes(r.data, data)).toBe(true);
    expect(r.report.pagesDuplicated).toBe(1);
  });

  it('with shallow interleave, a dropped page or a 1000-byte cut costs only the group it hit', () => {
    const c64 = createCodec({ profile: 'legacy', interleave: 64, fileSeed: 12 });
    const d = randomBytes(246 * 64 * 6, 22);
    const e = c64.encode(d);
    for (const bad of [without(e, 9 * PAGE_BYTES, PAGE_BYTES), without(e, 9 * PAGE_BYTES + 700, 1000)]) {
      const { data: out, report } = c64.decode(bad, { partial: true });
      // Page 9 holds S bytes [36 288, 40 320): group 1 (bytes [32 000, 64 000)) only.
      expect(report.badRanges.map((b) => [b.block, b.blocks, b.reason])).toEqual([[64, 64, 'missing']]);
      expect(equalBytes(out.subarray(0, 64 * 246), d.subarray(0, 64 * 246))).toBe(true);
      expect(equalBytes(out.subarray(128 * 246), d.subarray(128 * 246))).toBe(true);
    }
  });

  it('a cut inside the group data is reported as truncation, not as a dynamics failure', () => {
    let msg = '';
    try {
      codec.decode(enc.subarray(0, 300 * PAGE_BYTES));
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/truncated/);
    expect(msg).not.toMatch(/dynamics/);
    const { data: out, report } = codec.decode(enc.subarray(0, 300 * PAGE_BYTES), { partial: true });
    expect(report.truncated).toBe(true);
    expect(equalBytes(out, data.subarray(0, out.length))).toBe(true); // the first group, intact
    expect(out.length).toBe(2048 * 246);
  });

  it('a stream container (length in the tail) survives a bad tail sector, and keeps its full groups when the tail is gone', async () => {
    const s = await streamEncode(codec, data);
    const bad = s.slice();
    bad.fill(0, bad.length - 512);
    expect(equalBytes(codec.decode(bad).data, data)).toBe(true);
    const gone = s.subarray(0, s.length - TAIL_BYTES - 2 * PAGE_BYTES);
    const { data: out, report } = codec.decode(gone, { partial: true });
    expect(out.length).toBe(2 * 2048 * 246);
    expect(equalBytes(out, data.subarray(0, out.length))).toBe(true);
    expect(report.notices.join(' ')).toMatch(/tail .* is lost/);
  });

  it('trailing data after the container: a notice, in linear time', () => {
    const tail = new Uint8Array(enc.length + 8 * 1024 * 1024);
    tail.set(enc);
    tail.set(enc.subarray(0, 100_000), enc.length); // a second container's start
    const t0 = performance.now();
    const r = codec.decode(tail);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(equalBytes(r.data, data)).toBe(true);
    expect(r.report.trailingBytes).toBe(8 * 1024 * 1024);
    expect(r.report.notices.join(' ')).toMatch(/8388608 bytes after the end of the container/);
  });
});
