/**
 * hopcode/bench/codec — storage codec throughput: `npm run bench:codec [-- --quick] [-- --json] [-- --preset P -N N]`.
 *
 * Encodes a 64 MiB random input (8 MiB with --quick) with the codec (default
 * parity10-d5, N = 4000, interleave 2048 since format 2) on one thread and on a pool of 2 workers,
 * then decodes it clean and after flipping each bit of the container with
 * probability BER ∈ {1e-4, 1e-3, 5e-3 (the largest rate reliably corrected)}. One
 * table: MB/s of original data (10^6 bytes/s), blocks failed, storage overhead
 * (encoded size / input size), and pool / one-thread ratios. Issue-5 targets:
 * encode ≥ 200, clean decode ≥ 200, decode at 1e-3 ≥ 50 MB/s per core.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createCodec, type Codec } from '../codec/codec.js';
import { Rng } from '../util/rng.js';

const argv = process.argv.slice(2);
const args = new Set(argv);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = args.has('--quick');
const json = args.has('--json');
const size = (quick ? 8 : 64) * 1024 * 1024;
const bers = [0, 1e-4, 1e-3, 5e-3];
const log = (s: string): void => void (json ? process.stderr : process.stdout).write(s + '\n');

function flip(b: Uint8Array, p: number, seed: number): number {
  const rng = Rng.stream(seed, 0x62656e63);
  let flips = 0;
  for (let t = Math.floor(Math.log(1 - rng.double()) / Math.log1p(-p)); t < b.length * 8; t += 1 + Math.floor(Math.log(1 - rng.double()) / Math.log1p(-p))) {
    b[t >>> 3]! ^= 1 << (t & 7);
    flips++;
  }
  return flips;
}

const preset = opt('--preset');
if (argv.includes('--n')) throw new Error('bench/codec: --n is now -N/--length (as in every hopcode command)');
const nText = opt('-N') ?? opt('--length');
const n = nText === undefined ? undefined : Number(nText);
const t0 = performance.now();
const modes: { name: string; codec: Codec }[] = [
  { name: '1 thread', codec: createCodec({ preset, n, workers: 1 }) },
  { name: 'pool 2 workers', codec: createCodec({ preset, n, workers: 2, poolMinBytes: 0 }) },
];
const c0 = modes[0]!.codec;
log(`hopcode codec bench: ${c0.options.preset}, N = ${c0.options.n}, interleave ${c0.options.interleave}, ${c0.payloadBytesPerBlock} payload bytes per block, ${size / 2 ** 20} MiB; build ${(performance.now() - t0).toFixed(0)} ms; ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`);
const data = new Uint8Array(size);
const rng = Rng.stream(1);
const words = new Uint32Array(data.buffer);
for (let i = 0; i < words.length; i++) words[i] = rng.next();
const mbps = (ms: number): number => size / 1e6 / (ms / 1000);

// Warm the pool (workers build the network once) so its start-up is not timed.
await modes[1]!.codec.decodeAsync(await modes[1]!.codec.encodeAsync(data.subarray(0, 1 << 20)));

interface Row { mode: string; ber: number; encode: number; decode: number; failed: number; corrected: number; total: number; flips: number; overhead: number; identical: boolean }
const rows: Row[] = [];
const noisy = new Map<number, { bytes: Uint8Array; flips: number }>();
for (const { name, codec } of modes) {
  let t = performance.now();
  const enc = await codec.encodeAsync(data);
  const encode = mbps(performance.now() - t);
  const overhead = enc.length / size;
  for (const ber of bers) {
    if (!noisy.has(ber)) {
      const bytes = ber === 0 ? enc : enc.slice();
      noisy.set(ber, { bytes, flips: ber === 0 ? 0 : flip(bytes, ber, Math.round(ber * 1e6)) });
    }
    const { bytes, flips } = noisy.get(ber)!;
    t = performance.now();
    const { data: out, report } = await codec.decodeAsync(bytes, { partial: true });
    const decode = mbps(performance.now() - t);
    const identical = Buffer.compare(Buffer.from(out.buffer, out.byteOffset, out.length), Buffer.from(data.buffer)) === 0;
    rows.push({ mode: name, ber, encode, decode, failed: report.blocksFailed, corrected: report.blocksCorrected, total: report.blocksTotal, flips, overhead, identical });
  }
}
await Promise.all(modes.map((m) => m.codec.close()));

const pad = (s: string | number, w: number): string => String(s).padStart(w);
log(`${'mode'.padEnd(15)} ${pad('BER', 6)} ${pad('encode MB/s', 12)} ${pad('decode MB/s', 12)} ${pad('blocks failed', 14)} ${pad('corrected', 10)} ${pad('overhead', 9)}  output`);
for (const r of rows) {
  log(`${r.mode.padEnd(15)} ${pad(r.ber === 0 ? '0' : r.ber.toExponential(0), 6)} ${pad(r.encode.toFixed(1), 12)} ${pad(r.decode.toFixed(1), 12)} ${pad(`${r.failed}/${r.total}`, 14)} ${pad(r.corrected, 10)} ${pad(r.overhead.toFixed(4), 9)}  ${r.identical ? 'identical' : r.failed > 0 ? 'failed blocks zero-filled' : 'DIFFERS'}`);
}
for (const ber of bers) {
  const [a, b] = modes.map((m) => rows.find((r) => r.mode === m.name && r.ber === ber)!);
  log(`${'pool/1 thread'.padEnd(15)} ${pad(ber === 0 ? '0' : ber.toExponential(0), 6)} ${pad((b!.encode / a!.encode).toFixed(2) + '×', 12)} ${pad((b!.decode / a!.decode).toFixed(2) + '×', 12)}`);
}
if (json) process.stdout.write(JSON.stringify({ size, preset: c0.options.preset, n: c0.options.n, rows }) + '\n');
