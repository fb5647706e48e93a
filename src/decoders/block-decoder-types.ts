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

/**
 * A block decoder that also takes the slabs of a whole group in file layout (word v·W + s
 * = input v of slab s), so that work common to many slabs is done in one pass
 * (serial-block-decoder.ts: the cluster syndromes of up to 64 slabs in SIMD).
 */
export interface GroupBlockDecoder extends BlockDecoder {
  /**
   * Start a group: words g of W = `w` slabs and, per slab, the lanes that will be decoded
   * (masks[s], 0 = none). g must not change until the group's last decodeSlab.
   */
  beginGroup(g: Int32Array, w: number, masks: Int32Array): void;
  /** Exactly decodeWords(words, laneMask) where `words` are the N words of slab s of the group begun. */
  decodeSlab(s: number, words: Uint32Array, laneMask: number): BlockDecodeResult;
}

/** Does this decoder take whole groups (GroupBlockDecoder)? */
export function isGroupDecoder(d: BlockDecoder): d is GroupBlockDecoder {
  const g = d as Partial<GroupBlockDecoder>;
  return typeof g.beginGroup === 'function' && typeof g.decodeSlab === 'function';
}
