/**
 * hopcode/codec/pooled-decoder — a DecodeSession driven through the worker pool
 * (codec-pool.ts): results folded in file order, verified bytes emitted.
 *
 * The calling thread reads pages and, for an ordinary input, copies each group's page data
 * into a shared S (shared-queue.ts) — the one copy only it can make; a container on a
 * SharedArrayBuffer is not copied at all (its jobs are lists of its pages' data,
 * segment-queue.ts, gathered by the workers). A decode into a shared output (decodeAsync's
 * own, or a shared `into`) publishes each group on a board (group-board.ts) as soon as its
 * pages are in; other decodes (streams, an ordinary `into`) send batched tasks whose
 * outputs this thread copies or passes on.
 */
import type { GroupDecodeResult } from './groups.js';
import type { CodecTask, DecodeStatus, Span } from './codec-worker.js';
import type { DecodeJob, DecodeSession } from './session.js';
import { isShared, sharedBytes, sharedCopy, SharedFreeList } from './shared-bytes.js';
import type { Segments } from './segment-queue.js';
import { GroupBoard } from './group-board.js';
import { Ordered, wrap, type PoolPlan } from './codec-pool.js';

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
    b.launch(pool.workers, (task, transfer) => pool.run(task, transfer));
    // Rows are claimed by whichever worker is free: rows of the input itself need not hold the
    // reader back; rows of S do, or S would grow to the whole input (fresh shared memory, slow
    // to fill: shared-bytes.ts) instead of recycling a few groups' buffers.
    this.ordered.max = b.fromS ? 2 * pool.workers + 2 : Number.MAX_SAFE_INTEGER;
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
