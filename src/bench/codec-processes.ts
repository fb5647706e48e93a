/**
 * hopcode/bench/codec-processes — the ceiling a pool of 2 could reach on this machine:
 * `node dist/bench/codec-processes.js [--size MiB] [--rounds R] [--json]`.
 *
 * Two independent one-thread codecs, in two processes started together, against one
 * alone: if the cores, caches and memory let two processes each keep their one-thread
 * speed, the shortfall of the pool (codec-pool.js) lies in the process (its calling
 * thread, messaging, page faults taken by two threads at once), not in the hardware. Each
 * process decodes into one reused buffer (DecodeOptions.into: no fresh output, so no page
 * faults), clean and at BER 1e-3, encodes (a fresh container each time, as encode does),
 * and copies a buffer of the same size into another (TypedArray.set: the memory bandwidth
 * two cores share), `--rounds` times (default 5) after a warm-up, and reports its medians;
 * the processes wait for a start signal so that their timed loops overlap.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createCodec } from '../codec/codec.js';
import { flipBits } from './codec-baselines.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const fail = (msg: string): never => {
  process.stderr.write(`bench/codec-processes: ${msg} (usage: codec-processes.js [--size MiB] [--rounds R] [--json])\n`);
  process.exit(2);
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--size' || a === '--rounds') i++;
  else if (a !== '--child' && a !== '--json') fail(`unknown option ${a}`);
}
const sizeMiB = Number(opt('--size') ?? 64);
const rounds = Number(opt('--rounds') ?? 5);
if (!(sizeMiB > 0 && sizeMiB <= 256)) fail(`--size ${opt('--size')}: expected MiB in (0, 256]`);
if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 100)) fail(`--rounds ${opt('--rounds')}: expected a whole number 1 … 100`);
const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;

const OPS = ['encode', 'clean', 'ber', 'copy'] as const;
type Op = (typeof OPS)[number];
type Result = Record<Op, number>;
const LABEL: Record<Op, string> = { encode: 'encode', clean: 'clean decode', ber: 'BER 1e-3 decode', copy: 'memory copy' };

/** A child: build, warm, say "ready", wait for a line, time, print the medians as JSON. */
async function child(): Promise<void> {
  const size = Math.round(sizeMiB * 2 ** 20);
  const data = new Uint8Array(size);
  const words = new Uint32Array(data.buffer, 0, size >>> 2);
  for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  const codec = createCodec({ workers: 1, fileSeed: 1 });
  const enc = codec.encode(data);
  const noisy = enc.slice();
  flipBits(noisy, 1e-3, 1000);
  const sink = new Uint8Array(size);
  for (let i = 0; i < 2; i++) {
    codec.encode(data);
    codec.decode(enc, { into: sink });
    codec.decode(noisy, { partial: true, into: sink });
    sink.set(data);
  }
  process.stdout.write('ready\n');
  await new Promise<void>((go) => createInterface({ input: process.stdin }).once('line', () => go()));
  const ms: Record<Op, number[]> = { encode: [], clean: [], ber: [], copy: [] };
  const timed = (op: Op, f: () => unknown): void => {
    const t = performance.now();
    f();
    ms[op].push(performance.now() - t);
  };
  for (let r = 0; r < rounds; r++) {
    timed('encode', () => codec.encode(data));
    timed('clean', () => codec.decode(enc, { into: sink }));
    timed('ber', () => codec.decode(noisy, { partial: true, into: sink }));
    timed('copy', () => sink.set(data));
  }
  process.stdout.write(JSON.stringify({ encode: median(ms.encode), clean: median(ms.clean), ber: median(ms.ber), copy: median(ms.copy) } satisfies Result) + '\n');
  process.exit(0);
}

/** n children started together; their medians. */
async function together(n: number): Promise<Result[]> {
  const me = fileURLToPath(import.meta.url);
  const kids = Array.from({ length: n }, () => spawn(process.execPath, [me, '--child', '--size', String(sizeMiB), '--rounds', String(rounds)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = kids.map((k) => createInterface({ input: k.stdout! }));
  const next = (i: number): Promise<string> => new Promise((res) => lines[i]!.once('line', res));
  const ready = kids.map((_, i) => next(i));
  await Promise.all(ready);
  const done = kids.map((_, i) => next(i));
  for (const k of kids) k.stdin!.write('go\n');
  return (await Promise.all(done)).map((l) => JSON.parse(l) as Result);
}

if (argv.includes('--child')) await child();
else {
  const mb = (sizeMiB * 2 ** 20) / 1e6;
  const load = loadavg()[0]!;
  const [alone] = await together(1);
  const pair = await together(2);
  const rows = OPS.map((op) => {
    const one = mb / (alone![op] / 1000);
    const each = pair.map((r) => mb / (r[op] / 1000));
    const sum = each.reduce((a, b) => a + b, 0);
    return { op, aloneMBps: one, pairMBps: each, ratio: sum / one };
  });
  if (argv.includes('--json')) process.stdout.write(JSON.stringify({ sizeMiB, rounds, loadAverage: load, rows }, null, 2) + '\n');
  else {
    process.stdout.write(`two one-thread codecs in two processes against one alone, ${sizeMiB} MiB (decodes into a reused buffer), medians of ${rounds}; load average ${load.toFixed(2)}\n`);
    for (const r of rows) {
      const sum = r.pairMBps.reduce((a, b) => a + b, 0);
      process.stdout.write(`${LABEL[r.op].padEnd(16)} alone ${r.aloneMBps.toFixed(1).padStart(7)} MB/s   two at once ${r.pairMBps.map((x) => x.toFixed(1)).join(' + ')} = ${sum.toFixed(1)} MB/s   ${r.ratio.toFixed(2)}× one alone\n`);
    }
  }
}
