//! out dist/codec/codec-check.wasm --importMemory
// hopcode/assembly/codec-check — WebAssembly SIMD kernel of the codec's clean-data check
// (AssemblyScript, compiled by `npm run build` into dist/codec/codec-check.wasm; the JS side
// is src/codec/simd-check.ts, the naive twin the JS path of BlockCodec.decodeGroupWords).
//
// One v128 = the same word of 4 consecutive slabs (group words G in file layout: word v·W + s
// = input v of blocks 32s … 32s + 31, so G[v·W + 4q … 4q + 3] are 16 contiguous bytes).
// Rows of G in this memory are W4 = ⌈W/4⌉·4 words wide; row n is kept zero (the rows of a
// tile past K point at it).
//  - prefix: the first rows of H (block-codec PREFIX_ROWS) over all slabs, 4 slabs per XOR;
//  - stage: the 32×32 bit transposes (Hacker's Delight §7-3: five rounds of block swaps,
//    run on 4 tiles at once) of the information rows into lane-major words, the layout
//    BlockCodec.check reads (lane j of slab s: tiles words at stage + ((32s + j)·tiles)·4);
//    the rounds commute (round j swaps bit j of the row and the column index), so rounds
//    4, 2, 1 run on 8 rows in registers and rounds 8, 16 on 4 rows;
//  - check: per lane CRC-32C (slicing-by-8, Kounavis & Berry 2005; tables in memory at
//    TAB) of the payload, continued by the block index as u64 LE, compared with the lane's
//    CRC word, and the zero padding. The result is a fail mask per slab: JS copies payloads
//    from the staged lanes to dst only for slabs without failures (copying them here on the
//    way, into a contiguous area, measured the same within noise: one-process A/B 0.93–1.14×
//    over 7 runs; this way needs 1.8 MB less memory).

// --- prefix syndrome ---------------------------------------------------------------------

/** out[q] (v128 per quad of slabs) = OR over rows r < rows of XOR_{e in row r} G[col[e]]. acc: W4/4 v128 of scratch. */
export function prefix(g: usize, w4: i32, rows: i32, ptr: usize, col: usize, out: usize, acc: usize): void {
  const rowBytes = <usize>w4 << 2;
  memory.fill(out, 0, rowBytes);
  for (let r = 0; r < rows; r++) {
    const lo = load<i32>(ptr + (<usize>r << 2));
    const hi = load<i32>(ptr + (<usize>r << 2), 4);
    if (lo >= hi) continue;
    // Each edge XORs a whole row of G (all slabs): sequential 16-byte loads.
    memory.copy(acc, g + <usize>load<i32>(col + (<usize>lo << 2)) * rowBytes, rowBytes);
    for (let e = lo + 1; e < hi; e++) {
      const b = g + <usize>load<i32>(col + (<usize>e << 2)) * rowBytes;
      for (let q: usize = 0; q < rowBytes; q += 16) v128.store(acc + q, v128.xor(v128.load(acc + q), v128.load(b + q)));
    }
    for (let q: usize = 0; q < rowBytes; q += 16) v128.store(out + q, v128.or(v128.load(out + q), v128.load(acc + q)));
  }
}

// --- transposes --------------------------------------------------------------------------

