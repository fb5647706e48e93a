/**
 * hopcode/queue/coordinator — runs a job's chunks on remote `hopcode worker`s through BullMQ.
 *
 * A `JobRunner` (pool/job-runner.ts) like the local pool: the engine hands it a job and a
 * chunk range and gets back in-order totals, with `stopWhen` evaluated after each chunk
 * *in chunk order* (the engine's own stop rules, not a second copy), so the counts equal
 * a local run with the same seed whatever the workers' number, speed or failures.
 *
 * Chunks are enqueued in waves about two seconds of work ahead of the lowest chunk not
 * yet folded (at least `minAhead`), with deterministic job ids (queue/job-store.ts).
 * Delivery is at-least-once (a stalled worker's job is redone by another, a failed one
 * retried); the counts are exactly-once because a chunk's counts are folded by chunk
 * index, once, and a chunk computes the same counts wherever and however often it runs.
 * Completions arrive through QueueEvents; the lowest missing chunk is also polled by id,
 * which finds chunks finished while this coordinator was not listening (a resume).
 * When the range stops, its waiting jobs are removed (running ones finish, unused).
 */
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { addCounts, zeroCounts, type ChunkCounts } from '../pool/chunk-runner.js';
import type { AnyJob, JobRunOptions, RunResult } from '../pool/decode-pool.js';
import { validateAny } from '../pool/any-job.js';
import type { JobRunner } from '../pool/job-runner.js';
import { VERSION } from '../version.js';
import { checkQueue, connectRedis, parseRedisUrl, QUEUE_NAME, QueueError, reason, type RedisTarget } from './connection.js';
import { chunkJobId, parseChunkJobId, putTemplate } from './job-store.js';

/** Data of one chunk job: version, template id, chunk index. */
export interface ChunkJobData {
  v: string;
  t: string;
  c: number;
}

export interface CoordinatorOptions {
  /** Attempts per chunk before the run ends with an error (default 3). */
  attempts?: number;
  /** Chunks enqueued ahead of need at least (default 16). */
  minAhead?: number;
  /** Seconds Redis may be gone before the run ends with an error (default 10). */
  lostAfterSeconds?: number;
}

export class QueueCoordinator implements JobRunner {
  private waiters: (() => void)[] = [];
  private readonly done = new Map<string, ChunkCounts>();
  private readonly failed = new Map<string, string>();
  private lost: string | undefined;
  /** Rejects once our own connection has given up on Redis (every wait races it). */
  private readonly lostPromise: Promise<never>;
  /** Templates being run now → the next chunk to fold: other completions (other runs' jobs, a chunk delivered twice) are not kept. */
  private readonly running = new Map<string, number>();
  private mine(jobId: string): boolean {
    const p = parseChunkJobId(jobId);
    const next = p && this.running.get(p.template);
    return p !== undefined && next !== undefined && p.chunk >= next;
  }

  private constructor(
    readonly target: RedisTarget,
    private readonly client: Redis,
    readonly queue: Queue<ChunkJobData>,
    private readonly events: QueueEvents,
    private readonly o: Required<CoordinatorOptions>,
  ) {
    events.on('completed', ({ jobId, returnvalue }) => {
      const v = typeof returnvalue === 'string' ? (JSON.parse(returnvalue) as ChunkCounts) : (returnvalue as unknown as ChunkCounts);
      if (this.mine(jobId) && v && typeof v.frames === 'number') this.done.set(jobId, v);
      this.wake();
    });
    events.on('failed', ({ jobId }) => {
      if (this.mine(jobId)) void this.checkFailed(jobId).then(() => this.wake(), () => {});
    });
    let rejectLost: (e: Error) => void = () => {};
    this.lostPromise = new Promise<never>((_, reject) => (rejectLost = reject));
    this.lostPromise.catch(() => {});
    client.on('end', () => {
      this.lost = `hopcode/queue: lost the connection to Redis at ${target.url} for ${o.lostAfterSeconds} s`;
      rejectLost(new QueueError(`${this.lost} (the results file holds every row finished so far: resume with --resume FILE --redis URL)`));
      this.wake();
    });
  }

