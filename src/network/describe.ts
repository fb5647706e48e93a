/**
 * hopcode/network/describe — the facts about a built network, as one plain object.
 *
 * What `hopcode info` prints: sizes, rates (design and exact, from rank H), the number
 * of stored states, the hidden layer, the weights, and the expansion certificates
 * (σ₂ of the biadjacency matrix vs the Ramanujan bound √(d−1) + √(z−1), girth).
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
  rate: number;
  k: number;
  log2States: number;
  hiddenUnits: number;
  edges: number;
  weightValues: number[];
  lateralInhibition: number;
  sigma1: number;
  sigma2: number;
  ramanujanBound: number;
  girth: number;
  girthExact: boolean;
  notes: string[];
}

export function describe(code: Code): NetworkInfo {
  const net = code.network;
  const deg = degrees(code.graph);
  const spectral = secondSingularValue(code.graph);
  const g = girth(code.graph);
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
    rate: code.rate,
    k: code.log2States,
    log2States: code.log2States,
    hiddenUnits: net.hiddenUnits,
    edges: edgeCount(code.graph),
    weightValues: net.weightValues(),
    lateralInhibition: net.lambda,
    sigma1: spectral.sigma1,
    sigma2: spectral.sigma2,
    ramanujanBound: spectral.ramanujanBound,
    girth: g.girth,
    girthExact: g.exact,
    notes: [...code.notes],
  };
}
