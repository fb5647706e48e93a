/**
 * hopcode/codec/session — incremental container encoding and decoding.
 *
 * Both the buffer API and the Node streams drive these: bytes go in as they come, and
 * whole groups (interleave depth D blocks) come out, so memory stays at a few groups
 * whatever the file size. A container written without a known length (a stream) keeps
 * the length in a trailer; its decoder holds back the trailer's bytes until the end.
 */
import { groupByteLength } from './interleave.js';
import { decodeGroup, encodeGroup, type GroupDecodeResult } from './groups.js';
import { FORMAT_VERSION, readHeader, readTrailer, TRAILER_BYTES, writeHeader, writeTrailer, HEADER_BYTES } from './container.js';
import { engineFor, type Engine, type EngineKey } from './engine.js';
import { CodecError } from './errors.js';
import { LaneStatus } from './block-codec.js';
import { emptyReport, MAX_LISTED_RANGES, type DecodeReport } from './report.js';

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** One group to encode: its payload bytes and the index of its first block. */
export interface EncodeJob {
  bytes: Uint8Array;
  first: number;
}

/** One group to decode: its bytes (null: missing from a truncated file), block count, first block, payload length. */
export interface DecodeJob {
  bytes: Uint8Array | null;
  l: number;
  first: number;
  dataLen: number;
}

export class EncoderSession {
  private pending: Uint8Array = new Uint8Array(0);
  private nextBlock = 0;
  private total = 0;
  private readonly groupPayload: number;

  constructor(
    readonly engine: Engine,
    private readonly interleave: number,
    private readonly length: number | null,
  ) {
    this.groupPayload = interleave * engine.blocks.payloadBytes;
  }

  header(): Uint8Array {
    const { key, hHash } = this.engine;
    return writeHeader({ version: FORMAT_VERSION, preset: key.preset, n: key.n, seed: key.seed, interleave: this.interleave, hHash, payloadLength: this.length });
  }

  /** The whole groups completed by this chunk (views into the chunk where possible). */
  split(chunk: Uint8Array): EncodeJob[] {
    this.total += chunk.length;
    if (this.length !== null && this.total > this.length) throw new CodecError('BAD_OPTIONS', `more input than the declared length ${this.length}`);
    const data = concat(this.pending, chunk);
    const jobs: EncodeJob[] = [];
    let off = 0;
    for (; data.length - off >= this.groupPayload; off += this.groupPayload) {
      jobs.push({ bytes: data.subarray(off, off + this.groupPayload), first: this.nextBlock });
      this.nextBlock += this.interleave;
    }
    this.pending = data.slice(off);
    return jobs;
  }

  /** The last (short) group, if any. */
  finishJobs(): EncodeJob[] {
    if (this.length !== null && this.total !== this.length) throw new CodecError('BAD_OPTIONS', `declared length ${this.length} but got ${this.total} bytes`);
    const jobs = this.pending.length > 0 ? [{ bytes: this.pending, first: this.nextBlock }] : [];
    this.pending = new Uint8Array(0);
    return jobs;
  }

  /** The trailer (only when the length was not declared). */
  trailer(): Uint8Array[] {
    return this.length === null ? [writeTrailer(this.total)] : [];
  }

  /** Run a job on this thread. */
  run(job: EncodeJob): Uint8Array {
    return encodeGroup(this.engine, job.bytes, 0, job.bytes.length, job.first);
  }

  /** Encoded groups for the bytes so far (whole groups only), on this thread. */
  push(chunk: Uint8Array): Uint8Array[] {
    return this.split(chunk).map((j) => this.run(j));
  }

  /** The last (short) group, and the trailer when the length was not declared. */
  finish(): Uint8Array[] {
    return [...this.finishJobs().map((j) => this.run(j)), ...this.trailer()];
  }
}

export interface DecoderSessionOptions {
  /** Return good data with the bad ranges zero-filled and listed, instead of throwing. */
  partial: boolean;
  /** Throw at the first failed group (streams) instead of after the last (buffers). */
  failFast: boolean;
  /** Options of the codec doing the decoding: its sweep cap and decoder are used. */
  key: Pick<EngineKey, 'maxSweeps' | 'decoder'>;
}

