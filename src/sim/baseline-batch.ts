/**
 * hopcode/sim/baseline-batch — the fast baseline decoders on a simulation batch.
 *
 * Gallager B runs bit-sliced on the batch's 32 lanes at once (baselines/gallager-bitsliced,
 * identical to the per-frame decoder lane by lane); layered min-sum runs the WebAssembly
 * SIMD kernel (baselines/min-sum-simd, 16 lanes per vector) where it is available, else
 * (and for flooding) the scalar fixed-point kernel (baselines/min-sum-quantised) lane by
 * lane — the same counts either way; both are fed on the BSC straight from the received
 * words (|L| = ln((1 − p)/p) quantised once per batch), on soft channels from the
 * batch's LLRs. Decoder objects are built once per thread and (network, parameters).
 */
import { BitslicedGallagerB } from '../baselines/gallager-bitsliced.js';
import { QuantisedMinSumDecoder, quantiseLlr } from '../baselines/min-sum-quantised.js';
import { SIMD_MSG_MAX, SimdMinSumDecoder } from '../baselines/min-sum-simd.js';
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

type Cached = BitslicedGallagerB | QuantisedMinSumDecoder | SimdMinSumDecoder;
const cache = new WeakMap<CompiledNetwork, Map<string, Cached>>();

function cached<T extends Cached>(net: CompiledNetwork, key: string, make: () => T): T {
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
  // 7-bit messages (|m| ≤ 63, step ¼) for every fixed-point path, so the SIMD and the scalar
  // kernels give the same counts whichever runs.
  const opts = { maxIterations: spec.maxSweeps, alpha: spec.alpha, offset: spec.offset, schedule: spec.msSchedule, msgMax: SIMD_MSG_MAX };
  if (opts.schedule === 'layered' && SimdMinSumDecoder.available()) {
    const simd = cached(net, `msv:${JSON.stringify(opts)}`, () => new SimdMinSumDecoder(h, opts));
    return simdBatch(simd, channel, batch, lanes, out);
  }
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

const nibbles = new Map<number, Int32Array>();

/** For each 4-bit pattern of received bits, the little-endian word of 4 bytes ±level (bit set → −level). */
function nibbleTable(level: number): Int32Array {
  let t = nibbles.get(level);
  if (!t) {
    t = new Int32Array(16);
    const bytes = new Int8Array(t.buffer);
    for (let k = 0; k < 16; k++) for (let j = 0; j < 4; j++) bytes[4 * k + j] = (k >>> j) & 1 ? -level : level;
    nibbles.set(level, t);
  }
  return t;
}

/** Min-sum on the SIMD kernel: the batch's 32 lanes as two groups of 16. */
function simdBatch(dec: SimdMinSumDecoder, channel: SimChannel, batch: FrameBatch, lanes: number, out: Uint32Array): BaselineDecoded {
  const n = dec.t.n;
  const input = dec.input;
  const level = channel.kind === 'bsc' ? quantiseLlr(dec.params, bscLlrMagnitude(channel.noise)) : 0;
  const sweeps = new Int32Array(32);
  let converged = 0;
  out.fill(0);
  for (let g = 0; g < 2; g++) {
    const mask = (lanes >>> (16 * g)) & 0xffff;
    if (mask === 0) continue;
    if (channel.kind === 'bsc') {
      // Four lanes at a time: a nibble of the received word picks 4 bytes of ±level.
      const nib = nibbleTable(level);
      const in32 = dec.input32;
      for (let v = 0, o = 0; v < n; v++, o += 4) {
        const w = batch.rx[v]! >>> (16 * g);
        in32[o] = nib[w & 15]!;
        in32[o + 1] = nib[(w >>> 4) & 15]!;
        in32[o + 2] = nib[(w >>> 8) & 15]!;
        in32[o + 3] = nib[(w >>> 12) & 15]!;
      }
    } else {
      for (let j = 0; j < 16; j++) {
        if (!((mask >>> j) & 1)) continue;
        const llr = batch.llr[16 * g + j]!;
        for (let v = 0; v < n; v++) input[v * 16 + j] = quantiseLlr(dec.params, llr[v]!);
      }
    }
    const r = dec.decodeGroup(mask);
    for (let v = 0; v < n; v++) out[v]! |= r.dec[v]! << (16 * g);
    for (let j = 0; j < 16; j++) sweeps[16 * g + j] = r.sweeps[j]!;
    converged |= r.converged << (16 * g);
  }
  return { words: out, converged, unsatisfied: ~converged, sweeps };
}
