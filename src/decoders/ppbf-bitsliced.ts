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
 * frame and follows the same trajectory bit for bit.
 */
import type { CompiledNetwork } from './compiled-network.js';
import { planSweep } from './bitsliced-field.js';
import { COIN_SCALE, isAnnealed, levelOf, networkLevels, resolveFlipTable, type FlipTableSpec } from './flip-table.js';
import { coinBase, coinFlips } from './lane-coins.js';
import type { BatchResult } from './sync-bitsliced.js';
import { Rng } from '../util/rng.js';

export type PpbfSchedule = 'parallel' | 'serial';

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

/** Validated schedule, cap and restarts (shared with the reference). */
export function checkPpbfOptions(o: { schedule?: string; maxSweeps?: number; restarts?: number }): { schedule: PpbfSchedule; maxSweeps: number; restarts: number } {
  const schedule = o.schedule ?? 'parallel';
  if (schedule !== 'parallel' && schedule !== 'serial') throw new Error(`hopcode/ppbf: unknown schedule "${schedule}" (parallel, serial)`);
  const maxSweeps = o.maxSweeps ?? 100;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/ppbf: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const restarts = o.restarts ?? 0;
  if (!Number.isInteger(restarts) || restarts < 0 || restarts > 1000) throw new Error(`hopcode/ppbf: restarts must be an integer in 0..1000, got ${restarts}`);
  return { schedule, maxSweeps, restarts };
}

/** The random order of serial sweep s (shared by every lane and by the reference). */
export function serialOrder(key: number, sweep: number, order: Int32Array): Int32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  return Rng.stream(key, 0x6f726472 /* 'ordr' */, sweep).shuffle(order);
}

