/**
 * hopcode/baselines/bit-flipping — hard-decision decoders that are NOT the network.
 *
 * Reference points for the network's FER (DESIGN.md §1 quotes Gallager B's threshold),
 * operating on a parity-check matrix H only:
 *
 * Gallager B (Gallager 1963; Richardson & Urbanke, Modern Coding Theory §4.9), extrinsic
 * message passing on the Tanner graph with binary messages:
 *   check → bit:   m_{c→v} = ⊕_{v' ∈ ∂c \ v} m_{v'→c}
 *   bit → check:   m_{v→c} = ¬y_v if at least b of the d_v − 1 messages m_{c'→v},
 *                  c' ∈ ∂v \ c, differ from y_v; otherwise y_v
 *   decision:      x̂_v = majority of {y_v, m_{c→v} : c ∈ ∂v} (a tie keeps y_v);
 *                  or, with `decision: 'checks-only'` (AFF3CT's Gallager A/B rule), the
 *                  majority of the d_v messages m_{c→v} alone, a tie keeping y_v. For
 *                  d = 3 the first flips y_v when all 3 checks disagree with it, the
 *                  second when 2 do.
 * The default threshold b(d) = ⌊(d − 1)/2⌋ + 1 is a strict majority of the extrinsic
 * messages; for d = 3 it is b = 2, i.e. Gallager A, whose (3,6) BSC threshold is
 * p ≈ 0.039. Iterations stop as soon as H·x̂ = 0.
 *
 * Parallel majority bit flipping: every bit whose checks are in strict majority
 * unsatisfied (2·u_v > d_v) flips at once; repeat until H·x = 0, no bit qualifies
 * (stuck), the same set flips twice in a row (a 2-cycle: x_{t+1} = x_{t−1}, the usual
 * failure of parallel flipping) or the cap. Simple, and clearly weaker than message
 * passing.
 */
import type { SparseGf2 } from '../codes/tanner-code.js';
import { compileEdges, syndromeIsZero, type BaselineResult, type TannerEdges } from './tanner-edges.js';

export interface GallagerBOptions {
  /** Iteration cap (default 100). */
  maxIterations?: number;
  /** b, or b as a function of the bit degree d (default ⌊(d−1)/2⌋ + 1). */
  threshold?: number | ((degree: number) => number);
  /** Decision rule (default 'with-channel': majority of y_v and the check messages). */
  decision?: GallagerDecision;
}

/** 'with-channel': majority of {y_v, m_{c→v}}; 'checks-only': majority of the m_{c→v} (AFF3CT). */
export type GallagerDecision = 'with-channel' | 'checks-only';

/** Disagreements (check messages ≠ y_v) at which bit v of degree d flips, under a decision rule. */
export function decisionFlipsAt(decision: GallagerDecision, d: number): number {
  // with-channel: 2·dis > d + 1; checks-only: 2·dis > d (a tie keeps y_v either way).
  return decision === 'checks-only' ? Math.floor(d / 2) + 1 : Math.floor((d + 1) / 2) + 1;
}

export interface BitFlipOptions {
  /** Iteration cap (default 100). */
  maxIterations?: number;
}

function checkCap(v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`hopcode/bit-flipping: maxIterations must be an integer ≥ 1, got ${v}`);
  return v;
}

function checkInput(t: TannerEdges, y: Uint8Array): void {
  if (y.length !== t.n) throw new Error(`hopcode/bit-flipping: the received word has ${y.length} bits, H has N = ${t.n} columns`);
}

/** Gallager B message-passing decoder for one H; reuse it across frames. */
export class GallagerBDecoder {
  readonly t: TannerEdges;
  readonly maxIterations: number;
  /** Per-bit threshold b(d_v). */
  readonly b: Int32Array;
  /** Per-bit decision count: flip when at least this many check messages disagree with y_v. */
  readonly flipAt: Int32Array;
  private readonly vc: Uint8Array;
  private readonly cv: Uint8Array;

  constructor(h: SparseGf2, opts: GallagerBOptions = {}) {
    this.t = compileEdges(h);
    this.maxIterations = checkCap(opts.maxIterations ?? 100);
    const rule = opts.threshold ?? ((d: number) => Math.floor((d - 1) / 2) + 1);
    this.b = new Int32Array(this.t.n);
    this.flipAt = new Int32Array(this.t.n);
    const decision = opts.decision ?? 'with-channel';
    if (decision !== 'with-channel' && decision !== 'checks-only') throw new Error(`hopcode/bit-flipping: the Gallager B decision must be with-channel or checks-only, got "${String(decision)}"`);
    for (let v = 0; v < this.t.n; v++) {
      const d = this.t.varPtr[v + 1]! - this.t.varPtr[v]!;
      const b = typeof rule === 'number' ? rule : rule(d);
      if (!Number.isInteger(b) || b < 1) throw new Error(`hopcode/bit-flipping: the Gallager B threshold must be an integer ≥ 1, got ${b} for degree ${d}`);
      this.b[v] = b;
      this.flipAt[v] = decisionFlipsAt(decision, d);
    }
    this.vc = new Uint8Array(this.t.edges);
    this.cv = new Uint8Array(this.t.edges);
  }

