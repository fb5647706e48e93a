//! out dist/codec/codec-encode.wasm --importMemory
// hopcode/assembly/codec-encode — the codec's encoder on WebAssembly SIMD, 8 slabs per pass
// (AssemblyScript, compiled by `npm run build` into dist/codec/codec-encode.wasm; JS side
// src/codec/simd-encoder.ts, naive twin BlockCodec.encodeGroupWordsJs + slab-kernels encode4).
//
// Same program as slab-kernels `encode` (Richardson & Urbanke, IEEE Trans. IT 47(2), 2001):
// peel with the dependent symbols d = 0, core syndrome s₀, d = C⁻¹·s₀ by four Russians, then
// the late pivots. Two changes of bookkeeping, none of arithmetic: (1) the state X of 8 slabs
// is a row of 32 bytes per input (two v128; slab c = bytes 4c … 4c + 3), and inputs are
// renumbered by rank: information positions first (the transposes write rows 0 … K − 1 in
// order), then the dependent symbols, then the pivots in peel order; (2) the late pivots are
// not re-peeled: peeling is linear, so a late pivot moves by the XOR of the moves of its late
// sources (a dependent symbol moves by its value d, a late pivot by its own move Δ), which
// reads only the edges to late sources (7 205 of 62 032 on the default network).
// Every edge index is a byte address, pre-scaled by the JS side once per engine.
//
// One call encodes a whole group: for each octet of slabs, the information words of its
// 8 × 32 blocks (CRC-32C of seed ‖ payload ‖ block index as u64 LE, payload, zero padding;
// transposed 32 × 32 as lanes.ts transpose32, four tiles per v128), the encode, and the
// 8 slabs' words stored into the group words G (word v·W + s, so slabs 8o … 8o + 7 of input v
// are 32 contiguous bytes). Memory is imported (the JS side sizes it; never grown).
//
// Header at `h` (i32 fields, written by the JS side):
const H_N = 0; // inputs N
const H_K = 4; // information bits K
const H_G = 8; // dependent symbols g
const H_NP = 12; // pivots
const H_NL = 16; // late pivots
const H_Q = 20; // core rows q
const H_CHUNKS = 24; // ⌈q / 8⌉
const H_TILES = 28; // ⌈K / 32⌉
const H_P = 32; // payload bytes per block P
const H_STRIDE = 36; // 4·tiles: bytes of (CRC ‖ payload ‖ zeros) per lane
const H_X = 40; // state rows, 32 bytes each
const H_PIVPTR = 44; // i32 [np + 1]: edges of pivot p
const H_PIVSRC = 48; // i32 byte addresses of the sources' rows
const H_COREPTR = 52; // i32 [q + 1]
const H_CORESRC = 56; // i32 byte addresses (edges to dependent symbols dropped: they are 0 then)
const H_DENSE = 60; // u8 [chunks][gp]: the four Russians bytes of C⁻¹
const H_GP = 64; // row stride of H_DENSE
const H_S = 68; // core syndrome rows, chunks·8 rows of 32 bytes (rows ≥ q stay 0)
const H_T = 72; // 256 rows of 32 bytes: the four Russians table
const H_LATEPTR = 76; // i32 [nl + 1]
const H_LATESRC = 80; // i32 byte addresses: X row of a dependent symbol, or DL row of a late pivot
const H_LATEDST = 84; // i32 [nl]: X row of the late pivot
const H_DL = 88; // nl rows of 32 bytes: Δ of each late pivot
const H_VAR = 92; // i32 [N]: rank of input v (its row of X)
const H_LANES = 96; // lane buffer: 32 CRCs, 32 payload addresses, zeros (256 + 16·⌈tiles/4⌉ bytes)
const H_CRC = 100; // CRC-32C slicing-by-8 tables, 8 × 256 u32
const H_SRC = 104; // the group's payload bytes (zero past its end)
const H_OUT = 108; // group words G
const H_BCRC = 112; // 0, or the group's block CRCs, computed before the call (u32 per block: native/block-crc.cc)

