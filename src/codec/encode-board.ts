/**
 * hopcode/codec/encode-board — the groups of a pooled in-place encode (encodeAsync)
 * claimed by the workers from shared memory (issue 12; the mechanics and why:
 * claim-board.ts). Each row is a group: its first block, its payload (a range of a shared
 * buffer: the caller's SharedArrayBuffer input, or this thread's copy of an ordinary one,
 * posted to the workers as it appears) and its S offset in the container, whose pages the
 * worker writes in place (page-place.ts).
 */
import type { EngineKey } from './engine.js';
import { isShared } from './shared-bytes.js';
import { CAN_CLAIM, ClaimBoard, claimRows, PoolBoard, type ClaimTask } from './claim-board.js';

/** Row words: first block, buffer id, payload offset, payload length, S offset. */
const ROW = 5;

/** Where the workers place the encoded groups (EncoderSession.placement). */
export interface Placement {
  out: Uint8Array;
  rec: Uint8Array;
  headCrc: number;
}

/** What each worker's encode board task receives. */
export interface EncodeBoardTask extends ClaimTask, Placement {
  op: 'encode-board';
  key: EngineKey;
  seed: number;
  /** Test hook: throw while encoding the group holding this block. */
  failAtBlock?: number;
}

/** The calling thread's half. */
export class EncodeBoard extends PoolBoard<EncodeBoardTask> {
  /** A board for `groups` groups at most placed into `place.out`, or null when it cannot run (an ordinary output, no Atomics.waitAsync). */
  static start(place: Placement, groups: number, key: EngineKey, seed: number, failAtBlock?: number): EncodeBoard | null {
    if (!CAN_CLAIM || !isShared(place.out)) return null;
    const task = { op: 'encode-board' as const, key, seed, out: place.out, rec: place.rec, headCrc: place.headCrc, ...(failAtBlock !== undefined ? { failAtBlock } : {}) };
    return new EncodeBoard(new ClaimBoard(ROW, groups + 2, true), task);
  }

  /** Publish the group of blocks from `first` with payload `input` (shared), placed at S offset `sAt`; resolves once a worker placed it. */
  add(input: Uint8Array, first: number, sAt: number): Promise<void> {
    return this.board.publish([first, this.board.idOf(input.buffer), input.byteOffset, input.length, sAt]).done;
  }
}

/** What a worker does with one row: encode `input` (a group's payload) from block `first` and place it at S offset `sAt`. */
export type RowEncoder = (input: Uint8Array, first: number, sAt: number) => void;

/**
 * A worker's encode board task: claim groups until the board is closed and drained (claim-board.ts).
 * @param payloadBytes payload bytes per block (names a failed group's blocks)
 */
export function runEncodeBoard(t: EncodeBoardTask, payloadBytes: number, encode: RowEncoder): void {
  const rows = t.rows;
  claimRows(
    t,
    (o, buffer) => {
      const first = rows[o]!;
      if (t.failAtBlock !== undefined && t.failAtBlock >= first && t.failAtBlock < first + Math.ceil(rows[o + 3]! / payloadBytes)) throw new Error('test hook');
      encode(buffer(rows[o + 1]!).subarray(rows[o + 2]!, rows[o + 2]! + rows[o + 3]!), first, rows[o + 4]!);
    },
    (o) => `encoding blocks ${rows[o]!} … ${rows[o]! + Math.ceil(rows[o + 3]! / payloadBytes) - 1}`,
  );
}
