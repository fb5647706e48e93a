/**
 * hopcode/sim/baseline-batch — the fast baseline decoders on a simulation batch.
 *
 * Gallager B runs bit-sliced on the batch's 32 lanes at once (baselines/gallager-bitsliced,
 * identical to the per-frame decoder lane by lane); min-sum runs the fixed-point kernel
 * (baselines/min-sum-quantised) lane by lane, fed on the BSC straight from the received
 * words (|L| = ln((1 − p)/p) quantised once per batch), on soft channels from the
 * batch's LLRs. Decoder objects are built once per thread and (network, parameters).
 */
import { BitslicedGallagerB } from '../baselines/gallager-bitsliced.js';
import { QuantisedMinSumDecoder, quantiseLlr } from '../baselines/min-sum-quantised.js';
import { bscLlrMagnitude } from '../channels/bsc.js';
import type { SparseGf2 } from '../codes/tanner-code.js';
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import type { DecoderSpec } from './decoder-spec.js';
import type { FrameBatch, SimChannel } from './frame-batch.js';

export interface BaselineDecoded {
  words: Uint32Array;
  converged: number;
  unsatisfied: number;
  sweeps: Int32Array;
}

const cache = new WeakMap<CompiledNetwork, Map<string, BitslicedGallagerB | QuantisedMinSumDecoder>>();

function cached<T extends BitslicedGallagerB | QuantisedMinSumDecoder>(net: CompiledNetwork, key: string, make: () => T): T {
  let m = cache.get(net);
  if (!m) cache.set(net, (m = new Map()));
  let d = m.get(key);
  if (!d) {
    d = make();
    if (m.size > 8) m.clear();
    m.set(key, d);
  }
  return d as T;
}

/** Does this spec run on the fast baseline path? */
export function isFastBaseline(spec: DecoderSpec): boolean {
  return spec.name === 'gallager-b' || (spec.name === 'min-sum' && !spec.msFloat);
}

/** Decode a batch with a fast baseline; `h` is the network's parity-check matrix. */
export function decodeBaselineBatch(net: CompiledNetwork, h: SparseGf2, spec: DecoderSpec, channel: SimChannel, batch: FrameBatch, lanes: number, out: Uint32Array): BaselineDecoded {
  if (spec.name === 'gallager-b') {
    const dec = cached(net, `gb:${spec.maxSweeps}:${spec.gbDecision ?? 'with-channel'}`, () => new BitslicedGallagerB(h, { maxIterations: spec.maxSweeps, decision: spec.gbDecision }));
    const r = dec.decodeBatch(batch.rx, lanes, out);
    // Gallager B stops only on a zero syndrome: converged ⇔ stored state.
    return { words: r.words, converged: r.converged, unsatisfied: ~r.converged, sweeps: r.sweeps };
  }
  const opts = { maxIterations: spec.maxSweeps, alpha: spec.alpha, offset: spec.offset, schedule: spec.msSchedule };
  const dec = cached(net, `ms:${JSON.stringify(opts)}`, () => new QuantisedMinSumDecoder(h, opts));
  const n = net.n;
  const lq = new Int32Array(n);
  const level = channel.kind === 'bsc' ? quantiseLlr(dec.params, bscLlrMagnitude(channel.noise)) : 0;
  out.fill(0);
  const sweeps = new Int32Array(32);
  let converged = 0;
  for (let lane = 0; lane < 32; lane++) {
    if (!((lanes >>> lane) & 1)) continue;
    if (channel.kind === 'bsc') {
      for (let i = 0; i < n; i++) lq[i] = (batch.rx[i]! >>> lane) & 1 ? -level : level;
    } else {
      const llr = batch.llr[lane]!;
      for (let i = 0; i < n; i++) lq[i] = quantiseLlr(dec.params, llr[i]!);
    }
    const r = dec.decodeSteps(lq);
    const bit = 1 << lane;
    for (let i = 0; i < n; i++) if (r.state[i]) out[i]! |= bit;
    sweeps[lane] = r.sweeps;
    if (r.converged) converged |= bit;
  }
  return { words: out, converged, unsatisfied: ~converged, sweeps };
}
