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

/** One slab decoded by a GroupBlockDecoder: its words in place in the decoder's buffer. */
export interface SlabDecodeResult {
  /**
   * Word v of the decoded slab is words[v·stride + at] (lanes outside the mask as in the
   * input). The decoder's buffer: read it before the next decodeSlab or beginGroup.
   */
  words: Int32Array;
  stride: number;
  at: number;
  /** Lanes whose dynamics reached a stored state (as BlockDecodeResult.ok). */
  ok: number;
  /** changed[l]: inputs of lane l whose final state differs from the received one (0 outside the mask). */
  changed: Uint32Array;
  /** Lanes of the mask whose received word is not a stored state (some row of H violated). */
  dirty: number;
}

/**
 * A block decoder that also takes the slabs of a whole group in file layout (word v·W + s
 * = input v of slab s), so that work common to many slabs is done in one pass
 * (serial-block-decoder.ts: the cluster syndromes of up to 64 slabs in SIMD) and no slab is
 * copied out of the group.
 */
export interface GroupBlockDecoder extends BlockDecoder {
  /**
   * Start a group: words g of W = `w` slabs and, per slab, the lanes that will be decoded
   * (masks[s], 0 = none). g is only read, and must not change until the group's last decodeSlab.
   */
  beginGroup(g: Int32Array, w: number, masks: Int32Array): void;
  /** Slab s of the group begun, lanes `laneMask`: the words and ok lanes of decodeWords on that slab. */
  decodeSlab(s: number, laneMask: number): SlabDecodeResult;
  /**
   * Optional: inputs idx[0 … k) of the 4 slabs s0 … s0 + 3 (s0 a multiple of 4) as decodeSlab
   * left them in place (its results with stride > 1; the others hold no decoded words),
   * lane-major per slab: bit u of words[(s − s0)·32·tiles + l·tiles + t] (tiles = ⌈k/32⌉) is
   * input idx[32t + u] of lane l of slab s; `bytes` is the same memory. Valid until the next
   * call; null when those slabs are not in the decoder's buffer. idx must not change between calls.
   */
  gatherInputs?(idx: Int32Array, s0: number): { words: Int32Array; bytes: Uint8Array } | null;
}

/** Does this decoder take whole groups (GroupBlockDecoder)? */
export function isGroupDecoder(d: BlockDecoder): d is GroupBlockDecoder {
  const g = d as Partial<GroupBlockDecoder>;
  return typeof g.beginGroup === 'function' && typeof g.decodeSlab === 'function';
}
