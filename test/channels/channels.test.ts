/**
 * Channels: noise statistics within stated binomial / Gaussian bounds, the word paths
 * equal to 32 per-frame calls, Shannon limits against published values.
 */
import { describe, expect, it } from 'vitest';
import { AwgnChannel, awgnSigma, biAwgnCapacity, shannonLimitAwgnEbN0 } from '../../src/channels/awgn.js';
import { BecChannel, shannonLimitBec } from '../../src/channels/bec.js';
import { BscChannel, bscFlips, shannonLimitBsc } from '../../src/channels/bsc.js';
import { binaryEntropy, llrToField, PINNED_FIELD } from '../../src/channels/channel.js';
import { makeChannel, shannonLimit } from '../../src/channels/factory.js';
import { Rng } from '../../src/util/rng.js';

const N = 1000;

function randomWord(n: number, rng: Rng): Uint8Array {
  const x = new Uint8Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.next() & 1;
  return x;
}

/** Bit-slice 32 frames: word i bit f = frames[f][i]. */
function slice(frames: Uint8Array[]): Uint32Array {
  const w = new Uint32Array(frames[0]!.length);
  frames.forEach((fr, f) => fr.forEach((b, i) => (w[i] = (w[i]! | (b << f)) >>> 0)));
  return w;
}

/** |count − n·p| ≤ 5 binomial standard deviations (false-alarm rate < 1e-6). */
function expectBinomial(count: number, n: number, p: number): void {
  expect(Math.abs(count - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)) + 1);
}

describe('BSC', () => {
  it('flips a fraction p of the bits, relative to the codeword sent', () => {
    for (const p of [0.003, 0.05, 0.3]) {
      const ch = new BscChannel(p);
      const rng = Rng.stream(11, 1);
      const mag = Math.log((1 - p) / p);
      let flips = 0;
      let badLlr = 0;
      for (let f = 0; f < 200; f++) {
        const x = randomWord(N, rng);
        const rx = ch.transmit(x, rng);
        for (let i = 0; i < N; i++) {
          flips += rx.hard[i]! ^ x[i]!;
          if (rx.llr[i] !== (rx.hard[i] ? -mag : mag)) badLlr++;
        }
      }
      expect(badLlr).toBe(0);
      expectBinomial(flips, 200 * N, p);
    }
  });

  it('p = 0 never flips, p = 1 always flips', () => {
    expect(bscFlips(100, 0, Rng.stream(1)).every((b) => b === 0)).toBe(true);
    expect(bscFlips(100, 1, Rng.stream(1)).every((b) => b === 1)).toBe(true);
  });

  it('the word path equals 32 per-frame calls on the same stream', () => {
    for (const p of [0.01, 0.4]) {
      const ch = new BscChannel(p);
      const xs = Array.from({ length: 32 }, (_, f) => randomWord(257, Rng.stream(5, f)));
      const a = Rng.stream(3, 9);
      const perFrame = xs.map((x) => ch.transmit(x, a).hard);
      const words = ch.transmitWords(slice(xs), Rng.stream(3, 9)).hard;
      expect(Array.from(words)).toEqual(Array.from(slice(perFrame)));
    }
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => new BscChannel(1.5)).toThrow(/^hopcode\/bsc: p must be a probability/);
    expect(() => new BscChannel(Number.NaN)).toThrow(/hopcode\/bsc/);
  });
});

describe('BEC', () => {
  it('erases a fraction e; the rest arrive intact with infinite LLR', () => {
    const e = 0.2;
    const ch = new BecChannel(e);
    const rng = Rng.stream(12, 1);
    let erased = 0;
    let bad = 0;
    for (let f = 0; f < 100; f++) {
      const x = randomWord(N, rng);
      const rx = ch.transmit(x, rng);
      for (let i = 0; i < N; i++) {
        if (rx.erased![i]) {
          erased++;
          if (rx.llr[i] !== 0 || rx.hard[i] !== 0) bad++;
        } else if (rx.hard[i] !== x[i] || rx.llr[i] !== (x[i] ? -Infinity : Infinity)) bad++;
      }
    }
    expect(bad).toBe(0);
    expectBinomial(erased, 100 * N, e);
  });

  it('the word path gives erasure masks and values equal to 32 per-frame calls', () => {
    const ch = new BecChannel(0.1);
    const xs = Array.from({ length: 32 }, (_, f) => randomWord(300, Rng.stream(6, f)));
    const a = Rng.stream(4);
    const frames = xs.map((x) => ch.transmit(x, a));
    const w = ch.transmitWords(slice(xs), Rng.stream(4));
    expect(Array.from(w.erased!)).toEqual(Array.from(slice(frames.map((r) => r.erased!))));
    expect(Array.from(w.hard)).toEqual(Array.from(slice(frames.map((r) => r.hard))));
  });
});

