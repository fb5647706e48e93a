/**
 * hopcode/sim/sim-chunk — one chunk of a simulation: frames in, additive counts out.
 *
 * Chunk c holds batches of 32 frames drawn by `FrameBatch` from (seed, channel, noise,
 * c, batch): its counts depend on nothing else, so any number of workers gives the
 * same totals. The bit-sliced kernels decode 32 frames per word; the per-frame
 * decoders (asynchronous reference dynamics, soft fields, baselines) take the same
 * frames lane by lane. Counts: frames, bit errors over all N bits, frame errors, and
 * how frames end — converged, a wrong stored state, a spurious fixed point (converged,
 * some constraint violated), or no convergence within the sweep cap.
 */
import { GallagerBDecoder, MajorityBitFlipDecoder } from '../baselines/bit-flipping.js';
import { MinSumDecoder } from '../baselines/min-sum.js';
import { hamming, singleParity } from '../codes/families.js';
import type { LocalCode } from '../codes/local-code.js';
import { parityCheckMatrix, type SparseGf2 } from '../codes/tanner-code.js';
import { CompiledNetwork, type SharedNetworkHandle } from '../decoders/compiled-network.js';
import { runDynamics } from '../decoders/reference-dynamics.js';
import { decodeBatchStochastic } from '../decoders/stochastic-bitsliced.js';
import { decodeBatch } from '../decoders/sync-bitsliced.js';
import { decodeBatchSerial } from '../decoders/cluster-serial-fast.js';
import { decodeBatchPpbf } from '../decoders/ppbf-bitsliced.js';
import { fromCsr } from '../graphs/bipartite-graph.js';
import { HopfieldNetwork } from '../network/hopfield-network.js';
import { addCounts, zeroCounts, type ChunkCounts } from '../pool/chunk-runner.js';
import { registerJobKind } from '../pool/any-job.js';
import { popcount32 } from '../util/bits.js';
import { hashTuple, Rng } from '../util/rng.js';
import type { DecoderSpec } from './decoder-spec.js';
import { decodeBaselineBatch, isFastBaseline } from './baseline-batch.js';
import { checkChannel, FrameBatch, pointHash, type SimChannel } from './frame-batch.js';
import { decodeSoftBatch } from './soft-batch.js';
import { runPpbfChunk, usesLaneRefill } from './ppbf-chunk.js';

export { addCounts, zeroCounts, type ChunkCounts };

export interface SimJob {
  kind: 'sim';
  network: SharedNetworkHandle;
  decoder: DecoderSpec;
  channel: SimChannel;
  seed: number;
  framesPerChunk: number;
  /** Test hook: throw in this chunk. */
  failAtChunk?: number;
}

/** Decoded batch in word form, whatever decoder produced it. */
interface Decoded {
  words: Uint32Array;
  converged: number;
  unsatisfied: number;
  sweeps: Int32Array;
}

/** Per-thread objects derived from a compiled network (built once, reused). */
interface Derived {
  network: HopfieldNetwork;
  h: SparseGf2;
}
const derivedCache = new WeakMap<CompiledNetwork, Derived>();

/** Rebuild the friendly network from the kernel arrays (for per-frame decoders in a worker). */
function derivedOf(net: CompiledNetwork): Derived {
  let d = derivedCache.get(net);
  if (!d) {
    const graph = fromCsr(net.n, net.chkPtr, net.chkVar);
    const byZ = new Map<number, LocalCode>();
    const codes: LocalCode[] = [];
    for (let c = 0; c < graph.m; c++) {
      const z = graph.chkPtr[c + 1]! - graph.chkPtr[c]!;
      if (!byZ.has(z)) byZ.set(z, net.family === 'parity' ? singleParity(z) : hamming(net.meta.synBits));
      codes.push(byZ.get(z)!);
    }
    const network = new HopfieldNetwork({ graph, codes, radius: net.radius });
    d = { network, h: parityCheckMatrix(graph, codes) };
    derivedCache.set(net, d);
  }
  return d;
}

/** Does the decoder consume LLRs? */
function wantsSoft(job: SimJob): boolean {
  const name = job.decoder.name;
  return (name === 'min-sum' && (job.decoder.msFloat === true || job.channel.kind !== 'bsc')) || (name === 'network-soft' && job.channel.kind !== 'bsc');
}

