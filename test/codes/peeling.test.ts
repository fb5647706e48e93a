/** Local-elimination peeling, the M4RI reduction and the encoder against naive elimination. */
import { describe, expect, it } from 'vitest';
import { buildCustom } from '../../src/network/code.js';
import { unsatisfiedChecks, type SparseGf2 } from '../../src/codes/tanner-code.js';
import { peel } from '../../src/codes/peeling.js';
import { Gf2Matrix } from '../../src/codes/gf2-matrix.js';
import { SystematicEncoder } from '../../src/codes/systematic-encoder.js';
import { Rng } from '../../src/util/rng.js';
import { randomBits } from '../helpers/random.js';
import { denseRows, naiveRank } from '../helpers/gf2.js';

const families = ['hamming7', 'hamming15', 'hamming31', 'ext-hamming8', 'ext-hamming16', 'parity6', 'parity10', 'repetition3'];

describe('peeling', () => {
  for (const localCode of families) {
    it(`${localCode}: both strategies give valid triangulations, rank = naive rank`, () => {
      const z = Number(/\d+$/.exec(localCode)![0]);
      for (const seed of [1, 2, 3]) {
        const code = buildCustom({ n: z * 12, d: seed === 3 ? 4 : 3, localCode, seed, girth6: false });
        const h = code.parityCheck;
        const want = naiveRank(denseRows(h), h.cols);
        for (const strategy of ['column', 'group'] as const) {
          const p = peel(h, strategy);
          // Every column is exactly one of: reference, pivot.
          const seen = new Uint8Array(h.cols);
          for (const c of [...p.refs, ...p.pivotCol]) seen[c]!++;
          expect(seen.every((v) => v === 1), `${localCode} ${strategy}`).toBe(true);
          // Pivots only read columns known before them.
          const known = new Uint8Array(h.cols);
          for (const c of p.refs) known[c] = 1;
          for (let i = 0; i < p.pivotCol.length; i++) {
            for (let e = p.pivotPtr[i]!; e < p.pivotPtr[i + 1]!; e++) expect(known[p.pivotSrc[e]!]).toBe(1);
            known[p.pivotCol[i]!] = 1;
          }
          // rank H = #pivots + rank(pivot equations ∪ core equations restricted) — check via naive rank.
          const eqs: number[][] = [];
          for (let i = 0; i < p.pivotCol.length; i++) {
            const row = new Array<number>(h.cols).fill(0);
            row[p.pivotCol[i]!] = 1;
            for (let e = p.pivotPtr[i]!; e < p.pivotPtr[i + 1]!; e++) row[p.pivotSrc[e]!] ^= 1;
            eqs.push(row);
          }
          for (let i = 0; i + 1 < p.corePtr.length; i++) {
            const row = new Array<number>(h.cols).fill(0);
            for (let e = p.corePtr[i]!; e < p.corePtr[i + 1]!; e++) row[p.coreCol[e]!] ^= 1;
            eqs.push(row);
          }
          // The pivot and core equations span exactly the row space of H.
          expect(naiveRank(eqs, h.cols)).toBe(want);
          expect(naiveRank([...eqs, ...denseRows(h)], h.cols)).toBe(want);
        }
        expect(new SystematicEncoder(h).rank, localCode).toBe(want);
      }
    });
  }
});

describe('Gf2Matrix.rref (four Russians)', () => {
  it('gives the naive rank and a reduced row echelon form on random matrices', () => {
    const rng = Rng.stream(11, 11);
    for (const [rows, cols, density] of [[1, 1, 1], [5, 3, 0.5], [40, 37, 0.5], [70, 90, 0.1], [100, 64, 0.5], [33, 200, 0.03], [90, 45, 0.9]] as const) {
      for (let rep = 0; rep < 3; rep++) {
        const m = new Gf2Matrix(rows, cols);
        const plain: number[][] = [];
        // Low-rank rows too: half the rows are sums of two earlier rows.
        for (let r = 0; r < rows; r++) {
          const row = new Array<number>(cols).fill(0);
          if (r >= 2 && rep === 2 && r % 2 === 0) for (let c = 0; c < cols; c++) row[c] = plain[r - 1]![c]! ^ plain[r - 2]![c]!;
          else for (let c = 0; c < cols; c++) row[c] = rng.next() / 2 ** 32 < density ? 1 : 0;
          plain.push(row);
          for (let c = 0; c < cols; c++) if (row[c]) m.flip(r, c);
        }
        const piv = m.rref();
        expect(piv.length).toBe(naiveRank(plain, cols));
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < piv.length; j++) expect(m.get(i, piv[j]!)).toBe(i === j ? 1 : 0);
          if (i >= piv.length) for (let c = 0; c < cols; c++) expect(m.get(i, c)).toBe(0);
        }
        for (let j = 1; j < piv.length; j++) expect(piv[j]!).toBeGreaterThan(piv[j - 1]!);
        // Same row space as the input.
        const reduced = Array.from({ length: piv.length }, (_, i) => Array.from({ length: cols }, (_, c) => m.get(i, c)));
        expect(naiveRank([...plain, ...reduced], cols)).toBe(piv.length);
      }
    }
  });
});

describe('systematic encoder on every local code family', () => {
  it('encodes states with H·x = 0 that carry the information bits', () => {
    const rng = Rng.stream(12, 12);
    for (const localCode of families) {
      const z = Number(/\d+$/.exec(localCode)![0]);
      const code = buildCustom({ n: z * 40, d: 3, localCode, seed: 7, girth6: false });
      const enc = code.encoder;
      for (let t = 0; t < 5; t++) {
        const u = randomBits(rng, enc.k);
        const x = enc.encode(u);
        expect(unsatisfiedChecks(code.parityCheck, x), localCode).toBe(0);
        expect(enc.extract(x)).toEqual(u);
      }
      const info = Uint32Array.from({ length: enc.k }, () => rng.next());
      const out = enc.encodeWords(info, new Uint32Array(enc.n));
      for (const lane of [0, 13, 31]) {
        const x = Uint8Array.from(out, (w) => (w >>> lane) & 1);
        expect(unsatisfiedChecks(code.parityCheck, x), localCode).toBe(0);
        expect(enc.extract(x)).toEqual(Uint8Array.from(info, (w) => (w >>> lane) & 1));
      }
    }
  });
});