describe('AWGN', () => {
  it('σ² = 1/(2·R·Eb/N0)', () => {
    expect(awgnSigma(0, 0.5) ** 2).toBeCloseTo(1, 12);
    expect(awgnSigma(3, 0.5) ** 2).toBeCloseTo(1 / 10 ** 0.3, 12);
    expect(awgnSigma(10 * Math.log10(2), 0.25) ** 2).toBeCloseTo(1, 12);
    expect(() => awgnSigma(1, 0)).toThrow(/^hopcode\/awgn/);
  });

  it('LLRs have mean ±2/σ² and variance 4/σ²; hard decisions err at Q(1/σ)', () => {
    const ch = new AwgnChannel(1, 0.5);
    const s = ch.sigma;
    const rng = Rng.stream(13);
    const frames = 100;
    let sum0 = 0;
    let sq0 = 0;
    let n0 = 0;
    let sum1 = 0;
    let n1 = 0;
    let errs = 0;
    let badHard = 0;
    for (let f = 0; f < frames; f++) {
      const x = randomWord(N, rng);
      const rx = ch.transmit(x, rng);
      for (let i = 0; i < N; i++) {
        const l = rx.llr[i]!;
        if (rx.hard[i] !== (l < 0 ? 1 : 0)) badHard++;
        errs += rx.hard[i]! ^ x[i]!;
        if (x[i]) {
          sum1 += l;
          n1++;
        } else {
          sum0 += l;
          sq0 += l * l;
          n0++;
        }
      }
    }
    expect(badHard).toBe(0);
    const mu = 2 / (s * s);
    const sd = 2 / s;
    // the sample mean is within 5 standard errors of the mean
    expect(Math.abs(sum0 / n0 - mu)).toBeLessThan((5 * sd) / Math.sqrt(n0));
    expect(Math.abs(sum1 / n1 + mu)).toBeLessThan((5 * sd) / Math.sqrt(n1));
    const variance = sq0 / n0 - (sum0 / n0) ** 2;
    expect(Math.abs(variance / (sd * sd) - 1)).toBeLessThan(0.03);
    // Q(1/σ) by the complementary error function's series-free bound: integrate numerically
    let q = 0;
    for (let t = 1 / s; t < 1 / s + 12; t += 1e-4) q += Math.exp(-t * t / 2) * 1e-4;
    q /= Math.sqrt(2 * Math.PI);
    expectBinomial(errs, frames * N, q);
  });

  it('the word path equals 32 per-frame hard decisions', () => {
    const ch = new AwgnChannel(0.5, 0.5);
    const xs = Array.from({ length: 32 }, (_, f) => randomWord(101, Rng.stream(8, f)));
    const a = Rng.stream(2);
    const perFrame = xs.map((x) => ch.transmit(x, a).hard);
    expect(Array.from(ch.transmitWords(slice(xs), Rng.stream(2)).hard)).toEqual(Array.from(slice(perFrame)));
  });

  it('single-precision LLRs match the double ones', () => {
    const ch = new AwgnChannel(2, 0.5);
    const x = randomWord(64, Rng.stream(1));
    const d = ch.transmit(x, Rng.stream(7)).llr;
    const s = ch.llr32(x, Rng.stream(7));
    for (let i = 0; i < 64; i++) expect(s[i]).toBeCloseTo(d[i]!, 4);
  });
});

describe('Shannon limits', () => {
  it('BSC: 1 − H2(p*) = R, p* = 0.1100 at R = ½', () => {
    expect(shannonLimitBsc(0.5)).toBeCloseTo(0.110028, 5);
    for (const r of [0.1, 0.25, 0.8]) expect(1 - binaryEntropy(shannonLimitBsc(r))).toBeCloseTo(r, 10);
    expect(shannonLimitBsc(1)).toBeCloseTo(0, 10);
  });

  it('BEC: e* = 1 − R', () => {
    expect(shannonLimitBec(0.5)).toBe(0.5);
  });

  it('BI-AWGN (BPSK) limits match the published 0.187 dB (R=½), −0.495 dB (R=⅓), 1.626 dB (R=¾)', () => {
    expect(shannonLimitAwgnEbN0(0.5)).toBeCloseTo(0.187, 2);
    expect(Math.abs(shannonLimitAwgnEbN0(1 / 3) + 0.495)).toBeLessThan(0.005);
    expect(Math.abs(shannonLimitAwgnEbN0(0.75) - 1.626)).toBeLessThan(0.005);
    expect(biAwgnCapacity(1e-2)).toBeCloseTo(1, 9);
  });

  it('the unconstrained (Gaussian-input) bound is 0 dB at R = ½ and below the BPSK one', () => {
    expect(shannonLimitAwgnEbN0(0.5, 'gaussian')).toBeCloseTo(0, 12);
    for (const r of [0.25, 0.5, 0.9]) expect(shannonLimitAwgnEbN0(r, 'gaussian')).toBeLessThan(shannonLimitAwgnEbN0(r));
    expect(shannonLimit('awgn', 0.5)).toBeCloseTo(0.187, 2);
  });
});

describe('factory and field', () => {
  it('makeChannel builds each kind; AWGN needs the rate', () => {
    expect(makeChannel({ kind: 'bsc', noise: 0.1 }).label).toBe('BSC(p=0.1)');
    expect(makeChannel({ kind: 'bec', noise: 0.1 }).kind).toBe('bec');
    expect(makeChannel({ kind: 'awgn', noise: 1, rate: 0.5 }).kind).toBe('awgn');
    expect(() => makeChannel({ kind: 'awgn', noise: 1 })).toThrow(/^hopcode\/channels: AWGN needs the code rate/);
  });

  it('llrToField: positive LLR (favours 0) gives a negative field; infinities pin', () => {
    const b = llrToField([2, -1, 0, Infinity, -Infinity], 0.5);
    expect(Array.from(b)).toEqual([-1, 0.5, 0, -PINNED_FIELD, PINNED_FIELD]);
    expect(() => llrToField([1], -1)).toThrow(/^hopcode\/channels/);
  });
});
