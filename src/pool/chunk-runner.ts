/**
 * hopcode/pool/chunk-runner — one chunk of a Monte-Carlo decoding run, as additive counts.
 *
 * Reproducibility contract (STYLE.md §5): a chunk's counts are a pure function of
 * (seed, network, noise point, chunk index). Its random stream is
 * Rng.stream(seed, hash(channel, noise), chunkIndex) (and a sibling stream for the
 * stored states), so whichever worker runs it, and however many workers exist, the
 * totals are the same. Per batch of 32 frames:
 * random information words → compiled encoder (random stored states, not only zero) →
 * channel → bit-sliced decoder → error counts by popcount of XOR words.
 */
import { channelFromSpec, type ChannelSpec } from '../channels/bsc-words.js';
import { CompiledNetwork, type SharedNetworkHandle } from '../decoders/compiled-network.js';
import type { AnnealSchedule, InputRule } from '../decoders/reference-dynamics.js';
import { decodeBatchStochastic } from '../decoders/stochastic-bitsliced.js';
import { decodeBatch } from '../decoders/sync-bitsliced.js';
import { cueWeightProblem } from '../decoders/bitsliced-field.js';
import { popcount32 } from '../util/bits.js';
import { hashTuple, Rng } from '../util/rng.js';

export interface DecoderSpec {
  kind: 'sync-bitsliced' | 'stochastic-bitsliced';
  rule?: InputRule;
  maxSweeps?: number;
  cueWeight?: number;
  /** Annealing schedule ('stochastic-bitsliced'). */
  anneal?: AnnealSchedule;
}

export interface JobSpec {
  network: SharedNetworkHandle;
  decoder: DecoderSpec;
  channel: ChannelSpec;
  /** 32-bit master seed (see util/rng masterSeed). */
  seed: number;
  framesPerChunk: number;
  /** Transmit the all-zero stored state instead of random ones. */
  allZero?: boolean;
  /** Test hook: the worker throws on this chunk. */
  failAtChunk?: number;
  /** Test hook: the worker thread exits (a crash) on this chunk. */
  crashAtChunk?: number;
}

/** Additive counts of a set of frames. */
export interface ChunkCounts {
  frames: number;
  bitErrors: number;
  infoBitErrors: number;
  frameErrors: number;
  /** Frames with at least one wrong information bit (AFF3CT's and Neal's frame error). */
  infoFrameErrors: number;
  sweepsSum: number;
  converged: number;
  wrongStoredState: number;
  spuriousFixedPoint: number;
  noConvergence: number;
}

export function zeroCounts(): ChunkCounts {
  return { frames: 0, bitErrors: 0, infoBitErrors: 0, frameErrors: 0, infoFrameErrors: 0, sweepsSum: 0, converged: 0, wrongStoredState: 0, spuriousFixedPoint: 0, noConvergence: 0 };
}

export function addCounts(into: ChunkCounts, c: ChunkCounts): ChunkCounts {
  for (const k of Object.keys(into) as (keyof ChunkCounts)[]) into[k] += c[k];
  return into;
}

/** Hash of a noise point (channel kind and the float's exact bits). */
export function noisePointHash(ch: ChannelSpec): number {
  const f = new Float64Array([ch.p]);
  const u = new Uint32Array(f.buffer);
  let kind = 0;
  for (const c of ch.kind) kind = (Math.imul(kind, 31) + c.charCodeAt(0)) | 0;
  return hashTuple([kind, u[0]!, u[1]!]);
}

/** Validate a job at the API, before any worker sees it. */
export function validateJob(job: JobSpec): void {
  const { decoder, framesPerChunk } = job;
  if (!Number.isInteger(framesPerChunk) || framesPerChunk < 1) throw new Error(`hopcode/chunk-runner: framesPerChunk must be an integer ≥ 1, got ${framesPerChunk}`);
  if (!decoder || (decoder.kind !== 'sync-bitsliced' && decoder.kind !== 'stochastic-bitsliced')) {
    throw new Error(`hopcode/chunk-runner: unknown decoder "${String(decoder?.kind)}" (sync-bitsliced, stochastic-bitsliced)`);
  }
  const ms = decoder.maxSweeps ?? 100;
  if (!Number.isInteger(ms) || ms < 1) throw new Error(`hopcode/chunk-runner: maxSweeps must be an integer ≥ 1, got ${ms}`);
  if (decoder.rule !== undefined && decoder.rule !== 'unit' && decoder.rule !== 'free-energy') throw new Error(`hopcode/chunk-runner: unknown rule "${String(decoder.rule)}" (unit, free-energy)`);
  const beta = decoder.cueWeight ?? 0;
  const badCue = cueWeightProblem(beta);
  if (badCue) throw new Error(`hopcode/chunk-runner: cueWeight ${badCue}`);
  const a = decoder.anneal;
  if (a && (!(a.start > 0) || !(a.end > 0) || a.end > a.start || !Number.isInteger(a.sweeps) || a.sweeps < 0)) throw new Error('hopcode/chunk-runner: anneal needs 0 < end ≤ start and an integer sweeps ≥ 0');
  if (!job.allZero && job.network.meta.k === 0) throw new Error('hopcode/chunk-runner: the network was compiled without an encoder; compile with { encoder: true } or set allZero');
  channelFromSpec(job.channel);
  if (!Number.isInteger(job.seed)) throw new Error(`hopcode/chunk-runner: seed must be a 32-bit integer, got ${job.seed}`);
}

