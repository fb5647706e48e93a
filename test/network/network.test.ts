/** The Boltzmann machine's structure: binary weights, biases, winner-take-all clusters. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { PRESETS, roundN, presetByName } from '../../src/network/presets.js';
import { runDynamics } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';
import { randomBits, randomStoredState, flipBits } from '../helpers/random.js';

describe('hidden units', () => {
  it('every weight is −1 or +1 and the bias is |a| − r − ½', () => {
    for (const name of ['hamming7-d2', 'hamming15-d3', 'parity6-d3']) {
      const code = buildPreset({ preset: name, n: 300, seed: 1 });
      const net = code.network;
      expect(net.weightValues()).toEqual([-1, 1]);
      const local = net.codeOf(0);
      for (const a of local.patterns!) {
        const unit = net.unit(0, a);
        for (const w of unit.weights) expect(Math.abs(w)).toBe(1);
        let ones = 0;
        for (const w of unit.weights) if (w === 1) ones++;
        expect(unit.bias).toBe(ones - net.radius - 0.5);
      }
    }
  });

  it('a cluster never has two active units (φ − θ > 0 for at most one pattern)', () => {
    const rng = Rng.stream(4, 4);
    for (const name of ['hamming7-d2', 'hamming15-d3', 'parity8-d4']) {
      const code = buildPreset({ preset: name, n: 300, seed: 1 });
      const net = code.network;
      for (let t = 0; t < 200; t++) {
        const x = randomBits(rng, net.n);
        for (let c = 0; c < net.m; c += 7) {
          const y = net.localWord(c, x);
          let active = 0;
          for (const a of net.codeOf(c).patterns!) if (net.unitDrive(y, a) > 0) active++;
          expect(active).toBeLessThanOrEqual(1);
          const w = net.winner(c, y);
          expect(active).toBe(w === -1 ? 0 : 1);
        }
      }
    }
  });

  it('hidden-unit counts: M · |L|', () => {
    const code = buildPreset({ preset: 'hamming15-d3', n: 1500, seed: 1 });
    expect(code.network.hiddenUnits).toBe(code.m * 2048);
  });
});

describe('decoding', () => {
  it('a clean stored state decodes to itself with 0 sweeps; light noise is corrected', () => {
    const code = buildPreset({ preset: 'parity10-d5', n: 2000, seed: 8 });
    const rng = Rng.stream(8, 8);
    const x = randomStoredState(code, rng);
    const clean = runDynamics(code.network, x);
    expect(clean).toMatchObject({ converged: true, sweeps: 0, isStoredState: true });
    let recovered = 0;
    for (let t = 0; t < 20; t++) {
      const r = runDynamics(code.network, flipBits(x, 0.005, rng));
      if (r.state.every((b, i) => b === x[i])) recovered++;
    }
    expect(recovered).toBeGreaterThanOrEqual(19);
  });

  it('the stochastic schedule is reproducible from its seed and anneals to a fixed point', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 600, seed: 2 });
    const rng = Rng.stream(1, 1);
    const x = randomStoredState(code, rng);
    const y = flipBits(x, 0.02, rng);
    const a = runDynamics(code.network, y, { schedule: 'stochastic', seed: 5, frame: 3 });
    const b = runDynamics(code.network, y, { schedule: 'stochastic', seed: 5, frame: 3 });
    expect(a).toEqual(b);
    expect(a.converged).toBe(true);
  });

  it('bad options give clear errors', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 60, seed: 2 });
    expect(() => runDynamics(code.network, new Uint8Array(59))).toThrow(/hopcode\/dynamics: the cue has 59 bits/);
    expect(() => runDynamics(code.network, new Uint8Array(60), { maxSweeps: 0 })).toThrow(/maxSweeps/);
    expect(() => runDynamics(code.network, new Uint8Array(60), { schedule: 'bogus' as never })).toThrow(/unknown schedule/);
  });
});

describe('presets', () => {
  it('round N to the nearest valid size and say so', () => {
    const p = presetByName('hamming31-d3');
    expect(roundN(p, 4000)).toEqual({ n: 3999, note: expect.stringContaining('using N = 3999') });
    expect(roundN(presetByName('parity10-d5'), 4000)).toEqual({ n: 4000 });
    for (const def of Object.values(PRESETS)) {
      const { n } = roundN(def, 1234);
      expect((n * def.d) % def.z).toBe(0);
    }
  });

  it('bad parameters give clear errors', () => {
    expect(() => buildPreset({ preset: 'nope', n: 100 })).toThrow(/unknown preset "nope"/);
    expect(() => buildPreset({ preset: 'parity10-d5', n: 5 })).toThrow(/N = 5 is too small/);
    expect(() => buildPreset({ preset: 'parity10-d5', n: 100.5 })).toThrow(/N must be a whole number/);
    expect(() => buildPreset({ preset: 'parity10-d5', n: Number.NaN })).toThrow(/N must be a whole number/);
  });
});
