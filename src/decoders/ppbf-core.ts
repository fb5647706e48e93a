/**
 * hopcode/decoders/ppbf-core — the bit-sliced sweep of flip-table dynamics, shared by the
 * batch kernel (ppbf-bitsliced.ts, 32 frames start and end together) and the lane-refill
 * kernel (ppbf-refill.ts, a finished lane takes the chunk's next frame).
 *
 * State: 32 lanes per word (x), each lane's cue (cue), and the clusters' syndrome planes
 * (syn). Input i's energy level E_i = −(w·(T − d) + 2βσ) (flip-table.ts) is read from the
 * bit-sliced count T of the clusters pushing / not holding it and the cue sign σ; its
 * flip coin is the counter-based coin of (key, tick, i) at the lane's bits (lane-coins.ts),
 * so a lane's decisions depend only on its own state, its lane index and the tick.
 * The serial order of a tick is shared by every lane (serialOrder).
 */
import type { CompiledNetwork } from './compiled-network.js';
import { planSweep } from './bitsliced-field.js';
import { COIN_SCALE, levelOf, networkLevels, resolveFlipTable, type FlipTableSpec, type ResolvedFlipTable } from './flip-table.js';
import { coinBase, coinFlips } from './lane-coins.js';
import { Rng } from '../util/rng.js';

export type PpbfSchedule = 'parallel' | 'serial';

/** Validated schedule, cap and restarts (shared by the kernels and the reference). */
export function checkPpbfOptions(o: { schedule?: string; maxSweeps?: number; restarts?: number }): { schedule: PpbfSchedule; maxSweeps: number; restarts: number } {
  const schedule = o.schedule ?? 'parallel';
  if (schedule !== 'parallel' && schedule !== 'serial') throw new Error(`hopcode/ppbf: unknown schedule "${schedule}" (parallel, serial)`);
  const maxSweeps = o.maxSweeps ?? 100;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/ppbf: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const restarts = o.restarts ?? 0;
  if (!Number.isInteger(restarts) || restarts < 0 || restarts > 1000) throw new Error(`hopcode/ppbf: restarts must be an integer in 0..1000, got ${restarts}`);
  return { schedule, maxSweeps, restarts };
}

/** The random order of serial tick t (shared by every lane and by the reference). */
export function serialOrder(key: number, tick: number, order: Int32Array): Int32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  return Rng.stream(key, 0x6f726472 /* 'ordr' */, tick).shuffle(order);
}

export interface PpbfCore {
  /** Lane states (int32 view of 32 lanes per input). */
  x: Int32Array;
  /** Each lane's cue. */
  cue: Int32Array;
  /** Recompute every cluster's syndrome planes; returns the lanes with some unsatisfied cluster. */
  clusters(): number;
  /** Lanes with some unsatisfied cluster, from the syndrome planes as they stand. */
  unsat(): number;
  /** One sweep of the lanes `live` at tick t; returns the number of input words that flipped. */
  sweep(live: number, tick: number): number;
  /** Use the table resolved at sweep s of an attempt (annealed tables). */
  setTable(table: ResolvedFlipTable): void;
  readonly levels: number[];
}

/** Build the sweep machinery of one network, β and table. */
export function createPpbfCore(net: CompiledNetwork, o: { beta: number; table: FlipTableSpec; schedule: PpbfSchedule; key: number }): PpbfCore {
  const { n, m } = net;
  const beta = o.beta;
  const plan = planSweep(net, { rule: 'free-energy', cueWeight: beta }); // validates β
  const levels = networkLevels(net, beta);
  const key = o.key | 0;
  const x = new Int32Array(n);
  const cueI = new Int32Array(n);
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
  const setTable = (table: ResolvedFlipTable): void => {
    for (let d = 0; d <= D; d++) {
      for (let X = 0; X <= (parity ? d : 2 * d); X++) {
        for (let s = 0; s < 2; s++) {
          const e = levelOf(w, halve ? 2 * X : X, d, beta, beta > 0 ? (s === 0 ? 1 : -1) : 0);
          thr[(d * XS + X) * 2 + s] = table.thresholdOf.get(e)!;
        }
      }
    }
  };
  setTable(resolveFlipTable(net, beta, o.table, 0, levels));
  const syn = new Int32Array(m * B);
  const slotCol = new Int32Array(parity ? 0 : net.meta.edges);
  if (!parity) for (let e = 0; e < net.meta.edges; e++) slotCol[edgeSlot[e]!] = colSyn[e]!;
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
  const unsat = (): number => {
    let any = 0;
    for (let c = 0; c < syn.length; c++) any |= syn[c]!;
    return any;
  };
  const masks = new Int32Array(2 * XS);
  const pbits = new Int32Array(2 * XS);
  const order = new Int32Array(n);
  const serial = o.schedule === 'serial';

  /** Decide and apply input i's flips for the live lanes; returns the flipped lanes. */
  const update = (i: number, live: number, tick: number): number => {
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
    const flip = undecided === 0 ? ones : ones | coinFlips(coinBase(key, tick, i), undecided, masks, pbits, classes);
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

  const sweep = (live: number, tick: number): number => {
    let flips = 0;
    if (serial) {
      serialOrder(key, tick, order);
      for (let q = 0; q < n; q++) if (update(order[q]!, live, tick) !== 0) flips++;
    } else {
      for (let i = 0; i < n; i++) if (update(i, live, tick) !== 0) flips++;
      clusters(); // the parallel schedule decides every input from one state: syndromes after
    }
    return flips;
  };
  return { x, cue: cueI, clusters, unsat, sweep, setTable, levels };
}
