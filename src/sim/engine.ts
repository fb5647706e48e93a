/**
 * hopcode/sim/engine — Monte-Carlo frame-error-rate simulation over noise points.
 *
 * For each noise point, chunks of frames run on the worker pool (or this thread) until
 * a stop rule fires. The rule is evaluated on the totals *in chunk order* (chunks 0, 1,
 * 2 … ; a chunk a worker finished beyond the stopping one is discarded), so the counts
 * are the same for any number of workers; only `maxTime` depends on the clock.
 * Rows are additive (sim/results.ts): one is emitted per flush (about every second, and
 * at the end of a point), covering a contiguous chunk range, so a killed run resumes
 * from its file without redoing or repeating a frame, and files from two machines merge.
 */
import type { ChannelKind } from '../channels/channel.js';
import { CompiledNetwork } from '../decoders/compiled-network.js';
import type { Code } from '../network/code.js';
import { addCounts, zeroCounts, type ChunkCounts } from '../pool/chunk-runner.js';
import { createStopFlag, DecodePool, requestStop, runJobLocal, type RunResult } from '../pool/decode-pool.js';
import { masterSeed } from '../util/rng.js';
import type { DecoderSpec } from './decoder-spec.js';
import { checkChannel } from './frame-batch.js';
import { completedChunks, problemHash, type ProblemSpec, type ResultRow, type StopReason } from './results.js';
import type { SimJob } from './sim-chunk.js';

export interface StopRules {
  /** Stop a point after this many frame errors (AFF3CT's -e; default 100). */
  maxFe: number;
  /** Stop a point after this many frames (0: no limit). */
  maxFrames: number;
  /** Stop a point after this many seconds (0: no limit). */
  maxTime: number;
}

export interface SimulationOptions {
  code: Code;
  /** What identifies the code exactly (preset, N, seed … or an alist hash): hashed. */
  codeId: Record<string, unknown>;
  /** Label for tables and plots. */
  codeLabel: string;
  decoder: DecoderSpec;
  channel: ChannelKind;
  points: readonly number[];
  seed: number | string;
  workers: number;
  chunkFrames: number;
  stop: StopRules;
  /** Rows already on file (resume): finished points are skipped, unfinished ones continue. */
  previous?: readonly ResultRow[];
  /** Called with each additive row as soon as it is final (append it to the output file). */
  onRow?: (row: ResultRow) => void;
  /** Live progress of the current point (cumulative, previous rows included). */
  onProgress?: (point: number, totals: ChunkCounts, seconds: number) => void;
  /** Stop everything (e.g. on SIGINT): the current point ends 'interrupted'. */
  interrupt?: { requested: boolean; flag?: SharedArrayBuffer };
}

export interface PointResult {
  noise: number;
  totals: ChunkCounts;
  seconds: number;
  stopReason: StopReason;
  /** Rows of this point emitted by this run (not counting previous ones). */
  rows: ResultRow[];
  resumed: boolean;
}

const FINAL: readonly StopReason[] = ['frames', 'errors', 'time'];

/** The exact problem a simulation estimates (hashed into every row). */
export function simulationProblem(o: Pick<SimulationOptions, 'codeId' | 'decoder' | 'channel' | 'seed' | 'chunkFrames'>): ProblemSpec {
  const { name, ...params } = o.decoder;
  return { code: o.codeId, decoder: { name, ...params }, channel: { kind: o.channel }, sim: { seed: o.seed, chunkFrames: o.chunkFrames } };
}

function validateStop(stop: StopRules): void {
  for (const [k, v] of Object.entries(stop)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`hopcode/sim: ${k} must be a number ≥ 0, got ${v}`);
  }
  if (stop.maxFe === 0 && stop.maxFrames === 0 && stop.maxTime === 0) throw new Error('hopcode/sim: no stop rule: give max frame errors, max frames or max time');
}

/** Run every noise point; resolves with one result per point. */
export async function runSimulation(o: SimulationOptions): Promise<PointResult[]> {
  validateStop(o.stop);
  if (o.points.length === 0) throw new Error('hopcode/sim: the noise range is empty');
  if (!Number.isInteger(o.chunkFrames) || o.chunkFrames < 1) throw new Error(`hopcode/sim: chunk frames must be an integer ≥ 1, got ${o.chunkFrames}`);
  if (!Number.isInteger(o.workers) || o.workers < 0) throw new Error(`hopcode/sim: workers must be an integer ≥ 0, got ${o.workers}`);
  const rate = o.code.rate;
  for (const noise of o.points) checkChannel({ kind: o.channel, noise, rate });
  const net = CompiledNetwork.fromCode(o.code);
  const hash = problemHash(simulationProblem(o));
  const seed = masterSeed(o.seed);
  const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: o.decoder, channel: { kind: o.channel, noise: 0, rate }, seed, framesPerChunk: o.chunkFrames };
  const pool = o.workers > 0 ? new DecodePool({ workers: o.workers }) : undefined;
  try {
    const results: PointResult[] = [];
    for (const noise of o.points) {
      if (o.interrupt?.requested) break;
      results.push(await runPoint(o, net, { ...job, channel: { ...job.channel, noise } }, hash, pool));
    }
    return results;
  } finally {
    await pool?.close();
  }
}

