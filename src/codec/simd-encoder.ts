/**
 * hopcode/codec/simd-encoder — a group's encode on WebAssembly SIMD, 8 slabs per pass.
 *
 * The JS side of assembly/codec-encode.ts (compiled by `npm run build` into
 * dist/codec/codec-encode.wasm). It runs the program of FastEncoder (Richardson & Urbanke,
 * IEEE Trans. IT 47(2), 2001: peel, core syndrome, d = C⁻¹·s₀ by four Russians, late pivots)
 * and the information words of BlockCodec.fillInfo (CRC-32C, payload, padding, 32 × 32
 * transposes), so a group goes in as payload bytes and comes out as group words in file
 * layout (word v·W + s), exactly the words of BlockCodec.encodeGroupWordsJs, the naive twin
 * (test/codec/simd-encoder.test.ts compares them on every profile's network).
 *
 * Set-up, once per engine: inputs are renumbered by rank (information positions first, then
 * the dependent symbols, then the pivots in peel order) and every edge becomes the byte
 * address of its source's 32-byte row, so the kernel's inner loops are one i32 load and two
 * v128 loads per edge. The late pivots get the edge list of their late sources only (their
 * move Δ is linear in those, see the kernel's banner).
 *
 * Memory: imported, sized for the group's slab count W when the instance is made and never
 * grown (growing detaches the ArrayBuffer; see src/util/wasm-module.ts). A group with more
 * slabs than the instance holds gets a new instance with a new memory. Each thread (and each
 * engine) makes its own instance on first use.
 */
import type { KernelInput } from './slab-kernels.js';
import { wasmModule } from '../util/wasm-module.js';
import { nativeBlockCrcs, type NativeModule } from '../util/native.js';

interface Exports {
  initCrc(h: number): void;
  blockCrc(h: number, p: number, len: number, seed: number, lo: number, hi: number): number;
  encodeGroup(h: number, w: number, l: number, firstLo: number, firstHi: number, seed: number): void;
  packGroup(h: number, w: number, l: number, dst: number): void;
}

/** Header fields (i32 index into the header at HDR), as assembly/codec-encode.ts reads them. */
const F = {
  n: 0, k: 1, g: 2, np: 3, nl: 4, q: 5, chunks: 6, tiles: 7, p: 8, stride: 9, x: 10,
  pivPtr: 11, pivSrc: 12, corePtr: 13, coreSrc: 14, dense: 15, gp: 16, s: 17, t: 18,
  latePtr: 19, lateSrc: 20, lateDst: 21, dl: 22, vars: 23, lanes: 24, crc: 25, src: 26, out: 27, bcrc: 28,
} as const;
const HDR = 64;
const ROW = 32;

/** The W-independent arrays of one engine's encode (byte addresses already resolved). */
interface Layout {
  ints: { at: number; data: Int32Array }[];
  bytes: { at: number; data: Uint8Array }[];
  header: Int32Array;
  /** First free byte: the payload and the group words go from here. */
  end: number;
  n: number;
  p: number;
}

const align = (x: number): number => (x + 63) & ~63;