/** Rounds 4, 2, 1 on rows i0 … i0 + 7 of a tile (rows of G: rowIdx[i]), into scratch[8·sub …]. */
function sub8(g: usize, rowBytes: usize, rowIdx: usize, i0: i32, qOff: usize, dst: usize): void {
  const ri = rowIdx + (<usize>i0 << 2);
  const base = g + qOff;
  let a0 = v128.load(base + <usize>load<i32>(ri) * rowBytes);
  let a1 = v128.load(base + <usize>load<i32>(ri, 4) * rowBytes);
  let a2 = v128.load(base + <usize>load<i32>(ri, 8) * rowBytes);
  let a3 = v128.load(base + <usize>load<i32>(ri, 12) * rowBytes);
  let a4 = v128.load(base + <usize>load<i32>(ri, 16) * rowBytes);
  let a5 = v128.load(base + <usize>load<i32>(ri, 20) * rowBytes);
  let a6 = v128.load(base + <usize>load<i32>(ri, 24) * rowBytes);
  let a7 = v128.load(base + <usize>load<i32>(ri, 28) * rowBytes);
  let t: v128;
  let m = i32x4.splat(0x0f0f0f0f);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 4), a4), m); a0 = v128.xor(a0, i32x4.shl(t, 4)); a4 = v128.xor(a4, t);
  t = v128.and(v128.xor(i32x4.shr_u(a1, 4), a5), m); a1 = v128.xor(a1, i32x4.shl(t, 4)); a5 = v128.xor(a5, t);
  t = v128.and(v128.xor(i32x4.shr_u(a2, 4), a6), m); a2 = v128.xor(a2, i32x4.shl(t, 4)); a6 = v128.xor(a6, t);
  t = v128.and(v128.xor(i32x4.shr_u(a3, 4), a7), m); a3 = v128.xor(a3, i32x4.shl(t, 4)); a7 = v128.xor(a7, t);
  m = i32x4.splat(0x33333333);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 2), a2), m); a0 = v128.xor(a0, i32x4.shl(t, 2)); a2 = v128.xor(a2, t);
  t = v128.and(v128.xor(i32x4.shr_u(a1, 2), a3), m); a1 = v128.xor(a1, i32x4.shl(t, 2)); a3 = v128.xor(a3, t);
  t = v128.and(v128.xor(i32x4.shr_u(a4, 2), a6), m); a4 = v128.xor(a4, i32x4.shl(t, 2)); a6 = v128.xor(a6, t);
  t = v128.and(v128.xor(i32x4.shr_u(a5, 2), a7), m); a5 = v128.xor(a5, i32x4.shl(t, 2)); a7 = v128.xor(a7, t);
  m = i32x4.splat(0x55555555);
  t = v128.and(v128.xor(i32x4.shr_u(a0, 1), a1), m); a0 = v128.xor(a0, i32x4.shl(t, 1)); a1 = v128.xor(a1, t);
  t = v128.and(v128.xor(i32x4.shr_u(a2, 1), a3), m); a2 = v128.xor(a2, i32x4.shl(t, 1)); a3 = v128.xor(a3, t);
  t = v128.and(v128.xor(i32x4.shr_u(a4, 1), a5), m); a4 = v128.xor(a4, i32x4.shl(t, 1)); a5 = v128.xor(a5, t);
  t = v128.and(v128.xor(i32x4.shr_u(a6, 1), a7), m); a6 = v128.xor(a6, i32x4.shl(t, 1)); a7 = v128.xor(a7, t);
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
  v128.store(dst, a2, 32);
  v128.store(dst, a3, 48);
  v128.store(dst, a4, 64);
  v128.store(dst, a5, 80);
  v128.store(dst, a6, 96);
  v128.store(dst, a7, 112);
}

/** One tile of 4 slabs (rows i0 … i0 + 31 of quad qOff) transposed into s[0 … 32) (v128 r = row r of the 4 tiles). */
function tile(g: usize, rowBytes: usize, rowIdx: usize, i0: i32, qOff: usize, s: usize): void {
  sub8(g, rowBytes, rowIdx, i0, qOff, s);
  sub8(g, rowBytes, rowIdx, i0 + 8, qOff, s + 128);
  sub8(g, rowBytes, rowIdx, i0 + 16, qOff, s + 256);
  sub8(g, rowBytes, rowIdx, i0 + 24, qOff, s + 384);
  const m8 = i32x4.splat(0x00ff00ff);
  const m16 = i32x4.splat(0x0000ffff);
  for (let k = 0; k < 8; k++) {
    const x0 = s + (<usize>k << 4);
    let a = v128.load(x0);
    let b = v128.load(x0, 128);
    let c = v128.load(x0, 256);
    let d = v128.load(x0, 384);
    let x = v128.and(v128.xor(i32x4.shr_u(a, 8), b), m8); a = v128.xor(a, i32x4.shl(x, 8)); b = v128.xor(b, x);
    x = v128.and(v128.xor(i32x4.shr_u(c, 8), d), m8); c = v128.xor(c, i32x4.shl(x, 8)); d = v128.xor(d, x);
    x = v128.and(v128.xor(i32x4.shr_u(a, 16), c), m16); a = v128.xor(a, i32x4.shl(x, 16)); c = v128.xor(c, x);
    x = v128.and(v128.xor(i32x4.shr_u(b, 16), d), m16); b = v128.xor(b, i32x4.shl(x, 16)); d = v128.xor(d, x);
    v128.store(x0, a);
    v128.store(x0, b, 128);
    v128.store(x0, c, 256);
    v128.store(x0, d, 384);
  }
}

