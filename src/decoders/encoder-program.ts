/**
 * hopcode/decoders/encoder-program — the systematic encoder as word operations on 32 frames.
 *
 * SystematicEncoder.toProgram gives: information positions, q dependent references
 * (each the XOR of about K/2 information words: a dense q × K matrix over GF(2)), and
 * the peeled pivots in order (one XOR per entry of H). The dense part is the cost;
 * it is done by the method of four Russians (Arlazarov et al. 1970): per group of 8
 * information words, a 256-entry table of all their XORs (1 KB, stays in L1), then one
 * table lookup per (row, group): K/8·(255 + q) word operations instead of q·K/2. Row
 * bytes are stored group-major, four rows per 32-bit word, so one load serves 4 rows.
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
  const groups = Math.ceil(k / 8);
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
        const lim = Math.min(8, k - g * 8);
        let b = 0;
        if (lim >= 3) {
          const w0 = INFO[g * 8]!, w1 = INFO[g * 8 + 1]!, w2 = INFO[g * 8 + 2]!;
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
          const w = INFO[g * 8 + b]!;
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

/** Dense rows (⌈K/32⌉ words each) → bytes, group-major (byte g·q' + r = bits 8g..8g+7 of row r). */
export function denseToBytes(rows: Uint32Array, q: number, k: number): Int32Array {
  const kw = Math.ceil(k / 32);
  const groups = Math.ceil(k / 8);
  const qp = (q + 3) & ~3; // rows padded to a multiple of 4: one 32-bit load reads 4 rows
  const out = new Int32Array((groups * qp) / 4);
  for (let g = 0; g < groups; g++) {
    for (let r = 0; r < q; r++) {
      const byte = (rows[r * kw + (g >>> 2)]! >>> ((g & 3) * 8)) & 255;
      const at = (g * qp + r) >>> 2;
      out[at] = out[at]! | (byte << ((r & 3) * 8));
    }
  }
  return out;
}
