/**
 * hopcode/sim/ppbf-chunk — one simulation chunk of network-ppbf with lane refill
 * (decoders/ppbf-refill.ts): the chunk's frames stream through 32 lanes, a finished lane
 * taking the next frame, instead of batch by batch.
 *
 * The frames are those of the batch path (FrameBatch of (seed, noise, chunk, batch)), so
 * both paths see the same frames; their dynamics differ in which coins a frame draws, so
 * the spec's `ppbfLanes` is part of the problem identity. A stopped chunk (time cap,
 * interrupt) is discarded whole by the engine: its finished frames are the fast ones.
 */
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import { isAnnealed } from '../decoders/flip-table.js';
import { decodeChunkPpbf, type PpbfDoneBatch } from '../decoders/ppbf-refill.js';
import { hashTuple } from '../util/rng.js';
import type { DecoderSpec } from './decoder-spec.js';
import { FrameBatch, pointHash, type SimChannel } from './frame-batch.js';

/** Does this spec run with lane refill? (network-ppbf, unless batch lanes are asked for or the table is annealed.) */
export function usesLaneRefill(spec: DecoderSpec): boolean {
  return spec.name === 'network-ppbf' && spec.ppbfLanes === 'refill' && !isAnnealed(spec.flipTable!);
}

/** A decoded batch with the sent words, ready to count. */
export interface PpbfCountable {
  tx: Uint32Array;
  res: { words: Uint32Array; converged: number; unsatisfied: number; sweeps: Int32Array };
  lanes: number;
  lanesN: number;
}

/**
 * Decode chunk `chunkIndex` of a network-ppbf job; each completed batch goes to `count`.
 * Returns false when `stop` ended it early.
 */
export function runPpbfChunk(net: CompiledNetwork, job: { decoder: DecoderSpec; channel: SimChannel; seed: number; framesPerChunk: number }, chunkIndex: number, count: (b: PpbfCountable) => void, stop?: Int32Array): boolean {
  const spec = job.decoder;
  const batch = new FrameBatch(net, false);
  const ph = pointHash(job.channel);
  const sent = new Map<number, Uint32Array>();
  const cueBatch = (b: number): Uint32Array => {
    batch.fill(job.seed, job.channel, chunkIndex, b);
    sent.set(b, batch.tx.slice());
    return batch.rx.slice();
  };
  const done = (r: PpbfDoneBatch): void => {
    const lanesN = r.sweeps.length;
    const sweeps = new Int32Array(32);
    sweeps.set(r.sweeps);
    const tx = sent.get(r.batch)!;
    sent.delete(r.batch);
    count({ tx, res: { words: r.words, converged: r.converged, unsatisfied: r.unsatisfied, sweeps }, lanes: lanesN === 32 ? -1 : (1 << lanesN) - 1, lanesN });
  };
  const key = hashTuple([job.seed, 0x72666c6c /* 'rfll' */, ph, chunkIndex]);
  const shouldStop = stop ? () => Atomics.load(stop, 0) !== 0 : undefined;
  const stats = decodeChunkPpbf(net, job.framesPerChunk, cueBatch, done, {
    table: spec.flipTable!, schedule: spec.flipSchedule, cueWeight: spec.cueWeight, maxSweeps: spec.maxSweeps, restarts: spec.restarts, key, ...(shouldStop ? { shouldStop } : {}),
  });
  return stats.finished;
}
