/**
 * hopcode/queue/remote-worker — a long-running BullMQ worker that runs chunk jobs locally.
 *
 * Each chunk job names a template (queue/job-store.ts) and a chunk index; the worker
 * rebuilds the job once and runs the chunk on its local piscina pool — the same chunk
 * runner the threads of a local run use, so a chunk's counts are bit-identical wherever
 * it runs — and returns the additive counts as the job's return value. BullMQ's lock
 * (renewed every lockDuration / 2 by this process's event loop, which the pool threads
 * leave free) is what makes a killed worker's job "stalled": after `stallSeconds` any
 * other worker's stalled-job check moves it back to the wait list and it is redone.
 * A chunk that throws fails its attempt with a message naming the chunk and this worker.
 * The kinds it can run are those registered in this process (the CLI registers them).
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChunkCounts } from '../pool/chunk-runner.js';
import { DecodePool } from '../pool/decode-pool.js';
import { VERSION } from '../version.js';
import { checkQueue, connectRedis, parseRedisUrl, QUEUE_NAME, QueueError, reason } from './connection.js';
import type { ChunkJobData } from './coordinator.js';
import { TemplateCache } from './job-store.js';

export interface RemoteWorkerOptions {
  url: string;
  /** Pool threads, also the number of chunk jobs run at once (default 1). */
  threads?: number;
  /** Seconds without a lock renewal after which a job counts as stalled (default 30). */
  stallSeconds?: number;
  /** Name in error messages (default host:pid). */
  name: string;
  /** Log lines (start, stalls, failures). */
  log?: (line: string) => void;
  /** Test hook: this process SIGKILLs itself while running this chunk index. */
  killAtChunk?: number;
}

export class RemoteWorker {
  private constructor(
    private readonly worker: Worker<ChunkJobData, ChunkCounts>,
    private readonly pool: DecodePool,
    private readonly client: Redis,
  ) {}

  static async start(o: RemoteWorkerOptions): Promise<RemoteWorker> {
    const target = parseRedisUrl(o.url);
    const threads = o.threads ?? 1;
    const stallMs = Math.round((o.stallSeconds ?? 30) * 1000);
    const client = await connectRedis(target, { lostAfterMs: 365 * 24 * 3600 * 1000 });
    const connection = { ...target.options, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    try {
      // A queue holding another version's jobs is refused; an idle one is claimed.
      const q = new Queue(QUEUE_NAME, { connection });
      q.on('error', () => {});
      try {
        await checkQueue(client, target, async () => (await q.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) > 0);
      } finally {
        await q.close();
      }
    } catch (e) {
      client.disconnect();
      throw e instanceof QueueError ? e : new QueueError(`Redis at ${target.url}: ${reason(e)}`);
    }
    const templates = new TemplateCache(client);
    const pool = new DecodePool({ workers: threads });
    const log = o.log ?? (() => {});
    const processor = async (job: Job<ChunkJobData, ChunkCounts>): Promise<ChunkCounts> => {
      const { v, t, c } = job.data;
      if (v !== VERSION) throw new UnrecoverableError(`job ${job.id} is for hopcode ${v}, worker ${o.name} runs ${VERSION}`);
      let full;
      try {
        full = await templates.job(t);
      } catch (e) {
        throw new UnrecoverableError(`${(e as Error).message} (worker ${o.name})`);
      }
      if (o.killAtChunk === c) process.kill(process.pid, 'SIGKILL'); // test hook: dies holding the job
      try {
        const r = await pool.runJob(full, { maxChunks: 1, firstChunk: c });
        return r.totals;
      } catch (e) {
        throw new Error(`chunk ${c} failed on worker ${o.name} (attempt ${job.attemptsMade + 1}): ${(e as Error).message}`);
      }
    };
    const worker = new Worker<ChunkJobData, ChunkCounts>(QUEUE_NAME, processor, {
      connection,
      concurrency: threads,
      lockDuration: stallMs,
      stalledInterval: Math.max(500, Math.round(stallMs / 2)),
      maxStalledCount: 5,
      name: o.name,
    });
    let lastError = 0; // one line per 10 s while Redis is away, not one per retry
    worker.on('error', (e) => {
      if (Date.now() - lastError > 10_000) log(`hopcode worker: Redis at ${target.url}: ${reason(e)} (retrying)`);
      lastError = Date.now();
    });
    worker.on('failed', (job, e) => log(`hopcode worker: ${e.message}`));
    worker.on('stalled', (id) => log(`hopcode worker: job ${id} stalled (its worker stopped renewing the lock): it is redone`));
    await worker.waitUntilReady();
    log(`hopcode worker ${o.name}: hopcode ${VERSION}, ${threads} thread${threads === 1 ? '' : 's'}, queue ${QUEUE_NAME} at ${target.url}`);
    return new RemoteWorker(worker, pool, client);
  }

  /** Finish the jobs being run (none is taken meanwhile), then disconnect. `force`: abandon them (they stall and are redone elsewhere). */
  async close(force = false): Promise<void> {
    const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    // Without Redis a finished chunk cannot be reported: abandon it (it is redone) rather than hang.
    if (!force && this.client.status === 'ready') await this.worker.close(false);
    else await Promise.race([this.worker.close(true), later(2000)]);
    await Promise.race([this.worker.disconnect(), later(2000)]);
    await this.pool.close();
    this.client.disconnect();
  }
}
