/**
 * hopcode/network — the two-layer Boltzmann machine of DESIGN.md §1, made explicit.
 *
 * Input neurons x_i ∈ {0,1}; constraint c holds one hidden unit u_{c,a} per permitted
 * local pattern a ∈ L_c. Weight between input i_k of ∂c and unit (c,a): 2a_k − 1.
 * Field φ_{c,a}(x) = Σ_k (2a_k − 1)·x_{i_k} = |a| − dist(x|∂c, a);
 * bias θ_{c,a} = |a| − r − ½, so φ − θ = r + ½ − dist: positive only within radius r.
 * Lateral inhibition −λ (λ > z) inside a cluster keeps at most one unit on. With
 * radius ≤ ⌊(d_min−1)/2⌋ the radius-r balls are disjoint and the winner is unique.
 *
 * Energy (external field b_i in the same units as the votes, see README):
 *   E(x,u) = −Σ u_{c,a}(φ_{c,a}(x) − θ_{c,a}) + λ Σ_c Σ_{a<b} u_{c,a}u_{c,b} − Σ_i b_i x_i.
 * Minimising over u gives the zero-temperature free energy
 *   F(x) = −Σ_c max(0, r + ½ − dist(x|∂c, L_c)) − Σ_i b_i x_i.
 * A hidden state is stored as one Int32 per cluster: the active pattern, or −1.
 */
import type { BipartiteGraph } from '../graphs/bipartite-graph.js';
import type { LocalCode } from '../codes/local-code.js';

export interface NetworkSpec {
  graph: BipartiteGraph;
  /** One local code for every constraint, or one per constraint. */
  codes: LocalCode | readonly LocalCode[];
  /** Firing radius r (default: the smallest packing radius of the local codes). */
  radius?: number;
}

/** One hidden unit, spelled out for inspection. */
export interface HiddenUnit {
  constraint: number;
  pattern: number;
  inputs: Int32Array;
  weights: Int8Array;
  bias: number;
}

/** No active unit in a cluster. */
export const NO_UNIT = -1;

export class HopfieldNetwork {
  readonly graph: BipartiteGraph;
  readonly n: number;
  readonly m: number;
  readonly radius: number;
  /** Distinct local codes, and which one each constraint uses. */
  readonly codes: readonly LocalCode[];
  readonly codeIndex: Uint16Array;
  /** Lateral inhibition strength λ (> max z). */
  readonly lambda: number;

  constructor(spec: NetworkSpec) {
    const g = spec.graph;
    this.graph = g;
    this.n = g.n;
    this.m = g.m;
    const list = Array.isArray(spec.codes) ? (spec.codes as LocalCode[]) : [spec.codes as LocalCode];
    const distinct: LocalCode[] = [];
    this.codeIndex = new Uint16Array(g.m);
    for (let c = 0; c < g.m; c++) {
      const code = list.length === 1 ? list[0]! : list[c];
      if (!code) throw new Error(`hopcode/network: no local code for constraint ${c}`);
      const z = g.chkPtr[c + 1]! - g.chkPtr[c]!;
      if (code.z !== z) throw new Error(`hopcode/network: constraint ${c} has ${z} inputs but local code ${code.name} has length ${code.z}`);
      let idx = distinct.indexOf(code);
      if (idx < 0) idx = distinct.push(code) - 1;
      this.codeIndex[c] = idx;
    }
    this.codes = distinct;
    const packing = Math.min(...distinct.map((c) => c.packingRadius));
    const r = spec.radius ?? packing;
    if (!Number.isInteger(r) || r < 0) throw new Error(`hopcode/network: radius must be a non-negative integer, got ${r}`);
    this.radius = r;
    this.lambda = Math.max(...distinct.map((c) => c.z)) + 1;
  }

  codeOf(c: number): LocalCode {
    return this.codes[this.codeIndex[c]!]!;
  }

  /** Number of hidden units: Σ_c |L_c|. */
  get hiddenUnits(): number {
    let s = 0;
    for (let c = 0; c < this.m; c++) s += this.codeOf(c).size;
    return s;
  }

  /** The local word x|∂c as a z-bit mask (bit k = input at position k). */
  localWord(c: number, x: Uint8Array): number {
    const { chkPtr, chkVar } = this.graph;
    const lo = chkPtr[c]!;
    if (chkPtr[c + 1]! - lo > 31) throw new Error(`hopcode/network: constraint ${c} has ${chkPtr[c + 1]! - lo} inputs: its local word is wider than 32 bits (clusters this wide run only under cluster-serial dynamics)`);
    let y = 0;
    for (let e = lo; e < chkPtr[c + 1]!; e++) y |= (x[chkVar[e]!]! & 1) << (e - lo);
    return y >>> 0;
  }

