/**
 * hopcode/graphs/biregular — seeded random (d, z)-biregular bipartite graphs.
 *
 * Configuration model: N·d input stubs are shuffled into M·z constraint slots
 * (M = N·d / z), then repeated edges are repaired by random slot swaps so the graph
 * is simple, and optionally 4-cycles are removed the same way (girth ≥ 6). Random
 * biregular graphs are good expanders with high probability (DESIGN.md §1); the
 * certificates in `certificates.ts` measure it rather than assume it.
 */
import { Rng } from '../util/rng.js';
import { type BipartiteGraph, fromCsr } from './bipartite-graph.js';

export interface BiregularOptions {
  /** Number of inputs N. */
  n: number;
  /** Input degree d (constraints per input). */
  d: number;
  /** Constraint degree z (inputs per constraint). */
  z: number;
  /** Master seed (32-bit, see `masterSeed`). */
  seed: number;
  /** Remove 4-cycles so that the girth is at least 6 (default true). */
  girth6?: boolean;
}

function checkInt(name: string, v: number, min: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new Error(`hopcode/graphs: ${name} must be an integer, got ${String(v)}`);
  }
  if (v < min) throw new Error(`hopcode/graphs: ${name} must be ≥ ${min}, got ${v}`);
}

/** Validate (N, d, z) for a simple biregular graph; throws a message naming the parameter. */
export function validateBiregular(n: number, d: number, z: number): void {
  checkInt('d', d, 1);
  checkInt('z', z, 1);
  checkInt('N', n, 1);
  if ((n * d) % z !== 0) {
    throw new Error(`hopcode/graphs: z = ${z} must divide N·d = ${n}·${d} = ${n * d} (M = N·d/z constraints must be a whole number)`);
  }
  if (n < z) throw new Error(`hopcode/graphs: N = ${n} is too small: a constraint needs z = ${z} distinct inputs`);
}

/** Build a random simple (d, z)-biregular graph. Same seed ⇒ same graph. */
export function buildBiregular(opts: BiregularOptions): BipartiteGraph {
  const { n, d, z } = opts;
  validateBiregular(n, d, z);
  const m = (n * d) / z;
  const edges = n * d;
  const rng = Rng.stream(opts.seed, 0x62697265 /* 'bire' */, n, d, z);
  // slotVar[s] = input in slot s; constraint of slot s is floor(s / z).
  const slotVar = new Int32Array(edges);
  for (let e = 0; e < edges; e++) slotVar[e] = (e / d) | 0;
  rng.shuffle(slotVar);
  const state = new SlotState(n, d, z, slotVar);
  state.repairRepeats(rng);
  if (opts.girth6 ?? true) state.removeFourCycles(rng);
  const chkPtr = new Int32Array(m + 1);
  for (let c = 0; c <= m; c++) chkPtr[c] = c * z;
  return fromCsr(n, chkPtr, slotVar);
}

/** Mutable slot assignment with the reverse index needed for local swaps. */
class SlotState {
  private readonly varSlots: Int32Array; // d slots per input
  private readonly mark: Int32Array;
  private readonly count: Int32Array;
  private stamp = 0;

  constructor(
    private readonly n: number,
    private readonly d: number,
    private readonly z: number,
    private readonly slotVar: Int32Array,
  ) {
    this.varSlots = new Int32Array(n * d);
    const fill = new Int32Array(n);
    for (let s = 0; s < slotVar.length; s++) {
      const v = slotVar[s]!;
      this.varSlots[v * d + fill[v]!++] = s;
    }
    this.mark = new Int32Array(n).fill(-1);
    this.count = new Int32Array(n);
  }

  private hasRepeatIn(c: number): boolean {
    const st = ++this.stamp;
    for (let s = c * this.z; s < (c + 1) * this.z; s++) {
      const v = this.slotVar[s]!;
      if (this.mark[v] === st) return true;
      this.mark[v] = st;
    }
    return false;
  }

  private swap(s: number, t: number): void {
    const a = this.slotVar[s]!;
    const b = this.slotVar[t]!;
    this.slotVar[s] = b;
    this.slotVar[t] = a;
    const d = this.d;
    for (let j = a * d; j < a * d + d; j++) if (this.varSlots[j] === s) { this.varSlots[j] = t; break; }
    for (let j = b * d; j < b * d + d; j++) if (this.varSlots[j] === t) { this.varSlots[j] = s; break; }
  }

