/**
 * hopcode/bench/codec-profiles — the measured table behind the codec's protection
 * profiles (src/codec/profiles.ts): `npm run bench:codec-profiles [-- options]`.
 *
 * Per profile, on one thread:
 *  - overhead: container bytes / payload bytes for a 64 MiB file (CRCs, page heads and
 *    tail included) and for the measured file;
 *  - block failure rate versus BER: B blocks of random data (default 10⁵ per point) in
 *    one container, every bit of the container flipped independently with probability
 *    BER (parity, page heads and tail included), decoded with { partial: true }; each
 *    block compared with the original: failed (reported lost) and wrong (returned as good
 *    with other bytes: the promise is 0). A row stops after the first BER where every
 *    block failed;
 *  - bursts: the longest run of contiguous corrupted bytes of the stored container (each
 *    byte XORed with a random non-zero value) that the profile survives — every block
 *    restored — at every one of P random positions (default 8), found by bisection over
 *    the burst length in a container of 3 full groups; the next length is shown to fail;
 *  - speed (MB/s of payload, one run, noisy on a shared machine): encode, clean decode,
 *    decode at each BER.
 * Options: --profiles a,b (default all), --net preset:N (a candidate network instead,
 * repeatable), --blocks B, --bers list, --positions P, --no-burst, --seed S, --json.
 * Every random choice comes from --seed (default 1).
 */
import { createCodec, type Codec, type CodecOptions } from '../codec/codec.js';
import { PROFILES, PROFILE_NAMES } from '../codec/profiles.js';
import { Rng } from '../util/rng.js';
import { flipBitsIid } from './bit-flips.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const all = (name: string): string[] => argv.flatMap((a, i) => (a === name && argv[i + 1] !== undefined ? [argv[i + 1]!] : []));
const json = argv.includes('--json');
const blocksPerPoint = Number(opt('--blocks') ?? 100_000);
const positions = Number(opt('--positions') ?? 8);
const seed = Number(opt('--seed') ?? 1);
const noBurst = argv.includes('--no-burst');
const GRID = [1e-5, 1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 5e-3, 1e-2, 1.5e-2, 2e-2, 3e-2];
const bers = opt('--bers')?.split(',').map(Number) ?? GRID;
const log = (s: string): void => void (json ? process.stderr : process.stdout).write(s + '\n');

for (const [name, v] of [['--blocks', blocksPerPoint], ['--positions', positions], ['--seed', seed]] as const) {
  if (!Number.isInteger(v) || v < 0 || (name !== '--seed' && v < 1)) {
    process.stderr.write(`hopcode/bench: ${name} must be a whole number ≥ 1, got ${opt(name)}\n`);
    process.exit(2);
  }
}
if (bers.some((b) => !(b > 0 && b < 0.5))) {
  process.stderr.write(`hopcode/bench: --bers must be numbers in (0, 0.5), got ${opt('--bers')}\n`);
  process.exit(2);
}

interface Target {
  label: string;
  options: CodecOptions;
}

function targets(): Target[] {
  const nets = all('--net');
  if (nets.length > 0) {
    return nets.map((s) => {
      const [preset, n] = s.split(':');
      return { label: `${preset} N=${n}`, options: { preset, n: Number(n) } };
    });
  }
  const names = opt('--profiles')?.split(',') ?? [...PROFILE_NAMES];
  for (const n of names) {
    if (!PROFILES[n]) {
      process.stderr.write(`hopcode/bench: unknown profile "${n}" (known: ${PROFILE_NAMES.join(', ')})\n`);
      process.exit(2);
    }
  }
  return names.map((n) => ({ label: n, options: { profile: n } }));
}

function randomData(n: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = rng.next();
    out[i] = x;
    out[i + 1] = x >>> 8;
    out[i + 2] = x >>> 16;
    out[i + 3] = x >>> 24;
  }
  return out;
}

interface Judged {
  failed: number;
  wrong: number;
  fileLost: boolean;
  ms: number;
}

/** Decode with partial and compare every block with the original. */
function judge(codec: Codec, enc: Uint8Array, data: Uint8Array): Judged {
  const p = codec.payloadBytesPerBlock;
  const blocks = Math.ceil(data.length / p);
  const t = performance.now();
  let out: Uint8Array;
  const bad = new Uint8Array(blocks);
  try {
    const r = codec.decode(enc, { partial: true });
    out = r.data;
    for (const b of r.report.badRanges) for (let k = b.block; k < Math.min(blocks, b.block + b.blocks); k++) bad[k] = 1;
  } catch {
    return { failed: blocks, wrong: 0, fileLost: true, ms: performance.now() - t };
  }
  const ms = performance.now() - t;
  let failed = 0;
  let wrong = 0;
  for (let k = 0; k < blocks; k++) {
    if (bad[k]) {
      failed++;
      continue;
    }
    const a = k * p;
    const e = Math.min(a + p, data.length);
    let same = e <= out.length;
    for (let i = a; same && i < e; i++) if (out[i] !== data[i]) same = false;
    if (!same) wrong++;
  }
  return { failed, wrong, fileLost: false, ms };
}

