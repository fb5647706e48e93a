/**
 * The clean decode path checks the CRCs first and computes the syndrome only for slabs
 * with a failing block, after a cheap look at the first PREFIX_ROWS checks (block-codec.ts,
 * issue 12). What the report then counts: damage in parity bits only, outside those
 * checks, in a slab whose blocks all pass, is not seen (counted clean); a flip in an information bit is corrected and counted, and so is parity
 * damage in the same slab; the bytes are right in every case.
 */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../src/codec/index.js';
import { engineFor } from '../../src/codec/engine.js';
import { PREFIX_ROWS } from '../../src/codec/block-codec.js';
import { equalBytes, physOf, randomBytes } from './helpers.js';

const codec = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32, fileSeed: 3 });
const engine = engineFor({ preset: 'parity10-d5', n: 1024, seed: 1, maxSweeps: 50, decoder: 'auto' });
const info = new Set(engine.code.encoder.infoPositions);
const h = engine.code.parityCheck;
const prefixCols = new Set(Array.from(h.rowCol.subarray(0, h.rowPtr[PREFIX_ROWS]!)));
// Parity positions the first PREFIX_ROWS checks do not see, and ones they do.
const parityPos = [...Array(1024).keys()].filter((v) => !info.has(v) && !prefixCols.has(v));
const parityPrefix = [...Array(1024).keys()].filter((v) => !info.has(v) && prefixCols.has(v));
const infoPos = [...info];
const data = randomBytes(codec.payloadBytesPerBlock * 64, 8); // 2 groups of 32 blocks
const enc = codec.encode(data);

/** Flip input v of block j of group g (S bit g·G·8 + v·32 + j, interleave.ts). */
function flip(b: Uint8Array, g: number, v: number, j: number): void {
  const t = g * 4096 * 8 + v * 32 + j;
  b[physOf(t >>> 3)]! ^= 1 << (t & 7);
}

describe('clean path: CRC first, syndrome only where a CRC fails', () => {
  it('parity-only damage in an all-passing slab: right bytes, counted clean', () => {
    const bad = enc.slice();
    flip(bad, 0, parityPos[5]!, 3);
    flip(bad, 1, parityPos[100]!, 17);
    const { data: out, report } = codec.decode(bad);
    expect(equalBytes(out, data)).toBe(true);
    expect(report.blocksCorrected).toBe(0);
    expect(report.blocksFailed).toBe(0);
  });

  it('an information flip makes its slab take the syndrome: that block and parity damage beside it are corrected and counted', () => {
    const bad = enc.slice();
    flip(bad, 0, infoPos[40]!, 3); // block 3: a payload bit
    flip(bad, 0, parityPos[7]!, 9); // block 9, same slab: parity only
    flip(bad, 1, parityPos[7]!, 9); // block 41, other slab, all CRCs pass: not seen
    const { data: out, report } = codec.decode(bad);
    expect(equalBytes(out, data)).toBe(true);
    expect(report.blocksCorrected).toBe(2);
    expect(report.bitsCorrected).toBe(2);
  });

  it('parity damage seen by the first PREFIX_ROWS checks sends its slab to the syndrome: counted', () => {
    expect(parityPos.length).toBeGreaterThan(100);
    expect(parityPrefix.length).toBeGreaterThan(100);
    const bad = enc.slice();
    flip(bad, 0, parityPrefix[3]!, 20);
    const { data: out, report } = codec.decode(bad);
    expect(equalBytes(out, data)).toBe(true);
    expect(report.blocksCorrected).toBe(1);
    expect(report.bitsCorrected).toBe(1);
  });
});
