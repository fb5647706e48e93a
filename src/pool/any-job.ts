/**
 * hopcode/pool/any-job — the jobs a worker runs, dispatched by kind.
 *
 * A kernel job (the throughput benchmark's: BSC, bit-sliced decoders) or a simulation
 * job (kind 'sim': any channel, any decoder, baselines included). Kept apart from the
 * pool so the worker entry does not load piscina.
 */
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import { runSimChunk, validateSimJob, type SimJob } from '../sim/sim-chunk.js';
import { runChunk, validateJob, type ChunkCounts, type JobSpec } from './chunk-runner.js';

export type AnyJob = JobSpec | SimJob;

function isSim(job: AnyJob): job is SimJob {
  return 'kind' in job && job.kind === 'sim';
}

/** Run one chunk of any job on this thread (what a worker does). */
export function runAnyChunk(net: CompiledNetwork, job: AnyJob, chunkIndex: number, stop?: Int32Array): ChunkCounts & { stopped: boolean } {
  return isSim(job) ? runSimChunk(net, job, chunkIndex, stop) : runChunk(net, job, chunkIndex, stop);
}

/** Validate any job at the API, before a worker sees it. */
export function validateAny(job: AnyJob): void {
  if (isSim(job)) validateSimJob(job);
  else validateJob(job);
}
