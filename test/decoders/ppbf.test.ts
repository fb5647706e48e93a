/**
 * Flip-table (PPBF) dynamics: the bit-sliced kernel against its per-frame reference (same
 * coins, bit for bit), against the deterministic sync kernel (step table), fractional cue
 * weights in the deterministic kernels, energy descent, fixed points, coins, bad input.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { cachedNetwork } from '../helpers/networks.js';
import { decodeBatch, planSweep, syncSweep } from '../../src/decoders/sync-bitsliced.js';
import { inputField } from '../../src/decoders/reference-dynamics.js';
import { decodeBatchPpbf } from '../../src/decoders/ppbf-bitsliced.js';
import { runPpbfReference } from '../../src/decoders/ppbf-reference.js';
import { coinThreshold, networkLevels, parseFlipTable, resolveFlipTable, type FlipTableSpec } from '../../src/decoders/flip-table.js';
import { coinBase, coinFlips, laneCoin } from '../../src/decoders/lane-coins.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, lane, noisyBatch, randomStoredState } from '../helpers/random.js';


const build = (preset: string, n: number, radius?: number) => cachedNetwork({ preset, n, seed: `ppbf-${preset}`, radius, girth6: false });

/** Step table: flip iff the gain is positive (E < 0): the deterministic rule. */
function stepTable(net: CompiledNetwork, beta: number): FlipTableSpec {
  return { kind: 'pairs', pairs: networkLevels(net, beta).map((e) => [e, e < 0 ? 1 : 0]) };
}

describe('fractional cue weights in the deterministic kernel', () => {
  for (const [preset, n, p] of [['parity6-d3', 120, 0.05], ['hamming31-d3', 186, 0.03], ['hamming15-d3', 150, 0.06]] as const) {
    for (const beta of [0.5, 0.75, 1.5]) {
      it(`${preset} β=${beta}: sync sweeps equal the reference's h_i > 0 rule`, () => {
        const { code, net } = build(preset, n);
        const { cues, words } = noisyBatch(code, Rng.stream(5, n, beta * 64), p);
        const plan = planSweep(net, { rule: 'free-energy', cueWeight: beta });
        const x = words.slice();
        const ref = cues.map((c) => c.slice());
        for (let sweep = 0; sweep < 6; sweep++) {
          syncSweep(net, x, words, plan);
          for (let l = 0; l < 32; l++) {
            const field = Float64Array.from(cues[l]!, (b) => beta * (2 * b - 1));
            const h = Float64Array.from({ length: code.n }, (_, i) => inputField(code.network, ref[l]!, i, 'free-energy', field));
            ref[l] = ref[l]!.map((b, i) => (h[i]! > 0 ? 1 : h[i]! < 0 ? 0 : b));
            expect(lane(x, l), `sweep ${sweep} lane ${l}`).toEqual(ref[l]);
          }
        }
      });
    }
  }

  it('the energy never rises under zero-temperature one-at-a-time updates with a fractional field', () => {
    for (const [preset, n] of [['parity6-d3', 120], ['hamming31-d3', 186]] as const) {
      const { code } = build(preset, n);
      const rng = Rng.stream(11, n);
      let moves = 0;
      for (const beta of [0.25, 0.5, 0.75, 1.5]) {
        const cue = flipBits(randomStoredState(code, rng), 0.08, rng);
        const field = Float64Array.from(cue, (b) => beta * (2 * b - 1));
        const x = flipBits(cue, 0.05, rng); // start off the cue too: both cue signs occur
        let f = code.network.freeEnergy(x, field);
        for (let s = 0; s < 5; s++) {
          for (const i of rng.shuffle(Int32Array.from({ length: code.n }, (_, k) => k))) {
            const h = inputField(code.network, x, i, 'free-energy', field);
            const v = h > 0 ? 1 : h < 0 ? 0 : x[i]!;
            if (v === x[i]) continue;
            x[i] = v;
            moves++;
            const g = code.network.freeEnergy(x, field);
            expect(g, `${preset} β=${beta} update of input ${i}`).toBeLessThan(f);
            f = g;
          }
        }
      }
      expect(moves, preset).toBeGreaterThan(20);
    }
  });
});

