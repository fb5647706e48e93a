/**
 * hopcode/bits — small word-level helpers shared by codes and kernels.
 */

/** Number of set bits of a 32-bit word (SWAR popcount). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Parity (XOR of all bits) of a 32-bit word. */
export function parity32(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Next larger integer with the same popcount (Gosper's hack); valid below 2^31. */
export function nextSamePopcount(x: number): number {
  const c = x & -x;
  const r = x + c;
  return (((r ^ x) >>> 2) / c + r) >>> 0;
}
