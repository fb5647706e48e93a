/**
 * hopcode/codes/local-code — a constraint node's permitted patterns L ⊂ {0,1}^z.
 *
 * DESIGN.md §1: constraint c holds one hidden unit per permitted pattern a; the
 * unit nearest to the local input (within radius r, unique) is the one that fires.
 * Patterns are z-bit words (bit k = position k of the constraint, z ≤ 31).
 * Linear codes are decoded by syndrome: the nearest codeword to y is y ⊕ e for a
 * minimum-weight coset leader e, and it is unique iff the coset has one such leader.
 * That keeps Hamming(31,26) (2^26 patterns, i.e. 2^26 hidden units per cluster)
 * cheap: the table has 2^(z−k₀) entries, not 2^k₀.
 * Wide codes (z up to 255, e.g. BCH(63, 51) … BCH(255, 231)) are given by their column
 * syndromes: local words no longer fit a 32-bit mask, so the mask methods refuse them
 * and clusters are decoded through `columnSyndrome` and the radius-t table
 * (`radiusTable`, codes/bounded-distance.ts).
 */
import { nextSamePopcount, parity32, popcount32 } from '../util/bits.js';
import { boundedDistanceTable, MAX_TABLE_SYN_BITS, MAX_TABLE_Z } from './bounded-distance.js';

const MAX_Z = 31;
const MAX_ENUMERATE = 1 << 20;

export interface LocalCodeSpec {
  name: string;
  z: number;
  /** Parity-check rows as z-bit masks (linear codes). */
  checkRows?: readonly number[];
  /** Explicit permitted patterns as z-bit masks. */
  patterns?: readonly number[];
  /** Column syndromes (linear codes, any z ≤ 255): bit j of columns[k] = H_jk. */
  columns?: readonly number[];
  /** Wide codes (z > 31): a proven lower bound on d_min (e.g. the BCH bound 2t + 1), reported as minDistance. */
  designedDistance?: number;
}

/** Result of a nearest-pattern query. */
export interface Nearest {
  /** A nearest permitted pattern. */
  pattern: number;
  /** Its Hamming distance to the input. */
  dist: number;
  /** How many permitted patterns lie at that distance (> 1 is a tie). */
  ties: number;
}

export class LocalCode {
  readonly name: string;
  readonly z: number;
  /** Dimension k₀ (log2 of the number of patterns). */
  readonly k0: number;
  readonly linear: boolean;
  /** Parity-check rows (linear codes), z-bit masks; empty for non-linear lists. */
  readonly checkRows: Uint32Array;
  /** Every permitted pattern when there are at most 2^20 of them, else null. */
  readonly patterns: Uint32Array | null;
  readonly minDistance: number;
  /** Number of permitted patterns (= hidden units per cluster). */
  readonly size: number;
  // Syndrome tables (linear codes): one min-weight leader, its weight, and all tied leaders.
  private readonly colSyndrome: Uint32Array;
  private readonly leader: Uint32Array;
  private readonly leaderWeight: Uint8Array;
  private readonly tiePtr: Uint32Array;
  private readonly tieList: Uint32Array;
  /** z > 31: words are not 32-bit masks; only column syndromes and the radius table apply. */
  readonly wide: boolean;
  private readonly wideSynBits: number;
  private readonly tables = new Map<number, Uint32Array>();