/** Decode one frame with a per-frame decoder. */
function decodeFrame(job: SimJob, d: Derived, hard: Uint8Array, llr: Float64Array | undefined, frameKey: number, baselines: Baselines) {
  const spec = job.decoder;
  switch (spec.name) {
    case 'network-async':
      return runDynamics(d.network, hard, { schedule: 'async', rule: spec.rule, maxSweeps: spec.maxSweeps, seed: job.seed, frame: frameKey });
    case 'gallager-b':
      return baselines.gallager(d.h, spec).decode(hard);
    case 'bit-flip':
      return baselines.flip(d.h, spec).decode(hard);
    case 'min-sum':
      return baselines.minSum(d.h, spec).decode(llr!);
    default:
      throw new Error(`hopcode/sim: decoder ${spec.name} has no per-frame path`);
  }
}

/** Baseline decoder objects, built lazily once per chunk. */
class Baselines {
  private g?: GallagerBDecoder;
  private f?: MajorityBitFlipDecoder;
  private s?: MinSumDecoder;
  gallager(h: SparseGf2, spec: DecoderSpec): GallagerBDecoder {
    return (this.g ??= new GallagerBDecoder(h, { maxIterations: spec.maxSweeps, decision: spec.gbDecision }));
  }
  flip(h: SparseGf2, spec: DecoderSpec): MajorityBitFlipDecoder {
    return (this.f ??= new MajorityBitFlipDecoder(h, { maxIterations: spec.maxSweeps }));
  }
  minSum(h: SparseGf2, spec: DecoderSpec): MinSumDecoder {
    return (this.s ??= new MinSumDecoder(h, { maxIterations: spec.maxSweeps, alpha: spec.alpha, beta: spec.offset }));
  }
}

function decodeWords(net: CompiledNetwork, job: SimJob, batch: FrameBatch, lanes: number, key: number[], out: Uint32Array, baselines: Baselines): Decoded {
  const spec = job.decoder;
  if (spec.name === 'network-serial') {
    return decodeBatchSerial(net, batch.rx, { maxSweeps: spec.maxSweeps, order: spec.clusterOrder, accept: spec.serialAccept, seed: job.seed, key, lanes, out });
  }
  if (net.family === 'table') throw new Error(`hopcode/sim: ${net.meta.name} has radius-${net.radius} (BCH) clusters: only the network-serial decoder runs them, not ${spec.name}`);
  if (spec.name === 'network-soft') return decodeSoftBatch(net, spec, job.channel, job.seed, batch, lanes, key, out);
  if (spec.name === 'network-sync') {
    return decodeBatch(net, batch.rx, { rule: spec.rule, maxSweeps: spec.maxSweeps, lanes, out });
  }
  if (spec.name === 'network-stochastic') {
    const rng = Rng.stream(job.seed, 0x73746f63 /* 'stoc' */, ...key);
    return decodeBatchStochastic(net, batch.rx, rng, { rule: spec.rule, maxSweeps: spec.maxSweeps, cueWeight: spec.cueWeight, anneal: spec.anneal, lanes, out });
  }
  if (spec.name === 'network-ppbf') {
    const coinKey = hashTuple([job.seed, 0x70706266 /* 'ppbf' */, ...key]);
    return decodeBatchPpbf(net, batch.rx, { table: spec.flipTable!, schedule: spec.flipSchedule, cueWeight: spec.cueWeight, maxSweeps: spec.maxSweeps, restarts: spec.restarts, key: coinKey, lanes, out });
  }
  const d = derivedOf(net);
  if (isFastBaseline(spec)) return decodeBaselineBatch(net, d.h, spec, job.channel, batch, lanes, out);
  const n = net.n;
  const hard = new Uint8Array(n);
  out.fill(0);
  const sweeps = new Int32Array(32);
  let converged = 0;
  let unsatisfied = 0;
  for (let lane = 0; lane < 32; lane++) {
    if (!((lanes >>> lane) & 1)) continue;
    for (let i = 0; i < n; i++) hard[i] = (batch.rx[i]! >>> lane) & 1;
    const r = decodeFrame(job, d, hard, batch.soft ? batch.llr[lane] : undefined, (key[1]! * 4096 + key[2]!) * 32 + lane, baselines);
    for (let i = 0; i < n; i++) out[i]! |= (r.state[i]! & 1) << lane;
    sweeps[lane] = r.sweeps;
    if (r.converged) converged |= 1 << lane;
    if (!r.isStoredState) unsatisfied |= 1 << lane;
  }
  return { words: out, converged, unsatisfied, sweeps };
}

