/**
 * hopcode/codes/bounded-distance — syndrome tables for radius-t cluster decoding.
 *
 * DESIGN.md §4: a cluster of a linear local code with minimum distance ≥ 2t + 1 has
 * disjoint radius-t balls, so at most one hidden unit fires (bias |a| − t − ½): the
 * codeword a = y ⊕ e for the unique error pattern e of weight ≤ t whose syndrome is
 * the syndrome of y. The table maps every syndrome (a synBits-bit integer: XOR of the
 * column syndromes of y's ones) to that e, packed as up to three 8-bit positions
 * (z ≤ 255) and its weight, or to "no unit": NO_UNIT_ENTRY when no pattern of weight
 * ≤ t has that syndrome, or a tie entry when two patterns of the same minimal weight
 * ≤ t share it (a code too weak for the radius: no unit fires on an exact tie).
 * A lower-weight pattern always wins over a heavier one (it is strictly nearer).
 */

export const MAX_TABLE_RADIUS = 3;
export const MAX_TABLE_Z = 255;
export const MAX_TABLE_SYN_BITS = 24;

/** Entry of a syndrome with no pattern within the radius. */
export const NO_UNIT_ENTRY = 0xffffffff;
/** Bit set on tied entries (bits 24–25 still hold the weight). */
export const TIE_FLAG = 0x80000000;

/** Weight of a packed entry (0..3); meaningless for NO_UNIT_ENTRY. */
export function entryWeight(v: number): number {
  return (v >>> 24) & 3;
}

/** Does the entry name a unique pattern (a firing unit)? */
export function entryFires(v: number): boolean {
  return (v & TIE_FLAG) === 0;
}

/** The error positions of a firing entry, in increasing order. */
export function entryPositions(v: number): number[] {
  const w = entryWeight(v);
  const out: number[] = [];
  for (let j = 0; j < w; j++) out.push((v >>> (8 * j)) & 255);
  return out;
}

/**
 * Build the radius-t table of a linear code of length z from its column syndromes
 * (col[k] = syndrome of the unit vector at position k, synBits bits each).
 */
export function boundedDistanceTable(col: ArrayLike<number>, z: number, synBits: number, t: number, name = 'local code'): Uint32Array {
  if (!Number.isInteger(t) || t < 0 || t > MAX_TABLE_RADIUS) throw new Error(`hopcode/codes: ${name}: table radius must be 0..${MAX_TABLE_RADIUS}, got ${t}`);
  if (z > MAX_TABLE_Z || col.length !== z) throw new Error(`hopcode/codes: ${name}: table needs z ≤ ${MAX_TABLE_Z} column syndromes, got ${col.length} for z = ${z}`);
  if (!Number.isInteger(synBits) || synBits < 0 || synBits > MAX_TABLE_SYN_BITS) throw new Error(`hopcode/codes: ${name}: ${synBits} syndrome bits: the table holds at most ${MAX_TABLE_SYN_BITS}`);
  const table = new Uint32Array(2 ** synBits).fill(NO_UNIT_ENTRY);
  const put = (s: number, w: number, packed: number): void => {
    const old = table[s]!;
    if (old === NO_UNIT_ENTRY) table[s] = (packed | (w << 24)) >>> 0;
    else if (entryWeight(old) === w) table[s] = (TIE_FLAG | (w << 24)) >>> 0;
    // else: a lighter pattern already holds s, and it is strictly nearer.
  };
  put(0, 0, 0);
  if (t >= 1) for (let a = 0; a < z; a++) put(col[a]!, 1, a);
  if (t >= 2) {
    for (let a = 0; a < z; a++) {
      for (let b = a + 1; b < z; b++) put((col[a]! ^ col[b]!) >>> 0, 2, a | (b << 8));
    }
  }
  if (t >= 3) {
    for (let a = 0; a < z; a++) {
      for (let b = a + 1; b < z; b++) {
        const sab = col[a]! ^ col[b]!;
        const pab = a | (b << 8);
        for (let c = b + 1; c < z; c++) put((sab ^ col[c]!) >>> 0, 3, pab | (c << 16));
      }
    }
  }
  return table;
}
