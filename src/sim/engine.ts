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
import { completedChunks, problemHash, type ChunkRange, type ProblemSpec, type ResultRow, type StopReason } from './results.js';
import type { SimJob } from './sim-chunk.js';
import { CHUNK_SPACE, validateStop, type StopRules } from './run-spec.js';
import './sim-chunk.js'; // registers the 'sim' job kind with the pool
import type { JobRunner } from '../pool/job-runner.js';

export type { StopRules };

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
  /**
   * Rows already on file (resume). Per point, those inside `range` must cover a
   * contiguous run of chunks from range.first; the point continues from the next chunk
   * unless the stop rules (as given now: raised rules extend finished points) are met.
   */
  previous?: readonly ResultRow[];
  /** The chunks this run owns (a shard, sim/run-spec.ts); default all: [0, 2³²). */
  range?: ChunkRange;
  /** Seconds between intermediate rows of a running point (default 1; 0: a row per chunk). */
  rowEverySeconds?: number;
  /** Called with each additive row as soon as it is final (append it to the output file). */
  onRow?: (row: ResultRow) => void;
  /** Called when a point ends (also a point found finished on resume), before the next starts. */
  onPointDone?: (result: PointResult, index: number, count: number) => void;
  /** Live progress of the current point (cumulative, previous rows included); point `index` of `count`. */
  onProgress?: (point: number, totals: ChunkCounts, seconds: number, index: number, count: number) => void;
  /** Stop everything (e.g. on SIGINT): the current point ends 'interrupted'. */
  interrupt?: { requested: boolean; flag?: SharedArrayBuffer };
  /** Run chunks elsewhere (e.g. queue/coordinator) instead of on local threads; the caller closes it. */
  runner?: JobRunner;
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

/** The exact problem a simulation estimates (hashed into every row). */
export function simulationProblem(o: Pick<SimulationOptions, 'codeId' | 'decoder' | 'channel' | 'seed' | 'chunkFrames'>): ProblemSpec {
  const { name, ...params } = o.decoder;
  return { code: o.codeId, decoder: { name, ...params }, channel: { kind: o.channel }, sim: { seed: o.seed, chunkFrames: o.chunkFrames } };
}

/** Check a simulation's options without running anything (throws the first problem). */
export function validateSimulation(o: Omit<SimulationOptions, 'workers'> & { workers?: number }): void {
  validateStop(o.stop);
  if (o.points.length === 0) throw new Error('hopcode/sim: the noise range is empty');
  if (!Number.isInteger(o.chunkFrames) || o.chunkFrames < 1) throw new Error(`hopcode/sim: chunk frames must be an integer ≥ 1, got ${o.chunkFrames}`);
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) throw new Error(`hopcode/sim: workers must be an integer ≥ 0, got ${o.workers}`);
  const range = o.range ?? { first: 0, end: CHUNK_SPACE };
  if (!(Number.isSafeInteger(range.first) && Number.isSafeInteger(range.end) && range.first >= 0 && range.first < range.end && range.end <= CHUNK_SPACE)) {
    throw new Error(`hopcode/sim: the chunk range must satisfy 0 ≤ first < end ≤ 2^32, got [${range.first}, ${range.end})`);
  }
  for (const noise of o.points) checkChannel({ kind: o.channel, noise, rate: o.code.rate });
}

/**
 * `runJobLocal` in slices of about 100 ms with a turn of the event loop between them,
 * so that on this thread (--workers 0) Ctrl-C and the max-time timer are still heard.
 * Chunks are folded in the same order as one call, so the counts are the same.
 */
