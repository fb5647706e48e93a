/**
 * hopcode/report/thresholds — claim 2: recovery from a finite fraction of errors.
 *
 * FER vs p on the BSC with the network's deterministic dynamics (network-sync) at
 * several N for the flagship (hamming31-d3) and the (3,6) graph (parity6-d3). Below a
 * threshold the curves fall as N grows; the threshold p* (FER = ½ crossing) is
 * extrapolated in N with p*(N) = p*∞ + a/√N (report/threshold-fit). Then, against what
 * the paper argues with: min-sum belief propagation and Gallager B bit flipping on the
 * same graphs (the stacked parity checks H) and the same frames (same seed and chunking),
 * and the Shannon limit at each code's exact rate.
 */
import { presetSource } from '../sim/code-source.js';
import { decoderSpec, type DecoderName } from '../sim/decoder-spec.js';
import type { StopRules } from '../sim/engine.js';
import { presetByName } from '../network/presets.js';
import { lineFigure } from './figure.js';
import { describeStop, figureRows, measureCurve, summarizeCurve, type CurveSummary, type FerPoint } from './fer-curve.js';
import type { ReportSection, Row } from './section.js';
import { extrapolateCrossing, type Extrapolation } from './threshold-fit.js';

export interface ThresholdOptions {
  seed: number;
  workers: number;
  sizes: number[];
  /** N of the baseline comparison (one of `sizes`, rounded per preset). */
  baselineN: number;
  scalingStop: StopRules;
  baselineStop: StopRules;
  chunkFrames: number;
  resamples: number;
  quick: boolean;
}

/** Search windows (start, step) per preset and decoder, from earlier sweeps; the search widens itself if needed. */
const WINDOWS: Record<string, Partial<Record<DecoderName, [number, number]>>> = {
  'hamming31-d3': { 'network-sync': [0.05, 0.0025], 'min-sum': [0.05, 0.0025], 'gallager-b': [0.04, 0.0025] },
  'parity6-d3': { 'network-sync': [0.024, 0.002], 'min-sum': [0.085, 0.005], 'gallager-b': [0.045, 0.0025] },
};

export interface ThresholdResult {
  section: ReportSection;
  points: FerPoint[];
  fits: (Extrapolation & { network: string })[];
  table: CurveSummary[];
}

