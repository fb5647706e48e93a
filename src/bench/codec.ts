/**
 * hopcode/bench/codec — storage codec throughput and baselines:
 * `npm run bench:codec [-- --size MiB] [-- --rounds R] [-- --json] [-- --preset P -N N] [-- --no-baselines]`.
 *
 * 1. Speed: encode, clean decode and decode at BER 1e-3 of `--size` MiB of random data
 *    (default 4; --quick 1), MB/s of original data (10^6 bytes/s), on one thread and on a pool of 2
 *    workers, with pool / one-thread ratios from the same run: each operation R times (default 5),
 *    the modes alternating, MB/s of the median time. Both modes are warmed first
 *    (codec-warm.ts: network built and every kernel compiled, in each worker for the pool).
 * 2. Baselines on the same data and the same channel (issue 12): for each BER in
 *    1e-5 … 1e-2 every bit of the stored output (parity and metadata included) flips
 *    i.i.d.; the codec (one thread), a rate-matched Reed–Solomon erasure code with a
 *    CRC-32C per shard, and par2 at 10 % and 100 % (skipped with the reason when the
 *    `par2` command is absent) each report overhead, encode and decode MB/s and the
 *    original bytes restored, lost and wrong (codec-baselines.ts). The codec's row must
 *    show 0 wrong.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createCodec, type Codec } from '../codec/codec.js';
import { Rng } from '../util/rng.js';
import { warmCodec } from './codec-warm.js';
import { countBytes, flipBits, loadRs, par2Missing, rsPlanFor, runPar2, runRs, type Outcome } from './codec-baselines.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const fail = (msg: string): never => {
  process.stderr.write(`bench/codec: ${msg}\n`);
  process.exit(2);
};
const USAGE = 'usage: node dist/bench/codec.js [--size MiB] [--rounds R] [--json] [--quick] [--profile NAME | --preset P -N N] [--no-baselines]';
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
// Every option is known (a mistyped one would silently run the defaults).
const VALUED = new Set(['--size', '--rounds', '--profile', '--preset', '-N', '--length']);
const FLAGS = new Set(['--json', '--quick', '--no-baselines', '--n']);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (VALUED.has(a)) i++;
  else if (!FLAGS.has(a)) fail(`unknown option ${a} (${USAGE.replace('usage: ', '')})`);
}
const json = argv.includes('--json');
const sizeMiB = Number(opt('--size') ?? (argv.includes('--quick') ? 1 : 4));
if (!(sizeMiB > 0 && sizeMiB <= 1024)) fail(`--size ${opt('--size')}: expected a size in MiB in (0, 1024]`);
const size = Math.round(sizeMiB * 2 ** 20);
const rounds = Number(opt('--rounds') ?? 5);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) fail(`--rounds ${opt('--rounds')}: expected a whole number 1 … 100`);
const log = (s: string): void => void (json ? process.stderr : process.stdout).write(s + '\n');
const preset = opt('--preset');
if (argv.includes('--n')) fail('--n is now -N/--length (as in every hopcode command)');
const profile = opt('--profile');
const nText = opt('-N') ?? opt('--length');
const n = nText === undefined ? undefined : Number(nText);
const BERS = [1e-5, 1e-4, 1e-3, 1e-2];

const t0 = performance.now();
const codecOr2 = (o: Parameters<typeof createCodec>[0]): Codec => {
  try {
    return createCodec(o);
  } catch (e) {
    return fail((e as Error).message.replace(/^hopcode\/codec: /, ''));
  }
};
const modes: { name: string; codec: Codec }[] = [
  { name: '1 thread', codec: codecOr2({ profile, preset, n, workers: 1, fileSeed: 1 }) },
  { name: 'pool 2 workers', codec: codecOr2({ profile, preset, n, workers: 2, poolMinBytes: 0, fileSeed: 1 }) },
];
const c0 = modes[0]!.codec;
log(`hopcode codec bench: ${c0.options.preset}, N = ${c0.options.n}, interleave ${c0.options.interleave}, ${c0.payloadBytesPerBlock} payload bytes per block, ${sizeMiB} MiB; build ${(performance.now() - t0).toFixed(0)} ms; ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`);
const data = new Uint8Array(size);
const rng = Rng.stream(1);
const words = new Uint32Array(data.buffer, 0, size >>> 2);
for (let i = 0; i < words.length; i++) words[i] = rng.next();
const mbps = (ms: number): number => size / 1e6 / (ms / 1000);

// Warm both modes before timing (codec-warm.ts): the network build and the JIT of the
// encoder, clean-check and dynamics kernels — on the calling thread for "1 thread", in
// every worker for the pool (up to 16 MiB encoded, decoded clean and at BER 1e-3, twice,
// with one such run in flight per worker so that every worker decodes clean and noisy groups).
const warmSample = data.subarray(0, Math.min(size, 16 << 20));
const tw = performance.now();
for (const { codec } of modes) await warmCodec(codec, warmSample, codec.options.workers);
log(`warm-up ${((performance.now() - tw) / 1000).toFixed(1)} s (not timed): network built and kernels compiled on this thread and in each pool worker — ${(warmSample.length / 2 ** 20).toFixed(0)} MiB encoded, decoded clean and at BER 1e-3, twice, one run in flight per worker`);

interface SpeedRow { mode: string; encode: number; clean: number; ber1e3: number; overhead: number; identical: boolean; failed1e3: number; spread: Record<'encode' | 'clean' | 'ber1e3', [number, number]> }
// Each operation `--rounds` times (default 5), the two modes alternating round by round so that
// a change in the machine's load hits both; MB/s from the median time, [min, max] kept for --json.
// One run of an operation on 64 MiB lasts 0.1–0.5 s: a single timing swings ±30 % on a shared machine.
const times = modes.map(() => ({ encode: [] as number[], clean: [] as number[], ber1e3: [] as number[] }));
const facts = modes.map(() => ({ overhead: 0, identical: true, failed1e3: 0 }));
let stored: Uint8Array | null = null;
let noisyInput: Uint8Array | null = null;
const sink = new Uint8Array(size);
// The pool's reused buffer is shared: its workers write each group's payload straight into it.
const sharedSink = new Uint8Array(new SharedArrayBuffer(size));
const sharedCopyOf = (b: Uint8Array): Uint8Array => {
  const c = new Uint8Array(new SharedArrayBuffer(b.length));
  c.set(b);
  return c;
};
let storedShared: Uint8Array | null = null;
let noisyShared: Uint8Array | null = null;
const intoTimes = { clean: [] as number[], ber1e3: [] as number[] };
const poolIntoTimes = { clean: [] as number[], ber1e3: [] as number[] };
// Kernel (system) CPU ms of each timed run as well: on this VM mostly the page faults of a
// fresh output, whose cost changes from minute to minute (the `into` rows take none).
type Op = 'encode' | 'clean' | 'ber1e3';
const sys = [...modes.map(() => ({ encode: [] as number[], clean: [] as number[], ber1e3: [] as number[] })), { clean: [] as number[], ber1e3: [] as number[] }, { clean: [] as number[], ber1e3: [] as number[] }];
async function timed<T>(wall: number[], kernel: number[], run: () => T | Promise<T>): Promise<T> {
  const u = process.cpuUsage();
  const t = performance.now();
  const r = await run();
  wall.push(performance.now() - t);
  kernel.push(process.cpuUsage(u).system / 1000);
  return r;
}
for (let round = 0; round < rounds; round++) {
  for (const [m, { codec }] of modes.entries()) {
    const k = sys[m] as Record<Op, number[]>;
    const enc = await timed(times[m]!.encode, k.encode, () => codec.encodeAsync(data));
    stored ??= enc;
    const clean = await timed(times[m]!.clean, k.clean, () => codec.decodeAsync(enc));
    if (noisyInput === null) {
      noisyInput = enc.slice();
      flipBits(noisyInput, 1e-3, 1000);
    }
    const r = await timed(times[m]!.ber1e3, k.ber1e3, () => codec.decodeAsync(noisyInput!, { partial: true }));
    const f = facts[m]!;
    f.overhead = enc.length / size;
    f.identical &&= Buffer.compare(Buffer.from(clean.data.buffer, clean.data.byteOffset, clean.data.length), Buffer.from(data.buffer)) === 0;
    f.failed1e3 = r.report.blocksFailed;
  }
  // Both modes again into one reused buffer (DecodeOptions.into): no fresh output's page faults.
  const c = modes[0]!.codec;
  await timed(intoTimes.clean, sys[2]!.clean, () => c.decode(stored!, { into: sink }));
  await timed(intoTimes.ber1e3, sys[2]!.ber1e3, () => c.decode(noisyInput!, { partial: true, into: sink }));
  // The pool's inputs on shared memory too (its workers read the pages in place: segment-queue.ts).
  const pc = modes[1]!.codec;
  storedShared ??= sharedCopyOf(stored!);
  noisyShared ??= sharedCopyOf(noisyInput!);
  await timed(poolIntoTimes.clean, sys[3]!.clean, () => pc.decodeAsync(storedShared!, { into: sharedSink }));
  await timed(poolIntoTimes.ber1e3, sys[3]!.ber1e3, () => pc.decodeAsync(noisyShared!, { partial: true, into: sharedSink }));
}
const median = (a: number[]): number => {
  const b = a.slice().sort((x, y) => x - y);
  return b.length % 2 ? b[b.length >> 1]! : (b[b.length / 2 - 1]! + b[b.length / 2]!) / 2;
};
const speed: SpeedRow[] = modes.map(({ name }, m) => {
  const t = times[m]!;
  const range = (a: number[]): [number, number] => [mbps(Math.max(...a)), mbps(Math.min(...a))];
  return { mode: name, encode: mbps(median(t.encode)), clean: mbps(median(t.clean)), ber1e3: mbps(median(t.ber1e3)), ...facts[m]!, spread: { encode: range(t.encode), clean: range(t.clean), ber1e3: range(t.ber1e3) } };
});
await modes[1]!.codec.close();

const pad = (s: string | number, w: number): string => String(s).padStart(w);
log(`\nmedian of ${rounds} runs per operation, the two modes alternating\n${'mode'.padEnd(15)} ${pad('encode MB/s', 12)} ${pad('clean decode MB/s', 18)} ${pad('BER 1e-3 decode MB/s', 21)} ${pad('overhead', 9)}  clean output`);
for (const r of speed) log(`${r.mode.padEnd(15)} ${pad(r.encode.toFixed(1), 12)} ${pad(r.clean.toFixed(1), 18)} ${pad(r.ber1e3.toFixed(1), 21)} ${pad(r.overhead.toFixed(4), 9)}  ${r.identical ? 'identical' : 'DIFFERS'}`);
const into = { clean: mbps(median(intoTimes.clean)), ber1e3: mbps(median(intoTimes.ber1e3)) };
log(`${'1 thread, into'.padEnd(15)} ${pad('—', 12)} ${pad(into.clean.toFixed(1), 18)} ${pad(into.ber1e3.toFixed(1), 21)}            (decode into one reused buffer: DecodeOptions.into)`);
const poolInto = { clean: mbps(median(poolIntoTimes.clean)), ber1e3: mbps(median(poolIntoTimes.ber1e3)) };
log(`${'pool, into'.padEnd(15)} ${pad('—', 12)} ${pad(poolInto.clean.toFixed(1), 18)} ${pad(poolInto.ber1e3.toFixed(1), 21)}            (the pool: shared input, decoded into one reused shared buffer)`);
const [a, b] = speed;
log(`${'pool/1 thread'.padEnd(15)} ${pad((b!.encode / a!.encode).toFixed(2) + '×', 12)} ${pad((b!.clean / a!.clean).toFixed(2) + '×', 18)} ${pad((b!.ber1e3 / a!.ber1e3).toFixed(2) + '×', 21)}`);
log(`${'… both into'.padEnd(15)} ${pad('', 12)} ${pad((poolInto.clean / into.clean).toFixed(2) + '×', 18)} ${pad((poolInto.ber1e3 / into.ber1e3).toFixed(2) + '×', 21)}            (no fresh output, so none of its page faults)`);
const ms = (a: number[]): string => median(a).toFixed(0);
const [k1, kp, ki, kpi] = sys as [Record<Op, number[]>, Record<Op, number[]>, Record<'clean' | 'ber1e3', number[]>, Record<'clean' | 'ber1e3', number[]>];
log(`kernel CPU ms per run (median; mostly a fresh output's page faults): 1 thread ${ms(k1.encode)} / ${ms(k1.clean)} / ${ms(k1.ber1e3)}, pool ${ms(kp.encode)} / ${ms(kp.clean)} / ${ms(kp.ber1e3)}; into: 1 thread — / ${ms(ki.clean)} / ${ms(ki.ber1e3)}, pool — / ${ms(kpi.clean)} / ${ms(kpi.ber1e3)}`);

// Baselines: the same data, the same i.i.d. channel over each method's whole stored output.
const outcomes: Outcome[] = [];
const skipped: string[] = [];
if (!argv.includes('--no-baselines')) {
  const enc = stored!;
  for (const ber of BERS) {
    const bad = enc.slice();
    flipBits(bad, ber, Math.round(ber * 1e7));
    const t = performance.now();
    const { data: out, report } = c0.decode(bad, { partial: true });
    const decodeMBps = mbps(performance.now() - t);
    const flagged = new Uint8Array(size);
    for (const r of report.badRanges) flagged.fill(1, r.start, r.end);
    outcomes.push({ method: `hopcode ${c0.options.preset} N=${c0.options.n}`, ber, overhead: enc.length / size, encodeMBps: a!.encode, decodeMBps, ...countBytes(data, out, flagged) });
  }
  const rs = loadRs();
  if (typeof rs === 'string') skipped.push(`Reed–Solomon: ${rs}`);
  else outcomes.push(...runRs(rs, data, rsPlanFor(enc.length / size), BERS));
  const why = par2Missing();
  if (why !== null) skipped.push(`par2: ${why}`);
  else for (const r of [10, 100]) outcomes.push(...runPar2(data, r, BERS));
  log(`\nbaselines: ${sizeMiB} MiB, i.i.d. bit flips over the whole stored output; bytes of the original`);
  log(`${'method'.padEnd(36)} ${pad('BER', 6)} ${pad('overhead', 9)} ${pad('enc MB/s', 9)} ${pad('dec MB/s', 9)} ${pad('restored', 10)} ${pad('lost', 10)} ${pad('wrong', 8)}`);
  for (const o of outcomes) {
    log(`${o.method.padEnd(36)} ${pad(o.ber.toExponential(0), 6)} ${pad(o.overhead.toFixed(3), 9)} ${pad(o.encodeMBps.toFixed(1), 9)} ${pad(o.decodeMBps.toFixed(1), 9)} ${pad(o.restored, 10)} ${pad(o.lost, 10)} ${pad(o.wrong, 8)}${o.note ? '  ' + o.note : ''}`);
  }
  for (const s of skipped) log(`skipped ${s}`);
}
if (json) process.stdout.write(JSON.stringify({ size, rounds, preset: c0.options.preset, n: c0.options.n, loadavg: loadavg()[0], speed, decodeInto: into, poolDecodeInto: poolInto, kernelMs: { oneThread: k1, pool: kp, oneThreadInto: ki, poolInto: kpi }, baselines: outcomes, skipped }) + '\n');
const hopWrong = outcomes.filter((o) => o.method.startsWith('hopcode')).reduce((s, o) => s + o.wrong, 0);
if (hopWrong > 0) {
  process.stderr.write(`bench/codec: hopcode returned ${hopWrong} wrong bytes\n`);
  process.exitCode = 1;
}
