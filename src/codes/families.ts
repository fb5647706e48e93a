/**
 * hopcode/codes/families — the standard local codes a constraint node can use.
 *
 * Hamming(2^r − 1, 2^r − 1 − r): perfect, d_min = 3, radius 1 (exactly one hidden
 * unit per cluster fires: the nearest local codeword). Extended Hamming(2^r, 2^r − 1 − r):
 * d_min = 4. Single parity check (z, z − 1): d_min = 2. Repetition (z, 1): d_min = z.
 */
import { LocalCode } from './local-code.js';
import { bchLocalCode, parseBchName } from './bch.js';

/** Hamming code of length 2^r − 1: column k of H is the binary expansion of k + 1. */
export function hamming(r: number): LocalCode {
  if (!Number.isInteger(r) || r < 2 || r > 5) throw new Error(`hopcode/codes: Hamming needs r in 2..5 (length 3..31), got ${r}`);
  const z = 2 ** r - 1;
  const rows: number[] = [];
  for (let j = 0; j < r; j++) {
    let row = 0;
    for (let k = 0; k < z; k++) if (((k + 1) >>> j) & 1) row |= 1 << k;
    rows.push(row >>> 0);
  }
  return new LocalCode({ name: `hamming${z}`, z, checkRows: rows });
}

/** Extended Hamming code of length 2^r (Hamming plus an overall parity bit). */
export function extendedHamming(r: number): LocalCode {
  if (!Number.isInteger(r) || r < 2 || r > 4) throw new Error(`hopcode/codes: extended Hamming needs r in 2..4 (length 4..16), got ${r}`);
  const base = hamming(r);
  const z = base.z + 1;
  const rows = [...base.checkRows, 2 ** z - 1];
  return new LocalCode({ name: `ext-hamming${z}`, z, checkRows: rows });
}

/** Single parity check of length z: the patterns of even weight. */
export function singleParity(z: number): LocalCode {
  return new LocalCode({ name: `parity${z}`, z, checkRows: [2 ** z - 1] });
}

/** Repetition code of length z: all zeros or all ones. */
export function repetition(z: number): LocalCode {
  if (!Number.isInteger(z) || z < 2) throw new Error(`hopcode/codes: repetition needs z ≥ 2, got ${z}`);
  const rows: number[] = [];
  for (let k = 1; k < z; k++) rows.push((1 | (1 << k)) >>> 0);
  return new LocalCode({ name: `repetition${z}`, z, checkRows: rows });
}

/**
 * A local code by name: `hamming7|15|31`, `ext-hamming8|16`, `parityZ`, `repetitionZ`,
 * `bch<n>-<k>` (codes/bch.ts, e.g. bch63-51).
 */
export function localCodeByName(name: string): LocalCode {
  const bch = parseBchName(name);
  if (bch) return bchLocalCode(bch.n, bch.k);
  const m = /^(hamming|ext-hamming|parity|repetition)(\d+)$/.exec(name);
  if (!m) throw new Error(`hopcode/codes: unknown local code "${name}" (try hamming7, hamming15, hamming31, ext-hamming8, ext-hamming16, parity6, repetition3, bch63-51)`);
  const len = Number(m[2]);
  switch (m[1]) {
    case 'hamming': {
      const r = Math.log2(len + 1);
      if (!Number.isInteger(r)) throw new Error(`hopcode/codes: Hamming length must be 2^r − 1, got ${len}`);
      return hamming(r);
    }
    case 'ext-hamming': {
      const r = Math.log2(len);
      if (!Number.isInteger(r)) throw new Error(`hopcode/codes: extended Hamming length must be 2^r, got ${len}`);
      return extendedHamming(r);
    }
    case 'parity':
      return singleParity(len);
    default:
      return repetition(len);
  }
}