/**
 * Lane-major words of the quads listed at quads[0 … nq) (quad q = slabs 4q … 4q + 3), four
 * tiles at a time: for those tiles the quads' loads hit the same 128 rows of G (in L1). Lane j
 * of slab s gets tiles4 words at out + (32s + j)·tiles4·4 (tiles4 = tiles rounded up to 4:
 * rowIdx has 32·tiles4 entries, those past K = n, the zero row). Row r of the 4 transposed
 * tiles holds word t … t + 3 of lane r for 4 slabs; a 4×4 transpose of 32-bit words makes
 * that one 16-byte store per slab (instead of 16 scalar stores). scratch: 128 v128.
 */
export function stage(g: usize, w4: i32, rowIdx: usize, tiles4: i32, quads: usize, nq: i32, out: usize, scratch: usize): void {
  const rowBytes = <usize>w4 << 2;
  const laneStep = <usize>tiles4 << 2;
  const slabStep = laneStep << 5;
  for (let t = 0; t < tiles4; t += 4) {
    const i0 = t << 5;
    for (let c = 0; c < nq; c++) {
      const q = <usize>load<i32>(quads + (<usize>c << 2));
      const qOff = q << 4;
      tile(g, rowBytes, rowIdx, i0, qOff, scratch);
      tile(g, rowBytes, rowIdx, i0 + 32, qOff, scratch + 512);
      tile(g, rowBytes, rowIdx, i0 + 64, qOff, scratch + 1024);
      tile(g, rowBytes, rowIdx, i0 + 96, qOff, scratch + 1536);
      const p = out + q * 4 * slabStep + (<usize>t << 2);
      for (let r = 0; r < 32; r++) {
        const x0 = scratch + (<usize>r << 4);
        const v0 = v128.load(x0);
        const v1 = v128.load(x0, 512);
        const v2 = v128.load(x0, 1024);
        const v3 = v128.load(x0, 1536);
        const a = i32x4.shuffle(v0, v1, 0, 4, 1, 5);
        const b = i32x4.shuffle(v2, v3, 0, 4, 1, 5);
        const c2 = i32x4.shuffle(v0, v1, 2, 6, 3, 7);
        const d = i32x4.shuffle(v2, v3, 2, 6, 3, 7);
        const o = p + <usize>r * laneStep;
        v128.store(o, i64x2.shuffle(a, b, 0, 2));
        v128.store(o + slabStep, i64x2.shuffle(a, b, 1, 3));
        v128.store(o + 2 * slabStep, i64x2.shuffle(c2, d, 0, 2));
        v128.store(o + 3 * slabStep, i64x2.shuffle(c2, d, 1, 3));
      }
    }
  }
}

// --- CRC check ---------------------------------------------------------------------------

/**
 * The slicing-by-8 tables live at this fixed address (the JS side puts them there): a
 * lookup is then one load at [index + constant], the index pre-scaled by the mask
 * (x >>> 6) & 0x3fc = 4·byte 1, with no address add (issue 12: ~35 % fewer operations).
 */
const TAB: usize = 1024;

/** CRC-32C of one 32-bit word (4 bytes LE) continuing state c (not inverted: the raw register). */
@inline function crcWord(c: u32, word: u32): u32 {
  const x = c ^ word;
  return load<u32>((x << 2) & 0x3fc, TAB + 3072) ^
    load<u32>((x >>> 6) & 0x3fc, TAB + 2048) ^
    load<u32>((x >>> 14) & 0x3fc, TAB + 1024) ^
    load<u32>((x >>> 22) & 0x3fc, TAB);
}

