/**
 * hopcode/bench/codec-fuzz — the codec's promise under attack, counted:
 * `npm run bench:codec-fuzz [-- --profile a,b] [-- --blocks B] [-- --seed S] [-- --json]`.
 *
 * For each protection profile (src/codec/profiles.ts; default all of them) and each bit
 * error rate at and beyond its limit, B blocks (default 25 000,
 * so ≥ 10⁵ per network over the 4 rates) are encoded in one container, every bit of the
 * container (headers included) is flipped with that probability, and the container is
 * decoded with { partial: true }. Counted per point: blocks restored, failed, failed by
 * the CRC (a wrong stored state caught), and **wrong** — a block returned as good whose
 * bytes differ from the original (the promise is 0). Then constructed attacks:
 *  - wrong stored states: a random codeword of the network added to 1 block in 8
 *    (still a stored state, so only the CRC can catch it);
 *  - a group spliced in from an older encode of the same data (another file id).
 * And the header's strength: 2 000 small containers (1 page + tail: 9 header copies) per
 * rate, counting how often the header cannot be read (the whole file lost).
 * Every random choice comes from --seed (default 1). Single-threaded.
 */
import { createCodec, type Codec } from '../codec/codec.js';
import { PROFILE_NAMES, PROFILES } from '../codec/profiles.js';
import { engineFor } from '../codec/engine.js';
import { readHeader } from '../codec/locate.js';
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES } from '../codec/container.js';
import { Rng } from '../util/rng.js';
import { flipBitsIid } from './bit-flips.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const json = argv.includes('--json');
const blocksPerPoint = Number(opt('--blocks') ?? 25_000);
const seed = Number(opt('--seed') ?? 1);
const log = (s: string): void => void (json ? process.stderr : process.stdout).write(s + '\n');

function randomData(n: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() & 0xff;
  return out;
}

const phys = (s: number): number => Math.floor(s / PAGE_DATA_BYTES) * PAGE_BYTES + PAGE_HEAD_BYTES + (s % PAGE_DATA_BYTES);

interface Count {
  blocks: number;
  restored: number;
  failed: number;
  failedCrc: number;
  wrong: number;
  filesLost: number;
}

/** Decode with partial and compare every block with the original. */
function judge(codec: Codec, enc: Uint8Array, data: Uint8Array): Count {
  const p = codec.payloadBytesPerBlock;
  const blocks = Math.ceil(data.length / p);
  const c: Count = { blocks, restored: 0, failed: 0, failedCrc: 0, wrong: 0, filesLost: 0 };
  let out: Uint8Array;
  let bad: Uint8Array;
  try {
    const r = codec.decode(enc, { partial: true });
    out = r.data;
    bad = new Uint8Array(blocks);
    for (const b of r.report.badRanges) for (let k = b.block; k < b.block + b.blocks; k++) bad[k] = 1;
    c.failed = r.report.blocksFailed;
    c.failedCrc = r.report.blocksFailedCrc;
  } catch {
    c.filesLost = 1;
    c.failed = blocks;
    return c;
  }
  for (let k = 0; k < blocks; k++) {
    if (bad[k]) continue;
    const a = k * p;
    const e = Math.min(a + p, data.length);
    let same = e <= out.length;
    for (let i = a; same && i < e; i++) if (out[i] !== data[i]) same = false;
    if (same) c.restored++;
    else c.wrong++;
  }
  return c;
}

