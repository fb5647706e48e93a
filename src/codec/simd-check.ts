/**
 * hopcode/codec/simd-check — the clean-data check of a group on WebAssembly SIMD (issue 12).
 *
 * The JS side of assembly/codec-check.ts (built into dist/codec/codec-check.wasm). For one
 * group (group words G, W slabs of 32 blocks) it runs, 4 slabs per v128:
 *  1. `prefix`: rows 0 … PREFIX_ROWS − 1 of H (the dirty lanes there, per slab);
 *  2. `check`: for the quiet slabs (no lane dirty in the prefix) the transposes of the
 *     information bits into lane-major words, then per lane the CRC-32C (slicing-by-8),
 *     and the zero padding; the result is a fail mask per slab. Where `@node-rs/crc32`
 *     loads and blocks are ≥ 512 bytes (default, light), a slab's 32 CRCs are instead one
 *     native call over its staged lanes (the CPU's CRC instruction), checked against the
 *     32 stored CRCs by the CRC's linearity (crc-combine.ts); a slab that fails that is
 *     redone one native call per block, so its fail mask is the per-block one. (One call
 *     per block was ~30 % of a one-thread clean decode: N-API and a subarray per call.);
 *  3. `payload`: the payloads of the blocks of passing slabs gathered from the staged lanes
 *     into one contiguous area (memory.copy per block), then one `set` into dst per run of
 *     good slabs.
 * The naive twin is BlockCodec's JS path (tRows + check), also the fallback when the .wasm
 * is missing or the engine lacks SIMD; test/codec/simd-check.test.ts compares them. BlockCodec
 * sends a slab with any failing lane down the JS path, so reports and bytes are the JS path's.
 *
 * Memory: imported, sized for the group width W4 = ⌈W/4⌉·4 it was made for and never
 * grown (growing detaches the old ArrayBuffer, which slows every typed-array loop of the
 * isolate: src/util/wasm-module.ts); a wider group gets a new instance with a new memory.
 */
import type { SparseGf2 } from '../codes/tanner-code.js';
import { crc32cNative, crc32cTables, crc32cWord, NATIVE_MIN_BYTES } from './crc32c.js';
import { nativeBlockCrcs, type NativeModule } from '../util/native.js';
import { wasmModule } from '../util/wasm-module.js';
import { LaneCrcCombiner } from './crc-combine.js';

interface Exports {
  prefix(g: number, w4: number, rows: number, ptr: number, col: number, out: number, acc: number): void;
  stage(g: number, w4: number, rowIdx: number, tiles: number, quads: number, nq: number, out: number, scratch: number): void;
  check(lanes: number, tiles: number, p: number, slabs: number, ns: number, l: number, first: number, seed: number, valid: number, fail: number): void;
  gather(lanes: number, tiles4: number, p: number, from: number, to: number, out: number): void;
  unpack(src: number, l: number, n: number, w: number, w4: number, g: number, words: number): void;
}

/** Where assembly/codec-check.ts expects the CRC tables (its constant TAB). */
const TAB_AT = 1024;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Layout {
  tab: number;
  ptr: number;
  col: number;
  rowIdx: number;
  scratch: number;
  acc: number;
  pre: number;
  fail: number;
  /** A slab's 32 block CRCs from the native module (crcSource 'block'). */
  bcrc: number;
  quads: number;
  slabs: number;
  g: number;
  lanes: number;
  out: number;
  /** A short group's packed file bytes (shortStage), and its words at stride W (shortWords). */
  packed: number;
  words: number;
  bytes: number;
}

/** One instance: a memory for groups of width ≤ w4 (words per row of G). */
interface Instance {
  /** The width of the current layout (slabs, a multiple of 4). */
  w4: number;
  /** The widest layout the memory holds. */
  cap: number;
  at: Layout;
  k: Exports;
  u8: Uint8Array;
  i32: Int32Array;
}

/** Blocks gathered per step of SimdCheck.payload (64 × 888 B ≈ 57 KB: in L2). */
const PAYLOAD_CHUNK = 64;

