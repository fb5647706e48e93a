/** Every stored state (codeword of T(G, L)) is a fixed point of every deterministic schedule. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { PRESETS } from '../../src/network/presets.js';
import { runDynamics, type InputRule, type Schedule } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';
import type { Code } from '../../src/network/code.js';
import { randomStoredState } from '../helpers/random.js';

/**
 * `count` uniformly random stored states, encoded 32 at a time by the word-parallel
 * encoder (the same systematic map as `encoder.encode`, tested equal in
 * test/decoders/encode-words.test.ts) — one bit-sliced call instead of 32 dense ones is
 * what keeps this file cheap. Each state is still checked to satisfy H·x = 0 below.
 */
function storedStates(code: Code, rng: Rng, count: number): Uint8Array[] {
  const k = code.encoder.k;
  const out: Uint8Array[] = [];
  const words = new Uint32Array(code.n);
  while (out.length < count) {
    const info = Uint32Array.from({ length: k }, () => rng.next());
    code.encoder.encodeWords(info, words);
    for (let lane = 0; lane < 32 && out.length < count; lane++) out.push(Uint8Array.from(words, (w) => (w >>> lane) & 1));
  }
  return out;
}

const combos: [Schedule, InputRule][] = [
  ['sync', 'free-energy'],
  ['sync', 'unit'],
  ['async', 'free-energy'],
  ['async', 'unit'],
];

/**
 * States per preset at N ≈ 4000. Being a fixed point is a property of every stored state (a
 * failure is systematic: a wrong field sign or threshold fails most states), so 150 + 40 per
 * schedule catch what 1000 + 100 did; with the 20+ presets of issues 9 and 12 the larger counts
 * made this the slowest file of the suite (~56 s). 60 + 16 (stop 21): at 150 + 40 it was still
 * the second slowest (26 s of a serial 5-minute run on a slower VM).
 */
const MAIN = 60;
const EACH = 16;

describe('stored states are fixed points', () => {
  for (const name of Object.keys(PRESETS)) {
    it(`${name}: ${MAIN} random stored states at N ≈ 4000 (preset dynamics) and ${EACH} per other schedule/rule`, () => {
      const code = buildPreset({ preset: name, n: 4000, seed: 11 });
      expect(code.n).toBeGreaterThanOrEqual(3990);
      const rng = Rng.stream(5, code.n);
      const states = storedStates(code, rng, MAIN + EACH * combos.length);
      for (let t = 0; t < MAIN; t++) {
        const x = states[t]!;
        expect(code.network.isStoredState(x)).toBe(true);
        const r = runDynamics(code.network, x, { schedule: code.schedule, rule: code.rule });
        expect(r.converged && r.sweeps === 0 && r.isStoredState).toBe(true);
      }
      for (const [c, [schedule, rule]] of combos.entries()) {
        if (schedule === code.schedule && rule === code.rule) continue; // the MAIN above already ran these dynamics
        for (let t = 0; t < EACH; t++) {
          const x = states[MAIN + EACH * c + t]!;
          expect(code.network.isStoredState(x)).toBe(true);
          const r = runDynamics(code.network, x, { schedule, rule, seed: t });
          expect(r.sweeps, `${schedule}/${rule}`).toBe(0);
          expect(r.state).toEqual(x);
        }
      }
    });
  }

  it('200 random stored states per preset and every schedule/rule at N ≈ 200', () => {
    for (const name of Object.keys(PRESETS)) {
      // girth6: false — at N ≈ 200 the 4-cycles cannot all be removed, and the default
      // ('auto') spends ~10 s per preset trying before it builds this same kind of graph.
      const code = buildPreset({ preset: name, n: name === 'hamming31-d3' ? 310 : 200, seed: 3, girth6: false });
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
