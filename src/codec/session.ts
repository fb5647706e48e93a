/**
 * hopcode/codec/session — incremental decoding of format-2 containers (the encoder is in
 * encoder-session.ts, re-exported here).
 *
 * Both the buffer API and the Node streams drive these: bytes go in as they come, whole
 * groups (interleave depth D blocks) come out, so memory stays at a few groups whatever
 * the file size. Groups sit back to back in the data stream S (interleave.ts), S is cut
 * into self-describing pages (pages.ts), and the tail carries the length (container.ts).
 * `DecoderSession` reads either format: it looks at the first bytes and hands a
 * format-1 container to session-v1.ts, with a notice that it lacks the new protections.
 *
 * Bounded work on any input: every header field is checked before anything is built
 * (container.ts); the network is built only when the input holds at least one block's
 * N bits; a group is decoded only when at least 3/4 of its bytes are present (so memory
 * is at most 4/3 of the input); groups past the end of the input are reported as one
 * missing range in O(1), never zero-filled or allocated.
 */
import { groupByteLength } from './interleave.js';
import type { GroupDecodeResult } from './groups.js';
import { blockCrcSeed, containerBytes, PAGE_DATA_BYTES, TAIL_BYTES } from './container.js';
import { engineFor, type Engine } from './engine.js';
import { CodecError } from './errors.js';
import { emptyReport, type DecodeReport } from './report.js';
import { FoldingSession, type DecodeJob, type DecodeSession, type DecoderSessionOptions } from './fold.js';
import { PageReader } from './pages.js';
import { ByteQueue } from './byte-queue.js';
import { SharedByteQueue } from './shared-queue.js';
import { SegmentQueue } from './segment-queue.js';
import { isShared } from './shared-bytes.js';
import { LOCATE_BYTES, locateHeader, looksLikeV1 } from './locate.js';
import { V1DecoderSession } from './session-v1.js';

/** A segments job's `bytes` (its bytes are in `segments`). */
const EMPTY = new Uint8Array(0);

export { EncoderSession, newFileId, type EncodeJob } from './encoder-session.js';
export type { DecodeJob, DecodeSession, DecoderSessionOptions } from './fold.js';

/** Decoder of a format-2 container. */
export class V2DecoderSession extends FoldingSession {
  private readonly pre = new ByteQueue();
  private reader: PageReader | null = null;
  private s: ByteQueue | SharedByteQueue | SegmentQueue = this.opts.shared ? new SharedByteQueue(this.opts.shared) : new ByteQueue();
  private interleave = 0;
  private groupFull = 0;
  private nextGroup = 0;
  private nextBlock = 0;
  private groups = 0;
  private lastBlocks = 0;
  private holeAt = 0;

  split(chunk: Uint8Array): DecodeJob[] {
    if (!this.reader) {
      this.pre.append(chunk);
      if (this.opts.whole) {
        this.start(true);
        return this.cut(false);
      }
      if (this.pre.limit < LOCATE_BYTES) return [];
      this.start(false);
      return this.cut(false);
    }
    for (const d of this.reader.push(chunk)) this.s.append(d);
    return this.cut(false);
  }

  /**
   * split, run and fold group by group (the calling thread's push): each group is cut and
   * decoded as soon as its pages are in S, so S holds about one group — reused and
   * cache-warm when the decoder reads it — instead of the whole input's data stream
   * (issue 12: that copy was ~18 % of a clean decode, and its buffer a large GC).
   */
  pushRun(chunk: Uint8Array, each: (job: DecodeJob) => Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    this.splitEach(chunk, (j) => {
      const b = each(j);
      if (b.length > 0) out.push(b);
    });
    return out;
  }

  /** split, handing each job to `each` as soon as its group is in S (its bytes are valid only during the call). */
  splitEach(chunk: Uint8Array, each: (job: DecodeJob) => void): void {
    for (const j of this.splitJobs(chunk)) each(j);
  }