export async function thresholdSection(o: ThresholdOptions): Promise<ThresholdResult> {
  const points: FerPoint[] = [];
  const table: CurveSummary[] = [];
  const perSize: CurveSummary[] = [];
  const fits: (Extrapolation & { network: string })[] = [];
  for (const preset of Object.keys(WINDOWS)) {
    const rule = presetByName(preset).rule;
    const curves = [];
    for (const n of o.sizes) {
      const source = presetSource(preset, n, o.seed);
      const [top, step] = WINDOWS[preset]!['network-sync']!;
      const req = { network: preset, variant: 'network-sync', source, decoder: decoderSpec('network-sync', rule), top, step, stopBelow: 5e-3, stop: o.scalingStop, chunkFrames: o.chunkFrames };
      const pts = await measureCurve(req, o.seed, o.workers);
      points.push(...pts);
      const s = summarizeCurve(req, pts);
      perSize.push(s);
      if (n === o.baselineN) table.push(s);
      curves.push({ n: source.code.n, points: pts });
    }
    fits.push({ network: preset, ...extrapolateCrossing(curves, { level: 0.5, resamples: o.resamples, seed: o.seed }) });
    const source = presetSource(preset, o.baselineN, o.seed);
    for (const name of ['min-sum', 'gallager-b'] as const) {
      const [top, step] = WINDOWS[preset]![name]!;
      const req = { network: preset, variant: name, source, decoder: decoderSpec(name, rule), top, step, stopBelow: 5e-3, stop: o.baselineStop, chunkFrames: o.chunkFrames };
      const pts = await measureCurve(req, o.seed, o.workers);
      points.push(...pts);
      table.push(summarizeCurve(req, pts));
    }
  }
  const fitRows: Row[] = fits.map((f) => {
    const ys = f.perN.filter((q) => q.pStar !== undefined);
    const trend = ys.length >= 2 ? (ys[ys.length - 1]!.pStar! > ys[0]!.pStar! ? 'rises with N' : 'falls with N') : 'not bracketed';
    return {
      network: `${f.network} network-sync`, model: f.model, sizes: f.perN.map((q) => q.n).join(', '), pInf: f.pInf, seFit: f.seFit,
      ci: f.ci ? `[${f.ci[0].toFixed(4)}, ${f.ci[1].toFixed(4)}] (${f.resamples} resamples)` : '—', trend,
    };
  });
  const sizesText = o.sizes.join(', ');
  const section: ReportSection = {
    id: 'thresholds',
    title: 'Claim 2 — recovery from a finite fraction of errors (FER vs p, thresholds, baselines)',
    intro:
      `Binary symmetric channel, success = exact recovery of the stored state (frame error otherwise). The network's deterministic ` +
      `synchronous dynamics (network-sync, preset rule, ≤ 100 sweeps) at requested N = ${sizesText} (rounded to each preset's valid sizes). ` +
      'Each curve is measured adaptively: from a start point upward until FER ≥ ½, then downward until FER < 5·10⁻³. ' +
      'p* is the FER = ½ crossing (log FER interpolated linearly in p between bracketing points); p(FER = 10⁻²) likewise. ' +
      'p* is extrapolated to N → ∞ with **p*(N) = p*∞ + a·N^(−1/2)** (least squares in 1/√N; ν = ½ fixed, since four sizes cannot identify it): ' +
      'the uncertainty is the intercept standard error from the fit residuals and a bootstrap interval ' +
      `(each point's FER redrawn inside its 95 % Wilson interval, ${o.resamples} resamples). ` +
      `Baselines (not the network) at N ≈ ${o.baselineN}: normalised min-sum BP (α = 0.8, ≤ 50 iterations) and Gallager B (≤ 100 iterations) ` +
      'on the parity-check matrix H obtained by stacking every constraint\'s local checks, on the same frames (same seed and chunking). ' +
      `Stop rules: network-sync ${describeStop(o.scalingStop, o.chunkFrames)}; baselines ${describeStop(o.baselineStop, o.chunkFrames)}. ` +
      `Seed ${o.seed} (graphs and frames).` + (o.quick ? ' **Quick mode: small N, few frames — indicative only.**' : ''),
    tables: [
      {
        caption: 'Per size (network-sync): crossings of the measured curve.',
        columns: [
          { key: 'network', title: 'network' }, { key: 'n', title: 'N' }, { key: 'rate', title: 'rate K/N', digits: 4 },
          { key: 'pAtFer50', title: 'p* (FER ½)', digits: 4 }, { key: 'pAtFer1e2', title: 'p at FER 10⁻²', digits: 4 },
          { key: 'frames', title: 'frames' }, { key: 'seconds', title: 'seconds', digits: 1 },
        ],
        rows: perSize,
      },
      {
        caption: 'Threshold extrapolated in N.',
        columns: [
          { key: 'network', title: 'network' }, { key: 'sizes', title: 'N' }, { key: 'model', title: 'model' },
          { key: 'pInf', title: 'p*∞', digits: 4 }, { key: 'seFit', title: '± (fit residuals)', digits: 4 },
          { key: 'ci', title: '95 % bootstrap interval' }, { key: 'trend', title: 'p*(N)' },
        ],
        rows: fitRows,
      },
      {
        caption: `Against the baselines and the Shannon limit, N ≈ ${o.baselineN} (same graph and frames per network).`,
        columns: [
          { key: 'network', title: 'graph' }, { key: 'variant', title: 'decoder' }, { key: 'n', title: 'N' }, { key: 'rate', title: 'rate', digits: 4 },
          { key: 'pAtFer50', title: 'p at FER ½', digits: 4 }, { key: 'pAtFer1e2', title: 'p at FER 10⁻²', digits: 4 },
          { key: 'shannonP', title: 'Shannon limit p', digits: 4 },
          { key: 'gap', title: 'Shannon / p(10⁻²)', format: (_v, r) => (typeof r.pAtFer1e2 === 'number' ? (Number(r.shannonP) / r.pAtFer1e2).toFixed(2) : '—') },
          { key: 'frames', title: 'frames' },
        ],
        rows: table,
      },
    ],
    figures: [
      {
        file: 'fer-vs-p-sync.svg',
        caption: 'FER vs p, network-sync, one line per N (band: 95 % Wilson interval; points with no frame error are not drawn on the log scale).',
        spec: lineFigure({
          title: 'Network-sync: FER vs p as N grows',
          data: figureRows(points.filter((q) => q.variant === 'network-sync'), (q) => ({ series: q.network, N: String(q.n) })),
          x: { field: 'p', title: 'flip probability p' }, y: { field: 'fer', title: 'FER', scale: 'log' },
          color: { field: 'N', title: 'N' }, band: { lo: 'lo', hi: 'hi' }, facet: { field: 'series', title: 'network', independentX: true },
        }),
      },
      {
        file: 'fer-vs-p-baselines.svg',
        caption: `FER vs p at N ≈ ${o.baselineN}: the network's dynamics vs min-sum BP and Gallager B on the same graph.`,
        spec: lineFigure({
          title: `N ≈ ${o.baselineN}: network vs baselines`,
          data: figureRows(points.filter((q) => table.some((t) => t.n === q.n && t.network === q.network && t.variant === q.variant)), (q) => ({ series: q.network, decoder: q.variant })),
          x: { field: 'p', title: 'flip probability p' }, y: { field: 'fer', title: 'FER', scale: 'log' },
          color: { field: 'decoder', title: 'decoder' }, facet: { field: 'series', title: 'graph', independentX: true },
        }),
      },
    ],
    notes: [
      'A curve that never brackets a level has no crossing (—): widen its window rather than trust an extrapolation.',
      'Frames of a point stopped by its time cap depend on the machine\'s speed; all other counts are reproducible from the seed.',
    ],
  };
  return { section, points, fits, table };
}
