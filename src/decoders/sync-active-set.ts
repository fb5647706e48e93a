/**
 * hopcode/decoders/sync-active-set — the synchronous bit-sliced dynamics with
 * incremental cluster states and an active set of inputs.
 *
 * Same map as the two-pass sweep of sync-bitsliced.ts (and as runDynamics 'sync'),
 * computed with less work once decoding settles:
 *  - cluster states (parity: unsat word; Hamming: syndrome planes s_j) are computed
 *    once, then updated by XOR when an input flips: syn_{c,j} ^= f·H_{j,k(i)};
 *  - every sweep first decides all candidate inputs from the state at the start of
 *    the sweep, then applies all flips (so it stays synchronous);
 *  - the candidates of sweep s+1 are the inputs of the clusters touched by a flip in
 *    sweep s. Any other input i had none of ∂i touched, so neither its clusters nor
 *    x_i changed (its own flip would have touched ∂i): its decision is the previous
 *    one, which was "no flip" — by induction from the first sweep, where every input
 *    is a candidate.
 * Work per sweep is proportional to the inputs near a change, not to N: late sweeps,
 * where only a few lanes still move, cost almost nothing.
 * A lane whose flips in sweep s equal its flips in sweep s−1 is back in its state of
 * sweep s−2: the map is deterministic, so it alternates between two states until the
 * cap. It is frozen (its flips masked) and, at the end, moved to the state the cap
 * leaves it in (one more step iff maxSweeps − s is odd), with sweeps = maxSweeps and
 * converged = false, exactly as the reference reports it.
 *
 * Perfect Hamming clusters (every cluster a Hamming(2^r − 1) code, columns a permutation
 * of 1 .. 2^r − 1) additionally keep, per cluster, its dirty word and, per input slot,
 * its error-at-k word E, computed for a whole cluster at once by the unrolled kernel of
 * hamming-kernel.ts (syndrome from X, decoder tree of minterms). They are refreshed for
 * every cluster a sweep touched, so a decision only loads d E words and d dirty words.
 * Every rule flips at a threshold on a positive count of those words (σ_i, i.e. x_i,
 * only moves the threshold), so after a tracked sweep the candidates are narrowed to
 * the inputs that flipped, the inputs of clusters that turned dirty in some lane, and
 * the inputs whose E word gained a lane: nobody else's count grew in any lane, so their
 * "no flip" decision stands.
 *
 * Speed note: V8 compiles typed-array loops much better (about 2×, measured) when the
 * arrays are constants of the function's context rather than parameters or object
 * fields. `engineFactory` is therefore self-contained (it uses nothing from module
 * scope) and is instantiated once per network and thread from its own source text via
 * `new Function`, so each network gets code specialised to its own arrays. Where
 * `new Function` is unavailable the plain closure is used (same results, slower).
 */
import type { CompiledNetwork } from './compiled-network.js';
import type { SweepPlan } from './bitsliced-field.js';
import { hammingKernelSource } from './hamming-kernel.js';

export interface ActiveSetResult {
  converged: number;
  sweeps: Int32Array;
  unsatisfied: number;
  sweepsRun: number;
  /** Work done: inputs decided and input words flipped, summed over sweeps. */
  decided: number;
  flips: number;
}

/** The kernel's arrays and sizes (plain data: the factory may not touch module scope). */
interface EngineInput {
  n: number;
  m: number;
  B: number;
  parity: boolean;
  regular: boolean;
  maxDegree: number;
  chkPtr: Int32Array;
  chkVar: Int32Array;
  varPtr: Int32Array;
  varChk: Int32Array;
  colSyn: Int32Array;
  edgeSlot: Int32Array;
  /** Source of the unrolled perfect-Hamming cluster kernel (hamming-kernel.ts), or '' when not applicable. */
  hamSrc: string;
}

type EngineRun = (cue: Int32Array, out: Int32Array, plan: SweepPlan, maxSweeps: number, lanes: number) => ActiveSetResult;

