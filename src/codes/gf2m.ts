/**
 * hopcode/codes/gf2m — the finite field GF(2^m) and minimal polynomials over GF(2).
 *
 * What the BCH local codes (codes/bch.ts) are built from, computed here rather than
 * typed in: the primitive polynomial of degree m (the smallest p(x) with constant
 * term 1 for which x has multiplicative order 2^m − 1 modulo p, hence irreducible and
 * primitive), the log/antilog tables of α = x, the cyclotomic coset of an exponent
 * i (i, 2i, 4i, … mod 2^m − 1) and the minimal polynomial of α^i,
 * M_i(x) = Π_{j ∈ coset(i)} (x − α^j), whose coefficients lie in GF(2)
 * (MacWilliams & Sloane, ch. 4). Polynomials over GF(2) are bit masks
 * (bit j = coefficient of x^j), degree ≤ 31.
 */

export const GF_MIN_M = 2;
export const GF_MAX_M = 16;

/** GF(2^m) with α a root of the primitive polynomial `poly`. */
export class GF2m {
  readonly m: number;
  /** Number of non-zero elements, 2^m − 1 (the BCH length). */
  readonly order: number;
  /** The primitive polynomial, bit mask of degree m. */
  readonly poly: number;
  /** exp[i] = α^i as an m-bit vector, for i in 0 .. 2·order − 1 (doubled: no modulo in mul). */
  readonly exp: Uint32Array;
  /** log[a] = i with α^i = a, for a ≠ 0 (log[0] unused). */
  readonly log: Int32Array;

  constructor(m: number) {
    if (!Number.isInteger(m) || m < GF_MIN_M || m > GF_MAX_M) throw new Error(`hopcode/gf2m: m must be an integer in ${GF_MIN_M}..${GF_MAX_M}, got ${m}`);
    this.m = m;
    this.order = 2 ** m - 1;
    this.poly = primitivePolynomial(m);
    this.exp = new Uint32Array(2 * this.order);
    this.log = new Int32Array(this.order + 1).fill(-1);
    let a = 1;
    for (let i = 0; i < this.order; i++) {
      this.exp[i] = a;
      this.exp[i + this.order] = a;
      this.log[a] = i;
      a <<= 1;
      if (a >>> m) a ^= this.poly;
    }
  }

  mul(a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    return this.exp[this.log[a]! + this.log[b]!]!;
  }

  /** α^i for any integer i. */
  alphaPow(i: number): number {
    const r = ((i % this.order) + this.order) % this.order;
    return this.exp[r]!;
  }

  /** The cyclotomic coset of i modulo 2^m − 1, sorted. */
  coset(i: number): number[] {
    const n = this.order;
    const start = ((i % n) + n) % n;
    const out: number[] = [];
    let j = start;
    do {
      out.push(j);
      j = (2 * j) % n;
    } while (j !== start);
    return out.sort((a, b) => a - b);
  }

  /** Minimal polynomial of α^i over GF(2), as a bit mask. */
  minimalPolynomial(i: number): number {
    // Multiply (x + α^j) over the coset with coefficients in GF(2^m); they end up in {0, 1}.
    let coeffs = [1];
    for (const j of this.coset(i)) {
      const root = this.exp[j]!;
      const next = new Array<number>(coeffs.length + 1).fill(0);
      for (let k = 0; k < coeffs.length; k++) {
        next[k + 1]! ^= coeffs[k]!;
        next[k]! ^= this.mul(coeffs[k]!, root);
      }
      coeffs = next;
    }
    let mask = 0;
    for (let k = 0; k < coeffs.length; k++) {
      if (coeffs[k]! > 1) throw new Error(`hopcode/gf2m: minimal polynomial of α^${i} has a coefficient outside GF(2) (internal error)`);
      if (k > 31) throw new Error(`hopcode/gf2m: minimal polynomial of α^${i} has degree ${coeffs.length - 1} > 31`);
      mask = (mask | (coeffs[k]! << k)) >>> 0;
    }
    return mask;
  }

  /** Evaluate a GF(2) polynomial (bit mask) at α^i. */
  evalAtAlphaPow(poly: number, i: number): number {
    let acc = 0;
    for (let k = 0; k < 32; k++) if ((poly >>> k) & 1) acc ^= this.alphaPow(i * k);
    return acc;
  }
}

/** Degree of a GF(2) polynomial given as a bit mask (−1 for 0). */
export function polyDegree(p: number): number {
  return 31 - Math.clz32(p >>> 0);
}

/** Product of two GF(2) polynomials (carry-less); the result must fit 31 bits of degree. */
export function polyMul(a: number, b: number): number {
  if (polyDegree(a) + polyDegree(b) > 31) throw new Error('hopcode/gf2m: polynomial product of degree > 31');
  let r = 0;
  for (let k = 0; k < 32; k++) if ((b >>> k) & 1) r = (r ^ (a << k)) >>> 0;
  return r >>> 0;
}

/** Remainder of the GF(2) polynomial given by `bits` (bits[j] = coefficient of x^j) modulo g. */
export function polyRemainderBits(bits: ArrayLike<number>, g: number): number {
  const dg = polyDegree(g);
  if (dg < 1) throw new Error('hopcode/gf2m: the divisor must have degree ≥ 1');
  // Horner from the top coefficient: r ← r·x + b_j, reduced once its degree reaches dg.
  let r = 0;
  for (let j = bits.length - 1; j >= 0; j--) {
    r = (r << 1) | (bits[j]! & 1);
    if ((r >>> dg) & 1) r ^= g;
  }
  return r >>> 0;
}

/** The smallest primitive polynomial of degree m (as an integer, constant term 1). */
export function primitivePolynomial(m: number): number {
  const order = 2 ** m - 1;
  for (let p = (1 << m) | 1; p < 1 << (m + 1); p += 2) {
    // Order of x modulo p: primitive iff the first return to 1 is at 2^m − 1.
    let a = 1;
    let k = 0;
    do {
      a <<= 1;
      if (a >>> m) a ^= p;
      k++;
    } while (a !== 1 && k <= order);
    if (k === order) return p;
  }
  throw new Error(`hopcode/gf2m: no primitive polynomial of degree ${m} found (internal error)`);
}
