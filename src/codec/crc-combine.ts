/**
 * hopcode/codec/crc-combine — many blocks' CRC-32C checked with one CRC over their lanes
 * (issue 12: the clean check's 32 native calls per slab were ~30 % of a clean decode).
 *
 * The CRC register is linear over GF(2): running bytes X from register r gives
 *   S(r, X) = Z_|X| · r ⊕ D(X),   D(X) = S(0, X),
 * where Z_k (k zero bytes) is a fixed 32×32 bit matrix, applied here with four 256-entry
 * tables (`ZeroShift`). A quiet slab's lanes sit back to back in memory, each
 *   [stored CRC c_b: 4 bytes][payload P_b: p bytes][zero padding: q bytes],
 * and block b is good when c_b = withIndex(crc32c(P_b, seed), index_b) (block-crc.ts).
 * Unrolling that definition, with Z_8 applied to both sides so no inverse is needed:
 *   Z_8 · D(P_b) = ~c_b ⊕ Z_{8+p} · ~seed ⊕ D8(index_b) =: E_b,
 * and one native CRC over R = P_0 ‖ pad ‖ c_1 ‖ P_1 ‖ … ‖ c_m ‖ P_m gives D(R), which for
 * good blocks (zero padding) must equal the Horner sum
 *   G_0 = E_0,   G_b = Z_lb · G_{b−1} ⊕ Z_{p+8} · D4(c_b) ⊕ E_b,   Z_8 · D(R) = G_m.
 * The difference of the two sides is ⊕_b M_b · r_b over the blocks' own residuals r_b
 * (zero exactly when block b passes its own CRC), each through an invertible M_b: a wrong
 * block alone is caught exactly when its own CRC would catch it; wrong blocks together
 * escape only if their residuals cancel (2^−32 for random errors). The caller redoes any
 * slab that fails this with the per-block check, so statuses are the per-block ones.
 */
import { crc32cTables, crc32cWord } from './crc32c.js';

/** Z_k as four byte tables: Z_k(r) = t[r & 255] ^ t[256 + (r >>> 8 & 255)] ^ t[512 + …] ^ t[768 + (r >>> 24)]. */
export type ZeroShift = Int32Array;

const BYTE_TABLE = crc32cTables().subarray(0, 256);
const cache = new Map<number, ZeroShift>();

/** The table of Z_k: the register after k zero bytes, as a function of the register before. */
export function zeroShift(k: number): ZeroShift {
  const hit = cache.get(k);
  if (hit) return hit;
  const basis = new Int32Array(32);
  for (let i = 0; i < 32; i++) {
    let r = 1 << i;
    for (let j = 0; j < k; j++) r = (r >>> 8) ^ BYTE_TABLE[r & 0xff]!;
    basis[i] = r;
  }
  const t = new Int32Array(1024);
  for (let byte = 0; byte < 4; byte++)
    for (let v = 1; v < 256; v++) {
      let x = 0;
      for (let bit = 0; bit < 8; bit++) if (v & (1 << bit)) x ^= basis[8 * byte + bit]!;
      t[256 * byte + v] = x;
    }
  cache.set(k, t);
  return t;
}

/** Z_k · r with its table. */
export function shift(t: ZeroShift, r: number): number {
  return t[r & 0xff]! ^ t[256 + ((r >>> 8) & 0xff)]! ^ t[512 + ((r >>> 16) & 0xff)]! ^ t[768 + (r >>> 24)]!;
}

/** D4(w): the register after the 4 little-endian bytes of w from register 0. */
function d4(w: number): number {
  return ~crc32cWord(w, -1);
}

/** D8(block): the register after the block index as u64 LE from register 0. */
function d8(block: number): number {
  return ~crc32cWord(Math.floor(block / 4294967296) >>> 0, crc32cWord(block >>> 0, -1));
}

/** The tables one lane layout needs (payload p bytes, lanes of lb bytes). */
export class LaneCrcCombiner {
  private readonly zLane: ZeroShift;
  private readonly zP8: ZeroShift;
  private readonly z8: ZeroShift;
  constructor(
    private readonly p: number,
    readonly laneBytes: number,
  ) {
    if (laneBytes < p + 4 || laneBytes % 4 !== 0) throw new Error(`hopcode/codec: a lane of ${laneBytes} bytes cannot hold a CRC and ${p} payload bytes`);
    this.zLane = zeroShift(laneBytes);
    this.zP8 = zeroShift(p + 8);
    this.z8 = zeroShift(8);
  }

  /**
   * True when the native CRC `dR` of bytes [lane0 + 4, lane0 + (m − 1)·lb + 4 + p) of the
   * lanes (m = count lanes from `lane0`, words at i32[lane0 / 4 …]) is what m good blocks
   * first … first + m − 1 with zero padding give. `dR` is crc32c(R, 0xFFFFFFFF), i.e. ~D(R).
   */
  matches(i32: Int32Array, lane0: number, count: number, first: number, seed: number, dR: number): boolean {
    const k = shift(this.zP8, ~seed);
    const wordsPerLane = this.laneBytes >>> 2;
    let w = lane0 >>> 2;
    let c = i32[w]!;
    let g = ~c ^ k ^ d8(first);
    for (let b = 1; b < count; b++) {
      w += wordsPerLane;
      c = i32[w]!;
      g = shift(this.zLane, g) ^ shift(this.zP8, d4(c)) ^ ~c ^ k ^ d8(first + b);
    }
    return shift(this.z8, ~dR) === g;
  }
}
