/**
 * hopcode/decoders/stochastic-bitsliced — annealed Glauber dynamics, 32 frames per word.
 *
 * The reference 'stochastic' schedule (reference-dynamics.ts): async sweeps in a
 * uniformly random order, each input set to 1 with probability 1/(1 + e^(−h_i/T)),
 * T annealed geometrically, then zero-temperature async sweeps to a fixed point.
 * With h the field toward *flipping* input i, P(flip) = 1/(1 + e^(−h/T)) whatever the
 * current bit (Glauber is symmetric), and h takes few values: it is fixed by the
 * bit-sliced count X of pushing/holding clusters and the cue sign σ (bitsliced-field.ts):
 *   h = (w·(T_X − d) + 2β·σ)/2,  T_X = X or 2X.
 * Per input update the lanes are split into classes (X, σ); a lane flips iff its
 * uniform U < p_class, decided bit by bit on the binary expansions (one random word
 * per bit position for all 32 lanes; ~7 words per update, 53 bits at most), so each
 * lane's coin is exactly Bernoulli(p) to 2^-53, like the reference's rng.double() < p.
 * The random order of a sweep is shared by the 32 lanes: each lane still sees a
 * uniform random order independent of its noise, so every frame's trajectory has the
 * reference's law (exact in distribution); lanes are merely correlated through it.
 * Hidden-unit ties are never random for the supported clusters (parity r = 0, perfect
 * Hamming); parity clusters with the unit rule and r ≥ 1 (random tie-breaking) are refused.
 */
import type { CompiledNetwork } from './compiled-network.js';
import { annealTemperature, DEFAULT_ANNEAL, type AnnealSchedule, type InputRule } from './reference-dynamics.js';
import { geConst, planSweep } from './bitsliced-field.js';
import type { BatchResult } from './sync-bitsliced.js';
import type { Rng } from '../util/rng.js';

export interface StochasticOptions {
  rule?: InputRule;
  /** Cap on zero-temperature sweeps (≥ 1, default 100). */
  maxSweeps?: number;
  cueWeight?: number;
  anneal?: AnnealSchedule;
  lanes?: number;
  out?: Uint32Array;
}

/**
 * One word of coins: lane l is 1 with probability probs[k] where k is the class whose
 * mask holds lane l (masks disjoint). Expansions are compared most significant bit first.
 */
export function bernoulliLanes(rng: Rng, masks: Int32Array, probs: Float64Array, classes: number): number {
  let ones = 0;
  let undecided = 0;
  for (let k = 0; k < classes; k++) {
    const p = probs[k]!;
    if (p >= 1) ones |= masks[k]!;
    else if (p > 0) undecided |= masks[k]!;
  }
  if (undecided === 0) return ones;
  const hi = scratchHi;
  const lo = scratchLo;
  for (let k = 0; k < classes; k++) {
    const p = probs[k]!;
    const a = Math.floor(p * 4294967296);
    hi[k] = a | 0;
    lo[k] = Math.floor((p * 4294967296 - a) * 2097152) << 11; // next 21 bits, MSB-aligned
  }
  for (let j = 0; j < 53 && undecided !== 0; j++) {
    let pj = 0;
    if (j < 32) for (let k = 0; k < classes; k++) pj |= masks[k]! & -((hi[k]! >>> (31 - j)) & 1);
    else for (let k = 0; k < classes; k++) pj |= masks[k]! & -((lo[k]! >>> (63 - j)) & 1);
    const r = rng.next() | 0;
    ones |= undecided & pj & ~r;
    undecided &= ~(pj ^ r);
  }
  return ones;
}
const scratchHi = new Int32Array(64);
const scratchLo = new Int32Array(64);