/** One slicing-by-8 step: the raw register c after the 8 bytes v (LE). */
@inline function crc8(c: u32, v: u64): u32 {
  const lo = c ^ <u32>v;
  const hi = <u32>(v >>> 32);
  return load<u32>((lo << 2) & 0x3fc, TAB + 7168) ^
    load<u32>((lo >>> 6) & 0x3fc, TAB + 6144) ^
    load<u32>((lo >>> 14) & 0x3fc, TAB + 5120) ^
    load<u32>((lo >>> 22) & 0x3fc, TAB + 4096) ^
    load<u32>((hi << 2) & 0x3fc, TAB + 3072) ^
    load<u32>((hi >>> 6) & 0x3fc, TAB + 2048) ^
    load<u32>((hi >>> 14) & 0x3fc, TAB + 1024) ^
    load<u32>((hi >>> 22) & 0x3fc, TAB);
}

/** One byte: the raw register c after byte x. */
@inline function crc1(c: u32, x: u32): u32 {
  return load<u32>(((c ^ x) << 2) & 0x3fc, TAB) ^ (c >>> 8);
}

/** The payload's CRC register (from ~seed) of the lane at `lane`. */
function laneCrc(lane: usize, p: i32, seed: u32): u32 {
  let cr: u32 = ~seed;
  const steps = p >>> 3;
  let src = lane + 4;
  for (let i = 0; i < steps; i++, src += 8) {
    const v = load<u64>(src);
    cr = crc8(cr, v);
  }
  for (let i = steps << 3; i < p; i++, src++) {
    const x = load<u8>(src);
    cr = crc1(cr, x);
  }
  return cr;
}

/** Does lane j of block b pass: CRC (register cr after the payload) and zero padding. */
function lanePasses(lane: usize, laneBytes: usize, cr: u32, idx: u64, p: i32, valid: i32, b: i32): bool {
  cr = crcWord(crcWord(cr, <u32>idx), <u32>(idx >>> 32));
  // Padding: every byte after the payload, and the payload bytes past the data length.
  let z: u32 = 0;
  for (let x = lane + 4 + <usize>p, e = lane + laneBytes; x < e; x++) z |= load<u8>(x);
  const len = min(p, max(0, valid - b * p));
  for (let x = lane + 4 + <usize>len, e = lane + 4 + <usize>p; x < e; x++) z |= load<u8>(x);
  return ~cr == load<u32>(lane) && z == 0;
}

/**
 * For each slab s listed at slabs[0 … ns): lanes j < min(32, l − 32s) of the staged words at
 * lanes + ((32s + j)·tiles)·4. Lane j (block b = 32s + j, index first + b) passes when its CRC
 * word equals CRC-32C(seed; payload P bytes; u64 LE first + b), its bytes past 4 + P (up to
 * 4·tiles) are zero, and so are its payload bytes past valid − b·P (the group's last, short
 * block). fail[s] (i32) = lanes that failed.
 * Four lanes at a time: their CRC chains are independent, so the table loads of one overlap
 * the others' (one chain is bound by the latency of load → XOR → load).
 */
export function check(lanes: usize, tiles: i32, p: i32, slabs: usize, ns: i32, l: i32, first: f64, seed: u32, valid: i32, fail: usize): void {
  const laneBytes = <usize>tiles << 2;
  const first64 = <u64>first;
  const steps = p >>> 3;
  const lb = laneBytes;
  for (let c = 0; c < ns; c++) {
    const s = load<i32>(slabs + (<usize>c << 2));
    const nl = min(32, l - (s << 5));
    let failed: i32 = 0;
    let j = 0;
    for (; j + 4 <= nl; j += 4) {
      const b = (s << 5) + j;
      const lane = lanes + <usize>b * laneBytes;
      let c0: u32 = ~seed, c1: u32 = ~seed, c2: u32 = ~seed, c3: u32 = ~seed;
      let src = lane + 4;
      for (let i = 0; i < steps; i++, src += 8) {
        const v0 = load<u64>(src);
        const v1 = load<u64>(src + lb);
        const v2 = load<u64>(src + 2 * lb);
        const v3 = load<u64>(src + 3 * lb);
        c0 = crc8(c0, v0);
        c1 = crc8(c1, v1);
        c2 = crc8(c2, v2);
        c3 = crc8(c3, v3);
      }
      for (let i = steps << 3; i < p; i++, src++) {
        const x0 = load<u8>(src), x1 = load<u8>(src + lb), x2 = load<u8>(src + 2 * lb), x3 = load<u8>(src + 3 * lb);
        c0 = crc1(c0, x0);
        c1 = crc1(c1, x1);
        c2 = crc1(c2, x2);
        c3 = crc1(c3, x3);
      }
      const idx = first64 + <u64>b;
      if (!lanePasses(lane, lb, c0, idx, p, valid, b)) failed |= 1 << j;
      if (!lanePasses(lane + lb, lb, c1, idx + 1, p, valid, b + 1)) failed |= 2 << j;
      if (!lanePasses(lane + 2 * lb, lb, c2, idx + 2, p, valid, b + 2)) failed |= 4 << j;
      if (!lanePasses(lane + 3 * lb, lb, c3, idx + 3, p, valid, b + 3)) failed |= 8 << j;
    }
    for (; j < nl; j++) {
      const b = (s << 5) + j;
      const lane = lanes + <usize>b * laneBytes;
      const cr = laneCrc(lane, p, seed);
      if (!lanePasses(lane, lb, cr, first64 + <u64>b, p, valid, b)) failed |= 1 << j;
    }
    store<i32>(fail + (<usize>s << 2), failed);
  }
}