export class DecoderSession {
  readonly report: DecodeReport = emptyReport();
  private pending: Uint8Array = new Uint8Array(0);
  private eng: Engine | null = null;
  private interleave = 0;
  private length: number | null = null;
  private groupsLeft = 0;
  private lastBlocks = 0;
  private nextBlock = 0;
  private truncated = false;
  private firstError: CodecError | null = null;

  constructor(private readonly opts: DecoderSessionOptions) {}

  /** The network named by the header (null until the header has been read). */
  get engine(): Engine | null {
    return this.eng;
  }

  /** The whole groups completed by this chunk. */
  split(chunk: Uint8Array): DecodeJob[] {
    this.pending = concat(this.pending, chunk);
    const jobs: DecodeJob[] = [];
    if (!this.eng) {
      if (this.pending.length < HEADER_BYTES) return jobs;
      this.start();
    }
    const e = this.eng!;
    const full = groupByteLength(this.interleave, e.code.n);
    let off = 0;
    for (;;) {
      if (this.length !== null) {
        if (this.groupsLeft === 0) break;
        const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
        const size = groupByteLength(l, e.code.n);
        if (this.pending.length - off < size) break;
        jobs.push(this.job(this.pending.subarray(off, off + size), l, this.dataBytes(l)));
        off += size;
        this.groupsLeft--;
      } else {
        if (this.pending.length - off < full + TRAILER_BYTES + 1) break;
        jobs.push(this.job(this.pending.subarray(off, off + full), this.interleave, this.interleave * e.blocks.payloadBytes));
        off += full;
      }
    }
    this.pending = this.pending.slice(off);
    return jobs;
  }

  /** The groups left at the end of the input (short, truncated or missing ones). */
  finishJobs(): DecodeJob[] {
    if (!this.eng) {
      readHeader(this.pending); // throws BAD_MAGIC / TRUNCATED
      this.start();
      return this.finishJobs();
    }
    const jobs: DecodeJob[] = [];
    const e = this.eng;
    const p = e.blocks.payloadBytes;
    if (this.length === null) {
      if (this.pending.length < TRAILER_BYTES) throw new CodecError('TRUNCATED', `the container ends before its trailer (${this.pending.length} of ${TRAILER_BYTES} bytes left)`);
      const len = readTrailer(this.pending.subarray(this.pending.length - TRAILER_BYTES));
      const rest = this.pending.length - TRAILER_BYTES;
      const l = Math.ceil(len / p) - this.nextBlock;
      if (l < 0 || l > this.interleave || groupByteLength(l, e.code.n) !== rest) {
        throw new CodecError('BAD_HEADER', `the trailer's payload length ${len} does not match the ${this.nextBlock} blocks and ${rest} bytes that precede it`);
      }
      this.length = len;
      this.report.payloadLength = len;
      if (l > 0) jobs.push(this.job(this.pending.subarray(0, rest), l, len - this.nextBlock * p));
    } else {
      while (this.groupsLeft > 0) {
        this.truncated = true;
        const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
        jobs.push(this.job(this.pending.length > 0 ? this.pending : null, l, this.dataBytes(l)));
        this.pending = new Uint8Array(0);
        this.groupsLeft--;
      }
    }
    this.pending = new Uint8Array(0);
    return jobs;
  }

  /** Decode a job on this thread. */
  run(job: DecodeJob): GroupDecodeResult | null {
    return job.bytes === null ? null : decodeGroup(this.eng!, job.bytes, 0, job.bytes.length, job.l, job.first, job.dataLen);
  }

  /**
   * Fold a job's result into the report, in file order; returns the bytes to emit.
   * Throws the first block failure at once in fail-fast mode (streams).
   */
  fold(job: DecodeJob, r: GroupDecodeResult | null): Uint8Array {
    let out: Uint8Array;
    if (r === null) {
      for (let j = 0; j < job.l; j++) this.fail(job.first + j, 'missing');
      out = this.opts.partial ? new Uint8Array(job.dataLen) : new Uint8Array(0);
    } else {
      for (let j = 0; j < job.l; j++) {
        const st = r.status[j]!;
        if (st === LaneStatus.Corrected) {
          this.report.blocksCorrected++;
          this.report.bitsCorrected += r.bitsCorrected[j]!;
        } else if (st !== LaneStatus.Clean) this.fail(job.first + j, st === LaneStatus.BadCrc ? 'crc' : 'no-convergence');
      }
      out = r.data;
    }
    this.report.blocksTotal = job.first + job.l;
    if (r !== null && this.firstError && this.opts.failFast && !this.opts.partial) throw this.firstError;
    return out;
  }