  /**
   * split, yielding each job as soon as its group is in S: the pool sends it to a worker
   * before the next group's pages are read (pipelining a whole-buffer decode; a shared S
   * buffer goes back to the free list while the input is still being read). A job's bytes
   * are valid until the next step of the iteration, or, for a shared S, until released.
   */
  *splitJobs(chunk: Uint8Array): Generator<DecodeJob, void, undefined> {
    if (!this.reader) {
      this.pre.append(chunk);
      if (!this.opts.whole && this.pre.limit < LOCATE_BYTES) return;
      // The pages of the first input (a whole buffer, for decodeAsync) are read a batch at a
      // time, so the first group goes to a worker after ~1 group of pages is parsed, not after
      // all of them (issue 12: 11 ms of a 64 MiB pooled clean decode with the workers idle).
      const size = this.pre.limit;
      this.start(this.opts.whole === true, false);
      // A whole shared input (the pool's): S is kept as references into it, no copy (segment-queue.ts).
      // (pre holds a big chunk as it is, a small one copied: then S is copied as before.)
      const all = this.pre.view(0, size);
      if (this.opts.shared && this.opts.whole && isShared(all)) this.s = new SegmentQueue(all);
      // One thread, a whole input: S as references too, gathered by run() into the kernel's
      // staging area (a 64 MiB clean decode copied its 75 MB of page data into S first: ~14 ms).
      else if (!this.opts.shared && this.opts.whole) this.s = new SegmentQueue(all, (b) => b.slice());
      yield* this.readPages(all);
      this.pre.drop(size);
    } else yield* this.readPages(chunk);
    yield* this.cut(false);
  }

  /** Pages of `chunk` into S; each group's job yielded as soon as its bytes are in. */
  private *readPages(chunk: Uint8Array): Generator<DecodeJob, void, undefined> {
    const q = this.s;
    if (q instanceof SegmentQueue) {
      // References only: runs of exact pages as one entry each (PageReader.pushRuns).
      for (const r of this.reader!.pushRuns(chunk)) {
        if (Array.isArray(r)) for (const d of r) q.append(d);
        else q.appendPages(r.view, r.pages);
        if (q.limit >= (this.nextGroup + 1) * this.groupFull) yield* this.cut(false);
      }
      return;
    }
    for (const pages of this.reader!.pushEach(chunk)) {
      for (const d of pages) {
        this.s.append(d);
        if (this.s.limit >= (this.nextGroup + 1) * this.groupFull) yield* this.cut(false);
      }
    }
  }

  finishJobs(): DecodeJob[] {
    if (!this.reader) this.start(true);
    const reader = this.reader!;
    for (const d of reader.finish()) this.s.append(d);
    const t = reader.tail();
    const r = this.report;
    r.trailingBytes = t.trailingBytes;
    r.pagesDamaged = reader.stats.headsDamaged;
    r.pagesMissing = reader.stats.pagesMissing;
    r.pagesDuplicated = reader.stats.pagesDuplicated;
    if (t.trailingBytes > 0) r.notices.push(`${t.trailingBytes} bytes after the end of the container were ignored (appended data, or a second container)`);
    if (this.length === null) {
      if (t.length === null) {
        r.notices.push('the tail (payload length) of this stream container is lost: the last group cannot be placed');
        const jobs = this.cut(false);
        const left = Math.floor(((this.s.limit - this.nextGroup * this.groupFull) * 8) / this.eng!.code.n);
        if (left > 0) jobs.push({ bytes: null, l: Math.min(left, this.interleave), first: this.nextBlock, dataLen: 0 });
        r.payloadLength = this.nextBlock * this.eng!.blocks.payloadBytes;
        return jobs;
      }
      const decoded = this.nextBlock * this.eng!.blocks.payloadBytes;
      if (t.length < decoded) throw new CodecError('BAD_HEADER', `the tail's payload length ${t.length} is shorter than the ${decoded} bytes of full groups before it`);
      this.setLength(t.length);
    }
    return this.cut(true);
  }

