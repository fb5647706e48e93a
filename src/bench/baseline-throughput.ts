/**
 * hopcode/bench/baseline-throughput — baselines and network decoders on one LDPC code.
 *
 * Part of `npm run bench:throughput`: on Radford Neal's (3,6) N = 4000 code
 * (../shared/codes/ldpc-3-6-n4000-nfirst.alist, or `--alist FILE`), BSC, random
 * codewords (systematic encoder), the simulator's own chunk path end to end (frames
 * drawn, encoded, sent, decoded, counted) on this thread, for each decoder and p:
 * information Mb/s (K = N − M info bits per frame over wall seconds, and per CPU second of
 * this thread, which a shared machine distorts less), mean iterations, FER.
 * The previous implementations run beside the new ones in the same process, so their
 * ratio holds on a shared machine: min-sum's float flooding reference (`--ms-float`)
 * vs the fixed-point layered kernel, and per-frame Gallager B vs the bit-sliced one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GallagerBDecoder } from '../baselines/bit-flipping.js';
import { parseAlist } from '../codes/alist.js';
import { CompiledNetwork } from '../decoders/compiled-network.js';
import { codeFromParityCheck } from '../network/code.js';
import { addCounts, zeroCounts, type ChunkCounts } from '../pool/chunk-runner.js';
import { decoderSpec, type DecoderName, type DecoderSpec } from '../sim/decoder-spec.js';
import { FrameBatch } from '../sim/frame-batch.js';
import { runSimChunk, type SimJob } from '../sim/sim-chunk.js';

export interface BaselineRow {
  code: string;
  decoder: string;
  /** 'fixed-point layered', 'float flooding (reference)', 'bit-sliced', 'per-frame (previous)' … */
  impl: string;
  p: number;
  infoMbps: number;
  /** Information Mb/s per CPU second of this process (one busy thread: per core, whatever the load). */
  cpuInfoMbps: number;
  meanIterations: number;
  fer: number;
  frames: number;
}

export const DEFAULT_ALIST = fileURLToPath(new URL('../../../shared/codes/ldpc-3-6-n4000-nfirst.alist', import.meta.url));

interface Variant {
  name: DecoderName;
  impl: string;
  over?: Partial<DecoderSpec>;
  /** The previous per-frame Gallager B loop (no longer reachable from the simulator). */
  perFrameGallager?: boolean;
  framesPerChunk: number;
}

const VARIANTS: Variant[] = [
  { name: 'network-sync', impl: 'bit-sliced', framesPerChunk: 1024 },
  { name: 'network-stochastic', impl: 'bit-sliced', framesPerChunk: 256 },
  { name: 'min-sum', impl: 'fixed-point layered', framesPerChunk: 64 },
  { name: 'min-sum', impl: 'fixed-point flooding', over: { msSchedule: 'flooding' }, framesPerChunk: 64 },
  { name: 'min-sum', impl: 'float flooding (previous)', over: { msFloat: true }, framesPerChunk: 64 },
  { name: 'gallager-b', impl: 'bit-sliced', framesPerChunk: 1024 },
  { name: 'gallager-b', impl: 'per-frame (previous)', perFrameGallager: true, framesPerChunk: 64 },
];

/** Per-frame Gallager B on the simulator's frames (the path simulate took before). */
function perFrameGallagerChunk(net: CompiledNetwork, job: SimJob, chunk: number, dec: GallagerBDecoder): ChunkCounts {
  const c = zeroCounts();
  const batch = new FrameBatch(net, false);
  const y = new Uint8Array(net.n);
  for (let done = 0, b = 0; done < job.framesPerChunk; done += 32, b++) {
    batch.fill(job.seed, job.channel, chunk, b);
    for (let lane = 0; lane < 32 && done + lane < job.framesPerChunk; lane++) {
      for (let i = 0; i < net.n; i++) y[i] = (batch.rx[i]! >>> lane) & 1;
      const r = dec.decode(y);
      c.frames++;
      c.sweepsSum += r.sweeps;
      for (let i = 0; i < net.n; i++) {
        if (r.state[i] !== ((batch.tx[i]! >>> lane) & 1)) {
          c.frameErrors++;
          break;
        }
      }
    }
  }
  return c;
}