const mbps = (bytes: number, ms: number): number => Number((bytes / 1e6 / (ms / 1000)).toFixed(1));
const rows: Record<string, unknown>[] = [];
const t0 = performance.now();
const chosen = targets(); // bad --profiles / --net are refused before anything is printed
log(`# codec profiles: ${blocksPerPoint} blocks per BER point, ${positions} burst positions, seed ${seed}, one thread`);

for (const tg of chosen) {
  const codec = createCodec({ ...tg.options, workers: 1, fileSeed: seed });
  const o = codec.options;
  const p = codec.payloadBytesPerBlock;
  const rng = Rng.stream(seed, 0x70726f66, o.n, o.seed);
  const data = randomData(blocksPerPoint * p, rng);
  let t = performance.now();
  const enc = codec.encode(data);
  const encMs = performance.now() - t;
  const clean = judge(codec, enc, data);
  const big = 64 * 1024 * 1024;
  const overhead = Number((codec.encodedLength(big) / big).toFixed(4));
  const head = { target: tg.label, profile: o.profile, preset: o.preset, n: o.n, seed: o.seed, interleave: o.interleave, maxSweeps: o.maxSweeps, payloadBytesPerBlock: p };
  log(`\n## ${tg.label}: ${o.preset} N=${o.n} seed ${o.seed} interleave ${o.interleave} sweeps ${o.maxSweeps}; ${p} B/block; overhead ${overhead} (64 MiB), ${(enc.length / data.length).toFixed(4)} (${(data.length / 1e6).toFixed(1)} MB)`);
  log(`encode ${mbps(data.length, encMs)} MB/s, clean decode ${mbps(data.length, clean.ms)} MB/s (${clean.failed} failed, ${clean.wrong} wrong)`);
  rows.push({ kind: 'profile', ...head, overhead, overheadMeasured: Number((enc.length / data.length).toFixed(4)), payloadBytes: data.length, encodeMBps: mbps(data.length, encMs), cleanDecodeMBps: mbps(data.length, clean.ms), cleanFailed: clean.failed, cleanWrong: clean.wrong });
  log('      BER |  blocks |  failed | block failure rate | wrong | decode MB/s');
  const blocks = Math.ceil(data.length / p);
  for (const ber of bers) {
    const noisy = enc.slice();
    const flips = flipBitsIid(noisy, ber, Rng.stream(seed, 0x62657220, o.n, Math.round(ber * 1e7)));
    const j = judge(codec, noisy, data);
    const fer = j.failed / blocks;
    rows.push({ kind: 'ber', ...head, ber, blocks, flips, failed: j.failed, wrong: j.wrong, fileLost: j.fileLost, fer, decodeMBps: mbps(data.length, j.ms) });
    log(`${ber.toExponential(1).padStart(9)} | ${String(blocks).padStart(7)} | ${String(j.failed).padStart(7)} | ${fer === 0 ? '0'.padStart(18) : fer.toExponential(2).padStart(18)} | ${String(j.wrong).padStart(5)} | ${mbps(data.length, j.ms)}${j.fileLost ? ' (file lost: header)' : ''}`);
    if (j.failed === blocks) break;
  }
  if (noBurst) continue;
  // Bursts: 3 full groups; every block must come back.
  const bdata = randomData(3 * o.interleave * p, Rng.stream(seed, 0x62727374, o.n));
  const benc = codec.encode(bdata);
  const brng = Rng.stream(seed, 0x706f7373, o.n);
  const starts = Array.from({ length: positions }, () => Math.floor(brng.double() * benc.length));
  const survives = (len: number): { ok: boolean; worst: number; wrong: number } => {
    let worst = 0;
    let wrong = 0;
    for (let q = 0; q < positions; q++) {
      const b = benc.slice();
      const s = Math.min(starts[q]!, benc.length - len);
      const r = Rng.stream(seed, 0x76616c73, len, q);
      for (let i = s; i < s + len; i++) b[i]! ^= 1 + (r.next() % 255);
      const j = judge(codec, b, bdata);
      worst = Math.max(worst, j.failed);
      wrong += j.wrong;
      if (j.failed > 0) return { ok: false, worst, wrong };
    }
    return { ok: true, worst, wrong };
  };
  let lo = 0;
  let hi = Math.floor(benc.length / 3);
  let wrongSeen = 0;
  t = performance.now();
  while (hi - lo > Math.max(1, lo >> 6)) {
    const mid = (lo + hi) >> 1;
    const r = survives(mid);
    wrongSeen += r.wrong;
    if (r.ok) lo = mid;
    else hi = mid;
  }
  const next = survives(hi);
  wrongSeen += next.wrong;
  const perBlock = Math.ceil((8 * lo) / o.interleave);
  rows.push({ kind: 'burst', ...head, longestBurstBytes: lo, failsAtBytes: hi, failsAtNext: !next.ok, positions, errorsPerBlock: perBlock, wrong: wrongSeen });
  log(`burst: survives ${lo} contiguous corrupted bytes (${(lo / 1024).toFixed(1)} KiB, ≤ ${perBlock} bit errors per block) at all ${positions} positions; ${hi} bytes ${next.ok ? 'also survived (bisection tolerance)' : 'fails'}; wrong blocks seen during the search: ${wrongSeen} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
}
log(`# ${((performance.now() - t0) / 1000).toFixed(0)} s`);
if (json) process.stdout.write(JSON.stringify(rows) + '\n');
