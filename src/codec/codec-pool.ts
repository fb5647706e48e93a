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
 *
 * The calling thread competes with the workers for the cores, so its share is kept to
 * the one copy of the input it alone can make (issue 12): an encode job's payload into a
 * recycled shared buffer; a decode job's pages straight into a shared S (shared-queue.ts),
 * each group sent as soon as its pages are in (splitJobs); none for a decode of an input
 * that is itself shared, whose jobs are lists of its pages' data (segment-queue.ts) that the
 * workers gather. Outputs are written by the
 * workers: with a shared in-place output (encodeAsync, decodeAsync) into their final
 * place, else into a batch buffer (streams, or sharedOutput false) that this thread frames
 * or copies. A default-profile group (1.8 MB of payload) exceeds the batch, so a task is
 * one group: two per task cut the decode's messaging by ~20 % of this thread's time but
 * leave a worker idle for up to two groups at the end. A decode of a shared input into a
 * shared output skips the per-group tasks: one task per worker claims the groups from a
 * shared table (group-board.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { EngineKey } from './engine.js';
import type { GroupDecodeResult } from './groups.js';
import type { CodecTask, DecodeStatus, Span } from './codec-worker.js';
import { groupByteLength } from './interleave.js';
import { PAGE_BYTES, PAGE_DATA_BYTES } from './container.js';
import { wholePages } from './page-stream.js';
import type { DecodeJob, DecodeSession, EncodeJob, EncoderSession } from './session.js';
import { CodecError } from './errors.js';
import { isShared, sharedBytes, sharedCopy, SharedFreeList } from './shared-bytes.js';
import type { Segments } from './segment-queue.js';
import { GroupBoard } from './group-board.js';

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
  /** A whole shared decode's groups claimed by the workers from a shared table (group-board.ts; default true). */
  board?: boolean;
  /** Shared buffers recycled across runs (shared-bytes.ts); default: one list per run. */
  free?: SharedFreeList;
}

/** Results emitted in submission order, at most `max` outstanding. */
class Ordered<T> {
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

function wrap(first: number, e: unknown): Error {
  if (e instanceof CodecError) return e;
  const m = e instanceof Error ? e.message : String(e);
  return new Error(m.startsWith('hopcode/codec:') ? m : `hopcode/codec: the worker pool failed at block ${first}: ${m}`);
}

/** An encode batch's result: its groups' bytes, and the two shared buffers to recycle once they are framed. */
type Encoded = { groups: Uint8Array[]; buffers: Uint8Array[]; placed?: Span; framed?: { sAt: number; o: Uint8Array; glen: number; p0: number; p1: number }[] };

/** Drives an EncoderSession through the pool; `emit` receives container bytes in order. */
export class PooledEncoder {
  private readonly ordered: Ordered<Encoded>;
  /** Shared input and output buffers of finished batches (framing copied their bytes). */
  private readonly free: SharedFreeList;
  private batch: EncodeJob[] = [];
  private batchSize = 0;
  private seen = 0;
  private readonly batchBytes: number;
  /**
   * @param inPlace the input is one buffer the caller leaves alone until the run settles
   *   (encodeAsync): a shared one is then read by the workers where it is, not copied (a
   *   stream's chunks may be reused by their producer once written, so they are copied)
   */
  constructor(
    private readonly session: EncoderSession,
    private readonly plan: PoolPlan,
    private readonly emit: (b: Uint8Array) => void,
    private readonly inPlace = false,
  ) {
    this.batchBytes = plan.batchBytes ?? 256 * 1024;
    this.ordered = new Ordered(plan.inFlight ?? 4);
    this.free = plan.free ?? new SharedFreeList();
  }

  /** Encoded groups → container pages, in order; the batch's buffers are then free. */
  private readonly emitGroups = (e: Encoded): void => {
    for (const g of e.groups) for (const page of this.session.frame(g)) this.emit(page);
    if (e.placed) this.session.framed(e.placed.at, e.placed.len);
    for (const f of e.framed ?? []) {
      if (f.p1 <= f.p0) {
        for (const page of this.session.frame(f.o)) this.emit(page);
        continue;
      }
      const pagesLen = (f.p1 - f.p0) * PAGE_BYTES;
      const a = f.p0 * PAGE_DATA_BYTES - f.sAt;
      for (const b of this.session.frameWorker(f.sAt, f.o.subarray(pagesLen, pagesLen + a), f.o.subarray(0, pagesLen), f.o.subarray(pagesLen + a))) this.emit(b);
    }
    for (const b of e.buffers) this.free.give(b);
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
      return this.ordered.add(Promise.resolve({ groups: [out], buffers: [] }), this.emitGroups);
    }
    // A view of a shared input (the caller's SharedArrayBuffer, which the session's queue
    // adopts without copying: its own buffers are ordinary memory): sent as it is, in a batch
    // of its own, and never given to the free list.
    if (this.inPlace && isShared(job.bytes)) {
      await this.flush();
      this.input = job.bytes;
      this.borrowed = true;
      this.batch.push({ bytes: job.bytes, first: job.first });
      this.batchSize = job.bytes.length;
      return this.flush();
    }
    // Copied now (the job is a view of the session's queue), once, into the batch's shared input.
    const input = this.input ??= this.free.take(this.batchBytes + job.bytes.length);
    if (this.batchSize + job.bytes.length > input.length) {
      const grown = this.free.take(2 * (this.batchSize + job.bytes.length));
      grown.set(input.subarray(0, this.batchSize));
      this.input = grown;
    }
    this.input.set(job.bytes, this.batchSize);
    this.batch.push({ bytes: this.input.subarray(this.batchSize, this.batchSize + job.bytes.length), first: job.first });
    this.batchSize += job.bytes.length;
    if (this.batchSize >= this.batchBytes) await this.flush();
  }

