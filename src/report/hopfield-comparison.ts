/**
 * hopcode/report/hopfield-comparison — what the paper argues against, on the same N and p.
 *
 * Three memories, one table (same N, same flip rate p, recovery = exact recall of a
 * random stored pattern):
 *  - classic Hopfield, Hebbian weights: P* = the largest P recalled in ≥ 90 % of trials
 *    (two criteria: exact, and overlap ≥ 0.9, the AGS ≈ 0.138·N sense);
 *    N(N−1)/2 integer weights of ⌈log2(2P + 1)⌉ bits, no hidden units;
 *  - dense associative memory (F = exp): one hidden unit and N weights per pattern,
 *    evaluated at a fixed P (its capacity at this N is far beyond what fits in memory);
 *  - the expander network: 2^K stored states (K exact), binary weights, hidden units
 *    and synapses O(N); bits of weight storage per stored state = synapses / 2^K.
 * A second table and the figure: log2(#patterns recalled at p = 0) vs N for small N,
 * where the dense memory's capacity can still be searched.
 */
import { performance } from 'node:perf_hooks';
import { measureHebbianCapacity } from '../baselines/hopfield-classic.js';
import { DEFAULT_SEPARATION, denseRecoveryRate, measureDenseCapacity } from '../baselines/dense-associative-memory.js';
import { runDynamics } from '../decoders/reference-dynamics.js';
import { buildPreset } from '../network/code.js';
import { presetByName, roundN } from '../network/presets.js';
import { Rng } from '../util/rng.js';
import { lineFigure } from './figure.js';
import { sparsityRow } from './sparsity.js';
import type { ReportSection, Row } from './section.js';

export interface ComparisonOptions {
  n: number;
  ps: number[];
  preset: string;
  seed: number;
  /** Trials per evaluated P for the classic search (default 100). */
  trials?: number;
  /** Frames for the expander network's recovery (default 200). */
  frames?: number;
  /** Patterns stored in the dense memory for the same-N table (default 1024). */
  densePatterns?: number;
  /** Small N for the capacity-vs-N table (default [16, 24, 32]). */
  smallNs?: number[];
  /** Cap of the dense capacity search at small N (default 4096). */
  denseCap?: number;
}

export interface ComparisonRow extends Row {
  network: string;
  n: number;
  p: number;
  stored: string;
  log2Stored: number;
  hiddenUnits: number;
  weights: number;
  bitsPerWeight: number;
  log2BitsPerStored: number;
  recovery: number;
}

function oursRecovery(preset: string, n: number, p: number, frames: number, seed: number): { recovery: number; k: number; hidden: number; synapses: number; n: number } {
  const code = buildPreset({ preset, n, seed });
  const enc = code.encoder;
  const rng = Rng.stream(seed, 0x636d7072, code.n, Math.round(p * 1e6));
  let ok = 0;
  for (let f = 0; f < frames; f++) {
    const x = enc.encode(Uint8Array.from({ length: enc.k }, () => rng.next() & 1));
    const cue = x.map((b) => (rng.double() < p ? b ^ 1 : b));
    const r = runDynamics(code.network, cue, { schedule: code.schedule, rule: code.rule, seed, frame: f });
    if (r.state.every((b, i) => b === x[i])) ok++;
  }
  const s = sparsityRow(preset, code.n, seed);
  return { recovery: ok / frames, k: enc.k, hidden: code.network.hiddenUnits, synapses: Math.round(s.synapsesPerInput * code.n), n: code.n };
}

