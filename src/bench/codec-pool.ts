/**
 * hopcode/bench/codec-pool — where the pool's time goes: `node dist/bench/codec-pool.js
 * [--size MiB] [--rounds R] [--workers W] [--shared] [--root OTHER_ROOT]` (`--shared`: the inputs on
 * SharedArrayBuffers, which the pool reads in place; OTHER_ROOT: another checkout
 * with its own dist/, to compare builds).
 *
 * Wall-clock scaling is hard to see on a shared machine, so besides wall MB/s this prints,
 * per operation (encode, clean decode, decode at BER 1e-3 of the default profile), medians
 * over R rounds of:
 *  - one thread: CPU ms of the process (encode/decode on the calling thread);
 *  - pool: wall ms, CPU ms of the whole process (all threads), the calling thread's busy
 *    ms = event-loop utilisation (performance.eventLoopUtilization, issue 12) × wall, and
 *    its CPU ms (Linux /proc/thread-self/schedstat; ELU also counts time the thread was
 *    runnable but descheduled, which on a loaded machine inflates it);
 *  - `main/1t`: the calling thread's CPU time over the one-thread CPU time — the share of
 *    the work the pool does NOT spread (with 2 cores a pool of 2 is at most
 *    2 / (1 + 2·main/1t) × one thread when the workers are fully busy);
 *  - `cpu ratio`: pool CPU / one-thread CPU (the pool's overhead: ≥ 1);
 *  - `2-core bound`: the most an idle 2-core machine allows pool / one thread to be with
 *    these CPU times, 1t cpu / max(pool cpu / 2, main cpu) — a ceiling, not a measurement
 *    (it ignores waiting: the start of the pipeline, the last group's worker alone).
 * Warm-up: both codecs, every worker of the pool included (codec-warm.ts). Last line: how
 * long this build's calling thread takes to cut a whole buffer's first group (the pipeline's
 * serial prefix) and all of them.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { flipBits } from './codec-baselines.js';
import { warmCodec, warmPool } from './codec-warm.js';
import { DecoderSession } from '../codec/session.js';
import { SharedFreeList } from '../codec/shared-bytes.js';

interface PoolCodec {
  encode(data: Uint8Array): Uint8Array;
  decode(encoded: Uint8Array, opts?: { partial?: boolean }): unknown;
  encodeAsync(data: Uint8Array): Promise<Uint8Array>;
  decodeAsync(encoded: Uint8Array, opts?: { partial?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
type Create = (o: { workers: number; fileSeed: number; poolMinBytes?: number }) => PoolCodec;

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const sizeMiB = Number(opt('--size') ?? 16);
const rounds = Number(opt('--rounds') ?? 3);
const workers = Number(opt('--workers') ?? 2);
const root = opt('--root');
if (!(sizeMiB > 0 && sizeMiB <= 256) || !(Number.isInteger(rounds) && rounds >= 1) || !(Number.isInteger(workers) && workers >= 2 && workers <= 16)) {
  process.stderr.write('bench/codec-pool: usage: codec-pool.js [--size MiB (0, 256]] [--rounds R ≥ 1] [--workers 2 … 16] [--shared] [--root OTHER_ROOT]\n');
  process.exit(2);
}
const where = root === undefined ? new URL('../codec/codec.js', import.meta.url).href : pathToFileURL(resolve(root, 'dist/codec/codec.js')).href;
let create: Create;
try {
  create = ((await import(where)) as { createCodec: Create }).createCodec;
} catch (e) {
  process.stderr.write(`bench/codec-pool: cannot load ${where}: ${(e as Error).message}\n`);
  process.exit(2);
}

const size = Math.round(sizeMiB * 2 ** 20);
const data0 = new Uint8Array(size);
const words = new Uint32Array(data0.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
const one = create({ workers: 1, fileSeed: 1 });
const pool = create({ workers, poolMinBytes: 0, fileSeed: 1 });
const noisy0 = one.encode(data0).slice();
flipBits(noisy0, 1e-3, 1000);
// --shared: every input on a SharedArrayBuffer (the pool's workers read it where it is).
const inputOf = (b: Uint8Array): Uint8Array => {
  if (!argv.includes('--shared')) return b;
  const c = new Uint8Array(new SharedArrayBuffer(b.length));
  c.set(b);
  return c;
};
const data: Uint8Array = inputOf(data0);
const enc: Uint8Array = inputOf(one.encode(data0));
const noisy: Uint8Array = inputOf(noisy0);
// Warm-up (codec-warm.ts): the one-thread codec on its thread, the pool in every worker.
await warmCodec(one, data.subarray(0, Math.min(size, 16 << 20)));
await warmPool(pool, data, workers);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU ms of this thread (Linux), else NaN. */
const threadCpu = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
};
const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
const ops: [string, (c: PoolCodec) => unknown, (c: PoolCodec) => Promise<unknown>][] = [
  ['encode', (c) => c.encode(data), (c) => c.encodeAsync(data)],
  ['clean decode', (c) => c.decode(enc), (c) => c.decodeAsync(enc)],
  ['BER 1e-3 decode', (c) => c.decode(noisy, { partial: true }), (c) => c.decodeAsync(noisy, { partial: true })],
];
const mb = size / 1e6;
process.stdout.write(`codec pool scaling, ${sizeMiB} MiB, pool of ${workers}, ${rounds} rounds, build ${root ?? 'this'}, load average ${loadavg()[0]!.toFixed(2)} (warmed: both codecs, every worker); medians\n`);
process.stdout.write(`${'op'.padEnd(16)} ${'1t cpu ms'.padStart(10)} ${'1t MB/s'.padStart(8)} | ${'pool wall'.padStart(9)} ${'MB/s'.padStart(7)} ${'cpu ms'.padStart(8)} ${'main ELU'.padStart(8)} ${'main cpu'.padStart(8)} ${'main/1t'.padStart(8)} ${'cpu ratio'.padStart(9)} ${'wall 1t/pool'.padStart(12)} ${'2-core bound'.padStart(12)}\n`);
for (const [name, single, pooled] of ops) {
  const t1: number[] = [];
  const w1: number[] = [];
  const wall: number[] = [];
  const pc: number[] = [];
  const main: number[] = [];
  const mainCpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let c = cpu();
    let t = performance.now();
    single(one);
    w1.push(performance.now() - t);
    t1.push(cpu() - c);
    const elu = performance.eventLoopUtilization();
    c = cpu();
    const mc = threadCpu();
    t = performance.now();
    await pooled(pool);
    mainCpu.push(threadCpu() - mc);
    const dt = performance.now() - t;
    pc.push(cpu() - c);
    wall.push(dt);
    main.push(performance.eventLoopUtilization(elu).utilization * dt);
  }
  const [a, w, p, m, ww, mc] = [median(t1), median(wall), median(pc), median(main), median(w1), median(mainCpu)];
  process.stdout.write(
    `${name.padEnd(16)} ${a.toFixed(0).padStart(10)} ${(mb / (ww / 1000)).toFixed(1).padStart(8)} | ${w.toFixed(0).padStart(9)} ${(mb / (w / 1000)).toFixed(1).padStart(7)} ${p.toFixed(0).padStart(8)} ${m.toFixed(0).padStart(8)} ${mc.toFixed(0).padStart(8)} ${((Number.isNaN(mc) ? m : mc) / a).toFixed(3).padStart(8)} ${(p / a).toFixed(2).padStart(9)} ${(ww / w).toFixed(2).padStart(12)} ${(a / Math.max(p / 2, Number.isNaN(mc) ? m : mc)).toFixed(2).padStart(12)}\n`,
  );
}
await pool.close();

// The serial prefix of a pooled whole-buffer decode: no worker can start before the first
// group's job exists, and the page reader parses every page of the input first (pages.ts).
{
  const free = new SharedFreeList();
  const firsts: number[] = [];
  const alls: number[] = [];
  for (let r = 0; r < Math.max(3, rounds); r++) {
    const s = new DecoderSession({ partial: false, failFast: false, key: { maxSweeps: 50, decoder: 'auto' }, whole: true, shared: free });
    const t = performance.now();
    const it = s.splitJobs(enc)[Symbol.iterator]();
    const jobs = [it.next().value];
    firsts.push(performance.now() - t);
    for (let x = it.next(); !x.done; x = it.next()) jobs.push(x.value);
    alls.push(performance.now() - t);
    for (const j of jobs) if (j) s.release(j);
  }
  process.stdout.write(`whole-buffer decode, this build, calling thread only: first group's job after ${median(firsts).toFixed(1)} ms, all jobs after ${median(alls).toFixed(1)} ms (medians)\n`);
}
