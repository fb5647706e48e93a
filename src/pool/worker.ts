/**
 * hopcode/pool/worker — piscina worker entry: runs one chunk of a job.
 *
 * The network arrives as a SharedArrayBuffer handle (shared memory, never copied)
 * and is turned into typed-array views once per worker (cached by the network id).
 */
import { networkOf, type ChunkCounts } from './chunk-runner.js';
import { runAnyChunk, type AnyJob } from './any-job.js';

export interface ChunkTask {
  job: AnyJob;
  chunkIndex: number;
  /** Cooperative stop flag: Int32 slot 0 ≠ 0 asks the chunk to end early. */
  stop: SharedArrayBuffer;
}

export default function runTask(task: ChunkTask): ChunkCounts & { stopped: boolean; chunkIndex: number } {
  if ('crashAtChunk' in task.job && task.job.crashAtChunk === task.chunkIndex) process.exit(3); // test hook: a worker crash
  const net = networkOf(task.job.network);
  const counts = runAnyChunk(net, task.job, task.chunkIndex, new Int32Array(task.stop));
  return { ...counts, chunkIndex: task.chunkIndex };
}
