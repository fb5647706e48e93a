/**
 * hopcode/codec/slab-kernels — the codec's hot loops, specialised per network.
 *
 * Two kernels on bit-sliced words (bit j of word v = input v of block j):
 *  - `encode`: the Richardson–Urbanke encoder of block-encoder.ts (peel with the
 *    dependent symbols d = 0, core syndrome s₀, d = C⁻¹·s₀ by four Russians, then
 *    re-peel only the pivots that depend on d: the others are already final).
 *  - `syndrome`: the lanes violating some row of H, read straight from a group's words
 *    in file layout (word v·W + s = input v of blocks 32s … 32s + 31), so a clean
 *    group is checked without unpacking; W = 1 and 2 have their own loops.
 * Speed note (as in src/decoders/sync-active-set.ts): V8 compiles typed-array loops
 * about 2× better when the arrays are constants of the closure, so `kernelFactory` is
 * self-contained and instantiated per network from its own source via `new Function`.
 * All arrays are Int32Array: Uint32Array loads above 2^31 leave V8's small-integer path.
 */

export interface KernelInput {
  n: number;
  infoPos: Int32Array;
  depCol: Int32Array;
  pivCol: Int32Array;
  pivPtr: Int32Array;
  pivSrc: Int32Array;
  /** Pivots (indices into pivCol) that depend on some dependent symbol, in peel order. */
  lateIdx: Int32Array;
  corePtr: Int32Array;
  coreCol: Int32Array;
  /** Four Russians bytes, chunk-major, 4 dependent symbols per word (gp = ⌈g/4⌉·4 per chunk). */
  dense32: Int32Array;
  rowPtr: Int32Array;
  rowCol: Int32Array;
}

export interface Kernels {
  encode(info: Int32Array, out: Int32Array): void;
  /**
   * Four slabs at once, straight into group words G in file layout: slab s0 + c (c = 0 … 3)
   * takes information word i from info[c·ik + i] and its input v goes to G[v·w + s0 + c]
   * (needs s0 + 4 ≤ w). The same stored states as `encode` slab by slab; each edge's index
   * is loaded once for four words, and the result needs no scatter into G (issue 12).
   */
  encode4(info: Int32Array, ik: number, G: Int32Array, w: number, s0: number): void;
  /**
   * Dirty lanes of each of the W slabs of group words G, written to dirty[0 … W−1];
   * masks[s] = lanes present. With `rowLimit`, only rows 0 … rowLimit − 1 of H are checked.
   */
  syndrome(g: Int32Array, w: number, masks: Int32Array, dirty: Int32Array, rowLimit?: number): void;
}