/**
 * The payloads of blocks from … to − 1 (P bytes after each staged lane's CRC word) to
 * out + b·P, contiguous, so that JS copies a run of good slabs to dst with one `set`
 * (instead of 2048 `set`s of one block each: decodeGroupWords 1.02–1.03× in one-process A/B).
 */
export function gather(lanes: usize, tiles4: i32, p: i32, from: i32, to: i32, out: usize): void {
  const laneBytes = <usize>tiles4 << 2;
  for (let b = from; b < to; b++) memory.copy(out + <usize>b * <usize>p, lanes + <usize>b * laneBytes + 4, <usize>p);
}

// --- short groups --------------------------------------------------------------------------

/**
 * A short group (l blocks, l not a multiple of 128: the last of a file) from its packed
 * file bytes at src into the rows of G this module reads: row v of the file is the l bits
 * from bit v·l (interleave.ts), so word s of row v is the 32 bits from bit v·l + 32s, a
 * funnel shift by (v·l mod 32) of two consecutive words, the same shift for the whole row.
 * Written to g at stride w4 (slabs ≥ w zero, lanes ≥ l of the last slab masked off) and,
 * when words ≠ 0, also at stride w (the file layout of the words, which the JavaScript path
 * reads). src must hold zeros for 32 bytes past the group; words 16 bytes of slack.
 * Naive twin: unpackGroupNaive (interleave.ts), test/codec/short-group.test.ts.
 */
export function unpack(src: usize, l: i32, n: i32, w: i32, w4: i32, g: usize, words: usize): void {
  const last = l - ((w - 1) << 5);
  const lastMask: i32 = last >= 32 ? -1 : (1 << last) - 1;
  const q4 = w4 - 4; // the last quad of a row holds slab w − 1
  const mask = i32x4(
    q4 < w - 1 ? -1 : q4 == w - 1 ? lastMask : 0,
    q4 + 1 < w - 1 ? -1 : q4 + 1 == w - 1 ? lastMask : 0,
    q4 + 2 < w - 1 ? -1 : q4 + 2 == w - 1 ? lastMask : 0,
    q4 + 3 < w - 1 ? -1 : q4 + 3 == w - 1 ? lastMask : 0,
  );
  const rowBytes = <usize>w4 << 2;
  const wordBytes = <usize>w << 2;
  let dg = g;
  let dw = words;
  for (let v = 0; v < n; v++, dg += rowBytes, dw += wordBytes) {
    const t = <usize>v * <usize>l;
    const sh = <i32>(t & 31);
    const a = src + ((t >>> 5) << 2);
    for (let s = 0; s < w4; s += 4) {
      const o = <usize>s << 2;
      let x = v128.load(a + o);
      if (sh != 0) x = v128.or(i32x4.shr_u(x, sh), i32x4.shl(v128.load(a + o, 4), 32 - sh));
      if (s == q4) x = v128.and(x, mask);
      v128.store(dg + o, x);
      // At stride w the last quad runs up to 3 words into the next row, which that row then overwrites.
      if (words != 0) v128.store(dw + o, x);
    }
  }
}