async function runLocalSliced(net: CompiledNetwork, job: SimJob, o: { maxChunks: number; firstChunk: number; stopWhen: (t: ChunkCounts, chunks: number) => boolean; stopFlag: SharedArrayBuffer }): Promise<RunResult> {
  const totals = zeroCounts();
  let chunks = 0;
  for (;;) {
    const sliceStart = performance.now();
    let ruleFired = false;
    const r = runJobLocal(net, job, {
      maxChunks: o.maxChunks - chunks,
      firstChunk: o.firstChunk + chunks,
      stopFlag: o.stopFlag,
      stopWhen: (t, c) => {
        const all = addCounts({ ...totals }, t);
        if (o.stopWhen(all, chunks + c)) return (ruleFired = true);
        return performance.now() - sliceStart > 100;
      },
    });
    addCounts(totals, r.totals);
    chunks += r.chunks;
    if (r.stopReason === 'stopped' || r.stopReason === 'done' || ruleFired) return { totals, chunks, stopReason: ruleFired ? 'rule' : r.stopReason };
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Run every noise point; resolves with one result per point. */
export async function runSimulation(o: SimulationOptions): Promise<PointResult[]> {
  validateSimulation(o);
  const range = o.range ?? { first: 0, end: CHUNK_SPACE };
  const rate = o.code.rate;
  const net = CompiledNetwork.fromCode(o.code);
  const hash = problemHash(simulationProblem(o));
  const seed = masterSeed(o.seed);
  const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: o.decoder, channel: { kind: o.channel, noise: 0, rate }, seed, framesPerChunk: o.chunkFrames };
  const own = !o.runner && o.workers > 0 ? new DecodePool({ workers: o.workers }) : undefined;
  const pool: JobRunner | undefined = o.runner ?? own;
  try {
    const results: PointResult[] = [];
    for (const [index, noise] of o.points.entries()) {
      if (o.interrupt?.requested) break;
      const r = await runPoint(o, net, { ...job, channel: { ...job.channel, noise } }, hash, pool, range, index);
      results.push(r);
      o.onPointDone?.(r, index, o.points.length);
    }
    return results;
  } finally {
    await own?.close();
  }
}

async function runPoint(o: SimulationOptions, net: CompiledNetwork, job: SimJob, hash: string, pool: JobRunner | undefined, range: ChunkRange, index: number): Promise<PointResult> {
  const noise = job.channel.noise;
  // rows of other shards (e.g. in a merged file) are not this run's: its stop rules count its own chunks
  const mine = (o.previous ?? []).filter((r) => r.problemHash === hash && r.noise === noise && r.firstChunk >= range.first && r.firstChunk < range.end);
  const before = zeroCounts();
  let beforeSeconds = 0;
  for (const r of mine) {
    addCounts(before, { frames: r.frames, bitErrors: r.bitErrors, infoBitErrors: r.infoBitErrors ?? 0, frameErrors: r.frameErrors, infoFrameErrors: r.infoFrameErrors ?? 0, sweepsSum: r.sweepsSum, converged: r.converged, wrongStoredState: r.wrongStored, spuriousFixedPoint: r.spurious, noConvergence: r.noConvergence });
    beforeSeconds += r.seconds;
  }
  const done = completedChunks(mine, hash, noise);
  const firstChunk = done.length === 0 ? range.first : done[0]!.end;
  if (done.length > 1 || (done.length === 1 && (done[0]!.first !== range.first || done[0]!.end > range.end))) {
    throw new Error(`hopcode/sim: the rows for noise ${noise} do not cover a contiguous run of chunks from ${range.first}; cannot resume`);
  }
  const { maxFe, maxFrames, maxTime } = o.stop;
  const ruleMet = (t: ChunkCounts): StopReason | undefined =>
    maxFe > 0 && t.frameErrors >= maxFe ? 'errors' : maxFrames > 0 && t.frames >= maxFrames ? 'frames' : undefined;
  // A point is finished when the stop rules *as given now* are met: raising -e/-n on a
  // resume continues a finished point from its next chunk (same counts as one longer run).
  const already = ruleMet(before) ?? (maxTime > 0 && beforeSeconds >= maxTime ? 'time' : firstChunk >= range.end ? 'range' : undefined);
  if (already) return { noise, totals: before, seconds: beforeSeconds, stopReason: already, rows: [], resumed: true };

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

  let reason: StopReason | undefined;
  const every = (o.rowEverySeconds ?? 1) * 1000;
  const flag = createStopFlag();
  if (o.interrupt) o.interrupt.flag = flag;
  let timedOut = false;
  // The time rule interrupts a chunk in flight only once the point has a counted chunk
  // (this run or a resumed one): a point never ends with no frames because one chunk
  // outlasted --max-time; stopWhen then stops at the first counted chunk.
  let counted = before.frames > 0;
  const timer = maxTime > 0 ? setTimeout(() => ((timedOut = true), counted && requestStop(flag)), Math.max(0, maxTime * 1000 - beforeSeconds * 1000)) : undefined;
  let result: RunResult | undefined;
  try {
    if (!reason) {
      const stopWhen = (t: ChunkCounts, chunks: number): boolean => {
        const all = zeroCounts();
        addCounts(all, before);
        addCounts(all, t);
        counted = true;
        Object.assign(cumulative, all);
        o.onProgress?.(noise, all, beforeSeconds + (performance.now() - start) / 1000, index, o.points.length);
        reason = ruleMet(all);
        if (!reason && maxTime > 0 && beforeSeconds + (performance.now() - start) / 1000 >= maxTime) reason = 'time';
        if (!reason && performance.now() - flushedAt >= every) emit(firstChunk + chunks, t, 'batch');
        return reason !== undefined;
      };
      const runOpts = { maxChunks: range.end - firstChunk, firstChunk, stopWhen, stopFlag: flag };
      result = pool ? await pool.runJob(job, runOpts) : await runLocalSliced(net, job, runOpts);
      if (result.stopReason === 'stopped') reason = timedOut ? 'time' : 'interrupted';
      if (result.stopReason === 'done') reason = 'range';
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (result) emit(firstChunk + result.chunks, result.totals, reason ?? 'frames');
  const seconds = beforeSeconds + (performance.now() - start) / 1000;
  return { noise, totals: cumulative, seconds, stopReason: reason ?? 'frames', rows, resumed: mine.length > 0 };
}
