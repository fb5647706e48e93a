/** The bit-sliced synchronous kernel must follow the reference trajectory exactly. */
import { describe, expect, it } from 'vitest';
import { buildPreset, type Code } from '../../src/network/code.js';
import { PRESETS } from '../../src/network/presets.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { decodeBatch, planSweep, syncSweep } from '../../src/decoders/sync-bitsliced.js';
import { inputField, runDynamics, type InputRule } from '../../src/decoders/reference-dynamics.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, lane, noisyBatch, randomStoredState } from '../helpers/random.js';


/** One reference synchronous sweep (the same arithmetic as runDynamics, exposed per sweep). */
function referenceSweep(code: Code, x: Uint8Array, rule: InputRule, field?: Float64Array): Uint8Array {
  const h = Float64Array.from({ length: code.n }, (_, i) => inputField(code.network, x, i, rule, field));
  return x.map((b, i) => (h[i]! > 0 ? 1 : h[i]! < 0 ? 0 : b));
}

function cueField(cue: Uint8Array, beta: number): Float64Array | undefined {
  return beta > 0 ? Float64Array.from(cue, (b) => beta * (2 * b - 1)) : undefined;
}

const cases: { preset: string; n: number; radius?: number; p: number }[] = [
  { preset: 'hamming7-d2', n: 140, p: 0.08 },
  { preset: 'hamming15-d2', n: 150, p: 0.06 },
  { preset: 'hamming15-d3', n: 150, p: 0.06 },
  { preset: 'hamming15-d3', n: 150, p: 0.06, radius: 0 },
  { preset: 'hamming31-d3', n: 186, p: 0.03 },
  { preset: 'parity6-d3', n: 120, p: 0.04 },
  { preset: 'parity8-d4', n: 160, p: 0.04 },
  { preset: 'parity10-d5', n: 200, p: 0.04 },
  { preset: 'parity10-d5', n: 200, p: 0.04, radius: 1 },
];

