/**
 * hopcode/codec/interleave — how a group of blocks is laid out in the file.
 *
 * A group holds L ≤ D blocks (D, the interleave depth, is a multiple of 32; only the
 * last group of a file is shorter). Its L·N stored-state bits are written round-robin:
 *   file bit t of the group (LSB-first within bytes)  ↔  bit ⌊t / L⌋ of block t mod L,
 * packed into ⌈L·N / 8⌉ bytes. Consecutive file bits therefore belong to different
 * blocks: a burst of b flipped bits puts at most ⌈b / L⌉ errors in any one block, so
 * a 1000-bit burst costs each of 32 blocks ~32 errors (0.8 % of N = 4000, inside what
 * the network corrects) instead of destroying one block.
 * When L = 32·W the layout is exactly the bit-sliced one: little-endian word v·W + w
 * holds input v of blocks 32w … 32w + 31 (lane j = block 32w + j), so packing costs a
 * copy, not a transpose.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes taken by a group of `blocks` blocks of N bits. */
export function groupByteLength(blocks: number, n: number): number {
  return Math.ceil((blocks * n) / 8);
}

/** Slabs (N words each, lane j = block 32w + j) needed for `blocks` blocks. */
export function slabCount(blocks: number): number {
  return Math.ceil(blocks / 32);
}

/**
 * Read a group of `blocks` blocks from `src[off, off + avail)` into `slabs`
 * (⌈blocks/32⌉ arrays of N words). Bytes past `avail` (a truncated file) read as 0.
 */
export function unpackGroup(src: Uint8Array, off: number, avail: number, blocks: number, n: number, slabs: Uint32Array[]): void {
  const bytes = groupByteLength(blocks, n);
  const have = Math.max(0, Math.min(avail, bytes, src.length - off));
  const w = slabCount(blocks);
  if (blocks % 32 === 0 && LITTLE_ENDIAN) {
    const tmp = new Uint8Array(bytes);
    tmp.set(src.subarray(off, off + have));
    const words = new Uint32Array(tmp.buffer);
    for (let v = 0, q = 0; v < n; v++) for (let s = 0; s < w; s++, q++) slabs[s]![v] = words[q]!;
    return;
  }
  // A short group (the last of a file): row v is the `blocks` bits from file bit v·blocks,
  // read 32 at a time (issue 12: the bit loop of unpackGroupNaive cost 16 % of a clean decode).
  const last = blocks - 32 * (w - 1);
  const lastMask = last >= 32 ? -1 : (1 << last) - 1;
  for (let v = 0; v < n; v++) {
    for (let s = 0; s < w; s++) {
      const x = bitsAt(src, off, have, v * blocks + 32 * s);
      slabs[s]![v] = s === w - 1 ? x & lastMask : x;
    }
  }
}

/** The 32 bits of src[off, off + have) starting at bit `bit` (LSB first; bytes past `have` read 0). */
function bitsAt(src: Uint8Array, off: number, have: number, bit: number): number {
  const b = bit >>> 3;
  const sh = bit & 7;
  const at = (i: number): number => (b + i < have ? src[off + b + i]! : 0);
  const lo = (at(0) | (at(1) << 8) | (at(2) << 16) | (at(3) << 24)) >>> sh;
  return sh === 0 ? lo : lo | (at(4) << (32 - sh));
}

/** The bit-by-bit definition of unpackGroup (its naive twin, test/codec/speed-kernels.test.ts). */
export function unpackGroupNaive(src: Uint8Array, off: number, avail: number, blocks: number, n: number, slabs: Uint32Array[]): void {
  const bytes = groupByteLength(blocks, n);
  const have = Math.max(0, Math.min(avail, bytes, src.length - off));
  const w = slabCount(blocks);
  for (let s = 0; s < w; s++) slabs[s]!.fill(0);
  for (let v = 0; v < n; v++) {
    for (let b = 0; b < blocks; b++) {
      const t = v * blocks + b;
      const byte = t >>> 3;
      if (byte >= have) return;
      if ((src[off + byte]! >>> (t & 7)) & 1) slabs[b >>> 5]![v]! |= 1 << (b & 31);
    }
  }
}

