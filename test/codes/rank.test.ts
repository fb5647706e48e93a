/** Rank, log2States and the encoder against brute force on small codes. */
import { describe, expect, it } from 'vitest';
import { buildPreset, buildCustom } from '../../src/network/code.js';
import { census } from '../../src/network/census.js';
import { unsatisfiedChecks, type SparseGf2 } from '../../src/codes/tanner-code.js';
import { SystematicEncoder } from '../../src/codes/systematic-encoder.js';
import { Rng } from '../../src/util/rng.js';
import { randomBits } from '../helpers/random.js';
import { denseRows, naiveRank } from '../helpers/gf2.js';

const rankOf = (h: SparseGf2): number => naiveRank(denseRows(h), h.cols);

function bruteForceCodewords(h: SparseGf2): number {
  let count = 0;
  const x = new Uint8Array(h.cols);
  for (let s = 0; s < 2 ** h.cols; s++) {
    for (let i = 0; i < h.cols; i++) x[i] = (s >>> i) & 1;
    if (unsatisfiedChecks(h, x) === 0) count++;
  }
  return count;
}

const small: [string, number][] = [
  ['hamming7-d2', 14],
  ['parity6-d3', 18],
  ['parity8-d4', 16],
  ['parity10-d5', 20],
  ['hamming15-d2', 15],
];

describe('rank and stored states', () => {
  for (const [preset, n] of small) {
    it(`${preset} N = ${n}: rank, 2^log2States and the census agree with brute force`, () => {
      for (const seed of n >= 20 ? [1] : [1, 2, 3]) {
        const code = buildPreset({ preset, n, seed });
        const h = code.parityCheck;
        expect(code.encoder.rank).toBe(rankOf(h));
        const codewords = bruteForceCodewords(h);
        expect(2 ** code.log2States).toBe(codewords);
        const c = census(code);
        expect(c.storedStates).toBe(codewords);
        expect(c.storedFixedPoints).toBe(codewords);
        expect(c.fixedPoints).toBe(c.storedFixedPoints + c.spuriousFixedPoints);
      }
    });
  }

  it('rank matches naive elimination on medium random codes of every local code', () => {
    for (const localCode of ['hamming7', 'hamming15', 'ext-hamming8', 'ext-hamming16', 'parity6', 'repetition3', 'hamming31']) {
      const z = Number(/\d+$/.exec(localCode)![0]);
      const code = buildCustom({ n: z * 20, d: 3, localCode, seed: 4, girth6: false });
      expect(code.encoder.rank, localCode).toBe(rankOf(code.parityCheck));
    }
  });
});

describe('systematic encoder', () => {
  it('encodes stored states (H·x = 0) carrying the information bits verbatim', () => {
    const rng = Rng.stream(3, 3);
    for (const preset of ['parity10-d5', 'hamming15-d3', 'hamming31-d3', 'parity6-d3']) {
      const code = buildPreset({ preset, n: 2000, seed: 5 });
      const enc = code.encoder;
      for (let t = 0; t < 20; t++) {
        const u = randomBits(rng, enc.k);
        const x = enc.encode(u);
        expect(unsatisfiedChecks(code.parityCheck, x)).toBe(0);
        expect(code.network.isStoredState(x)).toBe(true);
        expect(enc.extract(x)).toEqual(u);
      }
    }
  });

  it('32 frames per word give the same states as one frame at a time', () => {
    const code = buildPreset({ preset: 'parity8-d4', n: 800, seed: 6 });
    const enc = code.encoder;
    const rng = Rng.stream(6, 6);
    const info = Uint32Array.from({ length: enc.k }, () => rng.next());
    const out = enc.encodeWords(info, new Uint32Array(enc.n));
    for (const lane of [0, 7, 31]) {
      const u = Uint8Array.from(info, (w) => (w >>> lane) & 1);
      expect(Uint8Array.from(out, (w) => (w >>> lane) & 1)).toEqual(enc.encode(u));
    }
  });

  it('rejects wrong lengths', () => {
    const enc = new SystematicEncoder(buildPreset({ preset: 'parity6-d3', n: 60, seed: 1 }).parityCheck);
    expect(() => enc.encode(new Uint8Array(enc.k + 1))).toThrow(/hopcode\/encoder: expected \d+ information bits/);
    expect(() => enc.extract(new Uint8Array(3))).toThrow(/expected a state of 60 bits/);
  });
});