  private input: Uint8Array | null = null;
  /** `input` is the caller's memory (a shared input's view): not recycled. */
  private borrowed = false;

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    const input = this.input!;
    const mine = this.borrowed ? [] : [input];
    this.batch = [];
    this.batchSize = 0;
    this.input = null;
    this.borrowed = false;
    const { key, blocks, code } = this.session.engine;
    const spans: { in: Span; out: Span; sAt?: number; first: number }[] = [];
    let inAt = 0;
    let outAt = 0;
    for (const j of jobs) {
      // Group outputs start on 4-byte boundaries so a worker encodes in place.
      const len = groupByteLength(Math.ceil(j.bytes.length / blocks.payloadBytes), code.n);
      spans.push({ in: { at: inAt, len: j.bytes.length }, out: { at: outAt, len }, first: j.first });
      inAt += j.bytes.length;
      outAt += (len + 3) & ~3;
    }
    // A shared in-place container (encodeAsync): the worker writes the pages itself.
    const place = this.session.placement(jobs[0]!);
    const sAt0 = place?.sAt ?? 0;
    let sAt = sAt0;
    if (place) {
      for (const sp of spans) {
        sp.sAt = sAt;
        sAt += sp.out.len;
      }
    }
    // Else a stream: the worker frames each group's whole pages itself (page-stream.ts), and
    // this thread frames only the bytes on the pages shared with the neighbouring groups.
    const frame = place ? null : this.session.streamFraming(jobs[0]!);
    const layouts: { glen: number; p0: number; p1: number }[] = [];
    if (frame) {
      let at = frame.sAt;
      outAt = 0;
      for (const sp of spans) {
        const glen = sp.out.len;
        const { p0, p1 } = wholePages(at, glen);
        const len = p1 > p0 ? (p1 - p0) * PAGE_BYTES + glen - (p1 - p0) * PAGE_DATA_BYTES : glen;
        sp.sAt = at;
        sp.out = { at: outAt, len };
        layouts.push({ glen, p0, p1 });
        at += glen;
        outAt += (len + 3) & ~3;
      }
    }
    // A stream's framed pages are passed on downstream as they are: a new buffer per batch.
    const output = place ? new Uint8Array(0) : frame ? sharedBytes(outAt) : this.free.take(outAt);
    const task: CodecTask = {
      op: 'encode',
      key,
      input: input.subarray(0, inAt),
      output,
      jobs: spans,
      seed: this.session.crcSeed,
      ...(place ? { place: { out: place.out, rec: place.rec, headCrc: place.headCrc } } : frame ? { frame: { rec: frame.rec, headCrc: frame.headCrc } } : {}),
    };
    const result = (): Encoded => {
      if (place) return { groups: [], placed: { at: sAt0, len: sAt - sAt0 }, buffers: mine };
      const groups = spans.map((s) => output.subarray(s.out.at, s.out.at + s.out.len));
      if (!frame) return { groups, buffers: [...mine, output] };
      return { groups: [], framed: groups.map((o, i) => ({ sAt: spans[i]!.sAt!, o, ...layouts[i]! })), buffers: mine };
    };
    const p = this.plan
      .pool()
      .run<null>(task)
      .then(result, (e: unknown) => Promise.reject(wrap(jobs[0]!.first, e)));
    await this.ordered.add(p, this.emitGroups);
  }
}

type Done = { jobs: DecodeJob[]; results: (GroupDecodeResult | null)[]; output?: Uint8Array };

/** Drives a DecoderSession through the pool; folds results in order and emits verified bytes. */
export class PooledDecoder {
  private readonly ordered: Ordered<Done>;
  private batch: DecodeJob[] = [];
  private batchSize = 0;
  private seen = 0;
  private readonly batchBytes: number;
  /** Shared outputs of folded batches, when `emit` copies what it is given (else null: each batch a new buffer). */
  private readonly free: SharedFreeList | null;
  /**
   * @param emitCopies `emit` copies its argument before returning (decodeAsync), so a batch's
   *   shared output can be reused once folded; a stream passes the bytes on, so it cannot.
   */
  constructor(
    private readonly session: DecodeSession,
    private readonly plan: PoolPlan,
    private readonly emit: (b: Uint8Array) => void,
    emitCopies = false,
  ) {
    this.free = emitCopies ? (plan.free ?? new SharedFreeList()) : null;
    this.batchBytes = 2 * (plan.batchBytes ?? 256 * 1024);
    this.ordered = new Ordered(plan.inFlight ?? 4);
  }

