/** Bit-sliced annealed Glauber dynamics: coins exact per lane, FER as the reference's. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { bernoulliLanes, decodeBatchStochastic } from '../../src/decoders/stochastic-bitsliced.js';
import { runDynamics, type AnnealSchedule, type InputRule } from '../../src/decoders/reference-dynamics.js';
import { bernoulliWords } from '../../src/channels/bsc-words.js';
import { Rng } from '../../src/util/rng.js';

describe('bernoulliLanes', () => {
  it('each lane is Bernoulli(p of its class) within 5σ', () => {
    const masks = Int32Array.of(0x000000ff, 0x0000ff00, 0x00ff0000, 0xff000000 | 0);
    const probs = Float64Array.of(0.5, 1e-3, 0.9731, 0.25 + 2 ** -40);
    const rng = Rng.stream(21);
    const trials = 20000;
    const hits = new Float64Array(32);
    for (let t = 0; t < trials; t++) {
      const w = bernoulliLanes(rng, masks, probs, 4);
      for (let l = 0; l < 32; l++) hits[l]! += (w >>> l) & 1;
    }
    for (let l = 0; l < 32; l++) {
      const p = probs[l >>> 3]!;
      expect(Math.abs(hits[l]! - trials * p), `lane ${l}`).toBeLessThan(5 * Math.sqrt(trials * p * (1 - p)) + 1);
    }
  });

  it('p = 0 and p = 1 are exact', () => {
    const rng = Rng.stream(2);
    for (let t = 0; t < 100; t++) expect(bernoulliLanes(rng, Int32Array.of(0xffff, 0xffff0000 | 0), Float64Array.of(0, 1), 2) >>> 0).toBe(0xffff0000);
  });
});

/** FER and mean sweeps of both implementations on the same noise level; two-proportion bound. */
function compare(preset: string, n: number, p: number, rule: InputRule, cueWeight: number, anneal: AnnealSchedule, batches: number) {
  const code = buildPreset({ preset, n, seed: `stoch-${preset}`, girth6: false });
  const net = CompiledNetwork.fromCode(code, { encoder: false });
  const rng = Rng.stream(99, n, cueWeight);
  let fk = 0;
  let fr = 0;
  let sk = 0;
  let sr = 0;
  const frames = batches * 32;
  const noise = new Uint32Array(n);
  for (let b = 0; b < batches; b++) {
    bernoulliWords(rng, p, noise);
    const res = decodeBatchStochastic(net, noise, rng, { rule, cueWeight, anneal, maxSweeps: 30 });
    for (let l = 0; l < 32; l++) {
      let bad = false;
      for (let i = 0; i < n; i++) if ((res.words[i]! >>> l) & 1) bad = true;
      fk += bad ? 1 : 0;
      sk += res.sweeps[l]!;
      const cue = Uint8Array.from(noise, (w) => (w >>> l) & 1);
      const field = cueWeight > 0 ? Float64Array.from(cue, (c) => cueWeight * (2 * c - 1)) : undefined;
      const r = runDynamics(code.network, cue, { schedule: 'stochastic', rule, anneal, maxSweeps: 30, seed: 5, frame: b * 32 + l, field });
      fr += r.state.some((v) => v !== 0) ? 1 : 0;
      sr += r.sweeps;
    }
  }
  const pk = fk / frames;
  const pr = fr / frames;
  const pool = (fk + fr) / (2 * frames);
  const sd = Math.sqrt((2 * pool * (1 - pool)) / frames);
  return { pk, pr, sd, meanK: sk / frames, meanR: sr / frames };
}

describe('decodeBatchStochastic vs the reference stochastic schedule', () => {
  const anneal = { start: 0.6, end: 0.05, sweeps: 8 };
  const cases: [string, number, number, InputRule, number][] = [
    ['parity10-d5', 100, 0.012, 'free-energy', 0],
    ['parity10-d5', 100, 0.03, 'free-energy', 1],
    ['hamming15-d3', 75, 0.02, 'free-energy', 0],
    ['hamming15-d3', 75, 0.1, 'unit', 0],
  ];
  for (const [preset, n, p, rule, beta] of cases) {
    it(`${preset} N=${n} p=${p} ${rule} β=${beta}: same FER within 4.5σ`, () => {
      const r = compare(preset, n, p, rule, beta, anneal, 10);
      expect(r.pr, 'the point should be informative').toBeGreaterThan(0.03);
      expect(r.pr).toBeLessThan(0.97);
      expect(Math.abs(r.pk - r.pr)).toBeLessThan(4.5 * r.sd + 1e-9);
      expect(Math.abs(r.meanK - r.meanR)).toBeLessThan(0.25 * r.meanR + 1);
    });
  }

  it('rejects bad inputs', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 60, seed: 1, girth6: false });
    const net = CompiledNetwork.fromCode(code, { encoder: false });
    const rng = Rng.stream(1);
    expect(() => decodeBatchStochastic(net, new Uint32Array(5), rng)).toThrow(/^hopcode\/stochastic-bitsliced: the cue/);
    expect(() => decodeBatchStochastic(net, new Uint32Array(60), rng, { maxSweeps: 0 })).toThrow(/^hopcode\/stochastic-bitsliced: maxSweeps/);
    expect(() => decodeBatchStochastic(net, new Uint32Array(60), rng, { anneal: { start: 0.1, end: 0.5, sweeps: 3 } })).toThrow(/^hopcode\/stochastic-bitsliced: anneal/);
  });
});
