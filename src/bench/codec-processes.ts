/**
 * hopcode/bench/codec-processes — the ceiling a pool of 2 could reach on this machine:
 * `node dist/bench/codec-processes.js [--size MiB] [--rounds R]`.
 *
 * Two independent one-thread decoders, in two processes started together, against one
 * alone: if the cores, caches and memory let two processes each keep their one-thread
 * speed, the shortfall of the pool (codec-pool.js) lies in the process (its calling
 * thread, messaging, page faults taken by two threads at once), not in the hardware. Each
 * process decodes into one reused buffer (DecodeOptions.into: no fresh output, so no page
 * faults), clean and at BER 1e-3, `--rounds` times (default 5) after a warm-up, and reports
 * its median; the processes wait for a start signal so that their timed loops overlap.
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
  process.stderr.write(`bench/codec-processes: ${msg} (usage: codec-processes.js [--size MiB] [--rounds R])\n`);
  process.exit(2);
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--size' || a === '--rounds') i++;
  else if (a !== '--child') fail(`unknown option ${a}`);
}
const sizeMiB = Number(opt('--size') ?? 64);
const rounds = Number(opt('--rounds') ?? 5);
if (!(sizeMiB > 0 && sizeMiB <= 256)) fail(`--size ${opt('--size')}: expected MiB in (0, 256]`);
if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 100)) fail(`--rounds ${opt('--rounds')}: expected a whole number 1 … 100`);
const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;

type Result = { clean: number; ber: number };

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
    codec.decode(enc, { into: sink });
    codec.decode(noisy, { partial: true, into: sink });
  }
  process.stdout.write('ready\n');
  await new Promise<void>((go) => createInterface({ input: process.stdin }).once('line', () => go()));
  const clean: number[] = [];
  const ber: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    codec.decode(enc, { into: sink });
    clean.push(performance.now() - t);
    t = performance.now();
    codec.decode(noisy, { partial: true, into: sink });
    ber.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ clean: median(clean), ber: median(ber) } satisfies Result) + '\n');
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
  process.stdout.write(`two one-thread decoders in two processes against one alone, ${sizeMiB} MiB, into a reused buffer, medians of ${rounds}; load average ${loadavg()[0]!.toFixed(2)}\n`);
  const [alone] = await together(1);
  const pair = await together(2);
  for (const op of ['clean', 'ber'] as const) {
    const one = mb / (alone![op] / 1000);
    const sum = pair.reduce((s, r) => s + mb / (r[op] / 1000), 0);
    process.stdout.write(`${(op === 'clean' ? 'clean decode' : 'BER 1e-3 decode').padEnd(16)} alone ${one.toFixed(1).padStart(7)} MB/s   two at once ${pair.map((r) => (mb / (r[op] / 1000)).toFixed(1)).join(' + ')} = ${sum.toFixed(1)} MB/s   ${(sum / one).toFixed(2)}× one alone\n`);
  }
}