  /** Net input φ − θ = r + ½ − dist of unit (c, a) given the local word y. */
  unitDrive(y: number, pattern: number): number {
    let w = (y ^ pattern) >>> 0;
    let dist = 0;
    while (w) { w &= w - 1; dist++; }
    return this.radius + 0.5 - dist;
  }

  /** Cluster score max(0, r + ½ − dist(y, L_c)): minus its free-energy contribution. */
  clusterScore(c: number, y: number): number {
    const dist = this.codeOf(c).distance(y);
    return dist <= this.radius ? this.radius + 0.5 - dist : 0;
  }

  /**
   * Deterministic cluster update: the unique nearest pattern within radius r, or
   * NO_UNIT (nothing within r, or an exact tie: DESIGN.md §1).
   */
  winner(c: number, y: number): number {
    return this.codeOf(c).uniqueWithin(y, this.radius);
  }

  /** Stochastic cluster update: ties broken uniformly with `pick(k) ∈ [0, k)`. */
  winnerRandomTie(c: number, y: number, pick: (k: number) => number): number {
    const code = this.codeOf(c);
    const near = code.nearest(y);
    if (near.dist > this.radius) return NO_UNIT;
    if (near.ties === 1) return near.pattern;
    const all = code.nearestAll(y);
    return all[pick(all.length)]!;
  }

  /** The hidden layer's deterministic response to x: one active pattern (or −1) per cluster. */
  hiddenState(x: Uint8Array): Int32Array {
    const u = new Int32Array(this.m);
    for (let c = 0; c < this.m; c++) u[c] = this.winner(c, this.localWord(c, x));
    return u;
  }

  /** A unit's weights and bias, for inspection (every weight is −1 or +1). */
  unit(c: number, pattern: number): HiddenUnit {
    if (c < 0 || c >= this.m) throw new Error(`hopcode/network: no constraint ${c}`);
    const code = this.codeOf(c);
    if (!code.permits(pattern)) throw new Error(`hopcode/network: ${pattern} is not a permitted pattern of ${code.name}`);
    const { chkPtr, chkVar } = this.graph;
    const inputs = chkVar.slice(chkPtr[c]!, chkPtr[c + 1]!);
    const weights = Int8Array.from(inputs, (_, k) => (((pattern >>> k) & 1) === 1 ? 1 : -1));
    let ones = 0;
    for (let k = 0; k < code.z; k++) ones += (pattern >>> k) & 1;
    return { constraint: c, pattern, inputs, weights, bias: ones - this.radius - 0.5 };
  }

  /** Distinct weight values over all units (always [−1, 1]: binary weights). */
  weightValues(): number[] {
    const seen = new Set<number>();
    for (const code of this.codes) {
      if (code.wide) {
        // A linear code with k₀ ≥ 1 and no all-zero position has patterns with a 1 and with a 0 everywhere.
        seen.add(-1).add(1);
        continue;
      }
      const pats = code.patterns ?? [0, (2 ** code.z - 1) >>> 0];
      for (const p of pats) for (let k = 0; k < code.z; k++) seen.add(((p >>> k) & 1) === 1 ? 1 : -1);
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** E(x, u) for a hidden state u (one pattern or −1 per cluster), with optional field b. */
  energy(x: Uint8Array, u: Int32Array, field?: Float64Array): number {
    let e = 0;
    for (let c = 0; c < this.m; c++) if (u[c] !== NO_UNIT) e -= this.unitDrive(this.localWord(c, x), u[c]!);
    return e - externalTerm(x, field);
  }

  /** F(x) = min_u E(x, u): the energy with the hidden layer at its best response. */
  freeEnergy(x: Uint8Array, field?: Float64Array): number {
    let f = 0;
    for (let c = 0; c < this.m; c++) f -= this.clusterScore(c, this.localWord(c, x));
    return f - externalTerm(x, field);
  }

  /** True when every constraint sees a permitted pattern (x is a codeword of T(G, L)). */
  isStoredState(x: Uint8Array): boolean {
    for (let c = 0; c < this.m; c++) if (!this.codeOf(c).permits(this.localWord(c, x))) return false;
    return true;
  }

  /** Number of constraints whose local word is not permitted. */
  unsatisfied(x: Uint8Array): number {
    let bad = 0;
    for (let c = 0; c < this.m; c++) if (!this.codeOf(c).permits(this.localWord(c, x))) bad++;
    return bad;
  }
}

function externalTerm(x: Uint8Array, field?: Float64Array): number {
  if (!field) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (x[i]) s += field[i]!;
  return s;
}
