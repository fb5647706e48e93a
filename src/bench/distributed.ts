/**
 * hopcode/bench/distributed — `npm run bench:distributed`: runs through BullMQ on Redis.
 *
 * Starts its own redis-server (127.0.0.1, free port, no persistence) and `hopcode worker`
 * processes, and measures with the coordinator API (queue/coordinator.ts):
 *  1. information Mb/s (frames × K / s) of one worker process vs two (one thread each),
 *     on the same chunks of the same problem (Gallager B, bit-sliced, Neal-style (3,6)
 *     N = 1008 code of test/data, BSC p = 0.03, 256-frame chunks) — a fresh seed per
 *     measurement, so no chunk is found already done in the queue;
 *  2. the coordinator's cost per chunk job with trivial chunks (one frame of the (7,4)
 *     Hamming code): end-to-end jobs/s with two worker processes, and the coordinator's
 *     own CPU time per job (its ceiling: 1 / that).
 * Prints a table (and `--json` rows) with the load average: on a shared machine quote
 * the ratios of one run, not the absolute numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CompiledNetwork } from '../decoders/compiled-network.js';
import { QueueCoordinator } from '../queue/coordinator.js';
import { hasRedisServer, startLocalRedis, type LocalRedis } from '../queue/local-redis.js';
import { alistSource } from '../sim/code-source.js';
import { decoderSpec } from '../sim/decoder-spec.js';
import type { SimJob } from '../sim/sim-chunk.js';
import '../sim/sim-chunk.js';

const root = new URL('../../', import.meta.url);
const bin = fileURLToPath(new URL('dist/cli/main.js', root));
const data = (name: string) => fileURLToPath(new URL(`test/data/${name}`, root));
const json = process.argv.includes('--json');
const chunksArg = process.argv.indexOf('--chunks');
const CHUNKS = chunksArg > 0 ? Number(process.argv[chunksArg + 1]) : 160;
const TRIVIAL = 2000;

async function startRedis(): Promise<LocalRedis> {
  if (!hasRedisServer()) throw new Error('bench:distributed needs redis-server: apt-get install -y redis-server');
  return startLocalRedis();
}

function startWorkers(url: string, count: number, threads: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, [bin, 'worker', '--redis', url, '--threads', String(threads)], { stdio: 'ignore' }));
}

async function stopWorkers(ws: ChildProcess[]): Promise<void> {
  await Promise.all(ws.map((w) => new Promise<void>((resolve) => (w.exitCode !== null ? resolve() : (w.once('exit', () => resolve()), w.kill('SIGTERM'))))));
}

function simJob(alist: string, seed: number, framesPerChunk: number, noise: number, maxSweeps?: number): { job: SimJob; k: number } {
  const source = alistSource(alist);
  const net = CompiledNetwork.fromCode(source.code);
  const decoder = decoderSpec('gallager-b', 'unit', maxSweeps ? { maxSweeps } : {});
  return { job: { kind: 'sim', network: net.toShared(), decoder, channel: { kind: 'bsc', noise, rate: source.code.rate }, seed, framesPerChunk }, k: net.k };
}

interface Row {
  measure: string;
  workers: number;
  chunks: number;
  seconds: number;
  infoMbps?: number;
  jobsPerSecond: number;
  coordinatorCpuUsPerJob?: number;
}

async function measure(c: QueueCoordinator, job: SimJob, chunks: number): Promise<{ seconds: number; frames: number; cpuUs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await c.runJob(job, { maxChunks: chunks });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, frames: r.totals.frames, cpuUs: cpu.user + cpu.system };
}

async function main(): Promise<void> {
  const load0 = loadavg()[0]!;
  const redis = await startRedis();
  const c = await QueueCoordinator.open(redis.url, { minAhead: 64 });
  const rows: Row[] = [];
  let seed = 1000;
  try {
    for (const workers of [1, 2]) {
      const ws = startWorkers(redis.url, workers, 1);
      const warm = simJob(data('ldpc-3-6-n1008-seed1.alist'), seed++, 256, 0.03);
      await measure(c, warm.job, 8 * workers); // every worker up, template and network cached, code warm
      const { job, k } = simJob(data('ldpc-3-6-n1008-seed1.alist'), seed++, 256, 0.03);
      const m = await measure(c, job, CHUNKS);
      rows.push({ measure: 'info Mb/s (Gallager B, N = 1008, p = 0.03)', workers, chunks: CHUNKS, seconds: m.seconds, infoMbps: (m.frames * k) / m.seconds / 1e6, jobsPerSecond: CHUNKS / m.seconds });
      await stopWorkers(ws);
    }
    const ws = startWorkers(redis.url, 2, 1);
    const warm = simJob(data('hamming-7-4.alist'), seed++, 1, 0.01, 1);
    await measure(c, warm.job, 100);
    const trivial = simJob(data('hamming-7-4.alist'), seed++, 1, 0.01, 1);
    const m = await measure(c, trivial.job, TRIVIAL);
    rows.push({ measure: 'trivial chunks (1 frame of Hamming (7,4))', workers: 2, chunks: TRIVIAL, seconds: m.seconds, jobsPerSecond: TRIVIAL / m.seconds, coordinatorCpuUsPerJob: m.cpuUs / TRIVIAL });
    await stopWorkers(ws);
  } finally {
    await c.close();
    redis.proc.kill();
  }
  const load1 = loadavg()[0]!;
  const ratio = rows[1]!.infoMbps! / rows[0]!.infoMbps!;
  if (json) {
    for (const r of rows) process.stdout.write(JSON.stringify({ ...r, loadAverage: [load0, load1] }) + '\n');
    process.stdout.write(JSON.stringify({ measure: 'ratio 2 workers / 1 worker (info Mb/s)', ratio, loadAverage: [load0, load1] }) + '\n');
    return;
  }
  const pad = (s: string, n: number) => s.padStart(n);
  process.stdout.write(`# bench:distributed — BullMQ ${'on'} redis-server, worker processes with --threads 1; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}\n`);
  process.stdout.write(`${'measure'.padEnd(44)} ${pad('workers', 7)} ${pad('chunks', 7)} ${pad('s', 7)} ${pad('info Mb/s', 10)} ${pad('jobs/s', 8)} ${pad('coord µs/job', 12)}\n`);
  for (const r of rows) {
    process.stdout.write(`${r.measure.padEnd(44)} ${pad(String(r.workers), 7)} ${pad(String(r.chunks), 7)} ${pad(r.seconds.toFixed(2), 7)} ${pad(r.infoMbps?.toFixed(3) ?? '', 10)} ${pad(r.jobsPerSecond.toFixed(0), 8)} ${pad(r.coordinatorCpuUsPerJob?.toFixed(0) ?? '', 12)}\n`);
  }
  const cpu = rows[2]!.coordinatorCpuUsPerJob!;
  process.stdout.write(`# 2 workers / 1 worker: ${ratio.toFixed(2)}×; coordinator CPU ${cpu.toFixed(0)} µs per chunk job → at most ≈ ${(1e6 / cpu).toFixed(0)} jobs/s from one coordinator core\n`);
}

await main();
