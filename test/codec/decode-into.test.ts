/** DecodeOptions.into: the payload decoded into the caller's buffer, the same bytes and report as without it. */
import { afterAll, describe, expect, it } from 'vitest';
import { createCodec } from '../../src/codec/index.js';
import { equalBytes, flipBits, randomBytes } from './helpers.js';

const one = createCodec({ profile: 'legacy', interleave: 32, workers: 1, fileSeed: 7 });
const pool = createCodec({ profile: 'legacy', interleave: 32, workers: 2, poolMinBytes: 0, fileSeed: 7 });
afterAll(() => pool.close());
const data = randomBytes(200_000, 3);
const enc = one.encode(data);

describe('decode into a given buffer', () => {
  it('writes the payload into it (no other output), same bytes and report; the bytes past it stay', async () => {
    for (const [name, run] of [
      ['decode', (b: Uint8Array, into?: Uint8Array) => Promise.resolve(one.decode(b, { partial: true, into }))],
      ['decodeAsync (pool)', (b: Uint8Array, into?: Uint8Array) => pool.decodeAsync(b, { partial: true, into })],
    ] as const) {
      const noisy = enc.slice();
      flipBits(noisy, 0.01, 5);
      const plain = await run(noisy);
      const into = new Uint8Array(data.length + 100).fill(0xa5);
      const r = await run(noisy, into);
      expect(r.data.buffer, name).toBe(into.buffer);
      expect(r.data.byteOffset).toBe(0);
      expect(r.data.length).toBe(data.length);
      expect(equalBytes(r.data, plain.data), name).toBe(true);
      expect(r.report).toEqual(plain.report);
      expect(into.subarray(data.length).every((b) => b === 0xa5)).toBe(true);
      expect(plain.report.blocksCorrected).toBeGreaterThan(0);
    }
  });

  it('a buffer too short is not used: a fresh array, the same bytes', () => {
    const into = new Uint8Array(data.length - 1);
    const r = one.decode(enc, { into });
    expect(r.data.buffer).not.toBe(into.buffer);
    expect(equalBytes(r.data, data)).toBe(true);
    expect(into.every((b) => b === 0)).toBe(true);
  });

  it('refuses a buffer that overlaps the input and a non-array, with one line', async () => {
    const both = new Uint8Array(enc.length + data.length);
    both.set(enc);
    const input = both.subarray(0, enc.length);
    expect(() => one.decode(input, { into: both.subarray(enc.length - 1) })).toThrow(/^hopcode\/codec: into overlaps the container being decoded/);
    await expect(pool.decodeAsync(input, { into: both.subarray(10) })).rejects.toThrow(/into overlaps/);
    expect(equalBytes(one.decode(input, { into: both.subarray(enc.length) }).data, data)).toBe(true);
    expect(() => one.decode(enc, { into: [1, 2] as unknown as Uint8Array })).toThrow(/^hopcode\/codec: into must be a Uint8Array/);
  });
});