  async push(chunk: Uint8Array): Promise<void> {
    this.seen += chunk.length;
    // Job by job as each group's pages are read (splitJobs): the first groups are decoding
    // while the calling thread reads the next ones. A job's bytes are in shared memory
    // already (a shared S) or copied in add() before the iteration resumes.
    const s = this.session;
    try {
      for (const j of s.splitJobs ? s.splitJobs(chunk) : s.split(chunk)) await this.add(j);
    } catch (e) {
      this.board?.close(); // its workers would otherwise wait for rows for ever
      throw e;
    }
  }

  async finish(): Promise<void> {
    try {
      for (const j of this.session.finishJobs()) await this.add(j);
      await this.flush();
    } finally {
      this.board?.close();
    }
    await this.ordered.drain(this.fold);
    if (this.board) await this.board.settled();
    this.session.end();
  }

  /** The group board of this decode (undefined: not decided yet, null: not used). */
  private board: GroupBoard | null | undefined;

  /** A board for the decode `job` starts, with one task per worker claiming its rows; null when it does not apply. */
  private startBoard(job: DecodeJob): GroupBoard | null {
    const e = this.session.engine!;
    const b = this.plan.board === false ? null : GroupBoard.start(job, e.blocks.payloadBytes, e.key, this.session.crcSeed, this.plan.failAtBlock);
    if (!b) return null;
    const pool = this.plan.pool();
    b.watch(Array.from({ length: pool.workers }, () => pool.run(b.task)));
    this.ordered.max = Number.MAX_SAFE_INTEGER; // rows are claimed by whichever worker is free: no need to hold the reader back
    return b;
  }

  private readonly fold = (d: Done): void => {
    for (let i = 0; i < d.jobs.length; i++) {
      const job = d.jobs[i]!;
      const out = this.session.fold(job, d.results[i]!);
      if (out.length > 0) this.emit(out);
      this.session.release?.(job);
    }
    if (d.output && this.free) this.free.give(d.output);
  };

  private async add(job: DecodeJob): Promise<void> {
    if (job.bytes === null || this.seen < this.plan.minBytes) {
      await this.flush();
      return this.ordered.add(Promise.resolve({ jobs: [job], results: [this.session.run(job)] }), this.fold);
    }
    if (this.board === undefined) this.board = this.startBoard(job);
    if (this.board) {
      // The workers are in their board tasks: a job the board cannot take runs here (a group with
      // a zero-filled or cut page, which are not views of the input: rare).
      const p = this.board.takes(job)
        ? this.board.add(job).then(
            (r): Done => ({ jobs: [job], results: [r] }),
            (e: unknown) => Promise.reject(wrap(job.first, e)),
          )
        : Promise.resolve({ jobs: [job], results: [this.session.run(job)] });
      return this.ordered.add(p, this.fold);
    }
    // Pieces of a shared input (segment-queue.ts), or in shared memory already (a shared S),
    // else copied now: the job is a view of the session's S.
    const bytes = job.segments || isShared(job.bytes) ? job.bytes : sharedCopy(job.bytes);
    this.batch.push({ ...job, bytes });
    this.batchSize += job.segments ? job.segments.length : bytes.length;
    if (this.batchSize >= this.batchBytes) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    this.batch = [];
    this.batchSize = 0;
    const key = this.session.engine!.key;
    // A job with a shared output slot (decodeAsync) is decoded into it in place; the others into the batch's output.
    const spans: { input: Uint8Array; segments?: Segments; out: Span; dest?: Uint8Array; l: number; first: number }[] = [];
    let outAt = 0;
    for (const j of jobs) {
      const inPlace = j.dest !== undefined && isShared(j.dest);
      spans.push({ input: j.bytes!, ...(j.segments ? { segments: j.segments } : {}), out: { at: outAt, len: inPlace ? 0 : j.dataLen }, ...(inPlace ? { dest: j.dest } : {}), l: j.l, first: j.first });
      if (!inPlace) outAt += j.dataLen;
    }
    const output = outAt === 0 ? new Uint8Array(0) : this.free ? this.free.take(outAt) : sharedBytes(outAt);
    const task: CodecTask = { op: 'decode', key, output, jobs: spans, seed: this.session.crcSeed, failAtBlock: this.plan.failAtBlock };
    const data = (i: number): Uint8Array => spans[i]!.dest ?? output.subarray(spans[i]!.out.at, spans[i]!.out.at + spans[i]!.out.len);
    const p = this.plan
      .pool()
      .run<DecodeStatus[]>(task)
      .then(
        (st): Done => ({ jobs, output: outAt === 0 ? undefined : output, results: st.map((r, i) => ({ data: data(i), status: r.status, bitsCorrected: r.bitsCorrected })) }),
        (e: unknown) => Promise.reject(wrap(jobs[0]!.first, e)),
      );
    await this.ordered.add(p, this.fold);
  }
}
