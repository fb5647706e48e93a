/**
 * hopcode/codec/codec-pool — groups of blocks on a piscina worker pool, in file order.
 *
 * Groups are independent, so a session's jobs (session.ts) are batched (~256 KiB of
 * payload per task, to amortise messaging) and run on codec-worker.ts. Results are
 * emitted strictly in submission order through a bounded queue: at most `inFlight`
 * batches are outstanding, so a stream's memory stays bounded whatever the file size.
 * Input below `minBytes` (counted from the start of the data) stays on the calling
 * thread: starting workers (each rebuilds the network, ~0.2 s) only pays off for
 * large inputs. Output bytes and reports are identical to the single-thread path.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { EngineKey } from './engine.js';
import type { GroupDecodeResult } from './groups.js';
import type { CodecTask, DecodeStatus, Span } from './codec-worker.js';
import { groupByteLength } from './interleave.js';
import type { DecodeJob, DecodeSession, EncodeJob, EncoderSession } from './session.js';
import { CodecError } from './errors.js';

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
    this.piscina = new Piscina({ filename: codecWorkerFilename(), minThreads: workers, maxThreads: workers, idleTimeout: 30_000 });
  }
  run<T>(task: CodecTask): Promise<T> {
    return this.piscina.run(task) as Promise<T>;
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
  /** Test hook passed to decode tasks. */
  failAtBlock?: number;
}

/**
 * Bytes on a SharedArrayBuffer (shared with the workers, never copied by postMessage nor
 * detached); an ordinary buffer where SharedArrayBuffer is unavailable.
 */
function sharedBytes(n: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function' ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
}

/** A shared copy of b (4-byte aligned: a worker decodes a whole-slab group from a view of it). */
function sharedCopy(b: Uint8Array): Uint8Array {
  const c = sharedBytes(b.length);
  c.set(b);
  return c;
}

/** Results emitted in submission order, at most `max` outstanding. */
class Ordered<T> {
  private readonly q: Promise<T>[] = [];
  constructor(private readonly max: number) {}
  async add(p: Promise<T>, emit: (t: T) => void): Promise<void> {
    p.catch(() => undefined); // observed when dequeued; avoids an unhandled rejection meanwhile
    this.q.push(p);
    while (this.q.length > this.max) emit(await this.q.shift()!);
  }
  async drain(emit: (t: T) => void): Promise<void> {
    while (this.q.length > 0) emit(await this.q.shift()!);
  }
}

function wrap(first: number, e: unknown): Error {
  if (e instanceof CodecError) return e;
  const m = e instanceof Error ? e.message : String(e);
  return new Error(m.startsWith('hopcode/codec:') ? m : `hopcode/codec: the worker pool failed at block ${first}: ${m}`);
}

/** Drives an EncoderSession through the pool; `emit` receives container bytes in order. */
export class PooledEncoder {
  private readonly ordered: Ordered<Uint8Array[]>;
  private batch: EncodeJob[] = [];
  private batchSize = 0;
  private seen = 0;
  private readonly batchBytes: number;
  constructor(
    private readonly session: EncoderSession,
    private readonly plan: PoolPlan,
    private readonly emit: (b: Uint8Array) => void,
  ) {
    this.batchBytes = plan.batchBytes ?? 256 * 1024;
    this.ordered = new Ordered(plan.inFlight ?? 4);
  }

  /** Encoded groups → container pages, in order. */
  private readonly emitGroups = (bs: Uint8Array[]): void => {
    for (const g of bs) for (const page of this.session.frame(g)) this.emit(page);
  };

  async push(chunk: Uint8Array): Promise<void> {
    this.seen += chunk.length;
    for (const j of this.session.split(chunk)) await this.add(j);
  }

  async finish(): Promise<void> {
    for (const j of this.session.finishJobs()) await this.add(j);
    await this.flush();
    await this.ordered.drain(this.emitGroups);
    for (const b of this.session.trailer()) this.emit(b);
  }

  private async add(job: EncodeJob): Promise<void> {
    if (this.seen < this.plan.minBytes) {
      await this.flush();
      const out = this.session.run(job);
      return this.ordered.add(Promise.resolve([out]), this.emitGroups);
    }
    // Copied now (the job is a view of the session's queue), once, into the batch's shared input.
    const input = this.input ??= sharedBytes(this.batchBytes + job.bytes.length);
    if (this.batchSize + job.bytes.length > input.length) {
      const grown = sharedBytes(2 * (this.batchSize + job.bytes.length));
      grown.set(input.subarray(0, this.batchSize));
      this.input = grown;
    }
    this.input.set(job.bytes, this.batchSize);
    this.batch.push({ bytes: this.input.subarray(this.batchSize, this.batchSize + job.bytes.length), first: job.first });
    this.batchSize += job.bytes.length;
    if (this.batchSize >= this.batchBytes) await this.flush();
  }

