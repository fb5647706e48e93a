/**
 * hopcode/decoders/ppbf-reference — flip-table dynamics, one frame at a time, the obvious way.
 *
 * The specification ppbf-bitsliced.ts is tested against. Input i's flip gain is read off
 * the network's own free energy (reference-dynamics inputField: cluster scores of the
 * hidden-marginalised network plus the cue field b_i = β(2y_i − 1)), its level is
 * E_i = −2·gain (flip-table.ts), and it flips iff its coin U < P(E_i). Coins come from
 * the same counter-based stream as the bit-sliced kernel (lane-coins.ts), with the
 * frame's lane index (and, under lane refill, the tick it started at), so both follow
 * one trajectory bit for bit. Schedules, stopping
 * (a stored state ends the run), restarts and sweep counting as in ppbf-bitsliced.ts.
 */
import type { HopfieldNetwork } from '../network/hopfield-network.js';
import { cueWeightProblem } from './bitsliced-field.js';
import type { CompiledNetwork } from './compiled-network.js';
import { isAnnealed, levelOfGain, resolveFlipTable, type FlipTableSpec } from './flip-table.js';
import { coinBase, laneCoin } from './lane-coins.js';
import { checkPpbfOptions, serialOrder, type PpbfSchedule } from './ppbf-core.js';
import { inputField } from './reference-dynamics.js';

export interface PpbfReferenceOptions {
  schedule?: PpbfSchedule;
  table: FlipTableSpec;
  cueWeight?: number;
  maxSweeps?: number;
  restarts?: number;
  key: number;
  /** The lane this frame occupies in the bit-sliced batch (selects its coin bits). */
  lane: number;
  /** The kernel tick of the frame's first sweep (lane refill, ppbf-refill.ts; default 0): sweep s uses tick startTick + s. */
  startTick?: number;
  /** Record F(x) (with the cue field) after every sweep. */
  recordEnergy?: boolean;
}

export interface PpbfReferenceResult {
  state: Uint8Array;
  /** A stored state was reached. */
  converged: boolean;
  isStoredState: boolean;
  /** Sweeps run (all attempts). */
  sweeps: number;
  restartsUsed: number;
  energyTrace?: number[];
}

/**
 * Decode one cue. `levelsNet` (the compiled form of `net`) only fixes which energy levels
 * exist, so a table is resolved exactly as the kernel resolves it.
 */
export function runPpbfReference(net: HopfieldNetwork, levelsNet: CompiledNetwork, cue: ArrayLike<number>, opts: PpbfReferenceOptions): PpbfReferenceResult {
  const n = net.n;
  if (cue.length !== n) throw new Error(`hopcode/ppbf-reference: the cue has ${cue.length} bits, the network has N = ${n} inputs`);
  const { schedule, maxSweeps, restarts } = checkPpbfOptions(opts);
  const beta = opts.cueWeight ?? 0.5;
  const bad = cueWeightProblem(beta);
  if (bad) throw new Error(`hopcode/ppbf-reference: cueWeight ${bad}`);
  if (!Number.isInteger(opts.lane) || opts.lane < 0 || opts.lane > 31) throw new Error(`hopcode/ppbf-reference: lane must be 0..31, got ${opts.lane}`);
  let table = resolveFlipTable(levelsNet, beta, opts.table);
  const y = Uint8Array.from(cue, (b) => (b ? 1 : 0));
  const field = Float64Array.from(y, (b) => beta * (2 * b - 1));
  const x = y.slice();
  const trace = opts.recordEnergy ? [net.freeEnergy(x, field)] : undefined;
  const order = new Int32Array(n);
  const gains = new Float64Array(n);
  const key = opts.key | 0;
  const t0 = opts.startTick ?? 0;
  if (!Number.isInteger(t0) || t0 < 0) throw new Error(`hopcode/ppbf-reference: startTick must be an integer ≥ 0, got ${t0}`);
  const budget = maxSweeps * (restarts + 1);
  let sweeps = 0;
  let restartsUsed = 0;
  const gainOf = (i: number): number => {
    const h = inputField(net, x, i, 'free-energy', field); // toward x_i = 1
    return x[i] ? -h : h;
  };
  const flipsNow = (i: number, gain: number, s: number): boolean => {
    const p = table.thresholdOf.get(levelOfGain(gain));
    if (p === undefined) throw new Error(`hopcode/ppbf-reference: level ${levelOfGain(gain)} missing from the table (a bug)`);
    return laneCoin(coinBase(key, t0 + s, i), opts.lane, p);
  };
  for (let s = 0; s < budget; s++) {
    if (net.isStoredState(x)) break;
    if (s > 0 && s % maxSweeps === 0) {
      x.set(y);
      restartsUsed++;
      if (net.isStoredState(x)) break;
    }
    sweeps++;
    if (isAnnealed(opts.table)) table = resolveFlipTable(levelsNet, beta, opts.table, s % maxSweeps);
    if (schedule === 'serial') {
      serialOrder(key, t0 + s, order);
      for (const i of order) if (flipsNow(i, gainOf(i), s)) x[i] = x[i]! ^ 1;
    } else {
      for (let i = 0; i < n; i++) gains[i] = gainOf(i);
      for (let i = 0; i < n; i++) if (flipsNow(i, gains[i]!, s)) x[i] = x[i]! ^ 1;
    }
    trace?.push(net.freeEnergy(x, field));
  }
  const stored = net.isStoredState(x);
  const r: PpbfReferenceResult = { state: x, converged: stored, isStoredState: stored, sweeps, restartsUsed };
  if (trace) r.energyTrace = trace;
  return r;
}