/** Buffers reused across chunks of one network (per thread). */
const buffers = new WeakMap<CompiledNetwork, { info: Int32Array; tx: Int32Array; rx: Uint32Array; out: Uint32Array }>();

/**
 * Run chunk `chunkIndex` of a job on `net`. `stop` (Int32Array over shared memory)
 * ends the chunk early when stop[0] ≠ 0: then `stopped` is true and the counts are
 * partial (the pool discards them).
 */
export function runChunk(net: CompiledNetwork, job: JobSpec, chunkIndex: number, stop?: Int32Array): ChunkCounts & { stopped: boolean } {
  if (job.failAtChunk === chunkIndex) throw new Error(`hopcode/chunk-runner: failing on purpose at chunk ${chunkIndex} (test hook)`);
  const channel = channelFromSpec(job.channel);
  const { n, k } = net;
  let b = buffers.get(net);
  if (!b) {
    b = { info: new Int32Array(k), tx: new Int32Array(n), rx: new Uint32Array(n), out: new Uint32Array(n) };
    buffers.set(net, b);
  }
  // Noise and stored states come from separate streams: with the same seed, random
  // states and the all-zero state see the same noise (the dynamics commute with adding
  // a stored state, so their error counts agree exactly — a tested property).
  const rng = Rng.stream(job.seed, noisePointHash(job.channel), chunkIndex);
  const states = Rng.stream(job.seed, noisePointHash(job.channel), chunkIndex, 0x73746174 /* 'stat' */);
  const dyn = Rng.stream(job.seed, noisePointHash(job.channel), chunkIndex, 0x64796e61 /* 'dyna' */);
  const counts = zeroCounts();
  const { infoPos } = net;
  const dec = job.decoder;
  for (let done = 0; done < job.framesPerChunk; done += 32) {
    if (stop && Atomics.load(stop, 0) !== 0) return { ...counts, stopped: true };
    const lanesN = Math.min(32, job.framesPerChunk - done);
    const lanes = lanesN === 32 ? -1 : (1 << lanesN) - 1;
    if (job.allZero) b.tx.fill(0);
    else {
      for (let i = 0; i < k; i++) b.info[i] = states.next();
      net.encodeWords(b.info, b.tx);
    }
    channel.transmit(rng, b.tx, b.rx);
    const o = { rule: dec.rule, maxSweeps: dec.maxSweeps, cueWeight: dec.cueWeight, lanes, out: b.out };
    const res = dec.kind === 'sync-bitsliced' ? decodeBatch(net, b.rx, o) : decodeBatchStochastic(net, b.rx, dyn, { ...o, anneal: dec.anneal });
    const x = b.out;
    const tx = b.tx;
    let errLanes = 0;
    let bitErr = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[i]! ^ tx[i]!) & lanes;
      if (d !== 0) {
        errLanes |= d;
        bitErr += popcount32(d);
      }
    }
    let infoErr = 0;
    let infoLanes = 0;
    if (errLanes !== 0) {
      for (let i = 0; i < k; i++) {
        const d = (x[infoPos[i]!]! ^ tx[infoPos[i]!]!) & lanes;
        infoErr += popcount32(d);
        infoLanes |= d;
      }
    }
    const conv = res.converged & lanes;
    const unsat = res.unsatisfied & lanes;
    counts.frames += lanesN;
    counts.bitErrors += bitErr;
    counts.infoBitErrors += infoErr;
    counts.infoFrameErrors += popcount32(infoLanes);
    counts.frameErrors += popcount32(errLanes);
    counts.converged += popcount32(conv);
    counts.noConvergence += lanesN - popcount32(conv);
    counts.wrongStoredState += popcount32(errLanes & ~unsat);
    counts.spuriousFixedPoint += popcount32(conv & unsat);
    for (let l = 0; l < lanesN; l++) counts.sweepsSum += res.sweeps[l]!;
  }
  return { ...counts, stopped: false };
}

const netCache = new Map<string, CompiledNetwork>();

/** The compiled network of a shared handle, built once per thread (views, no copy). */
export function networkOf(handle: SharedNetworkHandle): CompiledNetwork {
  let net = netCache.get(handle.meta.id);
  if (!net) {
    net = CompiledNetwork.fromShared(handle);
    if (netCache.size > 16) netCache.clear();
    netCache.set(handle.meta.id, net);
  }
  return net;
}