/** Bit error rates at and beyond each profile's limit (bench:codec-profiles). */
const BERS: Record<string, number[]> = {
  default: [1e-3, 3e-3, 5e-3, 1e-2],
  light: [1e-4, 1e-3, 3e-3, 1e-2],
  robust: [1.5e-2, 2e-2, 3e-2, 4e-2],
  legacy: [1e-2, 1.5e-2, 2e-2, 3e-2],
};
const chosen = (opt('--profile') ?? PROFILE_NAMES.join(',')).split(',');
for (const name of chosen) {
  if (!PROFILES[name]) {
    process.stderr.write(`hopcode/bench: unknown profile "${name}" (known: ${PROFILE_NAMES.join(', ')})\n`);
    process.exit(2);
  }
}
const networks = chosen.map((name) => ({ profile: name, preset: PROFILES[name]!.preset, n: PROFILES[name]!.n, bers: opt('--bers')?.split(',').map(Number) ?? BERS[name] ?? [1e-3, 1e-2] }));
const rows: Record<string, unknown>[] = [];
const t0 = performance.now();
log(`# codec fuzz: ${blocksPerPoint} blocks per point, seed ${seed}, single thread`);
log('profile / network              | attack                       |  blocks | restored |  failed | by CRC | wrong | files lost');
for (const net of networks) {
  const codec = createCodec({ profile: net.profile, workers: 1 });
  const p = codec.payloadBytesPerBlock;
  const show = (attack: string, c: Count): void => {
    rows.push({ profile: net.profile, network: `${net.preset}/${net.n}`, attack, ...c });
    log(`${`${net.profile} ${net.preset} N=${net.n}`.padEnd(30)} | ${attack.padEnd(28)} | ${String(c.blocks).padStart(7)} | ${String(c.restored).padStart(8)} | ${String(c.failed).padStart(7)} | ${String(c.failedCrc).padStart(6)} | ${String(c.wrong).padStart(5)} | ${c.filesLost}`);
  };
  for (const ber of net.bers) {
    const rng = Rng.stream(seed, net.n, Math.round(ber * 1e6));
    const data = randomData(blocksPerPoint * p, rng);
    const enc = codec.encode(data);
    flipBitsIid(enc, ber, rng);
    show(`random BER ${ber}`, judge(codec, enc, data));
  }
  // Wrong stored states by construction: add a codeword of the network to 1 block in 8.
  {
    const rng = Rng.stream(seed, net.n, 0x636f6465);
    const blocks = Math.min(blocksPerPoint, 8192);
    const data = randomData(blocks * p, rng);
    const enc = codec.encode(data);
    const engine = engineFor({ preset: net.preset, n: net.n, seed: codec.options.seed, maxSweeps: codec.options.maxSweeps, decoder: 'auto' });
    const d = codec.options.interleave;
    const groupBits = d * net.n;
    const k = engine.blocks.k;
    let added = 0;
    for (let b = 0; b < blocks; b += 8) {
      const info = new Int32Array(Math.ceil(k / 32) * 32);
      for (let i = 0; i < k; i++) info[i] = rng.next() & 1 ? 1 : 0; // lane 0 only
      const words = engine.blocks.encoder.encodeWords(info, new Int32Array(net.n));
      const g = Math.floor(b / d);
      const l = Math.min(d, blocks - g * d);
      const j = b - g * d;
      let nonzero = false;
      for (let v = 0; v < net.n; v++) {
        if (words[v]! & 1) {
          nonzero = true;
          const t = g * (groupBits / 8) * 8 + v * l + j;
          enc[phys(t >>> 3)]! ^= 1 << (t & 7);
        }
      }
      if (nonzero) added++;
    }
    const c = judge(codec, enc, data);
    show(`codeword added (${added} blocks)`, c);
  }
  // A group spliced in from an older encode of the same data (the file id differs).
  {
    const rng = Rng.stream(seed, net.n, 0x73706c63);
    const data = randomData(3 * codec.options.interleave * p, rng);
    const older = codec.encode(data);
    const cur = codec.encode(data);
    const g = (codec.options.interleave * net.n) / 8;
    for (let s = g; s < 2 * g; s++) cur[phys(s)] = older[phys(s)]!;
    show('group from an older encode', judge(codec, cur, data));
  }
  // Header strength: small containers, 9 header copies each.
  for (const ber of [1e-2, 3e-2, 5e-2]) {
    const rng = Rng.stream(seed, net.n, 0x68656164, Math.round(ber * 1e6));
    const enc = codec.encode(randomData(p * 4, rng));
    let lost = 0;
    const files = 2000;
    for (let f = 0; f < files; f++) {
      const b = enc.slice();
      flipBitsIid(b, ber, rng);
      try {
        readHeader(b.subarray(0, Math.min(b.length, 16 * PAGE_BYTES)), b.subarray(Math.max(0, b.length - 640)), b.length);
      } catch {
        lost++;
      }
    }
    rows.push({ profile: net.profile, network: `${net.preset}/${net.n}`, attack: `header, BER ${ber}`, files, filesLost: lost });
    log(`${`${net.profile} ${net.preset} N=${net.n}`.padEnd(30)} | ${`header only, BER ${ber}`.padEnd(28)} | ${String(files).padStart(7)} files, header unreadable in ${lost}`);
  }
}
log(`# ${((performance.now() - t0) / 1000).toFixed(0)} s`);
if (json) process.stdout.write(JSON.stringify(rows) + '\n');
