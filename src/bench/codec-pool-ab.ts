/**
 * hopcode/bench/codec-pool-ab — this build's worker pool against another build's, in one
 * process: `node dist/bench/codec-pool-ab.js OTHER_ROOT [--size MiB] [--rounds R]`
 * (OTHER_ROOT: a checkout with its own dist/ and node_modules).
 *
 * The pooled twin of codec-ab.ts: both codecs (pool of 2, poolMinBytes 0, default profile)
 * run encodeAsync, a clean decodeAsync and one at BER 1e-3 in alternating order (ABBA);
 * per call it records the calling thread's CPU time (Linux /proc/thread-self/schedstat:
 * the work the pool does not spread, issue 12), the CPU time of the whole process (all
 * threads) and the wall time, and prints the medians and the median per-round ratio B/A
 * (B = this build). CPU times are what a shared machine still measures; wall is noise there.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { flipBits } from './codec-baselines.js';
import { warmCodec } from './codec-warm.js';
import { createCodec as createThis } from '../codec/codec.js';

interface PoolCodec {
  encodeAsync(data: Uint8Array): Promise<Uint8Array>;
  decodeAsync(encoded: Uint8Array, opts?: { partial?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
type Create = (o: { workers: number; poolMinBytes: number; fileSeed: number }) => PoolCodec;

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const other = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
const sizeMiB = opt('--size', 32);
const rounds = opt('--rounds', 8);
if (other === undefined || !(sizeMiB > 0 && sizeMiB <= 256) || !(Number.isInteger(rounds) && rounds >= 2)) {
  process.stderr.write('bench/codec-pool-ab: usage: codec-pool-ab.js OTHER_ROOT [--size MiB (0, 256]] [--rounds R ≥ 2]\n');
  process.exit(2);
}
let createOther: Create;
try {
  createOther = ((await import(pathToFileURL(resolve(other, 'dist/codec/codec.js')).href)) as { createCodec: Create }).createCodec;
} catch (e) {
  process.stderr.write(`bench/codec-pool-ab: cannot load ${resolve(other, 'dist/codec/codec.js')}: ${(e as Error).message}\n`);
  process.exit(2);
}

/** CPU ms of this thread (Linux), else NaN. */
const threadCpu = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
};
const processCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;

const size = Math.round(sizeMiB * 2 ** 20);
const data = new Uint8Array(size);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
const a = createOther({ workers: 2, poolMinBytes: 0, fileSeed: 1 });
const b: PoolCodec = createThis({ workers: 2, poolMinBytes: 0, fileSeed: 1 });
const enc = createThis({ workers: 1, fileSeed: 1 }).encode(data);
const noisy = enc.slice();
flipBits(noisy, 1e-3, 1000);
const sample = data.subarray(0, Math.min(size, 16 << 20));
for (const c of [a, b]) await warmCodec(c, sample, 2);
const ops: [string, (c: PoolCodec) => Promise<unknown>][] = [
  ['encode', (c) => c.encodeAsync(data)],
  ['clean decode', (c) => c.decodeAsync(enc)],
  ['BER 1e-3 decode', (c) => c.decodeAsync(noisy, { partial: true })],
];
process.stdout.write(`codec pool A/B, ${sizeMiB} MiB, pool of 2, ${rounds} rounds (ABBA), load average ${loadavg()[0]!.toFixed(2)}; A = ${other}, B = this build; medians (ms) and median B/A\n`);
for (const [name, f] of ops) {
  const rows = { a: { main: [] as number[], cpu: [] as number[], wall: [] as number[] }, b: { main: [] as number[], cpu: [] as number[], wall: [] as number[] } };
  for (let r = 0; r < rounds; r++) {
    for (const side of r & 1 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
      const m = threadCpu();
      const c = processCpu();
      const t = performance.now();
      await f(side === 'a' ? a : b);
      rows[side].wall.push(performance.now() - t);
      rows[side].cpu.push(processCpu() - c);
      rows[side].main.push(threadCpu() - m);
    }
  }
  const col = (k: 'main' | 'cpu' | 'wall'): string => `A ${median(rows.a[k]).toFixed(0).padStart(6)} B ${median(rows.b[k]).toFixed(0).padStart(6)} B/A ${median(rows.b[k].map((x, i) => x / rows.a[k][i]!)).toFixed(2)}`;
  process.stdout.write(`${name.padEnd(16)} main thread cpu ${col('main')} | process cpu ${col('cpu')} | wall ${col('wall')}\n`);
}
await Promise.all([a.close(), b.close()]);