/* eslint-disable no-new-func */
function engineFactory(inp: EngineInput): EngineRun {
  const n = inp.n;
  const m = inp.m;
  const B = inp.B;
  const parity = inp.parity;
  const D = inp.maxDegree;
  const regular = inp.regular;
  const chkPtr = inp.chkPtr;
  const chkVar = inp.chkVar;
  const varPtr = inp.varPtr;
  const varChk = inp.varChk;
  const colSyn = inp.colSyn;
  const edges = chkVar.length;
  const slotCol = new Int32Array(parity ? 0 : edges);
  if (!parity) for (let e = 0; e < edges; e++) slotCol[inp.edgeSlot[e]!] = colSyn[e]!;
  const X = new Int32Array(n);
  const CUE = new Int32Array(n);
  const syn = new Int32Array(m * B);
  const stampC = new Int32Array(m);
  const stampV = new Int32Array(n);
  const listA = new Int32Array(n);
  const listB = new Int32Array(n);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const flipI = new Int32Array(n);
  const flipM = new Int32Array(n);
  const prevFlip = new Int32Array(n);
  const prevStamp = new Int32Array(n);
  let sweepEp = 0;
  const prevList = new Int32Array(n);
  const cycleFlip = new Int32Array(n);
  let epoch = 0;
  const thr = new Int32Array(64);
  const thrP = new Int32Array(64);
  // Perfect Hamming clusters: per-cluster dirty word and error-at-k words, kept current at
  // the start of every sweep (recomputed for the clusters a sweep touched). The E word of
  // column value v of cluster c sits at slotE[c·L + v − 1] (stored in cluster order by the
  // kernel); eIdx maps an input's var-ordered slot j to it.
  const L = parity ? 0 : (1 << B) - 1;
  const dirtyC = new Int32Array(parity ? 0 : m);
  const slotE = new Int32Array(parity ? 0 : m * L);
  const colVar = new Int32Array(parity ? 0 : m * L);
  const eIdx = new Int32Array(parity ? 0 : edges);
  const touched = new Int32Array(m);
  const gainBuf = new Int32Array(Math.max(L, 1));
  let ham: { fromX(c: number): void; fromSyn(c: number): void; refresh(c: number): number; toggle(f: number, c: number, col: number): void } | null = null;
  if (!parity && inp.hamSrc !== '') {
    for (let c = 0; c < m; c++) {
      for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) {
        const v = colSyn[e]! - 1;
        colVar[c * L + v] = chkVar[e]!;
        eIdx[inp.edgeSlot[e]!] = c * L + v;
      }
    }
    try {
      ham = (new Function('X', 'syn', 'dirtyC', 'slotE', 'colVar', 'gainBuf', inp.hamSrc) as (...a: Int32Array[]) => typeof ham)(X, syn, dirtyC, slotE, colVar, gainBuf);
    } catch {
      ham = null;
    }
  }

  // A copy of bitsliced-field's geConst on purpose: engineFactory is recompiled from its
  // own source text (see the bottom of this file), so it cannot reference module imports.
  function geConst(c0: number, c1: number, c2: number, c3: number, c4: number, t: number): number {
    if (t <= 0) return -1;
    if (t > 31) return 0;
    let gt = 0;
    let eq = -1;
    if (t & 16) eq &= c4;
    else { gt |= eq & c4; eq &= ~c4; }
    if (t & 8) eq &= c3;
    else { gt |= eq & c3; eq &= ~c3; }
    if (t & 4) eq &= c2;
    else { gt |= eq & c2; eq &= ~c2; }
    if (t & 2) eq &= c1;
    else { gt |= eq & c1; eq &= ~c1; }
    if (t & 1) eq &= c0;
    else { gt |= eq & c0; eq &= ~c0; }
    return gt | eq;
  }

  function initClusters(): void {
    if (parity) {
      for (let c = 0, e = 0; c < m; c++) {
        const hi = chkPtr[c + 1]!;
        let u = 0;
        for (; e < hi; e++) u ^= X[chkVar[e]!]!;
        syn[c] = u;
      }
      return;
    }
    if (ham !== null) {
      for (let c = 0; c < m; c++) ham.fromX(c);
      return;
    }
    for (let c = 0; c < m; c++) {
      for (let b = 0; b < B; b++) {
        let s = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s ^= X[chkVar[e]!]! & -((colSyn[e]! >>> b) & 1);
        syn[c * B + b] = s;
      }
    }
  }

  /** Parity, d = 5, no cue: flip iff ≥ 3 of 5 clusters unsatisfied (two full adders). */
  function decideMaj5(cand: Int32Array, count: number): number {
    let nf = 0;
    for (let q = 0; q < count; q++) {
      const i = cand[q]!;
      const j = i * 5;
      const a = syn[varChk[j]!]!, b = syn[varChk[j + 1]!]!, c = syn[varChk[j + 2]!]!;
      const d = syn[varChk[j + 3]!]!, e = syn[varChk[j + 4]!]!;
      const s1 = a ^ b ^ c;
      const k1 = (a & b) | (c & (a ^ b));
      const s2 = s1 ^ d ^ e;
      const k2 = (s1 & d) | (e & (s1 ^ d));
      const flip = (k1 & k2) | ((k1 | k2) & s2); // s2 + 2(k1 + k2) ≥ 3
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** Parity, d = 3, no cue: flip iff ≥ 2 of 3 clusters unsatisfied. */
  function decideMaj3(cand: Int32Array, count: number): number {
    let nf = 0;
    for (let q = 0; q < count; q++) {
      const i = cand[q]!;
      const j = i * 3;
      const a = syn[varChk[j]!]!, b = syn[varChk[j + 1]!]!, c = syn[varChk[j + 2]!]!;
      const flip = (a & b) | (c & (a ^ b));
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** Perfect Hamming, free-energy, d = 3, no cue: flip iff #dirty + #E ≥ 4 (E ⇒ dirty). */
  function decideHam3(cand: Int32Array, count: number): number {
    let nf = 0;
    for (let q = 0; q < count; q++) {
      const i = cand[q]!;
      const j = i * 3;
      const e0 = slotE[eIdx[j]!]!, e1 = slotE[eIdx[j + 1]!]!, e2 = slotE[eIdx[j + 2]!]!;
      const d0 = dirtyC[varChk[j]!]!, d1 = dirtyC[varChk[j + 1]!]!, d2 = dirtyC[varChk[j + 2]!]!;
      const flip = (e0 & e1) | (e2 & (e0 | e1)) | (d0 & d1 & d2 & (e0 | e1 | e2));
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** decideHam3 over every input (no candidate list). */
  function decideHam3All(): number {
    let nf = 0;
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      const e0 = slotE[eIdx[j]!]!, e1 = slotE[eIdx[j + 1]!]!, e2 = slotE[eIdx[j + 2]!]!;
      const d0 = dirtyC[varChk[j]!]!, d1 = dirtyC[varChk[j + 1]!]!, d2 = dirtyC[varChk[j + 2]!]!;
      const flip = (e0 & e1) | (e2 & (e0 | e1)) | (d0 & d1 & d2 & (e0 | e1 | e2));
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** Perfect Hamming, any rule and cue: bit-sliced count of the stored dirty / E words. */
  function decideHamGeneric(cand: Int32Array, count: number, countCl: boolean, countE: boolean, useCue: boolean): number {
    let nf = 0;
    for (let q = 0; q < count; q++) {
      const i = cand[q]!;
      const lo = varPtr[i]!;
      const hi = varPtr[i + 1]!;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;
      for (let j = lo; j < hi; j++) {
        if (countCl) {
          let a = dirtyC[varChk[j]!]!;
          let t = c0 & a; c0 ^= a; a = t;
          t = c1 & a; c1 ^= a; a = t;
          t = c2 & a; c2 ^= a; a = t;
          t = c3 & a; c3 ^= a; c4 ^= t;
        }
        if (countE) {
          let a = slotE[eIdx[j]!]!;
          let t = c0 & a; c0 ^= a; a = t;
          t = c1 & a; c1 ^= a; a = t;
          t = c2 & a; c2 ^= a; a = t;
          t = c3 & a; c3 ^= a; c4 ^= t;
        }
      }
      const d = hi - lo;
      let flip = geConst(c0, c1, c2, c3, c4, thr[d]!);
      if (useCue) {
        const diff = X[i]! ^ CUE[i]!;
        flip = (diff & geConst(c0, c1, c2, c3, c4, thrP[d]!)) | (~diff & flip);
      }
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** Any family, rule and cue: bit-sliced count, then the per-degree thresholds. */
  function decideGeneric(cand: Int32Array, count: number, countCl: boolean, countE: boolean, useCue: boolean): number {
    let nf = 0;
    for (let q = 0; q < count; q++) {
      const i = cand[q]!;
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
        if (countCl) {
          let a = cl;
          let t = c0 & a; c0 ^= a; a = t;
          t = c1 & a; c1 ^= a; a = t;
          t = c2 & a; c2 ^= a; a = t;
          t = c3 & a; c3 ^= a; c4 ^= t;
        }
        if (countE) {
          let a = ew;
          let t = c0 & a; c0 ^= a; a = t;
          t = c1 & a; c1 ^= a; a = t;
          t = c2 & a; c2 ^= a; a = t;
          t = c3 & a; c3 ^= a; c4 ^= t;
        }
      }
      const d = hi - lo;
      let flip = geConst(c0, c1, c2, c3, c4, thr[d]!);
      if (useCue) {
        const diff = X[i]! ^ CUE[i]!;
        flip = (diff & geConst(c0, c1, c2, c3, c4, thrP[d]!)) | (~diff & flip);
      }
      flipI[nf] = i;
      flipM[nf] = flip;
      nf += flip !== 0 ? 1 : 0;
    }
    return nf;
  }

  /** Toggle the cluster state of slot j by the flip word f; returns the cluster. */
  function toggle(f: number, j: number): number {
    const c = varChk[j]!;
    if (parity) syn[c] = syn[c]! ^ f;
    else if (ham !== null) ham.toggle(f, c, slotCol[j]!);
    else {
      const col = slotCol[j]!;
      for (let b = 0, base = c * B; b < B; b++) syn[base + b] = syn[base + b]! ^ (f & -((col >>> b) & 1));
    }
    return c;
  }

  /** Apply flips; the next sweep visits every input. */
  function applyAll(nf: number): void {
    if (ham !== null && nf > 4 * m) {
      // Many flips: recomputing every syndrome from X is cheaper than d toggles per flip.
      for (let q = 0; q < nf; q++) {
        const i = flipI[q]!;
        X[i] = X[i]! ^ flipM[q]!;
      }
      for (let c = 0; c < m; c++) ham.fromX(c);
      return;
    }
    for (let q = 0; q < nf; q++) {
      const i = flipI[q]!;
      const f = flipM[q]!;
      X[i] = X[i]! ^ f;
      for (let j = varPtr[i]!, hi = varPtr[i + 1]!; j < hi; j++) toggle(f, j);
    }
    if (ham !== null) for (let c = 0; c < m; c++) ham.fromSyn(c);
  }

  /** Apply flips and list the inputs of every touched cluster into `next`. */
  function applyTracked(nf: number, next: Int32Array): number {
    if (++epoch >= 0x7fffffff) {
      stampC.fill(0);
      stampV.fill(0);
      epoch = 1;
    }
    const ep = epoch;
    let nc = 0;
    if (ham !== null) return applyTrackedHam(nf, next, ep);
    for (let q = 0; q < nf; q++) {
      const i = flipI[q]!;
      const f = flipM[q]!;
      X[i] = X[i]! ^ f;
      for (let j = varPtr[i]!, hi = varPtr[i + 1]!; j < hi; j++) {
        const c = toggle(f, j);
        if (stampC[c] !== ep) {
          stampC[c] = ep;
          for (let e = chkPtr[c]!, he = chkPtr[c + 1]!; e < he; e++) {
            const v = chkVar[e]!;
            if (stampV[v] !== ep) {
              stampV[v] = ep;
              next[nc++] = v;
            }
          }
        }
      }
    }
    return nc;
  }

  /**
   * Perfect Hamming: every rule counts dirty and/or E words and flips at a count
   * threshold (which depends on x_i only through σ_i), so an input whose count grew in
   * no lane and which did not flip keeps its "no flip" decision. The count of input i
   * grows in a lane only if some c ∈ ∂i turned dirty there (then all of c's inputs are
   * candidates) or E_{c,i} turned on there (ham.refresh lists those inputs).
   */
  function applyTrackedHam(nf: number, next: Int32Array, ep: number): number {
    const h = ham!;
    let nc = 0;
    let nt = 0;
    for (let q = 0; q < nf; q++) {
      const i = flipI[q]!;
      const f = flipM[q]!;
      X[i] = X[i]! ^ f;
      if (stampV[i] !== ep) {
        stampV[i] = ep;
        next[nc++] = i;
      }
      for (let j = varPtr[i]!, hi = varPtr[i + 1]!; j < hi; j++) {
        const c = varChk[j]!;
        h.toggle(f, c, slotCol[j]!);
        if (stampC[c] !== ep) {
          stampC[c] = ep;
          touched[nt++] = c;
        }
      }
    }
    for (let q = 0; q < nt; q++) {
      const c = touched[q]!;
      const k = h.refresh(c);
      if (k < 0) {
        for (let e = chkPtr[c]!, he = chkPtr[c + 1]!; e < he; e++) {
          const v = chkVar[e]!;
          if (stampV[v] !== ep) {
            stampV[v] = ep;
            next[nc++] = v;
          }
        }
      } else {
        for (let g = 0; g < k; g++) {
          const v = gainBuf[g]!;
          if (stampV[v] !== ep) {
            stampV[v] = ep;
            next[nc++] = v;
          }
        }
      }
    }
    return nc;
  }

  return function run(cue: Int32Array, out: Int32Array, plan: SweepPlan, maxSweeps: number, lanes: number): ActiveSetResult {
    X.set(cue);
    CUE.set(cue);
    for (let d = 0; d <= D; d++) {
      thr[d] = plan.thrMinus[d]!;
      thrP[d] = plan.thrPlus[d]!;
    }
    const mode = plan.mode;
    const useCue = plan.useCue;
    const countE = mode === 'hamming-e' || mode === 'hamming-both';
    const countCl = mode === 'parity' || mode === 'hamming-dirty' || mode === 'hamming-both';
    const fast =
      mode === 'parity' && !useCue && regular ? (D === 5 && thr[5] === 3 ? 5 : D === 3 && thr[3] === 2 ? 3 : 0)
      : ham !== null && mode === 'hamming-both' && !useCue && regular && D === 3 && thr[3] === 4 ? 13
      : 0;
    initClusters();
    let cand = listA;
    let next = listB;
    cand.set(identity);
    let count = n;
    const fullBelow = Math.max(16, n >>> 5); // past this many flips, visiting every input is cheaper
    const sweeps = new Int32Array(32);
    const frozenAt = new Int32Array(32);
    let prevCount = 0;
    if (sweepEp > 0x3fffff00 - maxSweeps) {
      prevStamp.fill(0);
      sweepEp = 0;
    }
    sweepEp += 2;
    let converged = 0;
    let frozen = 0;
    let run = 0;
    let decided = 0;
    let flips = 0;
    while (run < maxSweeps) {
      decided += count;
      let nf =
        fast === 5 ? decideMaj5(cand, count)
        : fast === 3 ? decideMaj3(cand, count)
        : fast === 13 ? (count === n ? decideHam3All() : decideHam3(cand, count))
        : ham !== null ? decideHamGeneric(cand, count, countCl, countE, useCue)
        : decideGeneric(cand, count, countCl, countE, useCue);
      if (frozen !== 0) {
        let k = 0;
        for (let q = 0; q < nf; q++) {
          const f = flipM[q]! & ~frozen;
          if (f !== 0) {
            flipI[k] = flipI[q]!;
            flipM[k++] = f;
          }
        }
        nf = k;
      }
      flips += nf;
      // Same flips as the previous sweep ⇒ back to the state of two sweeps ago: a 2-cycle.
      // prevFlip[i] holds input i's flips of the previous sweep iff prevStamp[i] = ep − 1.
      const ep = sweepEp;
      let changed = 0;
      let mismatch = 0;
      for (let q = 0; q < nf; q++) {
        const i = flipI[q]!;
        const f = flipM[q]!;
        changed |= f;
        mismatch |= (prevStamp[i] === ep - 1 ? prevFlip[i]! : 0) ^ f;
        prevFlip[i] = f;
        prevStamp[i] = ep;
      }
      for (let q = 0; q < prevCount; q++) {
        const i = prevList[q]!;
        if (prevStamp[i] !== ep) mismatch |= prevFlip[i]!;
      }
      for (let q = 0; q < nf; q++) prevList[q] = flipI[q]!;
      sweepEp = ep + 1;
      prevCount = nf;
      const cycling = run >= 1 ? changed & ~mismatch : 0;
      if (cycling !== 0) {
        for (let q = 0; q < nf; q++) cycleFlip[flipI[q]!] = cycleFlip[flipI[q]!]! | (flipM[q]! & cycling);
        for (let mm = cycling; mm !== 0; mm &= mm - 1) frozenAt[31 - Math.clz32(mm & -mm)] = run + 1;
      }
      if (nf > fullBelow) {
        applyAll(nf);
        if (count !== n) cand.set(identity);
        count = n;
      } else {
        count = nf > 0 ? applyTracked(nf, next) : 0;
        const t = cand;
        cand = next;
        next = t;
      }
      run++;
      converged |= ~changed & ~frozen;
      frozen |= cycling;
      for (let mm = changed; mm !== 0; mm &= mm - 1) sweeps[31 - Math.clz32(mm & -mm)]!++;
      if (((converged | frozen) & lanes) === lanes) break;
    }
    let unsat = 0;
    for (let c = 0; c < syn.length; c++) unsat |= syn[c]!;
    if (frozen !== 0) {
      // A frozen lane sits in its state of sweep s_l; after maxSweeps it is there or one step on.
      let odd = 0;
      for (let mm = frozen; mm !== 0; mm &= mm - 1) {
        const l = 31 - Math.clz32(mm & -mm);
        sweeps[l] = sweeps[l]! + (maxSweeps - frozenAt[l]!);
        if ((maxSweeps - frozenAt[l]!) & 1) odd |= 1 << l;
      }
      if (odd !== 0) {
        for (let i = 0; i < n; i++) X[i] = X[i]! ^ (cycleFlip[i]! & odd);
        initClusters();
        let u = 0;
        for (let c = 0; c < syn.length; c++) u |= syn[c]!;
        unsat = (unsat & ~odd) | (u & odd);
      }
      cycleFlip.fill(0);
    }
    out.set(X);
    return { converged: (converged & ~frozen) >>> 0, sweeps, unsatisfied: unsat >>> 0, sweepsRun: run, decided, flips };
  };
}

const engines = new WeakMap<CompiledNetwork, EngineRun>();

/** The engine of a network on this thread, compiled from its own copy of the source. */
function engineOf(net: CompiledNetwork): EngineRun {
  let run = engines.get(net);
  if (!run) {
    const inp: EngineInput = {
      n: net.n,
      m: net.m,
      B: net.meta.synBits,
      parity: net.family === 'parity',
      regular: net.meta.regular,
      maxDegree: net.meta.maxDegree,
      chkPtr: net.chkPtr,
      chkVar: net.chkVar,
      varPtr: net.varPtr,
      varChk: net.varChk,
      colSyn: net.colSyn,
      edgeSlot: net.edgeSlot,
      hamSrc: net.family === 'hamming' ? hammingKernelSource(net) : '',
    };
    let factory: typeof engineFactory = engineFactory;
    try {
      factory = new Function(`return (${engineFactory.toString()});`)() as typeof engineFactory;
    } catch {
      factory = engineFactory; // e.g. a CSP forbidding eval: same results, slower
    }
    run = factory(inp);
    engines.set(net, run);
  }
  return run;
}

/** Run the synchronous dynamics from `cue`, writing the final states into `out`. */
export function runActiveSet(net: CompiledNetwork, cue: Int32Array, out: Int32Array, plan: SweepPlan, maxSweeps: number, lanes: number): ActiveSetResult {
  return engineOf(net)(cue, out, plan, maxSweeps, lanes);
}