export class SimdCheck {
  private inst: Instance | null = null;
  /** Tiles of 32 information bits, rounded up to 4 (the kernel transposes 4 tiles at a time); words per staged lane. */
  private readonly tiles: number;
  private readonly prefixPtr: Int32Array;
  private readonly prefixCol: Int32Array;
  private combiner: LaneCrcCombiner | null = null;

  /**
   * Where the payload CRCs come from: 'block' = hopcode's native module, a slab's 32 CRCs in
   * one call (native/block-crc.cc, the crc32 instruction on four blocks at once); 'node-rs' =
   * @node-rs/crc32, one call over a slab's 32 lanes compared by the CRC's linearity
   * (crc-combine.ts); 'wasm' = the kernel's slicing-by-8.
   */
  readonly crcSource: 'block' | 'node-rs' | 'wasm';

  /** CRCs by a native module (true) or by the kernel's slicing-by-8 (false). */
  get nativeCrc(): boolean {
    return this.crcSource !== 'wasm';
  }

  /**
   * The kernel for one network, or null when the .wasm is missing, the engine lacks SIMD, the
   * host is big-endian or HOPCODE_CODEC_SIMD=off. `crc`: 'auto' = hopcode's native block CRCs
   * where they load (3.4 GB/s of @node-rs/crc32 against ~10 on the Intel VM of stop 23), else
   * @node-rs/crc32 when it loads and blocks hold ≥ NATIVE_MIN_BYTES (below, one N-API call
   * costs more than it saves), else the kernel's; 'node-rs' = never hopcode's native CRCs (the
   * tests of the combined check); 'wasm' = always the kernel's (the twin the tests compare).
   */
  static create(n: number, infoPositions: Int32Array, h: SparseGf2, payloadBytes: number, prefixRows: number, crc: 'auto' | 'node-rs' | 'wasm' = 'auto'): SimdCheck | null {
    if (!LITTLE_ENDIAN || process.env['HOPCODE_CODEC_SIMD'] === 'off') return null;
    const mod = wasmModule('codec/codec-check.wasm');
    if (!mod) return null;
    const block = crc === 'auto' ? nativeBlockCrcs() : null;
    const source = block ? 'block' : crc !== 'wasm' && crc32cNative !== null && payloadBytes >= NATIVE_MIN_BYTES ? 'node-rs' : 'wasm';
    return new SimdCheck(mod, n, infoPositions, h, payloadBytes, prefixRows, source, block);
  }

  private constructor(
    private readonly mod: WebAssembly.Module,
    private readonly n: number,
    private readonly infoPositions: Int32Array,
    h: SparseGf2,
    private readonly p: number,
    prefixRows: number,
    crcSource: 'block' | 'node-rs' | 'wasm',
    private readonly blockCrcs: NativeModule['blockCrcs'] | null,
  ) {
    this.crcSource = crcSource;
    this.tiles = (Math.ceil(infoPositions.length / 32) + 3) & ~3;
    const rows = Math.min(prefixRows, h.rows);
    this.prefixPtr = Int32Array.from(h.rowPtr.subarray(0, rows + 1), (x) => x - h.rowPtr[0]!);
    this.prefixCol = Int32Array.from(h.rowCol.subarray(h.rowPtr[0]!, h.rowPtr[rows]!));
  }

  private layout(w4: number): Layout {
    const align = (x: number): number => (x + 63) & ~63;
    const rowBytes = 4 * w4;
    const at = {} as Layout;
    let x = TAB_AT;
    const take = (bytes: number): number => {
      const a = x;
      x = align(x + bytes);
      return a;
    };
    at.tab = take(8 * 1024); // = TAB_AT: the kernel reads its CRC tables at this constant address
    at.ptr = take(4 * this.prefixPtr.length);
    at.col = take(4 * this.prefixCol.length);
    at.rowIdx = take(4 * 32 * this.tiles);
    at.scratch = take(2048);
    at.acc = take(rowBytes);
    at.pre = take(rowBytes);
    at.fail = take(rowBytes);
    at.bcrc = take(128);
    at.quads = take(rowBytes);
    at.slabs = take(rowBytes);
    at.g = take((this.n + 1) * rowBytes);
    at.lanes = take(w4 * 32 * this.tiles * 4);
    at.out = take(w4 * 32 * this.p);
    // l ≤ 32·w4 blocks: ⌈l·n/8⌉ ≤ 4·n·w4 bytes; the funnel shifts read 32 bytes past them.
    at.packed = take(this.n * rowBytes + 64);
    at.words = take(this.n * rowBytes + 16);
    at.bytes = x;
    return at;
  }

