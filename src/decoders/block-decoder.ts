/**
 * hopcode/decoders/block-decoder — the seam between the codec and the network's dynamics:
 * the one module of src/decoders that src/codec imports (test/codec/structure.test.ts).
 *
 * The codec hands a decoder 32 received blocks bit-sliced (word v holds input v of
 * blocks 0..31, lane j = block j) and a mask of the lanes to restore; the decoder runs
 * the network's own dynamics (DESIGN.md §1) on each and says which lanes reached a
 * stored state. Any kernel with this shape plugs in: the reference dynamics (slow,
 * the specification), the sparse sync decoder of sparse-sync.ts (exactly the reference's sync
 * trajectory, at a cost proportional to the unsatisfied clusters instead of N), or the
 * bit-sliced kernel of src/decoders/sync-bitsliced.ts (the default, ~5–50× faster
 * than the sparse decoder on a slab). Radius-t (BCH) networks run cluster-serial
 * dynamics in fixed order instead (serial-block-decoder.ts, with its naive twins in
 * serial-block-reference.ts). A decoder may also take a whole group of slabs in file layout
 * (GroupBlockDecoder, isGroupDecoder: the codec then hands it the group and decodes slab by
 * slab in the decoder's buffer; serial-block-decoder.ts does stage 1 of 64 slabs in SIMD).
 */
import { runDynamics } from './reference-dynamics.js';
import type { HopfieldNetwork } from '../network/hopfield-network.js';
import { SparseSyncDecoder } from './sparse-sync.js';
import type { BlockDecoder, BlockDecodeResult, DynamicsChoice } from './block-decoder-types.js';
import type { Code } from '../network/code.js';
import { CompiledNetwork } from './compiled-network.js';
import { decodeBatch } from './sync-bitsliced.js';
import { SerialBlockDecoder } from './serial-block-decoder.js';
import { ClusterSerialReferenceDecoder, RisingRadiusReferenceDecoder, SerialFrameBlockDecoder } from './serial-block-reference.js';

export { SparseSyncDecoder, SerialBlockDecoder, SerialFrameBlockDecoder, ClusterSerialReferenceDecoder, RisingRadiusReferenceDecoder };
export type { BlockDecoder, BlockDecodeResult, DynamicsChoice };
export type { GroupBlockDecoder, SlabDecodeResult } from './block-decoder-types.js';
export { isGroupDecoder } from './block-decoder-types.js';

/** One lane at a time through `runDynamics`: the specification, far too slow for files. */
export class ReferenceBlockDecoder implements BlockDecoder {
  constructor(
    private readonly net: HopfieldNetwork,
    private readonly opts: DynamicsChoice,
  ) {}

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const out = words.slice();
    const n = this.net.n;
    const cue = new Uint8Array(n);
    let ok = 0;
    for (let j = 0; j < 32; j++) {
      if (!((laneMask >>> j) & 1)) continue;
      for (let v = 0; v < n; v++) cue[v] = (words[v]! >>> j) & 1;
      const r = runDynamics(this.net, cue, { rule: this.opts.rule, schedule: this.opts.schedule, maxSweeps: this.opts.maxSweeps, frame: j });
      const bit = 1 << j;
      for (let v = 0; v < n; v++) out[v] = r.state[v] ? out[v]! | bit : out[v]! & ~bit;
      if (r.converged && r.isStoredState) ok |= bit;
    }
    return { words: out, ok: ok >>> 0 };
  }
}

/** The bit-sliced sync kernel (src/decoders/sync-bitsliced.ts): all 32 lanes in word operations. */
export class BitslicedBlockDecoder implements BlockDecoder {
  private readonly net: CompiledNetwork;
  constructor(
    code: Code,
    private readonly opts: DynamicsChoice,
  ) {
    if (opts.schedule !== 'sync') throw new Error(`hopcode/codec: the bit-sliced kernel runs the sync schedule, not "${opts.schedule}"`);
    this.net = CompiledNetwork.fromCode(code);
  }

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const r = decodeBatch(this.net, words, { rule: this.opts.rule, maxSweeps: this.opts.maxSweeps, lanes: laneMask | 0 });
    const out = r.words;
    for (let v = 0; v < out.length; v++) out[v] = ((out[v]! & laneMask) | (words[v]! & ~laneMask)) >>> 0;
    return { words: out, ok: (r.converged & ~r.unsatisfied & laneMask) >>> 0 };
  }
}

/**
 * The fastest exact decoder available: the bit-sliced kernel when it supports the
 * network (sync schedule, parity or Hamming clusters), else the sparse decoder, else
 * the reference.
 */
export function defaultBlockDecoder(code: Code, opts: DynamicsChoice): BlockDecoder {
  if (opts.schedule !== 'sync') return new ReferenceBlockDecoder(code.network, opts);
  try {
    return new BitslicedBlockDecoder(code, opts);
  } catch {
    return new SparseSyncDecoder(code.network, opts);
  }
}

/**
 * The codec's decoder for radius-t (BCH) networks: cluster-serial dynamics in fixed
 * cluster order with the 'anchored' schedule (serial-block-decoder.ts), measured
 * (src/codec/README.md, profiles) to restore more blocks than 'fixed' and 'rising' on
 * both BCH(255,239) and Hamming(255,247) clusters. 'auto' and 'sparse' run the
 * bit-sliced-syndrome kernel, 'reference' its from-scratch specification per lane; both
 * give the same words and ok lanes (test/decoders/serial-block-decoder.test.ts).
 */
export function clusterSerialBlockDecoder(code: Code, maxSweeps: number, kind: 'auto' | 'sparse' | 'reference'): BlockDecoder {
  if (kind === 'reference') return new RisingRadiusReferenceDecoder(code.network, { maxSweeps, anchored: true });
  return new SerialBlockDecoder(code, { maxSweeps, radius: 'anchored' });
}