/** Decode 32 frames (lane j = frame j) with flip-table dynamics. */
export function decodeBatchPpbf(net: CompiledNetwork, cue: Uint32Array, opts: PpbfOptions): BatchResult {
  const { n, m } = net;
  if (cue.length !== n) throw new Error(`hopcode/ppbf: the cue has ${cue.length} words, the network has N = ${n} inputs`);
  const { schedule, maxSweeps, restarts } = checkPpbfOptions(opts);
  const beta = opts.cueWeight ?? 0.5;
  const plan = planSweep(net, { rule: 'free-energy', cueWeight: beta }); // validates β
  const levels = networkLevels(net, beta);
  const annealed = isAnnealed(opts.table);
  let table = resolveFlipTable(net, beta, opts.table, 0, levels);
  const key = opts.key | 0;
  const lanes = opts.lanes === undefined ? -1 : opts.lanes | 0;
  const out = opts.out ?? new Uint32Array(n);
  out.set(cue);
  const x = new Int32Array(out.buffer, out.byteOffset, n);
  const cueI = new Int32Array(cue.buffer, cue.byteOffset, n);
  const { varPtr, varChk, chkPtr, chkVar, colSyn, edgeSlot } = net;
  const B = net.meta.synBits;
  const parity = net.family === 'parity';
  const halve = plan.mode === 'parity';
  const w = net.radius === 0 ? 1 : 2;
  const D = net.meta.maxDegree;
  const xMax = parity ? D : 2 * D;
  // Coin threshold per (degree, count X, cue sign: 0 ↔ σ = +1 (x ≠ cue), 1 ↔ σ = −1).
  const XS = xMax + 1;
  const thr = new Float64Array((D + 1) * XS * 2);
  const fillThresholds = (): void => {
    for (let d = 0; d <= D; d++) {
      for (let X = 0; X <= (parity ? d : 2 * d); X++) {
        for (let s = 0; s < 2; s++) {
          const e = levelOf(w, halve ? 2 * X : X, d, beta, beta > 0 ? (s === 0 ? 1 : -1) : 0);
          thr[(d * XS + X) * 2 + s] = table.thresholdOf.get(e)!;
        }
      }
    }
  };
  fillThresholds();
  const syn = new Int32Array(m * B);
  const slotCol = new Int32Array(parity ? 0 : net.meta.edges);
  if (!parity) for (let e = 0; e < net.meta.edges; e++) slotCol[edgeSlot[e]!] = colSyn[e]!;
  /** Recompute every cluster's syndrome planes; returns the lanes with some unsatisfied cluster. */
  const clusters = (): number => {
    let any = 0;
    for (let c = 0; c < m; c++) {
      const lo = chkPtr[c]!;
      const hi = chkPtr[c + 1]!;
      if (parity) {
        let s = 0;
        for (let e = lo; e < hi; e++) s ^= x[chkVar[e]!]!;
        syn[c] = s;
        any |= s;
      } else {
        for (let b = 0; b < B; b++) {
          let s = 0;
          for (let e = lo; e < hi; e++) s ^= x[chkVar[e]!]! & -((colSyn[e]! >>> b) & 1);
          syn[c * B + b] = s;
          any |= s;
        }
      }
    }
    return any;
  };
  const masks = new Int32Array(2 * XS);
  const pbits = new Int32Array(2 * XS);
  const order = new Int32Array(n);
  const serial = schedule === 'serial';

  /** Decide and apply input i's flips for the live lanes; returns the flipped lanes. */
  const update = (i: number, live: number, sweep: number): number => {
    const lo = varPtr[i]!;
    const hi = varPtr[i + 1]!;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    for (let j = lo; j < hi; j++) {
      const c = varChk[j]!;
      let cl: number;
      let ew = 0;
      if (parity) cl = syn[c]!;
      else {
        const col = slotCol[j]!;
        let dirty = 0;
        let mis = 0;
        for (let b = 0, base = c * B; b < B; b++) {
          const s = syn[base + b]!;
          dirty |= s;
          mis |= s ^ -((col >>> b) & 1);
        }
        cl = dirty;
        ew = ~mis & dirty;
      }
      let a = cl;
      let t = c0 & a; c0 ^= a; a = t;
      t = c1 & a; c1 ^= a; a = t;
      t = c2 & a; c2 ^= a; a = t;
      t = c3 & a; c3 ^= a; c4 ^= t;
      if (!parity) {
        a = ew;
        t = c0 & a; c0 ^= a; a = t;
        t = c1 & a; c1 ^= a; a = t;
        t = c2 & a; c2 ^= a; a = t;
        t = c3 & a; c3 ^= a; c4 ^= t;
      }
    }
    const d = hi - lo;
    const diff = x[i]! ^ cueI[i]!;
    const tb = d * XS * 2;
    // Common case: every live lane has X = 0 and agrees with its cue.
    if (((c0 | c1 | c2 | c3 | c4 | diff) & live) === 0 && thr[tb + 1] === 0) return 0;
    let ones = 0;
    let undecided = 0;
    let classes = 0;
    let rest = live;
    const xTop = parity ? d : 2 * d;
    for (let X = 0; X <= xTop && rest !== 0; X++) {
      const eq = rest & ~((c0 ^ -(X & 1)) | (c1 ^ -((X >>> 1) & 1)) | (c2 ^ -((X >>> 2) & 1)) | (c3 ^ -((X >>> 3) & 1)) | (c4 ^ -((X >>> 4) & 1)));
      if (eq === 0) continue;
      rest &= ~eq;
      for (let s = 0; s < 2; s++) {
        const mask = s === 0 ? eq & diff : eq & ~diff;
        if (mask === 0) continue;
        const p = thr[tb + X * 2 + s]!;
        if (p >= COIN_SCALE) ones |= mask;
        else if (p > 0) {
          undecided |= mask;
          masks[classes] = mask;
          pbits[classes++] = p | 0;
        }
      }
    }
    const flip = undecided === 0 ? ones : ones | coinFlips(coinBase(key, sweep, i), undecided, masks, pbits, classes);
    if (flip !== 0) {
      x[i] = x[i]! ^ flip;
      if (serial) {
        for (let j = lo; j < hi; j++) {
          const c = varChk[j]!;
          if (parity) syn[c] = syn[c]! ^ flip;
          else {
            const col = slotCol[j]!;
            for (let b = 0, base = c * B; b < B; b++) syn[base + b] = syn[base + b]! ^ (flip & -((col >>> b) & 1));
          }
        }
      }
    }
    return flip;
  };

  const sweeps = new Int32Array(32);
  const budget = maxSweeps * (restarts + 1);
  let run = 0;
  let flips = 0;
  let unsat = clusters();
  for (let s = 0; s < budget; s++) {
    if (s > 0) unsat = serial ? orUnsat(syn) : clusters();
    let live = lanes & unsat;
    if (live === 0) break;
    if (s > 0 && s % maxSweeps === 0) {
      // Restart the unfinished lanes from their cue (fresh coins: the sweep counter moved on).
      for (let i = 0; i < n; i++) x[i] = (x[i]! & ~live) | (cueI[i]! & live);
      unsat = clusters();
      live = lanes & unsat;
      if (live === 0) break;
    }
    for (let mm = live; mm !== 0; mm &= mm - 1) sweeps[31 - Math.clz32(mm & -mm)]!++;
    run++;
    if (annealed) {
      // The table of sweep s % maxSweeps of the current attempt (every lane's attempt starts together).
      table = resolveFlipTable(net, beta, opts.table, s % maxSweeps, levels);
      fillThresholds();
    }
    if (serial) {
      serialOrder(key, s, order);
      for (let q = 0; q < n; q++) if (update(order[q]!, live, s) !== 0) flips++;
    } else {
      for (let i = 0; i < n; i++) if (update(i, live, s) !== 0) flips++;
    }
  }
  unsat = clusters();
  return { words: out, converged: ~unsat >>> 0, sweeps, unsatisfied: unsat >>> 0, sweepsRun: run, decided: 0, flips };
}

function orUnsat(syn: Int32Array): number {
  let any = 0;
  for (let c = 0; c < syn.length; c++) any |= syn[c]!;
  return any;
}
