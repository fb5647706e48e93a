/** Test helpers: seeded random bits and stored states. */
import { Rng } from '../../src/util/rng.js';
import type { Code } from '../../src/network/code.js';

export function randomBits(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.next() & 1);
}

export function randomStoredState(code: Code, rng: Rng): Uint8Array {
  return code.encoder.encode(randomBits(rng, code.encoder.k));
}

export function flipBits(x: Uint8Array, p: number, rng: Rng): Uint8Array {
  return x.map((b) => (rng.float() < p ? b ^ 1 : b));
}
