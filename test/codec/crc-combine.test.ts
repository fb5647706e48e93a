/**
 * One CRC over a slab's lanes (src/codec/crc-combine.ts) against its naive twin, the
 * per-block check (blockCrc of each payload against its stored CRC, padding zero):
 * agreement on good lanes, on every single flipped bit (payload, stored CRC, padding,
 * across the lanes and at their edges), on wrong block indexes and seeds, and the shift
 * tables against running zero bytes through the table CRC.
 */
import { describe, expect, it } from 'vitest';
import { LaneCrcCombiner, shift, zeroShift } from '../../src/codec/crc-combine.js';
import { blockCrc } from '../../src/codec/block-crc.js';
import { crc32cSoft } from '../../src/codec/crc32c.js';
import { Rng } from '../../src/util/rng.js';

const P = 37 * 4 + 3; // not a multiple of 4: the payload ends mid-word
const LB = 4 * Math.ceil((P + 4 + 5) / 4); // some padding after it

function lanes(count: number, first: number, seed: number, rng: Rng): { u8: Uint8Array; i32: Int32Array } {
  const u8 = new Uint8Array(count * LB);
  for (let b = 0; b < count; b++) {
    const at = b * LB;
    for (let x = 0; x < P; x++) u8[at + 4 + x] = rng.next() & 0xff;
    const c = blockCrc(u8, at + 4, P, first + b, seed);
    new DataView(u8.buffer).setUint32(at, c, true);
  }
  return { u8, i32: new Int32Array(u8.buffer) };
}

/** The naive twin: every block's own CRC and padding. */
function perBlock(u8: Uint8Array, count: number, first: number, seed: number): boolean {
  const dv = new DataView(u8.buffer);
  for (let b = 0; b < count; b++) {
    const at = b * LB;
    if (dv.getUint32(at, true) !== blockCrc(u8, at + 4, P, first + b, seed)) return false;
    for (let x = at + 4 + P; x < at + LB; x++) if (u8[x] !== 0) return false;
  }
  return true;
}

function combined(u8: Uint8Array, i32: Int32Array, count: number, first: number, seed: number): boolean {
  const last = (count - 1) * LB;
  for (let x = last + 4 + P; x < last + LB; x++) if (u8[x] !== 0) return false; // the caller checks the last padding itself
  const dR = crc32cSoft(u8, 0xffffffff, 4, last + 4 + P);
  return new LaneCrcCombiner(P, LB).matches(i32, 0, count, first, seed, dR);
}

describe('crc-combine', () => {
  it('Z_k tables = k zero bytes through the table CRC', () => {
    const rng = Rng.stream(5, 0);
    for (const k of [0, 1, 4, 8, 155, 896]) {
      const t = zeroShift(k);
      for (let trial = 0; trial < 20; trial++) {
        const r = rng.next() | 0;
        // crc32c(zeros, prev) = ~S(~prev, zeros) = ~Z_k(~prev).
        const prev = ~r >>> 0;
        expect(shift(t, r) | 0, `k = ${k}`).toBe(~crc32cSoft(new Uint8Array(k), prev) | 0);
      }
    }
  });

  it('good lanes pass, for 1 … 32 lanes, far block indexes and any seed', () => {
    const rng = Rng.stream(6, 0);
    for (const count of [1, 2, 3, 31, 32])
      for (const first of [0, 7, 2 ** 33 + 5]) {
        const seed = rng.next() >>> 0;
        const { u8, i32 } = lanes(count, first, seed, rng);
        expect(perBlock(u8, count, first, seed)).toBe(true);
        expect(combined(u8, i32, count, first, seed), `${count} lanes from ${first}`).toBe(true);
        if (count > 1) expect(combined(u8, i32, count, first + 1, seed), 'indexes shifted').toBe(false);
        expect(combined(u8, i32, count, first, seed ^ 1), 'another seed').toBe(false);
      }
  });

  it('a slab from another file or another place fails: 100 other seeds, index shifts 1 … 64', () => {
    const rng = Rng.stream(9, 0);
    const seed = rng.next() >>> 0;
    const { u8, i32 } = lanes(32, 4096, seed, rng);
    expect(combined(u8, i32, 32, 4096, seed)).toBe(true);
    for (let t = 0; t < 100; t++) expect(combined(u8, i32, 32, 4096, (seed ^ (1 + (rng.next() % 0xfffffffe))) >>> 0)).toBe(false);
    for (let k = 1; k <= 64; k++) {
      expect(combined(u8, i32, 32, 4096 + k, seed), `+${k}`).toBe(false);
      expect(combined(u8, i32, 32, 4096 - k, seed), `-${k}`).toBe(false);
    }
  });

  it('two lanes swapped fail (each block CRC binds its index)', () => {
    const rng = Rng.stream(10, 0);
    const { u8, i32 } = lanes(32, 0, 5, rng);
    for (let t = 0; t < 60; t++) {
      const i = rng.next() % 32;
      const j = (i + 1 + (rng.next() % 31)) % 32;
      const a = u8.slice(i * LB, (i + 1) * LB);
      u8.copyWithin(i * LB, j * LB, (j + 1) * LB);
      u8.set(a, j * LB);
      expect(perBlock(u8, 32, 0, 5)).toBe(false);
      expect(combined(u8, i32, 32, 0, 5), `lanes ${i} and ${j}`).toBe(false);
      u8.set(u8.slice(i * LB, (i + 1) * LB), j * LB);
      u8.set(a, i * LB);
    }
    expect(combined(u8, i32, 32, 0, 5)).toBe(true);
  });

  it('every single flipped bit is caught, as the per-block check catches it', () => {
    const rng = Rng.stream(7, 0);
    const count = 5;
    const seed = 0x1234abcd;
    const { u8, i32 } = lanes(count, 100, seed, rng);
    let flips = 0;
    for (let byte = 0; byte < u8.length; byte++)
      for (let bit = 0; bit < 8; bit++) {
        u8[byte]! ^= 1 << bit;
        expect(perBlock(u8, count, 100, seed)).toBe(false);
        expect(combined(u8, i32, count, 100, seed), `byte ${byte} bit ${bit}`).toBe(false);
        u8[byte]! ^= 1 << bit;
        flips++;
      }
    expect(flips).toBe(8 * count * LB);
    expect(combined(u8, i32, count, 100, seed)).toBe(true);
  });

  it('random damage in several lanes is caught', () => {
    const rng = Rng.stream(8, 0);
    const seed = 99;
    const { u8, i32 } = lanes(32, 0, seed, rng);
    const orig = u8.slice();
    for (let trial = 0; trial < 300; trial++) {
      for (let f = 0; f < 1 + (trial % 7); f++) u8[rng.next() % u8.length]! ^= 1 + (rng.next() % 255);
      expect(perBlock(u8, 32, 0, seed)).toBe(false);
      expect(combined(u8, i32, 32, 0, seed), `trial ${trial}`).toBe(false);
      u8.set(orig);
    }
  });
});
