/**
 * hopcode/pool/any-job — the jobs a worker runs: the built-in kernel job and registered kinds.
 *
 * The pool knows only this contract, never who uses it (STYLE.md §13: dependencies point
 * down): a higher layer — the simulator, a benchmark — registers a job kind by name with
 * the URL of the module that registers it and `run` / `validate` functions. A job with
 * `kind: K` is then run by that kind's `run`; a worker thread that has not seen K yet
 * imports the module first (its top level registers K there too). A job without `kind`
 * is the built-in kernel job of chunk-runner (BSC, bit-sliced network decoders).
 * Kept apart from the pool so the worker entry does not load piscina.
 */
import type { CompiledNetwork, SharedNetworkHandle } from '../decoders/compiled-network.js';
import { runChunk, validateJob, type ChunkCounts, type JobSpec } from './chunk-runner.js';

/** A job of a registered kind: any structured-cloneable fields beside these. */
export interface KindedJob {
  kind: string;
  network: SharedNetworkHandle;
}

export type AnyJob = JobSpec | KindedJob;

/** What a registered kind does with one chunk (on whichever thread runs it). */
export interface JobKind<J extends KindedJob> {
  run(net: CompiledNetwork, job: J, chunkIndex: number, stop?: Int32Array): ChunkCounts & { stopped: boolean };
  validate(job: J): void;
}

const kinds = new Map<string, { kind: JobKind<KindedJob>; module: string }>();

/** The compiled twin of a source module (vitest runs src/*.ts; workers run dist/*.js). */
function runnableUrl(url: string): string {
  const m = /^(.*)\/src\/(.*)\.ts$/.exec(url);
  return m ? `${m[1]}/dist/${m[2]}.js` : url;
}

/** Register job kind `name`, implemented by the module at `moduleUrl` (pass its import.meta.url). */
export function registerJobKind<J extends KindedJob>(name: string, moduleUrl: string, kind: JobKind<J>): void {
  if (!name || name === 'kernel') throw new Error(`hopcode/pool: job kind name "${name}" is reserved or empty`);
  kinds.set(name, { kind: kind as unknown as JobKind<KindedJob>, module: runnableUrl(moduleUrl) });
}

function kindOf(job: AnyJob): string | undefined {
  return 'kind' in job && typeof job.kind === 'string' ? job.kind : undefined;
}

function registered(name: string): JobKind<KindedJob> {
  const k = kinds.get(name);
  if (!k) throw new Error(`hopcode/pool: unknown job kind "${name}" (registered: ${[...kinds.keys()].join(', ') || 'none'})`);
  return k.kind;
}

/** URL of the module that registers this job's kind (sent to workers), undefined for the kernel job. */
export function kindModule(job: AnyJob): string | undefined {
  const name = kindOf(job);
  return name === undefined ? undefined : kinds.get(name)?.module;
}

/** Make sure this thread knows the job's kind, importing its module if needed. */
export async function ensureJobKind(job: AnyJob, moduleUrl: string | undefined): Promise<void> {
  const name = kindOf(job);
  if (name === undefined || kinds.has(name)) return;
  if (moduleUrl) await import(moduleUrl);
  registered(name);
}

/** Run one chunk of any job on this thread (what a worker does). */
export function runAnyChunk(net: CompiledNetwork, job: AnyJob, chunkIndex: number, stop?: Int32Array): ChunkCounts & { stopped: boolean } {
  const name = kindOf(job);
  return name === undefined ? runChunk(net, job as JobSpec, chunkIndex, stop) : registered(name).run(net, job as KindedJob, chunkIndex, stop);
}

/** Validate any job at the API, before a worker sees it. */
export function validateAny(job: AnyJob): void {
  const name = kindOf(job);
  if (name === undefined) validateJob(job as JobSpec);
  else registered(name).validate(job as KindedJob);
}
