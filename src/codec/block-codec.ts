/**
 * hopcode/codec/block-codec — 32 blocks at a time: payload bytes ↔ stored states.
 *
 * A block is one stored state of the network (N bits) whose K information bits are,
 * in the order of the encoder's information positions:
 *   bits 0 … 31          CRC-32C of (payload ‖ block index as u64 LE), LSB first;
 *   bits 32 … 32 + 8P − 1 the P = ⌊(K − 32) / 8⌋ payload bytes, LSB first;
 *   the rest (< 8 bits)   zero.
 * Decoding a slab: the syndrome of H over all 32 lanes (one XOR per edge) finds the
 * blocks that are not stored states; only those run the network's dynamics (the
 * clean-data fast path). A block is accepted only when it is a stored state AND its
 * CRC and zero padding match: a decode that converged to the wrong stored state is
 * caught (missed with probability ~2^−32), and its bytes are never returned as good.
 */
import type { Code } from '../network/code.js';
import type { SparseGf2 } from '../codes/tanner-code.js';
import type { BlockDecoder } from './block-decoder.js';
import { FastEncoder } from './block-encoder.js';
import { crc32c, crc32cWord } from './crc32c.js';
import { popcount, transpose32 } from './lanes.js';

/** What happened to each lane of a decoded slab. */
export const enum LaneStatus {
  Clean = 0,
  Corrected = 1,
  NoConvergence = 2,
  BadCrc = 3,
}

export interface SlabResult {
  status: Uint8Array;
  /** Bits flipped by the dynamics in each accepted lane. */
  bitsCorrected: Uint32Array;
}

export class BlockCodec {
  readonly n: number;
  readonly k: number;
  /** Payload bytes per block P = ⌊(K − 32) / 8⌋. */
  readonly payloadBytes: number;
  private readonly tiles: number;
  private readonly encoder: FastEncoder;
  private readonly infoPositions: Int32Array;
  private readonly h: SparseGf2;
  private readonly info: Uint32Array;
  private readonly laneBytes: Uint8Array;
  private readonly laneWords: Uint32Array;
  private readonly tile = new Uint32Array(32);

  constructor(
    code: Code,
    private readonly decoder: BlockDecoder,
    encoder?: FastEncoder,
  ) {
    this.n = code.n;
    this.infoPositions = code.encoder.infoPositions;
    this.k = this.infoPositions.length;
    this.payloadBytes = Math.floor((this.k - 32) / 8);
    if (this.payloadBytes < 1) throw new Error(`hopcode/codec: ${code.name} at N = ${code.n} stores K = ${this.k} bits per block: at least 40 are needed (32 for the CRC)`);
    this.h = code.parityCheck;
    this.encoder = encoder ?? new FastEncoder(this.h, this.infoPositions);
    this.tiles = Math.ceil(this.k / 32);
    this.info = new Uint32Array(this.tiles * 32);
    this.laneWords = new Uint32Array(32 * this.tiles);
    this.laneBytes = new Uint8Array(this.laneWords.buffer);
  }

  /** The CRC a block carries: CRC-32C of its P payload bytes, then its index as u64 LE. */
  private blockCrc(bytes: Uint8Array, start: number, block: number): number {
    const c = crc32c(bytes, 0, start, start + this.payloadBytes);
    return crc32cWord(Math.floor(block / 4294967296) >>> 0, crc32cWord(block >>> 0, c));
  }

  /**
   * Encode up to 32 blocks into one slab: lane j carries src bytes
   * [off + j·P, off + (j+1)·P) clipped to [off, end) (zero-padded), block index first + j.
   */
  encodeSlab(src: Uint8Array, off: number, end: number, first: number, lanes: number, out: Uint32Array): Uint32Array {
    const { payloadBytes: p, tiles, laneBytes, laneWords, info, tile } = this;
    const stride = tiles * 4;
    laneBytes.fill(0);
    for (let j = 0; j < lanes; j++) {
      const s = off + j * p;
      const e = Math.min(s + p, end);
      if (e > s) laneBytes.set(src.subarray(s, e), j * stride + 4);
      laneWords[j * tiles] = this.blockCrc(laneBytes, j * stride + 4, first + j);
    }
    for (let t = 0; t < tiles; t++) {
      for (let j = 0; j < 32; j++) tile[j] = laneWords[j * tiles + t]!;
      transpose32(tile);
      info.set(tile, t * 32);
    }
    return this.encoder.encodeWords(info, out);
  }

  /** Lanes (within `mask`) whose state violates some row of H. */
  dirtyLanes(words: Uint32Array, mask: number): number {
    const { rowPtr, rowCol, rows } = this.h;
    let dirty = 0;
    for (let r = 0, e = 0; r < rows; r++) {
      let s = 0;
      for (const end = rowPtr[r + 1]!; e < end; e++) s ^= words[rowCol[e]!]!;
      dirty |= s;
      if ((dirty & mask) === mask) break;
    }
    return (dirty & mask) >>> 0;
  }

  /**
   * Decode a slab of `lanes` blocks (first index `first`); writes the accepted
   * payloads to dst [off + j·P, …) clipped to `end`, zeros for the rejected ones.
   */
  decodeSlab(words: Uint32Array, lanes: number, first: number, dst: Uint8Array, off: number, end: number): SlabResult {
    const { payloadBytes: p, tiles, laneBytes, laneWords, info, tile, infoPositions, k } = this;
    const mask = lanes >= 32 ? 0xffffffff : ((1 << lanes) - 1) >>> 0;
    const status = new Uint8Array(lanes);
    const bitsCorrected = new Uint32Array(lanes);
    const dirty = this.dirtyLanes(words, mask);
    let state = words;
    if (dirty !== 0) {
      const r = this.decoder.decodeWords(words, dirty);
      state = r.words;
      for (let v = 0; v < this.n; v++) {
        let d = (state[v]! ^ words[v]!) & dirty & r.ok;
        while (d !== 0) {
          const low = d & -d;
          bitsCorrected[31 - Math.clz32(low)]!++;
          d ^= low;
        }
      }
      for (let j = 0; j < lanes; j++) if ((dirty >>> j) & 1) status[j] = (r.ok >>> j) & 1 ? LaneStatus.Corrected : LaneStatus.NoConvergence;
    }
    for (let i = 0; i < k; i++) info[i] = state[infoPositions[i]!]!;
    for (let t = 0; t < tiles; t++) {
      tile.set(info.subarray(t * 32, t * 32 + 32));
      transpose32(tile);
      for (let j = 0; j < 32; j++) laneWords[j * tiles + t] = tile[j]!;
    }
    const stride = tiles * 4;
    for (let j = 0; j < lanes; j++) {
      const s = off + j * p;
      const e = Math.min(s + p, end);
      let good = status[j] !== LaneStatus.NoConvergence;
      if (good) {
        const base = j * stride;
        good = laneWords[j * tiles] === this.blockCrc(laneBytes, base + 4, first + j);
        for (let b = base + 4 + p; good && b < base + stride; b++) if (laneBytes[b] !== 0) good = false;
        if (!good) status[j] = LaneStatus.BadCrc;
      }
      if (e > s) {
        if (good) dst.set(laneBytes.subarray(j * stride + 4, j * stride + 4 + (e - s)), s);
        else dst.fill(0, s, e);
      }
      if (!good) bitsCorrected[j] = 0;
    }
    return { status, bitsCorrected };
  }
}

export { popcount };
