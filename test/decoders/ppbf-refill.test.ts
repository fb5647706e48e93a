/**
 * Lane refill of flip-table dynamics (ppbf-refill.ts): every frame of a chunk equals the
 * per-frame reference replayed at its lane and start tick (state, sweeps, status), lanes
 * really are reused, 32 frames equal the batch kernel, and the sim path counts the same
 * frames as the batch path with its own problem identity.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/network/code.js';
import { cachedNetwork } from '../helpers/networks.js';
import { decodeBatchPpbf } from '../../src/decoders/ppbf-bitsliced.js';
import { decodeChunkPpbf, type PpbfDoneBatch } from '../../src/decoders/ppbf-refill.js';
import { runPpbfReference } from '../../src/decoders/ppbf-reference.js';
import { formatFlipTable, parseFlipTable, resolveFlipTable, type FlipTableSpec } from '../../src/decoders/flip-table.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { simulationProblem } from '../../src/sim/engine.js';
import { problemHash } from '../../src/sim/results.js';
import { runSimChunk, type SimJob } from '../../src/sim/sim-chunk.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, randomStoredState } from '../helpers/random.js';

const build = (preset: string, n: number) => cachedNetwork({ preset, n, seed: `refill-${preset}`, girth6: false });

/** `frames` noisy cues (frame f at a noise that varies with f, so sweep counts spread) in batch words. */
function noisyFrames(code: Code, rng: Rng, frames: number, p: number): { cues: Uint8Array[]; batches: Uint32Array[] } {
  const cues: Uint8Array[] = [];
  const batches = Array.from({ length: Math.ceil(frames / 32) }, () => new Uint32Array(code.n));
  for (let f = 0; f < frames; f++) {
    const cue = flipBits(randomStoredState(code, rng), p * (0.3 + (f % 7) / 5), rng);
    cues.push(cue);
    for (let i = 0; i < code.n; i++) batches[f >>> 5]![i]! |= cue[i]! << (f & 31);
  }
  return { cues, batches };
}
const lane = (words: Uint32Array, l: number): Uint8Array => Uint8Array.from(words, (w) => (w >>> l) & 1);

describe('lane refill: every frame = the reference at its lane and start tick', () => {
  const cases: { preset: string; n: number; p: number; table: FlipTableSpec }[] = [
    { preset: 'parity6-d3', n: 120, p: 0.06, table: { kind: 'votes', probs: [1, 0.9, 0.3, 0.01, 0] } },
    { preset: 'hamming31-d3', n: 186, p: 0.04, table: { kind: 'glauber', temperature: 0.3 } },
    { preset: 'hamming31-d3', n: 186, p: 0.05, table: { kind: 'descent', temperature: 0.25 } },
  ];
  for (const c of cases) {
    for (const schedule of ['parallel', 'serial'] as const) {
      it(`${c.preset} ${c.table.kind} ${schedule}: 80 frames through 32 lanes, restarts`, () => {
        const { code, net } = build(c.preset, c.n);
        const frames = 80;
        const { cues, batches } = noisyFrames(code, Rng.stream(31, c.n, schedule.length), frames, c.p);
        const o = { schedule, table: c.table, cueWeight: 0.75, maxSweeps: 5, restarts: 1, key: 0x5151 + c.n };
        const done: PpbfDoneBatch[] = [];
        const asked: number[] = [];
        const stats = decodeChunkPpbf(net, frames, (b) => (asked.push(b), batches[b]!), (r) => done.push(r), o);
        expect(stats.finished).toBe(true);
        expect(asked).toEqual([0, 1, 2]);
        expect(done.map((r) => r.batch).sort()).toEqual([0, 1, 2]);
        let late = 0;
        let restarted = 0;
        let sweeps = 0;
        for (const r of done) {
          for (let j = 0; j < r.sweeps.length; j++) {
            const f = 32 * r.batch + j;
            const ref = runPpbfReference(code.network, net, cues[f]!, { ...o, lane: r.lane[j]!, startTick: r.startTick[j]! });
            expect(lane(r.words, j), `frame ${f}`).toEqual(ref.state);
            expect(r.sweeps[j], `sweeps of frame ${f}`).toBe(ref.sweeps);
            expect((r.converged >>> j) & 1, `converged ${f}`).toBe(ref.converged ? 1 : 0);
            expect((r.unsatisfied >>> j) & 1, `unsatisfied ${f}`).toBe(ref.isStoredState ? 0 : 1);
            late += r.startTick[j]! > 0 ? 1 : 0;
            restarted += ref.restartsUsed;
            sweeps += ref.sweeps;
          }
          expect(r.sweeps.length).toBe(r.batch === 2 ? 16 : 32);
        }
        expect(late, 'frames that started in a freed lane after tick 0').toBeGreaterThan(10);
        expect(restarted, 'some frame restarted').toBeGreaterThan(0);
        expect(stats.laneSweeps).toBe(sweeps);
        expect(stats.ticks * 32, 'refill keeps lanes busier than ticks × 32 only if frames overlap').toBeGreaterThanOrEqual(sweeps);
      });
    }
  }

  it('32 frames (nothing to refill) equal the batch kernel lane by lane', () => {
    const { code, net } = build('hamming31-d3', 186);
    const { batches } = noisyFrames(code, Rng.stream(7), 32, 0.05);
    const o = { schedule: 'serial' as const, table: { kind: 'glauber', temperature: 0.25 } as FlipTableSpec, cueWeight: 0.875, maxSweeps: 8, restarts: 1, key: 99 };
    let got: PpbfDoneBatch | undefined;
    decodeChunkPpbf(net, 32, () => batches[0]!, (r) => (got = r), o);
    const ref = decodeBatchPpbf(net, batches[0]!, o);
    expect(got!.words).toEqual(ref.words);
    expect(Array.from(got!.sweeps)).toEqual(Array.from(ref.sweeps));
    expect(got!.converged >>> 0).toBe(ref.converged >>> 0);
  });

  it('stops when asked, refuses annealed tables and bad frame counts', () => {
    const { code, net } = build('parity6-d3', 120);
    const { batches } = noisyFrames(code, Rng.stream(8), 64, 0.2);
    const table: FlipTableSpec = { kind: 'glauber', temperature: 1 };
    const s = decodeChunkPpbf(net, 64, (b) => batches[b]!, () => undefined, { table, key: 1, maxSweeps: 1000, shouldStop: () => true });
    expect(s.finished).toBe(false);
    expect(() => decodeChunkPpbf(net, 1, () => batches[0]!, () => undefined, { table: { kind: 'glauber', temperature: 0.2, start: 1, sweeps: 4 }, key: 1 })).toThrow(/^hopcode\/ppbf-refill: an annealed table/);
    expect(() => decodeChunkPpbf(net, -1, () => batches[0]!, () => undefined, { table, key: 1 })).toThrow(/^hopcode\/ppbf-refill: frames/);
  });
});