  /** An instance whose memory holds groups of w slabs (a new one when wider than the current). */
  private instance(w: number): Instance {
    const w4 = (w + 3) & ~3;
    const it = this.inst;
    if (it && it.w4 === w4) return it;
    // A narrower group in the memory of a wider one: only the width-dependent part of the
    // layout moves (the tables before it do not depend on w4), so its rows are w4 words, not
    // the widest group's. Kept at the widest, a process's 512-block groups after 2048-block
    // ones had decoded at half the speed (/tmp script, one thread, into: 394–488 against ~1000 MB/s).
    if (it && it.cap >= w4) {
      this.inst = { ...it, w4, at: this.layout(w4) };
      return this.inst;
    }
    const at = this.layout(w4);
    const memory = new WebAssembly.Memory({ initial: Math.ceil(at.bytes / 65536) });
    const k = new WebAssembly.Instance(this.mod, { env: { memory } }).exports as unknown as Exports;
    const u8 = new Uint8Array(memory.buffer);
    const i32 = new Int32Array(memory.buffer);
    i32.set(crc32cTables(), at.tab >>> 2);
    i32.set(this.prefixPtr, at.ptr >>> 2);
    i32.set(this.prefixCol, at.col >>> 2);
    // Rows of G per information bit; past K: row n (zero).
    const ri = i32.subarray(at.rowIdx >>> 2, (at.rowIdx >>> 2) + 32 * this.tiles);
    ri.fill(this.n);
    ri.set(this.infoPositions);
    this.inst = { w4, cap: w4, at, k, u8, i32 };
    return this.inst;
  }

  /**
   * Where prefix() copies a group of w slabs (w a multiple of 4: the module's layout is then
   * the file layout), for a caller that gathers the group's bytes from pieces to write them
   * there directly: one copy of the group fewer (a pooled decode of a shared input,
   * group-board.ts). Valid until a group of another width is decoded; null for other widths.
   */
  stageArea(w: number): Uint8Array | null {
    if ((w & 3) !== 0) return null;
    const { at, u8 } = this.instance(w);
    return u8.subarray(at.g, at.g + 4 * this.n * w);
  }

  /**
   * Where a short group of l blocks (l not a multiple of 128: the last of a file) may be
   * gathered, its ⌈l·n/8⌉ packed file bytes, for shortWords to read in place. Valid until a
   * group of another width is decoded.
   */
  shortStage(l: number): Uint8Array {
    const { at, u8 } = this.instance(Math.ceil(l / 32));
    return u8.subarray(at.packed, at.packed + Math.ceil((l * this.n) / 8));
  }

  /** The group words shortWords staged last, which prefix() finds in place (consumed by it). */
  private staged: Int32Array | null = null;

  /**
   * A short group's packed bytes src[off, off + have) (bytes past `have` read 0; in place
   * when src is shortStage(l)) as group words in file layout (W = ⌈l/32⌉ slabs), and at
   * once as this module's rows of G, so the next prefix() of these words copies nothing:
   * the JavaScript funnel shifts (interleave.ts groupToWordsSlow) and prefix's row-by-row
   * copy had made the last group of a 64 MiB file cost 2.5× a full group per block.
   * The words are a view of the module's memory, valid until the next decode.
   */
  shortWords(src: Uint8Array, off: number, have: number, l: number): Int32Array {
    const w = Math.ceil(l / 32);
    const it = this.instance(w);
    const { w4, at, u8 } = it;
    const n = this.n;
    const bytes = Math.ceil((l * n) / 8);
    have = Math.max(0, Math.min(have, bytes, src.length - off));
    if (src.buffer !== u8.buffer || src.byteOffset + off !== at.packed) u8.set(src.subarray(off, off + have), at.packed);
    u8.fill(0, at.packed + have, at.packed + bytes + 64);
    // With w = w4 the module's rows are the file layout: one copy, the words a view of it.
    it.k.unpack(at.packed, l, n, w, w4, at.g, w === w4 ? 0 : at.words);
    const g = new Int32Array(u8.buffer, w === w4 ? at.g : at.words, n * w);
    this.staged = g;
    return g;
  }

