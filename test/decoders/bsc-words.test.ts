/** Bernoulli words: counts within binomial bounds, lanes and positions independent. */
import { describe, expect, it } from 'vitest';
import { bernoulliWords, BscWords, channelFromSpec } from '../../src/channels/bsc-words.js';
import { popcount32 } from '../../src/util/bits.js';
import { Rng } from '../../src/util/rng.js';

describe('bernoulliWords', () => {
  // Tolerance: 5 standard deviations of Binomial(bits, p): a false alarm ~ 1e-6 per check.
  for (const p of [0.001, 0.01, 0.03, 0.0625, 0.1, 0.3, 0.5, 0.77]) {
    it(`p = ${p}: set-bit count within 5σ of the binomial mean, per lane too`, () => {
      const words = 40000;
      const out = new Uint32Array(words);
      bernoulliWords(Rng.stream(11, Math.round(p * 1e6)), p, out);
      let ones = 0;
      const perLane = new Float64Array(32);
      for (const w of out) {
        ones += popcount32(w);
        for (let l = 0; l < 32; l++) perLane[l]! += (w >>> l) & 1;
      }
      const bits = words * 32;
      const sd = Math.sqrt(bits * p * (1 - p));
      expect(Math.abs(ones - bits * p)).toBeLessThan(5 * sd);
      const sdl = Math.sqrt(words * p * (1 - p));
      for (let l = 0; l < 32; l++) expect(Math.abs(perLane[l]! - words * p), `lane ${l}`).toBeLessThan(5.5 * sdl);
    });
  }

  it('pairs of adjacent bits are independent (p = 0.3 and 0.02)', () => {
    for (const p of [0.3, 0.02]) {
      const out = new Uint32Array(50000);
      bernoulliWords(Rng.stream(5), p, out);
      let both = 0;
      for (const w of out) both += popcount32(w & (w >>> 1) & 0x7fffffff);
      const pairs = out.length * 31;
      const q = p * p;
      expect(Math.abs(both - pairs * q)).toBeLessThan(5 * Math.sqrt(pairs * q * (1 - q)));
    }
  });

  it('p = 0 and p = 1 are exact; bad p is an error', () => {
    const out = new Uint32Array(10);
    expect([...bernoulliWords(Rng.stream(1), 0, out)].every((w) => w === 0)).toBe(true);
    expect([...bernoulliWords(Rng.stream(1), 1, out)].every((w) => w === 0xffffffff)).toBe(true);
    expect(() => bernoulliWords(Rng.stream(1), 1.5, out)).toThrow(/^hopcode\/bsc-words: p must be/);
    expect(() => bernoulliWords(Rng.stream(1), -0.1, out)).toThrow(/^hopcode\/bsc-words/);
    expect(() => bernoulliWords(Rng.stream(1), NaN, out)).toThrow(/^hopcode\/bsc-words/);
    expect(() => new BscWords(2)).toThrow(/^hopcode\/bsc-words/);
    expect(() => channelFromSpec({ kind: 'awgn' } as never)).toThrow(/^hopcode\/bsc-words: unknown channel/);
  });

  it('the BSC flips tx by the noise and is reproducible from the seed', () => {
    const tx = Uint32Array.from({ length: 1000 }, (_, i) => Math.imul(i, 2654435761) >>> 0);
    const a = new Uint32Array(1000);
    const b = new Uint32Array(1000);
    new BscWords(0.2).transmit(Rng.stream(9, 1), tx, a);
    new BscWords(0.2).transmit(Rng.stream(9, 1), tx, b);
    expect(a).toEqual(b);
    let flips = 0;
    for (let i = 0; i < 1000; i++) flips += popcount32(a[i]! ^ tx[i]!);
    expect(Math.abs(flips - 6400)).toBeLessThan(5 * Math.sqrt(32000 * 0.16));
  });
});
