/**
 * hopcode/report/capacity — claim 1: exponentially many stable states.
 *
 * The stored states of the network are the codewords of its Tanner code, and each is
 * a fixed point of the dynamics (DESIGN.md §1), so #stable states ≥ 2^K with
 * K = N − rank H, computed EXACTLY over GF(2). log2(#stored states)/N = K/N is then a
 * flat line at the rate R as N grows: exponentially many stable states with O(N)
 * neurons and synapses. Ranks are exact or absent: a point whose rank does not finish
 * within the budget is listed as not computed, with the reason (never extrapolated).
 * For small N the census enumerates all 2^N states: stored states vs spurious fixed
 * points (fixed points that are not codewords).
 */
import { performance } from 'node:perf_hooks';
import { buildPreset } from '../network/code.js';
import { census, CENSUS_MAX_N } from '../network/census.js';
import { PRESETS, designRate, presetByName, roundN } from '../network/presets.js';
import { lineFigure } from './figure.js';
import type { ReportSection, Row } from './section.js';

export type RankOutcome =
  | { status: 'exact'; n: number; m: number; rank: number; k: number; seconds: number; method: string }
  | { status: 'not computed'; reason: string };

/** Computes K for (preset, N, seed), e.g. in-process or in a worker with a time budget. */
export type RankRunner = (preset: string, n: number, seed: number) => Promise<RankOutcome>;

/** Exact rank in this thread with the systematic encoder (peeling + dense core). */
export function rankInProcess(preset: string, n: number, seed: number): RankOutcome {
  const t0 = performance.now();
  const code = buildPreset({ preset, n, seed });
  const enc = code.encoder;
  return { status: 'exact', n: code.n, m: code.m, rank: enc.rank, k: enc.k, seconds: (performance.now() - t0) / 1000, method: 'peeling + dense core' };
}

export interface CapacityOptions {
  presets?: string[];
  /** Requested N values (each rounded to the preset's nearest valid size). */
  sizes: number[];
  seed: number;
  /** How ranks are computed (default: in process, no budget). */
  rank?: RankRunner;
  /** Census every valid N ≤ this (default 16; at most CENSUS_MAX_N). */
  censusMaxN?: number;
  /** At most this many census sizes per preset, the largest ones (default 2). */
  censusPerPreset?: number;
}

export interface CapacityRow extends Row {
  preset: string;
  n: number;
  designRate: number;
  status: string;
  log2States?: number;
  log2PerN?: number;
  seconds?: number;
  reason?: string;
}

export interface CensusRow extends Row {
  preset: string;
  n: number;
  rule: string;
  log2States: number;
  storedStates: number;
  fixedPoints: number;
  spuriousFixedPoints: number;
  note?: string;
}

/** Valid sizes of a preset up to nMax (N a multiple of z/gcd(d,z), N ≥ z). */
export function validSmallSizes(preset: string, nMax: number): number[] {
  const p = presetByName(preset);
  const out: number[] = [];
  for (let n = p.z; n <= nMax; n++) if (roundN(p, n).n === n) out.push(n);
  return out;
}

export async function capacitySection(opts: CapacityOptions): Promise<{ section: ReportSection; rows: CapacityRow[]; census: CensusRow[] }> {
  const presets = opts.presets ?? Object.keys(PRESETS);
  const runner: RankRunner = opts.rank ?? (async (p, n, s) => rankInProcess(p, n, s));
  const rows: CapacityRow[] = [];
  for (const preset of presets) {
    const def = presetByName(preset);
    let skip: string | undefined;
    for (const req of opts.sizes) {
      const n = roundN(def, req).n;
      const base = { preset, n, designRate: designRate(def) };
      if (skip) {
        rows.push({ ...base, status: 'not computed', reason: skip });
        continue;
      }
      const r = await runner(preset, n, opts.seed);
      if (r.status === 'exact') rows.push({ ...base, status: 'exact', log2States: r.k, log2PerN: r.k / r.n, seconds: r.seconds, reason: r.method });
      else {
        rows.push({ ...base, status: 'not computed', reason: r.reason });
        skip = `a smaller N (${n}) was already not computed: ${r.reason}`;
      }
    }
  }
  const censusMax = Math.min(opts.censusMaxN ?? 16, CENSUS_MAX_N);
  const censusRows: CensusRow[] = [];
  for (const preset of presets) {
    for (const n of validSmallSizes(preset, censusMax).slice(-(opts.censusPerPreset ?? 2))) {
      const code = buildPreset({ preset, n, seed: opts.seed });
      const c = census(code);
      censusRows.push({ preset, n, rule: c.rule, log2States: c.log2States, storedStates: c.storedStates, fixedPoints: c.fixedPoints, spuriousFixedPoints: c.spuriousFixedPoints, note: code.notes.length ? 'girth 4 (too small for 4-cycle removal)' : '' });
    }
  }
  const exact = rows.filter((r) => r.status === 'exact');
  const section: ReportSection = {
    id: 'capacity',
    title: 'Claim 1 — exponentially many stable states',
    intro:
      'Every stored state (codeword of the Tanner code) is a fixed point of the dynamics, and there are exactly 2^K of them with K = N − rank H ' +
      'computed exactly over GF(2). log2(#stored states)/N = K/N stays at the rate as N grows: the number of stable states grows as 2^(R·N), ' +
      'where a classic Hopfield network of the same N stores about 0.14·N patterns (see the comparison section). ' +
      'Points whose exact rank did not finish within the time budget are listed as not computed, with the reason.',
    tables: [
      {
        caption: 'log2(#stored states) per input, exact from rank H.',
        columns: [
          { key: 'preset', title: 'preset' },
          { key: 'n', title: 'N' },
          { key: 'designRate', title: 'design rate', digits: 4 },
          { key: 'log2States', title: 'log2 #stored states (K)' },
          { key: 'log2PerN', title: 'K / N', digits: 4 },
          { key: 'seconds', title: 'rank time (s)', digits: 2 },
          { key: 'status', title: 'status' },
          { key: 'reason', title: 'method / reason' },
        ],
        rows,
      },
      {
        caption: `Census of all 2^N states for small N (rule: the preset default): stored states vs spurious fixed points. At these sizes the graphs cannot avoid 4-cycles; fixed points include states where some input's field is exactly 0 (a tie keeps the bit).`,
        columns: [
          { key: 'preset', title: 'preset' },
          { key: 'n', title: 'N' },
          { key: 'rule', title: 'rule' },
          { key: 'log2States', title: 'K' },
          { key: 'storedStates', title: 'stored states (enumerated)' },
          { key: 'fixedPoints', title: 'fixed points' },
          { key: 'spuriousFixedPoints', title: 'spurious fixed points' },
          { key: 'note', title: 'note' },
        ],
        rows: censusRows,
      },
    ],
    figures: [
      {
        file: 'capacity.svg',
        caption: 'log2(#stored states)/N vs N, exact (points not computed are absent).',
        spec: lineFigure({
          title: 'Stored states: log2(#states)/N vs N',
          data: exact.map((r) => ({ preset: r.preset, n: r.n, log2PerN: r.log2PerN })),
          x: { field: 'n', title: 'N (inputs)', scale: 'log' },
          y: { field: 'log2PerN', title: 'log2(#stored states) / N', zero: true },
          color: { field: 'preset', title: 'preset' },
        }),
      },
    ],
    notes: rows.filter((r) => r.status !== 'exact').length
      ? [`${rows.filter((r) => r.status !== 'exact').length} (preset, N) points were not computed exactly within the budget; they are marked in the table.`]
      : [],
  };
  return { section, rows, census: censusRows };
}