/** Validate a job before any worker sees it. */
export function validateSimJob(job: SimJob): void {
  if (!Number.isInteger(job.framesPerChunk) || job.framesPerChunk < 1) throw new Error(`hopcode/sim: framesPerChunk must be an integer ≥ 1, got ${job.framesPerChunk}`);
  checkChannel(job.channel);
  if (!Number.isInteger(job.seed)) throw new Error(`hopcode/sim: seed must be a 32-bit integer, got ${job.seed}`);
}

/** Run chunk `chunkIndex`; `stop[0] ≠ 0` ends it early (partial counts, `stopped`). */
export function runSimChunk(net: CompiledNetwork, job: SimJob, chunkIndex: number, stop?: Int32Array): ChunkCounts & { stopped: boolean } {
  if (job.failAtChunk === chunkIndex) throw new Error(`hopcode/sim: failing on purpose at chunk ${chunkIndex} (test hook)`);
  const batch = new FrameBatch(net, wantsSoft(job));
  const out = new Uint32Array(net.n);
  const counts = zeroCounts();
  const baselines = new Baselines();
  const ph = pointHash(job.channel);
  if (usesLaneRefill(job.decoder)) {
    if (stop && Atomics.load(stop, 0) !== 0) return { ...counts, stopped: true };
    const finished = runPpbfChunk(net, job, chunkIndex, (b) => addCounts(counts, countBatch(net, b.tx, b.res, b.lanes, b.lanesN)), stop);
    return { ...counts, stopped: !finished };
  }
  for (let done = 0, b = 0; done < job.framesPerChunk; done += 32, b++) {
    if (stop && Atomics.load(stop, 0) !== 0) return { ...counts, stopped: true };
    const lanesN = Math.min(32, job.framesPerChunk - done);
    const lanes = lanesN === 32 ? -1 : (1 << lanesN) - 1;
    batch.fill(job.seed, job.channel, chunkIndex, b);
    const res = decodeWords(net, job, batch, lanes, [ph, chunkIndex, b], out, baselines);
    addCounts(counts, countBatch(net, batch.tx, res, lanes, lanesN));
  }
  return { ...counts, stopped: false };
}

function countBatch(net: CompiledNetwork, tx: Uint32Array, res: Decoded, lanes: number, lanesN: number): ChunkCounts {
  const c = zeroCounts();
  const x = res.words;
  let errLanes = 0;
  for (let i = 0; i < net.n; i++) {
    const d = (x[i]! ^ tx[i]!) & lanes;
    if (d !== 0) {
      errLanes |= d;
      c.bitErrors += popcount32(d);
    }
  }
  let infoLanes = 0;
  if (errLanes !== 0) {
    for (let i = 0; i < net.k; i++) {
      const d = (x[net.infoPos[i]!]! ^ tx[net.infoPos[i]!]!) & lanes;
      c.infoBitErrors += popcount32(d);
      infoLanes |= d;
    }
  }
  c.infoFrameErrors = popcount32(infoLanes);
  const conv = res.converged & lanes;
  const unsat = res.unsatisfied & lanes;
  c.frames = lanesN;
  c.frameErrors = popcount32(errLanes);
  c.converged = popcount32(conv);
  c.noConvergence = lanesN - popcount32(conv);
  c.wrongStoredState = popcount32(errLanes & conv & ~unsat);
  c.spuriousFixedPoint = popcount32(conv & unsat);
  for (let l = 0; l < lanesN; l++) c.sweepsSum += res.sweeps[l]!;
  return c;
}

// The pool runs registered job kinds only (it does not know the simulator): register
// 'sim' here, so importing this module (on any thread) makes the kind runnable.
registerJobKind<SimJob>('sim', import.meta.url, { run: runSimChunk, validate: validateSimJob });
