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

/** Format 2: the container offset of byte `s` of the data stream S (4096-byte pages, 64-byte heads). */
export function physOf(s: number): number {
  return Math.floor(s / 4032) * 4096 + 64 + (s % 4032);
}

/** Flip each bit of S bytes [from, to) of a format-2 container with probability p; returns the flip count. */
export function flipS(b: Uint8Array, p: number, seed: number, from: number, to: number): number {
  let flips = 0;
  for (let s = from; s < to; ) {
    const end = Math.min(to, (Math.floor(s / 4032) + 1) * 4032);
    flips += flipBits(b, p, seed + s, physOf(s), physOf(end - 1) + 1);
    s = end;
  }
  return flips;
}