async function runPoint(o: SimulationOptions, net: CompiledNetwork, job: SimJob, hash: string, pool: DecodePool | undefined): Promise<PointResult> {
  const noise = job.channel.noise;
  const mine = (o.previous ?? []).filter((r) => r.problemHash === hash && r.noise === noise);
  const before = zeroCounts();
  let beforeSeconds = 0;
  for (const r of mine) {
    addCounts(before, { frames: r.frames, bitErrors: r.bitErrors, infoBitErrors: r.infoBitErrors ?? 0, frameErrors: r.frameErrors, infoFrameErrors: r.infoFrameErrors ?? 0, sweepsSum: r.sweepsSum, converged: r.converged, wrongStoredState: r.wrongStored, spuriousFixedPoint: r.spurious, noConvergence: r.noConvergence });
    beforeSeconds += r.seconds;
  }
  const finished = mine.find((r) => FINAL.includes(r.stopReason));
  const done = completedChunks(mine, hash, noise);
  const firstChunk = done.length === 0 ? 0 : done[0]!.end;
  if (done.length > 1 || (done.length === 1 && done[0]!.first !== 0)) {
    throw new Error(`hopcode/sim: the rows for noise ${noise} do not cover a contiguous run of chunks from 0; cannot resume`);
  }
  if (finished) return { noise, totals: before, seconds: beforeSeconds, stopReason: finished.stopReason, rows: [], resumed: true };

  const { maxFe, maxFrames, maxTime } = o.stop;
  const ruleMet = (t: ChunkCounts): StopReason | undefined =>
    maxFe > 0 && t.frameErrors >= maxFe ? 'errors' : maxFrames > 0 && t.frames >= maxFrames ? 'frames' : undefined;
  const start = performance.now();
  const rows: ResultRow[] = [];
  const cumulative = zeroCounts();
  addCounts(cumulative, before);
  let flushedChunk = firstChunk;
  let flushedTotals = zeroCounts();
  let flushedAt = start;
  const emit = (chunkEnd: number, totals: ChunkCounts, reason: StopReason): void => {
    const now = performance.now();
    const delta = zeroCounts();
    for (const k of Object.keys(delta) as (keyof ChunkCounts)[]) delta[k] = totals[k] - flushedTotals[k];
    if (chunkEnd === flushedChunk) return; // nothing new: a row must cover at least one chunk
    const row: ResultRow = {
      noise,
      frames: delta.frames,
      bitErrors: delta.bitErrors,
      frameErrors: delta.frameErrors,
      seconds: (now - flushedAt) / 1000,
      stopReason: reason,
      problemHash: hash,
      sweepsSum: delta.sweepsSum,
      converged: delta.converged,
      wrongStored: delta.wrongStoredState,
      spurious: delta.spuriousFixedPoint,
      noConvergence: delta.noConvergence,
      code: o.codeLabel,
      decoder: o.decoder.name,
      channel: o.channel,
      n: net.n,
      rate: job.channel.rate,
      seed: String(o.seed),
      firstChunk: flushedChunk,
      chunks: chunkEnd - flushedChunk,
      infoBitErrors: delta.infoBitErrors,
      infoFrameErrors: delta.infoFrameErrors,
    };
    rows.push(row);
    o.onRow?.(row);
    flushedChunk = chunkEnd;
    flushedTotals = { ...totals };
    flushedAt = now;
  };

  let reason: StopReason | undefined = ruleMet(before);
  const flag = createStopFlag();
  if (o.interrupt) o.interrupt.flag = flag;
  let timedOut = false;
  const timer = maxTime > 0 ? setTimeout(() => ((timedOut = true), requestStop(flag)), Math.max(0, maxTime * 1000 - beforeSeconds * 1000)) : undefined;
  let result: RunResult | undefined;
  try {
    if (!reason) {
      const stopWhen = (t: ChunkCounts, chunks: number): boolean => {
        const all = zeroCounts();
        addCounts(all, before);
        addCounts(all, t);
        Object.assign(cumulative, all);
        o.onProgress?.(noise, all, beforeSeconds + (performance.now() - start) / 1000);
        reason = ruleMet(all);
        if (!reason && maxTime > 0 && beforeSeconds + (performance.now() - start) / 1000 >= maxTime) reason = 'time';
        if (!reason && performance.now() - flushedAt > 1000) emit(firstChunk + chunks, t, 'batch');
        return reason !== undefined;
      };
      const runOpts = { maxChunks: Number.MAX_SAFE_INTEGER, firstChunk, stopWhen, stopFlag: flag };
      result = pool ? await pool.runJob(job, runOpts) : runJobLocal(net, job, runOpts);
      if (result.stopReason === 'stopped') reason = timedOut ? 'time' : 'interrupted';
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (result) emit(firstChunk + result.chunks, result.totals, reason ?? 'frames');
  const seconds = beforeSeconds + (performance.now() - start) / 1000;
  return { noise, totals: cumulative, seconds, stopReason: reason ?? 'frames', rows, resumed: mine.length > 0 };
}