import { blockCrc4, crcBytes, crcWord, fillCrcTables } from './lib/crc32c';
import { ROW_SHIFT, transpose4 } from './lib/transpose4';

/** CRC-32C tables (crc32c.ts TABLE: entry k·256 + b = CRC of byte b then k zero bytes). */
export function initCrc(h: usize): void {
  fillCrcTables(<usize>load<i32>(h, H_CRC));
}

/** CRC of bytes [p, p + len) continuing `seed`, then of `block` as u64 LE (BlockCodec.blockCrc). */
export function blockCrc(h: usize, p: usize, len: i32, seed: u32, blockLo: u32, blockHi: u32): u32 {
  const t = <usize>load<i32>(h, H_CRC);
  return crcWord(t, blockHi, crcWord(t, blockLo, crcBytes(t, p, len, seed)));
}

/** The information words of slab s (group block 32s + j in lane j; lanes ≥ l zero) into column c of X. */
function fillSlab(h: usize, s: i32, c: i32, l: i32, firstLo: u32, firstHi: u32, seed: u32): void {
  const p = load<i32>(h, H_P);
  // Lane buffer: 32 CRCs, 32 payload addresses, then zeros (the payload of a lane ≥ l).
  const crcs = <usize>load<i32>(h, H_LANES);
  const bases = crcs + 128;
  const zeros = crcs + 256;
  const src = <usize>load<i32>(h, H_SRC);
  const t = <usize>load<i32>(h, H_CRC);
  const tiles = load<i32>(h, H_TILES);
  const first = ((<u64>firstHi) << 32) | <u64>firstLo;
  const pre = <usize>load<i32>(h, H_BCRC);
  for (let j = 0; j < 32; j++) {
    const b = (s << 5) + j;
    const from = src + <usize>b * <usize>p;
    const slot = crcs + (<usize>j << 2);
    if (pre == 0 && b + 3 < l && (j & 3) == 0) blockCrc4(t, from, p, seed, first + <u64>b, slot, 4);
    if (b < l) {
      store<i32>(bases + (<usize>j << 2), <i32>(from - 4));
      if (pre != 0) store<u32>(slot, load<u32>(pre + (<usize>b << 2)));
      else if (b + 3 - (j & 3) >= l) {
        const idx = first + <u64>b;
        store<u32>(slot, crcWord(t, <u32>(idx >> 32), crcWord(t, <u32>idx, crcBytes(t, from, p, seed))));
      }
    } else {
      store<i32>(bases + (<usize>j << 2), <i32>zeros);
      store<u32>(slot, 0);
    }
  }
  const x = <usize>load<i32>(h, H_X) + (<usize>c << 2);
  const groups = (tiles + 3) >> 2;
  for (let tq = 0; tq < groups; tq++) transpose4(bases, crcs, tq, x, 4 + p - (tq << 4));
}

/** Column c of the information rows of X to zero (a slab past the end of the group). */
function zeroSlab(h: usize, c: i32): void {
  const k = load<i32>(h, H_K);
  const x = <usize>load<i32>(h, H_X) + (<usize>c << 2);
  for (let r = 0; r < k; r++) store<i32>(x + (<usize>r << ROW_SHIFT), 0);
}

/** XOR of the rows at the byte addresses idx[lo … hi − 1], stored to dst. */
@inline function xorRows(idx: usize, lo: i32, hi: i32, dst: usize): void {
  let a0 = i32x4.splat(0);
  let a1 = i32x4.splat(0);
  for (let e = lo; e < hi; e++) {
    const r = <usize>load<i32>(idx + (<usize>e << 2));
    a0 = v128.xor(a0, v128.load(r));
    a1 = v128.xor(a1, v128.load(r, 16));
  }
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
}