  constructor(spec: LocalCodeSpec) {
    const { name, z } = spec;
    this.wide = false;
    this.wideSynBits = 0;
    if (spec.columns) {
      const cols = spec.columns.map((c) => c >>> 0);
      if (!Number.isInteger(z) || z < 1 || z > MAX_TABLE_Z || cols.length !== z) throw new Error(`hopcode/codes: local code ${name}: give z ≤ ${MAX_TABLE_Z} column syndromes, got ${cols.length} for z = ${z}`);
      let bits = 0;
      for (const c of cols) bits = Math.max(bits, 32 - Math.clz32(c));
      if (z <= MAX_Z) {
        // Narrow: the same code as parity-check rows, through the exact path below.
        const rows: number[] = [];
        for (let j = 0; j < bits; j++) {
          let r = 0;
          for (let k = 0; k < z; k++) r |= ((cols[k]! >>> j) & 1) << k;
          rows.push(r >>> 0);
        }
        spec = { name, z, checkRows: rows };
      } else {
        if (bits > MAX_TABLE_SYN_BITS) throw new Error(`hopcode/codes: local code ${name}: ${bits} syndrome bits (at most ${MAX_TABLE_SYN_BITS})`);
        const dd = spec.designedDistance;
        if (dd === undefined || !Number.isInteger(dd) || dd < 1) throw new Error(`hopcode/codes: local code ${name}: a wide code needs its designed distance`);
        this.name = name;
        this.z = z;
        this.wide = true;
        this.wideSynBits = bits;
        this.linear = true;
        this.checkRows = new Uint32Array(0);
        this.k0 = z - rowBasis(cols).length;
        this.size = 2 ** this.k0;
        this.patterns = null;
        this.minDistance = dd;
        this.colSyndrome = Uint32Array.from(cols);
        this.leader = new Uint32Array(0);
        this.leaderWeight = new Uint8Array(0);
        this.tiePtr = new Uint32Array(0);
        this.tieList = new Uint32Array(0);
        return;
      }
    }
    if (!Number.isInteger(z) || z < 1 || z > MAX_Z) throw new Error(`hopcode/codes: local code ${name}: z must be 1..${MAX_Z}, got ${z}`);
    this.name = name;
    this.z = z;
    const full = z === 32 ? 0xffffffff : (1 << z) - 1;
    let rows: number[];
    let list: number[] | null = null;
    if (spec.checkRows) {
      rows = spec.checkRows.map((r) => r >>> 0);
      for (const r of rows) if ((r & ~full) !== 0) throw new Error(`hopcode/codes: local code ${name}: a check row has bits beyond position ${z - 1}`);
      rows = rowBasis(rows);
      this.linear = true;
    } else if (spec.patterns) {
      list = [...new Set(spec.patterns.map((p) => p >>> 0))];
      if (list.length === 0) throw new Error(`hopcode/codes: local code ${name}: the pattern list is empty`);
      for (const p of list) if ((p & ~full) !== 0) throw new Error(`hopcode/codes: local code ${name}: pattern ${p} has bits beyond position ${z - 1}`);
      const basis = rowBasis(list);
      this.linear = list.includes(0) && 2 ** basis.length === list.length;
      rows = this.linear ? dualBasis(basis, z) : [];
    } else {
      throw new Error(`hopcode/codes: local code ${name}: give checkRows or patterns`);
    }
    this.checkRows = Uint32Array.from(rows);
    if (this.linear) {
      this.k0 = z - rows.length;
      this.size = 2 ** this.k0;
      const gen = dualBasis(rows, z);
      this.patterns = this.size <= MAX_ENUMERATE ? spanOf(gen) : null;
      this.colSyndrome = new Uint32Array(z);
      for (let k = 0; k < z; k++) {
        let s = 0;
        for (let j = 0; j < rows.length; j++) if ((rows[j]! >>> k) & 1) s |= 1 << j;
        this.colSyndrome[k] = s;
      }
      const t = buildLeaders(this.colSyndrome, z, rows.length, name);
      this.leader = t.leader;
      this.leaderWeight = t.weight;
      this.tiePtr = t.tiePtr;
      this.tieList = t.tieList;
      this.minDistance = linearMinDistance(this.colSyndrome, z);
    } else {
      const pats = Uint32Array.from(list!);
      this.patterns = pats;
      this.size = pats.length;
      this.k0 = Math.log2(pats.length);
      this.colSyndrome = new Uint32Array(0);
      this.leader = new Uint32Array(0);
      this.leaderWeight = new Uint8Array(0);
      this.tiePtr = new Uint32Array(0);
      this.tieList = new Uint32Array(0);
      let dmin = z + 1;
      for (let i = 0; i < pats.length; i++) for (let j = i + 1; j < pats.length; j++) dmin = Math.min(dmin, popcount32(pats[i]! ^ pats[j]!));
      this.minDistance = dmin;
    }
  }

  /** Largest radius whose balls around patterns are disjoint: ⌊(d_min − 1)/2⌋. */
  get packingRadius(): number {
    return Math.max(0, Math.floor((this.minDistance - 1) / 2));
  }