/** Measure every variant at every p for `seconds` each (at least one chunk). */
export function benchBaselines(o: { alist: string; ps: readonly number[]; seconds: number; log: (s: string) => void }): BaselineRow[] {
  if (!existsSync(o.alist)) {
    o.log(`# baselines: ${o.alist} not found, skipped (give --alist FILE)`);
    return [];
  }
  const h = parseAlist(readFileSync(o.alist, 'utf8'), o.alist);
  const name = o.alist.split('/').pop()!.replace(/\.alist$/, '');
  const code = codeFromParityCheck(h, name);
  const net = CompiledNetwork.fromCode(code);
  o.log(`# baselines on ${name}: N=${net.n} K=${net.k}, BSC, random codewords, this thread, ${o.seconds} s per row`);
  const rows: BaselineRow[] = [];
  for (const p of o.ps) {
    for (const v of VARIANTS) {
      const spec = decoderSpec(v.name, 'free-energy', v.over ?? {});
      const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: spec, channel: { kind: 'bsc', noise: p, rate: net.k / net.n }, seed: 20240917, framesPerChunk: v.framesPerChunk };
      const gb = v.perFrameGallager ? new GallagerBDecoder(h, { maxIterations: spec.maxSweeps }) : undefined;
      const run = (chunk: number): ChunkCounts => {
        if (gb) return perFrameGallagerChunk(net, job, chunk, gb);
        const { stopped: _s, ...c } = runSimChunk(net, job, chunk);
        return c;
      };
      run(1_000_000); // warm-up (compiles the kernels, builds cached decoders)
      const c = zeroCounts();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let chunk = 0;
      while (chunk === 0 || performance.now() - t0 < o.seconds * 1000) addCounts(c, run(chunk++));
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSecs = (cpu.user + cpu.system) / 1e6;
      rows.push({ code: name, decoder: v.name, impl: v.impl, p, infoMbps: (c.frames * net.k) / secs / 1e6, cpuInfoMbps: (c.frames * net.k) / cpuSecs / 1e6, meanIterations: c.sweepsSum / c.frames, fer: c.frameErrors / c.frames, frames: c.frames });
    }
  }
  return rows;
}

/** Human table of the rows and the new / previous ratios. */
export function formatBaselineRows(rows: readonly BaselineRow[]): string[] {
  const out = ['code                    decoder             implementation              p       info Mb/s  per CPU-s  mean iter.  FER       frames'];
  for (const r of rows) {
    out.push(`${r.code.padEnd(23)} ${r.decoder.padEnd(19)} ${r.impl.padEnd(27)} ${r.p.toFixed(3)}  ${r.infoMbps.toFixed(3).padStart(10)}  ${r.cpuInfoMbps.toFixed(3).padStart(9)}  ${r.meanIterations.toFixed(2).padStart(10)}  ${r.fer.toExponential(2)}  ${r.frames}`);
  }
  const find = (d: string, impl: string, p: number): BaselineRow | undefined => rows.find((r) => r.decoder === d && r.impl === impl && r.p === p);
  for (const p of [...new Set(rows.map((r) => r.p))]) {
    const ms = find('min-sum', 'fixed-point layered', p);
    const msOld = find('min-sum', 'float flooding (previous)', p);
    const gb = find('gallager-b', 'bit-sliced', p);
    const gbOld = find('gallager-b', 'per-frame (previous)', p);
    if (ms && msOld && gb && gbOld) {
      out.push(`ratios at p = ${p} (per CPU-s): min-sum fixed-point layered / float flooding = ${(ms.cpuInfoMbps / msOld.cpuInfoMbps).toFixed(2)}×, gallager-b bit-sliced / per-frame = ${(gb.cpuInfoMbps / gbOld.cpuInfoMbps).toFixed(2)}×`);
    }
  }
  return out;
}
