/**
 * hopcode/baselines/capacity-search — the largest number of stored patterns that still recall.
 *
 * Shared by the classic and dense Hopfield baselines. success(P) is the fraction of
 * trials in which a stored pattern, corrupted at flip rate p, is recalled (by the
 * criterion the caller defines). Trials use common random numbers: trial t draws its
 * patterns from one stream, in order, so the P-pattern memory of trial t is the
 * (P−1)-pattern memory plus one pattern, and the cue's noise does not depend on P;
 * success(P) is then close to monotone and a bracket-and-bisect search is sound:
 * double P while success(P) ≥ f, then bisect between the last pass and the first fail.
 * The capacity is the largest evaluated P that passed (a lower bound when it is the cap).
 */

export type RecallCriterion = 'exact' | 'overlap';

export interface CapacityPoint {
  patterns: number;
  success: number;
}

export interface CapacitySearchResult {
  /** Largest P found with success(P) ≥ successFraction (0 if even P = 1 fails). */
  capacity: number;
  /** True when P reached the cap still passing: the true capacity is at least `capacity`. */
  atCap: boolean;
  /** Every evaluated point, in ascending P. */
  points: CapacityPoint[];
}

/**
 * Bracket-and-bisect search for the largest P in [1, maxPatterns] with
 * success(P) ≥ successFraction.
 */
export function searchCapacity(success: (patterns: number) => number, successFraction: number, maxPatterns: number): CapacitySearchResult {
  if (!(successFraction > 0 && successFraction <= 1)) throw new Error(`hopcode/capacity-search: successFraction must be in (0, 1], got ${successFraction}`);
  if (!Number.isInteger(maxPatterns) || maxPatterns < 1) throw new Error(`hopcode/capacity-search: maxPatterns must be an integer ≥ 1, got ${maxPatterns}`);
  const seen = new Map<number, number>();
  const ok = (p: number): boolean => {
    if (!seen.has(p)) seen.set(p, success(p));
    return seen.get(p)! >= successFraction;
  };
  let good = 0;
  let bad = -1;
  for (let p = 1; ; p = Math.min(p * 2, maxPatterns)) {
    if (ok(p)) good = p;
    else {
      bad = p;
      break;
    }
    if (p === maxPatterns) break;
  }
  if (bad > 0) {
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      if (ok(mid)) good = mid;
      else bad = mid;
    }
  }
  const points = [...seen].map(([patterns, s]) => ({ patterns, success: s })).sort((a, b) => a.patterns - b.patterns);
  return { capacity: good, atCap: bad < 0, points };
}