describe('flip-table dynamics: bit-sliced kernel = per-frame reference (same coins)', () => {
  const tables: [string, FlipTableSpec | ((net: CompiledNetwork) => FlipTableSpec)][] = [
    ['glauber T=0.4', { kind: 'glauber', temperature: 0.4 }],
    ['glauber annealed 1→0.2 in 4', { kind: 'glauber', temperature: 0.2, start: 1, sweeps: 4 }],
    ['step', (net) => stepTable(net, 0.5)],
  ];
  const cases = [
    { preset: 'parity6-d3', n: 120, p: 0.06, table: { kind: 'list', probs: [1, 0.9, 0.3, 0.01, 0] } as FlipTableSpec },
    { preset: 'hamming31-d3', n: 186, p: 0.04 },
    { preset: 'hamming15-d3', n: 150, p: 0.07, radius: 0 },
    { preset: 'parity10-d5', n: 200, p: 0.06 },
  ];
  for (const c of cases) {
    for (const schedule of ['parallel', 'serial'] as const) {
      const list: [string, FlipTableSpec | ((net: CompiledNetwork) => FlipTableSpec)][] = c.table ? [['PPBF 1,0.9,0.3,0.01,0', c.table]] : tables;
      for (const [label, t] of list) {
        it(`${c.preset} r=${c.radius ?? 'default'} ${schedule} ${label}: identical lanes, sweeps and restarts`, () => {
          const { code, net } = build(c.preset, c.n, c.radius);
          const table = typeof t === 'function' ? t(net) : t;
          const { cues, words } = noisyBatch(code, Rng.stream(23, c.n, schedule.length), c.p);
          const o = { schedule, table, cueWeight: 0.5, maxSweeps: 6, restarts: 2, key: 0x1234 + c.n };
          const res = decodeBatchPpbf(net, words, o);
          let restarted = 0;
          let ok = 0;
          for (let l = 0; l < 32; l++) {
            const r = runPpbfReference(code.network, net, cues[l]!, { ...o, lane: l });
            expect(lane(res.words, l), `lane ${l}`).toEqual(r.state);
            expect(res.sweeps[l], `sweeps lane ${l}`).toBe(r.sweeps);
            expect((res.converged >>> l) & 1).toBe(r.converged ? 1 : 0);
            expect((res.unsatisfied >>> l) & 1).toBe(r.isStoredState ? 0 : 1);
            restarted += r.restartsUsed > 0 ? 1 : 0;
            ok += r.converged ? 1 : 0;
          }
          expect(restarted + ok, 'lanes either finish or restart').toBeGreaterThan(0);
        });
      }
    }
  }

  it('restarts run with fresh coins and are counted in the sweeps', () => {
    const { code, net } = build('parity6-d3', 120);
    const { words } = noisyBatch(code, Rng.stream(31, 1), 0.09);
    const table: FlipTableSpec = { kind: 'list', probs: [1, 0.9, 0.3, 0.01, 0] };
    const once = decodeBatchPpbf(net, words, { table, maxSweeps: 4, key: 9 });
    const more = decodeBatchPpbf(net, words, { table, maxSweeps: 4, restarts: 5, key: 9 });
    const bits = (v: number) => [...Array(32).keys()].filter((l) => (v >>> l) & 1).length;
    expect(bits(more.converged)).toBeGreaterThanOrEqual(bits(once.converged));
    expect(Math.max(...more.sweeps)).toBeLessThanOrEqual(24);
    expect([...more.sweeps].some((s) => s > 4), 'some lane needed a restart').toBe(true);
    // A lane that finished in the first attempt finishes identically with restarts allowed.
    for (let l = 0; l < 32; l++) if ((once.converged >>> l) & 1) expect(lane(more.words, l)).toEqual(lane(once.words, l));
  });

  it('the step table under the parallel schedule is the deterministic sync dynamics (fractional β)', () => {
    for (const [preset, n, p] of [['parity6-d3', 120, 0.05], ['hamming31-d3', 186, 0.035]] as const) {
      const { code, net } = build(preset, n);
      for (const beta of [0.5, 1.25]) {
        const { words } = noisyBatch(code, Rng.stream(3, n, beta * 64), p);
        const a = decodeBatchPpbf(net, words, { table: stepTable(net, beta), cueWeight: beta, maxSweeps: 15, key: 1 });
        const b = decodeBatch(net, words, { rule: 'free-energy', cueWeight: beta, maxSweeps: 15 });
        expect(a.words, `${preset} β=${beta}`).toEqual(b.words);
        expect(a.unsatisfied).toBe(b.unsatisfied);
      }
    }
  });

  it('stored states are fixed points: a clean batch stops before the first sweep', () => {
    for (const [preset, n] of [['parity10-d5', 200], ['hamming31-d3', 186]] as const) {
      const { net } = build(preset, n);
      const clean = new Uint32Array(net.n);
      net.encodeWords(Uint32Array.from({ length: net.k }, (_, i) => Math.imul(i + 1, 0x9e3779b9) >>> 0), clean);
      for (const schedule of ['parallel', 'serial'] as const) {
        const r = decodeBatchPpbf(net, clean, { schedule, table: { kind: 'glauber', temperature: 2 }, cueWeight: 0.75, key: 3 });
        expect(r.words).toEqual(clean);
        expect(r.sweepsRun).toBe(0);
        expect(r.converged).toBe(0xffffffff);
      }
      const s = decodeBatch(net, clean, { cueWeight: 0.5 });
      expect(s.words).toEqual(clean);
    }
  });
});

