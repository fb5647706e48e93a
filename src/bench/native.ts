/**
 * hopcode/bench/native — what the optional native module (native/*.cc, util/native.ts) saves:
 * `node dist/bench/native.js [--size MiB] [--rounds R] [--json]`.
 *
 * One process, one codec with one thread and one with a pool of 2 workers. Each round runs
 * encode, a clean decode and a decode at BER 1e-3 (fresh outputs each time) in three
 * settings, their order rotating every round so that a change in the machine's load hits all:
 * everything native; without huge pages (util/large-bytes.ts useHugePages(false)); without
 * the native block CRCs (the encoder kernel's own and @node-rs/crc32 in the clean check:
 * BlockCodec.setEncodeCrc / setCheckKernel; the calling thread's engine only, so one thread
 * only). Prints the median ms of each and the ratios; `--json` the same as JSON.
 */
import { loadavg } from 'node:os';
import { createCodec } from '../codec/codec.js';
import { engineFor } from '../codec/engine.js';
import { hugePages, useHugePages } from '../util/large-bytes.js';
import { nativeModule } from '../util/native.js';
import { flipBits } from './codec-baselines.js';

const argv = process.argv.slice(2);
const fail = (msg: string): never => {
  process.stderr.write(`bench/native: ${msg} (usage: native.js [--size MiB] [--rounds R] [--json])\n`);
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
if (hugePages() === null || !nativeModule()?.blockCrcs) fail('the native module is not built here (npm run build:native), lacks SSE4.2, or HOPCODE_NATIVE=0 / HOPCODE_HUGE_PAGES=0 is set');

const size = Math.round(sizeMiB * 2 ** 20);
const data = new Uint8Array(size);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
const one = createCodec({ workers: 1, fileSeed: 1 });
const pool = createCodec({ workers: 2, poolMinBytes: 0, fileSeed: 1 });
const { preset, n, seed, maxSweeps, decoder } = one.options;
const blocks = engineFor({ preset, n, seed, maxSweeps, decoder }).blocks; // the engine `one` runs on
const stored = one.encode(data);
const noisy = stored.slice();
flipBits(noisy, 1e-3, 1000);

type Op = 'encode' | 'clean' | 'ber1e3';
type Setting = 'native' | 'no huge pages' | 'no block CRCs';
const ops: Op[] = ['encode', 'clean', 'ber1e3'];
const modes = [
  { mode: '1 thread', settings: ['native', 'no huge pages', 'no block CRCs'] as Setting[], run: { encode: () => one.encode(data), clean: () => one.decode(stored), ber1e3: () => one.decode(noisy, { partial: true }) } },
  { mode: 'pool 2 workers', settings: ['native', 'no huge pages'] as Setting[], run: { encode: () => pool.encodeAsync(data), clean: () => pool.decodeAsync(stored), ber1e3: () => pool.decodeAsync(noisy, { partial: true }) } },
];
const apply = (s: Setting): void => {
  useHugePages(s !== 'no huge pages');
  blocks.setEncodeCrc(s === 'no block CRCs' ? 'kernel' : 'auto');
  blocks.setCheckKernel(s === 'no block CRCs' ? 'node-rs' : 'auto');
};
const times = new Map<string, number[]>();
const push = (k: string, ms: number): void => void (times.get(k) ?? times.set(k, []).get(k)!).push(ms);
for (const m of modes) for (const op of ops) await m.run[op](); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const m of modes) {
    const order = m.settings.map((_, i) => m.settings[(i + r) % m.settings.length]!);
    for (const s of order) {
      apply(s);
      for (const op of ops) {
        const t = performance.now();
        await m.run[op]();
        push(`${m.mode}/${s}/${op}`, performance.now() - t);
      }
    }
  }
}
apply('native');
await pool.close();
const median = (x: number[]): number => [...x].sort((a, b) => a - b)[x.length >> 1]!;
const rows = modes.map((m) => ({
  mode: m.mode,
  ms: Object.fromEntries(m.settings.map((s) => [s, Object.fromEntries(ops.map((op) => [op, median(times.get(`${m.mode}/${s}/${op}`)!)]))])) as Partial<Record<Setting, Record<Op, number>>>,
}));
if (argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ size, rounds, loadavg: loadavg()[0], rows })}\n`);
} else {
  process.stdout.write(`the native module on and off, ${sizeMiB} MiB, ${rounds} rounds rotating in one process, load average ${loadavg()[0]!.toFixed(2)}; median ms per run (ratio native / without)\n`);
  process.stdout.write(`${'mode'.padEnd(16)}${'setting'.padEnd(16)}${ops.map((op) => op.padStart(20)).join('')}\n`);
  for (const r of rows) {
    const nat = r.ms.native!;
    for (const [s, v] of Object.entries(r.ms) as [Setting, Record<Op, number>][]) {
      const cell = (op: Op): string => (s === 'native' ? v[op].toFixed(1) : `${v[op].toFixed(1)} (${(nat[op] / v[op]).toFixed(3)})`).padStart(20);
      process.stdout.write(`${r.mode.padEnd(16)}${s.padEnd(16)}${ops.map(cell).join('')}\n`);
    }
  }
}