  private input: Uint8Array | null = null;

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    const input = this.input!;
    this.batch = [];
    this.batchSize = 0;
    this.input = null;
    const { key, blocks, code } = this.session.engine;
    const spans: { in: Span; out: Span; first: number }[] = [];
    let inAt = 0;
    let outAt = 0;
    for (const j of jobs) {
      // Group outputs start on 4-byte boundaries so a worker encodes in place.
      const len = groupByteLength(Math.ceil(j.bytes.length / blocks.payloadBytes), code.n);
      spans.push({ in: { at: inAt, len: j.bytes.length }, out: { at: outAt, len }, first: j.first });
      inAt += j.bytes.length;
      outAt += (len + 3) & ~3;
    }
    const output = sharedBytes(outAt);
    const task: CodecTask = { op: 'encode', key, input: input.subarray(0, inAt), output, jobs: spans, seed: this.session.crcSeed };
    const p = this.plan
      .pool()
      .run<null>(task)
      .then(() => spans.map((s) => output.subarray(s.out.at, s.out.at + s.out.len)), (e: unknown) => Promise.reject(wrap(jobs[0]!.first, e)));
    await this.ordered.add(p, this.emitGroups);
  }
}

type Done = { jobs: DecodeJob[]; results: (GroupDecodeResult | null)[] };

/** Drives a DecoderSession through the pool; folds results in order and emits verified bytes. */
export class PooledDecoder {
  private readonly ordered: Ordered<Done>;
  private batch: DecodeJob[] = [];
  private batchSize = 0;
  private seen = 0;
  private readonly batchBytes: number;
  constructor(
    private readonly session: DecodeSession,
    private readonly plan: PoolPlan,
    private readonly emit: (b: Uint8Array) => void,
  ) {
    this.batchBytes = 2 * (plan.batchBytes ?? 256 * 1024);
    this.ordered = new Ordered(plan.inFlight ?? 4);
  }

  async push(chunk: Uint8Array): Promise<void> {
    this.seen += chunk.length;
    const s = this.session;
    if (s.splitEach) {
      // Each group is copied into shared memory while it is in the session's S, which then
      // stays about one group long (no S of the whole input, and no second copy of it).
      const jobs: DecodeJob[] = [];
      s.splitEach(chunk, (j) => jobs.push(j.bytes === null ? j : { ...j, bytes: sharedCopy(j.bytes) }));
      for (const j of jobs) await this.add(j);
    } else for (const j of s.split(chunk)) await this.add(j);
  }

  async finish(): Promise<void> {
    for (const j of this.session.finishJobs()) await this.add(j);
    await this.flush();
    await this.ordered.drain(this.fold);
    this.session.end();
  }

  private readonly fold = (d: Done): void => {
    for (let i = 0; i < d.jobs.length; i++) {
      const out = this.session.fold(d.jobs[i]!, d.results[i]!);
      if (out.length > 0) this.emit(out);
    }
  };

  private async add(job: DecodeJob): Promise<void> {
    if (job.bytes === null || this.seen < this.plan.minBytes) {
      await this.flush();
      return this.ordered.add(Promise.resolve({ jobs: [job], results: [this.session.run(job)] }), this.fold);
    }
    // In shared memory already (splitEach), else copied now: the job is a view of the session's S.
    const bytes = typeof SharedArrayBuffer === 'function' && job.bytes.buffer instanceof SharedArrayBuffer ? job.bytes : sharedCopy(job.bytes);
    this.batch.push({ ...job, bytes });
    this.batchSize += bytes.length;
    if (this.batchSize >= this.batchBytes) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    this.batch = [];
    this.batchSize = 0;
    const key = this.session.engine!.key;
    const spans: { input: Uint8Array; out: Span; l: number; first: number }[] = [];
    let outAt = 0;
    for (const j of jobs) {
      spans.push({ input: j.bytes!, out: { at: outAt, len: j.dataLen }, l: j.l, first: j.first });
      outAt += j.dataLen;
    }
    const output = sharedBytes(outAt);
    const task: CodecTask = { op: 'decode', key, output, jobs: spans, seed: this.session.crcSeed, failAtBlock: this.plan.failAtBlock };
    const p = this.plan
      .pool()
      .run<DecodeStatus[]>(task)
      .then(
        (st): Done => ({ jobs, results: st.map((r, i) => ({ data: output.subarray(spans[i]!.out.at, spans[i]!.out.at + spans[i]!.out.len), status: r.status, bitsCorrected: r.bitsCorrected })) }),
        (e: unknown) => Promise.reject(wrap(jobs[0]!.first, e)),
      );
    await this.ordered.add(p, this.fold);
  }
}
