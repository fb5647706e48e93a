/**
 * hopcode/codec/encoder-session — incremental encoding of a format-2 container (session.ts
 * has the decoder).
 *
 * Bytes go in as they come; whole groups (interleave depth D blocks) are encoded
 * (groups.ts: on this thread, or by the pool, codec-pool.ts) and framed into
 * self-describing pages (pages.ts), the tail carrying the length (container.ts). A buffer
 * encode, whose container size is known, has its pages written in place instead
 * (page-place.ts), by this thread or, on a shared output, by the workers themselves.
 */
import { randomBytes } from 'node:crypto';
import { groupByteLength } from './interleave.js';
import { encodeGroup, encodeGroupInto } from './groups.js';
import { blockCrcSeed, FORMAT_VERSION, writeRecord, type Header } from './container.js';
import type { Engine } from './engine.js';
import { CodecError } from './errors.js';
import { PageStream } from './page-stream.js';
import { PagePlacer } from './page-place.js';
import { isShared } from './shared-bytes.js';
import { ByteQueue } from './byte-queue.js';
import { Rng } from '../util/rng.js';

/** One group to encode: its payload bytes and the index of its first block. */
export interface EncodeJob {
  bytes: Uint8Array;
  first: number;
}

/** The file id of an encode: 64 bits from crypto, or from a user seed (reproducible containers). */
export function newFileId(fileSeed?: number): string {
  const words = fileSeed === undefined ? Array.from(new Uint32Array(randomBytes(8).buffer)) : ((r) => [r.next(), r.next()])(Rng.stream(fileSeed, 0x66696c65 /* 'file' */));
  return words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

export class EncoderSession {
  private pending = new ByteQueue();
  private nextBlock = 0;
  private total = 0;
  private readonly groupPayload: number;
  /** A stream's pages (PageWriter's twin that also takes pages framed by a worker). */
  private readonly writer: PageStream;
  readonly header: Header;
  /** CRC-32C state of the file id: every block's CRC starts from it. */
  readonly crcSeed: number;

  /** Set when the container is written in place (`out`): frame() and trailer() then return nothing. */
  private readonly placer: PagePlacer | null;

  /**
   * @param out the container's buffer, when its size is known (a buffer encode: exactly
   *   codec.encodedLength(length) bytes): pages are written into it in place (page-place.ts)
   */
  constructor(
    readonly engine: Engine,
    private readonly interleave: number,
    private readonly length: number | null,
    fileId: string,
    private readonly out?: Uint8Array,
  ) {
    this.groupPayload = interleave * engine.blocks.payloadBytes;
    const { key, hHash } = engine;
    this.header = { version: FORMAT_VERSION, preset: key.preset, n: key.n, seed: key.seed, interleave, hHash, fileId, payloadLength: length };
    const rec = writeRecord(this.header);
    this.writer = new PageStream(rec);
    this.placer = out ? new PagePlacer(rec, out) : null;
    this.crcSeed = blockCrcSeed(this.header);
  }

  /** The whole groups completed by this chunk. */
  split(chunk: Uint8Array): EncodeJob[] {
    this.total += chunk.length;
    if (this.length !== null && this.total > this.length) throw new CodecError('BAD_OPTIONS', `more input than the declared length ${this.length}`);
    this.pending.append(chunk);
    const jobs: EncodeJob[] = [];
    while (this.pending.limit - this.pending.first >= this.groupPayload) {
      const a = this.pending.first;
      // A view (no copy): jobs are run, or copied by the pool, before the next split.
      jobs.push({ bytes: this.pending.view(a, a + this.groupPayload), first: this.nextBlock });
      this.pending.drop(a + this.groupPayload);
      this.nextBlock += this.interleave;
    }
    return jobs;
  }

  /** The last (short) group, if any. */
  finishJobs(): EncodeJob[] {
    if (this.length !== null && this.total !== this.length) throw new CodecError('BAD_OPTIONS', `declared length ${this.length} but got ${this.total} bytes`);
    const rest = this.pending.view(this.pending.first, this.pending.limit);
    this.pending.drop(this.pending.limit);
    return rest.length > 0 ? [{ bytes: rest, first: this.nextBlock }] : [];
  }

  /** Encode a job's group on this thread (group bytes, not yet paged). */
  run(job: EncodeJob): Uint8Array {
    return encodeGroup(this.engine, job.bytes, 0, job.bytes.length, job.first, this.crcSeed);
  }

  /** Container bytes for encoded group bytes, in order (none when written in place). */
  frame(group: Uint8Array): Uint8Array[] {
    if (this.placer === null) return this.writer.push(group);
    this.placer.push(group);
    return [];
  }

  /**
   * Where a worker may write this job's group straight into the container (a shared
   * in-place output): the container, its record and the group's offset in S; else null.
   * The pool then counts the group with framed() instead of frame().
   */
  placement(job: EncodeJob): { out: Uint8Array; rec: Uint8Array; headCrc: number; sAt: number } | null {
    const p = this.placer;
    if (p === null || !isShared(p.out)) return null;
    return { out: p.out, rec: p.rec, headCrc: p.headCrc, sAt: (job.first / this.interleave) * groupByteLength(this.interleave, this.engine.code.n) };
  }

  /**
   * A streamed container (no in-place output): the record and the S offset of this job's
   * group, for a worker to frame the group's whole pages itself (page-stream.ts); else null.
   * The pool then hands the result to frameWorker() instead of frame().
   */
  streamFraming(job: EncodeJob): { rec: Uint8Array; headCrc: number; sAt: number } | null {
    if (this.placer !== null) return null;
    return { rec: this.writer.rec, headCrc: this.writer.headCrc, sAt: (job.first / this.interleave) * groupByteLength(this.interleave, this.engine.code.n) };
  }

  /** Container bytes for a group a worker framed (streamFraming(); PageStream.pushFramed), in order. */
  frameWorker(sAt: number, before: Uint8Array, pages: Uint8Array, after: Uint8Array): Uint8Array[] {
    if (this.writer.framed !== sAt) throw new Error(`hopcode/codec: internal error: a group framed at S offset ${sAt}, expected ${this.writer.framed}`);
    return this.writer.pushFramed(before, pages, after);
  }

  /** The group at S offset sAt, of `len` bytes, was placed by a worker (placement()); in order. */
  framed(sAt: number, len: number): void {
    const p = this.placer!;
    if (p.placed !== sAt) throw new Error(`hopcode/codec: internal error: a group placed at S offset ${sAt}, expected ${p.placed}`);
    p.skip(len);
  }

  /** The last page and the tail (written in place, when an output was given: then it must be exactly full). */
  trailer(): Uint8Array[] {
    if (this.placer === null) return this.writer.finish(this.total);
    const end = this.placer.finish(this.total);
    if (end !== this.out!.length) throw new Error(`hopcode/codec: internal error: the container is ${end} bytes, its buffer ${this.out!.length}`);
    return [];
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const j of this.split(chunk)) for (const page of this.frame(this.runScratch(j))) out.push(page);
    return out;
  }

  private scratch = new Uint8Array(0);

  /** run() into a buffer reused group after group (framing copies it at once): no 1 MB allocation per group. */
  private runScratch(job: EncodeJob): Uint8Array {
    const { blocks, code } = this.engine;
    const bytes = groupByteLength(Math.ceil(job.bytes.length / blocks.payloadBytes), code.n);
    if (this.scratch.length < bytes) this.scratch = new Uint8Array(bytes);
    const dst = this.scratch.subarray(0, bytes);
    encodeGroupInto(this.engine, job.bytes, 0, job.bytes.length, job.first, this.crcSeed, dst);
    return dst;
  }

  finish(): Uint8Array[] {
    return [...this.finishJobs().flatMap((j) => this.frame(this.run(j))), ...this.trailer()];
  }
}