  decode(y: Uint8Array): BaselineResult {
    const { n, m, chkPtr, edgeVar, varPtr, varEdge, edges } = this.t;
    checkInput(this.t, y);
    const x = Uint8Array.from(y);
    if (syndromeIsZero(this.t, x)) return { state: x, converged: true, sweeps: 0, isStoredState: true };
    const vc = this.vc;
    const cv = this.cv;
    for (let e = 0; e < edges; e++) vc[e] = y[edgeVar[e]!]!;
    for (let it = 1; it <= this.maxIterations; it++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s ^= vc[e]!;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) cv[e] = s ^ vc[e]!;
      }
      for (let v = 0; v < n; v++) {
        const yv = y[v]!;
        const lo = varPtr[v]!;
        const hi = varPtr[v + 1]!;
        let disagree = 0;
        for (let k = lo; k < hi; k++) disagree += cv[varEdge[k]!]! ^ yv;
        const b = this.b[v]!;
        for (let k = lo; k < hi; k++) {
          const e = varEdge[k]!;
          vc[e] = disagree - (cv[e]! ^ yv) >= b ? yv ^ 1 : yv;
        }
        x[v] = disagree >= this.flipAt[v]! ? yv ^ 1 : yv;
      }
      if (syndromeIsZero(this.t, x)) return { state: x, converged: true, sweeps: it, isStoredState: true };
    }
    return { state: x, converged: false, sweeps: this.maxIterations, isStoredState: false };
  }
}

/** Parallel majority bit-flipping decoder for one H; reuse it across frames. */
export class MajorityBitFlipDecoder {
  readonly t: TannerEdges;
  readonly maxIterations: number;
  private readonly syn: Uint8Array;
  private readonly flip: Uint8Array;
  private readonly lastFlip: Uint8Array;
  /** The check owning each edge. */
  private readonly edgeCheck: Int32Array;

  constructor(h: SparseGf2, opts: BitFlipOptions = {}) {
    this.t = compileEdges(h);
    this.maxIterations = checkCap(opts.maxIterations ?? 100);
    this.syn = new Uint8Array(this.t.m);
    this.flip = new Uint8Array(this.t.n);
    this.lastFlip = new Uint8Array(this.t.n);
    this.edgeCheck = new Int32Array(this.t.edges);
    for (let c = 0; c < this.t.m; c++) this.edgeCheck.fill(c, this.t.chkPtr[c]!, this.t.chkPtr[c + 1]!);
  }

  decode(y: Uint8Array): BaselineResult {
    const { n, m, chkPtr, edgeVar, varPtr, varEdge } = this.t;
    checkInput(this.t, y);
    const x = Uint8Array.from(y);
    const syn = this.syn;
    const { edgeCheck, flip, lastFlip } = this;
    lastFlip.fill(0);
    for (let it = 0; ; it++) {
      let bad = 0;
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) s ^= x[edgeVar[e]!]!;
        syn[c] = s;
        bad += s;
      }
      if (bad === 0) return { state: x, converged: true, sweeps: it, isStoredState: true };
      if (it === this.maxIterations) return { state: x, converged: false, sweeps: it, isStoredState: false };
      let flips = 0;
      let same = it > 0;
      for (let v = 0; v < n; v++) {
        let u = 0;
        for (let k = varPtr[v]!; k < varPtr[v + 1]!; k++) u += syn[edgeCheck[varEdge[k]!]!]!;
        const f = 2 * u > varPtr[v + 1]! - varPtr[v]! ? 1 : 0;
        flip[v] = f;
        flips += f;
        if (f !== lastFlip[v]) same = false;
      }
      if (flips === 0 || same) return { state: x, converged: false, sweeps: it, isStoredState: false };
      for (let v = 0; v < n; v++) {
        x[v] = x[v]! ^ flip[v]!;
        lastFlip[v] = flip[v]!;
      }
    }
  }
}

/** One-shot Gallager B decode (builds the decoder: prefer the class in loops). */
export function gallagerBDecode(h: SparseGf2, y: Uint8Array, opts: GallagerBOptions = {}): BaselineResult {
  return new GallagerBDecoder(h, opts).decode(y);
}

/** One-shot parallel majority bit-flip decode. */
export function majorityBitFlipDecode(h: SparseGf2, y: Uint8Array, opts: BitFlipOptions = {}): BaselineResult {
  return new MajorityBitFlipDecoder(h, opts).decode(y);
}
