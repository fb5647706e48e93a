/**
 * hopcode/codec/session-v1 — incremental decoding of format-version-1 containers.
 *
 * Version 1 (container-v1.ts): 5 header copies in bytes 0 … 239, then the groups back to
 * back, and for a stream a 5-fold trailer with the length. Blocks carry CRC-32C(payload ‖
 * index) with no file id (CRC state 0). This build only reads it; session.ts chooses it
 * from the first bytes and adds a notice that the format lacks the format-2 protections.
 */
import { groupByteLength } from './interleave.js';
import { readHeader, readTrailer, TRAILER_BYTES, HEADER_BYTES } from './container-v1.js';
import { engineFor, type Engine } from './engine.js';
import { CodecError } from './errors.js';
import { ByteQueue } from './byte-queue.js';
import { FoldingSession, type DecodeJob } from './fold.js';

export class V1DecoderSession extends FoldingSession {
  private readonly q = new ByteQueue();
  /** Absolute offset of the next group's first byte. */
  private at = HEADER_BYTES;
  private interleave = 0;
  private groupsLeft = 0;
  private lastBlocks = 0;
  private nextBlock = 0;

  /** The whole groups completed by this chunk. */
  split(chunk: Uint8Array): DecodeJob[] {
    this.q.append(chunk);
    const jobs: DecodeJob[] = [];
    if (!this.eng) {
      if (this.q.limit < HEADER_BYTES) return jobs;
      this.start();
    }
    const e = this.eng!;
    const full = groupByteLength(this.interleave, e.code.n);
    for (;;) {
      if (this.length !== null) {
        if (this.groupsLeft === 0) break;
        const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
        const size = groupByteLength(l, e.code.n);
        if (this.q.limit - this.at < size) break;
        jobs.push(this.job(size, l, this.dataBytes(l)));
        this.groupsLeft--;
      } else {
        if (this.q.limit - this.at < full + TRAILER_BYTES + 1) break;
        jobs.push(this.job(full, this.interleave, this.interleave * e.blocks.payloadBytes));
      }
    }
    this.q.drop(this.at);
    return jobs;
  }

  /** The groups left at the end of the input (short, truncated or missing ones). */
  finishJobs(): DecodeJob[] {
    if (!this.eng) {
      readHeader(this.q.view(0, this.q.limit)); // throws BAD_MAGIC / TRUNCATED
      this.start();
      return this.finishJobs();
    }
    const jobs: DecodeJob[] = [];
    const e = this.eng;
    const p = e.blocks.payloadBytes;
    const rest = this.q.limit - this.at;
    if (this.length === null) {
      if (rest < TRAILER_BYTES) throw new CodecError('TRUNCATED', `the container ends before its trailer (${rest} of ${TRAILER_BYTES} bytes left)`);
      const len = readTrailer(this.q.view(this.q.limit - TRAILER_BYTES, this.q.limit));
      const body = rest - TRAILER_BYTES;
      const l = Math.ceil(len / p) - this.nextBlock;
      if (l < 0 || l > this.interleave || groupByteLength(l, e.code.n) !== body) {
        throw new CodecError('BAD_HEADER', `the trailer's payload length ${len} does not match the ${this.nextBlock} blocks and ${body} bytes that precede it`);
      }
      this.length = len;
      this.report.payloadLength = len;
      if (l > 0) jobs.push(this.job(body, l, len - this.nextBlock * p));
      return jobs;
    }
    if (this.groupsLeft > 0) {
      const l = this.groupsLeft === 1 ? this.lastBlocks : this.interleave;
      if (rest > 0) {
        jobs.push({ ...this.job(rest, l, this.dataBytes(l)), lost: true });
        this.groupsLeft--;
        this.report.truncated = true;
      }
      const blocks = Math.ceil(this.length / p) - this.nextBlock;
      if (blocks > 0) jobs.push({ bytes: null, l: blocks, first: this.nextBlock, dataLen: 0 });
      this.groupsLeft = 0;
    } else if (rest > 0) {
      this.report.trailingBytes = rest;
      this.report.notices.push(`${rest} bytes after the end of the container were ignored (appended data, or a second container)`);
    }
    return jobs;
  }

  private job(size: number, l: number, dataLen: number): DecodeJob {
    const j = { bytes: this.q.view(this.at, this.at + size).slice(), l, first: this.nextBlock, dataLen };
    this.at += size;
    this.nextBlock += l;
    return j;
  }

  private start(): void {
    const { header, damagedCopies } = readHeader(this.q.view(0, HEADER_BYTES));
    this.report.headerCopiesDamaged = damagedCopies;
    if (header.interleave < 32 || header.interleave > 32 * 1024) throw new CodecError('BAD_HEADER', `interleave depth ${header.interleave} is out of range`);
    let engine: Engine;
    try {
      engine = engineFor({ preset: header.preset, n: header.n, seed: header.seed, ...this.opts.key });
    } catch (e) {
      throw new CodecError('BAD_HEADER', `the header names a network this build cannot make: ${(e as Error).message}`);
    }
    if (engine.hHash !== header.hHash) {
      throw new CodecError('NETWORK_MISMATCH', `the network rebuilt from the header (${header.preset}, N = ${header.n}, seed ${header.seed}) has a different parity-check hash: refusing to decode with a different network`);
    }
    this.eng = engine;
    this.crcSeed = 0;
    this.interleave = header.interleave;
    this.length = header.payloadLength;
    if (this.length !== null) {
      const b = Math.ceil(this.length / engine.blocks.payloadBytes);
      this.groupsLeft = Math.ceil(b / this.interleave);
      this.lastBlocks = b - (this.groupsLeft - 1) * this.interleave;
      this.report.payloadLength = this.length;
    }
  }

  /** Payload bytes held by the l blocks starting at the next block (clipped to the length). */
  private dataBytes(l: number): number {
    const p = this.eng!.blocks.payloadBytes;
    return Math.max(0, Math.min(l * p, (this.length ?? Infinity) - this.nextBlock * p));
  }
}
