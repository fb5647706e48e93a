/**
 * hopcode/decoders/block-decoder-types — the shape of a 32-lane block decoder, apart from
 * the implementations so that they (block-decoder.ts, sparse-sync.ts) import it without
 * importing each other in a circle.
 */
import type { InputRule, Schedule } from './reference-dynamics.js';

export interface BlockDecodeResult {
  /** The N state words after the dynamics (lanes outside the mask are copied unchanged). */
  words: Uint32Array;
  /** Lanes whose dynamics reached a fixed point that is a stored state. */
  ok: number;
}

export interface BlockDecoder {
  /** Run the dynamics on every lane set in `laneMask`; `words` is not modified. */
  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult;
}

export interface DynamicsChoice {
  rule: InputRule;
  schedule: Schedule;
  maxSweeps: number;
}
