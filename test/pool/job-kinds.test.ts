/**
 * The pool runs registered job kinds and knows nothing above it (STYLE.md §13): no module
 * of src/pool imports src/sim; a job of an unknown kind is a clear error; a kind
 * registered on this thread runs through runJobLocal; a simulation job ('sim', registered
 * by sim/sim-chunk) runs in worker threads, which import the registering module
 * themselves, with totals equal to this thread's while tasks group several chunks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { buildPreset } from '../../src/network/code.js';
import { registerJobKind, type KindedJob } from '../../src/pool/any-job.js';
import { zeroCounts } from '../../src/pool/chunk-runner.js';
import { DecodePool, runJobLocal } from '../../src/pool/decode-pool.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import type { SimJob } from '../../src/sim/sim-chunk.js';
import '../../src/sim/sim-chunk.js';

const net = CompiledNetwork.fromCode(buildPreset({ preset: 'parity10-d5', n: 400, seed: 'kinds', girth6: false }));

describe('pool job kinds', () => {
  it('no module of src/pool imports the simulator', () => {
    for (const f of readdirSync('src/pool')) {
      const text = readFileSync(`src/pool/${f}`, 'utf8');
      expect(text, f).not.toMatch(/from '\.\.\/sim\//);
      expect(text, f).not.toMatch(/import\('\.\.\/sim\//);
    }
  });

  it('an unknown kind is refused naming it; a registered one runs on this thread', () => {
    const job = { kind: 'nope', network: net.toShared() };
    expect(() => runJobLocal(net, job, { maxChunks: 1 })).toThrow(/^hopcode\/pool: unknown job kind "nope"/);
    interface CountJob extends KindedJob {
      frames: number;
    }
    registerJobKind<CountJob>('test-count', import.meta.url, {
      run: (_n, j, chunk) => ({ ...zeroCounts(), frames: j.frames, sweepsSum: chunk, stopped: false }),
      validate: (j) => {
        if (j.frames < 1) throw new Error('test-count: frames must be ≥ 1');
      },
    });
    const r = runJobLocal(net, { kind: 'test-count', network: net.toShared(), frames: 3 } as CountJob, { maxChunks: 5, firstChunk: 2 });
    expect([r.totals.frames, r.totals.sweepsSum, r.chunks]).toEqual([15, 2 + 3 + 4 + 5 + 6, 5]);
    expect(() => runJobLocal(net, { kind: 'test-count', network: net.toShared(), frames: 0 } as CountJob, { maxChunks: 1 })).toThrow(/frames must be/);
    expect(() => registerJobKind('kernel', import.meta.url, { run: () => ({ ...zeroCounts(), stopped: false }), validate: () => {} })).toThrow(/reserved/);
  });

  it("workers run 'sim' jobs (importing the kind's module) with this thread's totals", async () => {
    const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: decoderSpec('gallager-b', 'free-energy', { maxSweeps: 20 }), channel: { kind: 'bsc', noise: 0.03, rate: net.k / net.n }, seed: 7, framesPerChunk: 64 };
    const stopWhen = (t: { frameErrors: number }): boolean => t.frameErrors >= 40;
    const local = runJobLocal(net, job, { maxChunks: 200, stopWhen });
    const pool = new DecodePool({ workers: 2 });
    try {
      const pooled = await pool.runJob(job, { maxChunks: 200, stopWhen });
      expect(pooled.totals).toEqual(local.totals);
      expect(pooled.chunks).toBe(local.chunks);
      expect(local.totals.frameErrors).toBeGreaterThanOrEqual(40);
    } finally {
      await pool.close();
    }
  });
});
