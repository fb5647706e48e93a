/**
 * hopcode/bench/codec-ab — this build's codec against another build's, in one process:
 * `node dist/bench/codec-ab.js OTHER_ROOT [--size MiB] [--rounds R]` (OTHER_ROOT: a
 * checkout with its own `dist/`, e.g. `git worktree add /tmp/old <commit> && (cd /tmp/old
 * && npm ci && npm run build)`).
 *
 * On a shared machine the wall-clock MB/s of two separate runs differ by more than the
 * changes being measured. Here both codecs decode the same container in alternating
 * order (ABBA: whichever runs second in a round is favoured by ~1.2× on this machine)
 * and each call is timed in CPU time of the process; the median of the per-round ratios
 * is printed for encode, clean decode and decode at BER 1e-3 (one thread, default
 * network, 8 MiB).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flipBits } from './codec-baselines.js';
import { createCodec as createThis } from '../codec/codec.js';

interface AbCodec {
  encode(data: Uint8Array): Uint8Array;
  decode(encoded: Uint8Array, opts?: { partial?: boolean }): unknown;
}
type Create = (o: { workers: number; fileSeed: number }) => AbCodec;

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const other = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
const sizeMiB = opt('--size', 8);
const rounds = opt('--rounds', 10);
if (other === undefined || !(sizeMiB > 0 && sizeMiB <= 256) || !(Number.isInteger(rounds) && rounds >= 2)) {
  process.stderr.write('bench/codec-ab: usage: codec-ab.js OTHER_ROOT [--size MiB (0, 256]] [--rounds R ≥ 2]\n');
  process.exit(2);
}
let createOther: Create;
try {
  createOther = ((await import(pathToFileURL(resolve(other, 'dist/codec/codec.js')).href)) as { createCodec: Create }).createCodec;
} catch (e) {
  process.stderr.write(`bench/codec-ab: cannot load ${resolve(other, 'dist/codec/codec.js')}: ${(e as Error).message}\n`);
  process.exit(2);
}

const size = Math.round(sizeMiB * 2 ** 20);
const data = new Uint8Array(size);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0, x = 1; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
const a = createOther({ workers: 1, fileSeed: 1 });
const b: AbCodec = createThis({ workers: 1, fileSeed: 1 });
const enc = b.encode(data);
const noisy = enc.slice();
flipBits(noisy, 1e-3, 1000);
const ops: [string, (c: AbCodec) => unknown][] = [
  ['encode', (c) => c.encode(data)],
  ['clean decode', (c) => c.decode(enc)],
  ['BER 1e-3 decode', (c) => c.decode(noisy, { partial: true })],
];
for (const c of [a, b]) for (const [, f] of ops) f(c);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
const time = (c: AbCodec, f: (c: AbCodec) => unknown): number => {
  const t = cpu();
  f(c);
  return cpu() - t;
};
process.stdout.write(`codec A/B, ${sizeMiB} MiB, one thread, ${rounds} rounds (ABBA), MB/s per CPU second: A = ${other}, B = this build\n`);
for (const [name, f] of ops) {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r & 1) {
      tb.push(time(b, f));
      ta.push(time(a, f));
    } else {
      ta.push(time(a, f));
      tb.push(time(b, f));
    }
  }
  const ratio = median(ta.map((x, i) => x / tb[i]!));
  process.stdout.write(`${name.padEnd(16)} A ${(size / 1e3 / median(ta)).toFixed(1).padStart(7)}  B ${(size / 1e3 / median(tb)).toFixed(1).padStart(7)}  B/A ${ratio.toFixed(2)}×\n`);
}
