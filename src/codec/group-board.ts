/**
 * hopcode/codec/group-board — the groups of a whole pooled decode claimed by the workers
 * from shared memory (issue 12; the mechanics and why: claim-board.ts).
 *
 * The calling thread publishes each group's row (its blocks, output slot and input) as
 * soon as its pages are read and folds the results in order; workers write per-block
 * statuses and bits corrected into shared arrays. The output must be shared (decodeAsync's
 * own, or a shared `into`). Two kinds of input: pieces of a container on a
 * SharedArrayBuffer, which the worker gathers (decodeAsync of encodeAsync's result: nothing
 * copied on the calling thread), or one range of a buffer of the session's shared S (an
 * ordinary input, whose pages the calling thread copies into S: shared-queue.ts), decoded
 * where it is; S buffers are posted to the workers as they appear.
 */
import type { EngineKey } from './engine.js';
import type { DecodeJob } from './fold.js';
import type { GroupDecodeResult } from './groups.js';
import { PAGE_DATA_BYTES } from './container.js';
import { isShared } from './shared-bytes.js';
import { CAN_CLAIM, ClaimBoard, claimRows, int32s, PoolBoard, type ClaimTask } from './claim-board.js';

/**
 * Row words: first block, blocks, output offset, output length, first piece word, end piece
 * word, source: FROM_INPUT (pieces of `input`, gathered) or the id of an S buffer (one piece,
 * decoded in place).
 */
const ROW = 7;
const FROM_INPUT = -1;

/** What each worker's decode board task receives (all views of SharedArrayBuffers). */
export interface BoardTask extends ClaimTask {
  op: 'board';
  key: EngineKey;
  seed: number;
  failAtBlock?: number;
  /** The container (segment rows; empty for S rows); pieces are (offset, length) pairs into it. */
  input: Uint8Array;
  /** The whole buffer the output slots are in (offsets are byte offsets of it). */
  output: Uint8Array;
  pieces: Int32Array;
  /** Per block (from block first0): its LaneStatus and bits corrected. */
  status: Uint8Array;
  bits: Uint32Array;
  first0: number;
}

/** The calling thread's half: rows in, results out in the order asked. */
export class GroupBoard extends PoolBoard<BoardTask> {
  private piecesUsed = 0;

  private constructor(
    board: ClaimBoard,
    task: Omit<BoardTask, keyof ClaimTask>,
    private readonly blocks: number,
    /** Rows are ranges of S buffers (else pieces of `task.input`). */
    readonly fromS: boolean,
  ) {
    super(board, task);
  }

  /**
   * A board for the decode that `job` (its first pooled group) starts, or null when the
   * decode is not one the board takes (neither pieces of one shared input nor a view of a
   * shared S, no shared output slot, or Atomics.waitAsync missing).
   * @param payloadBytes payload bytes per block (the rows' capacity follows from the output)
   */
  static start(job: DecodeJob, payloadBytes: number, key: EngineKey, seed: number, failAtBlock?: number): GroupBoard | null {
    const seg = job.segments;
    const dest = job.dest;
    if (!CAN_CLAIM || !dest || !isShared(dest)) return null;
    const fromSegments = seg !== undefined && seg.srcs.length === 1 && isShared(seg.srcs[0]!);
    const fromS = seg === undefined && job.bytes !== null && isShared(job.bytes);
    if (!fromSegments && !fromS) return null;
    const input = fromSegments ? seg.srcs[0]! : new Uint8Array(0);
    const output = new Uint8Array(dest.buffer);
    // Blocks from job.first to the end of the output; rows are groups (≥ job.l blocks each but the last).
    const blocks = Math.ceil((output.length - dest.byteOffset) / payloadBytes) + job.l;
    const rows = Math.ceil(blocks / job.l) + 2;
    const pieces = fromS ? 2 * rows : 2 * (Math.ceil(input.length / PAGE_DATA_BYTES) + 2 * rows);
    const task = {
      op: 'board' as const,
      key,
      seed,
      ...(failAtBlock !== undefined ? { failAtBlock } : {}),
      input,
      output,
      pieces: int32s(pieces),
      status: new Uint8Array(new SharedArrayBuffer(blocks)),
      bits: new Uint32Array(new SharedArrayBuffer(4 * blocks)),
      first0: job.first,
    };
    return new GroupBoard(new ClaimBoard(ROW, rows, fromS), task, blocks, fromS);
  }