  /** Connect (one clear error if the URL is bad or nobody answers) and check the queue's version. */
  static async open(url: string, o: CoordinatorOptions = {}): Promise<QueueCoordinator> {
    const target = parseRedisUrl(url);
    const opts: Required<CoordinatorOptions> = { attempts: o.attempts ?? 3, minAhead: o.minAhead ?? 16, lostAfterSeconds: o.lostAfterSeconds ?? 10 };
    const client = await connectRedis(target, { lostAfterMs: opts.lostAfterSeconds * 1000 });
    const connection = { ...target.options, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    const queue = new Queue<ChunkJobData>(QUEUE_NAME, { connection });
    // a short blocking read: a dead Redis is let go of within seconds, not ten
    const events = new QueueEvents(QUEUE_NAME, { connection, blockingTimeout: 1000 });
    queue.on('error', () => {});
    events.on('error', () => {});
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      await checkQueue(client, target, async () => (await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) > 0);
    } catch (e) {
      await Promise.allSettled([queue.close(), events.close()]);
      client.disconnect();
      throw e instanceof QueueError ? e : new QueueError(`Redis at ${target.url}: ${reason(e)}`);
    }
    return new QueueCoordinator(target, client, queue, events, opts);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Look a job up by id: record its counts if complete, its reason if failed for good. */
  private async poll(id: string): Promise<void> {
    const job = await Job.fromId<ChunkJobData, ChunkCounts>(this.queue, id);
    if (!job) return;
    if (job.finishedOn && job.returnvalue && typeof job.returnvalue.frames === 'number') this.done.set(id, job.returnvalue);
    else if (job.finishedOn && job.failedReason) await this.checkFailed(id, job);
  }

  private async checkFailed(id: string, known?: Job<ChunkJobData, ChunkCounts>): Promise<void> {
    const job = known ?? (await Job.fromId<ChunkJobData, ChunkCounts>(this.queue, id));
    if (job && (await job.getState()) === 'failed') this.failed.set(id, `${job.failedReason} (${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'})`);
  }

  /** Enqueue chunks (duplicates of ids BullMQ still holds are ignored by BullMQ). */
  async enqueue(template: string, chunks: number[]): Promise<void> {
    await this.queue.addBulk(
      chunks.map((c) => ({
        name: 'chunk',
        data: { v: VERSION, t: template, c },
        opts: {
          jobId: chunkJobId(template, c),
          attempts: this.o.attempts,
          backoff: { type: 'fixed', delay: 100 },
          // Kept for a day (and at most 20 000) so a resumed coordinator finds finished chunks.
          removeOnComplete: { age: 24 * 3600, count: 20_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async runJob(job: AnyJob, o: JobRunOptions): Promise<RunResult> {
    validateAny(job);
    const template = await this.guard(putTemplate(this.client, job));
    const first = o.firstChunk ?? 0;
    const stopView = o.stopFlag ? new Int32Array(o.stopFlag) : undefined;
    const totals = zeroCounts();
    let folded = 0;
    let next = 0;
    let ahead = this.o.minAhead;
    const recent: number[] = []; // times (ms) of the last folds, for the rate
    let lastPoll = 0;
    this.running.set(template, first);
    try {
      for (;;) {
        if (this.lost) await this.lostPromise;
        // fold what has arrived, in chunk order
        for (;;) {
          const id = chunkJobId(template, first + folded);
          const failure = this.failed.get(id);
          if (failure) {
            // forget the failed job, so that a resumed run (after a fix) tries the chunk afresh
            await this.queue.remove(id).catch(() => 0);
            this.failed.delete(id);
            throw new QueueError(`hopcode/queue: chunk ${first + folded} failed: ${failure}`);
          }
          const c = this.done.get(id);
          if (!c || folded >= o.maxChunks) break;
          this.done.delete(id);
          addCounts(totals, c);
          folded++;
          this.running.set(template, first + folded);
          recent.push(performance.now());
          if (o.stopWhen?.(totals, folded)) return { totals, chunks: folded, stopReason: 'rule' };
        }
        if (folded >= o.maxChunks) return { totals, chunks: folded, stopReason: 'done' };
        if (stopView && Atomics.load(stopView, 0) !== 0) return { totals, chunks: folded, stopReason: 'stopped' };
        // about two seconds of work ahead of need, measured over the last folds
        while (recent.length > 0 && performance.now() - recent[0]! > 2000) recent.shift();
        ahead = Math.min(4096, Math.max(this.o.minAhead, recent.length));
        if (next < o.maxChunks && next - folded < ahead / 2 + 1) {
          const end = Math.min(o.maxChunks, folded + ahead);
          const wave: number[] = [];
          for (; next < end; next++) wave.push(first + next);
          await this.guard(this.enqueue(template, wave));
        }
        // The lowest missing chunk may have finished unheard (before a resume, or an event
        // lost): after half a second without progress look it up by id, and if it is done,
        // the next ones too (a resumed run catches up on chunks finished while it was away).
        const now = performance.now();
        if (now - lastPoll > 500 && now - (recent.at(-1) ?? 0) > 500) {
          lastPoll = now;
          const lowest = chunkJobId(template, first + folded);
          await this.guard(this.poll(lowest));
          if (this.done.has(lowest)) {
            const ids: string[] = [];
            for (let i = folded + 1; i < Math.min(next, folded + 256); i++) ids.push(chunkJobId(template, first + i));
            await this.guard(Promise.all(ids.map((id) => this.poll(id))));
            continue;
          }
        }
        await this.sleep(this.done.has(chunkJobId(template, first + folded)) ? 0 : 100);
      }
    } finally {
      this.running.delete(template);
      // Jobs beyond the stop are not needed: remove those still waiting, forget any results.
      const leftovers: Promise<number>[] = [];
      for (let i = folded; i < next; i++) {
        const id = chunkJobId(template, first + i);
        this.done.delete(id);
        if (!this.lost) leftovers.push(this.queue.remove(id).catch(() => 0));
      }
      await Promise.allSettled(leftovers);
    }
  }

  /** A Redis call that fails (server gone) becomes one clear error. */
  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      return await Promise.race([p, this.lostPromise]);
    } catch (e) {
      if (e instanceof QueueError) throw e;
      throw new QueueError(`hopcode/queue: Redis at ${this.target.url} failed: ${reason(e)} (the results file holds every row finished so far: resume with --resume)`);
    }
  }

  async close(): Promise<void> {
    const timeout = () => new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
    if (this.lost) {
      // Redis is gone: nothing to wait for. close() marks BullMQ's loops as closing (no more
      // retries), disconnect() drops the sockets; neither can finish cleanly, so neither is awaited.
      for (const p of [this.events.close(), this.queue.close(), this.events.disconnect(), this.queue.disconnect()]) p.catch(() => {});
    } else {
      await Promise.race([Promise.allSettled([this.events.close(), this.queue.close()]), timeout()]);
    }
    this.client.disconnect();
  }

}

/** Who a worker is, in messages: host and process id. */
export function workerIdentity(): string {
  return `${hostname()}:${process.pid}`;
}
