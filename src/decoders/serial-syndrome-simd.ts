/**
 * hopcode/decoders/serial-syndrome-simd — stage 1 of the cluster-serial block decoder
 * (serial-block-decoder.ts) for up to 64 slabs of a group at once, in WebAssembly SIMD
 * (assembly/serial-syndrome.ts → dist/decoders/serial-syndrome.wasm).
 *
 * The group words are in file layout (word v·W + s = input v of slab s), so input v of
 * consecutive slabs is contiguous: one pass over the (cluster, syndrome bit) rows of the
 * decoder's CSR XORs 4 slabs per v128 (32 per load of a row's input list) instead of one
 * slab per scalar XOR, then each cluster's 32×32 transposes run 4 slabs per v128. The
 * result is the decoder's lane-major syndromes syn[(s·32 + l)·m + c], exactly the words
 * decodeWords' stage 1 computes slab by slab in JavaScript (its naive twin and the
 * fallback: `SyndromeSimd.create` is null where the .wasm is missing or SIMD is not).
 *
 * Memory is sized once, for CHUNK slabs, and never grown (src/util/wasm-module.ts).
 */
import { wasmModule } from '../util/wasm-module.js';

/** Slabs per call: the syndromes of one chunk are computed together. */
export const CHUNK = 64;

interface Kernel {
  rowSyndromes(nRows: number, bitPtr: number, bitVar: number, g: number, stride: number, rows: number, q0: number, q1: number): void;
  laneSyndromes(m: number, b: number, rows: number, stride: number, q0: number, q1: number, out: number, tile: number): void;
  gatherLanes(idx: number, k: number, words: number, stride: number, q: number, out: number, tile: number): void;
}

export class SyndromeSimd {
  private readonly k: Kernel;
  /**
   * The last chunk's words: word v of its slab i at words[v·stride + i]. The decoder
   * decodes them in place (the syndromes are computed first, so flips do not disturb them).
   */
  readonly words: Int32Array;
  stride = CHUNK;
  /** Lane-major syndromes of the last chunk: slab i of it at [i·32·m, (i + 1)·32·m). */
  readonly syn: Int32Array;
  /** gather's output (4 slabs, lane-major), as words and as bytes. */
  readonly lanes: Int32Array;
  readonly laneBytes: Uint8Array;
  private readonly idxWords: Int32Array;
  private idxOf: Int32Array | null = null;
  private readonly at: { bitPtr: number; bitVar: number; g: number; rows: number; out: number; tile: number; idx: number; lanes: number };

  private constructor(
    mod: WebAssembly.Module,
    private readonly n: number,
    private readonly m: number,
    private readonly b: number,
    bitPtr: Int32Array,
    bitVar: Int32Array,
  ) {
    const align = (x: number): number => (x + 63) & ~63;
    const at = { bitPtr: 1024, bitVar: 0, g: 0, rows: 0, out: 0, tile: 0, idx: 0, lanes: 0 };
    at.bitVar = align(at.bitPtr + 4 * bitPtr.length);
    at.g = align(at.bitVar + 4 * bitVar.length);
    at.rows = align(at.g + 4 * n * CHUNK);
    at.out = align(at.rows + 4 * m * b * CHUNK);
    at.tile = align(at.out + 4 * CHUNK * 32 * m);
    at.idx = at.tile + 512;
    at.lanes = align(at.idx + 4 * n);
    const laneWords = 4 * 32 * Math.ceil(n / 32);
    const bytes = at.lanes + 4 * laneWords;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const inst = new WebAssembly.Instance(mod, { env: { memory } });
    this.k = inst.exports as unknown as Kernel;
    const buf = memory.buffer;
    new Int32Array(buf, at.bitPtr, bitPtr.length).set(bitPtr);
    new Int32Array(buf, at.bitVar, bitVar.length).set(bitVar);
    this.words = new Int32Array(buf, at.g, n * CHUNK);
    this.syn = new Int32Array(buf, at.out, CHUNK * 32 * m);
    this.idxWords = new Int32Array(buf, at.idx, n);
    this.lanes = new Int32Array(buf, at.lanes, laneWords);
    this.laneBytes = new Uint8Array(buf, at.lanes, 4 * laneWords);
    this.at = at;
  }

  /** The kernel for a network (CSR rows c·b + j of bitPtr/bitVar), or null without the .wasm or SIMD. */
  static create(n: number, m: number, b: number, bitPtr: Int32Array, bitVar: Int32Array): SyndromeSimd | null {
    const mod = wasmModule('decoders/serial-syndrome.wasm');
    return mod ? new SyndromeSimd(mod, n, m, b, bitPtr, bitVar) : null;
  }

  /**
   * The lane-major syndromes (this.syn, slab s0 + i at i·32·m) of slabs [s0, s0 + count)
   * of group words g with W = w slabs; count ≤ CHUNK.
   */
  compute(g: Int32Array, w: number, s0: number, count: number): Int32Array {
    const { n, m, b, at } = this;
    const gWords = this.words;
    if (count < 1 || count > CHUNK || s0 < 0 || s0 + count > w) throw new Error(`hopcode/serial-syndrome-simd: slabs [${s0}, ${s0 + count}) of ${w}`);
    let stride: number;
    if (s0 === 0 && count === w && (w & 3) === 0) {
      // The whole group, already in a v128-friendly stride: one copy.
      stride = w;
      gWords.set(g.subarray(0, n * w));
    } else {
      stride = CHUNK;
      for (let v = 0, x = s0, y = 0; v < n; v++, x += w, y += CHUNK) for (let i = 0; i < count; i++) gWords[y + i] = g[x + i]!;
    }
    this.stride = stride;
    const q1 = (count + 3) >>> 2;
    this.k.rowSyndromes(m * b, at.bitPtr, at.bitVar, at.g, stride, at.rows, 0, q1);
    this.k.laneSyndromes(m, b, at.rows, stride, 0, q1, at.out, at.tile);
    return this.syn;
  }

  /**
   * Inputs idx (k = idx.length ≤ N, each < N) of the chunk's slabs i0 … i0 + 3 (i0 a
   * multiple of 4) as they are now in this.words, lane-major per slab: this.lanes[(i − i0)·per
   * + l·tiles + t] (tiles = ⌈k/32⌉, per = 32·tiles), bit u = input idx[32t + u] of lane l.
   */
  gather(idx: Int32Array, i0: number): Int32Array {
    const { at, n } = this;
    if (idx.length > n || (i0 & 3) !== 0 || i0 < 0 || i0 >= CHUNK) throw new Error(`hopcode/serial-syndrome-simd: gather of ${idx.length} inputs at slab ${i0}`);
    if (this.idxOf !== idx) {
      // Indices are trusted by the kernel (no bounds checks in WebAssembly): check them once.
      for (let i = 0; i < idx.length; i++) if (!(idx[i]! >= 0 && idx[i]! < n)) throw new Error(`hopcode/serial-syndrome-simd: input index ${idx[i]} outside 0 … ${n - 1}`);
      this.idxWords.set(idx);
      this.idxOf = idx;
    }
    this.k.gatherLanes(at.idx, idx.length, at.g, this.stride, i0 >>> 2, at.lanes, at.tile);
    return this.lanes;
  }
}
