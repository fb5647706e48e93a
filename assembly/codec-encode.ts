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

const ROW_SHIFT = 5;

/** CRC-32C tables (crc32c.ts TABLE: entry k·256 + b = CRC of byte b then k zero bytes). */
export function initCrc(h: usize): void {
  const t = <usize>load<i32>(h, H_CRC);
  for (let b: u32 = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    store<u32>(t + (<usize>b << 2), c);
  }
  for (let b: u32 = 0; b < 256; b++) {
    let c = load<u32>(t + (<usize>b << 2));
    for (let k: u32 = 1; k < 8; k++) {
      c = load<u32>(t + (<usize>(c & 0xff) << 2)) ^ (c >>> 8);
      store<u32>(t + ((<usize>(k * 256 + b)) << 2), c);
    }
  }
}

@inline function tab(t: usize, k: u32, b: u32): u32 {
  return load<u32>(t + ((<usize>((k << 8) | b)) << 2));
}

/** crc32cWord: CRC-32C of a u32 as 4 little-endian bytes, continuing `prev`. */
@inline function crcWord(t: usize, word: u32, prev: u32): u32 {
  const c = ~prev ^ word;
  return ~(tab(t, 3, c & 0xff) ^ tab(t, 2, (c >>> 8) & 0xff) ^ tab(t, 1, (c >>> 16) & 0xff) ^ tab(t, 0, c >>> 24));
}

/** crc32cSoft over [p, p + len), continuing `prev` (slicing-by-8). */
function crcBytes(t: usize, p: usize, len: i32, prev: u32): u32 {
  let c = ~prev;
  const end = p + <usize>len;
  const stop8 = end - (<usize>len & 7);
  for (; p < stop8; p += 8) {
    const lo = c ^ load<u32>(p);
    const hi = load<u32>(p, 4);
    c =
      tab(t, 7, lo & 0xff) ^
      tab(t, 6, (lo >>> 8) & 0xff) ^
      tab(t, 5, (lo >>> 16) & 0xff) ^
      tab(t, 4, lo >>> 24) ^
      tab(t, 3, hi & 0xff) ^
      tab(t, 2, (hi >>> 8) & 0xff) ^
      tab(t, 1, (hi >>> 16) & 0xff) ^
      tab(t, 0, hi >>> 24);
  }
  for (; p < end; p++) c = tab(t, 0, (c ^ <u32>load<u8>(p)) & 0xff) ^ (c >>> 8);
  return ~c;
}

// One slicing-by-8 step: table k of entry b is at t + 1024·k + 4·b, so each lookup is a shift,
// a mask and an add, with the table's offset folded into the load's immediate.
@inline function step8(t: usize, c: u32, lo: u32, hi: u32): u32 {
  lo ^= c;
  return (
    load<u32>(t + <usize>((lo << 2) & 0x3fc), 7168) ^
    load<u32>(t + <usize>((lo >>> 6) & 0x3fc), 6144) ^
    load<u32>(t + <usize>((lo >>> 14) & 0x3fc), 5120) ^
    load<u32>(t + <usize>((lo >>> 22) & 0x3fc), 4096) ^
    load<u32>(t + <usize>((hi << 2) & 0x3fc), 3072) ^
    load<u32>(t + <usize>((hi >>> 6) & 0x3fc), 2048) ^
    load<u32>(t + <usize>((hi >>> 14) & 0x3fc), 1024) ^
    load<u32>(t + <usize>((hi >>> 22) & 0x3fc))
  );
}

/**
 * crcBytes of the four ranges [p + i·len, p + (i + 1)·len) (four consecutive blocks), each
 * continuing `seed`, then its block index first + i as u64 LE, stored to out + i·outStride.
 * Four independent chains in one loop: one chain is bound by the latency of its lookups
 * (each step needs the previous state), four keep the load ports busy.
 */
function blockCrc4(t: usize, p: usize, len: i32, seed: u32, first: u64, out: usize, outStride: usize): void {
  let c0 = ~seed;
  let c1 = c0;
  let c2 = c0;
  let c3 = c0;
  const l = <usize>len;
  const steps = l >>> 3;
  let a = p;
  for (let i: usize = 0; i < steps; i++, a += 8) {
    c0 = step8(t, c0, load<u32>(a), load<u32>(a, 4));
    c1 = step8(t, c1, load<u32>(a + l), load<u32>(a + l, 4));
    c2 = step8(t, c2, load<u32>(a + 2 * l), load<u32>(a + 2 * l, 4));
    c3 = step8(t, c3, load<u32>(a + 3 * l), load<u32>(a + 3 * l, 4));
  }
  for (const end = p + l; a < end; a++) {
    c0 = tab(t, 0, (c0 ^ <u32>load<u8>(a)) & 0xff) ^ (c0 >>> 8);
    c1 = tab(t, 0, (c1 ^ <u32>load<u8>(a + l)) & 0xff) ^ (c1 >>> 8);
    c2 = tab(t, 0, (c2 ^ <u32>load<u8>(a + 2 * l)) & 0xff) ^ (c2 >>> 8);
    c3 = tab(t, 0, (c3 ^ <u32>load<u8>(a + 3 * l)) & 0xff) ^ (c3 >>> 8);
  }
  let b = first;
  store<u32>(out, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c0)));
  b++;
  store<u32>(out + outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c1)));
  b++;
  store<u32>(out + 2 * outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c2)));
  b++;
  store<u32>(out + 3 * outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c3)));
}

