/**
 * hopcode/pool/job-runner — what runs a job's chunks for the simulator: the contract.
 *
 * `DecodePool` (threads on this machine) implements it, and so does the queue
 * coordinator (src/queue: chunks on any machine). Both fold chunk counts in chunk
 * order and call `stopWhen` after each in-order chunk, so the engine's stop rules give
 * the same counts whichever runner it is handed.
 */
import type { AnyJob, JobRunOptions, RunResult } from './decode-pool.js';

export interface JobRunner {
  runJob(job: AnyJob, o: JobRunOptions): Promise<RunResult>;
}
