/**
 * hopcode/codec/codec-pool — the piscina worker pool of a codec, and what its pooled
 * encoder and decoder share (pooled-encoder.ts, pooled-decoder.ts).
 *
 * Groups are independent, so a session's jobs (session.ts) run on codec-worker.ts, either
 * as claimed rows of a board (one task per worker per run: claim-board.ts) or as batched
 * tasks (~256 KiB of payload each, to amortise messaging). Results are emitted strictly in
 * submission order through a bounded queue (Ordered), so a stream's memory stays bounded
 * whatever the file size. Input below `minBytes` (counted from the start of the data)
 * stays on the calling thread: starting workers (each rebuilds the network, ~0.2 s) only
 * pays off for large inputs. Output bytes and reports are identical to the single-thread path.
 */
import { existsSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { CodecTask } from './codec-worker.js';
import { CodecError } from './errors.js';
import type { SharedFreeList } from './shared-bytes.js';

/** Path of the compiled worker (dist/codec/codec-worker.js), also when running from src under vitest. */
export function codecWorkerFilename(): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/codec/codec-worker.js', here) : new URL('./codec-worker.js', here);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new CodecError('BAD_OPTIONS', `worker script ${path} not found (run npm run build)`);
  return path;
}

export class CodecPool {
  private readonly piscina: Piscina<CodecTask, unknown>;
  constructor(readonly workers: number) {
    this.piscina = new Piscina({ filename: codecWorkerFilename(), minThreads: workers, maxThreads: workers, idleTimeout: 30_000, concurrentTasksPerWorker: 2 });
  }
  /** @param transfer ports moved to the worker with the task (a board's, group-board.ts) */
  run<T>(task: CodecTask, transfer?: MessagePort[]): Promise<T> {
    return (transfer && transfer.length > 0 ? this.piscina.run(task, { transferList: transfer }) : this.piscina.run(task)) as Promise<T>;
  }
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

export interface PoolPlan {
  /** The pool, created on first use. */
  pool: () => CodecPool;
  /** Input bytes (from the start) handled on the calling thread before the pool takes over. */
  minBytes: number;
  /** Payload bytes per task (default 256 KiB). */
  batchBytes?: number;
  /** Batches outstanding at most (default 2 per worker). */
  inFlight?: number;
  /** Test hook passed to decode tasks and encode boards. */
  failAtBlock?: number;
  /** A whole shared decode's groups claimed by the workers from a shared table (group-board.ts; default true). */
  board?: boolean;
  /** Shared buffers recycled across runs (shared-bytes.ts); default: one list per run. */
  free?: SharedFreeList;
}
/** Results emitted in submission order, at most `max` outstanding. */
export class Ordered<T> {
  private readonly q: Promise<T>[] = [];
  constructor(public max: number) {}
  async add(p: Promise<T>, emit: (t: T) => void): Promise<void> {
    p.catch(() => undefined); // observed when dequeued; avoids an unhandled rejection meanwhile
    this.q.push(p);
    while (this.q.length > this.max) emit(await this.q.shift()!);
  }
  async drain(emit: (t: T) => void): Promise<void> {
    while (this.q.length > 0) emit(await this.q.shift()!);
  }
}

export function wrap(first: number, e: unknown): Error {
  if (e instanceof CodecError) return e;
  const m = e instanceof Error ? e.message : String(e);
  return new Error(m.startsWith('hopcode/codec:') ? m : `hopcode/codec: the worker pool failed at block ${first}: ${m}`);
}
