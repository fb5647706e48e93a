/**
 * hopcode/codec/groups — one interleave group, bytes in, bytes out: the unit of work.
 *
 * Groups are independent (each block's CRC binds its file id and its own index; `seed`
 * is the CRC-32C state of the file id, 0 for format 1), so the session can
 * run them on the calling thread or hand them to the worker pool (codec-worker.ts)
 * and fold the results in file order: the bytes and the report are the same either way.
 */
import type { Engine } from './engine.js';
import { groupByteLength, slabCount, wordsToGroup } from './interleave.js';

export interface GroupDecodeResult {
  /** The group's payload bytes (zero-filled where a block failed). */
  data: Uint8Array;
  /** LaneStatus per block of the group. */
  status: Uint8Array;
  /** Bits flipped by the dynamics per accepted block. */
  bitsCorrected: Uint32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * encodeGroup into dst (groupByteLength(l, N) bytes). Whole slabs into a 4-byte-aligned dst
 * are encoded in place, dst being the group words (the pool's shared output, issue 12).
 */
export function encodeGroupInto(engine: Engine, src: Uint8Array, off: number, len: number, first: number, seed: number, dst: Uint8Array): void {
  const { blocks, code } = engine;
  const l = Math.ceil(len / blocks.payloadBytes);
  const w = slabCount(l);
  if (l % 32 === 0 && LITTLE_ENDIAN && (dst.byteOffset & 3) === 0 && dst.length >= code.n * w * 4) {
    blocks.encodeGroupWords(src, off, off + len, first, l, new Int32Array(dst.buffer, dst.byteOffset, code.n * w), w, seed);
    return;
  }
  // A short group (the last of a file): packed by the encoder's kernel (BlockCodec.encodeGroupBytes).
  // Through encodeGroup's words and wordsToGroup it ran at 42 MB/s against 334 for a whole group
  // (1 846 against 2 048 blocks, default profile: 39 against 5.5 ms), the tail of every pooled encode.
  blocks.encodeGroupBytes(src, off, off + len, first, l, dst, 0, seed);
}

/** decodeGroup with the payload written to `data` (dataLen bytes) instead of a new array. */
export function decodeGroupInto(engine: Engine, src: Uint8Array, off: number, avail: number, l: number, first: number, seed: number, data: Uint8Array): Omit<GroupDecodeResult, 'data'> {
  const g = engine.blocks.groupWords(src, off, avail, l);
  const r = engine.blocks.decodeGroupWords(g, slabCount(l), l, first, data, 0, data.length, seed);
  return { status: r.status, bitsCorrected: r.bitsCorrected };
}

/** Encode the ⌈len / P⌉ blocks of src[off, off + len), first block index `first`, into group bytes. */
export function encodeGroup(engine: Engine, src: Uint8Array, off: number, len: number, first: number, seed: number): Uint8Array {
  const { blocks, code } = engine;
  const l = Math.ceil(len / blocks.payloadBytes);
  const w = slabCount(l);
  if (l % 32 !== 0) {
    const out = new Uint8Array(groupByteLength(l, code.n));
    blocks.encodeGroupBytes(src, off, off + len, first, l, out, 0, seed);
    return out;
  }
  const g = new Int32Array(code.n * w);
  blocks.encodeGroupWords(src, off, off + len, first, l, g, w, seed);
  return wordsToGroup(g, l, code.n);
}

/** Decode a group of l blocks from src[off, off + avail) (missing bytes read as 0) into dataLen payload bytes. */
export function decodeGroup(engine: Engine, src: Uint8Array, off: number, avail: number, l: number, first: number, dataLen: number, seed: number): GroupDecodeResult {
  const g = engine.blocks.groupWords(src, off, avail, l); // read only: a view when aligned (S keeps groups aligned)
  const data = new Uint8Array(dataLen);
  const r = engine.blocks.decodeGroupWords(g, slabCount(l), l, first, data, 0, dataLen, seed);
  return { data, status: r.status, bitsCorrected: r.bitsCorrected };
}
