/**
 * hopcode/bench/huge-pages — what the huge-page allocator (util/large-bytes.ts,
 * native/huge-pages.cc) saves: `node dist/bench/huge-pages.js [--size MiB] [--rounds R] [--json]`.
 *
 * One process, one codec with one thread and one with a pool of 2 workers; each round runs
 * encode, a clean decode and a decode at BER 1e-3 with the allocator on and off (the order
 * flipped every round, so a change in the machine's load hits both), fresh outputs each
 * time. Prints median ms per 64 MiB … per run and the ratio on/off; `--json` the same as JSON.
 */
import { loadavg } from 'node:os';
import { createCodec } from '../codec/codec.js';
import { hugePages, useHugePages } from '../util/large-bytes.js';
import { flipBits } from './codec-baselines.js';

const argv = process.argv.slice(2);
const fail = (msg: string): never => {
  process.stderr.write(`bench/huge-pages: ${msg} (usage: huge-pages.js [--size MiB] [--rounds R] [--json])\n`);
  process.exit(2);
};
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--size' || argv[i] === '--rounds') i++;
  else if (argv[i] !== '--json') fail(`unknown option ${argv[i]}`);
}
const opt = (name: string, d: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
const sizeMiB = opt('--size', 64);
if (!(sizeMiB > 0 && sizeMiB <= 256)) fail(`--size ${argv[argv.indexOf('--size') + 1]}: expected MiB in (0, 256]`);
const rounds = opt('--rounds', 8);
if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 100)) fail(`--rounds ${argv[argv.indexOf('--rounds') + 1]}: expected a whole number 1 … 100`);
if (hugePages() === null) fail('the huge-page allocator is not built here (npm run build:native) or HOPCODE_HUGE_PAGES=0');

const size = Math.round(sizeMiB * 2 ** 20);
const data = new Uint8Array(size);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
const one = createCodec({ workers: 1, fileSeed: 1 });
const pool = createCodec({ workers: 2, poolMinBytes: 0, fileSeed: 1 });
const stored = one.encode(data);
const noisy = stored.slice();
flipBits(noisy, 1e-3, 1000);

type Op = 'encode' | 'clean' | 'ber1e3';
const modes = [
  { mode: '1 thread', run: { encode: () => one.encode(data), clean: () => one.decode(stored), ber1e3: () => one.decode(noisy, { partial: true }) } },
  { mode: 'pool 2 workers', run: { encode: () => pool.encodeAsync(data), clean: () => pool.decodeAsync(stored), ber1e3: () => pool.decodeAsync(noisy, { partial: true }) } },
];
const ops: Op[] = ['encode', 'clean', 'ber1e3'];
const times = modes.map(() => ({ on: { encode: [] as number[], clean: [] as number[], ber1e3: [] as number[] }, off: { encode: [] as number[], clean: [] as number[], ber1e3: [] as number[] } }));
for (const m of modes) for (const op of ops) await m.run[op](); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const on of r % 2 === 0 ? [false, true] : [true, false]) {
    useHugePages(on);
    for (const [i, m] of modes.entries()) {
      for (const op of ops) {
        const t = performance.now();
        await m.run[op]();
        times[i]![on ? 'on' : 'off'][op].push(performance.now() - t);
      }
    }
  }
}
useHugePages(true);
await pool.close();
const median = (x: number[]): number => [...x].sort((a, b) => a - b)[x.length >> 1]!;
const rows = modes.map((m, i) => ({
  mode: m.mode,
  ...Object.fromEntries(ops.map((op) => [op, { off: median(times[i]!.off[op]), on: median(times[i]!.on[op]), ratio: median(times[i]!.on[op]) / median(times[i]!.off[op]) }])),
})) as ({ mode: string } & Record<Op, { off: number; on: number; ratio: number }>)[];
if (argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ size, rounds, loadavg: loadavg()[0], rows })}\n`);
} else {
  process.stdout.write(`huge pages on / off, ${sizeMiB} MiB, ${rounds} rounds alternating in one process, load average ${loadavg()[0]!.toFixed(2)}; median ms per run\n`);
  process.stdout.write(`${'mode'.padEnd(16)}${ops.map((op) => `${op} off → on (ratio)`.padStart(30)).join('')}\n`);
  for (const r of rows) process.stdout.write(`${r.mode.padEnd(16)}${ops.map((op) => `${r[op].off.toFixed(1)} → ${r[op].on.toFixed(1)} (${r[op].ratio.toFixed(3)})`.padStart(30)).join('')}\n`);
}
