/** Shared helpers for the codec tests. */
import { Rng } from '../../src/util/rng.js';

export function randomBytes(n: number, seed: number): Uint8Array {
  const rng = Rng.stream(seed, 0x62797465);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const w = rng.next();
    out[i] = w;
    if (i + 1 < n) out[i + 1] = w >>> 8;
    if (i + 2 < n) out[i + 2] = w >>> 16;
    if (i + 3 < n) out[i + 3] = w >>> 24;
  }
  return out;
}

/** Flip each bit of bytes [from, to) with probability p (geometric gaps); returns the flip count. */
export function flipBits(b: Uint8Array, p: number, seed: number, from = 0, to = b.length): number {
  const rng = Rng.stream(seed, 0x666c6970);
  const gap = (): number => Math.floor(Math.log(1 - rng.double()) / Math.log1p(-p));
  let flips = 0;
  for (let t = from * 8 + gap(); t < to * 8; t += 1 + gap()) {
    b[t >>> 3]! ^= 1 << (t & 7);
    flips++;
  }
  return flips;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}