describe('sync-bitsliced kernel vs reference dynamics', () => {
  it('covers every preset', () => {
    for (const name of Object.keys(PRESETS)) expect(cases.some((c) => c.preset === name)).toBe(true);
  });

  for (const { preset, n, radius, p } of cases) {
    let cached: { code: Code; net: CompiledNetwork } | undefined;
    const build = () => {
      if (!cached) {
        // girth 4 is fine for equality tests and builds instantly.
        const code = buildPreset({ preset, n, seed: `traj-${preset}`, radius, girth6: false });
        cached = { code, net: CompiledNetwork.fromCode(code) };
      }
      return cached;
    };
    for (const rule of ['free-energy', 'unit'] as const) {
      for (const beta of [0, 1, 2]) {
        it(`${preset} N=${n} r=${radius ?? 'default'} ${rule} β=${beta}: identical trajectories`, () => {
          const { code, net } = build();
          const rng = Rng.stream(7, n, beta, rule === 'unit' ? 1 : 0, radius ?? 9);
          const { cues, words } = noisyBatch(code, rng, p);
          const plan = planSweep(net, { rule, cueWeight: beta });
          const x = words.slice();
          const ref = cues.map((c) => c.slice());
          for (let sweep = 0; sweep < 12; sweep++) {
            const { changed } = syncSweep(net, x, words, plan);
            for (let l = 0; l < 32; l++) {
              const next = referenceSweep(code, ref[l]!, rule, cueField(cues[l]!, beta));
              const moved = next.some((b, i) => b !== ref[l]![i]);
              ref[l] = next;
              expect(lane(x, l), `sweep ${sweep} lane ${l}`).toEqual(next);
              expect((changed >>> l) & 1, `changed flag sweep ${sweep} lane ${l}`).toBe(moved ? 1 : 0);
            }
            // The incremental engine stopped after the same number of sweeps is in the same state.
            const inc = decodeBatch(net, words, { rule, cueWeight: beta, maxSweeps: sweep + 1 });
            expect(inc.words, `active-set engine after ${sweep + 1} sweeps`).toEqual(x);
          }
          const res = decodeBatch(net, words, { rule, cueWeight: beta, maxSweeps: 20 });
          for (let l = 0; l < 32; l++) {
            const r = runDynamics(code.network, cues[l]!, { schedule: 'sync', rule, maxSweeps: 20, field: cueField(cues[l]!, beta) });
            expect(lane(res.words, l)).toEqual(r.state);
            expect(res.sweeps[l]).toBe(r.sweeps);
            expect((res.converged >>> l) & 1).toBe(r.converged ? 1 : 0);
            expect((res.unsatisfied >>> l) & 1).toBe(r.isStoredState ? 0 : 1);
          }
        });
      }
    }
  }

  for (const [preset, n, p] of [['parity10-d5', 200, 0.1], ['parity6-d3', 120, 0.08], ['hamming15-d3', 150, 0.12]] as const) {
    it(`${preset}: lanes stuck in 2-cycles end where the reference ends (odd and even caps)`, () => {
      const code = buildPreset({ preset, n, seed: `cyc-${preset}`, girth6: false });
      const net = CompiledNetwork.fromCode(code);
      let stuck = 0;
      for (const maxSweeps of [6, 7, 30, 31]) {
        const { cues, words } = noisyBatch(code, Rng.stream(17, n), p);
        const res = decodeBatch(net, words, { maxSweeps });
        for (let l = 0; l < 32; l++) {
          const r = runDynamics(code.network, cues[l]!, { schedule: 'sync', maxSweeps });
          expect(lane(res.words, l), `cap ${maxSweeps} lane ${l}`).toEqual(r.state);
          expect(res.sweeps[l]).toBe(r.sweeps);
          expect((res.converged >>> l) & 1).toBe(r.converged ? 1 : 0);
          expect((res.unsatisfied >>> l) & 1).toBe(r.isStoredState ? 0 : 1);
          if (!r.converged) stuck++;
        }
        const unconverged = (~res.converged >>> 0) !== 0;
        if (preset === 'hamming15-d3' && maxSweeps === 31 && unconverged) expect(res.sweepsRun, 'frozen 2-cycles end the batch early').toBeLessThan(31);
      }
      expect(stuck, 'the noise must leave some lanes oscillating').toBeGreaterThan(0);
    });
  }

  it('stops early once every active lane is at a fixed point', () => {
    const code = buildPreset({ preset: 'parity10-d5', n: 200, seed: 3 });
    const net = CompiledNetwork.fromCode(code);
    const clean = new Uint32Array(code.n);
    const info = Uint32Array.from({ length: net.k }, (_, i) => Math.imul(i + 1, 0x9e3779b9) >>> 0);
    net.encodeWords(info, clean);
    const res = decodeBatch(net, clean, { maxSweeps: 50 });
    expect(res.sweepsRun).toBe(1);
    expect(res.converged).toBe(0xffffffff);
    expect(res.unsatisfied).toBe(0);
    expect(res.words).toEqual(clean);
    expect([...res.sweeps].every((s) => s === 0)).toBe(true);
  });

  it('rejects bad inputs with hopcode/ errors', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 60, seed: 1 });
    const net = CompiledNetwork.fromCode(code, { encoder: false });
    expect(() => decodeBatch(net, new Uint32Array(59))).toThrow(/^hopcode\/sync-bitsliced: the cue has 59 words/);
    expect(() => decodeBatch(net, new Uint32Array(60), { maxSweeps: 0 })).toThrow(/^hopcode\/sync-bitsliced: maxSweeps/);
    expect(() => decodeBatch(net, new Uint32Array(60), { cueWeight: -1 })).toThrow(/^hopcode\/sync-bitsliced: cueWeight/);
    expect(() => decodeBatch(net, new Uint32Array(60), { rule: 'x' as InputRule })).toThrow(/^hopcode\/sync-bitsliced: unknown rule/);
  });
});