  /** After the last fold: throws when a block was lost (unless partial). */
  end(): void {
    if (this.report.blocksFailed > 0 && !this.opts.partial) {
      const b = this.report.badRanges[0]!;
      const msg = this.truncated ? `the container is truncated: ${this.report.blocksFailed} of ${this.report.blocksTotal} blocks lost, first block ${b.block} (bytes [${b.start}, ${b.end}))` : `${this.report.blocksFailed} of ${this.report.blocksTotal} blocks could not be recovered; first: block ${b.block}, bytes [${b.start}, ${b.end}) (${b.reason})`;
      throw new CodecError(this.truncated ? 'TRUNCATED' : 'BLOCK_FAILED', msg, { block: b.block, byteRange: [b.start, b.end], report: this.report });
    }
  }

  push(chunk: Uint8Array): Uint8Array[] {
    return this.split(chunk).map((j) => this.fold(j, this.run(j)));
  }

  finish(): Uint8Array[] {
    const out = this.finishJobs().map((j) => this.fold(j, this.run(j)));
    this.end();
    return out;
  }

  private job(bytes: Uint8Array | null, l: number, dataLen: number): DecodeJob {
    const j = { bytes, l, first: this.nextBlock, dataLen };
    this.nextBlock += l;
    return j;
  }

  private start(): void {
    const { header, damagedCopies } = readHeader(this.pending);
    this.report.headerCopiesDamaged = damagedCopies;
    if (header.interleave < 32 || header.interleave > 32 * 1024) throw new CodecError('BAD_HEADER', `interleave depth ${header.interleave} is out of range`);
    let engine: Engine;
    try {
      engine = engineFor({ preset: header.preset, n: header.n, seed: header.seed, ...this.opts.key });
    } catch (e) {
      throw new CodecError('BAD_HEADER', `the header names a network this build cannot make: ${(e as Error).message}`);
    }
    if (engine.hHash !== header.hHash) {
      throw new CodecError('NETWORK_MISMATCH', `the network rebuilt from the header (${header.preset}, N = ${header.n}, seed ${header.seed}) has parity-check hash ${hex(engine.hHash)}, the container was written with ${hex(header.hHash)}: refusing to decode with a different network`);
    }
    this.eng = engine;
    this.interleave = header.interleave;
    this.length = header.payloadLength;
    if (this.length !== null) {
      const b = Math.ceil(this.length / engine.blocks.payloadBytes);
      this.groupsLeft = Math.ceil(b / this.interleave);
      this.lastBlocks = b - (this.groupsLeft - 1) * this.interleave;
      this.report.payloadLength = this.length;
    }
    this.pending = this.pending.slice(HEADER_BYTES);
  }

  /** Payload bytes held by the l blocks starting at `first` (clipped to the length). */
  private dataBytes(l: number, first = this.nextBlock): number {
    const p = this.eng!.blocks.payloadBytes;
    return Math.max(0, Math.min(l * p, (this.length ?? Infinity) - first * p));
  }

  private fail(block: number, reason: 'no-convergence' | 'crc' | 'missing'): void {
    const p = this.eng!.blocks.payloadBytes;
    const r = this.report;
    r.blocksFailed++;
    if (reason === 'crc') r.blocksFailedCrc++;
    const start = block * p;
    const end = this.length === null ? start + p : Math.min(start + p, this.length);
    if (r.badRanges.length < MAX_LISTED_RANGES) r.badRanges.push({ block, start, end, reason });
    if (!this.firstError) this.firstError = new CodecError('BLOCK_FAILED', `block ${block} (bytes [${start}, ${end})) could not be recovered: ${reason === 'crc' ? 'it reached a stored state whose CRC-32C does not match' : 'the dynamics did not reach a stored state'}`, { block, byteRange: [start, end], report: r });
  }
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}