  /** Read the header, build the engine, start the page reader; its first pages go to `sink` (default: S). */
  /** Locate the header, build the engine and the page reader; with `feed`, read all of pre into S. */
  private start(final: boolean, feed = true): void {
    const size = this.pre.limit;
    const head = this.pre.view(0, LOCATE_BYTES);
    const tail = final ? this.pre.view(Math.max(0, size - TAIL_BYTES), size) : this.opts.tail && this.opts.tail.length >= TAIL_BYTES ? this.opts.tail : null;
    const loc = locateHeader(head, tail, final ? size : null);
    const h = loc.header;
    const r = this.report;
    r.formatVersion = h.version;
    r.headerCopiesDamaged = loc.copiesDamaged;
    // Build the network only when the input could hold one block of it.
    if (final && h.payloadLength !== 0 && size < h.n / 8) {
      throw new CodecError('TRUNCATED', `the header names blocks of N = ${h.n} bits, but the input is only ${size} bytes`);
    }
    let engine: Engine;
    try {
      engine = engineFor({ preset: h.preset, n: h.n, seed: h.seed, ...this.opts.key });
    } catch (e) {
      throw new CodecError('BAD_HEADER', `the header names a network this build cannot make: ${(e as Error).message}`);
    }
    if (engine.hHash !== h.hHash) {
      throw new CodecError('NETWORK_MISMATCH', `the network rebuilt from the header (${h.preset}, N = ${h.n}, seed ${h.seed}) has parity-check hash ${hex(engine.hHash)}, the container was written with ${hex(h.hHash)}: refusing to decode with a different network`);
    }
    this.eng = engine;
    this.crcSeed = blockCrcSeed(h);
    this.interleave = h.interleave;
    this.groupFull = groupByteLength(h.interleave, h.n);
    // A group and a few pages per shared buffer: moving the tail after a cut copies < 1 group.
    if (this.s instanceof SharedByteQueue) this.s.minAlloc = this.groupFull + 4 * PAGE_DATA_BYTES;
    let pages: number | null = null;
    if (h.payloadLength !== null) {
      const c = containerBytes(this.setLength(h.payloadLength));
      pages = c.pages;
      // The output in one piece, when the input can hold the whole container (so a forged
      // length cannot make us allocate more than the input implies).
      if (final && this.opts.output && c.bytes <= size) this.opts.output.reserve(h.payloadLength);
    }
    this.reader = new PageReader(loc.rec, pages);
    if (!feed) return; // the caller feeds the reader and drops pre (splitJobs)
    // The whole input at once: S (its page data) is smaller than it; one allocation.
    if (final) this.s.reserve(size);
    for (const d of this.reader.push(this.pre.view(0, size))) this.s.append(d);
    this.pre.drop(size);
  }

  /** Record the payload length; returns |S| (bytes of all groups). */
  private setLength(len: number): number {
    const p = this.eng!.blocks.payloadBytes;
    this.length = len;
    this.report.payloadLength = len;
    const b = Math.ceil(len / p);
    this.groups = Math.ceil(b / this.interleave);
    this.lastBlocks = b - (this.groups - 1) * this.interleave;
    return b === 0 ? 0 : (this.groups - 1) * this.groupFull + groupByteLength(this.lastBlocks, this.eng!.code.n);
  }

  /** Jobs for the groups whose bytes are in S (at the end: also short, cut and absent ones). */
  private cut(final: boolean): DecodeJob[] {
    const jobs: DecodeJob[] = [];
    const e = this.eng!;
    const p = e.blocks.payloadBytes;
    for (;;) {
      const start = this.nextGroup * this.groupFull;
      if (this.length === null) {
        if (this.s.limit < start + this.groupFull + PAGE_DATA_BYTES) break; // could still be the short last group plus padding
        jobs.push(this.job(start, this.groupFull, this.interleave, this.interleave * p));
        continue;
      }
      if (this.nextGroup >= this.groups) break;
      const l = this.nextGroup === this.groups - 1 ? this.lastBlocks : this.interleave;
      const size = groupByteLength(l, e.code.n);
      const have = this.s.limit - start;
      const dataLen = Math.max(0, Math.min(l * p, this.length - this.nextBlock * p));
      if (have >= size) jobs.push(this.job(start, size, l, dataLen));
      else if (!final) break;
      else if (have * 4 >= size * 3) {
        this.report.truncated = true;
        jobs.push({ ...this.job(start, have, l, dataLen), lost: true });
      } else {
        // Everything from here on is absent: one range for all remaining blocks.
        const blocks = Math.ceil(this.length / p) - this.nextBlock;
        jobs.push({ bytes: null, l: blocks, first: this.nextBlock, dataLen: 0 });
        this.nextBlock += blocks;
        this.nextGroup = this.groups;
        break;
      }
    }
    this.s.drop(this.nextGroup * this.groupFull);
    return jobs;
  }

