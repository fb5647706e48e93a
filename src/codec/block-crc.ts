/**
 * hopcode/codec/block-crc — the CRC-32C a block carries (block-codec.ts): CRC-32C
 * continuing `seed` (the container's file id CRC) over the block's P payload bytes, then
 * its block index as a u64 little-endian. Shared by the encoder (block-encode.ts) and the
 * decoder's check (block-codec.ts).
 */
import { crc32c, crc32cNative, crc32cWord, crc32cWords, NATIVE_MIN_BYTES } from './crc32c.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The index part: the CRC continued over the block index as u64 LE. */
function withIndex(c: number, block: number): number {
  return crc32cWord(Math.floor(block / 4294967296) >>> 0, crc32cWord(block >>> 0, c));
}

/** The CRC of the P payload bytes at bytes[start …] of block `block`. */
export function blockCrc(bytes: Uint8Array, start: number, p: number, block: number, seed: number): number {
  return withIndex(crc32c(bytes, seed, start, start + p), block);
}

/**
 * blockCrc of the payload of the lane whose words start at words[base] (its CRC word, then
 * the payload: word-aligned, so 32-bit loads); payloads of ≥ NATIVE_MIN_BYTES go to the native
 * CRC when it loads (crc32c.ts). `words` and `bytes` view the same memory.
 */
export function laneCrc(words: Int32Array, bytes: Uint8Array, base: number, p: number, block: number, seed: number): number {
  const start = 4 * base + 4;
  const c = LITTLE_ENDIAN && (crc32cNative === null || p < NATIVE_MIN_BYTES) ? crc32cWords(words, bytes, start, p, seed) : crc32c(bytes, seed, start, start + p);
  return withIndex(c, block);
}
