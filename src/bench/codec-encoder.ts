/**
 * hopcode/bench/codec-encoder — the codec's block encoder alone, on any network's H,
 * including radius-t (BCH) networks that the codec engine does not run yet (issue 12):
 * `node dist/bench/codec-encoder.js [--json] [preset:N ...]` (default: parity10-d5:4000,
 * hamming31-d3:2046, bch255-239-d2:4080).
 *
 * For each network: the encoder's shape (K, dependent symbols g, core rows, late pivots,
 * edges of H), then MB/s of payload (P = ⌊(K − 32)/8⌋ bytes per block) of
 *  - `encode`   one slab (32 blocks) per kernel call (slab-kernels.ts),
 *  - `encode4`  four slabs per call, written into group words in file layout,
 *  - `group`    BlockCodec.encodeGroupWords on a 2048-block group: CRCs, transposes and
 *               encode4, i.e. all the per-block work of an encode except paging.
 * Best of several timed repetitions on one thread (CPU time of this process, which is
 * steadier than wall time on a shared machine); ratios within one run are what to quote.
 */
import { buildPreset } from '../network/code.js';
import { FastEncoder } from '../codec/block-encoder.js';
import { BlockCodec } from '../codec/block-codec.js';
import type { BlockDecoder } from '../decoders/block-decoder.js';
import { Rng } from '../util/rng.js';

export interface EncoderRow {
  network: string;
  n: number;
  k: number;
  dependent: number;
  coreRows: number;
  latePivots: number;
  edges: number;
  encodeMBps: number;
  encode4MBps: number;
  groupMBps: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Best CPU time (ms) of `f` over `reps` repetitions of `inner` calls, per call. */
function best(f: (i: number) => void, reps: number, inner: number): number {
  for (let i = 0; i < inner; i++) f(i);
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = cpuMs();
    for (let i = 0; i < inner; i++) f(i);
    b = Math.min(b, (cpuMs() - t) / inner);
  }
  return b;
}

/** Never called: encodeGroupWords does not decode. */
const noDecoder: BlockDecoder = {
  decodeWords() {
    throw new Error('bench/codec-encoder: no decoder');
  },
};

export function benchEncoder(preset: string, n: number): EncoderRow {
  const code = buildPreset({ preset, n, seed: 1 });
  const fe = new FastEncoder(code.parityCheck, Int32Array.from(code.encoder.infoPositions));
  const bc = new BlockCodec(code, noDecoder, fe);
  const p = bc.payloadBytes;
  const ik = Math.ceil(fe.k / 32) * 32;
  const w = 64;
  const rng = Rng.stream(3);
  const info = Int32Array.from({ length: 4 * ik }, () => rng.next() | 0);
  const g = new Int32Array(code.n * w);
  const one = new Int32Array(code.n);
  const slabMB = (32 * p) / 1e6;
  const t1 = best(() => fe.kernels.encode(info, one), 8, 20);
  const t4 = best((i) => fe.kernels.encode4(info, ik, g, w, (i % 16) * 4), 8, 8) / 4;
  const data = new Uint8Array(2048 * p);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() & 255;
  const tg = best(() => bc.encodeGroupWords(data, 0, data.length, 0, 2048, g, w, 0x1234), 4, 1);
  return {
    network: preset,
    n: code.n,
    k: fe.k,
    dependent: fe.dependent,
    coreRows: fe.coreRows,
    latePivots: fe.latePivots,
    edges: code.parityCheck.rowPtr[code.parityCheck.rows]!,
    encodeMBps: slabMB / (t1 / 1000),
    encode4MBps: slabMB / (t4 / 1000),
    groupMBps: data.length / 1e6 / (tg / 1000),
  };
}

export function encoderTable(rows: EncoderRow[]): string {
  const pad = (s: string | number, w: number): string => String(s).padStart(w);
  const head = `${'network'.padEnd(16)} ${pad('N', 5)} ${pad('K', 5)} ${pad('g', 4)} ${pad('late', 5)} ${pad('edges', 6)} ${pad('encode', 8)} ${pad('encode4', 8)} ${pad('group', 8)}  MB/s of payload, one thread`;
  return [head, ...rows.map((r) => `${r.network.padEnd(16)} ${pad(r.n, 5)} ${pad(r.k, 5)} ${pad(r.dependent, 4)} ${pad(r.latePivots, 5)} ${pad(r.edges, 6)} ${pad(r.encodeMBps.toFixed(0), 8)} ${pad(r.encode4MBps.toFixed(0), 8)} ${pad(r.groupMBps.toFixed(0), 8)}`)].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const nets = (args.length > 0 ? args : ['parity10-d5:4000', 'hamming31-d3:2046', 'bch255-239-d2:4080']).map((s) => {
    const [preset, nText] = s.split(':');
    const n = Number(nText);
    if (!preset || !Number.isInteger(n) || n < 1) {
      process.stderr.write(`bench/codec-encoder: ${s}: expected preset:N, e.g. bch255-239-d2:4080\n`);
      process.exit(2);
    }
    return { preset, n };
  });
  const rows = nets.map(({ preset, n }) => benchEncoder(preset, n));
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(rows) + '\n');
  else process.stdout.write(encoderTable(rows) + '\n');
}