  /**
   * Copy group words G (W slabs, file layout) into the module and compute the prefix
   * syndrome: pre[s] = lanes of slab s (within masks[s]) violating one of the prefix rows.
   */
  prefix(g: Int32Array, w: number, masks: Int32Array, pre: Int32Array): void {
    const it = this.instance(w);
    const { w4, at, i32 } = it;
    const n = this.n;
    const g0 = at.g >>> 2;
    if (w === w4) {
      // Already in place when the caller gathered the group into stageArea(w).
      if (g.buffer !== i32.buffer || g.byteOffset !== at.g) i32.set(g, g0);
    }
    else if (g !== this.staged) for (let v = 0, x = 0, y = g0; v < n; v++, x += w, y += w4) i32.set(g.subarray(x, x + w), y); // rows of w words at stride w4
    this.staged = null;
    // Row n is the zero row for this width (a wider group before may have left words there).
    i32.fill(0, g0 + n * w4, g0 + (n + 1) * w4);
    it.k.prefix(at.g, w4, this.prefixPtr.length - 1, at.ptr, at.col, at.pre, at.acc);
    const p0 = at.pre >>> 2;
    for (let s = 0; s < w; s++) pre[s] = i32[p0 + s]! & masks[s]!;
  }

  /**
   * After `prefix` on the same group: for the nq quiet slabs qs[0 … nq) (ascending), the lanes
   * failing CRC or padding, into fail[s] (with native CRCs only the first of them: fail[s] is 0
   * exactly when every lane passes, and its lowest bit is the first lane that fails). l: blocks in the group; first: index of its first
   * block; seed: the CRC state of the file id; valid: payload bytes the group holds.
   */
  check(qs: Int32Array, nq: number, l: number, first: number, seed: number, valid: number, fail: Int32Array): void {
    const it = this.inst!;
    const { w4, at, i32 } = it;
    const q0 = at.quads >>> 2;
    let nquads = 0;
    for (let c = 0, last = -1; c < nq; c++) {
      const q = qs[c]! >>> 2;
      if (q !== last) i32[q0 + nquads++] = last = q;
    }
    i32.set(qs.subarray(0, nq), at.slabs >>> 2);
    it.k.stage(at.g, w4, at.rowIdx, this.tiles, at.quads, nquads, at.lanes, at.scratch);
    if (this.nativeCrc) {
      this.checkNative(qs, nq, l, first, seed, valid, fail);
      return;
    }
    it.k.check(at.lanes, this.tiles, this.p, at.slabs, nq, l, first, seed | 0, valid, at.fail);
    const f0 = at.fail >>> 2;
    for (let c = 0; c < nq; c++) fail[qs[c]!] = i32[f0 + qs[c]!]!;
  }