describe('the descent table', () => {
  it('takes every downhill flip and Glauber\'s uphill ones; parses and formats back; refuses a bad temperature', () => {
    const { net } = build('hamming31-d3', 186);
    const r = resolveFlipTable(net, 0.875, parseFlipTable('descent:0.25'));
    const g = resolveFlipTable(net, 0.875, { kind: 'glauber', temperature: 0.25 });
    expect(r.levels.length).toBe(14);
    r.levels.forEach((e, k) => expect(r.probs[k], `E = ${e}`).toBe(e < 0 ? 1 : g.probs[k]));
    expect(formatFlipTable(parseFlipTable('descent:0.25'))).toBe('descent:0.25');
    expect(() => parseFlipTable('descent:0')).toThrow(/after "descent:" must be a number > 0/);
    expect(() => resolveFlipTable(net, 0.875, { kind: 'descent', temperature: -1 })).toThrow(/^hopcode\/flip-table: the temperature/);
  });
});

describe('lane refill in the simulator', () => {
  it('counts the same frames as batch lanes, under its own problem hash', () => {
    const { net } = build('parity6-d3', 120);
    const spec = (ppbfLanes: 'refill' | 'batch') => decoderSpec('network-ppbf', 'free-energy', { ppbfLanes, maxSweeps: 40 });
    const job = (d: ReturnType<typeof spec>): SimJob => ({ kind: 'sim', network: net.toShared(), decoder: d, channel: { kind: 'bsc', noise: 0.04, rate: 0.5 }, seed: 3, framesPerChunk: 70 });
    const a = runSimChunk(net, job(spec('refill')), 2);
    const b = runSimChunk(net, job(spec('batch')), 2);
    expect(a.frames).toBe(70);
    expect(b.frames).toBe(70);
    expect(a.stopped).toBe(false);
    // Same frames: the easy ones decode either way, so the error counts are close (not equal: other coins).
    expect(Math.abs(a.frameErrors - b.frameErrors)).toBeLessThanOrEqual(8);
    const hash = (d: ReturnType<typeof spec>) => problemHash(simulationProblem({ codeId: { preset: 'parity6-d3' }, decoder: d, channel: 'bsc', seed: 3, chunkFrames: 70 }));
    expect(hash(spec('refill'))).not.toBe(hash(spec('batch')));
    expect(decoderSpec('network-ppbf', 'free-energy').ppbfLanes).toBe('refill');
  });
});