export function comparisonSection(o: ComparisonOptions): { section: ReportSection; rows: ComparisonRow[]; small: Row[]; seconds: number } {
  const t0 = performance.now();
  const trials = o.trials ?? 100;
  const frames = o.frames ?? 200;
  const dp = o.densePatterns ?? 1024;
  const rows: ComparisonRow[] = [];
  for (const p of o.ps) {
    const ours = oursRecovery(o.preset, o.n, p, frames, o.seed);
    const n = ours.n;
    for (const criterion of ['exact', 'overlap'] as const) {
      const c = measureHebbianCapacity({ n, p, trials, seed: o.seed, criterion });
      const P = c.capacity;
      const bits = Math.ceil(Math.log2(2 * P + 1));
      const weights = (n * (n - 1)) / 2;
      // Recovery at P* by this row's criterion (≥ 90 % by the definition of P*).
      const rec = c.points.find((q) => q.patterns === P)?.success ?? 0;
      rows.push({
        network: `classic Hopfield (Hebbian), P* by ${criterion === 'exact' ? 'exact recall' : 'overlap ≥ 0.9'}`, n, p,
        stored: String(P), log2Stored: P > 0 ? Math.log2(P) : 0, hiddenUnits: 0, weights, bitsPerWeight: bits,
        log2BitsPerStored: Math.log2((weights * bits) / Math.max(P, 1)), recovery: rec,
      });
    }
    const rec = denseRecoveryRate({ n, p, patterns: dp, trials: Math.min(trials, 50), seed: o.seed });
    rows.push({
      network: `dense associative memory (F = exp, β = ${DEFAULT_SEPARATION.kind === 'exp' ? DEFAULT_SEPARATION.beta : '?'}), P fixed`, n, p,
      stored: String(dp), log2Stored: Math.log2(dp), hiddenUnits: dp, weights: dp * n, bitsPerWeight: 1,
      log2BitsPerStored: Math.log2(n), recovery: rec,
    });
    rows.push({
      network: `expander Hopfield (${o.preset})`, n, p, stored: `2^${ours.k}`, log2Stored: ours.k, hiddenUnits: ours.hidden,
      weights: ours.synapses, bitsPerWeight: 1, log2BitsPerStored: Math.log2(ours.synapses) - ours.k, recovery: ours.recovery,
    });
  }
  const small: Row[] = [];
  // Small N rounded to the preset's valid sizes (N ≥ z; e.g. multiples of 31 for hamming31-d3), duplicates dropped.
  const smallNs = [...new Set((o.smallNs ?? [16, 24, 32]).map((n) => roundN(presetByName(o.preset), Math.max(n, presetByName(o.preset).z)).n))];
  for (const n of smallNs) {
    const c = measureHebbianCapacity({ n, p: 0, trials, seed: o.seed, criterion: 'exact' });
    const d = measureDenseCapacity({ n, p: 0, trials: Math.min(trials, 50), seed: o.seed, maxPatterns: o.denseCap ?? 4096 });
    const k = buildPreset({ preset: o.preset, n, seed: o.seed }).log2States;
    small.push({ n, network: 'classic Hopfield (exact)', log2Stored: Math.log2(Math.max(c.capacity, 1)), stored: String(c.capacity), note: '' });
    small.push({ n, network: 'dense associative memory', log2Stored: Math.log2(Math.max(d.capacity, 1)), stored: `${d.atCap ? '≥ ' : ''}${d.capacity}`, note: d.atCap ? 'search cap reached' : '' });
    small.push({ n, network: `expander Hopfield (${o.preset})`, log2Stored: k, stored: `2^${k}`, note: 'exact, from rank H' });
  }
  const section: ReportSection = {
    id: 'hopfield-comparison',
    title: 'Against classic and modern Hopfield memories',
    intro:
      `Same N = ${rows[0]?.n ?? o.n}, same flip rate p, recovery = exact recall of a random stored pattern from a cue with each bit flipped with probability p. ` +
      `Classic Hopfield (Hebbian, zero diagonal, asynchronous): P* = the largest number of random patterns recalled in ≥ 90 % of ${trials} trials — ` +
      'by exact recall (theory: (1−2p)²·N/(2 ln N) for a given pattern, McEliece et al. 1987) and by final overlap ≥ 0.9 (theory: 0.138·N, Amit–Gutfreund–Sompolinsky). ' +
      `Dense associative memory (Krotov–Hopfield / Demircigil et al., F = exp): exponential capacity, but one hidden unit and N weights per pattern; evaluated with P = ${dp} patterns. ` +
      `The expander network: 2^K stored states from O(N) binary weights, recovery over ${frames} frames with its default dynamics. Seed ${o.seed}.`,
    tables: [
      {
        caption: 'Same N and p. Bits per stored pattern: total weight storage / number of stored patterns (log2).',
        columns: [
          { key: 'network', title: 'network' }, { key: 'p', title: 'p' }, { key: 'stored', title: 'stored patterns' },
          { key: 'hiddenUnits', title: 'hidden units' }, { key: 'weights', title: 'weights' }, { key: 'bitsPerWeight', title: 'bits / weight' },
          { key: 'log2BitsPerStored', title: 'log2(weight bits / stored pattern)', digits: 1 }, { key: 'recovery', title: 'recovery rate at p (its criterion)', digits: 3 },
        ],
        rows,
      },
      {
        caption: 'log2(#patterns recalled exactly from a clean cue) at small N (dense-memory search capped).',
        columns: [{ key: 'n', title: 'N' }, { key: 'network', title: 'network' }, { key: 'stored', title: 'stored patterns' }, { key: 'log2Stored', title: 'log2', digits: 2 }, { key: 'note', title: 'note' }],
        rows: small,
      },
    ],
    figures: [
      {
        file: 'hopfield-capacity.svg',
        caption: 'log2(number of stored patterns recalled exactly, p = 0) vs N.',
        spec: lineFigure({ title: 'Stored patterns vs N', data: small, x: { field: 'n', title: 'N' }, y: { field: 'log2Stored', title: 'log2(#stored patterns)', zero: true }, color: { field: 'network', title: 'network' } }),
      },
    ],
    notes: [
      'The dense memory stores binary patterns, so its weights could be 1 bit each; real-valued implementations (Ramsauer et al.) use 32-bit floats: 32·N bits per pattern.',
      'The expander network\'s lateral inhibition weights (−λ inside a cluster) are fixed, not learned, and are not counted as storage.',
      'At p where the expander network\'s deterministic dynamics fail (above its threshold), the classic network may still recall its few patterns: capacity and noise tolerance are traded differently; FER curves vs p come in the FER section.',
    ],
  };
  return { section, rows, small, seconds: (performance.now() - t0) / 1000 };
}
