/**
 * hopcode/codec/claim-board — rows of work claimed by the pool's workers from shared memory
 * (issue 12): one task per worker per run instead of one per group. The mechanics shared by
 * the decode board (group-board.ts) and the encode board (encode-board.ts).
 *
 * With a task per group, piscina hands each task to a worker when it is submitted (two
 * queued per worker), so a worker whose groups went fast sat idle while the other still
 * had one queued, and every group cost a message each way through a calling thread busy
 * reading pages: traced on a 64 MiB clean pooled decode, the workers' gaps were 3–6 ms
 * between ~2.5 ms groups. Here the calling thread writes each group's row into a shared
 * table as soon as its input is ready; each worker runs one long task that claims the next
 * row with an atomic counter, does it and marks it done; the calling thread waits on each
 * row with Atomics.waitAsync.
 *
 * Control words: READY = rows published (low 30 bits) | CLOSED (no more will come);
 * NEXT = the next row to claim; STOP = a worker failed (claim nothing more). A worker
 * blocks in Atomics.wait on READY while no row is ready, so the board must be closed on
 * every way out of a run (the pooled encoder and decoder do), or its workers would wait for
 * ever. Rows may read buffers made as the run goes (shared S buffers, the copies of an
 * ordinary input): each is posted once to every worker on a MessagePort of its task before
 * the first row that reads it is published, and the worker takes it with
 * receiveMessageOnPort (synchronous: its task never returns to the event loop).
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

const READY = 0;
const NEXT = 1;
const STOP = 2;
const CLOSED = 1 << 30;

/** What every worker's board task carries (views of SharedArrayBuffers, and its own port). */
export interface ClaimTask {
  ctl: Int32Array;
  /** `rowWords` Int32 words per row. */
  rows: Int32Array;
  rowWords: number;
  /** Per row: 0 pending, 1 done, 2 failed. */
  state: Int32Array;
  /** Buffers rows read, posted in id order as {id, buf}: one port per worker's task. */
  port?: MessagePort;
}

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Whether this runtime can run boards (Atomics.waitAsync: Node ≥ 16). */
export const CAN_CLAIM = waitAsync !== undefined;

export const int32s = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)));

/** The calling thread's half: rows published, each one's completion awaited. */
export class ClaimBoard {
  readonly task: ClaimTask;
  private used = 0;
  private closed = false;
  /** Rejects with a worker's error once any board task fails; never resolves. */
  private failed: Promise<never> = new Promise<never>(() => undefined);
  private tasks: Promise<unknown> = Promise.resolve();
  private readonly ids = new Map<ArrayBufferLike, number>();
  private readonly ports: MessagePort[] = [];

  /** @param posts rows read buffers posted as the run goes (idOf): each worker's task gets a port */
  constructor(
    rowWords: number,
    capacity: number,
    private readonly posts: boolean,
  ) {
    this.task = { ctl: int32s(4), rows: int32s(rowWords * capacity), rowWords, state: int32s(capacity) };
  }

  /** Room for another row, and not closed. */
  get open(): boolean {
    return !this.closed && (this.used + 1) * this.task.rowWords <= this.task.rows.length;
  }

  /** The ClaimTask part of one worker's task, and what to transfer with it. */
  workerPart(): { part: ClaimTask; transfer: MessagePort[] } {
    if (!this.posts) return { part: this.task, transfer: [] };
    const ch = new MessageChannel();
    this.ports.push(ch.port1);
    for (const [buf, id] of this.ids) ch.port1.postMessage({ id, buf });
    return { part: { ...this.task, port: ch.port2 }, transfer: [ch.port2] };
  }

  /** The workers' board tasks: a failure of any of them fails every row not yet done. */
  watch(tasks: Promise<unknown>[]): void {
    this.failed = Promise.all(tasks).then(() => new Promise<never>(() => undefined));
    this.failed.catch(() => undefined); // observed through the rows' races
    this.tasks = Promise.allSettled(tasks);
  }

  /**
   * Resolves when every board task has returned (after close): a run waits for it, else
   * piscina still counts the workers busy when the next run starts and puts both of its
   * board tasks on the other worker, one behind the other.
   */
  async settled(): Promise<void> {
    await this.tasks;
    for (const p of this.ports) p.close();
  }