/** The encode of the 8 slabs whose information rows are in X (slab-kernels encode, 8 at once). */
function encodeOctet(h: usize): void {
  const k = load<i32>(h, H_K);
  const g = load<i32>(h, H_G);
  const np = load<i32>(h, H_NP);
  const nl = load<i32>(h, H_NL);
  const q = load<i32>(h, H_Q);
  const chunks = load<i32>(h, H_CHUNKS);
  const x = <usize>load<i32>(h, H_X);
  const dep = x + (<usize>k << ROW_SHIFT);
  // 1. Peel with d = 0.
  memory.fill(dep, 0, <usize>g << ROW_SHIFT);
  const pivPtr = <usize>load<i32>(h, H_PIVPTR);
  const pivSrc = <usize>load<i32>(h, H_PIVSRC);
  let dst = dep + (<usize>g << ROW_SHIFT);
  for (let p = 0; p < np; p++, dst += 32) {
    const pp = pivPtr + (<usize>p << 2);
    xorRows(pivSrc, load<i32>(pp), load<i32>(pp, 4), dst);
  }
  // 2. Core syndrome s₀.
  const corePtr = <usize>load<i32>(h, H_COREPTR);
  const coreSrc = <usize>load<i32>(h, H_CORESRC);
  const sRows = <usize>load<i32>(h, H_S);
  for (let r = 0; r < q; r++) {
    const pp = corePtr + (<usize>r << 2);
    xorRows(coreSrc, load<i32>(pp), load<i32>(pp, 4), sRows + (<usize>r << ROW_SHIFT));
  }
  // 3. d = C⁻¹·s₀ by four Russians, accumulated straight into the dependent rows (0 until now).
  const tRows = <usize>load<i32>(h, H_T);
  const dense = <usize>load<i32>(h, H_DENSE);
  const gp = <usize>load<i32>(h, H_GP);
  for (let c = 0; c < chunks; c++) {
    const sb = sRows + ((<usize>c << 3) << ROW_SHIFT);
    for (let bit = 0; bit < 8; bit++) {
      const half = <usize>1 << bit;
      const u0 = v128.load(sb + (<usize>bit << ROW_SHIFT));
      const u1 = v128.load(sb + (<usize>bit << ROW_SHIFT), 16);
      const hi = tRows + (half << ROW_SHIFT);
      for (let m: usize = 0; m < half; m++) {
        const a = tRows + (m << ROW_SHIFT);
        const b = hi + (m << ROW_SHIFT);
        v128.store(b, v128.xor(v128.load(a), u0));
        v128.store(b, v128.xor(v128.load(a, 16), u1), 16);
      }
    }
    const db = dense + <usize>c * gp;
    for (let r = 0; r < g; r++) {
      const row = dep + (<usize>r << ROW_SHIFT);
      const e = tRows + (<usize>load<u8>(db + <usize>r) << ROW_SHIFT);
      v128.store(row, v128.xor(v128.load(row), v128.load(e)));
      v128.store(row, v128.xor(v128.load(row, 16), v128.load(e, 16)), 16);
    }
  }
  // 4. Late pivots: Δ = XOR of the moves of the late sources; the pivot moves by Δ.
  const latePtr = <usize>load<i32>(h, H_LATEPTR);
  const lateSrc = <usize>load<i32>(h, H_LATESRC);
  const lateDst = <usize>load<i32>(h, H_LATEDST);
  const dl = <usize>load<i32>(h, H_DL);
  for (let l = 0; l < nl; l++) {
    const pp = latePtr + (<usize>l << 2);
    const dd = dl + (<usize>l << ROW_SHIFT);
    xorRows(lateSrc, load<i32>(pp), load<i32>(pp, 4), dd);
    const row = <usize>load<i32>(lateDst + (<usize>l << 2));
    v128.store(row, v128.xor(v128.load(row), v128.load(dd)));
    v128.store(row, v128.xor(v128.load(row, 16), v128.load(dd, 16)), 16);
  }
}