  /**
   * The kernel's `check` with the payload CRCs by a native module: a slab's 32 CRCs in one
   * call (crcSource 'block': each compared with its lane's; 'node-rs': one CRC over the 32
   * lanes, crc-combine.ts), then block by block only for a slab that fails it.
   */
  private checkNative(qs: Int32Array, nq: number, l: number, first: number, seed: number, valid: number, fail: Int32Array): void {
    const { at, u8, i32 } = this.inst!;
    const p = this.p;
    const lb = 4 * this.tiles;
    const block = this.blockCrcs;
    const comb = block ? null : (this.combiner ??= new LaneCrcCombiner(p, lb));
    const bc = at.bcrc >>> 2;
    for (let c = 0; c < nq; c++) {
      const s = qs[c]!;
      const nl = Math.min(32, l - 32 * s);
      // All 32 CRCs at once when every payload byte is data; the per-block loop below only
      // for a slab that fails it, or holds the end of the data.
      if (valid >= (32 * s + nl) * p) {
        const lane0 = at.lanes + 32 * s * lb;
        const last = lane0 + (nl - 1) * lb;
        const f = first + 32 * s;
        let ok: boolean;
        if (block) {
          block(u8, lane0 + 4, lb, p, nl, seed >>> 0, f >>> 0, Math.floor(f / 4294967296), at.bcrc);
          ok = true;
          for (let j = 0, w = lane0 >>> 2; ok && j < nl; j++, w += lb >>> 2) ok = i32[bc + j] === i32[w];
          // Every lane's padding (a combined CRC covers the padding between lanes; these do not).
          for (let lane = lane0; ok && lane <= last; lane += lb) for (let x = lane + 4 + p, e = lane + lb; x < e; x++) if (u8[x] !== 0) ok = false;
        } else {
          let pad = 0;
          for (let x = last + 4 + p, e = last + lb; x < e; x++) pad |= u8[x]!;
          ok = pad === 0 && comb!.matches(i32, lane0, nl, f, seed, crc32cNative!(u8.subarray(lane0 + 4, last + 4 + p), 0xffffffff) >>> 0);
        }
        if (ok) {
          fail[s] = 0;
          continue;
        }
      }
      let failed = 0;
      for (let j = 0; j < nl; j++) {
        const b = 32 * s + j;
        const lane = at.lanes + b * lb;
        const idx = first + b;
        let cr: number;
        if (block) {
          block(u8, lane + 4, lb, p, 1, seed >>> 0, idx >>> 0, Math.floor(idx / 4294967296), at.bcrc);
          cr = i32[bc]! >>> 0;
        } else cr = crc32cWord(Math.floor(idx / 4294967296) >>> 0, crc32cWord(idx >>> 0, crc32cNative!(u8.subarray(lane + 4, lane + 4 + p), seed >>> 0) >>> 0));
        let good = cr === i32[lane >>> 2]! >>> 0;
        // Padding: every byte after the payload, and the payload bytes past the data length.
        for (let x = lane + 4 + p, e = lane + lb; good && x < e; x++) if (u8[x] !== 0) good = false;
        for (let x = lane + 4 + Math.min(p, Math.max(0, valid - b * p)), e = lane + 4 + p; good && x < e; x++) if (u8[x] !== 0) good = false;
        if (!good) {
          failed |= 1 << j; // the first failing lane is all the caller needs (BlockCodec.firstFailure)
          break;
        }
      }
      fail[s] = failed;
    }
  }

  /**
   * After `check`: the staged lanes of quiet slab s into dst from word d0, lane j at
   * d0 + j·tiles (BlockCodec's lane words: `tiles` = ⌈K/32⌉ words per lane, where the staged
   * ones have this kernel's rounded-up count). The words BlockCodec's JS transposes (tRows)
   * would compute, for a quiet slab that failed here (issue 12: those transposes were 15 %
   * of a decode at BER 1e-5, where most slabs hold a block or two with an error).
   */
  lanes(s: number, dst: Int32Array, d0: number, tiles: number): void {
    const { at, i32 } = this.inst!;
    const stride = this.tiles;
    for (let j = 0, a = (at.lanes >>> 2) + 32 * s * stride, d = d0; j < 32; j++, a += stride, d += tiles) dst.set(i32.subarray(a, a + tiles), d);
  }

  /**
   * Payload bytes [a, b) of the group (block j at j·P) to dst at `to`, from the staged lanes:
   * gathered in the module PAYLOAD_CHUNK blocks at a time into the start of its output area,
   * each chunk copied out with one `set` while it is still in L1/L2 (gathering a whole run first
   * wrote and re-read up to 1.8 MB through L3).
   */
  payload(a: number, b: number, dst: Uint8Array, to: number): void {
    const it = this.inst!;
    const p = this.p;
    const { at } = it;
    const last = Math.ceil(b / p);
    for (let j = Math.floor(a / p); j < last; j += PAYLOAD_CHUNK) {
      const e = Math.min(last, j + PAYLOAD_CHUNK);
      // Blocks j … e − 1 land at out + (k − j)·P; of them, bytes [max(a, jP), min(b, eP)).
      it.k.gather(at.lanes + j * 4 * this.tiles, this.tiles, p, 0, e - j, at.out);
      const x0 = Math.max(a, j * p);
      const x1 = Math.min(b, e * p);
      dst.set(it.u8.subarray(at.out + x0 - j * p, at.out + x1 - j * p), to + x0 - a);
    }
  }
}