  /** Syndrome bits per word (rows of the local H). */
  get syndromeBits(): number {
    return this.wide ? this.wideSynBits : this.checkRows.length;
  }

  /** Syndrome of the unit vector at position k (any width; equals syndrome(1 << k) when z ≤ 31). */
  columnSyndrome(k: number): number {
    if (!this.linear) throw new Error(`hopcode/codes: local code ${this.name} is not linear: it has no syndromes`);
    return this.colSyndrome[k]!;
  }

  /** Positions k with H_jk = 1 (row j of the local parity-check matrix). */
  checkRowPositions(j: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.z; k++) if ((this.columnSyndrome(k) >>> j) & 1) out.push(k);
    return out;
  }

  /** The radius-t syndrome table of this code (built once per radius; codes/bounded-distance.ts). */
  radiusTable(t: number): Uint32Array {
    let tab = this.tables.get(t);
    if (!tab) {
      tab = boundedDistanceTable(this.colSyndrome, this.z, this.syndromeBits, t, `local code ${this.name}`);
      this.tables.set(t, tab);
    }
    return tab;
  }

  private narrow(what: string): void {
    if (this.wide) throw new Error(`hopcode/codes: local code ${this.name} has z = ${this.z} > 31: ${what} needs 32-bit local words (use the cluster-serial decoder)`);
  }

  /** Syndrome of a local word (linear codes). */
  syndrome(y: number): number {
    this.narrow('syndrome of a mask');
    let s = 0;
    const rows = this.checkRows;
    for (let j = 0; j < rows.length; j++) s |= parity32(y & rows[j]!) << j;
    return s;
  }

  /** True when y is a permitted pattern. */
  permits(y: number): boolean {
    this.narrow('permits');
    if (this.linear) return this.syndrome(y) === 0;
    return this.patterns!.includes(y >>> 0);
  }

  /** The nearest permitted pattern to y, its distance and the number of ties. */
  nearest(y: number): Nearest {
    this.narrow('nearest');
    if (this.linear) {
      const s = this.syndrome(y);
      return { pattern: (y ^ this.leader[s]!) >>> 0, dist: this.leaderWeight[s]!, ties: this.tiePtr[s + 1]! - this.tiePtr[s]! };
    }
    const pats = this.patterns!;
    let best = 0;
    let dist = 99;
    let ties = 0;
    for (let i = 0; i < pats.length; i++) {
      const w = popcount32((pats[i]! ^ y) >>> 0);
      if (w < dist) {
        dist = w;
        best = pats[i]!;
        ties = 1;
      } else if (w === dist) ties++;
    }
    return { pattern: best, dist, ties };
  }

  /** Distance from y to the nearest permitted pattern (no allocation: hot in the reference). */
  distance(y: number): number {
    this.narrow('distance');
    if (this.linear) return this.leaderWeight[this.syndrome(y)]!;
    return this.nearest(y).dist;
  }

  /** The unique nearest pattern within `radius`, or −1 (none in range, or a tie). */
  uniqueWithin(y: number, radius: number): number {
    this.narrow('uniqueWithin');
    if (this.linear) {
      const s = this.syndrome(y);
      if (this.leaderWeight[s]! > radius || this.tiePtr[s + 1]! - this.tiePtr[s]! !== 1) return -1;
      return (y ^ this.leader[s]!) >>> 0;
    }
    const near = this.nearest(y);
    return near.dist <= radius && near.ties === 1 ? near.pattern : -1;
  }

  /** All permitted patterns at minimum distance from y (the tied candidates). */
  nearestAll(y: number): number[] {
    this.narrow('nearestAll');
    if (this.linear) {
      const s = this.syndrome(y);
      const out: number[] = [];
      for (let t = this.tiePtr[s]!; t < this.tiePtr[s + 1]!; t++) out.push((y ^ this.tieList[t]!) >>> 0);
      return out;
    }
    const { dist } = this.nearest(y);
    return [...this.patterns!].filter((p) => popcount32((p ^ y) >>> 0) === dist);
  }
}

/**
 * Fully reduced basis (RREF, pivot = highest bit) of the span of some z-bit rows.
 * Each row then owns a pivot position no other row touches: the local code in
 * systematic form, which lets the global encoder peel a constraint's checks one by one.
 */
