/**
 * hopcode/pool/worker — piscina worker entry: runs a task of consecutive chunks of a job.
 *
 * The network arrives as a SharedArrayBuffer handle (shared memory, never copied)
 * and is turned into typed-array views once per worker (cached by the network id).
 * A task covers `count` consecutive chunks, so the main thread handles one message per
 * task instead of one per chunk; their counts come back one per chunk, so the pool
 * still folds (and applies stop rules) chunk by chunk. The chunk being run is written
 * to `progress` first, so a crash can be blamed on the right chunk. A chunk that
 * throws ends the task with `failed` (the chunks before it are returned).
 */
import { performance } from 'node:perf_hooks';
import { networkOf, type ChunkCounts } from './chunk-runner.js';
import { ensureJobKind, runAnyChunk, type AnyJob } from './any-job.js';

export interface ChunkTask {
  job: AnyJob;
  /** Module registering the job's kind (for kinds this worker has not imported yet). */
  kindModule?: string;
  chunkIndex: number;
  /** Consecutive chunks in this task (default 1). */
  count?: number;
  /** Cooperative stop flag: Int32 slot 0 ≠ 0 asks the chunk to end early. */
  stop: SharedArrayBuffer;
  /** Int32 slot 0: the chunk being run (read by the pool when the worker dies). */
  progress?: SharedArrayBuffer;
}

export interface TaskResult {
  chunkIndex: number;
  /** Counts of chunks chunkIndex, chunkIndex + 1, … that completed. */
  counts: ChunkCounts[];
  /** The task ended early on the stop flag (the chunk in progress is not in `counts`). */
  stopped: boolean;
  /** Worker milliseconds spent on the completed chunks (the pool sizes tasks with it). */
  ms: number;
  failed?: { chunk: number; message: string };
}

export default async function runTask(task: ChunkTask): Promise<TaskResult> {
  await ensureJobKind(task.job, task.kindModule);
  const net = networkOf(task.job.network);
  const stop = new Int32Array(task.stop);
  const progress = task.progress ? new Int32Array(task.progress) : undefined;
  const count = task.count ?? 1;
  const counts: ChunkCounts[] = [];
  const t0 = performance.now();
  const result = (stopped: boolean, failed?: TaskResult['failed']): TaskResult => ({ chunkIndex: task.chunkIndex, counts, stopped, ms: performance.now() - t0, failed });
  for (let i = 0; i < count; i++) {
    const ci = task.chunkIndex + i;
    if (progress) Atomics.store(progress, 0, ci);
    if ('crashAtChunk' in task.job && task.job.crashAtChunk === ci) process.exit(3); // test hook: a worker crash
    let r;
    try {
      r = runAnyChunk(net, task.job, ci, stop);
    } catch (e) {
      return result(false, { chunk: ci, message: e instanceof Error ? e.message : String(e) });
    }
    if (r.stopped) return result(true);
    const { stopped: _s, ...c } = r;
    counts.push(c);
    if (i + 1 < count && Atomics.load(stop, 0) !== 0) return result(true);
  }
  return result(false);
}
