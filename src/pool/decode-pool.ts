/**
 * hopcode/pool/decode-pool — Monte-Carlo decoding on a piscina worker-thread pool.
 *
 * The compiled network lives in one SharedArrayBuffer that every worker maps (the
 * handle is structured-cloned per task, which shares the memory). Tasks are chunks of
 * frames; results are folded into the totals *in chunk order*, and a stop rule is
 * evaluated after each in-order chunk, so the totals never depend on the number of
 * workers or on scheduling. A cooperative stop flag (Atomics on shared memory) ends
 * in-flight chunks early; their partial counts are discarded. A failing chunk ends
 * the run with an error naming it. `runLocal` does the same on the calling thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ChannelSpec } from '../channels/bsc-words.js';
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import { masterSeed } from '../util/rng.js';
import { addCounts, validateJob, zeroCounts, type ChunkCounts, type DecoderSpec, type JobSpec } from './chunk-runner.js';
import type { ChunkTask, TaskResult } from './worker.js';
import { kindModule, runAnyChunk, validateAny, type AnyJob } from './any-job.js';

export type { AnyJob };
export { registerJobKind, type JobKind, type KindedJob } from './any-job.js';

/** Target worker time per task (chunks are grouped up to it), and a cap on the group. */
const TASK_MS = 60;
const MAX_CHUNKS_PER_TASK = 64;

/** Options of `runJob`: which chunks, and when to stop. */
export interface JobRunOptions {
  /** Chunks firstChunk .. firstChunk + maxChunks − 1 at most. */
  maxChunks: number;
  /** Index of the first chunk (resume: chunks before it are already counted). Default 0. */
  firstChunk?: number;
  /** Stop rule on the in-order totals of this run (chunks counted from firstChunk). */
  stopWhen?: (totals: ChunkCounts, chunks: number) => boolean;
  stopFlag?: SharedArrayBuffer;
}

export interface RunOptions {
  network: CompiledNetwork;
  decoder: DecoderSpec;
  channel: ChannelSpec;
  seed: number | string;
  /** Frames per chunk (default 2048). */
  framesPerChunk?: number;
  /** Number of chunks to run at most. */
  maxChunks: number;
  /** Stop rule, evaluated on the in-order totals after each chunk. */
  stopWhen?: (totals: ChunkCounts, chunks: number) => boolean;
  /** External cooperative stop flag (see createStopFlag / requestStop). */
  stopFlag?: SharedArrayBuffer;
  allZero?: boolean;
  /** Test hooks: the chunk with this index throws in its worker / crashes its worker. */
  failAtChunk?: number;
  crashAtChunk?: number;
}

export interface RunResult {
  totals: ChunkCounts;
  /** Chunks folded into the totals (always chunks firstChunk .. firstChunk + chunks − 1). */
  chunks: number;
  stopReason: 'done' | 'rule' | 'stopped';
}

/** A fresh cooperative stop flag. */
export function createStopFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** Ask every chunk using this flag to end early. */
export function requestStop(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}

function makeJob(o: RunOptions): JobSpec {
  if (!Number.isInteger(o.maxChunks) || o.maxChunks < 0) throw new Error(`hopcode/pool: maxChunks must be an integer ≥ 0, got ${o.maxChunks}`);
  const job: JobSpec = {
    network: o.network.toShared(),
    decoder: o.decoder,
    channel: o.channel,
    seed: typeof o.seed === 'number' && Number.isInteger(o.seed) ? o.seed >>> 0 : masterSeed(o.seed),
    framesPerChunk: o.framesPerChunk ?? 2048,
    allZero: o.allZero,
    failAtChunk: o.failAtChunk,
    crashAtChunk: o.crashAtChunk,
  };
  validateJob(job);
  return job;
}

/** Path of the compiled worker (dist/pool/worker.js), also when running from src under vitest. */
export function workerFilename(): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/pool/worker.js', here) : new URL('./worker.js', here);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`hopcode/pool: worker script ${path} not found (run npm run build)`);
  return path;
}

/** Run the chunks on the calling thread (same totals as the pool). */
export function runLocal(o: RunOptions): RunResult {
  return runJobLocal(o.network, makeJob(o), o);
}