  /** Whether `job` fits this board (same input kind and output, room left). */
  takes(job: DecodeJob): boolean {
    const t = this.task;
    const seg = job.segments;
    const dest = job.dest;
    if (!this.open || dest === undefined || dest.buffer !== t.output.buffer || job.first < t.first0 || job.first - t.first0 + job.l > this.blocks) return false;
    if (this.fromS) return seg === undefined && job.bytes !== null && isShared(job.bytes) && this.piecesUsed + 2 <= t.pieces.length;
    return seg !== undefined && seg.srcs.length === 1 && seg.srcs[0] === t.input && this.piecesUsed + (seg.at.length / 3) * 2 <= t.pieces.length;
  }

  /** Publish `job` (takes(job) must hold); resolves with its result once a worker decoded it. */
  add(job: DecodeJob): Promise<GroupDecodeResult> {
    const t = this.task;
    const p0 = this.piecesUsed;
    let src = FROM_INPUT;
    if (this.fromS) {
      const b = job.bytes!;
      src = this.board.idOf(b.buffer);
      t.pieces[this.piecesUsed++] = b.byteOffset;
      t.pieces[this.piecesUsed++] = b.length;
    } else {
      const at = job.segments!.at;
      for (let i = 0; i < at.length; i += 3) {
        t.pieces[this.piecesUsed++] = at[i + 1]!;
        t.pieces[this.piecesUsed++] = at[i + 2]!;
      }
    }
    const dest = job.dest!;
    const { done } = this.board.publish([job.first, job.l, dest.byteOffset, dest.length, p0, this.piecesUsed, src]);
    const i = job.first - t.first0;
    return done.then(() => ({ data: dest, status: t.status.slice(i, i + job.l), bitsCorrected: t.bits.slice(i, i + job.l) }));
  }

}

/** What a worker does with one row: decode `input` (the group's bytes) into `dest`. */
export type RowDecoder = (input: Uint8Array, l: number, first: number, dest: Uint8Array) => Omit<GroupDecodeResult, 'data'>;

/**
 * A worker's decode board task: claim rows until the board is closed and drained (or a
 * worker failed), decoding each (claim-board.ts).
 * @param scratch where a segment row of `l` blocks is gathered (n bytes): the decoder's own
 *   staging area when it has one (BlockCodec.groupStage: no second copy), else this worker's buffer
 */
export function runBoard(t: BoardTask, scratch: (n: number, l: number) => Uint8Array, decode: RowDecoder): void {
  const { rows, pieces, input } = t;
  claimRows(
    t,
    (o, buffer) => {
      const first = rows[o]!;
      const l = rows[o + 1]!;
      const src = rows[o + 6]!;
      if (t.failAtBlock !== undefined && t.failAtBlock >= first && t.failAtBlock < first + l) throw new Error('test hook');
      let g: Uint8Array;
      if (src !== FROM_INPUT) {
        const off = pieces[rows[o + 4]!]!;
        g = buffer(src).subarray(off, off + pieces[rows[o + 4]! + 1]!);
      } else {
        let len = 0;
        for (let k = rows[o + 4]!; k < rows[o + 5]!; k += 2) len += pieces[k + 1]!;
        g = scratch(len, l);
        for (let k = rows[o + 4]!, to = 0; k < rows[o + 5]!; k += 2) {
          const off = pieces[k]!;
          g.set(input.subarray(off, off + pieces[k + 1]!), to);
          to += pieces[k + 1]!;
        }
      }
      const res = decode(g, l, first, new Uint8Array(t.output.buffer, rows[o + 2]!, rows[o + 3]!));
      t.status.set(res.status, first - t.first0);
      t.bits.set(res.bitsCorrected, first - t.first0);
    },
    (o) => `decoding blocks ${rows[o]!} … ${rows[o]! + rows[o + 1]! - 1}`,
  );
}
