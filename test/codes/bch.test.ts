/** BCH local codes: parameters computed from GF(2^m), syndrome tables against brute force. */
import { describe, expect, it } from 'vitest';
import { bchByLengthDimension, bchColumns, bchLocalCode, bchParams, bchSyndromeOfBits } from '../../src/codes/bch.js';
import { entryFires, entryPositions, entryWeight } from '../../src/codes/bounded-distance.js';
import { GF2m, polyRemainderBits, primitivePolynomial } from '../../src/codes/gf2m.js';
import { localCodeByName } from '../../src/codes/families.js';
import { Rng } from '../../src/util/rng.js';

// Published narrow-sense primitive BCH dimensions (Lin & Costello, Table 6.1 / Appendix C).
const PUBLISHED: [number, number, number][] = [
  [15, 7, 2], [15, 5, 3], [31, 21, 2], [31, 16, 3], [63, 51, 2], [63, 45, 3],
  [127, 113, 2], [127, 106, 3], [255, 239, 2], [255, 231, 3],
];

function syndromeOf(col: Uint32Array, positions: number[]): number {
  let s = 0;
  for (const p of positions) s ^= col[p]!;
  return s >>> 0;
}

function randomPositions(rng: Rng, n: number, w: number): number[] {
  const set = new Set<number>();
  while (set.size < w) set.add(rng.int(n));
  return [...set].sort((a, b) => a - b);
}

describe('GF(2^m)', () => {
  it('finds primitive polynomials: α generates all 2^m − 1 non-zero elements', () => {
    for (let m = 3; m <= 8; m++) {
      const gf = new GF2m(m);
      expect(new Set(gf.exp.subarray(0, gf.order)).size).toBe(gf.order);
      expect(gf.poly).toBe(primitivePolynomial(m));
      expect(gf.mul(gf.alphaPow(5), gf.alphaPow(gf.order - 5))).toBe(1);
    }
    expect(primitivePolynomial(4)).toBe(0b10011); // x^4 + x + 1
  });
});

