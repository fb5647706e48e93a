/**
 * hopcode/bench/codec-loop — one codec operation in a loop, for profiling and A/B timing:
 * `node [--cpu-prof] dist/bench/codec-loop.js --op encode|clean|ber [--ber P] [--workers 1|2]
 * [--into] [--shared] [--no-board] [--size MiB] [--runs R]`.
 *
 * Builds 64 MiB (default) of the bench's data, warms the operation three times, then times it
 * `--runs` times (default 6) and prints the median and each run's wall, user and kernel ms
 * (process.cpuUsage). `--into` decodes into one reused buffer (shared for the pool), `--ber`
 * sets the channel of `--op ber` (default 1e-3), `--shared` puts the input on a SharedArrayBuffer
 * (what encodeAsync returns: the pool then reads it in place), `--no-board` sends the pool's groups as
 * tasks instead of rows of a board (claim-board.ts: the A/B of the boards in one build). Under `node --cpu-prof` the profile is of
 * this loop (the README's "where the time goes" figures).
 */
import { createCodec } from '../codec/codec.js';
import { flipBits } from './codec-baselines.js';

const argv = process.argv.slice(2);
const fail = (msg: string): never => {
  process.stderr.write(`bench/codec-loop: ${msg} (usage: codec-loop.js --op encode|clean|ber [--ber P] [--workers 1|2] [--into] [--shared] [--no-board] [--size MiB] [--runs R])\n`);
  process.exit(2);
};
const VALUED = new Set(['--op', '--ber', '--workers', '--size', '--runs']);
for (let i = 0; i < argv.length; i++) {
  if (VALUED.has(argv[i]!)) i++;
  else if (argv[i] !== '--into' && argv[i] !== '--shared' && argv[i] !== '--no-board') fail(`unknown option ${argv[i]}`);
}
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const op = opt('--op') ?? 'clean';
if (op !== 'encode' && op !== 'clean' && op !== 'ber') fail(`--op ${op}: expected encode, clean or ber`);
const ber = Number(opt('--ber') ?? 1e-3);
if (!(ber >= 0 && ber < 0.5)) fail(`--ber ${opt('--ber')}: expected a probability in [0, 0.5)`);
const workers = Number(opt('--workers') ?? 1);
if (workers !== 1 && workers !== 2) fail(`--workers ${opt('--workers')}: expected 1 or 2`);
const sizeMiB = Number(opt('--size') ?? 64);
if (!(sizeMiB > 0 && sizeMiB <= 256)) fail(`--size ${opt('--size')}: expected MiB in (0, 256]`);
const runs = Number(opt('--runs') ?? 6);
if (!(Number.isInteger(runs) && runs >= 1 && runs <= 100)) fail(`--runs ${opt('--runs')}: expected a whole number 1 … 100`);

const size = Math.round(sizeMiB * 2 ** 20);
const data = new Uint8Array(size);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
// `board` is a hidden test option of createCodec (PoolPlan.board).
const codec = createCodec({ workers, poolMinBytes: 0, fileSeed: 1, ...(argv.includes('--no-board') ? { board: false } : {}) } as Parameters<typeof createCodec>[0]);
const stored = createCodec({ workers: 1, fileSeed: 1 }).encode(data);
const onShared = (b: Uint8Array): Uint8Array => {
  const s = new Uint8Array(new SharedArrayBuffer(b.length));
  s.set(b);
  return s;
};
const copied = op === 'ber' ? stored.slice() : stored;
const input = argv.includes('--shared') ? onShared(copied) : copied;
if (op === 'ber') flipBits(input, ber, 1000);
const sink = workers === 1 ? new Uint8Array(size) : onShared(new Uint8Array(size));
const opts = { partial: true, ...(argv.includes('--into') ? { into: sink } : {}) };
const run = async (): Promise<unknown> => {
  if (op === 'encode') return workers === 1 ? codec.encode(data) : codec.encodeAsync(data);
  return workers === 1 ? codec.decode(input, opts) : codec.decodeAsync(input, opts);
};
for (let i = 0; i < 3; i++) await run();
const walls: number[] = [];
const each: string[] = [];
for (let i = 0; i < runs; i++) {
  const u = process.cpuUsage();
  const t = performance.now();
  await run();
  const wall = performance.now() - t;
  const c = process.cpuUsage(u);
  walls.push(wall);
  each.push(`${wall.toFixed(0)} ms (user ${(c.user / 1000).toFixed(0)}, kernel ${(c.system / 1000).toFixed(0)})`);
}
const med = [...walls].sort((a, b) => a - b)[walls.length >> 1]!;
process.stdout.write(`${op}${op === 'ber' ? ` ${ber}` : ''}, ${workers === 1 ? '1 thread' : 'pool of 2'}${argv.includes('--into') ? ', into' : ''}${argv.includes('--shared') ? ', shared input' : ''}${argv.includes('--no-board') ? ', no board' : ''}, ${sizeMiB} MiB: median ${med.toFixed(1)} ms = ${(size / 1e6 / (med / 1000)).toFixed(1)} MB/s; ${each.join(', ')}\n`);
await codec.close();