/** CRC of bytes [p, p + len) continuing `seed`, then of `block` as u64 LE (BlockCodec.blockCrc). */
export function blockCrc(h: usize, p: usize, len: i32, seed: u32, blockLo: u32, blockHi: u32): u32 {
  const t = <usize>load<i32>(h, H_CRC);
  return crcWord(t, blockHi, crcWord(t, blockLo, crcBytes(t, p, len, seed)));
}

@inline function transpose4(bases: usize, crcs: usize, tq: i32, x: usize, lim: i32): void {
  // Word w of lane j is bytes 4w … 4w + 3 of (CRC ‖ payload ‖ zeros): the payload is read in
  // place (bases[j] = its address − 4), word 0 is the CRC, bytes from 4 + P on are masked to 0.
  const o = <usize>tq << 4;
  let a0 = v128.load(<usize>load<i32>(bases, 0) + o);
  let a1 = v128.load(<usize>load<i32>(bases, 4) + o);
  let a2 = v128.load(<usize>load<i32>(bases, 8) + o);
  let a3 = v128.load(<usize>load<i32>(bases, 12) + o);
  let a4 = v128.load(<usize>load<i32>(bases, 16) + o);
  let a5 = v128.load(<usize>load<i32>(bases, 20) + o);
  let a6 = v128.load(<usize>load<i32>(bases, 24) + o);
  let a7 = v128.load(<usize>load<i32>(bases, 28) + o);
  let a8 = v128.load(<usize>load<i32>(bases, 32) + o);
  let a9 = v128.load(<usize>load<i32>(bases, 36) + o);
  let a10 = v128.load(<usize>load<i32>(bases, 40) + o);
  let a11 = v128.load(<usize>load<i32>(bases, 44) + o);
  let a12 = v128.load(<usize>load<i32>(bases, 48) + o);
  let a13 = v128.load(<usize>load<i32>(bases, 52) + o);
  let a14 = v128.load(<usize>load<i32>(bases, 56) + o);
  let a15 = v128.load(<usize>load<i32>(bases, 60) + o);
  let a16 = v128.load(<usize>load<i32>(bases, 64) + o);
  let a17 = v128.load(<usize>load<i32>(bases, 68) + o);
  let a18 = v128.load(<usize>load<i32>(bases, 72) + o);
  let a19 = v128.load(<usize>load<i32>(bases, 76) + o);
  let a20 = v128.load(<usize>load<i32>(bases, 80) + o);
  let a21 = v128.load(<usize>load<i32>(bases, 84) + o);
  let a22 = v128.load(<usize>load<i32>(bases, 88) + o);
  let a23 = v128.load(<usize>load<i32>(bases, 92) + o);
  let a24 = v128.load(<usize>load<i32>(bases, 96) + o);
  let a25 = v128.load(<usize>load<i32>(bases, 100) + o);
  let a26 = v128.load(<usize>load<i32>(bases, 104) + o);
  let a27 = v128.load(<usize>load<i32>(bases, 108) + o);
  let a28 = v128.load(<usize>load<i32>(bases, 112) + o);
  let a29 = v128.load(<usize>load<i32>(bases, 116) + o);
  let a30 = v128.load(<usize>load<i32>(bases, 120) + o);
  let a31 = v128.load(<usize>load<i32>(bases, 124) + o);
  if (tq == 0) {
    a0 = i32x4.replace_lane(a0, 0, load<i32>(crcs, 0));
    a1 = i32x4.replace_lane(a1, 0, load<i32>(crcs, 4));
    a2 = i32x4.replace_lane(a2, 0, load<i32>(crcs, 8));
    a3 = i32x4.replace_lane(a3, 0, load<i32>(crcs, 12));
    a4 = i32x4.replace_lane(a4, 0, load<i32>(crcs, 16));
    a5 = i32x4.replace_lane(a5, 0, load<i32>(crcs, 20));
    a6 = i32x4.replace_lane(a6, 0, load<i32>(crcs, 24));
    a7 = i32x4.replace_lane(a7, 0, load<i32>(crcs, 28));
    a8 = i32x4.replace_lane(a8, 0, load<i32>(crcs, 32));
    a9 = i32x4.replace_lane(a9, 0, load<i32>(crcs, 36));
    a10 = i32x4.replace_lane(a10, 0, load<i32>(crcs, 40));
    a11 = i32x4.replace_lane(a11, 0, load<i32>(crcs, 44));
    a12 = i32x4.replace_lane(a12, 0, load<i32>(crcs, 48));
    a13 = i32x4.replace_lane(a13, 0, load<i32>(crcs, 52));
    a14 = i32x4.replace_lane(a14, 0, load<i32>(crcs, 56));
    a15 = i32x4.replace_lane(a15, 0, load<i32>(crcs, 60));
    a16 = i32x4.replace_lane(a16, 0, load<i32>(crcs, 64));
    a17 = i32x4.replace_lane(a17, 0, load<i32>(crcs, 68));
    a18 = i32x4.replace_lane(a18, 0, load<i32>(crcs, 72));
    a19 = i32x4.replace_lane(a19, 0, load<i32>(crcs, 76));
    a20 = i32x4.replace_lane(a20, 0, load<i32>(crcs, 80));
    a21 = i32x4.replace_lane(a21, 0, load<i32>(crcs, 84));
    a22 = i32x4.replace_lane(a22, 0, load<i32>(crcs, 88));
    a23 = i32x4.replace_lane(a23, 0, load<i32>(crcs, 92));
    a24 = i32x4.replace_lane(a24, 0, load<i32>(crcs, 96));
    a25 = i32x4.replace_lane(a25, 0, load<i32>(crcs, 100));
    a26 = i32x4.replace_lane(a26, 0, load<i32>(crcs, 104));
    a27 = i32x4.replace_lane(a27, 0, load<i32>(crcs, 108));
    a28 = i32x4.replace_lane(a28, 0, load<i32>(crcs, 112));
    a29 = i32x4.replace_lane(a29, 0, load<i32>(crcs, 116));
    a30 = i32x4.replace_lane(a30, 0, load<i32>(crcs, 120));
    a31 = i32x4.replace_lane(a31, 0, load<i32>(crcs, 124));
  }
  if (lim < 16) {
    const mk = i8x16.lt_s(i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), i8x16.splat(<i8>max(lim, 0)));
    a0 = v128.and(a0, mk);
    a1 = v128.and(a1, mk);
    a2 = v128.and(a2, mk);
    a3 = v128.and(a3, mk);
    a4 = v128.and(a4, mk);
    a5 = v128.and(a5, mk);
    a6 = v128.and(a6, mk);
    a7 = v128.and(a7, mk);
    a8 = v128.and(a8, mk);
    a9 = v128.and(a9, mk);
    a10 = v128.and(a10, mk);
    a11 = v128.and(a11, mk);
    a12 = v128.and(a12, mk);
    a13 = v128.and(a13, mk);
    a14 = v128.and(a14, mk);
    a15 = v128.and(a15, mk);
    a16 = v128.and(a16, mk);
    a17 = v128.and(a17, mk);
    a18 = v128.and(a18, mk);
    a19 = v128.and(a19, mk);
    a20 = v128.and(a20, mk);
    a21 = v128.and(a21, mk);
    a22 = v128.and(a22, mk);
    a23 = v128.and(a23, mk);
    a24 = v128.and(a24, mk);
    a25 = v128.and(a25, mk);
    a26 = v128.and(a26, mk);
    a27 = v128.and(a27, mk);
    a28 = v128.and(a28, mk);
    a29 = v128.and(a29, mk);
    a30 = v128.and(a30, mk);
    a31 = v128.and(a31, mk);
  }
  let t: v128;
  let m: v128;
  // Round 16: whole 16-bit halves move, one byte shuffle per word instead of shift/xor/and.
  t = v128.shuffle<u8>(a0, a16, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a0 = v128.shuffle<u8>(a0, a16, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a16 = t;
  t = v128.shuffle<u8>(a1, a17, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a1 = v128.shuffle<u8>(a1, a17, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a17 = t;
  t = v128.shuffle<u8>(a2, a18, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a2 = v128.shuffle<u8>(a2, a18, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a18 = t;
  t = v128.shuffle<u8>(a3, a19, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a3 = v128.shuffle<u8>(a3, a19, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a19 = t;
  t = v128.shuffle<u8>(a4, a20, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a4 = v128.shuffle<u8>(a4, a20, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a20 = t;
  t = v128.shuffle<u8>(a5, a21, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a5 = v128.shuffle<u8>(a5, a21, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a21 = t;
  t = v128.shuffle<u8>(a6, a22, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a6 = v128.shuffle<u8>(a6, a22, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a22 = t;
  t = v128.shuffle<u8>(a7, a23, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a7 = v128.shuffle<u8>(a7, a23, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a23 = t;
  t = v128.shuffle<u8>(a8, a24, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a8 = v128.shuffle<u8>(a8, a24, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a24 = t;
  t = v128.shuffle<u8>(a9, a25, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a9 = v128.shuffle<u8>(a9, a25, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a25 = t;
  t = v128.shuffle<u8>(a10, a26, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a10 = v128.shuffle<u8>(a10, a26, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a26 = t;
  t = v128.shuffle<u8>(a11, a27, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a11 = v128.shuffle<u8>(a11, a27, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a27 = t;
  t = v128.shuffle<u8>(a12, a28, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a12 = v128.shuffle<u8>(a12, a28, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a28 = t;
  t = v128.shuffle<u8>(a13, a29, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a13 = v128.shuffle<u8>(a13, a29, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a29 = t;
  t = v128.shuffle<u8>(a14, a30, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a14 = v128.shuffle<u8>(a14, a30, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a30 = t;
  t = v128.shuffle<u8>(a15, a31, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31); a15 = v128.shuffle<u8>(a15, a31, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29); a31 = t;
  // Round 8: whole bytes move, one byte shuffle per word instead of shift/xor/and.
  t = v128.shuffle<u8>(a0, a8, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a0 = v128.shuffle<u8>(a0, a8, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a8 = t;
  t = v128.shuffle<u8>(a1, a9, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a1 = v128.shuffle<u8>(a1, a9, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a9 = t;
  t = v128.shuffle<u8>(a2, a10, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a2 = v128.shuffle<u8>(a2, a10, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a10 = t;
  t = v128.shuffle<u8>(a3, a11, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a3 = v128.shuffle<u8>(a3, a11, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a11 = t;
  t = v128.shuffle<u8>(a4, a12, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a4 = v128.shuffle<u8>(a4, a12, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a12 = t;
  t = v128.shuffle<u8>(a5, a13, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a5 = v128.shuffle<u8>(a5, a13, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a13 = t;
  t = v128.shuffle<u8>(a6, a14, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a6 = v128.shuffle<u8>(a6, a14, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a14 = t;
  t = v128.shuffle<u8>(a7, a15, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a7 = v128.shuffle<u8>(a7, a15, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a15 = t;
  t = v128.shuffle<u8>(a16, a24, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a16 = v128.shuffle<u8>(a16, a24, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a24 = t;
  t = v128.shuffle<u8>(a17, a25, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a17 = v128.shuffle<u8>(a17, a25, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a25 = t;
  t = v128.shuffle<u8>(a18, a26, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a18 = v128.shuffle<u8>(a18, a26, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a26 = t;
  t = v128.shuffle<u8>(a19, a27, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a19 = v128.shuffle<u8>(a19, a27, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a27 = t;
  t = v128.shuffle<u8>(a20, a28, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a20 = v128.shuffle<u8>(a20, a28, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a28 = t;
  t = v128.shuffle<u8>(a21, a29, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a21 = v128.shuffle<u8>(a21, a29, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a29 = t;
  t = v128.shuffle<u8>(a22, a30, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a22 = v128.shuffle<u8>(a22, a30, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a30 = t;
  t = v128.shuffle<u8>(a23, a31, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31); a23 = v128.shuffle<u8>(a23, a31, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30); a31 = t;
  m = i32x4.splat(252645135);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 4), a4), m); a0 = v128.xor(a0, i32x4.shl(t, 4)); a4 = v128.xor(a4, t);
  t = v128.and(v128.xor(i32x4.shr_u(a1, 4), a5), m); a1 = v128.xor(a1, i32x4.shl(t, 4)); a5 = v128.xor(a5, t);
  t = v128.and(v128.xor(i32x4.shr_u(a2, 4), a6), m); a2 = v128.xor(a2, i32x4.shl(t, 4)); a6 = v128.xor(a6, t);
  t = v128.and(v128.xor(i32x4.shr_u(a3, 4), a7), m); a3 = v128.xor(a3, i32x4.shl(t, 4)); a7 = v128.xor(a7, t);
  t = v128.and(v128.xor(i32x4.shr_u(a8, 4), a12), m); a8 = v128.xor(a8, i32x4.shl(t, 4)); a12 = v128.xor(a12, t);
  t = v128.and(v128.xor(i32x4.shr_u(a9, 4), a13), m); a9 = v128.xor(a9, i32x4.shl(t, 4)); a13 = v128.xor(a13, t);
  t = v128.and(v128.xor(i32x4.shr_u(a10, 4), a14), m); a10 = v128.xor(a10, i32x4.shl(t, 4)); a14 = v128.xor(a14, t);
  t = v128.and(v128.xor(i32x4.shr_u(a11, 4), a15), m); a11 = v128.xor(a11, i32x4.shl(t, 4)); a15 = v128.xor(a15, t);
  t = v128.and(v128.xor(i32x4.shr_u(a16, 4), a20), m); a16 = v128.xor(a16, i32x4.shl(t, 4)); a20 = v128.xor(a20, t);
  t = v128.and(v128.xor(i32x4.shr_u(a17, 4), a21), m); a17 = v128.xor(a17, i32x4.shl(t, 4)); a21 = v128.xor(a21, t);
  t = v128.and(v128.xor(i32x4.shr_u(a18, 4), a22), m); a18 = v128.xor(a18, i32x4.shl(t, 4)); a22 = v128.xor(a22, t);
  t = v128.and(v128.xor(i32x4.shr_u(a19, 4), a23), m); a19 = v128.xor(a19, i32x4.shl(t, 4)); a23 = v128.xor(a23, t);
  t = v128.and(v128.xor(i32x4.shr_u(a24, 4), a28), m); a24 = v128.xor(a24, i32x4.shl(t, 4)); a28 = v128.xor(a28, t);
  t = v128.and(v128.xor(i32x4.shr_u(a25, 4), a29), m); a25 = v128.xor(a25, i32x4.shl(t, 4)); a29 = v128.xor(a29, t);
  t = v128.and(v128.xor(i32x4.shr_u(a26, 4), a30), m); a26 = v128.xor(a26, i32x4.shl(t, 4)); a30 = v128.xor(a30, t);
  t = v128.and(v128.xor(i32x4.shr_u(a27, 4), a31), m); a27 = v128.xor(a27, i32x4.shl(t, 4)); a31 = v128.xor(a31, t);
  m = i32x4.splat(858993459);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 2), a2), m); a0 = v128.xor(a0, i32x4.shl(t, 2)); a2 = v128.xor(a2, t);
  t = v128.and(v128.xor(i32x4.shr_u(a1, 2), a3), m); a1 = v128.xor(a1, i32x4.shl(t, 2)); a3 = v128.xor(a3, t);
  t = v128.and(v128.xor(i32x4.shr_u(a4, 2), a6), m); a4 = v128.xor(a4, i32x4.shl(t, 2)); a6 = v128.xor(a6, t);
  t = v128.and(v128.xor(i32x4.shr_u(a5, 2), a7), m); a5 = v128.xor(a5, i32x4.shl(t, 2)); a7 = v128.xor(a7, t);
  t = v128.and(v128.xor(i32x4.shr_u(a8, 2), a10), m); a8 = v128.xor(a8, i32x4.shl(t, 2)); a10 = v128.xor(a10, t);
  t = v128.and(v128.xor(i32x4.shr_u(a9, 2), a11), m); a9 = v128.xor(a9, i32x4.shl(t, 2)); a11 = v128.xor(a11, t);
  t = v128.and(v128.xor(i32x4.shr_u(a12, 2), a14), m); a12 = v128.xor(a12, i32x4.shl(t, 2)); a14 = v128.xor(a14, t);
  t = v128.and(v128.xor(i32x4.shr_u(a13, 2), a15), m); a13 = v128.xor(a13, i32x4.shl(t, 2)); a15 = v128.xor(a15, t);
  t = v128.and(v128.xor(i32x4.shr_u(a16, 2), a18), m); a16 = v128.xor(a16, i32x4.shl(t, 2)); a18 = v128.xor(a18, t);
  t = v128.and(v128.xor(i32x4.shr_u(a17, 2), a19), m); a17 = v128.xor(a17, i32x4.shl(t, 2)); a19 = v128.xor(a19, t);
  t = v128.and(v128.xor(i32x4.shr_u(a20, 2), a22), m); a20 = v128.xor(a20, i32x4.shl(t, 2)); a22 = v128.xor(a22, t);
  t = v128.and(v128.xor(i32x4.shr_u(a21, 2), a23), m); a21 = v128.xor(a21, i32x4.shl(t, 2)); a23 = v128.xor(a23, t);
  t = v128.and(v128.xor(i32x4.shr_u(a24, 2), a26), m); a24 = v128.xor(a24, i32x4.shl(t, 2)); a26 = v128.xor(a26, t);
  t = v128.and(v128.xor(i32x4.shr_u(a25, 2), a27), m); a25 = v128.xor(a25, i32x4.shl(t, 2)); a27 = v128.xor(a27, t);
  t = v128.and(v128.xor(i32x4.shr_u(a28, 2), a30), m); a28 = v128.xor(a28, i32x4.shl(t, 2)); a30 = v128.xor(a30, t);
  t = v128.and(v128.xor(i32x4.shr_u(a29, 2), a31), m); a29 = v128.xor(a29, i32x4.shl(t, 2)); a31 = v128.xor(a31, t);
  m = i32x4.splat(1431655765);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 1), a1), m); a0 = v128.xor(a0, i32x4.shl(t, 1)); a1 = v128.xor(a1, t);
  t = v128.and(v128.xor(i32x4.shr_u(a2, 1), a3), m); a2 = v128.xor(a2, i32x4.shl(t, 1)); a3 = v128.xor(a3, t);
  t = v128.and(v128.xor(i32x4.shr_u(a4, 1), a5), m); a4 = v128.xor(a4, i32x4.shl(t, 1)); a5 = v128.xor(a5, t);
  t = v128.and(v128.xor(i32x4.shr_u(a6, 1), a7), m); a6 = v128.xor(a6, i32x4.shl(t, 1)); a7 = v128.xor(a7, t);
  t = v128.and(v128.xor(i32x4.shr_u(a8, 1), a9), m); a8 = v128.xor(a8, i32x4.shl(t, 1)); a9 = v128.xor(a9, t);
  t = v128.and(v128.xor(i32x4.shr_u(a10, 1), a11), m); a10 = v128.xor(a10, i32x4.shl(t, 1)); a11 = v128.xor(a11, t);
  t = v128.and(v128.xor(i32x4.shr_u(a12, 1), a13), m); a12 = v128.xor(a12, i32x4.shl(t, 1)); a13 = v128.xor(a13, t);
  t = v128.and(v128.xor(i32x4.shr_u(a14, 1), a15), m); a14 = v128.xor(a14, i32x4.shl(t, 1)); a15 = v128.xor(a15, t);
  t = v128.and(v128.xor(i32x4.shr_u(a16, 1), a17), m); a16 = v128.xor(a16, i32x4.shl(t, 1)); a17 = v128.xor(a17, t);
  t = v128.and(v128.xor(i32x4.shr_u(a18, 1), a19), m); a18 = v128.xor(a18, i32x4.shl(t, 1)); a19 = v128.xor(a19, t);
  t = v128.and(v128.xor(i32x4.shr_u(a20, 1), a21), m); a20 = v128.xor(a20, i32x4.shl(t, 1)); a21 = v128.xor(a21, t);
  t = v128.and(v128.xor(i32x4.shr_u(a22, 1), a23), m); a22 = v128.xor(a22, i32x4.shl(t, 1)); a23 = v128.xor(a23, t);
  t = v128.and(v128.xor(i32x4.shr_u(a24, 1), a25), m); a24 = v128.xor(a24, i32x4.shl(t, 1)); a25 = v128.xor(a25, t);
  t = v128.and(v128.xor(i32x4.shr_u(a26, 1), a27), m); a26 = v128.xor(a26, i32x4.shl(t, 1)); a27 = v128.xor(a27, t);
  t = v128.and(v128.xor(i32x4.shr_u(a28, 1), a29), m); a28 = v128.xor(a28, i32x4.shl(t, 1)); a29 = v128.xor(a29, t);
  t = v128.and(v128.xor(i32x4.shr_u(a30, 1), a31), m); a30 = v128.xor(a30, i32x4.shl(t, 1)); a31 = v128.xor(a31, t);
  // Word i of tile 4·tq + u goes to info row 32·(4·tq + u) + i, this slab: X + row · ROW.
  const r0 = x + ((<usize>tq << 7) << ROW_SHIFT);
  store<i32>(r0 + ((0) << ROW_SHIFT), i32x4.extract_lane(a0, 0));
  store<i32>(r0 + ((1) << ROW_SHIFT), i32x4.extract_lane(a1, 0));
  store<i32>(r0 + ((2) << ROW_SHIFT), i32x4.extract_lane(a2, 0));
  store<i32>(r0 + ((3) << ROW_SHIFT), i32x4.extract_lane(a3, 0));
  store<i32>(r0 + ((4) << ROW_SHIFT), i32x4.extract_lane(a4, 0));
  store<i32>(r0 + ((5) << ROW_SHIFT), i32x4.extract_lane(a5, 0));
  store<i32>(r0 + ((6) << ROW_SHIFT), i32x4.extract_lane(a6, 0));
  store<i32>(r0 + ((7) << ROW_SHIFT), i32x4.extract_lane(a7, 0));
  store<i32>(r0 + ((8) << ROW_SHIFT), i32x4.extract_lane(a8, 0));
  store<i32>(r0 + ((9) << ROW_SHIFT), i32x4.extract_lane(a9, 0));
  store<i32>(r0 + ((10) << ROW_SHIFT), i32x4.extract_lane(a10, 0));
  store<i32>(r0 + ((11) << ROW_SHIFT), i32x4.extract_lane(a11, 0));
  store<i32>(r0 + ((12) << ROW_SHIFT), i32x4.extract_lane(a12, 0));
  store<i32>(r0 + ((13) << ROW_SHIFT), i32x4.extract_lane(a13, 0));
  store<i32>(r0 + ((14) << ROW_SHIFT), i32x4.extract_lane(a14, 0));
  store<i32>(r0 + ((15) << ROW_SHIFT), i32x4.extract_lane(a15, 0));
  store<i32>(r0 + ((16) << ROW_SHIFT), i32x4.extract_lane(a16, 0));
  store<i32>(r0 + ((17) << ROW_SHIFT), i32x4.extract_lane(a17, 0));
  store<i32>(r0 + ((18) << ROW_SHIFT), i32x4.extract_lane(a18, 0));
  store<i32>(r0 + ((19) << ROW_SHIFT), i32x4.extract_lane(a19, 0));
  store<i32>(r0 + ((20) << ROW_SHIFT), i32x4.extract_lane(a20, 0));
  store<i32>(r0 + ((21) << ROW_SHIFT), i32x4.extract_lane(a21, 0));
  store<i32>(r0 + ((22) << ROW_SHIFT), i32x4.extract_lane(a22, 0));
  store<i32>(r0 + ((23) << ROW_SHIFT), i32x4.extract_lane(a23, 0));
  store<i32>(r0 + ((24) << ROW_SHIFT), i32x4.extract_lane(a24, 0));
  store<i32>(r0 + ((25) << ROW_SHIFT), i32x4.extract_lane(a25, 0));
  store<i32>(r0 + ((26) << ROW_SHIFT), i32x4.extract_lane(a26, 0));
  store<i32>(r0 + ((27) << ROW_SHIFT), i32x4.extract_lane(a27, 0));
  store<i32>(r0 + ((28) << ROW_SHIFT), i32x4.extract_lane(a28, 0));
  store<i32>(r0 + ((29) << ROW_SHIFT), i32x4.extract_lane(a29, 0));
  store<i32>(r0 + ((30) << ROW_SHIFT), i32x4.extract_lane(a30, 0));
  store<i32>(r0 + ((31) << ROW_SHIFT), i32x4.extract_lane(a31, 0));
  store<i32>(r0 + ((32) << ROW_SHIFT), i32x4.extract_lane(a0, 1));
  store<i32>(r0 + ((33) << ROW_SHIFT), i32x4.extract_lane(a1, 1));
  store<i32>(r0 + ((34) << ROW_SHIFT), i32x4.extract_lane(a2, 1));
  store<i32>(r0 + ((35) << ROW_SHIFT), i32x4.extract_lane(a3, 1));
  store<i32>(r0 + ((36) << ROW_SHIFT), i32x4.extract_lane(a4, 1));
  store<i32>(r0 + ((37) << ROW_SHIFT), i32x4.extract_lane(a5, 1));
  store<i32>(r0 + ((38) << ROW_SHIFT), i32x4.extract_lane(a6, 1));
  store<i32>(r0 + ((39) << ROW_SHIFT), i32x4.extract_lane(a7, 1));
  store<i32>(r0 + ((40) << ROW_SHIFT), i32x4.extract_lane(a8, 1));
  store<i32>(r0 + ((41) << ROW_SHIFT), i32x4.extract_lane(a9, 1));
  store<i32>(r0 + ((42) << ROW_SHIFT), i32x4.extract_lane(a10, 1));
  store<i32>(r0 + ((43) << ROW_SHIFT), i32x4.extract_lane(a11, 1));
  store<i32>(r0 + ((44) << ROW_SHIFT), i32x4.extract_lane(a12, 1));
  store<i32>(r0 + ((45) << ROW_SHIFT), i32x4.extract_lane(a13, 1));
  store<i32>(r0 + ((46) << ROW_SHIFT), i32x4.extract_lane(a14, 1));
  store<i32>(r0 + ((47) << ROW_SHIFT), i32x4.extract_lane(a15, 1));
  store<i32>(r0 + ((48) << ROW_SHIFT), i32x4.extract_lane(a16, 1));
  store<i32>(r0 + ((49) << ROW_SHIFT), i32x4.extract_lane(a17, 1));
  store<i32>(r0 + ((50) << ROW_SHIFT), i32x4.extract_lane(a18, 1));
  store<i32>(r0 + ((51) << ROW_SHIFT), i32x4.extract_lane(a19, 1));
  store<i32>(r0 + ((52) << ROW_SHIFT), i32x4.extract_lane(a20, 1));
  store<i32>(r0 + ((53) << ROW_SHIFT), i32x4.extract_lane(a21, 1));
  store<i32>(r0 + ((54) << ROW_SHIFT), i32x4.extract_lane(a22, 1));
  store<i32>(r0 + ((55) << ROW_SHIFT), i32x4.extract_lane(a23, 1));
  store<i32>(r0 + ((56) << ROW_SHIFT), i32x4.extract_lane(a24, 1));
  store<i32>(r0 + ((57) << ROW_SHIFT), i32x4.extract_lane(a25, 1));
  store<i32>(r0 + ((58) << ROW_SHIFT), i32x4.extract_lane(a26, 1));
  store<i32>(r0 + ((59) << ROW_SHIFT), i32x4.extract_lane(a27, 1));
  store<i32>(r0 + ((60) << ROW_SHIFT), i32x4.extract_lane(a28, 1));
  store<i32>(r0 + ((61) << ROW_SHIFT), i32x4.extract_lane(a29, 1));
  store<i32>(r0 + ((62) << ROW_SHIFT), i32x4.extract_lane(a30, 1));
  store<i32>(r0 + ((63) << ROW_SHIFT), i32x4.extract_lane(a31, 1));
  store<i32>(r0 + ((64) << ROW_SHIFT), i32x4.extract_lane(a0, 2));
  store<i32>(r0 + ((65) << ROW_SHIFT), i32x4.extract_lane(a1, 2));
  store<i32>(r0 + ((66) << ROW_SHIFT), i32x4.extract_lane(a2, 2));
  store<i32>(r0 + ((67) << ROW_SHIFT), i32x4.extract_lane(a3, 2));
  store<i32>(r0 + ((68) << ROW_SHIFT), i32x4.extract_lane(a4, 2));
  store<i32>(r0 + ((69) << ROW_SHIFT), i32x4.extract_lane(a5, 2));
  store<i32>(r0 + ((70) << ROW_SHIFT), i32x4.extract_lane(a6, 2));
  store<i32>(r0 + ((71) << ROW_SHIFT), i32x4.extract_lane(a7, 2));
  store<i32>(r0 + ((72) << ROW_SHIFT), i32x4.extract_lane(a8, 2));
  store<i32>(r0 + ((73) << ROW_SHIFT), i32x4.extract_lane(a9, 2));
  store<i32>(r0 + ((74) << ROW_SHIFT), i32x4.extract_lane(a10, 2));
  store<i32>(r0 + ((75) << ROW_SHIFT), i32x4.extract_lane(a11, 2));
  store<i32>(r0 + ((76) << ROW_SHIFT), i32x4.extract_lane(a12, 2));
  store<i32>(r0 + ((77) << ROW_SHIFT), i32x4.extract_lane(a13, 2));
  store<i32>(r0 + ((78) << ROW_SHIFT), i32x4.extract_lane(a14, 2));
  store<i32>(r0 + ((79) << ROW_SHIFT), i32x4.extract_lane(a15, 2));
  store<i32>(r0 + ((80) << ROW_SHIFT), i32x4.extract_lane(a16, 2));
  store<i32>(r0 + ((81) << ROW_SHIFT), i32x4.extract_lane(a17, 2));
  store<i32>(r0 + ((82) << ROW_SHIFT), i32x4.extract_lane(a18, 2));
  store<i32>(r0 + ((83) << ROW_SHIFT), i32x4.extract_lane(a19, 2));
  store<i32>(r0 + ((84) << ROW_SHIFT), i32x4.extract_lane(a20, 2));
  store<i32>(r0 + ((85) << ROW_SHIFT), i32x4.extract_lane(a21, 2));
  store<i32>(r0 + ((86) << ROW_SHIFT), i32x4.extract_lane(a22, 2));
  store<i32>(r0 + ((87) << ROW_SHIFT), i32x4.extract_lane(a23, 2));
  store<i32>(r0 + ((88) << ROW_SHIFT), i32x4.extract_lane(a24, 2));
  store<i32>(r0 + ((89) << ROW_SHIFT), i32x4.extract_lane(a25, 2));
  store<i32>(r0 + ((90) << ROW_SHIFT), i32x4.extract_lane(a26, 2));
  store<i32>(r0 + ((91) << ROW_SHIFT), i32x4.extract_lane(a27, 2));
  store<i32>(r0 + ((92) << ROW_SHIFT), i32x4.extract_lane(a28, 2));
  store<i32>(r0 + ((93) << ROW_SHIFT), i32x4.extract_lane(a29, 2));
  store<i32>(r0 + ((94) << ROW_SHIFT), i32x4.extract_lane(a30, 2));
  store<i32>(r0 + ((95) << ROW_SHIFT), i32x4.extract_lane(a31, 2));
  store<i32>(r0 + ((96) << ROW_SHIFT), i32x4.extract_lane(a0, 3));
  store<i32>(r0 + ((97) << ROW_SHIFT), i32x4.extract_lane(a1, 3));
  store<i32>(r0 + ((98) << ROW_SHIFT), i32x4.extract_lane(a2, 3));
  store<i32>(r0 + ((99) << ROW_SHIFT), i32x4.extract_lane(a3, 3));
  store<i32>(r0 + ((100) << ROW_SHIFT), i32x4.extract_lane(a4, 3));
  store<i32>(r0 + ((101) << ROW_SHIFT), i32x4.extract_lane(a5, 3));
  store<i32>(r0 + ((102) << ROW_SHIFT), i32x4.extract_lane(a6, 3));
  store<i32>(r0 + ((103) << ROW_SHIFT), i32x4.extract_lane(a7, 3));
  store<i32>(r0 + ((104) << ROW_SHIFT), i32x4.extract_lane(a8, 3));
  store<i32>(r0 + ((105) << ROW_SHIFT), i32x4.extract_lane(a9, 3));
  store<i32>(r0 + ((106) << ROW_SHIFT), i32x4.extract_lane(a10, 3));
  store<i32>(r0 + ((107) << ROW_SHIFT), i32x4.extract_lane(a11, 3));
  store<i32>(r0 + ((108) << ROW_SHIFT), i32x4.extract_lane(a12, 3));
  store<i32>(r0 + ((109) << ROW_SHIFT), i32x4.extract_lane(a13, 3));
  store<i32>(r0 + ((110) << ROW_SHIFT), i32x4.extract_lane(a14, 3));
  store<i32>(r0 + ((111) << ROW_SHIFT), i32x4.extract_lane(a15, 3));
  store<i32>(r0 + ((112) << ROW_SHIFT), i32x4.extract_lane(a16, 3));
  store<i32>(r0 + ((113) << ROW_SHIFT), i32x4.extract_lane(a17, 3));
  store<i32>(r0 + ((114) << ROW_SHIFT), i32x4.extract_lane(a18, 3));
  store<i32>(r0 + ((115) << ROW_SHIFT), i32x4.extract_lane(a19, 3));
  store<i32>(r0 + ((116) << ROW_SHIFT), i32x4.extract_lane(a20, 3));
  store<i32>(r0 + ((117) << ROW_SHIFT), i32x4.extract_lane(a21, 3));
  store<i32>(r0 + ((118) << ROW_SHIFT), i32x4.extract_lane(a22, 3));
  store<i32>(r0 + ((119) << ROW_SHIFT), i32x4.extract_lane(a23, 3));
  store<i32>(r0 + ((120) << ROW_SHIFT), i32x4.extract_lane(a24, 3));
  store<i32>(r0 + ((121) << ROW_SHIFT), i32x4.extract_lane(a25, 3));
  store<i32>(r0 + ((122) << ROW_SHIFT), i32x4.extract_lane(a26, 3));
  store<i32>(r0 + ((123) << ROW_SHIFT), i32x4.extract_lane(a27, 3));
  store<i32>(r0 + ((124) << ROW_SHIFT), i32x4.extract_lane(a28, 3));
  store<i32>(r0 + ((125) << ROW_SHIFT), i32x4.extract_lane(a29, 3));
  store<i32>(r0 + ((126) << ROW_SHIFT), i32x4.extract_lane(a30, 3));
  store<i32>(r0 + ((127) << ROW_SHIFT), i32x4.extract_lane(a31, 3));
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
  for (let j = 0; j < 32; j++) {
    const b = (s << 5) + j;
    const from = src + <usize>b * <usize>p;
    const slot = crcs + (<usize>j << 2);
    if (b + 3 < l && (j & 3) == 0) blockCrc4(t, from, p, seed, first + <u64>b, slot, 4);
    if (b < l) {
      store<i32>(bases + (<usize>j << 2), <i32>(from - 4));
      if (b + 3 - (j & 3) >= l) {
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
 * (⌈l·N / 8⌉ bytes, 8 of slack after them). Lanes ≥ l of the last slab are masked off.
 */
export function packGroup(h: usize, w: i32, l: i32, dst: usize): void {
  const n = load<i32>(h, H_N);
  const out = <usize>load<i32>(h, H_OUT);
  const bytes = (<usize>l * <usize>n + 7) >>> 3;
  memory.fill(dst, 0, bytes + 8);
  const last = l - ((w - 1) << 5);
  const lastMask: u32 = last >= 32 ? 0xffffffff : (<u32>1 << last) - 1;
  let q = out;
  for (let v = 0; v < n; v++) {
    const row = <usize>v * <usize>l;
    for (let s = 0; s < w; s++, q += 4) {
      let x = load<u32>(q);
      if (s == w - 1) x &= lastMask;
      const bit = row + (<usize>s << 5);
      const b = dst + (bit >>> 3);
      store<u64>(b, load<u64>(b) | ((<u64>x) << (<u64>(bit & 7))));
    }
  }
}
