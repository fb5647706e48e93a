/**
 * hopcode/decoders/serial-block-reference — the naive twins of serial-block-decoder.ts.
 *
 * Each lane of the slab is unpacked to one bit per input and decoded on its own by the
 * cluster-serial dynamics in fixed order: `SerialFrameBlockDecoder` through the
 * incremental kernel `serialDecodeFrame` (cluster-serial-fast.ts), and
 * `ClusterSerialReferenceDecoder` through the plain specification `runClusterSerial`
 * (cluster-serial-reference.ts, every visit recomputed from scratch). The fast decoder
 * must give the same words and the same ok lanes as both. `RisingRadiusReferenceDecoder`
 * is the specification of the 'rising' threshold schedule (serial-block-decoder.ts).
 */
import { CompiledNetwork } from './compiled-network.js';
import { serialDecodeFrame } from './cluster-serial-fast.js';
import { allClustersSatisfied, clusterMove, runClusterSerial } from './cluster-serial-reference.js';
import type { BlockDecoder, BlockDecodeResult } from './block-decoder-types.js';
import type { Code } from '../network/code.js';
import type { HopfieldNetwork } from '../network/hopfield-network.js';

function perLane(words: Uint32Array, laneMask: number, n: number, decode: (x: Uint8Array) => boolean): BlockDecodeResult {
  const out = words.slice();
  const x = new Uint8Array(n);
  let ok = 0;
  for (let l = 0; l < 32; l++) {
    if (((laneMask >>> l) & 1) === 0) continue;
    for (let i = 0; i < n; i++) x[i] = (words[i]! >>> l) & 1;
    if (decode(x)) ok |= 1 << l;
    const bit = 1 << l;
    for (let i = 0; i < n; i++) out[i] = x[i] ? out[i]! | bit : out[i]! & ~bit;
  }
  return { words: out, ok: ok >>> 0 };
}

/** Per lane through `serialDecodeFrame`, order 'fixed'. */
export class SerialFrameBlockDecoder implements BlockDecoder {
  readonly net: CompiledNetwork;
  constructor(
    code: Code | CompiledNetwork,
    private readonly opts: { maxSweeps: number },
  ) {
    this.net = code instanceof CompiledNetwork ? code : CompiledNetwork.fromCode(code, { encoder: false });
  }

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    return perLane(words, laneMask, this.net.n, (x) => !serialDecodeFrame(this.net, x, { maxSweeps: this.opts.maxSweeps, order: 'fixed' }).unsatisfied);
  }
}

/** Per lane through the specification `runClusterSerial`, order 'fixed' (slow). */
export class ClusterSerialReferenceDecoder implements BlockDecoder {
  constructor(
    private readonly net: HopfieldNetwork,
    private readonly opts: { maxSweeps: number },
  ) {}

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    return perLane(words, laneMask, this.net.n, (x) => {
      const r = runClusterSerial(this.net, x, { maxSweeps: this.opts.maxSweeps, order: 'fixed' });
      x.set(r.state);
      return r.isStoredState;
    });
  }
}

/**
 * The 'rising' schedule from scratch, per lane: clusters in index order, a unit fires
 * only when its pattern is within the current radius (1, or t for one sweep after a
 * sweep that changed nothing); every visit recomputes the cluster's nearest pattern.
 */
export class RisingRadiusReferenceDecoder implements BlockDecoder {
  constructor(
    private readonly net: HopfieldNetwork,
    private readonly opts: { maxSweeps: number },
  ) {}

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const net = this.net;
    const { chkPtr, chkVar } = net.graph;
    const t = net.radius;
    return perLane(words, laneMask, net.n, (x) => {
      let r = Math.min(1, t);
      for (let sw = 0; sw < this.opts.maxSweeps && !allClustersSatisfied(net, x); sw++) {
        let changed = false;
        for (let c = 0; c < net.m; c++) {
          const flips = clusterMove(net, c, x);
          if (!flips || flips.length === 0 || flips.length > r) continue;
          for (const k of flips) x[chkVar[chkPtr[c]! + k]!] ^= 1;
          changed = true;
        }
        if (!changed) {
          if (r >= t) break;
          r = t;
        } else r = Math.min(1, t);
      }
      return allClustersSatisfied(net, x);
    });
  }
}
