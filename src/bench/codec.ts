/**
 * hopcode/bench/codec — storage codec throughput: `npm run bench:codec [-- --quick] [-- --json]`.
 *
 * Encodes a 64 MiB random input (8 MiB with --quick) with the default codec
 * (parity10-d5, N = 4000, interleave 64), then decodes it clean and after flipping
 * each bit of the container with probability BER ∈ {1e-4, 1e-3, 5e-3, 1e-2}. Prints
 * MB/s of original data (10^6 bytes/s) on this thread, the storage overhead
 * (encoded size / input size) and the report counts. Issue-5 targets: encode ≥ 200,
 * clean decode ≥ 200, decode at 1e-3 ≥ 50 MB/s per core.
 */
import { loadavg } from 'node:os';
import { createCodec } from '../codec/codec.js';
import { Rng } from '../util/rng.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
const size = (quick ? 8 : 64) * 1024 * 1024;
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

const t0 = performance.now();
const codec = createCodec();
log(`hopcode codec bench: ${codec.options.preset}, N = ${codec.options.n}, interleave ${codec.options.interleave}, ${codec.payloadBytesPerBlock} payload bytes per block; build ${(performance.now() - t0).toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(2)}`);
const data = new Uint8Array(size);
const rng = Rng.stream(1);
const words = new Uint32Array(data.buffer);
for (let i = 0; i < words.length; i++) words[i] = rng.next();

const rows: Record<string, unknown>[] = [];
const mbps = (ms: number): number => size / 1e6 / (ms / 1000);
let t = performance.now();
const enc = codec.encode(data);
const encMs = performance.now() - t;
const overhead = enc.length / size;
rows.push({ op: 'encode', ber: 0, mbps: mbps(encMs), overhead });
log(`encode              ${mbps(encMs).toFixed(1).padStart(7)} MB/s   overhead ${overhead.toFixed(4)} (${enc.length} bytes for ${size})`);
for (const ber of [0, 1e-4, 1e-3, 5e-3, 1e-2]) {
  const bad = ber === 0 ? enc : enc.slice();
  const flips = ber === 0 ? 0 : flip(bad, ber, Math.round(ber * 1e6));
  t = performance.now();
  const { data: out, report } = codec.decode(bad, { partial: true });
  const ms = performance.now() - t;
  const same = Buffer.compare(Buffer.from(out.buffer, out.byteOffset, out.length), Buffer.from(data.buffer)) === 0;
  rows.push({ op: 'decode', ber, mbps: mbps(ms), flips, ...report, badRanges: undefined, identical: same });
  log(`decode BER ${ber.toExponential(0).padEnd(6)}   ${mbps(ms).toFixed(1).padStart(7)} MB/s   ${flips} bits flipped, ${report.blocksCorrected}/${report.blocksTotal} blocks corrected, ${report.blocksFailed} failed, output ${same ? 'identical' : report.blocksFailed > 0 ? 'identical except the failed blocks (zero-filled)' : 'DIFFERS'}`);
}
if (json) process.stdout.write(JSON.stringify({ size, preset: codec.options.preset, n: codec.options.n, rows }) + '\n');
