/**
 * hopcode/baselines/min-sum-simd — layered fixed-point min-sum, 16 frames per WebAssembly v128.
 *
 * The JS side of assembly/min-sum-simd.ts (compiled by `npm run build` into
 * dist/baselines/min-sum-simd.wasm): H, the ψ table and the message arrays live in the
 * module's linear memory; lane j of every 16-byte vector is frame j. Same arithmetic as
 * QuantisedMinSumDecoder's layered schedule with msgMax ≤ 63 (so i8 holds every value),
 * hence the same decisions and iteration counts frame by frame (tested against the naive
 * twin). Frames stop individually: a lane whose syndrome is zero has its decisions and
 * iteration count frozen there, and the group stops when every lane has.
 * `SimdMinSumDecoder.available()` is false where the .wasm file is missing or the engine
 * lacks SIMD; callers then use the scalar kernel (identical results, slower).
 */
import type { SparseGf2 } from '../codes/tanner-code.js';
import { quantisedParams, scaledMagnitude, type QuantisedMinSumOptions, type QuantisedParams } from './min-sum-quantised.js';
import { compileEdges, type TannerEdges } from './tanner-edges.js';
import { wasmModule } from '../util/wasm-module.js';

interface Kernel {
  memory: WebAssembly.Memory;
  layer(m: number, chkPtr: number, varOff: number, r: number, post: number, psi: number, qMax: number, tmp: number): void;
  unsatisfied(m: number, chkPtr: number, varOff: number, post: number): number;
  freeze(n: number, post: number, dec: number, mask: number): void;
  clear(r: number, edges: number): void;
}

/** The compiled kernel module (dist/baselines), or null. */
function kernelModule(): WebAssembly.Module | null {
  return wasmModule('baselines/min-sum-simd.wasm');
}

/** Largest message magnitude the i8 kernel supports. */
export const SIMD_MSG_MAX = 63;

export interface SimdGroupResult {
  /** Decisions per bit, 16 lanes (bit j = frame j). */
  dec: Uint16Array;
  /** Lanes whose syndrome reached zero. */
  converged: number;
  /** Iterations per lane. */
  sweeps: Int32Array;
}

export class SimdMinSumDecoder {
  readonly t: TannerEdges;
  readonly params: QuantisedParams;
  private readonly k: Kernel;
  private readonly at: { chkPtr: number; varOff: number; psi: number; tmp: number; r: number; post: number; dec: number };
  /** Channel input of the next group: 16 bytes per bit (lane j = frame j), in steps. */
  readonly input: Int8Array;
  /** The same bytes as 4 Int32 words per bit (4 lanes per word, little-endian). */
  readonly input32: Int32Array;
  private readonly dec: Uint16Array;

  static available(): boolean {
    return kernelModule() !== null;
  }

  constructor(h: SparseGf2, opts: QuantisedMinSumOptions = {}) {
    const mod = kernelModule();
    if (!mod) throw new Error('hopcode/min-sum: the WebAssembly SIMD kernel is not available (run npm run build; needs WebAssembly SIMD)');
    this.params = quantisedParams({ msgMax: SIMD_MSG_MAX, ...opts });
    const p = this.params;
    if (p.schedule !== 'layered') throw new Error('hopcode/min-sum: the SIMD kernel runs the layered schedule only');
    if (p.msgMax > SIMD_MSG_MAX) throw new Error(`hopcode/min-sum: the SIMD kernel needs msgMax ≤ ${SIMD_MSG_MAX}, got ${p.msgMax}`);
    this.t = compileEdges(h);
    const { n, m, edges, chkPtr, edgeVar } = this.t;
    let zMax = 1;
    for (let c = 0; c < m; c++) zMax = Math.max(zMax, chkPtr[c + 1]! - chkPtr[c]!);
    const align = (x: number): number => (x + 15) & ~15;
    const at = { chkPtr: 0, varOff: 0, psi: 0, tmp: 0, r: 0, post: 0, dec: 0 };
    at.varOff = align((m + 1) * 4);
    at.psi = align(at.varOff + edges * 4);
    at.tmp = at.psi + 64;
    at.r = align(at.tmp + zMax * 16);
    at.post = at.r + edges * 16;
    at.dec = at.post + n * 16;
    const bytes = align(at.dec + n * 2);
    const inst = new WebAssembly.Instance(mod, {});
    this.k = inst.exports as unknown as Kernel;
    const mem = this.k.memory;
    const need = Math.ceil(bytes / 65536) - mem.buffer.byteLength / 65536;
    if (need > 0) mem.grow(need);
    new Int32Array(mem.buffer, at.chkPtr, m + 1).set(chkPtr.subarray(0, m + 1));
    new Int32Array(mem.buffer, at.varOff, edges).set(edgeVar.map((v) => v * 16));
    new Int8Array(mem.buffer, at.psi, 64).set(Int8Array.from({ length: 64 }, (_, i) => (i <= p.msgMax ? scaledMagnitude(p, i) : 0)));
    this.at = at;
    this.input = new Int8Array(mem.buffer, at.post, n * 16);
    this.input32 = new Int32Array(mem.buffer, at.post, n * 4);
    this.dec = new Uint16Array(mem.buffer, at.dec, n);
  }

  /**
   * Decode the 16 frames written into `input` (|value| ≤ msgMax; lanes outside `lanes`
   * are ignored). `input` is overwritten by the decoder's posteriors.
   */
  decodeGroup(lanes = 0xffff): SimdGroupResult {
    const { n, m, edges } = this.t;
    const { k, at } = this;
    const cap = this.params.maxIterations;
    const sweeps = new Int32Array(16);
    this.dec.fill(0);
    lanes &= 0xffff;
    let unsat = k.unsatisfied(m, at.chkPtr, at.varOff, at.post) & lanes;
    let converged = lanes & ~unsat;
    if (converged) k.freeze(n, at.post, at.dec, converged);
    if (unsat) k.clear(at.r, edges);
    for (let it = 1; it <= cap && unsat !== 0; it++) {
      k.layer(m, at.chkPtr, at.varOff, at.r, at.post, at.psi, this.params.msgMax, at.tmp);
      const still = k.unsatisfied(m, at.chkPtr, at.varOff, at.post) & unsat;
      const done = unsat & ~still;
      if (done) {
        k.freeze(n, at.post, at.dec, done);
        for (let j = 0; j < 16; j++) if ((done >>> j) & 1) sweeps[j] = it;
        converged |= done;
      }
      unsat = still;
    }
    if (unsat) {
      k.freeze(n, at.post, at.dec, unsat);
      for (let j = 0; j < 16; j++) if ((unsat >>> j) & 1) sweeps[j] = cap;
    }
    return { dec: Uint16Array.from(this.dec), converged, sweeps };
  }
}
