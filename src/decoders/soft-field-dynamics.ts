/**
 * hopcode/decoders/soft-field-dynamics — the network with a real channel field, fast kernel.
 *
 * Descends the network's free energy with a persistent external field (DESIGN.md §1–2, §5)
 *   F(x) = −Σ_c S_c(x) − Σ_i b_i·x_i
 * by the Noisy-GDBF flip rule (Sundararajan, Winstead & Boutillon 2014; GDBF: Wadayama
 * et al. 2010): input i flips when ΔF_i + ν_i < −θ (soft-field-params.ts). Every
 * operation is local: ΔF_i needs only i's own field and the state of its d clusters,
 * and a cluster's state is its syndrome (parity: one bit; Hamming: the syndrome,
 * which says where the nearest pattern differs). With the cluster term u (½ vote for
 * radius 0, 1 vote for radius ≥ 1, since S_c moves between r + ½ and r − ½):
 *   parity:  flipping i costs +u if its cluster is satisfied, −u if not;
 *   Hamming: +u if clean, −u if the syndrome points at i, 0 if it points elsewhere
 *            (a perfect code: the word stays at distance 1 from some pattern);
 *   field:   −b_i if x_i = 0, +b_i if x_i = 1.
 * Integer ticks throughout (Int32Array), on the CSR of the compiled network. The
 * reference twin (soft-field-reference.ts) computes ΔF from F(x) itself and makes the
 * same decisions with the same noise stream. Decoding stops when every cluster is
 * satisfied (a stored state: the network can tell locally), when a noise-free sweep
 * changes nothing (a fixed point), or at the sweep cap; with restarts, a frame still
 * unsatisfied at the cap starts again from the channel state, the noise stream going on.
 */
import type { Rng } from '../util/rng.js';
import type { CompiledNetwork } from './compiled-network.js';
import type { DecodeResult } from './reference-dynamics.js';
import { noiseTable, NOISE_SHIFT, toTicks, type SoftFieldParams } from './soft-field-params.js';

/** Var-ordered syndrome column of each slot (1 for parity clusters). */
const slotCols = new WeakMap<CompiledNetwork, Int32Array>();

function slotColsOf(net: CompiledNetwork): Int32Array {
  let s = slotCols.get(net);
  if (!s) {
    s = new Int32Array(net.meta.edges);
    for (let e = 0; e < net.meta.edges; e++) s[net.edgeSlot[e]!] = net.family === 'parity' ? 1 : net.colSyn[e]!;
    slotCols.set(net, s);
  }
  return s;
}

/** Reusable per-network decoder (owns its scratch arrays; one per thread). */
export class SoftFieldDecoder {
  private readonly x: Uint8Array;
  private readonly syn: Int32Array;
  private readonly flips: Int32Array;
  private readonly order: Int32Array;
  private readonly cols: Int32Array;
  private readonly noise: Int32Array | undefined;
  private readonly unit: number;
  private readonly theta: number;

  constructor(
    readonly net: CompiledNetwork,
    readonly params: SoftFieldParams,
    readonly maxSweeps: number,
  ) {
    if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/soft-field: the sweep cap must be an integer ≥ 1, got ${maxSweeps}`);
    this.x = new Uint8Array(net.n);
    this.syn = new Int32Array(net.m);
    this.flips = new Int32Array(net.n);
    this.order = new Int32Array(net.n);
    this.cols = slotColsOf(net);
    this.noise = params.noise > 0 ? noiseTable(params) : undefined;
    this.unit = net.radius === 0 ? params.ticks : 2 * params.ticks;
    this.theta = toTicks(params, params.threshold);
  }

  /**
   * Decode one frame. `field` in ticks (length N); the start state is the field's sign,
   * `start[i]` where the field is 0. `rng` drives the noise and the serial order
   * (needed unless the noise is 0 and the schedule parallel).
   */
  decode(field: Int32Array, start: ArrayLike<number>, rng?: Rng): DecodeResult {
    const { n, m } = this.net;
    if (field.length !== n) throw new Error(`hopcode/soft-field: the field has ${field.length} entries, the network has N = ${n} inputs`);
    if (start.length !== n) throw new Error(`hopcode/soft-field: the start state has ${start.length} bits, the network has N = ${n} inputs`);
    const serial = this.params.schedule === 'serial';
    if (!rng && (this.noise || serial)) throw new Error('hopcode/soft-field: noise or a serial schedule needs a random stream');
    const { x, syn, flips, order, cols, noise, unit, theta } = this;
    const { chkPtr, chkVar, varPtr, varChk } = this.net;
    const hamming = this.net.family === 'hamming';
    let unsat = 0;
    const reset = (): void => {
      for (let i = 0; i < n; i++) x[i] = field[i]! > 0 ? 1 : field[i]! < 0 ? 0 : start[i] ? 1 : 0;
      unsat = 0;
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) if (x[chkVar[e]!]) s ^= cols[this.net.edgeSlot[e]!]!;
        syn[c] = s;
        if (s !== 0) unsat++;
      }
    };
    // ΔF_i in ticks from i's field and its clusters' syndromes.
    const deltaF = (i: number): number => {
      const b = field[i]!;
      let g = x[i] ? b : -b;
      for (let j = varPtr[i]!; j < varPtr[i + 1]!; j++) {
        const s = syn[varChk[j]!]!;
        if (s === 0) g += unit;
        else if (!hamming || s === cols[j]) g -= unit;
      }
      return g;
    };
    const flip = (i: number): void => {
      x[i] = x[i]! ^ 1;
      for (let j = varPtr[i]!; j < varPtr[i + 1]!; j++) {
        const c = varChk[j]!;
        const before = syn[c]!;
        const after = before ^ cols[j]!;
        syn[c] = after;
        if (before === 0) unsat++;
        else if (after === 0) unsat--;
      }
    };
    let sweeps = 0;
    let converged = false;
    reset();
    if (serial) for (let i = 0; i < n; i++) order[i] = i;
    for (let phase = 0; phase <= this.params.restarts && unsat > 0 && !converged; phase++) {
      if (phase > 0) reset();
      for (let s = 0; unsat > 0 && s < this.maxSweeps; s++) {
        let changed = 0;
        if (serial) {
          rng!.shuffle(order);
          for (let k = 0; k < n; k++) {
            const i = order[k]!;
            const nu = noise ? noise[rng!.next() >>> NOISE_SHIFT]! : 0;
            if (deltaF(i) + nu < -theta) {
              flip(i);
              changed++;
            }
          }
        } else {
          for (let i = 0; i < n; i++) {
            const nu = noise ? noise[rng!.next() >>> NOISE_SHIFT]! : 0;
            if (deltaF(i) + nu < -theta) flips[changed++] = i;
          }
          for (let k = 0; k < changed; k++) flip(flips[k]!);
        }
        if (changed === 0 && !noise) {
          converged = true; // a deterministic fixed point: restarting would repeat it
          break;
        }
        sweeps++;
      }
    }
    const stored = unsat === 0;
    return { state: Uint8Array.from(x), converged: converged || stored, sweeps, isStoredState: stored };
  }
}