describe('BCH codes', () => {
  for (const [n, k, t] of PUBLISHED) {
    it(`BCH(${n}, ${k}, ${t}): dimension, roots of g, rank of H`, () => {
      const p = bchParams(Math.log2(n + 1), t);
      expect([p.n, p.k]).toEqual([n, k]);
      const gf = new GF2m(p.m);
      // g(α^i) = 0 for i = 1..2t (the BCH bound's consecutive roots), and g | x^n − 1.
      for (let i = 1; i <= 2 * t; i++) expect(gf.evalAtAlphaPow(p.generator, i)).toBe(0);
      const xn1 = new Uint8Array(n + 1);
      xn1[0] = 1;
      xn1[n] = 1;
      expect(polyRemainderBits(xn1, p.generator)).toBe(0);
      const lc = bchLocalCode(n, k);
      expect([lc.z, lc.k0, lc.syndromeBits]).toEqual([n, k, n - k]);
      expect(lc.packingRadius).toBeGreaterThanOrEqual(t);
    });
  }

  it('minimum distance ≥ 2t + 1 (exact, by enumeration, for the short codes)', () => {
    for (const [name, t] of [['bch15-7', 2], ['bch15-5', 3], ['bch31-21', 2], ['bch31-16', 3]] as const) {
      expect(localCodeByName(name).minDistance).toBeGreaterThanOrEqual(2 * t + 1);
    }
    // Brute force over all 2^15 words for BCH(15, 7): 2^7 codewords, lightest non-zero of weight 5.
    const p = bchByLengthDimension(15, 7);
    let count = 0;
    let dmin = 99;
    const bits = new Uint8Array(15);
    for (let y = 0; y < 1 << 15; y++) {
      for (let j = 0; j < 15; j++) bits[j] = (y >>> j) & 1;
      if (bchSyndromeOfBits(p, bits) !== 0) continue;
      count++;
      let w = 0;
      for (let j = 0; j < 15; j++) w += bits[j]!;
      if (y !== 0) dmin = Math.min(dmin, w);
    }
    expect([count, dmin]).toEqual([128, 5]);
  });

  it('column syndromes equal the long-division syndrome y(x) mod g(x)', () => {
    const rng = Rng.stream(9, 1);
    for (const [n, k] of [[63, 51], [255, 231]]) {
      const p = bchByLengthDimension(n, k);
      const col = bchColumns(p);
      for (let trial = 0; trial < 50; trial++) {
        const bits = Uint8Array.from({ length: n }, () => rng.next() & 1);
        const pos = [...bits.keys()].filter((j) => bits[j]);
        expect(syndromeOf(col, pos)).toBe(bchSyndromeOfBits(p, bits));
      }
    }
  });

  const cases: [number, number, number, 'all' | number][] = [[15, 7, 2, 'all'], [31, 16, 3, 'all'], [63, 51, 2, 'all'], [255, 231, 3, 1000]];
  for (const [n, k, t, howMany] of cases) {
    it(`BCH(${n}, ${k}) syndrome table: weight ≤ ${t} decodes to itself, heavier never claims a pattern outside radius ${t}`, () => {
      const p = bchByLengthDimension(n, k);
      const table = bchLocalCode(n, k).radiusTable(t);
      // The table is built from the code's own column syndromes, which for z ≤ 31 are LocalCode's basis: map through it.
      const lc = bchLocalCode(n, k);
      const syn = (pos: number[]): number => {
        let s = 0;
        for (const j of pos) s ^= lc.columnSyndrome(j);
        return s >>> 0;
      };
      const rng = Rng.stream(10, n);
      const check = (pos: number[]): void => {
        const v = table[syn(pos)]!;
        expect(entryFires(v)).toBe(true);
        expect(entryPositions(v)).toEqual(pos);
      };
      check([]);
      if (howMany === 'all') {
        for (let a = 0; a < n; a++) {
          check([a]);
          if (t >= 2) for (let b = a + 1; b < n; b++) check([a, b]);
        }
        if (t >= 3) for (let s = 0; s < 4000; s++) check(randomPositions(rng, n, 3));
      } else {
        for (let s = 0; s < howMany; s++) check(randomPositions(rng, n, 1 + rng.int(t)));
      }
      // Heavier errors: no unit, or a pattern e' of weight ≤ t with e ⊕ e' a codeword (checked by division).
      let claimed = 0;
      for (let s = 0; s < 2000; s++) {
        const pos = randomPositions(rng, n, t + 1 + rng.int(3));
        const v = table[syn(pos)]!;
        if (!entryFires(v)) continue;
        claimed++;
        const other = entryPositions(v);
        expect(other.length).toBe(entryWeight(v));
        expect(other.length).toBeLessThanOrEqual(t);
        const bits = new Uint8Array(n);
        for (const j of pos) bits[j] ^= 1;
        for (const j of other) bits[j] ^= 1;
        expect(bchSyndromeOfBits(p, bits)).toBe(0); // y ⊕ e' is a codeword …
        let w = 0;
        for (const b of bits) w += b;
        expect(w).toBeGreaterThanOrEqual(2 * t + 1); // … distinct from the sent one: a miscorrection, at distance ≤ t from y
      }
      expect(claimed).toBeGreaterThan(0); // the miscorrection branch was exercised
    });
  }

  it('a BCH parameter set that does not exist: one line naming it', () => {
    expect(() => bchByLengthDimension(63, 50)).toThrow(/no BCH\(63, 50\).*51 \(t = 2\)/);
    expect(() => bchByLengthDimension(64, 50)).toThrow(/length n = 64/);
    expect(() => bchParams(9, 2)).toThrow(/m must be/);
    expect(() => bchParams(6, 4)).toThrow(/t must be/);
    expect(() => localCodeByName('bch127-100')).toThrow(/no BCH\(127, 100\)/);
  });
});
