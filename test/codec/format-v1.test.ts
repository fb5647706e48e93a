/**
 * Containers of format version 1 (written by the previous codec, test/fixtures) still
 * decode, with a notice that they lack the format-2 protections.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCodec, readHeader } from '../../src/codec/index.js';
import { equalBytes } from './helpers.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
const payload = fixture('v1-payload-len3000.bin');
const codec = createCodec({ profile: 'legacy' });

describe('format version 1', () => {
  it.each(['v1-parity10-d5-n1024-i32-len3000.hop', 'v1-stream-parity10-d5-n1024-i32-len3000.hop'])('%s decodes to its payload, with a notice', (name) => {
    const { data, report } = codec.decode(fixture(name));
    expect(equalBytes(data, payload)).toBe(true);
    expect(report.formatVersion).toBe(1);
    expect(report.notices.join(' ')).toMatch(/format version 1 .* lacks the format-2 protections/);
  });

  it('bit errors in a version-1 container are still corrected; its header reads as version 1', () => {
    const bad = fixture('v1-parity10-d5-n1024-i32-len3000.hop');
    for (let t = 2000; t < 8 * bad.length; t += 997) bad[t >>> 3]! ^= 1 << (t & 7);
    const { data, report } = codec.decode(bad);
    expect(equalBytes(data, payload)).toBe(true);
    expect(report.blocksCorrected).toBeGreaterThan(0);
    expect(readHeader(bad).header).toMatchObject({ version: 1, n: 1024, interleave: 32, payloadLength: 3000, fileId: '' });
  });

  it('a format-2 container whose first page head reads "version 1" (two flipped bits) is still read as format 2', () => {
    const data = payload.subarray(0, 1000);
    const enc = codec.encode(data);
    enc[4] = 1;
    const r = codec.decode(enc);
    expect(r.report.formatVersion).toBe(2);
    expect(equalBytes(r.data, data)).toBe(true);
  });
});
