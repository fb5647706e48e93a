/**
 * hopcode/sim/soft-batch — a batch of 32 frames through the soft-field network (network-soft).
 *
 * Each lane's field comes from its channel output (soft-field-params.ts): AWGN and BEC
 * give b_i = −scale·LLR_i quantised to ticks and clipped (an erasure: 0; a known bit:
 * the full clip), the BSC gives the cue ±β. The user's knobs (cluster terms τ, and σ in
 * 'amplitude' units) become kernel votes by kernelParams. The injected noise and the serial order
 * come from Rng.stream(seed, 'soft', point, chunk, batch, lane), so the counts depend
 * only on (seed, point, chunk, batch, lane), never on workers or on other decoders.
 */
import { SoftFieldDecoder } from '../decoders/soft-field-dynamics.js';
import { clusterTermVotes, cueFieldTicks, kernelParams, llrFieldTicks, resolveSoftParams } from '../decoders/soft-field-params.js';
import { awgnSigma } from '../channels/awgn.js';
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import { Rng } from '../util/rng.js';
import type { DecoderSpec } from './decoder-spec.js';
import type { FrameBatch, SimChannel } from './frame-batch.js';

/** Stream tag of the soft-field noise ('soft'). */
export const SOFT_STREAM = 0x736f6674;

export interface SoftBatchResult {
  words: Uint32Array;
  converged: number;
  unsatisfied: number;
  sweeps: Int32Array;
}

const decoders = new WeakMap<CompiledNetwork, Map<string, SoftFieldDecoder>>();

function decoderFor(net: CompiledNetwork, spec: DecoderSpec, channel: SimChannel): SoftFieldDecoder {
  const user = spec.soft ?? resolveSoftParams();
  const params = kernelParams(user, clusterTermVotes(net.radius), channel.kind === 'awgn' ? awgnSigma(channel.noise, channel.rate) : undefined);
  const key = JSON.stringify([params, spec.maxSweeps]);
  let byKey = decoders.get(net);
  if (!byKey) decoders.set(net, (byKey = new Map()));
  let d = byKey.get(key);
  if (!d) byKey.set(key, (d = new SoftFieldDecoder(net, params, spec.maxSweeps)));
  return d;
}

/** Decode the active `lanes` of `batch`; `key` = [point hash, chunk, batch]. */
export function decodeSoftBatch(net: CompiledNetwork, spec: DecoderSpec, channel: SimChannel, seed: number, batch: FrameBatch, lanes: number, key: readonly number[], out: Uint32Array): SoftBatchResult {
  const dec = decoderFor(net, spec, channel);
  const p = dec.params;
  const n = net.n;
  const field = new Int32Array(n);
  const hard = new Uint8Array(n);
  const sweeps = new Int32Array(32);
  let converged = 0;
  let unsatisfied = 0;
  out.fill(0);
  for (let lane = 0; lane < 32; lane++) {
    if (!((lanes >>> lane) & 1)) continue;
    for (let i = 0; i < n; i++) hard[i] = (batch.rx[i]! >>> lane) & 1;
    if (channel.kind === 'bsc') {
      for (let i = 0; i < n; i++) field[i] = cueFieldTicks(p, hard[i]!);
    } else {
      if (!batch.soft) throw new Error('hopcode/sim: network-soft needs the channel LLRs of the batch');
      const llr = batch.llr[lane]!;
      for (let i = 0; i < n; i++) field[i] = llrFieldTicks(p, llr[i]!);
    }
    const rng = Rng.stream(seed, SOFT_STREAM, ...key, lane);
    const r = dec.decode(field, hard, rng);
    for (let i = 0; i < n; i++) out[i]! |= r.state[i]! << lane;
    sweeps[lane] = r.sweeps;
    if (r.converged) converged |= 1 << lane;
    if (!r.isStoredState) unsatisfied |= 1 << lane;
  }
  return { words: out, converged, unsatisfied, sweeps };
}
