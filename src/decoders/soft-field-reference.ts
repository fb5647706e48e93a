/**
 * hopcode/decoders/soft-field-reference — soft-field dynamics the slow, obvious way.
 *
 * The specification of soft-field-dynamics.ts: the energy change of flipping input i is
 * computed from DESIGN.md's free energy itself, ΔF_i = F(x with x_i flipped) − F(x),
 * F(x) = −Σ_c max(0, r + ½ − dist(x|∂c, L_c)) − Σ_i b_i·x_i (HopfieldNetwork.freeEnergy),
 * with a real field b (votes). Input i flips when ΔF_i + ν_i < −θ; ν_i is drawn from the
 * same table and the same stream positions as the kernel (one 32-bit draw per input per
 * sweep, in update order), converted to votes; a restart begins again from the field's
 * signs with the stream going on. Any local code works here, not only the
 * kernel's parity and Hamming families.
 */
import type { HopfieldNetwork } from '../network/hopfield-network.js';
import type { Rng } from '../util/rng.js';
import type { DecodeResult } from './reference-dynamics.js';
import { noiseTable, NOISE_SHIFT, ticksPerVote, toTicks, type SoftFieldParams } from './soft-field-params.js';

export interface SoftReferenceOptions {
  params: SoftFieldParams;
  maxSweeps: number;
  /** Drives the noise and the serial order. */
  rng?: Rng;
  /** Called after every single-input update (serial) or every sweep (parallel), for tests. */
  onStep?: (x: Uint8Array) => void;
}

/** ΔF_i, straight from the definition of F. */
export function energyChange(net: HopfieldNetwork, x: Uint8Array, i: number, field: Float64Array): number {
  const before = net.freeEnergy(x, field);
  x[i] = x[i]! ^ 1;
  const after = net.freeEnergy(x, field);
  x[i] = x[i]! ^ 1;
  return after - before;
}

/** Decode one frame with field `field` (votes); start from its sign, `start[i]` where it is 0. */
export function runSoftFieldReference(net: HopfieldNetwork, field: Float64Array, start: ArrayLike<number>, opts: SoftReferenceOptions): DecodeResult {
  const n = net.n;
  const p = opts.params;
  if (field.length !== n || start.length !== n) throw new Error(`hopcode/soft-field: field and start need N = ${n} entries`);
  const rng = opts.rng;
  const table = p.noise > 0 ? noiseTable(p) : undefined;
  if (!rng && (table || p.schedule === 'serial')) throw new Error('hopcode/soft-field: noise or a serial schedule needs a random stream');
  const perVote = ticksPerVote(p);
  const theta = toTicks(p, p.threshold) / perVote;
  const draw = (): number => (table ? table[rng!.next() >>> NOISE_SHIFT]! / perVote : 0);
  const channelState = (): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (field[i]! > 0 ? 1 : field[i]! < 0 ? 0 : start[i] ? 1 : 0));
  let x = channelState();
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let sweeps = 0;
  let converged = false;
  for (let phase = 0; phase <= p.restarts && !net.isStoredState(x) && !converged; phase++) {
    if (phase > 0) x = channelState();
    for (let s = 0; !net.isStoredState(x) && s < opts.maxSweeps; s++) {
      let changed = 0;
      if (p.schedule === 'serial') {
        rng!.shuffle(order);
        for (const i of order) {
          const nu = draw();
          if (energyChange(net, x, i, field) + nu < -theta) {
            x[i] = x[i]! ^ 1;
            changed++;
          }
          opts.onStep?.(x);
        }
      } else {
        const flip: number[] = [];
        for (let i = 0; i < n; i++) {
          const nu = draw();
          if (energyChange(net, x, i, field) + nu < -theta) flip.push(i);
        }
        for (const i of flip) x[i] = x[i]! ^ 1;
        changed = flip.length;
        opts.onStep?.(x);
      }
      if (changed === 0 && !table) {
        converged = true;
        break;
      }
      sweeps++;
    }
  }
  const stored = net.isStoredState(x);
  return { state: x, converged: converged || stored, sweeps, isStoredState: stored };
}
