/**
 * hopcode/codec/lanes — moving bits between blocks and lanes.
 *
 * The codec works on 32 blocks at once, bit-sliced: word v of a slab holds bit v of
 * blocks 0..31 (lane j = block j), the layout of `SystematicEncoder.encodeWords` and
 * of the bit-sliced decoder. Going from 32 blocks' bytes to lanes and back is a 32×32
 * bit-matrix transpose per 32 words (Hacker's Delight §7-3: five rounds of block
 * swaps, 32·5 word operations instead of 1024 bit moves).
 */

/**
 * In-place transpose of a 32×32 bit matrix: afterwards bit i of a[j] is what bit j
 * of a[i] was (bit 0 = least significant). `a` must hold at least `off + 32` words.
 */
export function transpose32(a: Uint32Array | Int32Array, off = 0): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = ((k | j) + 1) & ~j) {
      const x = off + k;
      const y = off + (k | j);
      const t = ((a[x]! >>> j) ^ a[y]!) & m;
      a[x] = a[x]! ^ (t << j);
      a[y] = a[y]! ^ t;
    }
  }
}

/** Number of set bits of a 32-bit word. */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Mask of the low `lanes` lanes (0..32). */
export function laneMask(lanes: number): number {
  return lanes >= 32 ? 0xffffffff : ((1 << lanes) - 1) >>> 0;
}
