/** Local codes: sizes, distances, nearest-pattern decoding against brute force. */
import { describe, expect, it } from 'vitest';
import { localCodeByName, hamming } from '../../src/codes/families.js';
import { LocalCode } from '../../src/codes/local-code.js';
import { popcount32 } from '../../src/util/bits.js';

const expected: [string, number, number, number][] = [
  ['hamming7', 7, 4, 3],
  ['hamming15', 15, 11, 3],
  ['hamming31', 31, 26, 3],
  ['ext-hamming8', 8, 4, 4],
  ['ext-hamming16', 16, 11, 4],
  ['parity10', 10, 9, 2],
  ['repetition5', 5, 1, 5],
];

describe('local codes', () => {
  for (const [name, z, k0, dmin] of expected) {
    it(`${name}: [${z}, ${k0}, ${dmin}]`, () => {
      const c = localCodeByName(name);
      expect([c.z, c.k0, c.minDistance, c.size]).toEqual([z, k0, dmin, 2 ** k0]);
    });
  }

  it('nearest() equals a brute-force scan of the patterns', () => {
    for (const name of ['hamming7', 'hamming15', 'ext-hamming8', 'parity6', 'repetition3']) {
      const c = localCodeByName(name);
      for (let y = 0; y < 2 ** c.z; y += name === 'hamming15' ? 37 : 1) {
        let best = 99;
        let ties = 0;
        for (const p of c.patterns!) {
          const d = popcount32(p ^ y);
          if (d < best) [best, ties] = [d, 1];
          else if (d === best) ties++;
        }
        const near = c.nearest(y);
        expect([near.dist, near.ties]).toEqual([best, ties]);
        expect(popcount32(near.pattern ^ y)).toBe(best);
        expect(c.permits(near.pattern)).toBe(true);
        expect(c.nearestAll(y)).toHaveLength(ties);
      }
    }
  });

  it('an explicit linear pattern list is recognised as linear; a non-linear one is not', () => {
    const lin = new LocalCode({ name: 'h7-list', z: 7, patterns: [...hamming(3).patterns!] });
    expect(lin.linear).toBe(true);
    expect(lin.k0).toBe(4);
    const odd = new LocalCode({ name: 'odd', z: 4, patterns: [0b0001, 0b0010, 0b0100, 0b1000, 0b1111] });
    expect(odd.linear).toBe(false);
    expect(odd.minDistance).toBe(2);
    expect(odd.nearest(0b0011).ties).toBe(2);
  });

  it('bad specifications give clear errors', () => {
    expect(() => localCodeByName('golay24')).toThrow(/unknown local code "golay24"/);
    expect(() => localCodeByName('hamming8')).toThrow(/2\^r − 1/);
    expect(() => new LocalCode({ name: 'x', z: 40, checkRows: [1] })).toThrow(/z must be 1..31/);
    expect(() => new LocalCode({ name: 'x', z: 3, patterns: [] })).toThrow(/empty/);
  });
});