/** Run a job's chunks on the calling thread, in order, from `firstChunk`. */
export function runJobLocal(net: CompiledNetwork, job: AnyJob, o: JobRunOptions): RunResult {
  validateAny(job);
  const first = o.firstChunk ?? 0;
  const stop = o.stopFlag ? new Int32Array(o.stopFlag) : undefined;
  const totals = zeroCounts();
  let chunks = 0;
  while (chunks < o.maxChunks) {
    let r;
    try {
      r = runAnyChunk(net, job, first + chunks, stop);
    } catch (e) {
      throw new Error(`hopcode/pool: chunk ${first + chunks} failed: ${(e as Error).message}`);
    }
    if (r.stopped) return { totals, chunks, stopReason: 'stopped' };
    const { stopped: _s, ...c } = r;
    addCounts(totals, c);
    chunks++;
    if (o.stopWhen?.(totals, chunks)) return { totals, chunks, stopReason: 'rule' };
  }
  return { totals, chunks, stopReason: 'done' };
}

export class DecodePool {
  readonly workers: number;
  private readonly piscina: Piscina<ChunkTask, TaskResult>;

  constructor(opts: { workers?: number } = {}) {
    const w = opts.workers ?? 2;
    if (!Number.isInteger(w) || w < 1) throw new Error(`hopcode/pool: workers must be an integer ≥ 1, got ${w}`);
    this.workers = w;
    this.piscina = new Piscina({ filename: workerFilename(), minThreads: w, maxThreads: w, idleTimeout: 60_000 });
  }

  /** Run up to maxChunks chunks; resolves with in-order totals, rejects naming a failed chunk. */
  run(o: RunOptions): Promise<RunResult> {
    return this.runJob(makeJob(o), o);
  }

  /** Run any job's chunks from `firstChunk`, folding results in chunk order. */
  runJob(job: AnyJob, o: JobRunOptions): Promise<RunResult> {
    validateAny(job);
    const kindUrl = kindModule(job);
    const first = o.firstChunk ?? 0;
    const stop = o.stopFlag ?? createStopFlag();
    const stopView = new Int32Array(stop);
    const inflightMax = this.workers * 2;
    const totals = zeroCounts();
    const pending = new Map<number, ChunkCounts>();
    let next = 0;
    let folded = 0;
    let active = 0;
    let finished = false;
    let reason: RunResult['stopReason'] = 'done';
    let error: Error | undefined;
    // Chunks per task: 1 until a chunk's cost is known, then enough for ≈ TASK_MS of work,
    // so the main thread's per-message cost (clone, post, wake-up, promise) is amortised.
    let perTask = 1;
    let chunkMs = 0;
    return new Promise((resolve, reject) => {
      const fail = (chunk: number, message: string): void => {
        if (!error) {
          error = new Error(`hopcode/pool: chunk ${chunk} failed: ${message}`);
          finished = true;
          Atomics.store(stopView, 0, 1);
        }
      };
      const maybeEnd = (): void => {
        if (active > 0) return;
        if (!finished && next < o.maxChunks && Atomics.load(stopView, 0) === 0) return;
        if (error) reject(error);
        else {
          if (!finished && Atomics.load(stopView, 0) !== 0 && folded < o.maxChunks) reason = 'stopped';
          resolve({ totals, chunks: folded, stopReason: reason });
        }
      };
      const launch = (): void => {
        while (!finished && active < inflightMax && next < o.maxChunks && Atomics.load(stopView, 0) === 0) {
          const idx = next;
          const count = Math.min(perTask, o.maxChunks - next);
          next += count;
          active++;
          const progress = new SharedArrayBuffer(4);
          new Int32Array(progress)[0] = first + idx;
          const task: ChunkTask = { job, kindModule: kindUrl, chunkIndex: first + idx, count, stop, progress };
          this.piscina.run(task).then(
            (r) => {
              active--;
              if (r.failed) fail(r.failed.chunk, r.failed.message);
              else if (r.counts.length > 0) {
                const ms = r.ms / r.counts.length;
                chunkMs = chunkMs === 0 ? ms : 0.7 * chunkMs + 0.3 * ms;
                perTask = Math.max(1, Math.min(MAX_CHUNKS_PER_TASK, Math.round(TASK_MS / Math.max(chunkMs, 1e-3))));
              }
              if (!finished) {
                r.counts.forEach((c, i) => pending.set(idx + i, c));
                while (!finished && pending.has(folded)) {
                  addCounts(totals, pending.get(folded)!);
                  pending.delete(folded);
                  folded++;
                  if (o.stopWhen?.(totals, folded)) {
                    finished = true;
                    reason = 'rule';
                    Atomics.store(stopView, 0, 1);
                  }
                }
              }
              launch();
              maybeEnd();
            },
            (e: unknown) => {
              active--;
              // The worker died (or piscina failed): blame the chunk it had started.
              fail(Atomics.load(new Int32Array(progress), 0), e instanceof Error ? e.message : String(e));
              maybeEnd();
            },
          );
        }
      };
      launch();
      maybeEnd();
    });
  }

  /** Terminate the worker threads. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
