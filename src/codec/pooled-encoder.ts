/**
 * hopcode/codec/pooled-encoder — an EncoderSession driven through the worker pool
 * (codec-pool.ts), container bytes emitted in order.
 *
 * The calling thread competes with the workers for the cores, so its share is kept to
 * the one copy of the input it alone can make (issue 12): each group's payload into a
 * recycled shared buffer (none for the caller's SharedArrayBuffer input, read in place).
 * An in-place encode (encodeAsync: a shared container of known size) publishes each group
 * on an encode board (encode-board.ts), whose workers write its pages in place; a stream
 * sends batches, whose whole pages the worker frames itself (page-stream.ts), this thread
 * framing only the bytes on pages shared with neighbouring groups.
 */
import type { CodecTask, Span } from './codec-worker.js';
import { groupByteLength } from './interleave.js';
import { PAGE_BYTES, PAGE_DATA_BYTES } from './container.js';
import { wholePages } from './page-stream.js';
import type { EncodeJob, EncoderSession } from './session.js';
import { isShared, sharedBytes, SharedFreeList } from './shared-bytes.js';
import { EncodeBoard } from './encode-board.js';
import { Ordered, wrap, type PoolPlan } from './codec-pool.js';

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
    try {
      for (const j of this.session.split(chunk)) await this.add(j);
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
    await this.ordered.drain(this.emitGroups);
    if (this.board) await this.board.settled();
    for (const b of this.session.trailer()) this.emit(b);
  }

  /** The encode board of this run (undefined: not decided yet, null: not used). */
  private board: EncodeBoard | null | undefined;

  /** A board for the in-place encode whose first pooled group is `job`, with one task per worker; null when it does not apply (a stream). */
  private startBoard(job: EncodeJob): EncodeBoard | null {
    const place = this.plan.board === false ? null : this.session.placement(job);
    if (!place) return null;
    const { key, blocks, code } = this.session.engine;
    const groups = Math.ceil(place.out.length / groupByteLength(Math.ceil(job.bytes.length / blocks.payloadBytes), code.n));
    const b = EncodeBoard.start(place, groups, key, this.session.crcSeed, this.plan.failAtBlock);
    if (!b) return null;
    const pool = this.plan.pool();
    b.launch(pool.workers, (task, transfer) => pool.run(task, transfer));
    this.ordered.max = 2 * pool.workers + 2; // bounds the copies of an ordinary input in flight (recycled)
    return b;
  }

  private async add(job: EncodeJob): Promise<void> {
    if (this.seen < this.plan.minBytes) {
      await this.flush();
      const out = this.session.run(job);
      return this.ordered.add(Promise.resolve({ groups: [out], buffers: [] }), this.emitGroups);
    }
    if (this.board === undefined) this.board = this.startBoard(job);
    if (this.board) {
      if (!this.board.open) return this.ordered.add(Promise.resolve({ groups: [this.session.run(job)], buffers: [] }), this.emitGroups);
      // The caller's shared input is read where it is; an ordinary one is copied, once, into a recycled shared buffer.
      const copy = this.inPlace && isShared(job.bytes) ? null : this.free.take(job.bytes.length);
      copy?.set(job.bytes);
      const { blocks, code } = this.session.engine;
      const glen = groupByteLength(Math.ceil(job.bytes.length / blocks.payloadBytes), code.n);
      const sAt = this.session.placement(job)!.sAt;
      const p = this.board.add(copy ?? job.bytes, job.first, sAt).then(
        (): Encoded => ({ groups: [], placed: { at: sAt, len: glen }, buffers: copy ? [copy] : [] }),
        (e: unknown) => Promise.reject(wrap(job.first, e)),
      );
      return this.ordered.add(p, this.emitGroups);
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
