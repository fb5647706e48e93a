/**
 * hopcode/decoders/cluster-serial-accept — when the active cluster's pattern is taken: plain or anchor.
 *
 * Cluster-serial dynamics (DESIGN.md §3) lets the active cluster c set its inputs to its
 * pattern within radius t. `plain` always does. With more than t errors a cluster can
 * fire for a wrong pattern (a miscorrection) and flip correct inputs of other clusters,
 * which then miscorrect in turn: the cycles that end most failed frames.
 *
 * `anchor` counts the other clusters' terms of the network's energy. In the network an
 * input's field is the sum of its d clusters' votes (DESIGN.md §1); a *satisfied*
 * cluster (zero syndrome: its unit at distance 0 fires, term −(t + ½)) votes to keep
 * each of its inputs, so when c votes to flip one of them the field is 0 (d = 2; with
 * d = 3 the third cluster's vote decides, and the rule below is the stricter choice)
 * and, by the input rule's tie, the input keeps its bit: a satisfied cluster is an
 * anchor, and a pattern that would flip an anchor's input raises that anchor's term by
 * one (t + ½ → t − ½). The rule,
 * for the pattern P (positions c would flip) of the active cluster:
 *  - no input of P lies in another satisfied cluster: accept (the plain move);
 *  - one lies in a satisfied cluster that reached zero syndrome without correcting
 *    anything itself (cue or other clusters' moves): reject — c stays silent;
 *  - the conflicting satisfied clusters all hold a latched pattern (their own last
 *    correction, kept by their hidden layer until another cluster moves one of their
 *    inputs) and there are at most δ = ANCHOR_DELTA of them: accept, and *backtrack*
 *    them — each releases its unit and flips its latched positions back (those not in P,
 *    which c already moved) — because one disagreeing, self-corrected neighbour is more
 *    likely the miscorrection than c is;
 *  - more than δ such anchors: reject.
 * Every decision reads only c's inputs, their other clusters' satisfaction and latched
 * patterns: local, as the network's dynamics must be. When a whole sweep under anchors
 * changes nothing and some cluster is still unsatisfied, the anchors are released and the
 * remaining sweeps run plain (a stuck set of the anchored dynamics may be one plain
 * decoding resolves). A stored state satisfies every cluster, so nothing fires: stored
 * states stay fixed points under both rules.
 *
 * The decision rule follows the idea of anchor decoding for product codes (C. Häger and
 * H. D. Pfister, "Approaching miscorrection-free performance of product codes with
 * anchor decoding", IEEE Trans. Commun., 2018) — conflicts with reliable component
 * codes, backtracking of a single conflicting one — written here as a rule of the
 * network's own units; the thresholds are this project's, chosen by measurement (README,
 * "BCH presets").
 */

export type SerialAccept = 'plain' | 'anchor';

export const SERIAL_ACCEPT_RULES: readonly SerialAccept[] = ['plain', 'anchor'];

/** δ: at most this many conflicting self-corrected anchors are overruled (backtracked). */
export const ANCHOR_DELTA = 1;

/** The acceptance rule, checked (default plain); throws one line naming the bad value. */
export function resolveSerialAccept(accept: unknown): SerialAccept {
  if (accept === undefined) return 'plain';
  if (accept !== 'plain' && accept !== 'anchor') throw new Error(`hopcode/cluster-serial: the acceptance rule must be plain or anchor, got "${String(accept)}"`);
  return accept;
}