  /** The id of shared buffer `buf` for a row to name, posted to every worker the first time it is seen. */
  idOf(buf: ArrayBufferLike): number {
    let id = this.ids.get(buf);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(buf, id);
      for (const p of this.ports) p.postMessage({ id, buf });
    }
    return id;
  }

  /** Publish a row (`open` must hold): its index, and a promise settled when a worker has done it. */
  publish(words: ArrayLike<number>): { row: number; done: Promise<void> } {
    const t = this.task;
    const r = this.used++;
    t.rows.set(words, r * t.rowWords);
    Atomics.add(t.ctl, READY, 1); // keeps the CLOSED bit a failing worker may have set
    Atomics.notify(t.ctl, READY);
    const result = (): void | Promise<never> => (Atomics.load(t.state, r) === 1 ? undefined : this.failed);
    const w = waitAsync!(t.state, r, 0);
    const done = w.async ? w.value.then(result) : Promise.resolve().then(result);
    return { row: r, done: Promise.race([done, this.failed]) };
  }

  /** No more rows: workers finish the published ones, then their tasks return. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.or(this.task.ctl, READY, CLOSED);
    Atomics.notify(this.task.ctl, READY);
  }
}

/**
 * A board of one kind of rows (group-board.ts, encode-board.ts): its workers' task is the
 * kind's own fields plus the ClaimTask part. Launches one task per worker and forwards the
 * rest to the ClaimBoard.
 */
export class PoolBoard<T extends ClaimTask> {
  constructor(
    protected readonly board: ClaimBoard,
    protected readonly task: Omit<T, keyof ClaimTask>,
  ) {}

  /**
   * One task per worker, each run by `run` (the pool, with the ports to transfer): a failure of
   * any of them fails every row not yet done.
   */
  launch(workers: number, run: (task: T, transfer: MessagePort[]) => Promise<unknown>): void {
    this.board.watch(
      Array.from({ length: workers }, () => {
        const { part, transfer } = this.board.workerPart();
        return run({ ...this.task, ...part } as T, transfer);
      }),
    );
  }

  /** Resolves when every board task has returned (after close): see ClaimBoard.settled. */
  settled(): Promise<void> {
    return this.board.settled();
  }

  /** Room for another row, and not closed. */
  get open(): boolean {
    return this.board.open;
  }

  /** No more rows: workers finish the published ones, then their tasks return. Idempotent. */
  close(): void {
    this.board.close();
  }
}

/**
 * A worker's board task: claim rows until the board is closed and drained (or a worker
 * failed), running each. A row that throws marks the board stopped and rethrows as
 * "hopcode/codec: WHAT failed in a worker: …" (the task's rejection carries it to the
 * calling thread).
 * @param run does row r (its words start at rows[o]); `buffer(id)` is a posted buffer
 * @param what names row r's work for the error ("decoding blocks 0 … 63")
 */
export function claimRows(t: ClaimTask, run: (o: number, buffer: (id: number) => Uint8Array) => void, what: (o: number) => string): void {
  const { ctl, state, rowWords } = t;
  const bufs: Uint8Array[] = [];
  const buffer = (id: number): Uint8Array => {
    // Posted before the row naming it was published, so already on the port.
    while (bufs.length <= id) {
      const m = t.port ? receiveMessageOnPort(t.port) : undefined;
      if (m === undefined) throw new Error(`buffer ${id} was not posted`);
      bufs.push(new Uint8Array((m.message as { buf: SharedArrayBuffer }).buf));
    }
    return bufs[id]!;
  };
  for (;;) {
    if (Atomics.load(ctl, STOP) !== 0) return;
    const r = Atomics.add(ctl, NEXT, 1);
    for (;;) {
      const ready = Atomics.load(ctl, READY);
      if (r < (ready & ~CLOSED)) break;
      if ((ready & CLOSED) !== 0 || Atomics.load(ctl, STOP) !== 0) return;
      Atomics.wait(ctl, READY, ready);
    }
    try {
      run(r * rowWords, buffer);
      Atomics.store(state, r, 1);
    } catch (e) {
      Atomics.store(ctl, STOP, 1);
      Atomics.store(state, r, 2);
      Atomics.or(ctl, READY, CLOSED);
      Atomics.notify(ctl, READY);
      Atomics.notify(state, r);
      throw new Error(`hopcode/codec: ${what(r * rowWords)} failed in a worker: ${(e as Error).message}`);
    }
    Atomics.notify(state, r);
  }
}
