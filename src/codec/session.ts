/**
 * hopcode/codec/session — incremental container encoding and decoding.
 *
 * Both the buffer API and the Node streams drive these: bytes go in as they come, and
 * whole groups (interleave depth D blocks) come out, so memory stays at a few groups
 * whatever the file size. A container written without a known length (a stream) keeps
 * the length in a trailer; its decoder holds back the trailer's bytes until the end.
 */
import { groupByteLength, packGroup, slabCount, unpackGroup } from './interleave.js';
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

/** Encode one group of ⌈len / P⌉ blocks from src[off, off + len). */
function encodeGroup(engine: Engine, src: Uint8Array, off: number, len: number, first: number): Uint8Array {
  const { blocks, code } = engine;
  const p = blocks.payloadBytes;
  const l = Math.ceil(len / p);
  const slabs = Array.from({ length: slabCount(l) }, () => new Uint32Array(code.n));
  for (let s = 0; s < slabs.length; s++) {
    blocks.encodeSlab(src, off + 32 * s * p, off + len, first + 32 * s, Math.min(32, l - 32 * s), slabs[s]!);
  }
  const out = new Uint8Array(groupByteLength(l, code.n));
  packGroup(slabs, l, code.n, out, 0);
  return out;
}

export class EncoderSession {
  private pending: Uint8Array = new Uint8Array(0);
  private nextBlock = 0;
  private total = 0;
  private readonly groupPayload: number;

  constructor(
    private readonly engine: Engine,
    private readonly interleave: number,
    private readonly length: number | null,
  ) {
    this.groupPayload = interleave * engine.blocks.payloadBytes;
  }

  header(): Uint8Array {
    const { key, hHash } = this.engine;
    return writeHeader({ version: FORMAT_VERSION, preset: key.preset, n: key.n, seed: key.seed, interleave: this.interleave, hHash, payloadLength: this.length });
  }

  /** Encoded groups for the bytes so far (whole groups only). */
  push(chunk: Uint8Array): Uint8Array[] {
    this.total += chunk.length;
    if (this.length !== null && this.total > this.length) throw new CodecError('BAD_OPTIONS', `more input than the declared length ${this.length}`);
    const data = concat(this.pending, chunk);
    const out: Uint8Array[] = [];
    let off = 0;
    for (; data.length - off >= this.groupPayload; off += this.groupPayload) {
      out.push(encodeGroup(this.engine, data, off, this.groupPayload, this.nextBlock));
      this.nextBlock += this.interleave;
    }
    this.pending = data.slice(off);
    return out;
  }

