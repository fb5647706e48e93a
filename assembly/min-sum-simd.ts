//! out dist/baselines/min-sum-simd.wasm
// hopcode/assembly/min-sum-simd — WebAssembly SIMD kernel of the fixed-point layered min-sum
// (AssemblyScript, compiled by `npm run build` into dist/baselines/min-sum-simd.wasm).
//
// 16 frames per v128: lane j of every vector is frame j, messages are i8. The arithmetic is
// that of src/baselines/min-sum-quantised.ts (and its naive twin) with msgMax ≤ 63, so the
// posterior Λ = q + r (|q|, |r| ≤ 63) fits an i8 and q = Λ − r is formed by a saturating
// subtraction before the clamp (the same value as the clamp of the exact difference).
// ψ (the normalise/offset table, 64 entries) is looked up with four 16-byte swizzles.
// Memory layout (byte offsets, chosen by the JS side): chkPtr (i32, m + 1), varOff (i32 per
// edge: 16 × the edge's bit), r (v128 per edge), post (v128 per bit), psi (64 bytes),
// tmp (v128 × max check degree), dec (u16 per bit: frozen decisions).

@inline function psi4(t0: v128, t1: v128, t2: v128, t3: v128, idx: v128): v128 {
  // Out-of-range swizzle indices (≥ 16 as unsigned) give 0, so exactly one table answers.
  const a = i8x16.swizzle(t0, idx);
  const b = i8x16.swizzle(t1, i8x16.sub(idx, i8x16.splat(16)));
  const c = i8x16.swizzle(t2, i8x16.sub(idx, i8x16.splat(32)));
  const d = i8x16.swizzle(t3, i8x16.sub(idx, i8x16.splat(48)));
  return v128.or(v128.or(a, b), v128.or(c, d));
}

/** One layered iteration over all m checks. */
export function layer(m: i32, chkPtr: usize, varOff: usize, r: usize, post: usize, psi: usize, qMax: i32, tmp: usize): void {
  const qm = i8x16.splat(<i8>qMax);
  const nqm = i8x16.splat(<i8>-qMax);
  const t0 = v128.load(psi);
  const t1 = v128.load(psi, 16);
  const t2 = v128.load(psi, 32);
  const t3 = v128.load(psi, 48);
  for (let c = 0; c < m; c++) {
    const lo = load<i32>(chkPtr + (<usize>c << 2));
    const hi = load<i32>(chkPtr + (<usize>c << 2), 4);
    let min1 = i8x16.splat(127);
    let min2 = i8x16.splat(127);
    let sgn = i8x16.splat(0);
    for (let e = lo; e < hi; e++) {
      const pv = post + <usize>load<i32>(varOff + (<usize>e << 2));
      let q = i8x16.sub_sat_s(v128.load(pv), v128.load(r + (<usize>e << 4)));
      q = i8x16.min_s(i8x16.max_s(q, nqm), qm);
      v128.store(tmp + (<usize>(e - lo) << 4), q);
      sgn = v128.xor(sgn, q);
      const a = i8x16.abs(q);
      min2 = i8x16.min_s(min2, i8x16.max_s(min1, a));
      min1 = i8x16.min_s(min1, a);
    }
    const m1 = psi4(t0, t1, t2, t3, min1);
    const m2 = psi4(t0, t1, t2, t3, i8x16.min_s(min2, qm));
    for (let e = lo; e < hi; e++) {
      const q = v128.load(tmp + (<usize>(e - lo) << 4));
      // The edge holding the minimum gets the second minimum (a tie makes them equal).
      const mag = v128.bitselect(m2, m1, i8x16.eq(i8x16.abs(q), min1));
      const s = i8x16.shr_s(v128.xor(sgn, q), 7);
      const o = i8x16.sub(v128.xor(mag, s), s);
      v128.store(r + (<usize>e << 4), o);
      v128.store(post + <usize>load<i32>(varOff + (<usize>e << 2)), i8x16.add(q, o));
    }
  }
}

/** Lanes (bit j = frame j) whose decisions [post < 0] violate some check. */
export function unsatisfied(m: i32, chkPtr: usize, varOff: usize, post: usize): i32 {
  let bad = i8x16.splat(0);
  for (let c = 0; c < m; c++) {
    const lo = load<i32>(chkPtr + (<usize>c << 2));
    const hi = load<i32>(chkPtr + (<usize>c << 2), 4);
    let s = i8x16.splat(0);
    for (let e = lo; e < hi; e++) s = v128.xor(s, v128.load(post + <usize>load<i32>(varOff + (<usize>e << 2))));
    bad = v128.or(bad, s);
    if ((c & 63) == 63 && i8x16.bitmask(bad) == 0xffff) break;
  }
  return i8x16.bitmask(bad);
}

/** dec[v] takes the sign bits of post[v] in the lanes of `mask`. */
export function freeze(n: i32, post: usize, dec: usize, mask: i32): void {
  for (let v = 0; v < n; v++) {
    const p = dec + (<usize>v << 1);
    const bits = i8x16.bitmask(v128.load(post + (<usize>v << 4)));
    store<u16>(p, (load<u16>(p) & ~mask) | (bits & mask));
  }
}

/** r = 0 for E edges (the layered schedule starts from no check messages). */
export function clear(r: usize, edges: i32): void {
  memory.fill(r, 0, <usize>edges << 4);
}
