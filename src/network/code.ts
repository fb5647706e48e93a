/**
 * hopcode/network/code — a built network with everything derived from it.
 *
 * Bundles the graph, the Boltzmann machine, the global parity-check matrix and the
 * systematic encoder (built lazily: exact rank costs seconds at N = 10^5), plus the
 * default dynamics. Built from a preset, explicit (N, d, local code) parameters, or a
 * parity-check matrix (alist): the friendly layer that compiles into kernel arrays.
 */
import { buildBiregular } from '../graphs/biregular.js';
import { buildPairBalanced } from '../graphs/pair-balanced.js';
import { type BipartiteGraph, fromCsr } from '../graphs/bipartite-graph.js';
import { localCodeByName, singleParity } from '../codes/families.js';
import type { LocalCode } from '../codes/local-code.js';
import { parityCheckMatrix, type SparseGf2 } from '../codes/tanner-code.js';
import { SystematicEncoder } from '../codes/systematic-encoder.js';
import type { InputRule, Schedule } from '../decoders/reference-dynamics.js';
import { masterSeed } from '../util/rng.js';
import { HopfieldNetwork } from './hopfield-network.js';
import { designRate, presetByName, roundN } from './presets.js';

export interface PresetCodeOptions {
  preset: string;
  n: number;
  seed?: number | string;
  /** Remove 4-cycles: true, false, or 'auto' (try, and keep them with a note when N is too small). */
  girth6?: boolean | 'auto';
  radius?: number;
}

export interface CustomCodeOptions {
  n: number;
  d: number;
  localCode: string | LocalCode;
  seed?: number | string;
  girth6?: boolean | 'auto';
  radius?: number;
  rule?: InputRule;
  schedule?: Schedule;
}

export class Code {
  private encoderCache: SystematicEncoder | undefined;
  private hCache: SparseGf2 | undefined;

  constructor(
    readonly name: string,
    readonly network: HopfieldNetwork,
    readonly seed: number,
    readonly rule: InputRule,
    readonly schedule: Schedule,
    readonly designRate: number,
    /** What the builder had to change or could not do (N rounded, 4-cycles kept …). */
    readonly notes: readonly string[] = [],
    h?: SparseGf2,
  ) {
    this.hCache = h;
  }

  get graph(): BipartiteGraph {
    return this.network.graph;
  }
  get n(): number {
    return this.network.n;
  }
  get m(): number {
    return this.network.m;
  }

  /** Global sparse parity-check matrix H. */
  get parityCheck(): SparseGf2 {
    this.hCache ??= parityCheckMatrix(this.graph, this.network.codes.length === 1 ? this.network.codes[0]! : Array.from({ length: this.m }, (_, c) => this.network.codeOf(c)));
    return this.hCache;
  }

  /** Systematic encoder (exact rank on first use). */
  get encoder(): SystematicEncoder {
    // One local code, rows in blocks per constraint: wide (BCH) rows are peeled block-wise.
    const one = this.network.codes.length === 1 ? this.network.codes[0]! : undefined;
    this.encoderCache ??= new SystematicEncoder(this.parityCheck, one?.wide ? { rowsPerGroup: one.syndromeBits } : {});
    return this.encoderCache;
  }

  /** K = log2(number of stored states) = N − rank H. */
  get log2States(): number {
    return this.encoder.k;
  }

  /** Exact rate K / N. */
  get rate(): number {
    return this.encoder.k / this.n;
  }
}

function buildGraph(n: number, d: number, z: number, seed: number, girth6: boolean | 'auto', notes: string[]): BipartiteGraph {
  if (girth6 !== 'auto') return buildBiregular({ n, d, z, seed, girth6 });
  // Girth 6 needs every pair of constraints to share at most one input: N·C(d,2) ≤ C(M,2).
  // Wide clusters (BCH(255, k) with d = 2 below N ≈ 32 500) cannot have it: don't search.
  const m = (n * d) / z;
  if ((n * d * (d - 1)) / 2 > (m * (m - 1)) / 2) {
    notes.push(`4-cycles are unavoidable at N = ${n} (N·C(d,2) > C(M,2)): the graph keeps some (girth 4)`);
    return buildBiregular({ n, d, z, seed, girth6: false });
  }
  try {
    return buildBiregular({ n, d, z, seed, girth6: true });
  } catch {
    notes.push(`4-cycles could not all be removed at N = ${n}: the graph keeps some (girth 4)`);
    return buildBiregular({ n, d, z, seed, girth6: false });
  }
}

/** Build a named preset at (about) N inputs. */
export function buildPreset(opts: PresetCodeOptions): Code {
  const p = presetByName(opts.preset);
  const { n, note } = roundN(p, opts.n);
  const notes = note ? [note] : [];
  const seed = masterSeed(opts.seed ?? 1);
  // Opt-in presets name their own builder (pair-balanced: d = 2); all others keep the configuration model.
  const graph = p.graph === 'pair-balanced' ? buildPairBalanced({ n, z: p.z, seed }) : buildGraph(n, p.d, p.z, seed, opts.girth6 ?? 'auto', notes);
  const network = new HopfieldNetwork({ graph, codes: localCodeByName(p.localCode), radius: opts.radius });
  return new Code(p.name, network, seed, p.rule, p.schedule, designRate(p), notes);
}

/** Build a network from explicit parameters (no rounding: bad sizes are errors). */
export function buildCustom(opts: CustomCodeOptions): Code {
  const local = typeof opts.localCode === 'string' ? localCodeByName(opts.localCode) : opts.localCode;
  const seed = masterSeed(opts.seed ?? 1);
  const notes: string[] = [];
  const graph = buildGraph(opts.n, opts.d, local.z, seed, opts.girth6 ?? 'auto', notes);
  const network = new HopfieldNetwork({ graph, codes: local, radius: opts.radius });
  const rate = 1 - opts.d * (1 - local.k0 / local.z);
  return new Code(`${local.name}-d${opts.d}`, network, seed, opts.rule ?? 'free-energy', opts.schedule ?? 'sync', rate, notes);
}

/**
 * A network from a parity-check matrix: each row becomes a single-parity-check
 * constraint over its columns (so any LDPC code, e.g. from an alist file, runs as a
 * self-decoding network).
 */
export function codeFromParityCheck(h: SparseGf2, name = 'alist'): Code {
  const graph = fromCsr(h.cols, h.rowPtr, h.rowCol);
  const byZ = new Map<number, LocalCode>();
  const codes: LocalCode[] = [];
  for (let c = 0; c < h.rows; c++) {
    const z = h.rowPtr[c + 1]! - h.rowPtr[c]!;
    if (z < 1) throw new Error(`hopcode/code: row ${c + 1} of the parity-check matrix is empty`);
    if (z > 31) throw new Error(`hopcode/code: row ${c + 1} has ${z} ones; constraints of more than 31 inputs are not supported`);
    if (!byZ.has(z)) byZ.set(z, singleParity(z));
    codes.push(byZ.get(z)!);
  }
  const network = new HopfieldNetwork({ graph, codes });
  return new Code(name, network, 0, 'free-energy', 'sync', 1 - h.rows / h.cols, [], h);
}
