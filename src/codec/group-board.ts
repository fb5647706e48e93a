/**
 * hopcode/codec/group-board — the groups of a whole shared decode claimed by the workers
 * from shared memory (issue 12): one task per worker per decode instead of one per group.
 *
 * With a task per group, piscina hands each task to a worker when it is submitted (two
 * queued per worker), so a worker whose groups went fast sat idle while the other still
 * had one queued, and every group cost a message each way through a calling thread that
 * was busy reading pages: traced on a 64 MiB clean pooled decode, the workers' gaps were
 * 3–6 ms between ~2.5 ms groups. Here the calling thread writes each group's row (its
 * blocks, output slot and pieces of the input) into a shared table as soon as its pages
 * are read; each worker runs one long task that claims the next row with an atomic
 * counter, gathers and decodes it, writes the per-block statuses into shared arrays and
 * marks the row done; the calling thread waits on each row with Atomics.waitAsync and
 * folds them in order. Used only when every piece is a view of the input and the output
 * is shared (decodeAsync of a SharedArrayBuffer container): nothing else needs copying.
 *
 * Control words: READY = rows published (low 30 bits) | CLOSED (no more will come);
 * NEXT = the next row to claim; STOP = a worker failed (claim nothing more). A worker
 * blocks in Atomics.wait on READY while no row is ready, so the board must be closed on
 * every way out of a decode (PooledDecoder does), or its workers would wait for ever.
 */
import type { EngineKey } from './engine.js';
import type { DecodeJob } from './fold.js';
import type { GroupDecodeResult } from './groups.js';
import { PAGE_DATA_BYTES } from './container.js';
import { isShared } from './shared-bytes.js';

const READY = 0;
const NEXT = 1;
const STOP = 2;
const CLOSED = 1 << 30;
/** Row words: first block, blocks, output offset, output length, first piece word, end piece word. */
const ROW = 6;

/** What each worker's board task receives (all views of SharedArrayBuffers). */
export interface BoardTask {
  op: 'board';
  key: EngineKey;
  seed: number;
  failAtBlock?: number;
  /** The container; pieces are (offset, length) pairs into it. */
  input: Uint8Array;
  /** The whole buffer the output slots are in (offsets are byte offsets of it). */
  output: Uint8Array;
  ctl: Int32Array;
  rows: Int32Array;
  pieces: Int32Array;
  /** Per row: 0 pending, 1 decoded, 2 failed. */
  state: Int32Array;
  /** Per block (from block first0): its LaneStatus and bits corrected. */
  status: Uint8Array;
  bits: Uint32Array;
  first0: number;
}

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

const int32s = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)));

/** The calling thread's half: rows in, results out in the order asked. */
export class GroupBoard {
  readonly task: BoardTask;
  private rowsUsed = 0;
  private piecesUsed = 0;
  private closed = false;
  /** Rejects with a worker's error once any board task fails; never resolves. */
  private failed: Promise<never> = new Promise<never>(() => undefined);
  private readonly blocks: number;
  private tasks: Promise<unknown> = Promise.resolve();

  private constructor(task: BoardTask, blocks: number) {
    this.task = task;
    this.blocks = blocks;
  }

  /**
   * A board for the decode that `job` (its first pooled group) starts, or null when the
   * decode is not one the board takes (pieces not all of one shared input, no shared
   * output slot, or Atomics.waitAsync missing).
   * @param payloadBytes payload bytes per block (the rows' capacity follows from the output)
   */
  static start(job: DecodeJob, payloadBytes: number, key: EngineKey, seed: number, failAtBlock?: number): GroupBoard | null {
    const seg = job.segments;
    const dest = job.dest;
    if (waitAsync === undefined || !seg || seg.srcs.length !== 1 || !isShared(seg.srcs[0]!) || !dest || !isShared(dest)) return null;
    const input = seg.srcs[0]!;
    const output = new Uint8Array(dest.buffer);
    // Blocks from job.first to the end of the output; rows are groups (≥ job.l blocks each but the last).
    const blocks = Math.ceil((output.length - dest.byteOffset) / payloadBytes) + job.l;
    const rows = Math.ceil(blocks / job.l) + 2;
    const pieces = 2 * (Math.ceil(input.length / PAGE_DATA_BYTES) + 2 * rows);
    const task: BoardTask = {
      op: 'board',
      key,
      seed,
      ...(failAtBlock !== undefined ? { failAtBlock } : {}),
      input,
      output,
      ctl: int32s(4),
      rows: int32s(ROW * rows),
      pieces: int32s(pieces),
      state: int32s(rows),
      status: new Uint8Array(new SharedArrayBuffer(blocks)),
      bits: new Uint32Array(new SharedArrayBuffer(4 * blocks)),
      first0: job.first,
    };
    return new GroupBoard(task, blocks);
  }

  /** The workers' board tasks: a failure of any of them fails every row not yet decoded. */
  watch(tasks: Promise<unknown>[]): void {
    this.failed = Promise.all(tasks).then(() => new Promise<never>(() => undefined));
    this.failed.catch(() => undefined); // observed through the rows' races
    this.tasks = Promise.allSettled(tasks);
  }