  private job(start: number, size: number, l: number, dataLen: number): DecodeJob {
    // A view: jobs are run (or copied, by the pool) before S is appended to again; a
    // shared S is never overwritten, and holds the view until release().
    const q = this.s;
    const segments = q instanceof SegmentQueue ? q.hold(start, start + size) : undefined;
    const bytes = segments ? EMPTY : q instanceof SharedByteQueue ? q.hold(start, start + size) : (q as ByteQueue).view(start, start + size);
    const j: DecodeJob = { bytes, l, first: this.nextBlock, dataLen, lost: this.overlapsHole(start, start + size) };
    if (segments) j.segments = segments;
    const dest = this.opts.output?.slot(this.nextBlock * this.eng!.blocks.payloadBytes, dataLen);
    if (dest !== undefined) j.dest = dest;
    this.nextBlock += l;
    this.nextGroup++;
    return j;
  }

  /** The job's bytes are no longer read (the pool, after folding it). */
  release(job: DecodeJob): void {
    if (job.bytes !== null && this.s instanceof SharedByteQueue) this.s.release(job.bytes);
  }

  private overlapsHole(a: number, b: number): boolean {
    const holes = this.reader!.holes;
    while (this.holeAt < holes.length && holes[this.holeAt]!.end <= a) this.holeAt++;
    return this.holeAt < holes.length && holes[this.holeAt]!.start < b;
  }
}

/** Decoder of either format: looks at the first bytes, then delegates. */
export class DecoderSession implements DecodeSession {
  private inner: V2DecoderSession | V1DecoderSession | null = null;
  private readonly pre = new ByteQueue();

  constructor(private readonly opts: DecoderSessionOptions) {}

  get report(): DecodeReport {
    return this.inner ? this.inner.report : emptyReport();
  }
  get engine(): Engine | null {
    return this.inner ? this.inner.engine : null;
  }
  get crcSeed(): number {
    return this.inner ? this.inner.crcSeed : 0;
  }

  /** split, each job yielded while its bytes are valid (see V2DecoderSession.splitJobs). */
  *splitJobs(chunk: Uint8Array): Generator<DecodeJob, void, undefined> {
    if (!this.inner) {
      this.pre.append(chunk);
      if (this.pre.limit < 240) return;
      this.choose();
      chunk = this.take();
    }
    const inner = this.inner!;
    if (inner instanceof V2DecoderSession) yield* inner.splitJobs(chunk);
    else yield* inner.split(chunk);
  }

  split(chunk: Uint8Array): DecodeJob[] {
    if (this.inner) return this.inner.split(chunk);
    this.pre.append(chunk);
    if (this.pre.limit < 240) return [];
    return this.choose().split(this.take());
  }

  finishJobs(): DecodeJob[] {
    if (!this.inner) {
      const b = this.take();
      this.choose(b).split(b);
    }
    return this.inner!.finishJobs();
  }

  run(job: DecodeJob): GroupDecodeResult | null {
    return this.inner!.run(job);
  }
  fold(job: DecodeJob, r: GroupDecodeResult | null): Uint8Array {
    return this.inner!.fold(job, r);
  }
  end(): void {
    this.inner!.end();
  }
  release(job: DecodeJob): void {
    if (this.inner instanceof V2DecoderSession) this.inner.release(job);
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (!this.inner) {
      this.pre.append(chunk);
      if (this.pre.limit < 240) return [];
      this.choose();
      chunk = this.take();
    }
    const inner = this.inner!;
    if (inner instanceof V2DecoderSession) return inner.pushRun(chunk, (j) => inner.fold(j, inner.run(j)));
    return inner.split(chunk).map((j) => inner.fold(j, inner.run(j)));
  }

  finish(): Uint8Array[] {
    const out = this.finishJobs().map((j) => this.fold(j, this.run(j)));
    this.end();
    return out;
  }

  private take(): Uint8Array {
    const b = this.pre.view(0, this.pre.limit); // the queue is not used again
    this.pre.drop(this.pre.limit);
    return b;
  }

  private choose(head = this.pre.view(0, this.pre.limit)): V2DecoderSession | V1DecoderSession {
    if (looksLikeV1(head)) {
      const v1 = new V1DecoderSession(this.opts);
      v1.report.formatVersion = 1;
      v1.report.notices.push('format version 1 container: it lacks the format-2 protections (no file id, so blocks spliced in from another encode are not detected; header copies only in the first 240 bytes; no page resynchronisation). Re-encode it to get them.');
      this.inner = v1;
    } else this.inner = new V2DecoderSession(this.opts);
    return this.inner;
  }
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}