/** Write a group of `blocks` blocks from `slabs` into `dst` at `off` (⌈blocks·N/8⌉ bytes). */
export function packGroup(slabs: Uint32Array[], blocks: number, n: number, dst: Uint8Array, off: number): void {
  const bytes = groupByteLength(blocks, n);
  const w = slabCount(blocks);
  if (blocks % 32 === 0 && LITTLE_ENDIAN) {
    const words = new Uint32Array(bytes / 4);
    for (let v = 0, q = 0; v < n; v++) for (let s = 0; s < w; s++, q++) words[q] = slabs[s]![v]!;
    dst.set(new Uint8Array(words.buffer), off);
    return;
  }
  dst.fill(0, off, off + bytes);
  // A short group: row v's `blocks` bits are OR-ed in at file bit v·blocks, up to 32 at a time.
  const last = blocks - 32 * (w - 1);
  const lastMask = last >= 32 ? -1 : (1 << last) - 1;
  const lim = off + bytes;
  for (let v = 0; v < n; v++) {
    for (let s = 0; s < w; s++) {
      const x = s === w - 1 ? slabs[s]![v]! & lastMask : slabs[s]![v]! | 0;
      if (x === 0) continue;
      const bit = v * blocks + 32 * s;
      const b = off + (bit >>> 3);
      const sh = bit & 7;
      dst[b]! |= (x << sh) & 0xff;
      if (b + 1 < lim) dst[b + 1]! |= (x >>> (8 - sh)) & 0xff;
      if (b + 2 < lim) dst[b + 2]! |= (x >>> (16 - sh)) & 0xff;
      if (b + 3 < lim) dst[b + 3]! |= (x >>> (24 - sh)) & 0xff;
      if (sh !== 0 && b + 4 < lim) dst[b + 4]! |= (x >>> (32 - sh)) & 0xff;
    }
  }
}

/** The bit-by-bit definition of packGroup (its naive twin). */
export function packGroupNaive(slabs: Uint32Array[], blocks: number, n: number, dst: Uint8Array, off: number): void {
  const bytes = groupByteLength(blocks, n);
  dst.fill(0, off, off + bytes);
  for (let v = 0; v < n; v++) {
    for (let b = 0; b < blocks; b++) {
      if ((slabs[b >>> 5]![v]! >>> (b & 31)) & 1) {
        const t = v * blocks + b;
        dst[off + (t >>> 3)]! |= 1 << (t & 7);
      }
    }
  }
}

/**
 * A group as W = ⌈blocks/32⌉ interleaved slabs (word v·W + s = input v of blocks
 * 32s … 32s + 31): for whole slabs this is the file's own byte order, one copy.
 */
export function groupToWords(src: Uint8Array, off: number, avail: number, blocks: number, n: number): Int32Array {
  const w = slabCount(blocks);
  const g = new Int32Array(n * w);
  if (blocks % 32 === 0 && LITTLE_ENDIAN) {
    const have = Math.max(0, Math.min(avail, groupByteLength(blocks, n), src.length - off));
    new Uint8Array(g.buffer).set(src.subarray(off, off + have));
    return g;
  }
  return groupToWordsSlow(src, off, avail, blocks, n, g);
}

/**
 * groupToWords without the copy when the group's bytes are all there and 4-byte aligned
 * (the decoders' data stream S keeps groups aligned): a view, read only by the decoder.
 * Otherwise a copy, as groupToWords; for a short group in this thread's scratch, valid until
 * the next call (the decoders read it within one decode).
 */