function layout(plan: KernelInput, payloadBytes: number): Layout | null {
  const { n, infoPos, depCol, pivCol, pivPtr, pivSrc, lateIdx, corePtr, coreCol, dense32 } = plan;
  const k = infoPos.length;
  const g = depCol.length;
  const np = pivCol.length;
  const nl = lateIdx.length;
  const q = corePtr.length - 1;
  const chunks = (q + 7) >>> 3;
  const gp = (g + 3) & ~3;
  const tiles = Math.ceil(k / 32);
  if (k + g + np !== n) return null;
  const rank = new Int32Array(n).fill(-1);
  const give = (v: number, r: number): boolean => {
    if (v < 0 || v >= n || rank[v] !== -1) return false;
    rank[v] = r;
    return true;
  };
  for (let i = 0; i < k; i++) if (!give(infoPos[i]!, i)) return null;
  for (let i = 0; i < g; i++) if (!give(depCol[i]!, k + i)) return null;
  for (let p = 0; p < np; p++) if (!give(pivCol[p]!, k + g + p)) return null;
  // Regions: header, CRC tables, X (the transposes write whole groups of 4 tiles: 128·⌈tiles/4⌉
  // rows), S (chunks·8 rows), T (256 rows), DL (nl rows), the lane buffer (CRCs, payload
  // addresses, zeros for absent lanes), then the index arrays.
  let at = align(HDR + 128);
  const take = (bytes: number): number => {
    const a = at;
    at = align(at + bytes);
    return a;
  };
  const stride = 4 * tiles;
  const crc = take(8 * 256 * 4);
  const x = take(Math.max(n, 128 * Math.ceil(tiles / 4)) * ROW);
  const s = take(chunks * 8 * ROW);
  const t = take(256 * ROW);
  const dl = take(Math.max(1, nl) * ROW);
  const lanes = take(256 + 16 * Math.ceil(tiles / 4) + 16);
  // Plain loops into typed arrays (set-up runs once per engine and thread, mostly unoptimised).
  const pivSrcA = new Int32Array(pivSrc.length);
  for (let e = 0; e < pivSrc.length; e++) pivSrcA[e] = x + rank[pivSrc[e]!]! * ROW;
  const coreP = new Int32Array(q + 1);
  const coreAll = new Int32Array(coreCol.length);
  let nc = 0;
  for (let r = 0; r < q; r++) {
    for (let e = corePtr[r]!; e < corePtr[r + 1]!; e++) {
      const rk = rank[coreCol[e]!]!;
      if (rk < k || rk >= k + g) coreAll[nc++] = x + rk * ROW; // dependent symbols are 0 here
    }
    coreP[r + 1] = nc;
  }
  const coreS = coreAll.slice(0, nc);
  const lateOrd = new Int32Array(np).fill(-1);
  for (let l = 0; l < nl; l++) lateOrd[lateIdx[l]!] = l;
  const lateP = new Int32Array(nl + 1);
  const lateAll = new Int32Array(pivSrc.length);
  let ns = 0;
  const lateD = new Int32Array(nl);
  for (let l = 0; l < nl; l++) {
    const p = lateIdx[l]!;
    for (let e = pivPtr[p]!; e < pivPtr[p + 1]!; e++) {
      const rk = rank[pivSrc[e]!]!;
      if (rk >= k && rk < k + g) lateAll[ns++] = x + rk * ROW;
      else if (rk >= k + g && lateOrd[rk - k - g]! >= 0) {
        const o = lateOrd[rk - k - g]!;
        if (o >= l) return null; // a late source after its pivot: not a peel order
        lateAll[ns++] = dl + o * ROW;
      }
    }
    lateP[l + 1] = ns;
    lateD[l] = x + (k + g + p) * ROW;
  }
  const ints: { at: number; data: Int32Array }[] = [];
  const put = (data: Int32Array): number => {
    const a = take(data.byteLength);
    ints.push({ at: a, data });
    return a;
  };
  const header = new Int32Array(32);
  header[F.n] = n;
  header[F.k] = k;
  header[F.g] = g;
  header[F.np] = np;
  header[F.nl] = nl;
  header[F.q] = q;
  header[F.chunks] = chunks;
  header[F.tiles] = tiles;
  header[F.p] = payloadBytes;
  header[F.stride] = stride;
  header[F.x] = x;
  header[F.pivPtr] = put(Int32Array.from(pivPtr));
  header[F.pivSrc] = put(pivSrcA);
  header[F.corePtr] = put(coreP);
  header[F.coreSrc] = put(coreS);
  header[F.latePtr] = put(lateP);
  header[F.lateSrc] = put(lateAll.slice(0, ns));
  header[F.lateDst] = put(lateD);
  header[F.vars] = put(rank);
  const denseBytes = new Uint8Array(dense32.buffer, dense32.byteOffset, dense32.byteLength);
  if (denseBytes.length < chunks * gp) return null;
  header[F.dense] = take(denseBytes.length);
  header[F.gp] = gp;
  header[F.s] = s;
  header[F.t] = t;
  header[F.dl] = dl;
  header[F.lanes] = lanes;
  header[F.crc] = crc;
  return { ints, bytes: [{ at: header[F.dense]!, data: denseBytes }], header, end: at, n, p: payloadBytes };
}

