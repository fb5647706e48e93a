/**
 * hopcode/decoders/hamming-kernel — unrolled cluster kernel for perfect Hamming clusters.
 *
 * For a Hamming(2^r − 1) cluster whose columns are a permutation of 1 .. L = 2^r − 1,
 * index the cluster's inputs by column value v (colVar[c·L + v − 1]); then
 *  - syndrome plane b:  s_b = ⊕_{v: bit b of v} x_{colVar[v]} (a fixed XOR pattern);
 *  - error at column v: E_v = ∧_b (s_b if bit b of v else ¬s_b), the minterm v of the
 *    syndrome planes, built for all v at once with a decoder tree (about 2^{r+1} ANDs
 *    for the whole cluster instead of r·L XNOR-ANDs);
 *  - dirty = ∨_b s_b.
 * E_v is stored in cluster order at slotE[c·L + v − 1] (sequential stores; the engine
 * maps an input's slot to that index), so an input's decision reads its d words E and
 * its d cluster dirty words, nothing else.
 * The source is generated once per r and compiled with `new Function` inside the
 * engine (sync-active-set.ts), with the engine's arrays as its context constants:
 *   new Function('X', 'syn', 'dirtyC', 'slotE', 'colVar', 'gainBuf', src)(...)
 *   → { fromX(c), fromSyn(c), refresh(c), toggle(f, c, col) }.
 * refresh(c) is fromSyn(c) that also reports where counts can have grown: −1 if the
 * cluster turned dirty in some lane, else the number k of inputs whose E word gained a
 * lane, listed in gainBuf[0 .. k).
 */
import type { CompiledNetwork } from './compiled-network.js';

const cache = new Map<number, string>();

/** The kernel source for `net`, or '' when some cluster is not a perfect Hamming code with permuted columns. */
export function hammingKernelSource(net: CompiledNetwork): string {
  if (net.family !== 'hamming') return '';
  const r = net.meta.synBits;
  if (r < 2 || r > 6) return '';
  const L = (1 << r) - 1;
  const { chkPtr, colSyn } = net;
  const seen = new Int32Array(L + 1);
  for (let c = 0; c < net.m; c++) {
    const lo = chkPtr[c]!;
    if (chkPtr[c + 1]! - lo !== L) return '';
    for (let e = lo; e < lo + L; e++) {
      const v = colSyn[e]!;
      if (v < 1 || v > L || seen[v] === c + 1) return '';
      seen[v] = c + 1;
    }
  }
  let src = cache.get(r);
  if (src === undefined) {
    src = generate(r);
    cache.set(r, src);
  }
  return src;
}

function generate(r: number): string {
  const L = (1 << r) - 1;
  const planes = Array.from({ length: r }, (_, b) => `s${b}`);
  // Decoder tree: p{k}_{v} = minterm v of planes 0..k−1.
  const tree: string[] = [];
  tree.push(`const n0 = ~s0;`);
  let prev = (v: number): string => (v & 1 ? 's0' : 'n0');
  for (let k = 1; k < r; k++) {
    tree.push(`const n${k} = ~s${k};`);
    const last = k === r - 1;
    const names: string[] = [];
    for (let v = last ? 1 : 0; v < 1 << (k + 1); v++) {
      const name = `p${k}_${v}`;
      tree.push(`const ${name} = ${prev(v & ((1 << k) - 1))} & ${(v >> k) & 1 ? `s${k}` : `n${k}`};`);
      names[v] = name;
    }
    prev = (v: number): string => names[v]!;
  }
  const stores: string[] = [];
  for (let v = 1; v <= L; v++) stores.push(`slotE[o + ${v - 1}] = ${prev(v)};`);
  const finish = [`dirtyC[c] = ${planes.join(' | ')};`, ...tree, `const o = c * ${L};`, ...stores].join('\n    ');
  const loads: string[] = [];
  for (let v = 1; v <= L; v++) loads.push(`const y${v} = X[colVar[o0 + ${v - 1}]];`);
  // Syndrome of y_1 .. y_L (y_v at column value v), recursively on the top bit k:
  // s_k = ⊕_{v ≥ 2^k} y_v, and the lower planes are those of z_u = y_u ⊕ y_{2^k + u}.
  const synFromX: string[] = [];
  let cur: string[] = [];
  for (let v = 1; v <= L; v++) cur[v] = `y${v}`;
  for (let k = r - 1; k >= 0; k--) {
    const h = 1 << k;
    const top: string[] = [];
    for (let v = h; v < 2 * h; v++) top.push(cur[v]!);
    synFromX.push(`const s${k} = ${top.join(' ^ ')};`, `syn[base + ${k}] = s${k};`);
    const next: string[] = [];
    for (let u = 1; u < h; u++) {
      next[u] = `z${k}_${u}`;
      synFromX.push(`const z${k}_${u} = ${cur[u]!} ^ ${cur[h + u]!};`);
    }
    cur = next;
  }
  const synLoad = planes.map((p, b) => `const ${p} = syn[base + ${b}];`);
  const gains: string[] = [];
  for (let v = 1; v <= L; v++) {
    gains.push(`{ const w = ${prev(v)}; if ((w & ~slotE[o + ${v - 1}]) !== 0) gainBuf[k++] = colVar[o + ${v - 1}]; slotE[o + ${v - 1}] = w; }`);
  }
  const tog = planes.map((_, b) => `syn[base + ${b}] ^= f & -((col >>> ${b}) & 1);`);
  return `"use strict";
  function fromX(c) {
    const o0 = c * ${L};
    const base = c * ${r};
    ${loads.join('\n    ')}
    ${synFromX.join('\n    ')}
    ${finish}
  }
  function fromSyn(c) {
    const base = c * ${r};
    ${synLoad.join('\n    ')}
    ${finish}
  }
  function refresh(c) {
    const base = c * ${r};
    ${synLoad.join('\n    ')}
    const nd = ${planes.join(' | ')};
    const od = dirtyC[c];
    if ((nd & ~od) !== 0) {
      ${finish.replace(/\n    /g, '\n      ')}
      return -1;
    }
    dirtyC[c] = nd;
    ${tree.join('\n    ')}
    const o = c * ${L};
    let k = 0;
    ${gains.join('\n    ')}
    return k;
  }
  function toggle(f, c, col) {
    const base = c * ${r};
    ${tog.join('\n    ')}
  }
  return { fromX, fromSyn, refresh, toggle };
`;
}
