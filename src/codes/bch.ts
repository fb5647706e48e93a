/**
 * hopcode/codes/bch — binary primitive narrow-sense BCH codes as local codes.
 *
 * BCH(n = 2^m − 1, k, t): the cyclic code whose generator polynomial is
 * g(x) = lcm(M_1, M_3, …, M_{2t−1}), M_i the minimal polynomial of α^i over GF(2)
 * (codes/gf2m.ts), so k = n − deg g and, by the BCH bound, d_min ≥ 2t + 1
 * (MacWilliams & Sloane, ch. 7; Lin & Costello, ch. 6). A word y is a codeword iff
 * g(x) divides y(x); its syndrome is y(x) mod g(x) (deg g bits), the XOR of the column
 * syndromes x^j mod g(x) of its ones. With d_min ≥ 2t + 1 the radius-t balls are
 * disjoint, so the cluster of DESIGN.md §4 (bias |a| − t − ½) is decoded by a
 * syndrome table of 2^(n−k) entries (codes/bounded-distance.ts).
 * Supported here: m = 3..8 (z ≤ 255) and t = 1..3 (n − k ≤ 24 table bits).
 */
import { GF2m, polyDegree, polyMul, polyRemainderBits } from './gf2m.js';
import { LocalCode } from './local-code.js';

export const BCH_MIN_M = 3;
export const BCH_MAX_M = 8;
export const BCH_MAX_T = 3;

export interface BchParams {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Designed error-correcting radius (d_min ≥ 2t + 1). */
  readonly t: number;
  /** Generator polynomial g(x), bit mask (degree n − k). */
  readonly generator: number;
}

const fields = new Map<number, GF2m>();
function fieldOf(m: number): GF2m {
  let f = fields.get(m);
  if (!f) fields.set(m, (f = new GF2m(m)));
  return f;
}

/** BCH of length 2^m − 1 and designed radius t: generator and dimension. */
export function bchParams(m: number, t: number): BchParams {
  if (!Number.isInteger(m) || m < BCH_MIN_M || m > BCH_MAX_M) throw new Error(`hopcode/bch: m must be an integer in ${BCH_MIN_M}..${BCH_MAX_M} (length 7..255), got ${m}`);
  if (!Number.isInteger(t) || t < 1 || t > BCH_MAX_T) throw new Error(`hopcode/bch: t must be an integer in 1..${BCH_MAX_T}, got ${t}`);
  const gf = fieldOf(m);
  const n = gf.order;
  const seen = new Set<number>();
  let g = 1;
  for (let i = 1; i <= 2 * t - 1; i += 2) {
    const rep = gf.coset(i)[0]!;
    if (seen.has(rep)) continue; // same coset, same minimal polynomial: lcm takes it once
    seen.add(rep);
    g = polyMul(g, gf.minimalPolynomial(i));
  }
  const k = n - polyDegree(g);
  if (k < 1) throw new Error(`hopcode/bch: BCH of length ${n} with t = ${t} has no information bits`);
  return { m, n, k, t, generator: g };
}

/** Every BCH code this module builds at length n: (k, t) for t = 1..3 (distinct k). */
export function bchCodesOfLength(n: number): BchParams[] {
  const m = Math.log2(n + 1);
  if (!Number.isInteger(m) || m < BCH_MIN_M || m > BCH_MAX_M) return [];
  const out: BchParams[] = [];
  for (let t = 1; t <= BCH_MAX_T; t++) {
    let p: BchParams;
    try {
      p = bchParams(m, t);
    } catch {
      break;
    }
    // Equal generators (e.g. the t = 2 and t = 3 codes of length 7): keep the larger designed radius.
    if (out.length > 0 && out[out.length - 1]!.k === p.k) out.pop();
    out.push(p);
  }
  return out;
}

/** The BCH code BCH(n, k): throws one line naming what does not exist. */
export function bchByLengthDimension(n: number, k: number): BchParams {
  const m = Math.log2(n + 1);
  if (!Number.isInteger(n) || !Number.isInteger(m) || m < BCH_MIN_M || m > BCH_MAX_M) {
    throw new Error(`hopcode/bch: BCH length n = ${n} is not supported: n must be 2^m − 1 for m = ${BCH_MIN_M}..${BCH_MAX_M} (7, 15, 31, 63, 127, 255)`);
  }
  const all = bchCodesOfLength(n);
  const hit = all.find((p) => p.k === k);
  if (!hit) throw new Error(`hopcode/bch: no BCH(${n}, ${k}) with t ≤ ${BCH_MAX_T}: the dimensions at length ${n} are ${all.map((p) => `${p.k} (t = ${p.t})`).join(', ')}`);
  return hit;
}

/** Column syndromes x^j mod g(x), j = 0 .. n − 1 (n − k bits each). */
export function bchColumns(p: BchParams): Uint32Array {
  const r = p.n - p.k;
  const col = new Uint32Array(p.n);
  let s = 1;
  for (let j = 0; j < p.n; j++) {
    col[j] = s;
    s <<= 1;
    if ((s >>> r) & 1) s ^= p.generator;
  }
  return col;
}

/** Syndrome y(x) mod g(x) of a local word given as bits (bit j = coefficient of x^j): the long-division reference. */
export function bchSyndromeOfBits(p: BchParams, bits: ArrayLike<number>): number {
  if (bits.length !== p.n) throw new Error(`hopcode/bch: expected ${p.n} bits, got ${bits.length}`);
  return polyRemainderBits(bits, p.generator);
}

/** Name of a BCH local code: `bch63-51`. */
export function bchName(p: BchParams): string {
  return `bch${p.n}-${p.k}`;
}

const localCodes = new Map<string, LocalCode>();

/** The BCH(n, k) local code (cached: its syndrome table is built once per process). */
export function bchLocalCode(n: number, k: number): LocalCode {
  const p = bchByLengthDimension(n, k);
  const name = bchName(p);
  let lc = localCodes.get(name);
  if (!lc) {
    lc = new LocalCode({ name, z: p.n, columns: [...bchColumns(p)], designedDistance: 2 * p.t + 1 });
    localCodes.set(name, lc);
  }
  return lc;
}

/** Parse `bch<n>-<k>` (null when the text is not of that form). */
export function parseBchName(text: string): { n: number; k: number } | null {
  const m = /^bch(\d+)-(\d+)$/.exec(text);
  return m ? { n: Number(m[1]), k: Number(m[2]) } : null;
}