/** Self-contained (uses nothing from module scope): see the speed note above. */
export function kernelFactory(inp: KernelInput): Kernels {
  const infoPos = inp.infoPos;
  const depCol = inp.depCol;
  const pivCol = inp.pivCol;
  const pivPtr = inp.pivPtr;
  const pivSrc = inp.pivSrc;
  const lateIdx = inp.lateIdx;
  const corePtr = inp.corePtr;
  const coreCol = inp.coreCol;
  const dense32 = inp.dense32;
  const rowPtr = inp.rowPtr;
  const rowCol = inp.rowCol;
  const k = infoPos.length;
  const g = depCol.length;
  const np = pivCol.length;
  const nl = lateIdx.length;
  const q = corePtr.length - 1;
  const nRows = rowPtr.length - 1;
  const chunks = (q + 7) >>> 3;
  const gp = (g + 3) & ~3;
  const S0 = new Int32Array(chunks * 8);
  const DEP = new Int32Array(gp);
  const T = new Int32Array(256);
  let ACC = new Int32Array(64);
  let D = new Int32Array(64);
  function encode(info: Int32Array, out: Int32Array): void {
    for (let i = 0; i < k; i++) out[infoPos[i]!] = info[i]!;
    for (let i = 0; i < g; i++) out[depCol[i]!] = 0;
    for (let p = 0; p < np; p++) {
      let v = 0;
      for (let e = pivPtr[p]!, end = pivPtr[p + 1]!; e < end; e++) v ^= out[pivSrc[e]!]!;
      out[pivCol[p]!] = v;
    }
    for (let r = 0; r < q; r++) {
      let v = 0;
      for (let e = corePtr[r]!, end = corePtr[r + 1]!; e < end; e++) v ^= out[coreCol[e]!]!;
      S0[r] = v;
    }
    DEP.fill(0);
    for (let c = 0, x = 0; c < chunks; c++) {
      const b = c * 8;
      const w0 = S0[b]!, w1 = S0[b + 1]!, w2 = S0[b + 2]!;
      T[1] = w0;
      T[2] = w1;
      T[3] = w1 ^ w0;
      T[4] = w2;
      T[5] = w2 ^ w0;
      T[6] = w2 ^ w1;
      T[7] = w2 ^ w1 ^ w0;
      for (let bit = 3; bit < 8; bit++) {
        const w = S0[b + bit]!;
        const half = 1 << bit;
        for (let m = 0; m < half; m++) T[half + m] = T[m]! ^ w;
      }
      for (let r = 0; r < gp; r += 4, x++) {
        const a = dense32[x]!;
        DEP[r] = DEP[r]! ^ T[a & 255]!;
        DEP[r + 1] = DEP[r + 1]! ^ T[(a >>> 8) & 255]!;
        DEP[r + 2] = DEP[r + 2]! ^ T[(a >>> 16) & 255]!;
        DEP[r + 3] = DEP[r + 3]! ^ T[a >>> 24]!;
      }
    }
    for (let i = 0; i < g; i++) out[depCol[i]!] = DEP[i]!;
    for (let l = 0; l < nl; l++) {
      const p = lateIdx[l]!;
      let v = 0;
      for (let e = pivPtr[p]!, end = pivPtr[p + 1]!; e < end; e++) v ^= out[pivSrc[e]!]!;
      out[pivCol[p]!] = v;
    }
  }
  const S4 = new Int32Array(chunks * 8 * 4);
  const DEP4 = new Int32Array(gp * 4);
  const T4 = new Int32Array(256 * 4);
  /** Pivot p of four slabs (G[v·w + s0 + c]): the XOR of its row's other inputs. */
  function peel4(p: number, G: Int32Array, w: number, s0: number): void {
    let v0 = 0, v1 = 0, v2 = 0, v3 = 0;
    for (let e = pivPtr[p]!, end = pivPtr[p + 1]!; e < end; e++) {
      const b = pivSrc[e]! * w + s0;
      v0 ^= G[b]!;
      v1 ^= G[b + 1]!;
      v2 ^= G[b + 2]!;
      v3 ^= G[b + 3]!;
    }
    const b = pivCol[p]! * w + s0;
    G[b] = v0;
    G[b + 1] = v1;
    G[b + 2] = v2;
    G[b + 3] = v3;
  }
  function encode4(info: Int32Array, ik: number, G: Int32Array, w: number, s0: number): void {
    for (let i = 0; i < k; i++) {
      const b = infoPos[i]! * w + s0;
      G[b] = info[i]!;
      G[b + 1] = info[ik + i]!;
      G[b + 2] = info[2 * ik + i]!;
      G[b + 3] = info[3 * ik + i]!;
    }
    for (let i = 0; i < g; i++) {
      const b = depCol[i]! * w + s0;
      G[b] = 0;
      G[b + 1] = 0;
      G[b + 2] = 0;
      G[b + 3] = 0;
    }
    for (let p = 0; p < np; p++) peel4(p, G, w, s0);
    S4.fill(0);
    for (let r = 0; r < q; r++) {
      let v0 = 0, v1 = 0, v2 = 0, v3 = 0;
      for (let e = corePtr[r]!, end = corePtr[r + 1]!; e < end; e++) {
        const b = coreCol[e]! * w + s0;
        v0 ^= G[b]!;
        v1 ^= G[b + 1]!;
        v2 ^= G[b + 2]!;
        v3 ^= G[b + 3]!;
      }
      S4[4 * r] = v0;
      S4[4 * r + 1] = v1;
      S4[4 * r + 2] = v2;
      S4[4 * r + 3] = v3;
    }
    DEP4.fill(0);
    for (let c = 0, x = 0; c < chunks; c++) {
      // T4[4m + l] = XOR of the core words of chunk c selected by the bits of m, slab l.
      const b = c * 32;
      for (let bit = 0; bit < 8; bit++) {
        const half = 1 << bit;
        const u0 = S4[b + 4 * bit]!, u1 = S4[b + 4 * bit + 1]!, u2 = S4[b + 4 * bit + 2]!, u3 = S4[b + 4 * bit + 3]!;
        for (let m = 0, y = 4 * half; m < half; m++, y += 4) {
          T4[y] = T4[4 * m]! ^ u0;
          T4[y + 1] = T4[4 * m + 1]! ^ u1;
          T4[y + 2] = T4[4 * m + 2]! ^ u2;
          T4[y + 3] = T4[4 * m + 3]! ^ u3;
        }
      }
      for (let r = 0; r < 4 * gp; r += 16, x++) {
        const a = dense32[x]!;
        let t = (a & 255) << 2;
        DEP4[r] = DEP4[r]! ^ T4[t]!;
        DEP4[r + 1] = DEP4[r + 1]! ^ T4[t + 1]!;
        DEP4[r + 2] = DEP4[r + 2]! ^ T4[t + 2]!;
        DEP4[r + 3] = DEP4[r + 3]! ^ T4[t + 3]!;
        t = ((a >>> 8) & 255) << 2;
        DEP4[r + 4] = DEP4[r + 4]! ^ T4[t]!;
        DEP4[r + 5] = DEP4[r + 5]! ^ T4[t + 1]!;
        DEP4[r + 6] = DEP4[r + 6]! ^ T4[t + 2]!;
        DEP4[r + 7] = DEP4[r + 7]! ^ T4[t + 3]!;
        t = ((a >>> 16) & 255) << 2;
        DEP4[r + 8] = DEP4[r + 8]! ^ T4[t]!;
        DEP4[r + 9] = DEP4[r + 9]! ^ T4[t + 1]!;
        DEP4[r + 10] = DEP4[r + 10]! ^ T4[t + 2]!;
        DEP4[r + 11] = DEP4[r + 11]! ^ T4[t + 3]!;
        t = (a >>> 24) << 2;
        DEP4[r + 12] = DEP4[r + 12]! ^ T4[t]!;
        DEP4[r + 13] = DEP4[r + 13]! ^ T4[t + 1]!;
        DEP4[r + 14] = DEP4[r + 14]! ^ T4[t + 2]!;
        DEP4[r + 15] = DEP4[r + 15]! ^ T4[t + 3]!;
      }
    }
    for (let i = 0; i < g; i++) {
      const b = depCol[i]! * w + s0;
      G[b] = DEP4[4 * i]!;
      G[b + 1] = DEP4[4 * i + 1]!;
      G[b + 2] = DEP4[4 * i + 2]!;
      G[b + 3] = DEP4[4 * i + 3]!;
    }
    for (let l = 0; l < nl; l++) peel4(lateIdx[l]!, G, w, s0);
  }
  function syndrome(G: Int32Array, w: number, masks: Int32Array, dirty: Int32Array, rowLimit?: number): void {
    const rows = rowLimit !== undefined && rowLimit < nRows ? rowLimit : nRows;
    if (w === 1) {
      const m0 = masks[0]!;
      let d0 = 0;
      for (let r = 0, e = 0; r < rows; r++) {
        let s = 0;
        for (const end = rowPtr[r + 1]!; e < end; e++) s ^= G[rowCol[e]!]!;
        d0 |= s;
        if ((d0 & m0) === m0) break;
      }
      dirty[0] = d0 & m0;
      return;
    }
    if (w === 2) {
      const m0 = masks[0]!, m1 = masks[1]!;
      let d0 = 0, d1 = 0;
      for (let r = 0, e = 0; r < rows; r++) {
        let s0 = 0, s1 = 0;
        for (const end = rowPtr[r + 1]!; e < end; e++) {
          const c = rowCol[e]! << 1;
          s0 ^= G[c]!;
          s1 ^= G[c + 1]!;
        }
        d0 |= s0;
        d1 |= s1;
        if ((d0 & m0) === m0 && (d1 & m1) === m1) break;
      }
      dirty[0] = d0 & m0;
      dirty[1] = d1 & m1;
      return;
    }
    // Few slabs asked for (the others masked 0): one pass over H per slab asked for.
    let asked = 0;
    for (let s = 0; s < w; s++) if (masks[s] !== 0) asked++;
    if (4 * asked < w) {
      for (let s = 0; s < w; s++) {
        const m = masks[s]!;
        let d = 0;
        for (let r = 0, e = 0; m !== 0 && r < rows; r++) {
          let x = 0;
          for (const end = rowPtr[r + 1]!; e < end; e++) x ^= G[rowCol[e]! * w + s]!;
          d |= x;
          if ((d & m) === m) break;
        }
        dirty[s] = d & m;
      }
      return;
    }
    // Many slabs: one pass over H for all W slabs, each edge XORing W consecutive words
    // (input v of every slab is G[v·W … v·W + W − 1]): sequential reads instead of one
    // cache line per edge per slab.
    if (ACC.length < w) {
      ACC = new Int32Array(w);
      D = new Int32Array(w);
    }
    D.fill(0, 0, w);
    for (let r = 0, e = 0; r < rows; r++) {
      const end = rowPtr[r + 1]!;
      if (e === end) continue;
      let b = rowCol[e++]! * w;
      for (let s = 0; s < w; s++) ACC[s] = G[b + s]!;
      for (; e < end; e++) {
        b = rowCol[e]! * w;
        for (let s = 0; s < w; s++) ACC[s] = ACC[s]! ^ G[b + s]!;
      }
      for (let s = 0; s < w; s++) D[s] = D[s]! | ACC[s]!;
      // Noisy data: every lane asked for is dirty after a few rows; stop then.
      if ((r & 15) === 15) {
        let s = 0;
        while (s < w && (D[s]! & masks[s]!) === masks[s]!) s++;
        if (s === w) break;
      }
    }
    for (let s = 0; s < w; s++) dirty[s] = D[s]! & masks[s]!;
  }
  return { encode, encode4, syndrome };
}

/** A private, specialised copy of the kernels for one network (the plain closure where eval is forbidden). */
export function makeKernels(inp: KernelInput): Kernels {
  let factory = kernelFactory;
  try {
    factory = new Function(`return (${kernelFactory.toString()});`)() as typeof kernelFactory;
  } catch {
    factory = kernelFactory;
  }
  return factory(inp);
}