/** One instance: the layout's arrays in a memory sized for up to `wCap` slabs per group. */
class Instance {
  readonly wCap: number;
  private readonly x: Exports;
  private readonly u8: Uint8Array;
  private readonly i32: Int32Array;
  private readonly out: Int32Array;
  private readonly src: number;
  /** Where packGroup writes a short group's bytes. */
  private readonly packed: number;
  /** Where the native block CRCs go (one u32 per block), handed to the kernel as H_BCRC. */
  private readonly crcs: number;

  constructor(
    mod: WebAssembly.Module,
    lay: Layout,
    wCap: number,
    /** The native block CRCs (native/block-crc.cc), or null: the kernel computes them. */
    private readonly blockCrcs: NativeModule['blockCrcs'] | null,
  ) {
    this.wCap = wCap;
    const src = lay.end;
    // Slack: the transposes read up to 16 bytes past a block's payload (masked off).
    const srcBytes = align(wCap * 32 * lay.p + 32);
    const out = src + srcBytes;
    const packed = align(out + lay.n * wCap * 4);
    const crcs = packed + align(Math.ceil((wCap * 32 * lay.n) / 8) + 64);
    const bytes = crcs + align(wCap * 32 * 4);
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const inst = new WebAssembly.Instance(mod, { env: { memory } });
    this.x = inst.exports as unknown as Exports;
    const buf = memory.buffer;
    this.u8 = new Uint8Array(buf);
    const i32 = new Int32Array(buf);
    this.i32 = i32;
    for (const { at, data } of lay.ints) i32.set(data, at >>> 2);
    for (const { at, data } of lay.bytes) this.u8.set(data, at);
    i32.set(lay.header, HDR >>> 2);
    i32[(HDR >>> 2) + F.src] = src;
    i32[(HDR >>> 2) + F.out] = out;
    this.src = src;
    this.packed = packed;
    this.crcs = crcs;
    this.out = new Int32Array(buf, out, lay.n * wCap);
    this.x.initCrc(HDR);
  }

  encodeGroup(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed: number, n: number, p: number): void {
    this.run(src, off, end, first, l, w, seed, p);
    g.set(this.out.subarray(0, n * w));
  }

  /** The group's payload into the module (zero past its end), its block CRCs (natively where that loads), the kernel's encode. */
  private run(src: Uint8Array, off: number, end: number, first: number, l: number, w: number, seed: number, p: number): void {
    const len = Math.max(0, Math.min(end - off, l * p));
    this.u8.set(src.subarray(off, off + len), this.src);
    this.u8.fill(0, this.src + len, this.src + l * p);
    const lo = first >>> 0;
    const hi = Math.floor(first / 4294967296) >>> 0;
    if (this.blockCrcs) this.blockCrcs(this.u8, this.src, p, p, l, seed >>> 0, lo, hi, this.crcs);
    this.i32[(HDR >>> 2) + F.bcrc] = this.blockCrcs ? this.crcs : 0;
    this.x.encodeGroup(HDR, w, l, lo, hi, seed | 0);
  }

  /**
   * encodeGroup, then the group's ⌈l·N / 8⌉ bytes in file layout (interleave.ts) as a view of
   * the module's memory, valid until the next call on this instance.
   */
  groupView(src: Uint8Array, off: number, end: number, first: number, l: number, w: number, seed: number, n: number, p: number): Uint8Array {
    this.run(src, off, end, first, l, w, seed, p);
    const bytes = Math.ceil((l * n) / 8);
    // Whole slabs: the words' little-endian bytes are the file's layout (wasm memory is little-endian).
    if (l % 32 === 0) return this.u8.subarray(this.out.byteOffset, this.out.byteOffset + bytes);
    this.x.packGroup(HDR, w, l, this.packed);
    return this.u8.subarray(this.packed, this.packed + bytes);
  }

