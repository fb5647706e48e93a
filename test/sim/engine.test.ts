/** The simulation engine: worker-count invariance, stop rules, resume and merge. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { decoderSpec, type DecoderName } from '../../src/sim/decoder-spec.js';
import { runSimulation, type SimulationOptions } from '../../src/sim/engine.js';
import { mergeRows, type ResultRow } from '../../src/sim/results.js';

const code = buildPreset({ preset: 'parity8-d4', n: 800, seed: 3 });

function options(over: Partial<SimulationOptions> = {}, decoder: DecoderName = 'network-sync'): SimulationOptions {
  return {
    code,
    codeId: { preset: 'parity8-d4', n: 800, seed: 3 },
    codeLabel: 'parity8-d4 N=800',
    decoder: decoderSpec(decoder, 'free-energy'),
    channel: 'bsc',
    points: [0.02, 0.03],
    seed: 7,
    workers: 0,
    chunkFrames: 128,
    stop: { maxFe: 40, maxFrames: 4096, maxTime: 0 },
    ...over,
  };
}

const counts = (rows: readonly ResultRow[]) =>
  mergeRows(rows).map(({ seconds: _s, ...r }) => r);

describe('simulation engine', () => {
  it('identical counts for 0 (this thread), 1 and 2 workers', async () => {
    const rows: ResultRow[][] = [];
    for (const workers of [0, 1, 2]) {
      const out: ResultRow[] = [];
      await runSimulation(options({ workers, onRow: (r) => out.push(r) }));
      rows.push(out);
    }
    expect(counts(rows[1]!)).toEqual(counts(rows[0]!));
    expect(counts(rows[2]!)).toEqual(counts(rows[0]!));
  });

  it('stop rules fire as stated and are recorded', async () => {
    const res = await runSimulation(options({ points: [0.04, 0.001] }));
    expect(res[0]!.stopReason).toBe('errors');
    expect(res[0]!.totals.frameErrors).toBeGreaterThanOrEqual(40);
    expect(res[1]!.stopReason).toBe('frames');
    expect(res[1]!.totals.frames).toBe(4096);
    const timed = await runSimulation(options({ points: [0.001], stop: { maxFe: 0, maxFrames: 0, maxTime: 0.3 } }));
    expect(timed[0]!.stopReason).toBe('time');
    // The clock runs out before any chunk finished: the first chunk is still counted (a
    // point never ends with no frames), then the time rule stops it; no empty row.
    for (const workers of [0, 1]) {
      const rows: ResultRow[] = [];
      const early = await runSimulation(options({ workers, points: [0.02], chunkFrames: 32, onRow: (r) => rows.push(r), stop: { maxFe: 0, maxFrames: 0, maxTime: 0.001 } }, 'network-async'));
      expect(early[0]!.stopReason).toBe('time');
      expect(early[0]!.totals.frames).toBeGreaterThanOrEqual(32);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.chunks >= 1)).toBe(true);
    }
  });

  it('a killed run resumes without losing or repeating a frame; halves merge into the whole', async () => {
    const whole: ResultRow[] = [];
    await runSimulation(options({ onRow: (r) => whole.push(r), stop: { maxFe: 0, maxFrames: 2048, maxTime: 0 } }));
    // "Kill" after the first half: rows of a run stopped at 1024 frames, marked interrupted.
    const first: ResultRow[] = [];
    await runSimulation(options({ onRow: (r) => first.push(r), stop: { maxFe: 0, maxFrames: 1024, maxTime: 0 } }));
    const killed = first.map((r) => ({ ...r, stopReason: 'interrupted' as const }));
    const second: ResultRow[] = [];
    await runSimulation(options({ previous: killed, onRow: (r) => second.push(r), stop: { maxFe: 0, maxFrames: 2048, maxTime: 0 } }));
    expect(second.every((r) => r.firstChunk >= 8)).toBe(true);
    const merged = counts([...killed, ...second]).map(({ stopReason: _r, ...r }) => r);
    expect(merged).toEqual(counts(whole).map(({ stopReason: _r, ...r }) => r));
    // A finished point is not run again.
    const again: ResultRow[] = [];
    await runSimulation(options({ previous: whole, onRow: (r) => again.push(r), stop: { maxFe: 0, maxFrames: 2048, maxTime: 0 } }));
    expect(again).toEqual([]);
  });

  it('every decoder runs on the same frames; min-sum beats bit flipping', async () => {
    const fer: Record<string, number> = {};
    for (const d of ['network-sync', 'network-soft', 'gallager-b', 'bit-flip', 'min-sum'] as DecoderName[]) {
      const res = await runSimulation(options({ points: [0.03], chunkFrames: 64, stop: { maxFe: 0, maxFrames: 256, maxTime: 0 } }, d));
      fer[d] = res[0]!.totals.frameErrors / res[0]!.totals.frames;
    }
    expect(fer['min-sum']!).toBeLessThan(fer['bit-flip']!);
    expect(fer['min-sum']!).toBeLessThanOrEqual(fer['network-sync']!);
  });

  it('bad input gives clear errors', async () => {
    await expect(runSimulation(options({ points: [] }))).rejects.toThrow(/noise range is empty/);
    await expect(runSimulation(options({ points: [1.5] }))).rejects.toThrow(/p must lie in \[0, 1\]/);
    await expect(runSimulation(options({ stop: { maxFe: 0, maxFrames: 0, maxTime: 0 } }))).rejects.toThrow(/no stop rule/);
  });
});
