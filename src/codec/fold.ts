/**
 * hopcode/codec/fold — what both container formats' decoders share: the job shape, and
 * folding group results into the report in file order (every failed block recorded,
 * merged into runs; the error message names the first ranges and their reasons).
 */
import { decodeGroup, decodeGroupInto, type GroupDecodeResult } from './groups.js';
import type { Engine, EngineKey } from './engine.js';
import { CodecError } from './errors.js';
import { LaneStatus } from './block-codec.js';
import { addFailure, emptyReport, type BadRange, type DecodeReport } from './report.js';
import type { PayloadOutput } from './payload-output.js';
import type { SharedFreeList } from './shared-bytes.js';
import { gatherSegments, type Segments } from './segment-queue.js';

/** One group to decode: its bytes (null: absent), block count, first block, payload length, whether bytes of it were lost. */
export interface DecodeJob {
  bytes: Uint8Array | null;
  l: number;
  first: number;
  dataLen: number;
  lost?: boolean;
  /** Where the payload goes (dataLen bytes: a slice of the decode's output, codec.ts), else a new array. */
  dest?: Uint8Array;
  /** The group's bytes as pieces of a shared input instead of `bytes` (empty then): segment-queue.ts. */
  segments?: Segments;
}

export interface DecoderSessionOptions {
  /** Return good data with the bad ranges zero-filled and listed, instead of throwing. */
  partial: boolean;
  /** Throw at the first failed group (streams) instead of after the last (buffers). */
  failFast: boolean;
  /** Options of the codec doing the decoding: its sweep cap and decoder are used. */
  key: Pick<EngineKey, 'maxSweeps' | 'decoder'>;
  /** The first push is the whole input (buffer API): the header may also be taken from the tail copies. */
  whole?: boolean;
  /** The input's last bytes, when known (a file): header copies from the tail for a stream. */
  tail?: Uint8Array;
  /** Where the payload is assembled in place (format 2, whole input, known length: jobs get `dest` slots of it). */
  output?: PayloadOutput;
  /** Keep S on SharedArrayBuffers never overwritten, from this free list (shared-queue.ts): the pool sends jobs' bytes without a copy. */
  shared?: SharedFreeList;
}

/** What the pool and the streams need from a decoder of either format. */
export interface DecodeSession {
  readonly report: DecodeReport;
  readonly engine: Engine | null;
  readonly crcSeed: number;
  split(chunk: Uint8Array): DecodeJob[];
  /** split, each job yielded as soon as its group is in (valid until the next step; the pool copies or holds them then); optional. */
  splitJobs?(chunk: Uint8Array): Iterable<DecodeJob>;
  finishJobs(): DecodeJob[];
  run(job: DecodeJob): GroupDecodeResult | null;
  fold(job: DecodeJob, r: GroupDecodeResult | null): Uint8Array;
  end(): void;
  /** The job's bytes are no longer read (after its fold): shared S buffers are reused (shared-queue.ts); optional. */
  release?(job: DecodeJob): void;
}

/** Folding results into the report, shared by both formats. */
export abstract class FoldingSession {
  readonly report: DecodeReport = emptyReport();
  protected eng: Engine | null = null;
  protected length: number | null = null;
  crcSeed = 0;
  protected firstError: CodecError | null = null;

  constructor(protected readonly opts: DecoderSessionOptions) {}

  get engine(): Engine | null {
    return this.eng;
  }

  run(job: DecodeJob): GroupDecodeResult | null {
    if (job.bytes === null) return null;
    if (job.segments) {
      // Into the clean-check kernel's staging area when the group fills it (BlockCodec.groupStage:
      // the kernel then reads it in place), else into this session's reused buffer.
      const n = job.segments.length;
      const stage = this.eng!.blocks.groupStage(job.l);
      const b = stage !== null && stage.length === n ? stage : this.gatherBuffer(n);
      gatherSegments(job.segments, b);
      return this.run({ ...job, bytes: b, segments: undefined });
    }
    const d = job.dest;
    if (d === undefined) return decodeGroup(this.eng!, job.bytes, 0, job.bytes.length, job.l, job.first, job.dataLen, this.crcSeed);
    return { data: d, ...decodeGroupInto(this.eng!, job.bytes, 0, job.bytes.length, job.l, job.first, this.crcSeed, d) };
  }

  private gathered = new Uint8Array(0);
  /** A buffer of n bytes for a group's gathered pieces (valid until the next run). */
  private gatherBuffer(n: number): Uint8Array {
    if (this.gathered.length < n) this.gathered = new Uint8Array(n);
    return this.gathered.subarray(0, n);
  }

  /** Fold a job's result into the report, in file order; returns the bytes to emit. */
  fold(job: DecodeJob, r: GroupDecodeResult | null): Uint8Array {
    const p = this.eng!.blocks.payloadBytes;
    if (r === null) {
      // Absent from the input: one O(1) range, nothing emitted (the output just ends here).
      addFailure(this.report, job.first, job.l, p, this.length, 'missing');
      this.report.truncated = true;
      this.report.blocksTotal = job.first + job.l;
      this.note(job.first);
      return new Uint8Array(0);
    }
    for (let j = 0; j < job.l; j++) {
      const st = r.status[j]!;
      if (st === LaneStatus.Corrected) {
        this.report.blocksCorrected++;
        this.report.bitsCorrected += r.bitsCorrected[j]!;
      } else if (st !== LaneStatus.Clean) {
        addFailure(this.report, job.first + j, 1, p, this.length, job.lost ? 'missing' : st === LaneStatus.BadCrc ? 'crc' : 'no-convergence');
        this.note(job.first + j);
      }
    }
    this.report.blocksTotal = job.first + job.l;
    if (this.firstError && this.opts.failFast && !this.opts.partial) throw this.error();
    return r.data;
  }

  /** After the last fold: throws when a block was lost (unless partial). */
  end(): void {
    if (this.report.blocksFailed > 0 && !this.opts.partial) throw this.error();
  }

  private note(block: number): void {
    if (!this.firstError) this.firstError = new CodecError('BLOCK_FAILED', `block ${block} failed`, { block });
  }

  private error(): CodecError {
    return failureError(this.report);
  }
}

/** The CodecError for a decode that lost blocks: TRUNCATED when every lost block is missing, else BLOCK_FAILED; names the first ranges. */
export function failureError(r: DecodeReport): CodecError {
  const b = r.badRanges[0]!;
  const list = r.badRanges.slice(0, 3).map(rangeText).join('; ') + (r.badRanges.length > 3 ? `; … ${r.badRanges.length - 3} more ranges` : '');
  const truncated = r.badRanges.every((x) => x.reason === 'missing');
  const msg = truncated
    ? `the container is truncated or lost pages: ${r.blocksFailed} of ${r.blocksTotal} blocks missing: ${list}`
    : `${r.blocksFailed} of ${r.blocksTotal} blocks could not be recovered: ${list}`;
  return new CodecError(truncated ? 'TRUNCATED' : 'BLOCK_FAILED', msg, { block: b.block, byteRange: [b.start, b.end], report: r });
}

function rangeText(b: BadRange): string {
  const what = b.blocks === 1 ? `block ${b.block}` : `blocks ${b.block} … ${b.block + b.blocks - 1}`;
  const why =
    b.reason === 'crc'
      ? 'reached stored states whose CRC-32C does not match (wrong stored states, or blocks from another container or an older version of this file)'
      : b.reason === 'missing'
        ? 'bytes missing (truncated input or lost pages)'
        : 'the dynamics did not reach a stored state';
  return `${what} (bytes [${b.start}, ${b.end})): ${why}`;
}