  /**
   * Resolves when every board task has returned (after close): a decode waits for it, else
   * piscina still counts the workers busy when the next decode starts and puts both of its
   * board tasks on the other worker, one behind the other.
   */
  async settled(): Promise<void> {
    await this.tasks;
  }

  /** Whether `job` fits this board (same input and output, room left). */
  takes(job: DecodeJob): boolean {
    const t = this.task;
    const seg = job.segments;
    const dest = job.dest;
    return (
      !this.closed &&
      seg !== undefined &&
      seg.srcs.length === 1 &&
      seg.srcs[0] === t.input &&
      dest !== undefined &&
      dest.buffer === t.output.buffer &&
      job.first >= t.first0 &&
      job.first - t.first0 + job.l <= this.blocks &&
      (this.rowsUsed + 1) * ROW <= t.rows.length &&
      this.piecesUsed + (seg.at.length / 3) * 2 <= t.pieces.length
    );
  }

  /** Publish `job` (takes(job) must hold); resolves with its result once a worker decoded it. */
  add(job: DecodeJob): Promise<GroupDecodeResult> {
    const t = this.task;
    const r = this.rowsUsed++;
    const at = job.segments!.at;
    const p0 = this.piecesUsed;
    for (let i = 0; i < at.length; i += 3) {
      t.pieces[this.piecesUsed++] = at[i + 1]!;
      t.pieces[this.piecesUsed++] = at[i + 2]!;
    }
    const dest = job.dest!;
    t.rows.set([job.first, job.l, dest.byteOffset, dest.length, p0, this.piecesUsed], r * ROW);
    Atomics.add(t.ctl, READY, 1); // keeps the CLOSED bit a failing worker may have set
    Atomics.notify(t.ctl, READY);
    const result = (): GroupDecodeResult | Promise<never> => {
      if (Atomics.load(t.state, r) !== 1) return this.failed;
      const i = job.first - t.first0;
      return { data: dest, status: t.status.slice(i, i + job.l), bitsCorrected: t.bits.slice(i, i + job.l) };
    };
    const w = waitAsync!(t.state, r, 0);
    const done = w.async ? w.value.then(result) : Promise.resolve().then(result);
    return Promise.race([done, this.failed]);
  }

  /** No more rows: workers finish the published ones, then their tasks return. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.or(this.task.ctl, READY, CLOSED);
    Atomics.notify(this.task.ctl, READY);
  }
}

/** What a worker does with one row: decode `input` (the group's bytes) into `dest`. */
export type RowDecoder = (input: Uint8Array, l: number, first: number, dest: Uint8Array) => Omit<GroupDecodeResult, 'data'>;

/**
 * A worker's board task: claim rows until the board is closed and drained (or a worker
 * failed), decoding each. A row that throws marks the board stopped and rethrows (the
 * task's rejection carries the message to the calling thread).
 * @param scratch this worker's group buffer of at least n bytes
 */
export function runBoard(t: BoardTask, scratch: (n: number) => Uint8Array, decode: RowDecoder): void {
  const { ctl, rows, pieces, state, input } = t;
  for (;;) {
    if (Atomics.load(ctl, STOP) !== 0) return;
    const r = Atomics.add(ctl, NEXT, 1);
    for (;;) {
      const ready = Atomics.load(ctl, READY);
      if (r < (ready & ~CLOSED)) break;
      if ((ready & CLOSED) !== 0 || Atomics.load(ctl, STOP) !== 0) return;
      Atomics.wait(ctl, READY, ready);
    }
    const o = r * ROW;
    const first = rows[o]!;
    const l = rows[o + 1]!;
    try {
      if (t.failAtBlock !== undefined && t.failAtBlock >= first && t.failAtBlock < first + l) throw new Error('test hook');
      let len = 0;
      for (let k = rows[o + 4]!; k < rows[o + 5]!; k += 2) len += pieces[k + 1]!;
      const g = scratch(len);
      for (let k = rows[o + 4]!, to = 0; k < rows[o + 5]!; k += 2) {
        const off = pieces[k]!;
        g.set(input.subarray(off, off + pieces[k + 1]!), to);
        to += pieces[k + 1]!;
      }
      const res = decode(g, l, first, new Uint8Array(t.output.buffer, rows[o + 2]!, rows[o + 3]!));
      t.status.set(res.status, first - t.first0);
      t.bits.set(res.bitsCorrected, first - t.first0);
      Atomics.store(state, r, 1);
    } catch (e) {
      Atomics.store(ctl, STOP, 1);
      Atomics.store(state, r, 2);
      Atomics.or(ctl, READY, CLOSED);
      Atomics.notify(ctl, READY);
      Atomics.notify(state, r);
      throw new Error(`hopcode/codec: decoding blocks ${first} … ${first + l - 1} failed in a worker: ${(e as Error).message}`);
    }
    Atomics.notify(state, r);
  }
}