  /** BlockCodec.blockCrc of the payload bytes b (for the equivalence test of the kernel's CRC). */
  blockCrc(b: Uint8Array, block: number, seed: number): number {
    this.u8.set(b, this.src);
    return this.x.blockCrc(HDR, this.src, b.length, seed | 0, block >>> 0, Math.floor(block / 4294967296) >>> 0) >>> 0;
  }
}

export class SimdEncoder {
  private readonly mod: WebAssembly.Module;
  private readonly lay: Layout;
  private inst: Instance | null = null;

  private constructor(
    mod: WebAssembly.Module,
    lay: Layout,
    private readonly blockCrcs: NativeModule['blockCrcs'] | null,
  ) {
    this.mod = mod;
    this.lay = lay;
  }

  /** True when dist/codec/codec-encode.wasm is built and this engine has WebAssembly SIMD. */
  static available(): boolean {
    return wasmModule('codec/codec-encode.wasm') !== null;
  }

  /**
   * The encoder of one engine's plan, or null (no kernel here, or a plan it does not take).
   * `mod`: another build of the kernel (A/B measurements); default dist/codec/codec-encode.wasm.
   * `crc`: 'auto' takes the block CRCs from the native module where it has them (the CPU's
   * crc32 instruction, four blocks at once: ~10 GB/s against the kernel's 0.8); 'kernel' always
   * lets the kernel compute them (its slicing-by-8: the twin the tests compare with).
   */
  static create(plan: KernelInput, payloadBytes: number, mod = wasmModule('codec/codec-encode.wasm'), crc: 'auto' | 'kernel' = 'auto'): SimdEncoder | null {
    if (mod === null) return null;
    const lay = layout(plan, payloadBytes);
    return lay === null ? null : new SimdEncoder(mod, lay, crc === 'auto' ? nativeBlockCrcs() : null);
  }

  /** Whether the block CRCs come from the native module. */
  get nativeCrc(): boolean {
    return this.blockCrcs !== null;
  }

  private instance(w: number): Instance {
    if (this.inst === null || this.inst.wCap < w) this.inst = new Instance(this.mod, this.lay, Math.max(w, 64), this.blockCrcs);
    return this.inst;
  }

  /**
   * BlockCodec.encodeGroupWords: the l blocks of payload src[off, end) (first block index
   * `first`, CRC state `seed`) into the w slabs of group words g (word v·w + s).
   */
  encodeGroupWords(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed: number): void {
    this.instance(w).encodeGroup(src, off, end, first, l, g, w, seed, this.lay.n, this.lay.p);
  }

  /**
   * The same l blocks as group bytes in file layout (interleave.ts: wordsToGroup of the words),
   * ⌈l·N / 8⌉ bytes to dst[at …]; a short group is packed in the kernel, not in JavaScript.
   */
  encodeGroupBytes(src: Uint8Array, off: number, end: number, first: number, l: number, dst: Uint8Array, at: number, seed: number): void {
    dst.set(this.groupView(src, off, end, first, l, seed), at);
  }

  /**
   * encodeGroupBytes without the copy: a view of the module's memory holding the group bytes,
   * valid until the next encode on this encoder (a pager that copies at once can take it).
   */
  groupView(src: Uint8Array, off: number, end: number, first: number, l: number, seed: number): Uint8Array {
    const w = Math.ceil(l / 32);
    return this.instance(w).groupView(src, off, end, first, l, w, seed, this.lay.n, this.lay.p);
  }

  /** The kernel's block CRC (BlockCodec.blockCrc of a block of b.length payload bytes). */
  blockCrc(b: Uint8Array, block: number, seed: number): number {
    return this.instance(1).blockCrc(b, block, seed);
  }
}
