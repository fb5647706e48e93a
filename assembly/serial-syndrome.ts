//! out dist/decoders/serial-syndrome.wasm --importMemory
// hopcode/assembly/serial-syndrome — WebAssembly SIMD stage 1 of the cluster-serial block
// decoder (src/decoders/serial-block-decoder.ts) for many slabs at once (AssemblyScript,
// compiled by `npm run build` into dist/decoders/serial-syndrome.wasm).
//
// Group words in file layout: word v·S + s holds input v of the 32 blocks of slab s
// (S = the stride, a multiple of 4, so that a v128 holds the same input of 4 slabs).
// 1. rowSyndromes: the bit-sliced syndrome row r = c·b + j of every slab,
//      syn_r[s] = ⊕ g[v·S + s] over the inputs v of row r (bitVar[bitPtr[r] … bitPtr[r+1])),
//    the JavaScript stage 1 with 4 slabs per XOR and 8 v128 accumulators (32 slabs) per
//    pass over a row's inputs;
// 2. laneSyndromes: per cluster c and 4 slabs, the 32×32 bit transpose of its b rows
//    (Hacker's Delight 7-3, the shifts of transpose32 on i32x4), stored lane-major per
//    slab: out[(s·32 + l)·m + c] = syndrome word of cluster c on lane l of slab s.
// 3. gatherLanes: the decoded words of chosen inputs (the codec's information bits),
//    transposed to lane-major words per slab, 4 slabs per v128 (the twin: lanes-fast tIndex).
// The JavaScript twin of 1–2 is SerialBlockDecoder.decodeWords (same syndromes, one slab).
// Memory is imported and never grown (src/util/wasm-module.ts).

/** rows[r·S + s] for r < nRows and s in [4·q0, 4·q1): the bit-sliced syndrome rows of the slabs. */
export function rowSyndromes(nRows: i32, bitPtr: usize, bitVar: usize, g: usize, stride: i32, rows: usize, q0: i32, q1: i32): void {
  const sb = <usize>stride << 2; // bytes per input
  for (let r = 0; r < nRows; r++) {
    const lo = load<i32>(bitPtr + (<usize>r << 2));
    const hi = load<i32>(bitPtr + (<usize>r << 2), 4);
    const o = rows + <usize>r * sb;
    let q = q0;
    // 32 slabs (8 v128) per pass over the row's inputs.
    for (; q + 8 <= q1; q += 8) {
      const at = g + (<usize>q << 4);
      let a0 = i32x4.splat(0);
      let a1 = i32x4.splat(0);
      let a2 = i32x4.splat(0);
      let a3 = i32x4.splat(0);
      let a4 = i32x4.splat(0);
      let a5 = i32x4.splat(0);
      let a6 = i32x4.splat(0);
      let a7 = i32x4.splat(0);
      for (let p = lo; p < hi; p++) {
        const x = at + <usize>load<i32>(bitVar + (<usize>p << 2)) * sb;
        a0 = v128.xor(a0, v128.load(x));
        a1 = v128.xor(a1, v128.load(x, 16));
        a2 = v128.xor(a2, v128.load(x, 32));
        a3 = v128.xor(a3, v128.load(x, 48));
        a4 = v128.xor(a4, v128.load(x, 64));
        a5 = v128.xor(a5, v128.load(x, 80));
        a6 = v128.xor(a6, v128.load(x, 96));
        a7 = v128.xor(a7, v128.load(x, 112));
      }
      const y = o + (<usize>q << 4);
      v128.store(y, a0);
      v128.store(y, a1, 16);
      v128.store(y, a2, 32);
      v128.store(y, a3, 48);
      v128.store(y, a4, 64);
      v128.store(y, a5, 80);
      v128.store(y, a6, 96);
      v128.store(y, a7, 112);
    }
    // The rest 4 slabs at a time.
    for (; q < q1; q++) {
      const at = g + (<usize>q << 4);
      let a = i32x4.splat(0);
      for (let p = lo; p < hi; p++) a = v128.xor(a, v128.load(at + <usize>load<i32>(bitVar + (<usize>p << 2)) * sb));
      v128.store(o + (<usize>q << 4), a);
    }
  }
}

