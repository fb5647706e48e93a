/**
 * hopcode/codec/crc32c — CRC-32C (Castagnoli), the checksum every codec block carries.
 *
 * Reflected polynomial 0x82F63B78 (x^32 + x^28 + x^27 + … + 1), initial value and final
 * XOR 0xFFFFFFFF, as in iSCSI (RFC 3720 §B.4), ext4 and SSE4.2 `crc32`. Check value:
 * crc32c("123456789") = 0xE3069283. Table-driven slicing-by-8 (Intel, Kounavis &
 * Berry 2005): eight 256-entry tables let the inner loop consume 8 bytes per step with
 * 8 independent lookups, ~4× the byte-at-a-time loop in V8.
 * CRC-32C detects every error of odd weight or of ≤ 5 bits within 2^31 bits and lets
 * a random wrong block through with probability 2^−32.
 *
 * Native path (issue 12): `@node-rs/crc32` computes CRC-32C with the CPU's CRC
 * instruction, 4–6× the table loop on an 8 MiB buffer, but each call crosses N-API, so
 * on short ranges the table loop is faster. `node dist/bench/crc32c.js`, two runs at load
 * ~7: native / word-fed loop 0.63–1.02× at 246 B, 1.38–1.39× at 512 B, 1.55–2.45× at 888 B
 * (one default-profile block). `crc32c` therefore sends ranges of ≥ NATIVE_MIN_BYTES to
 * the native module when it loads, and everything else (and everything, when it does not
 * load or HOPCODE_CRC32C=soft) to `crc32cSoft`, the naive twin (test/codec/crc32c.test.ts).
 */
import { createRequire } from 'node:module';

const POLY = 0x82f63b78;

/** TABLE[k·256 + b]: CRC of byte b followed by k zero bytes (slicing-by-8 tables). */
const TABLE: Int32Array = (() => {
  const t = new Int32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[b] = c;
  }
  for (let b = 0; b < 256; b++) {
    let c = t[b]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + b] = c;
    }
  }
  return t;
})();

/** A copy of the slicing-by-8 tables (TABLE[k·256 + b]: CRC of byte b then k zero bytes), for kernels that keep their own (assembly/codec-check.ts). */
export function crc32cTables(): Int32Array {
  return TABLE.slice();
}

/** Ranges at least this long go to the native CRC when it is loaded. */
export const NATIVE_MIN_BYTES = 512;

type NativeCrc = (input: Uint8Array, initialState?: number) => number;

/** `@node-rs/crc32`'s crc32c, or null when it is absent, fails to load, or HOPCODE_CRC32C=soft. */
export const crc32cNative: NativeCrc | null = (() => {
  if (process.env['HOPCODE_CRC32C'] === 'soft') return null;
  try {
    const mod = createRequire(import.meta.url)('@node-rs/crc32') as { crc32c?: NativeCrc };
    const f = mod.crc32c;
    // Trust it only if it computes the check value.
    return typeof f === 'function' && f(new TextEncoder().encode('123456789'), 0) === 0xe3069283 ? f : null;
  } catch {
    return null;
  }
})();

/**
 * CRC-32C of `data[start, end)`. Pass a previous result as `prev` to continue a
 * checksum over concatenated pieces: crc32c(b, crc32c(a)) = crc32c(a ‖ b).
 */
export function crc32c(data: Uint8Array, prev = 0, start = 0, end = data.length): number {
  if (start < 0 || end > data.length || start > end) throw new RangeError(`hopcode/codec: crc32c range [${start}, ${end}) is outside a buffer of ${data.length} bytes`);
  if (crc32cNative !== null && end - start >= NATIVE_MIN_BYTES) return crc32cNative(data.subarray(start, end), prev >>> 0) >>> 0;
  return crc32cSoft(data, prev, start, end);
}

/** The table loop (slicing-by-8), the naive twin of the native path; same contract as `crc32c`. */
export function crc32cSoft(data: Uint8Array, prev = 0, start = 0, end = data.length): number {
  if (start < 0 || end > data.length || start > end) throw new RangeError(`hopcode/codec: crc32c range [${start}, ${end}) is outside a buffer of ${data.length} bytes`);
  const t = TABLE;
  let c = ~prev;
  let i = start;
  // Byte-wise until 8 bytes remain a whole number of times.
  const stop8 = end - ((end - i) & 7);
  for (; i < stop8; i += 8) {
    const lo = c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^
      t[1536 + ((lo >>> 8) & 0xff)]! ^
      t[1280 + ((lo >>> 16) & 0xff)]! ^
      t[1024 + (lo >>> 24)]! ^
      t[768 + data[i + 4]!]! ^
      t[512 + data[i + 5]!]! ^
      t[256 + data[i + 6]!]! ^
      t[data[i + 7]!]!;
  }
  for (; i < end; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32C of a 32-bit word taken as 4 little-endian bytes, continuing `prev`. */
export function crc32cWord(word: number, prev: number): number {
  const t = TABLE;
  let c = ~prev ^ word;
  c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  return ~c >>> 0;
}

/**
 * `crc32cSoft` over bytes[start, start + len) where `start` is a multiple of 4 and `words`
 * is an Int32Array over the same memory as `bytes` (words[i] = bytes 4i … 4i + 3, little
 * endian): the same slicing-by-8 step fed by two 32-bit loads instead of eight byte
 * loads (issue 12: block CRCs on the decode path; ~1.5× the byte loop in V8).
 */
export function crc32cWords(words: Int32Array, bytes: Uint8Array, start: number, len: number, prev: number): number {
  const t = TABLE;
  let c = ~prev;
  let w = start >>> 2;
  const steps = len >>> 3;
  for (let i = 0; i < steps; i++, w += 2) {
    const lo = c ^ words[w]!;
    const hi = words[w + 1]!;
    c =
      t[1792 + (lo & 0xff)]! ^
      t[1536 + ((lo >>> 8) & 0xff)]! ^
      t[1280 + ((lo >>> 16) & 0xff)]! ^
      t[1024 + (lo >>> 24)]! ^
      t[768 + (hi & 0xff)]! ^
      t[512 + ((hi >>> 8) & 0xff)]! ^
      t[256 + ((hi >>> 16) & 0xff)]! ^
      t[hi >>> 24]!;
  }
  for (let i = start + 8 * steps, end = start + len; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
