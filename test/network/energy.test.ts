/** The network is a Hopfield network: one-unit-at-a-time updates never raise the energy. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { inputField, runDynamics, type InputRule } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';
import { randomBits } from '../helpers/random.js';

const smallPresets = ['hamming7-d2', 'hamming15-d3', 'parity6-d3', 'parity8-d4', 'parity10-d5', 'hamming31-d3'];
const EPS = 1e-9;

describe('energy under asynchronous dynamics', () => {
  it('F(x) never rises, update by update, for both input rules (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...smallPresets),
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom<InputRule>('unit', 'free-energy'),
        fc.boolean(),
        (preset, seed, rule, withField) => {
          const code = buildPreset({ preset, n: preset === 'hamming31-d3' ? 93 : 60, seed, girth6: false });
          const net = code.network;
          const rng = Rng.stream(seed, 77);
          const x = randomBits(rng, net.n);
          const field = withField ? Float64Array.from({ length: net.n }, () => (rng.float() - 0.5) * 2) : undefined;
          let u = net.hiddenState(x);
          let e = net.energy(x, u, field);
          expect(e).toBeCloseTo(net.freeEnergy(x, field), 9);
          for (let sweep = 0; sweep < 4; sweep++) {
            for (let step = 0; step < net.n; step++) {
              const i = rng.int(net.n);
              const h = inputField(net, x, i, rule, field);
              if (h > 0) x[i] = 1;
              else if (h < 0) x[i] = 0;
              if (rule === 'unit') {
                // Input update with the hidden layer held, then the hidden layer's response.
                const eInput = net.energy(x, u, field);
                expect(eInput).toBeLessThanOrEqual(e + EPS);
                u = net.hiddenState(x);
                const eHidden = net.energy(x, u, field);
                expect(eHidden).toBeLessThanOrEqual(eInput + EPS);
                e = eHidden;
              } else {
                const f = net.freeEnergy(x, field);
                expect(f).toBeLessThanOrEqual(e + EPS);
                e = f;
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the energy trace of async runs is non-increasing', () => {
    const code = buildPreset({ preset: 'parity10-d5', n: 1000, seed: 2 });
    const rng = Rng.stream(1, 2);
    for (let t = 0; t < 20; t++) {
      const cue = randomBits(rng, code.n).map((b, i) => (i % 7 === 0 ? b : 0));
      const r = runDynamics(code.network, cue, { schedule: 'async', rule: 'free-energy', recordEnergy: true, seed: t });
      const tr = r.energyTrace!;
      for (let s = 1; s < tr.length; s++) expect(tr[s]!).toBeLessThanOrEqual(tr[s - 1]! + EPS);
    }
  });
});