/** One stage of the 32×32 transpose on 4 slabs: rows k and k + j exchange the bits the mask selects. */
@inline function stage(t: usize, j: i32, mask: i32): void {
  const mv = i32x4.splat(mask);
  for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
    const pk = t + (<usize>k << 4);
    const pj = t + (<usize>(k + j) << 4);
    const ak = v128.load(pk);
    const aj = v128.load(pj);
    const x = v128.and(v128.xor(i32x4.shr_u(ak, j), aj), mv);
    v128.store(pj, v128.xor(aj, x));
    v128.store(pk, v128.xor(ak, i32x4.shl(x, j)));
  }
}

/**
 * For slabs [4·q0, 4·q1) and clusters c < m with b syndrome bits each: out[(s·32 + l)·m + c]
 * = bit j of it is bit l of rows[(c·b + j)·S + s]. `tile` is scratch (512 bytes).
 */
export function laneSyndromes(m: i32, b: i32, rows: usize, stride: i32, q0: i32, q1: i32, out: usize, tile: usize): void {
  const sb = <usize>stride << 2;
  const lane = <usize>m << 2; // bytes from lane l to lane l + 1 of a slab
  for (let q = q0; q < q1; q++) {
    const src = rows + (<usize>q << 4);
    const s0 = out + (<usize>q << 7) * lane; // slab 4q, lane 0 (4 slabs · 32 lanes)
    for (let c = 0; c < m; c++) {
      const r0 = src + <usize>(c * b) * sb;
      for (let j = 0; j < b; j++) v128.store(tile + (<usize>j << 4), v128.load(r0 + <usize>j * sb));
      for (let j = b; j < 32; j++) v128.store(tile + (<usize>j << 4), i32x4.splat(0));
      stage(tile, 16, 0x0000ffff);
      stage(tile, 8, 0x00ff00ff);
      stage(tile, 4, 0x0f0f0f0f);
      stage(tile, 2, 0x33333333);
      stage(tile, 1, 0x55555555);
      const d = s0 + (<usize>c << 2);
      const slab = lane << 5; // bytes per slab
      for (let l = 0; l < 32; l++) {
        const x = v128.load(tile + (<usize>l << 4));
        const y = d + <usize>l * lane;
        store<i32>(y, i32x4.extract_lane(x, 0));
        store<i32>(y + slab, i32x4.extract_lane(x, 1));
        store<i32>(y + 2 * slab, i32x4.extract_lane(x, 2));
        store<i32>(y + 3 * slab, i32x4.extract_lane(x, 3));
      }
    }
  }
}

/**
 * The decoded words' inputs idx[0 … k) of the 4 slabs of v128 column q (words at `stride`),
 * lane-major per slab: out[i·per + l·tiles + t] (per = 32·tiles, tiles = ⌈k/32⌉), bit u =
 * input idx[32t + u] of lane l of slab 4q + i — the codec's tIndex, 4 slabs per v128.
 */
export function gatherLanes(idx: usize, k: i32, words: usize, stride: i32, q: i32, out: usize, tile: usize): void {
  const sb = <usize>stride << 2;
  const col = words + (<usize>q << 4);
  const tiles = (k + 31) >> 5;
  const lane = <usize>tiles << 2; // bytes from lane l to lane l + 1 of a slab
  const slab = lane << 5;
  for (let t = 0; t < tiles; t++) {
    const lim = min(32, k - (t << 5));
    const ix = idx + (<usize>(t << 5) << 2);
    for (let j = 0; j < lim; j++) v128.store(tile + (<usize>j << 4), v128.load(col + <usize>load<i32>(ix + (<usize>j << 2)) * sb));
    for (let j = lim; j < 32; j++) v128.store(tile + (<usize>j << 4), i32x4.splat(0));
    stage(tile, 16, 0x0000ffff);
    stage(tile, 8, 0x00ff00ff);
    stage(tile, 4, 0x0f0f0f0f);
    stage(tile, 2, 0x33333333);
    stage(tile, 1, 0x55555555);
    const d = out + (<usize>t << 2);
    for (let l = 0; l < 32; l++) {
      const x = v128.load(tile + (<usize>l << 4));
      const y = d + <usize>l * lane;
      store<i32>(y, i32x4.extract_lane(x, 0));
      store<i32>(y + slab, i32x4.extract_lane(x, 1));
      store<i32>(y + 2 * slab, i32x4.extract_lane(x, 2));
      store<i32>(y + 3 * slab, i32x4.extract_lane(x, 3));
    }
  }
}