  /** The last (short) group, and the trailer when the length was not declared. */
  finish(): Uint8Array[] {
    if (this.length !== null && this.total !== this.length) throw new CodecError('BAD_OPTIONS', `declared length ${this.length} but got ${this.total} bytes`);
    const out: Uint8Array[] = [];
    if (this.pending.length > 0) out.push(encodeGroup(this.engine, this.pending, 0, this.pending.length, this.nextBlock));
    this.pending = new Uint8Array(0);
    if (this.length === null) out.push(writeTrailer(this.total));
    return out;
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
  private engine: Engine | null = null;
  private interleave = 0;
  private length: number | null = null;
  private groupsLeft = 0;
  private lastBlocks = 0;
  private nextBlock = 0;
  private firstError: CodecError | null = null;

  constructor(private readonly opts: DecoderSessionOptions) {}

  push(chunk: Uint8Array): Uint8Array[] {
    this.pending = concat(this.pending, chunk);
    const out: Uint8Array[] = [];
    if (!this.engine) {
      if (this.pending.length < HEADER_BYTES) return out;
      this.start();
    }
    const e = this.engine!;
    const full = groupByteLength(this.interleave, e.code.n);
    let off = 0;
    for (;;) {
      if (this.length !== null) {
        if (this.groupsLeft === 0) break;
        const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
        const size = groupByteLength(l, e.code.n);
        if (this.pending.length - off < size) break;
        out.push(this.decodeGroup(off, size, l, this.dataBytes(l)));
        off += size;
        this.groupsLeft--;
      } else {
        if (this.pending.length - off < full + TRAILER_BYTES + 1) break;
        out.push(this.decodeGroup(off, full, this.interleave, this.interleave * e.blocks.payloadBytes));
        off += full;
      }
    }
    this.pending = this.pending.slice(off);
    return out;
  }

  finish(): Uint8Array[] {
    if (!this.engine) {
      readHeader(this.pending); // throws BAD_MAGIC / TRUNCATED
      this.start();
      return this.finish();
    }
    const out: Uint8Array[] = [];
    const e = this.engine;
    const p = e.blocks.payloadBytes;
    let truncated = false;
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
      if (l > 0) out.push(this.decodeGroup(0, rest, l, len - this.nextBlock * p));
    } else {
      const total = Math.ceil(this.length / p);
      this.report.blocksTotal = total;
      while (this.groupsLeft > 0) {
        truncated = true;
        const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
        if (this.pending.length > 0) {
          out.push(this.decodeGroup(0, this.pending.length, l, this.dataBytes(l)));
          this.pending = new Uint8Array(0);
        } else {
          for (let j = 0; j < l; j++) this.fail(this.nextBlock + j, 'missing');
          this.nextBlock += l;
          if (this.opts.partial) out.push(new Uint8Array(this.dataBytes(l, this.nextBlock - l)));
        }
        this.groupsLeft--;
      }
    }
    this.report.blocksTotal = this.nextBlock;
    if (this.report.blocksFailed > 0 && !this.opts.partial) {
      const b = this.report.badRanges[0]!;
      const msg = truncated ? `the container is truncated: ${this.report.blocksFailed} of ${this.report.blocksTotal} blocks lost, first block ${b.block} (bytes [${b.start}, ${b.end}))` : `${this.report.blocksFailed} of ${this.report.blocksTotal} blocks could not be recovered; first: block ${b.block}, bytes [${b.start}, ${b.end}) (${b.reason})`;
      throw new CodecError(truncated ? 'TRUNCATED' : 'BLOCK_FAILED', msg, { block: b.block, byteRange: [b.start, b.end], report: this.report });
    }
    return out;
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
    this.engine = engine;
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
    const p = this.engine!.blocks.payloadBytes;
    return Math.max(0, Math.min(l * p, (this.length ?? Infinity) - first * p));
  }

  private fail(block: number, reason: 'no-convergence' | 'crc' | 'missing'): void {
    const p = this.engine!.blocks.payloadBytes;
    const r = this.report;
    r.blocksFailed++;
    if (reason === 'crc') r.blocksFailedCrc++;
    const start = block * p;
    const end = this.length === null ? start + p : Math.min(start + p, this.length);
    if (r.badRanges.length < MAX_LISTED_RANGES) r.badRanges.push({ block, start, end, reason });
    if (!this.firstError) this.firstError = new CodecError('BLOCK_FAILED', `block ${block} (bytes [${start}, ${end})) could not be recovered: ${reason === 'crc' ? 'it reached a stored state whose CRC-32C does not match' : 'the dynamics did not reach a stored state'}`, { block, byteRange: [start, end], report: r });
  }

  private decodeGroup(off: number, avail: number, l: number, dataLen: number): Uint8Array {
    const e = this.engine!;
    const n = e.code.n;
    const p = e.blocks.payloadBytes;
    const slabs = Array.from({ length: slabCount(l) }, () => new Uint32Array(n));
    unpackGroup(this.pending, off, avail, l, n, slabs);
    const out = new Uint8Array(dataLen);
    for (let s = 0; s < slabs.length; s++) {
      const lanes = Math.min(32, l - 32 * s);
      const first = this.nextBlock + 32 * s;
      const r = e.blocks.decodeSlab(slabs[s]!, lanes, first, out, 32 * s * p, dataLen);
      for (let j = 0; j < lanes; j++) {
        const st = r.status[j]!;
        if (st === LaneStatus.Corrected) {
          this.report.blocksCorrected++;
          this.report.bitsCorrected += r.bitsCorrected[j]!;
        } else if (st !== LaneStatus.Clean) this.fail(first + j, st === LaneStatus.BadCrc ? 'crc' : 'no-convergence');
      }
    }
    this.nextBlock += l;
    this.report.blocksTotal = this.nextBlock;
    if (this.firstError && this.opts.failFast && !this.opts.partial) throw this.firstError;
    return out;
  }
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}
