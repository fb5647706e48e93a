/**
 * hopcode/decoders/encoder-program — the systematic encoder as word operations on 32 frames.
 *
 * SystematicEncoder.toProgram gives: information positions, q dependent references
 * (each the XOR of about K/2 information words: a dense q × K matrix over GF(2)), and
 * the peeled pivots in order (one XOR per entry of H). The dense part is the cost;
 * it is done by the method of four Russians (Arlazarov et al. 1970): per group of b
 * information words, a 2^b-entry table of all their XORs (≤ 1 KB, stays in L1), then one
 * table lookup per (row, group): K/b·(2^b − 1 + q) word operations instead of q·K/2.
 * b ∈ 4..8 minimises (2^b + q)/b (b = 8 from q ≈ 200 up; a small core wants b ≈ 5, where
 * building the tables would otherwise dominate). Row bytes (b bits used) are stored
 * group-major, four rows per 32-bit word, so one load serves 4 rows.
 * `encoderFactory` is self-contained so that CompiledNetwork can instantiate a private
 * copy per network (see sync-active-set.ts for why that doubles V8's speed).
 */

/** The encoder program as a closure over its arrays (self-contained: instantiated from its source). */
export function encoderFactory(inp: { k: number; n: number; infoPos: Int32Array; denseTarget: Int32Array; dense32: Int32Array; encTarget: Int32Array; encPtr: Int32Array; encSrc: Int32Array }) {
  const k = inp.k;
  const infoPos = inp.infoPos;
  const denseTarget = inp.denseTarget;
    const encTarget = inp.encTarget;
  const encPtr = inp.encPtr;
  const encSrc = inp.encSrc;
  const q = denseTarget.length;
  let tb = 8; // table bits: same rule as denseToBytes (kept inline: this function is self-contained)
  for (let b = 4; b < 8; b++) if (((1 << b) + q) * tb < ((1 << tb) + q) * b) tb = b;
  const groups = Math.ceil(k / tb);
  const table = new Int32Array(256); // table[0] stays 0
  const qp = (q + 3) & ~3;
  const ACC = new Int32Array(qp);
  const dense32 = inp.dense32;
  const INFO = new Int32Array(k);
  const OUT = new Int32Array(inp.n);
  const steps = encTarget.length;
  return function encode(info: Int32Array | Uint32Array, out: Int32Array | Uint32Array): void {
    INFO.set(info as Int32Array);
    for (let i = 0; i < k; i++) OUT[infoPos[i]!] = INFO[i]!;
    if (q > 0) {
      ACC.fill(0);
      for (let g = 0, row = 0; g < groups; g++, row += qp >>> 2) {
        const lo = g * tb;
        const lim = Math.min(tb, k - lo);
        let b = 0;
        if (lim >= 3) {
          const w0 = INFO[lo]!, w1 = INFO[lo + 1]!, w2 = INFO[lo + 2]!;
          table[1] = w0;
          table[2] = w1;
          table[3] = w1 ^ w0;
          table[4] = w2;
          table[5] = w2 ^ w0;
          table[6] = w2 ^ w1;
          table[7] = w2 ^ w1 ^ w0;
          b = 3;
        }
        for (; b < lim; b++) {
          const w = INFO[lo + b]!;
          const half = 1 << b;
          for (let m = 0; m < half; m++) table[half + m] = table[m]! ^ w;
        }
        // four rows' bytes per 32-bit load
        for (let r = 0, x = row; r < qp; r += 4, x++) {
          const w = dense32[x]!;
          ACC[r] = ACC[r]! ^ table[w & 255]!;
          ACC[r + 1] = ACC[r + 1]! ^ table[(w >>> 8) & 255]!;
          ACC[r + 2] = ACC[r + 2]! ^ table[(w >>> 16) & 255]!;
          ACC[r + 3] = ACC[r + 3]! ^ table[w >>> 24]!;
        }
      }
      for (let r = 0; r < q; r++) OUT[denseTarget[r]!] = ACC[r]!;
    }
    for (let t = 0, e = 0; t < steps; t++) {
      let w = 0;
      for (const hi = encPtr[t + 1]!; e < hi; e++) w ^= OUT[encSrc[e]!]!;
      OUT[encTarget[t]!] = w;
    }
    (out as Int32Array).set(out instanceof Uint32Array ? new Uint32Array(OUT.buffer) : OUT);
  };
}

/** Table width b for q dense rows: argmin over 4..8 of (2^b + q)/b (mirrored in encoderFactory). */
export function tableBits(q: number): number {
  let tb = 8;
  for (let b = 4; b < 8; b++) if (((1 << b) + q) * tb < ((1 << tb) + q) * b) tb = b;
  return tb;
}

/** Dense rows (⌈K/32⌉ words each) → bytes, group-major (byte g·q' + r = bits b·g..b·g+b−1 of row r). */
export function denseToBytes(rows: Uint32Array, q: number, k: number): Int32Array {
  const kw = Math.ceil(k / 32);
  const tb = tableBits(q);
  const groups = Math.ceil(k / tb);
  const qp = (q + 3) & ~3; // rows padded to a multiple of 4: one 32-bit load reads 4 rows
  const out = new Int32Array((groups * qp) / 4);
  for (let g = 0; g < groups; g++) {
    for (let r = 0; r < q; r++) {
      // bits t0..t0+tb−1 of the row (a byte-aligned load when tb = 8, else two words)
      const t0 = g * tb;
      const w = r * kw + (t0 >>> 5);
      const sh = t0 & 31;
      let bits = rows[w]! >>> sh;
      if (sh + tb > 32 && (t0 >>> 5) + 1 < kw) bits |= rows[w + 1]! << (32 - sh);
      const byte = bits & ((1 << tb) - 1);
      const at = (g * qp + r) >>> 2;
      out[at] = out[at]! | (byte << ((r & 3) * 8));
    }
  }
  return out;
}