/** Slabs 8o … 8o + cnt − 1 of X into the group words G (word v·w + s). */
function storeOctet(h: usize, o: i32, w: i32, cnt: i32): void {
  const n = load<i32>(h, H_N);
  const x = <usize>load<i32>(h, H_X);
  const vars = <usize>load<i32>(h, H_VAR);
  const out = <usize>load<i32>(h, H_OUT) + (<usize>o << 5);
  const wb = <usize>w << 2;
  // In input order: G is written front to back (a 2 MB group does not fit the L2; rows of X,
  // 256 KB, do), rows of X are read by rank.
  if (cnt == 8) {
    let d = out;
    for (let v = 0; v < n; v++, d += wb) {
      const a = x + (<usize>load<i32>(vars + (<usize>v << 2)) << ROW_SHIFT);
      v128.store(d, v128.load(a));
      v128.store(d, v128.load(a, 16), 16);
    }
    return;
  }
  for (let v = 0; v < n; v++) {
    const a = x + (<usize>load<i32>(vars + (<usize>v << 2)) << ROW_SHIFT);
    const d = out + <usize>v * wb;
    for (let c = 0; c < cnt; c++) store<i32>(d + (<usize>c << 2), load<i32>(a + (<usize>c << 2)));
  }
}

/**
 * Encode the l blocks of one group (payload at H_SRC, zero past its end; first block index
 * firstHi·2^32 + firstLo; CRC state `seed`) into the w slabs of group words at H_OUT.
 */
export function encodeGroup(h: usize, w: i32, l: i32, firstLo: u32, firstHi: u32, seed: u32): void {
  for (let o = 0; o << 3 < w; o++) {
    for (let c = 0; c < 8; c++) {
      const s = (o << 3) + c;
      if (s < w) fillSlab(h, s, c, l, firstLo, firstHi, seed);
      else zeroSlab(h, c);
    }
    encodeOctet(h);
    storeOctet(h, o, w, min(8, w - (o << 3)));
  }
}

/**
 * The group words at H_OUT (w slabs, l blocks) in the file's layout for a short group
 * (interleave.ts packGroup: row v's l bits from file bit v·l, LSB first) at `dst`
 * (⌈l·N / 8⌉ bytes, 32 of slack after them). Lanes ≥ l of the last slab are masked off.
 *
 * Row v's words shifted up by sh = v·l mod 32 into the output words from (v·l) / 32 on,
 * four at a time (a funnel shift of each quad with the quad one word lower): each row
 * writes w + 1 words and zeros past its end, so the next row only ORs in its first word,
 * and nothing needs clearing first. A scalar OR per word into unaligned u64s had cost
 * 4 ms of a 1 846-block group's 8 (the tail group of every file).
 */
export function packGroup(h: usize, w: i32, l: i32, dst: usize): void {
  const n = load<i32>(h, H_N);
  const out = <usize>load<i32>(h, H_OUT);
  const last = l - ((w - 1) << 5);
  const lastMask: i32 = last >= 32 ? -1 : (1 << last) - 1;
  const wv = i32x4.splat(w);
  const lastIdx = i32x4.splat(w - 1);
  const lastV = i32x4.splat(lastMask);
  const zero = i32x4.splat(0);
  const rowBytes = <usize>w << 2;
  let row = out;
  for (let v = 0; v < n; v++, row += rowBytes) {
    const t = <usize>v * <usize>l;
    const sh = <i32>(t & 31);
    const d = dst + ((t >>> 5) << 2);
    for (let s = 0; s <= w; s += 4) {
      const a = row + (<usize>s << 2);
      let x = v128.load(a);
      // Words s … s + 3 of the row: lanes past slab w − 1 (the next row) off, the last slab masked.
      let idx = i32x4(s, s + 1, s + 2, s + 3);
      let m = v128.bitselect(lastV, i32x4.lt_s(idx, wv), i32x4.eq(idx, lastIdx));
      x = v128.and(x, m);
      if (sh != 0) {
        // Words s − 1 … s + 2, masked the same way (word −1 is the row before: off).
        idx = i32x4.sub(idx, i32x4.splat(1));
        m = v128.and(v128.bitselect(lastV, i32x4.lt_s(idx, wv), i32x4.eq(idx, lastIdx)), i32x4.ge_s(idx, zero));
        const y = v128.and(v128.load(a - 4), m);
        x = v128.or(i32x4.shl(x, sh), i32x4.shr_u(y, 32 - sh));
      }
      // The first word holds the end of the row before (its bits below sh).
      if (s == 0 && v != 0) x = v128.or(x, v128.load32_zero(d));
      v128.store(d + (<usize>s << 2), x);
    }
  }
}
