/**
 * hopcode/network/describe — the facts about a built network, as one plain object.
 *
 * What `hopcode info` prints: sizes, rates (design and exact, from rank H), the number
 * of stored states, the hidden layer, the weights, and the expansion certificates
 * (σ₂ of the biadjacency matrix vs the Ramanujan bound √(d−1) + √(z−1), girth).
 *
 * The exact rank (peeling + a dense core) and σ₂ (Lanczos) cost minutes at N ≈ 10^6, so
 * above a size budget they are skipped unless asked for (`full`), and reported as
 * not computed (null, named in `skipped`) rather than guessed.
 */
import { degrees, edgeCount } from '../graphs/bipartite-graph.js';
import { girth, secondSingularValue } from '../graphs/certificates.js';
import type { Code } from './code.js';

export interface NetworkInfo {
  name: string;
  n: number;
  m: number;
  d: number;
  z: number;
  localCode: string;
  radius: number;
  rule: string;
  schedule: string;
  designRate: number;
  /** Exact K/N; null when the rank was not computed (see `skipped`). */
  rate: number | null;
  k: number | null;
  log2States: number | null;
  hiddenUnits: number;
  edges: number;
  weightValues: number[];
  lateralInhibition: number;
  sigma1: number | null;
  sigma2: number | null;
  ramanujanBound: number;
  girth: number;
  girthExact: boolean;
  notes: string[];
  /** What was not computed and why (e.g. "exact rank: N > 32768"). */
  skipped: string[];
}

/** Largest N for which `describe` computes each costly fact by default. */
export const DESCRIBE_BUDGET = { rankMaxN: 32768, spectrumMaxN: 200_000, girthSources: 20_000, girthSourcesLarge: 2000 } as const;

export interface DescribeOptions {
  /** Compute every fact whatever N (minutes at N = 10^6). */
  full?: boolean;
  /** Called before each costly step (progress for long commands). */
  onStep?: (what: string) => void;
}

export function describe(code: Code, opts: DescribeOptions = {}): NetworkInfo {
  const net = code.network;
  const deg = degrees(code.graph);
  const n = code.n;
  const skipped: string[] = [];
  const step = opts.onStep ?? ((): void => {});
  const doSpectrum = opts.full === true || n <= DESCRIBE_BUDGET.spectrumMaxN;
  if (doSpectrum) step('σ₂ (Lanczos)');
  else skipped.push(`σ₂: N > ${DESCRIBE_BUDGET.spectrumMaxN}`);
  const spectral = doSpectrum ? secondSingularValue(code.graph) : undefined;
  step('girth');
  const g = girth(code.graph, { maxSources: n > DESCRIBE_BUDGET.spectrumMaxN && !opts.full ? DESCRIBE_BUDGET.girthSourcesLarge : DESCRIBE_BUDGET.girthSources });
  const doRank = opts.full === true || n <= DESCRIBE_BUDGET.rankMaxN;
  if (doRank) step('exact rank of H');
  else skipped.push(`exact rank: N > ${DESCRIBE_BUDGET.rankMaxN}`);
  const k = doRank ? code.log2States : null;
  const { d, z } = deg;
  const ramanujanBound = Math.sqrt(Math.max(0, d - 1)) + Math.sqrt(Math.max(0, z - 1));
  return {
    name: code.name,
    n: code.n,
    m: code.m,
    d: deg.d,
    z: deg.z,
    localCode: net.codes.map((c) => c.name).join(','),
    radius: net.radius,
    rule: code.rule,
    schedule: code.schedule,
    designRate: code.designRate,
    rate: k === null ? null : k / n,
    k,
    log2States: k,
    hiddenUnits: net.hiddenUnits,
    edges: edgeCount(code.graph),
    weightValues: net.weightValues(),
    lateralInhibition: net.lambda,
    sigma1: spectral ? spectral.sigma1 : null,
    sigma2: spectral ? spectral.sigma2 : null,
    ramanujanBound: spectral ? spectral.ramanujanBound : ramanujanBound,
    girth: g.girth,
    girthExact: g.exact,
    notes: [...code.notes],
    skipped,
  };
}
