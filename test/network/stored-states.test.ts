/** Every stored state (codeword of T(G, L)) is a fixed point of every deterministic schedule. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { PRESETS } from '../../src/network/presets.js';
import { runDynamics, type InputRule, type Schedule } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';
import { randomStoredState } from '../helpers/random.js';

const combos: [Schedule, InputRule][] = [
  ['sync', 'free-energy'],
  ['sync', 'unit'],
  ['async', 'free-energy'],
  ['async', 'unit'],
];

describe('stored states are fixed points', () => {
  for (const name of Object.keys(PRESETS)) {
    it(`${name}: 1000 random stored states at N ≈ 4000 (preset dynamics) and 100 per other schedule/rule`, () => {
      const code = buildPreset({ preset: name, n: 4000, seed: 11 });
      expect(code.n).toBeGreaterThanOrEqual(3990);
      const rng = Rng.stream(5, code.n);
      for (let t = 0; t < 1000; t++) {
        const x = randomStoredState(code, rng);
        expect(code.network.isStoredState(x)).toBe(true);
        const r = runDynamics(code.network, x, { schedule: code.schedule, rule: code.rule });
        expect(r.converged && r.sweeps === 0 && r.isStoredState).toBe(true);
      }
      for (const [schedule, rule] of combos) {
        for (let t = 0; t < 100; t++) {
          const x = randomStoredState(code, rng);
          const r = runDynamics(code.network, x, { schedule, rule, seed: t });
          expect(r.sweeps, `${schedule}/${rule}`).toBe(0);
          expect(r.state).toEqual(x);
        }
      }
    });
  }

  it('200 random stored states per preset and every schedule/rule at N ≈ 200', () => {
    for (const name of Object.keys(PRESETS)) {
      const code = buildPreset({ preset: name, n: name === 'hamming31-d3' ? 310 : 200, seed: 3 });
      const rng = Rng.stream(9, code.n);
      for (let t = 0; t < 200; t++) {
        const x = randomStoredState(code, rng);
        const [schedule, rule] = combos[t % combos.length]!;
        const r = runDynamics(code.network, x, { schedule, rule, seed: t });
        expect(r.sweeps).toBe(0);
        expect(r.converged).toBe(true);
        expect(r.state).toEqual(x);
      }
    }
  });
});
