/** Worker pool: totals independent of the worker count, stop flag, errors naming the chunk. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { createStopFlag, DecodePool, requestStop, runLocal, type RunOptions } from '../../src/pool/decode-pool.js';
import { runDynamics } from '../../src/decoders/reference-dynamics.js';
import { noisePointHash, runChunk, zeroCounts } from '../../src/pool/chunk-runner.js';
import { channelFromSpec } from '../../src/channels/bsc-words.js';
import { Rng } from '../../src/util/rng.js';

let net: CompiledNetwork;
const pools: DecodePool[] = [];
beforeAll(() => {
  net = CompiledNetwork.fromCode(buildPreset({ preset: 'parity10-d5', n: 400, seed: 'pool', girth6: false }));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});
function pool(workers: number): DecodePool {
  const p = new DecodePool({ workers });
  pools.push(p);
  return p;
}

const base = (): RunOptions => ({
  network: net,
  decoder: { kind: 'sync-bitsliced', rule: 'free-energy', maxSweeps: 30 },
  channel: { kind: 'bsc', p: 0.03 },
  seed: 'same',
  framesPerChunk: 100,
  maxChunks: 24,
});

describe('DecodePool', () => {
  it('1, 2 and 8 workers and the local runner give identical totals', async () => {
    const local = runLocal(base());
    expect(local.totals.frames).toBe(2400);
    expect(local.totals.frameErrors).toBeGreaterThan(0);
    expect(local.totals.frameErrors).toBeLessThan(2400);
    expect(local.totals.converged + local.totals.noConvergence).toBe(2400);
    for (const w of [1, 2, 8]) {
      const r = await pool(w).run(base());
      expect(r.totals, `${w} workers`).toEqual(local.totals);
      expect(r.chunks).toBe(24);
      expect(r.stopReason).toBe('done');
    }
  });

  it('a stop rule is evaluated in chunk order: same chunks for any worker count', async () => {
    const stopWhen = (t: { frameErrors: number }) => t.frameErrors >= 150;
    const local = runLocal({ ...base(), stopWhen, maxChunks: 1000 });
    expect(local.stopReason).toBe('rule');
    const r = await pool(2).run({ ...base(), stopWhen, maxChunks: 1000 });
    expect(r).toEqual(local);
  });

  it('the stochastic decoder runs in the pool with worker-independent totals', async () => {
    const o: RunOptions = { ...base(), decoder: { kind: 'stochastic-bitsliced', cueWeight: 1, anneal: { start: 0.6, end: 0.05, sweeps: 5 }, maxSweeps: 20 }, maxChunks: 6, framesPerChunk: 64 };
    const local = runLocal(o);
    expect(local.totals.frames).toBe(384);
    expect(await pool(2).run(o)).toEqual(local);
  });

  it('the cooperative stop flag ends a long run early', async () => {
    const flag = createStopFlag();
    const t0 = Date.now();
    const running = pool(2).run({ ...base(), maxChunks: 1_000_000, framesPerChunk: 3200, stopFlag: flag });
    setTimeout(() => requestStop(flag), 300);
    const r = await running;
    expect(r.stopReason).toBe('stopped');
    expect(r.chunks).toBeLessThan(1_000_000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a worker that throws ends the run with an error naming the chunk', async () => {
    await expect(pool(2).run({ ...base(), failAtChunk: 5 })).rejects.toThrow(/^hopcode\/pool: chunk 5 failed: .*failing on purpose/);
    expect(() => runLocal({ ...base(), failAtChunk: 3 })).toThrow(/^hopcode\/pool: chunk 3 failed/);
  });

  it('a worker crash ends the run with an error naming the chunk (no hang)', async () => {
    await expect(pool(2).run({ ...base(), crashAtChunk: 7 })).rejects.toThrow(/^hopcode\/pool: chunk 7 failed/);
  });

  it('bad inputs are clear errors at the API', async () => {
    const p = pool(1);
    await expect(async () => p.run({ ...base(), channel: { kind: 'bsc', p: 1.2 } })).rejects.toThrow(/^hopcode\/bsc-words: p must be/);
    await expect(async () => p.run({ ...base(), decoder: { kind: 'sync-bitsliced', maxSweeps: 0 } })).rejects.toThrow(/^hopcode\/chunk-runner: maxSweeps/);
    await expect(async () => p.run({ ...base(), framesPerChunk: 0 })).rejects.toThrow(/^hopcode\/chunk-runner: framesPerChunk/);
    await expect(async () => p.run({ ...base(), decoder: { kind: 'sync-bitsliced', cueWeight: 0.3 } })).rejects.toThrow(/^hopcode\/chunk-runner: cueWeight/);
    await expect(async () => p.run({ ...base(), decoder: { kind: 'bp' as never } })).rejects.toThrow(/^hopcode\/chunk-runner: unknown decoder/);
    const bare = CompiledNetwork.fromCode(buildPreset({ preset: 'parity6-d3', n: 60, seed: 1, girth6: false }), { encoder: false });
    expect(() => runLocal({ ...base(), network: bare })).toThrow(/^hopcode\/chunk-runner: the network was compiled without an encoder/);
    expect(() => new DecodePool({ workers: 0 })).toThrow(/^hopcode\/pool: workers/);
  });

  it('random stored states and the all-zero state give identical counts (translation invariance)', () => {
    for (const preset of ['parity10-d5', 'hamming15-d3']) {
      const code = buildPreset({ preset, n: 300, seed: 'inv', girth6: false });
      const small = CompiledNetwork.fromCode(code);
      for (const cueWeight of [0, 1]) {
        const o: RunOptions = { network: small, decoder: { kind: 'sync-bitsliced', maxSweeps: 30, cueWeight }, channel: { kind: 'bsc', p: 0.04 }, seed: 5, framesPerChunk: 96, maxChunks: 3 };
        const random = runLocal(o).totals;
        expect(random.frameErrors).toBeGreaterThan(0);
        expect(runLocal({ ...o, allZero: true }).totals).toEqual(random);
      }
    }
  });

  it('a chunk\'s counts equal the reference decoder run on the same frames', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 120, seed: 'fer', girth6: false });
    const small = CompiledNetwork.fromCode(code);
    const job = { network: small.toShared(), decoder: { kind: 'sync-bitsliced' as const, maxSweeps: 20 }, channel: { kind: 'bsc' as const, p: 0.04 }, seed: 77, framesPerChunk: 40 };
    const got = runChunk(small, job, 3);
    // Replay the chunk's random stream: info words, encoder, channel, then the reference per frame.
    const rng = Rng.stream(77, noisePointHash(job.channel), 3);
    const states = Rng.stream(77, noisePointHash(job.channel), 3, 0x73746174);
    const want = zeroCounts();
    for (let done = 0; done < 40; done += 32) {
      const lanes = Math.min(32, 40 - done);
      const info = Int32Array.from({ length: small.k }, () => states.next());
      const tx = new Int32Array(small.n);
      small.encodeWords(info, tx);
      const rx = new Int32Array(small.n);
      channelFromSpec(job.channel).transmit(rng, tx, rx);
      for (let l = 0; l < lanes; l++) {
        const cue = Uint8Array.from(rx, (w) => (w >>> l) & 1);
        const sent = Uint8Array.from(tx, (w) => (w >>> l) & 1);
        const r = runDynamics(code.network, cue, { schedule: 'sync', rule: 'free-energy', maxSweeps: 20 });
        const errs = r.state.reduce((a, b, i) => a + (b ^ sent[i]!), 0);
        want.frames++;
        want.bitErrors += errs;
        const infoErrs = [...small.infoPos].reduce((a, i) => a + (r.state[i]! ^ sent[i]!), 0);
        want.infoBitErrors += infoErrs;
        want.infoFrameErrors += infoErrs > 0 ? 1 : 0;
        want.frameErrors += errs > 0 ? 1 : 0;
        want.sweepsSum += r.sweeps;
        want.converged += r.converged ? 1 : 0;
        want.noConvergence += r.converged ? 0 : 1;
        want.wrongStoredState += errs > 0 && r.isStoredState ? 1 : 0;
        want.spuriousFixedPoint += r.converged && !r.isStoredState ? 1 : 0;
      }
    }
    expect(want.frameErrors).toBeGreaterThan(0);
    expect(got).toEqual({ ...want, stopped: false });
  });
});