  /** True when constraint c lists input v. */
  private contains(c: number, v: number): boolean {
    for (let s = c * this.z; s < (c + 1) * this.z; s++) if (this.slotVar[s] === v) return true;
    return false;
  }

  /**
   * Move every repeated input out of its constraint: swap slot s (input v in c) with
   * the first slot t, scanning from a random start, whose input b is absent from c and
   * whose constraint lacks v — a swap that fixes c and breaks nothing. When no such
   * slot exists (tiny, nearly complete graphs), a random swap perturbs the state.
   */
  repairRepeats(rng: Rng): void {
    const z = this.z;
    const m = this.slotVar.length / z;
    const slots = this.slotVar.length;
    let budget = 100 * slots + 10_000;
    for (let c = 0; c < m; c++) {
      while (this.hasRepeatIn(c)) {
        if (--budget < 0) throw new Error(`hopcode/graphs: could not repair repeated edges for N = ${this.n}, d = ${this.d}, z = ${z}`);
        const s = this.repeatedSlot(c);
        const v = this.slotVar[s]!;
        const start = rng.int(slots);
        let done = false;
        for (let j = 0; j < slots && !done; j++) {
          const t = (start + j) % slots;
          const c2 = (t / z) | 0;
          if (c2 === c || this.contains(c, this.slotVar[t]!) || this.contains(c2, v)) continue;
          this.swap(s, t);
          done = true;
        }
        if (!done) {
          this.swap(s, rng.int(slots));
          c = -1; // a perturbation may break earlier constraints: rescan them all
          break;
        }
      }
    }
  }

  private repeatedSlot(c: number): number {
    const st = ++this.stamp;
    for (let s = c * this.z; s < (c + 1) * this.z; s++) {
      const v = this.slotVar[s]!;
      if (this.mark[v] === st) return s;
      this.mark[v] = st;
    }
    return -1;
  }

  /** Number of 4-cycles through input v, and one slot of v lying on such a cycle (-1 if none). */
  private cyclesAt(v: number): { cycles: number; slot: number } {
    const z = this.z;
    const st = ++this.stamp;
    let cycles = 0;
    let slot = -1;
    for (let j = v * this.d; j < (v + 1) * this.d; j++) {
      const s = this.varSlots[j]!;
      const c = (s / z) | 0;
      for (let t = c * z; t < (c + 1) * z; t++) {
        const u = this.slotVar[t]!;
        if (u === v) continue;
        if (this.mark[u] !== st) {
          this.mark[u] = st;
          this.count[u] = 1;
        } else {
          cycles += this.count[u]!;
          this.count[u]!++;
          slot = s;
        }
      }
    }
    return { cycles, slot };
  }

  removeFourCycles(rng: Rng): void {
    const slots = this.slotVar.length;
    const z = this.z;
    // Give up once 20 passes in a row meet no fewer 4-cycle sites than the best pass so far:
    // at sizes too small for girth 6 (e.g. hamming31-d3 at N ≈ 300) the 200 passes
    // otherwise take over a minute to fail. A pass that ends the search (found = 0) is
    // always a new best, so every graph that was built before is built the same.
    let best = Infinity;
    let sinceBest = 0;
    for (let pass = 0; pass < 200; pass++) {
      let found = 0;
      for (let v = 0; v < this.n; v++) {
        let here = this.cyclesAt(v);
        let tries = 0;
        while (here.cycles > 0 && tries++ < 200) {
          found++;
          const s = here.slot;
          const t = rng.int(slots);
          const b = this.slotVar[t]!;
          if (b === v || ((t / z) | 0) === ((s / z) | 0)) continue;
          const before = here.cycles + this.cyclesAt(b).cycles;
          this.swap(s, t);
          const ok = !this.hasRepeatIn((s / z) | 0) && !this.hasRepeatIn((t / z) | 0);
          const after = ok ? this.cyclesAt(v).cycles + this.cyclesAt(b).cycles : Infinity;
          if (after >= before) this.swap(s, t);
          here = this.cyclesAt(v);
        }
      }
      if (found === 0) return;
      if (found < best) {
        best = found;
        sinceBest = 0;
      } else if (++sinceBest >= 20) break;
    }
    throw new Error(
      `hopcode/graphs: could not remove all 4-cycles for N = ${this.n}, d = ${this.d}, z = ${this.z}; use a larger N or girth6: false`,
    );
  }
}
