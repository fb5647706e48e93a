/**
 * hopcode/sim/ppbf-defaults — the measured defaults of network-ppbf, per cluster family.
 *
 * Set by the tuning search (src/bench/ppbf-search.ts; numbers and commands in the README):
 *  - parity clusters: β = ½ and the table by cluster votes 0.6, 0.9, 1, 0.002, 0 (on a
 *    (3,6) code the levels E = −4, −2, 0, 2, 4; PPBF's own table, Le et al. 2019, is
 *    1, 0.9, 0.3, 0.01, 0), serial schedule, 2000 sweeps — the search's winner on the
 *    N = 4000 (3,6) code (the first entry is within noise of 1: rare level, FER barely moves);
 *  - Hamming clusters: β = 0.875, the table descent:0.25 (every downhill flip, Glauber's
 *    uphill moves at T = 0.25), serial, 10000 sweeps (every failure on the flagship at
 *    p = 0.06 is an unfinished search: the same frames and coins gave 8/1024 failures with
 *    5000 sweeps, 6/1024 with 10000; lane refill makes the cap cost only the failures).
 *    History: the Glauber search (T = 0.25, β = 1, 1000 sweeps; then β = 0.875 and 2000
 *    sweeps by hand) gave p ≈ 0.058 on the flagship;
 *    the entry-by-entry search from that Glauber table on hamming31-d3 N = 4000 at p = 0.058
 *    (`ppbf-search --code hamming31-d3 -N 4000 --p 0.058 --start-glauber 0.25 --start-beta 0.875
 *    --start-schedule serial --keep-schedule --entries 4,5,6,7,8,9,10,11 --search-sweeps 2000
 *    --chunk-frames 512 --max-frames 512 --max-fe 1000 --max-time 120`) set p = 1 at the
 *    downhill level E = −0.25 (FER 33/512 → 23/512; the other downhill levels at 1: no change),
 *    and on the flagship at p = 0.06 (cap 10000, chunks of 512) that took FER from 9/512 to
 *    1/512; descent:0.25 is that table with every downhill level at 1.
 *    PPBF-like tables diverge on Hamming clusters.
 * `applyPpbfDefaults` (used by decoderSpec, which does not know the code) takes the parity
 * defaults; callers that know the network (the CLI, the report) use `ppbfDefaultsFor`.
 */
import { formatFlipTable, type FlipTableSpec } from '../decoders/flip-table.js';
import type { ClusterFamily } from '../decoders/compiled-network.js';
import type { PpbfSchedule } from '../decoders/ppbf-bitsliced.js';

/** The network-ppbf fields of a decoder spec (sim/decoder-spec DecoderSpec has them). */
export interface PpbfSpecFields {
  maxSweeps: number;
  cueWeight?: number;
  flipTable?: FlipTableSpec;
  flipSchedule?: PpbfSchedule;
  restarts?: number;
  /** Lane refill (default) or batch lanes (sim/ppbf-chunk.ts; annealed tables always run batch-wise). */
  ppbfLanes?: 'refill' | 'batch';
}

/** PPBF's table (Le et al. 2019) by cluster votes: on a (3,6) code E = −4, −2, 0, 2, 4 with β = ½. */
export const PPBF_TABLE: FlipTableSpec = { kind: 'votes', probs: [1, 0.9, 0.3, 0.01, 0] };

const DEFAULTS: Record<Exclude<ClusterFamily, 'table'>, Required<Omit<PpbfSpecFields, 'ppbfLanes'>>> = {
  parity: { cueWeight: 0.5, flipTable: { kind: 'votes', probs: [0.6, 0.9, 1, 0.002, 0] }, flipSchedule: 'serial', maxSweeps: 2000, restarts: 0 },
  hamming: { cueWeight: 0.875, flipTable: { kind: 'descent', temperature: 0.25 }, flipSchedule: 'serial', maxSweeps: 10000, restarts: 0 },
};

/** The measured defaults for a network whose clusters are of this family. */
export function ppbfDefaultsFor(family: ClusterFamily): Required<Omit<PpbfSpecFields, 'ppbfLanes'>> {
  if (family === 'table') throw new Error('hopcode/sim: network-ppbf runs parity and Hamming clusters, not radius-t (BCH) tables: use network-serial');
  return { ...DEFAULTS[family] };
}

/** Fill the spec's unset network-ppbf fields (explicit `over` values win; parity defaults). */
export function applyPpbfDefaults(spec: PpbfSpecFields, over: Partial<PpbfSpecFields>): void {
  const d = DEFAULTS.parity;
  spec.cueWeight ??= d.cueWeight;
  if (over.maxSweeps === undefined) spec.maxSweeps = d.maxSweeps;
  spec.restarts ??= d.restarts;
  spec.flipSchedule ??= d.flipSchedule;
  spec.flipTable ??= d.flipTable;
  spec.ppbfLanes ??= 'refill';
  if (spec.ppbfLanes !== 'refill' && spec.ppbfLanes !== 'batch') throw new Error(`hopcode/sim: ppbf lanes must be refill or batch, got ${String(spec.ppbfLanes)}`);
  const r = spec.restarts;
  if (!Number.isInteger(r) || r < 0 || r > 1000) throw new Error(`hopcode/sim: restarts must be an integer in 0..1000, got ${r}`);
  if (spec.flipSchedule !== 'parallel' && spec.flipSchedule !== 'serial') throw new Error(`hopcode/sim: the flip schedule must be parallel or serial, got ${String(spec.flipSchedule)}`);
}

/** A short label of a network-ppbf spec for headers and tables. */
export function ppbfLabel(spec: PpbfSpecFields): string {
  return `β = ${spec.cueWeight}, table ${formatFlipTable(spec.flipTable!)}, ${spec.flipSchedule}, ≤ ${spec.maxSweeps} sweeps × ${spec.restarts! + 1} attempts${spec.ppbfLanes !== 'refill' ? ', batch lanes' : ''}`;
}
