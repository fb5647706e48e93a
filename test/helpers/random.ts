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

/** 32 noisy cues (random stored states through a BSC whose p rises with the lane), as bytes and as lane words. */
export function noisyBatch(code: Code, rng: Rng, p: number): { cues: Uint8Array[]; words: Uint32Array } {
  const cues: Uint8Array[] = [];
  const words = new Uint32Array(code.n);
  for (let l = 0; l < 32; l++) {
    const cue = flipBits(randomStoredState(code, rng), p * (0.5 + l / 32), rng);
    cues.push(cue);
    for (let i = 0; i < code.n; i++) words[i]! |= cue[i]! << l;
  }
  return { cues, words };
}

/** Lane l of bit-sliced words, as bytes. */
export const lane = (words: Uint32Array, l: number): Uint8Array => Uint8Array.from(words, (w) => (w >>> l) & 1);