export function groupWordsView(src: Uint8Array, off: number, avail: number, blocks: number, n: number): Int32Array {
  const w = slabCount(blocks);
  const at = src.byteOffset + off;
  if (blocks % 32 === 0 && LITTLE_ENDIAN && (at & 3) === 0 && Math.min(avail, src.length - off) >= n * w * 4) return new Int32Array(src.buffer, at, n * w);
  if (blocks % 32 === 0 || !LITTLE_ENDIAN) return groupToWords(src, off, avail, blocks, n);
  // A short group into this thread's scratch words: two fresh ~2 MB arrays per call had cost
  // their page faults (4.0 ms of a 1 846-block group's unpacking, against 0.7 reused).
  const words = n * w;
  if (viewScratch.length < words) viewScratch = new Int32Array(words);
  const g = viewScratch.subarray(0, words);
  return groupToWordsSlow(src, off, avail, blocks, n, g, true);
}

/** groupWordsView's words and zero-padded bytes for short groups (grown, never shrunk). */
let viewScratch = new Int32Array(0);
let padScratch = new Int32Array(0);

/**
 * A short group (L not a multiple of 32, the last of a file) straight into group words: row v
 * holds the L bits from file bit v·L, so word v·W + s is the 32 bits from bit v·L + 32s,
 * read as two aligned 32-bit words of a zero-padded copy and one funnel shift (the shift is
 * the same for every slab of a row). Issue 12: unpacking through W slab arrays and
 * bitsAt cost ~8 % of a clean decode for the one short group of a 64 MiB file.
 * Naive twin: unpackGroupNaive (test/codec/group-words.test.ts).
 */
function groupToWordsSlow(src: Uint8Array, off: number, avail: number, blocks: number, n: number, g: Int32Array, reusePad = false): Int32Array {
  const w = slabCount(blocks);
  const bytes = groupByteLength(blocks, n);
  const have = Math.max(0, Math.min(avail, bytes, src.length - off));
  if (!LITTLE_ENDIAN) {
    const slabs = Array.from({ length: w }, () => new Uint32Array(n));
    unpackGroup(src, off, avail, blocks, n, slabs);
    for (let s = 0; s < w; s++) for (let v = 0; v < n; v++) g[v * w + s] = slabs[s]![v]!;
    return g;
  }
  // Two words of zeros past the end: the last row's funnel shift reads one word beyond it.
  const padWords = ((bytes + 3) >>> 2) + 2;
  let u32: Int32Array;
  if (reusePad) {
    if (padScratch.length < padWords) padScratch = new Int32Array(padWords);
    u32 = padScratch.subarray(0, padWords);
    const u8 = new Uint8Array(u32.buffer, 0, 4 * padWords);
    u8.set(src.subarray(off, off + have));
    u8.fill(0, have); // missing bytes read as 0, and the padding
  } else {
    u32 = new Int32Array(padWords);
    new Uint8Array(u32.buffer).set(src.subarray(off, off + have));
  }
  const last = blocks - 32 * (w - 1);
  const lastMask = last >= 32 ? -1 : (1 << last) - 1;
  for (let v = 0, x = 0; v < n; v++) {
    const t = v * blocks;
    const sh = t & 31;
    const base = t >>> 5;
    if (sh === 0) for (let s = 0; s < w; s++) g[x++] = u32[base + s]!;
    else for (let s = 0; s < w; s++) g[x++] = (u32[base + s]! >>> sh) | (u32[base + s + 1]! << (32 - sh));
    g[x - 1] = g[x - 1]! & lastMask;
  }
  return g;
}

/** The group bytes of interleaved slab words (inverse of groupToWords). */
export function wordsToGroup(g: Int32Array, blocks: number, n: number): Uint8Array {
  const w = slabCount(blocks);
  const bytes = groupByteLength(blocks, n);
  if (blocks % 32 === 0 && LITTLE_ENDIAN) return new Uint8Array(g.buffer, g.byteOffset, bytes);
  const slabs = Array.from({ length: w }, (_, s) => Uint32Array.from({ length: n }, (_, v) => g[v * w + s]!));
  const out = new Uint8Array(bytes);
  packGroup(slabs, blocks, n, out, 0);
  return out;
}