/** Decode 32 frames with annealed stochastic dynamics (random draws from `rng`). */
export function decodeBatchStochastic(net: CompiledNetwork, cue: Uint32Array, rng: Rng, opts: StochasticOptions = {}): BatchResult {
  const { n, m } = net;
  if (cue.length !== n) throw new Error(`hopcode/stochastic-bitsliced: the cue has ${cue.length} words, the network has N = ${n} inputs`);
  const maxSweeps = opts.maxSweeps ?? 100;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new Error(`hopcode/stochastic-bitsliced: maxSweeps must be an integer ≥ 1, got ${maxSweeps}`);
  const anneal = opts.anneal ?? DEFAULT_ANNEAL;
  if (!(anneal.start > 0) || !(anneal.end > 0) || anneal.end > anneal.start || !Number.isInteger(anneal.sweeps) || anneal.sweeps < 0) {
    throw new Error('hopcode/stochastic-bitsliced: anneal needs 0 < end ≤ start and an integer sweeps ≥ 0');
  }
  const rule = opts.rule ?? 'free-energy';
  if (rule === 'unit' && net.family === 'parity' && net.radius >= 1) throw new Error('hopcode/stochastic-bitsliced: the unit rule on parity clusters with r ≥ 1 breaks ties at random; not supported');
  const plan = planSweep(net, { rule, cueWeight: opts.cueWeight });
  const beta = opts.cueWeight ?? 0;
  const w = rule === 'free-energy' && net.radius === 0 ? 1 : 2;
  const halve = plan.mode === 'parity' ? rule === 'free-energy' : plan.mode === 'hamming-e';
  const lanes = opts.lanes === undefined ? -1 : opts.lanes | 0;
  const out = opts.out ?? new Uint32Array(n);
  out.set(cue);
  const x = new Int32Array(out.buffer, out.byteOffset, n);
  const cueI = new Int32Array(cue.buffer, cue.byteOffset, n);
  const { varPtr, varChk, chkPtr, chkVar, colSyn, edgeSlot } = net;
  const B = net.meta.synBits;
  const parity = net.family === 'parity';
  // Cluster states and the column syndrome of every var-ordered slot.
  const syn = new Int32Array(m * B);
  for (let c = 0; c < m; c++) {
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s ^= x[chkVar[e]!]! & (parity ? -1 : -((colSyn[e]! >>> b) & 1));
      syn[c * B + b] = s;
    }
  }
  const slotCol = new Int32Array(parity ? 0 : net.meta.edges);
  if (!parity) for (let e = 0; e < net.meta.edges; e++) slotCol[edgeSlot[e]!] = colSyn[e]!;
  const countE = plan.mode === 'hamming-e' || plan.mode === 'hamming-both';
  const countCl = plan.mode === 'parity' || plan.mode === 'hamming-dirty' || plan.mode === 'hamming-both';
  const D = net.meta.maxDegree;
  const xMax = Math.min(31, countE && countCl ? 2 * D : D);
  const masks = new Int32Array(64);
  const probs = new Float64Array(64);
  const order = Int32Array.from({ length: n }, (_, i) => i);

  /** One async sweep at temperature temp (0: deterministic); returns the changed lanes. */
  const sweep = (temp: number): number => {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let changed = 0;
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
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
          ew = ~mis;
        }
        for (let pass = 0; pass < 2; pass++) {
          let a = pass === 0 ? (countCl ? cl : 0) : countE ? ew : 0;
          let t = c0 & a; c0 ^= a; a = t;
          t = c1 & a; c1 ^= a; a = t;
          t = c2 & a; c2 ^= a; a = t;
          t = c3 & a; c3 ^= a; c4 ^= t;
        }
      }
      const d = hi - lo;
      const diff = x[i]! ^ cueI[i]!; // σ = +1 lanes
      let flip: number;
      if (temp === 0) {
        flip = geConst(c0, c1, c2, c3, c4, plan.thrMinus[d]!);
        if (plan.useCue) flip = (diff & geConst(c0, c1, c2, c3, c4, plan.thrPlus[d]!)) | (~diff & flip);
      } else {
        let classes = 0;
        for (let X = 0; X <= xMax; X++) {
          const eq = ~((c0 ^ -(X & 1)) | (c1 ^ -((X >>> 1) & 1)) | (c2 ^ -((X >>> 2) & 1)) | (c3 ^ -((X >>> 3) & 1)) | (c4 ^ -((X >>> 4) & 1)));
          if (eq === 0) continue;
          const T = halve ? 2 * X : X;
          for (let sg = 0; sg < (beta > 0 ? 2 : 1); sg++) {
            const mask = beta > 0 ? eq & (sg === 0 ? diff : ~diff) : eq;
            if (mask === 0) continue;
            const sigma = beta > 0 ? (sg === 0 ? 1 : -1) : 0;
            const h = (w * (T - d) + 2 * beta * sigma) / 2;
            masks[classes] = mask;
            probs[classes++] = 1 / (1 + Math.exp(-h / temp));
          }
        }
        flip = bernoulliLanes(rng, masks, probs, classes);
      }
      if (flip !== 0) {
        x[i] = x[i]! ^ flip;
        changed |= flip;
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
    return changed;
  };

  const sweeps = new Int32Array(32);
  const tally = (changed: number): void => {
    for (let mm = changed; mm !== 0; mm &= mm - 1) sweeps[31 - Math.clz32(mm & -mm)]!++;
  };
  let run = 0;
  for (let s = 0; s < anneal.sweeps; s++) {
    tally(sweep(annealTemperature(anneal, s)));
    run++;
  }
  let converged = 0;
  for (let s = 0; s < maxSweeps; s++) {
    const changed = sweep(0);
    run++;
    converged |= ~changed;
    tally(changed);
    if ((converged & lanes) === lanes) break;
  }
  let unsat = 0;
  for (let c = 0; c < syn.length; c++) unsat |= syn[c]!;
  return { words: out, converged: converged >>> 0, sweeps, unsatisfied: unsat >>> 0, sweepsRun: run, decided: 0, flips: 0 };
}