describe('coins and tables', () => {
  it('per-lane coin frequencies lie within binomial bounds, and the bit-sliced coins equal the per-lane ones', () => {
    const trials = 4000;
    const probs = [0.01, 0.3, 0.9];
    for (const p of probs) {
      const P = coinThreshold(p);
      const count = new Int32Array(32);
      const masks = Int32Array.of(-1);
      const pbits = Int32Array.of(P | 0);
      for (let t = 0; t < trials; t++) {
        const base = coinBase(77, t, 5);
        const w = coinFlips(base, -1, masks, pbits, 1);
        for (let l = 0; l < 32; l++) {
          const bit = (w >>> l) & 1;
          if (t < 200) expect(bit, `p=${p} trial ${t} lane ${l}`).toBe(laneCoin(base, l, P) ? 1 : 0);
          count[l]! += bit;
        }
      }
      // 5σ binomial band per lane (160 lane-tests: a false alarm has probability < 1e-4).
      const sd = Math.sqrt(trials * p * (1 - p));
      for (let l = 0; l < 32; l++) expect(Math.abs(count[l]! - trials * p), `p=${p} lane ${l}`).toBeLessThan(5 * sd);
    }
  });

  it('levels of a (3,6) parity network with β = ½ are PPBF\'s E = −4 … 4', () => {
    const { net } = build('parity6-d3', 120);
    expect(networkLevels(net, 0.5)).toEqual([-4, -2, 0, 2, 4]);
    expect(networkLevels(net, 1)).toEqual([-5, -3, -1, 1, 3, 5]);
    // A votes table is PPBF's table on this code, and resolves on a Hamming network too.
    expect(resolveFlipTable(net, 0.5, parseFlipTable('votes:1,0.9,0.3,0.01,0')).probs).toEqual([1, 0.9, 0.3, 0.01, 0]);
    const ham = build('hamming31-d3', 186).net;
    expect(networkLevels(ham, 0.5)).toEqual([-7, -5, -3, -1, 1, 3, 5, 7]);
    expect(resolveFlipTable(ham, 0.5, { kind: 'votes', probs: [1, 0.9, 0.3, 0.01, 0] }).probs).toEqual([1, 0.9, 0.9, 0.3, 0.3, 0.01, 0.01, 0]);
  });

  it('rejects bad tables, cue weights, caps and restarts with one line naming the problem', () => {
    const { net } = build('parity6-d3', 120);
    const cue = new Uint32Array(net.n);
    expect(() => resolveFlipTable(net, 0.5, { kind: 'list', probs: [1, 0.5, 0] })).toThrow(/^hopcode\/flip-table: the table has 3 entries, this network with β = 0.5 has 5 energy levels E = -4, -2, 0, 2, 4$/);
    expect(() => resolveFlipTable(net, 0.5, { kind: 'pairs', pairs: [[-4, 1]] })).toThrow(/^hopcode\/flip-table: no probability for energy level E = -2/);
    expect(() => resolveFlipTable(net, 0.5, { kind: 'list', probs: [1, 2, 0, 0, 0] })).toThrow(/probabilities must lie in \[0, 1\]/);
    expect(() => parseFlipTable('1,x,0')).toThrow(/"x" is not a number/);
    expect(() => parseFlipTable('1,1.5')).toThrow(/probability 1.5 is outside/);
    expect(() => parseFlipTable('glauber:-1')).toThrow(/temperature/);
    expect(parseFlipTable('glauber:0.6:0.2:50')).toEqual({ kind: 'glauber', temperature: 0.2, start: 0.6, sweeps: 50 });
    expect(() => parseFlipTable('glauber:0.2:0.6:50')).toThrow(/cools/);
    expect(() => parseFlipTable('glauber:0.6:0.2:x')).toThrow(/anneal length/);
    expect(parseFlipTable('-4:1, -2:0.9')).toEqual({ kind: 'pairs', pairs: [[-4, 1], [-2, 0.9]] });
    const table: FlipTableSpec = { kind: 'glauber', temperature: 1 };
    expect(() => decodeBatchPpbf(net, cue, { table, key: 0, cueWeight: 0.3 })).toThrow(/cueWeight must be a multiple of 1\/64/);
    expect(() => decodeBatchPpbf(net, cue, { table, key: 0, restarts: -1 })).toThrow(/^hopcode\/ppbf: restarts/);
    expect(() => decodeBatchPpbf(net, cue, { table, key: 0, maxSweeps: 0 })).toThrow(/^hopcode\/ppbf: maxSweeps/);
    expect(() => decodeBatchPpbf(net, cue, { table, key: 0, schedule: 'x' as 'serial' })).toThrow(/^hopcode\/ppbf: unknown schedule/);
    expect(() => planSweep(net, { cueWeight: -0.5 })).toThrow(/cueWeight must be a number in \[0, 64\]/);
  });
});