function rowBasis(rows: readonly number[]): number[] {
  const basis: number[] = [];
  for (let r of rows) {
    r >>>= 0;
    for (const b of basis) if ((r ^ b) >>> 0 < r) r = (r ^ b) >>> 0;
    if (r !== 0) {
      basis.push(r);
      basis.sort((a, b) => b - a);
    }
  }
  for (let i = basis.length - 1; i >= 0; i--) {
    const p = 31 - Math.clz32(basis[i]!);
    for (let j = 0; j < i; j++) if ((basis[j]! >>> p) & 1) basis[j] = (basis[j]! ^ basis[i]!) >>> 0;
  }
  return basis;
}

/** A basis of the orthogonal complement {x : x·b = 0 for every b in basis} in GF(2)^z. */
function dualBasis(basis: readonly number[], z: number): number[] {
  // Reduced row echelon form with pivot = highest bit; free columns give dual vectors.
  const rref = [...basis].sort((a, b) => b - a);
  for (let i = 0; i < rref.length; i++) {
    const p = 31 - Math.clz32(rref[i]!);
    for (let j = 0; j < rref.length; j++) if (j !== i && ((rref[j]! >>> p) & 1)) rref[j] = (rref[j]! ^ rref[i]!) >>> 0;
  }
  const pivots = rref.map((r) => 31 - Math.clz32(r));
  const out: number[] = [];
  for (let f = 0; f < z; f++) {
    if (pivots.includes(f)) continue;
    let v = (1 << f) >>> 0;
    for (let i = 0; i < rref.length; i++) if ((rref[i]! >>> f) & 1) v = (v | (1 << pivots[i]!)) >>> 0;
    out.push(v);
  }
  return out;
}

function spanOf(gen: readonly number[]): Uint32Array {
  const out = new Uint32Array(2 ** gen.length);
  for (let i = 1; i < out.length; i++) {
    const low = 31 - Math.clz32(i & -i);
    out[i] = (out[i ^ (1 << low)]! ^ gen[low]!) >>> 0;
  }
  return out;
}

function buildLeaders(col: Uint32Array, z: number, r: number, name: string) {
  const nsyn = 2 ** r;
  const leader = new Uint32Array(nsyn);
  const weight = new Uint8Array(nsyn).fill(255);
  const lists: number[][] = Array.from({ length: nsyn }, () => []);
  let filled = 0;
  let work = 0;
  for (let w = 0; w <= z && filled < nsyn; w++) {
    const limit = w === z ? 2 ** z - 1 : undefined;
    let mask = w === 0 ? 0 : 2 ** w - 1;
    for (;;) {
      let s = 0;
      for (let m = mask; m !== 0; m &= m - 1) s ^= col[31 - Math.clz32(m & -m)]!;
      if (weight[s] === 255) {
        weight[s] = w;
        leader[s] = mask >>> 0;
        filled++;
      }
      if (weight[s] === w) lists[s]!.push(mask >>> 0);
      if (++work > 1 << 25) throw new Error(`hopcode/codes: local code ${name}: coset-leader table too large to enumerate`);
      if (w === 0 || mask === limit) break;
      const next = nextSamePopcount(mask);
      if (next >= 2 ** z || next <= mask) break;
      mask = next;
    }
  }
  const tiePtr = new Uint32Array(nsyn + 1);
  for (let s = 0; s < nsyn; s++) tiePtr[s + 1] = tiePtr[s]! + lists[s]!.length;
  const tieList = new Uint32Array(tiePtr[nsyn]!);
  for (let s = 0; s < nsyn; s++) tieList.set(lists[s]!, tiePtr[s]!);
  return { leader, weight, tiePtr, tieList };
}

/** Minimum distance of a linear code: the fewest columns of H summing to zero. */
function linearMinDistance(col: Uint32Array, z: number): number {
  for (let w = 1; w <= z; w++) {
    let mask = 2 ** w - 1;
    for (;;) {
      let s = 0;
      for (let m = mask; m !== 0; m &= m - 1) s ^= col[31 - Math.clz32(m & -m)]!;
      if (s === 0) return w;
      const next = nextSamePopcount(mask);
      if (w === z || next >= 2 ** z || next <= mask) break;
      mask = next;
    }
  }
  return Infinity;
}
