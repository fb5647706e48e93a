/**
 * hopcode/decoders/ppbf-bitsliced — probabilistic bit flipping as network dynamics, 32 frames per word.
 *
 * Each input i flips with a probability p(E_i) read from a flip table indexed by its
 * energy level E_i = −2 × (its free-energy flip gain with the persistent cue b_i =
 * β(2y_i − 1)), flip-table.ts. With parity clusters and β = ½ this is PPBF (Le et al.,
 * IEEE TCAS-I 2019); a step table (p = 1 for E < 0, else 0) is the deterministic rule,
 * a Glauber table is finite-temperature dynamics; the serial zero-temperature case is
 * gradient-descent bit flipping (Wadayama et al., IEEE Trans. Commun. 2010).
 * Everything is local and uses only the network's ±1 weights: E_i comes from the
 * bit-sliced count of the clusters pushing / holding i (bitsliced-field.ts) and the cue.
 * Schedules: 'parallel' (every input from the same state, each with its own coin) and
 * 'serial' (one input at a time in a seeded random order per sweep, shared by the lanes).
 * A lane stops as soon as every cluster is satisfied (a stored state: the network sees it
 * locally). Restarts: a lane still unsatisfied after `maxSweeps` sweeps goes back to its
 * cue and runs again with fresh coins (the coin counters keep advancing), up to
 * `restarts` times; `sweeps` counts every sweep a lane ran, over all attempts.
 * An annealed Glauber table (flip-table.ts) is re-resolved every sweep of an attempt.
 * Coins are counter-based (lane-coins.ts): ppbf-reference.ts draws the same coins per
 * frame and follows the same trajectory bit for bit. The sweep itself is ppbf-core.ts;
 * ppbf-refill.ts runs it with a finished lane taking the next frame.
 */
import type { CompiledNetwork } from './compiled-network.js';
import { isAnnealed, resolveFlipTable, type FlipTableSpec } from './flip-table.js';
import { checkPpbfOptions, createPpbfCore, serialOrder, type PpbfSchedule } from './ppbf-core.js';
import type { BatchResult } from './sync-bitsliced.js';

export { checkPpbfOptions, serialOrder, type PpbfSchedule };

export interface PpbfOptions {
  schedule?: PpbfSchedule;
  /** Flip probabilities per energy level. */
  table: FlipTableSpec;
  /** Persistent cue weight β (multiple of 1/64; default ½, PPBF's). */
  cueWeight?: number;
  /** Sweeps per attempt (≥ 1, default 100). */
  maxSweeps?: number;
  /** Restarts from the cue after an unsatisfied attempt (≥ 0, default 0). */
  restarts?: number;
  /** Key of the coins (from the seed stream). */
  key: number;
  lanes?: number;
  out?: Uint32Array;
}

/** Decode 32 frames (lane j = frame j) with flip-table dynamics; sweep s is tick s. */
export function decodeBatchPpbf(net: CompiledNetwork, cue: Uint32Array, opts: PpbfOptions): BatchResult {
  const n = net.n;
  if (cue.length !== n) throw new Error(`hopcode/ppbf: the cue has ${cue.length} words, the network has N = ${n} inputs`);
  const { schedule, maxSweeps, restarts } = checkPpbfOptions(opts);
  const beta = opts.cueWeight ?? 0.5;
  const core = createPpbfCore(net, { beta, table: opts.table, schedule, key: opts.key });
  const annealed = isAnnealed(opts.table);
  const lanes = opts.lanes === undefined ? -1 : opts.lanes | 0;
  const { x } = core;
  const cueI = new Int32Array(cue.buffer, cue.byteOffset, n);
  core.cue.set(cueI);
  x.set(cueI);
  const sweeps = new Int32Array(32);
  const budget = maxSweeps * (restarts + 1);
  let run = 0;
  let flips = 0;
  let unsat = core.clusters();
  for (let s = 0; s < budget; s++) {
    if (s > 0) unsat = core.unsat();
    let live = lanes & unsat;
    if (live === 0) break;
    if (s > 0 && s % maxSweeps === 0) {
      // Restart the unfinished lanes from their cue (fresh coins: the sweep counter moved on).
      for (let i = 0; i < n; i++) x[i] = (x[i]! & ~live) | (cueI[i]! & live);
      unsat = core.clusters();
      live = lanes & unsat;
      if (live === 0) break;
    }
    for (let mm = live; mm !== 0; mm &= mm - 1) sweeps[31 - Math.clz32(mm & -mm)]!++;
    run++;
    // The table of sweep s % maxSweeps of the current attempt (every lane's attempt starts together).
    if (annealed) core.setTable(resolveFlipTable(net, beta, opts.table, s % maxSweeps, core.levels));
    flips += core.sweep(live, s);
  }
  unsat = core.clusters();
  const out = opts.out ?? new Uint32Array(n);
  out.set(new Uint32Array(x.buffer, x.byteOffset, n));
  return { words: out, converged: ~unsat >>> 0, sweeps, unsatisfied: unsat >>> 0, sweepsRun: run, decided: 0, flips };
}
