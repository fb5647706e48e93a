/**
 * hopcode/codec/block-encode — payload bytes → stored states, 32 blocks per slab and a
 * group at a time (the encoding half of block-codec.ts; the block layout is in its banner):
 * each lane's information bits are its CRC-32C (block-crc.ts), its payload and zero
 * padding, transposed into the bit-sliced information words of the slab; the network's
 * encoder (block-encoder.ts) then fills in the rest of the stored state. A whole group
 * runs on the WebAssembly SIMD kernel (simd-encoder.ts) where it loads; the JavaScript
 * path encodeGroupWordsJs is its naive twin and fallback.
 */
import type { FastEncoder } from './block-encoder.js';
import { laneCrc } from './block-crc.js';
import { wordsToGroup } from './interleave.js';
import { tStride } from './lanes-fast.js';
import { SimdEncoder } from './simd-encoder.js';

export class GroupEncoder {
  private readonly info: Int32Array;
  private readonly laneWords: Int32Array;
  private readonly laneBytes: Uint8Array;
  private readonly slab: Int32Array;
  private info4 = new Int32Array(0);
  /** The WebAssembly group encoder (simd-encoder.ts): made on first use, null where unavailable. */
  private simdEncoder: SimdEncoder | null | undefined = undefined;
  private simdCrc: 'auto' | 'kernel' = 'auto';

  /** Where the kernel's block CRCs come from (SimdEncoder.create): 'auto' or 'kernel' (A/B runs: bench/native.ts). */
  setCrc(kind: 'auto' | 'kernel'): void {
    this.simdCrc = kind;
    this.simdEncoder = undefined;
  }

  private simd(): SimdEncoder | null {
    if (this.simdEncoder === undefined) this.simdEncoder = SimdEncoder.create(this.encoder.plan, this.payloadBytes, undefined, this.simdCrc);
    return this.simdEncoder;
  }

  constructor(
    private readonly n: number,
    private readonly tiles: number,
    private readonly payloadBytes: number,
    private readonly encoder: FastEncoder,
  ) {
    this.info = new Int32Array(tiles * 32);
    this.laneWords = new Int32Array(32 * tiles);
    this.laneBytes = new Uint8Array(this.laneWords.buffer);
    this.slab = new Int32Array(n);
  }

  /**
   * Encode up to 32 blocks into one slab: lane j carries src bytes
   * [off + j·P, off + (j+1)·P) clipped to [off, end) (zero-padded), block index first + j.
   */
  encodeSlab<T extends Uint32Array | Int32Array>(src: Uint8Array, off: number, end: number, first: number, lanes: number, out: T, seed = 0): T {
    this.fillInfo(src, off, end, first, lanes, seed, this.info, 0);
    return this.encoder.encodeWords(this.info, out);
  }

  /** The information words of one slab (CRC, payload, padding; lanes ≥ `lanes` zero) into info[at, at + 32·tiles). */
  private fillInfo(src: Uint8Array, off: number, end: number, first: number, lanes: number, seed: number, info: Int32Array, at: number): void {
    const { payloadBytes: p, tiles, laneBytes, laneWords } = this;
    const stride = tiles * 4;
    laneBytes.fill(0);
    for (let j = 0; j < lanes; j++) {
      const s = off + j * p;
      const e = Math.min(s + p, end);
      if (e > s) laneBytes.set(src.subarray(s, e), j * stride + 4);
      laneWords[j * tiles] = laneCrc(laneWords, laneBytes, j * tiles, p, first + j, seed);
    }
    for (let t = 0; t < tiles; t++) tStride(laneWords, t, tiles, 32, info, at + t * 32, 1);
  }

  /**
   * Encode the l blocks of one group (payload src[off, end), first block index
   * `first`) into group words G in file layout: word v·W + s = input v of blocks 32s … 32s + 31.
   * On the WebAssembly kernel (simd-encoder.ts) where it loads; else encodeGroupWordsJs.
   */
  encodeGroupWords(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed = 0): void {
    const simd = this.simd();
    if (simd !== null) simd.encodeGroupWords(src, off, end, first, l, g, w, seed);
    else this.encodeGroupWordsJs(src, off, end, first, l, g, w, seed);
  }

  /**
   * The l blocks of one group as group bytes in file layout (interleave.ts), ⌈l·N / 8⌉ bytes
   * to dst[at …]: wordsToGroup of encodeGroupWords, with a short group (the last of a file)
   * packed by the WebAssembly kernel where it loads.
   */
  encodeGroupBytes(src: Uint8Array, off: number, end: number, first: number, l: number, dst: Uint8Array, at = 0, seed = 0): void {
    const simd = this.simd();
    if (simd !== null) {
      simd.encodeGroupBytes(src, off, end, first, l, dst, at, seed);
      return;
    }
    const g = new Int32Array(this.n * Math.ceil(l / 32));
    this.encodeGroupWordsJs(src, off, end, first, l, g, Math.ceil(l / 32), seed);
    dst.set(wordsToGroup(g, l, this.n), at);
  }

  /**
   * encodeGroupBytes without the copy where the WebAssembly kernel runs: the group bytes as a
   * view of its memory, valid until the next encode on this BlockCodec (a new array otherwise).
   * For a caller that copies them at once (the pager).
   */
  encodeGroupView(src: Uint8Array, off: number, end: number, first: number, l: number, seed = 0): Uint8Array {
    const simd = this.simd();
    if (simd !== null) return simd.groupView(src, off, end, first, l, seed);
    const out = new Uint8Array(Math.ceil((l * this.n) / 8));
    this.encodeGroupBytes(src, off, end, first, l, out, 0, seed);
    return out;
  }

  /**
   * encodeGroupWords in JavaScript (the naive twin of the WebAssembly encoder, and its
   * fallback): four slabs at a time go straight into G (slab-kernels encode4); the rest one by one.
   */
  encodeGroupWordsJs(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed = 0): void {
    const { n, slab, payloadBytes: p } = this;
    const ik = this.tiles * 32;
    if (this.info4.length < 4 * ik) this.info4 = new Int32Array(4 * ik);
    const info4 = this.info4;
    let s = 0;
    for (; s + 4 <= w && 32 * (s + 4) <= l; s += 4) {
      for (let c = 0; c < 4; c++) this.fillInfo(src, off + 32 * (s + c) * p, end, first + 32 * (s + c), 32, seed, info4, c * ik);
      this.encoder.kernels.encode4(info4, ik, g, w, s);
    }
    for (; s < w; s++) {
      this.encodeSlab(src, off + 32 * s * p, end, first + 32 * s, Math.min(32, l - 32 * s), slab, seed);
      for (let v = 0, x = s; v < n; v++, x += w) g[x] = slab[v]!;
    }
  }
}
