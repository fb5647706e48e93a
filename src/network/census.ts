/**
 * hopcode/network/census — every input state of a small network, classified.
 *
 * For N ≤ 24, enumerate all 2^N states and count the fixed points of the
 * deterministic dynamics (a state is fixed under the synchronous schedule iff it is
 * fixed under the asynchronous one: no input's field points away from its value),
 * split into stored states (codewords of T(G, L)) and spurious fixed points.
 */
import { inputField, type InputRule } from '../decoders/reference-dynamics.js';
import type { Code } from './code.js';

export const CENSUS_MAX_N = 24;

export interface Census {
  n: number;
  rule: InputRule;
  /** log2 of the number of stored states, from the rank of H. */
  log2States: number;
  /** 2^log2States. */
  states: number;
  /** Stored states found by enumeration (every constraint satisfied). */
  storedStates: number;
  fixedPoints: number;
  /** Stored states that are fixed points (must equal storedStates). */
  storedFixedPoints: number;
  spuriousFixedPoints: number;
}

/** Enumerate all 2^N states of a small network. */
export function census(code: Code, rule: InputRule = code.rule, onProgress?: (fraction: number) => void): Census {
  const net = code.network;
  const n = net.n;
  if (n > CENSUS_MAX_N) throw new Error(`hopcode/census: N = ${n} is too large to enumerate (at most ${CENSUS_MAX_N})`);
  const x = new Uint8Array(n);
  let stored = 0;
  let fixed = 0;
  let storedFixed = 0;
  const total = 2 ** n;
  for (let s = 0; s < total; s++) {
    if (onProgress && (s & 0xfffff) === 0 && s > 0) onProgress(s / total);
    for (let i = 0; i < n; i++) x[i] = (s >>> i) & 1;
    const isStored = net.isStoredState(x);
    let isFixed = true;
    for (let i = 0; i < n && isFixed; i++) {
      const h = inputField(net, x, i, rule);
      if ((h > 0 && x[i] === 0) || (h < 0 && x[i] === 1)) isFixed = false;
    }
    if (isStored) stored++;
    if (isFixed) fixed++;
    if (isStored && isFixed) storedFixed++;
  }
  const log2States = code.log2States;
  return {
    n,
    rule,
    log2States,
    states: 2 ** log2States,
    storedStates: stored,
    fixedPoints: fixed,
    storedFixedPoints: storedFixed,
    spuriousFixedPoints: fixed - storedFixed,
  };
}
