/**
 * hopcode/sim/ppbf-defaults — the measured default of network-ppbf, and its CLI form.
 *
 * The defaults come from the tuning search (src/bench/ppbf-search.ts, numbers in the
 * README): β = ½, PPBF's table over the levels of a (3,6) code (Le et al. 2019), the
 * parallel schedule.
 */
import { formatFlipTable, type FlipTableSpec } from '../decoders/flip-table.js';
import type { PpbfSchedule } from '../decoders/ppbf-bitsliced.js';

/** The network-ppbf fields of a decoder spec (sim/decoder-spec DecoderSpec has them). */
export interface PpbfSpecFields {
  maxSweeps: number;
  cueWeight?: number;
  flipTable?: FlipTableSpec;
  flipSchedule?: PpbfSchedule;
  restarts?: number;
}

/** PPBF's table (Le et al. 2019) as level:probability pairs: E ≤ −4 … E ≥ 4 for d = 3, β = ½. */
export const PPBF_TABLE: FlipTableSpec = { kind: 'pairs', pairs: [[-4, 1], [-2, 0.9], [0, 0.3], [2, 0.01], [4, 0]] };

export const PPBF_DEFAULTS = { cueWeight: 0.5, maxSweeps: 300, restarts: 0, flipSchedule: 'parallel' as const, flipTable: PPBF_TABLE };

/** Fill the spec's unset network-ppbf fields (explicit `over` values win). */
export function applyPpbfDefaults(spec: PpbfSpecFields, over: Partial<PpbfSpecFields>): void {
  spec.cueWeight ??= PPBF_DEFAULTS.cueWeight;
  if (over.maxSweeps === undefined) spec.maxSweeps = PPBF_DEFAULTS.maxSweeps;
  spec.restarts ??= PPBF_DEFAULTS.restarts;
  spec.flipSchedule ??= PPBF_DEFAULTS.flipSchedule;
  spec.flipTable ??= PPBF_DEFAULTS.flipTable;
  const r = spec.restarts;
  if (!Number.isInteger(r) || r < 0 || r > 1000) throw new Error(`hopcode/sim: restarts must be an integer in 0..1000, got ${r}`);
  if (spec.flipSchedule !== 'parallel' && spec.flipSchedule !== 'serial') throw new Error(`hopcode/sim: the flip schedule must be parallel or serial, got ${String(spec.flipSchedule)}`);
}

/** A short label of a network-ppbf spec for headers and tables. */
export function ppbfLabel(spec: PpbfSpecFields): string {
  return `β = ${spec.cueWeight}, table ${formatFlipTable(spec.flipTable!)}, ${spec.flipSchedule}, ≤ ${spec.maxSweeps} sweeps × ${spec.restarts! + 1} attempts`;
}
