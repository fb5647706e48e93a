/**
 * hopcode/sim/plot — FER and BER curves as an SVG file, rendered in Node by Vega.
 *
 * Two panels (FER, BER) against the noise point, both error-rate axes logarithmic;
 * the noise axis is logarithmic for BSC/BEC probabilities and linear for Eb/N0 (dB,
 * already a logarithm). One curve per (code, decoder, channel); FER points carry their
 * Clopper–Pearson 95 % interval as error bars. BER gets no bars: bit errors within a
 * frame are not independent, so a binomial interval on bits would be too narrow.
 * A FER point with no frame errors cannot sit on a log axis at 0, so it is drawn at its
 * 95 % Clopper–Pearson upper bound 1 − 0.025^(1/frames) as a hollow down-triangle
 * (an upper bound, marked as such in the panel subtitle), never dropped. Series differ
 * by marker shape as well as colour (readable in grey print); the error-rate axes
 * span whole decades fitted to the data, labelled 10⁻⁴ style. The noise axis is named
 * after the channel's parameter (p, e, Eb/N0 in dB), and the Shannon limit of each
 * (channel, rate) in the rows is a dashed vertical rule, as `simulate` draws it. The
 * Vega-Lite spec is compiled to Vega and rendered headless (`renderer: 'none'`,
 * `toSVG()`): no browser, no canvas.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ChannelKind } from '../channels/channel.js';
import { shannonLimit } from '../channels/factory.js';
import { aggregateRows, type ResultRow } from './results.js';
import { readResults } from './results-files.js';
import { clopperPearson } from './stats.js';

/** A vertical reference line, e.g. the Shannon limit of a rate. */
export interface PlotRule {
  noise: number;
  label: string;
}

export interface PlotOptions {
  title?: string;
  /** Noise axis title (default "noise"). */
  noiseLabel?: string;
  /** Noise axis scale (default: log when every noise value is > 0, else linear). */
  noiseScale?: 'log' | 'linear';
  /** Vertical rules (Shannon limits …). */
  rules?: readonly PlotRule[];
  /** Panel size in pixels (default 360 × 280). */
  width?: number;
  height?: number;
}

/** One plotted point. */
export interface PlotPoint {
  series: string;
  metric: 'FER' | 'BER';
  noise: number;
  value: number;
  lo?: number;
  hi?: number;
  /** No errors: `value` is the 95 % upper bound, not an estimate. */
  zero?: boolean;
}

/** The noise axis title for the channels in the rows. */
export function noiseAxisTitle(channels: readonly string[]): string {
  const set = [...new Set(channels)];
  const name: Record<string, string> = { bsc: 'p (BSC crossover probability)', bec: 'e (BEC erasure probability)', awgn: 'Eb/N0 (dB, BPSK-AWGN)' };
  if (set.length === 1 && name[set[0]!]) return name[set[0]!]!;
  return `noise (${set.map((c) => name[c]?.split(' (')[0] ?? c).join(', ')})`;
}

/** The Shannon limit of every (channel, rate) in the rows, as plot rules. */
export function shannonRules(rows: readonly Pick<ResultRow, 'channel' | 'rate'>[]): PlotRule[] {
  const seen = new Map<string, PlotRule>();
  for (const r of rows) {
    const key = `${r.channel}|${r.rate.toFixed(3)}`;
    if (seen.has(key) || !(r.rate > 0 && r.rate < 1) || !['bsc', 'bec', 'awgn'].includes(r.channel)) continue;
    seen.set(key, { noise: shannonLimit(r.channel as ChannelKind, r.rate), label: `Shannon limit (R = ${r.rate.toFixed(3)})` });
  }
  return [...seen.values()];
}

/** Decade label: 1e-4 → "10⁻⁴" (a Vega expression over datum.value; non-decades get none). */
const SUPERSCRIPT = [...'⁰¹²³⁴⁵⁶⁷⁸⁹'];
function decadeLabelExpr(): string {
  let e = "format(round(log(datum.value) / LN10), 'd')";
  e = `replace(replace(${e}, '-', '⁻'), '−', '⁻')`;
  for (let d = 0; d <= 9; d++) e = `replace(${e}, regexp('${d}', 'g'), '${SUPERSCRIPT[d]}')`;
  return `abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? '10' + ${e} : ''`;
}

/** Whole decades covering `values` (at least one decade). */
function decades(values: number[]): { domain: [number, number]; ticks: number[] } {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return { domain: [1e-6, 1], ticks: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1] };
  let lo = Math.floor(Math.log10(Math.min(...pos.slice(0, 10_000))) + 1e-9);
  let hi = Math.ceil(Math.log10(Math.max(...pos.slice(0, 10_000))) - 1e-9);
  for (const v of pos) {
    lo = Math.min(lo, Math.floor(Math.log10(v) + 1e-9));
    hi = Math.max(hi, Math.ceil(Math.log10(v) - 1e-9));
  }
  if (hi <= lo) hi = lo + 1;
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) ticks.push(Number(`1e${k}`));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** Curve label of a row. */
export function seriesOf(r: Pick<ResultRow, 'code' | 'decoder' | 'channel'>): string {
  return `${r.code} / ${r.decoder} / ${r.channel}`;
}

/** The points a chart draws from rows (aggregated first; zero-error points dropped). */
export function plotPoints(rows: readonly ResultRow[]): PlotPoint[] {
  const out: PlotPoint[] = [];
  for (const r of aggregateRows(rows)) {
    if (r.frames === 0) continue;
    const series = seriesOf(r);
    // Information-bit counts when the rows have them (the table's convention), else coded.
    const info = r.infoFrameErrors !== undefined && r.infoBitErrors !== undefined;
    const fe = info ? r.infoFrameErrors! : r.frameErrors;
    const be = info ? r.infoBitErrors! : r.bitErrors;
    const bits = info ? Math.round(r.rate * r.n) : r.n;
    const [lo, hi] = clopperPearson(fe, r.frames);
    if (fe > 0) out.push({ series, metric: 'FER', noise: r.noise, value: fe / r.frames, lo, hi });
    else out.push({ series, metric: 'FER', noise: r.noise, value: hi, zero: true });
    if (be > 0 && bits > 0) out.push({ series, metric: 'BER', noise: r.noise, value: be / (r.frames * bits) });
  }
  return out.sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : a.noise - b.noise));
}

function panel(metric: 'FER' | 'BER', points: PlotPoint[], opts: PlotOptions, scale: 'log' | 'linear'): Record<string, unknown> {
  const mine = points.filter((p) => p.metric === metric);
  const measured = mine.filter((p) => !p.zero);
  const bounds = mine.filter((p) => p.zero);
  const fit = decades(mine.flatMap((p) => [p.value, p.lo ?? p.value, p.hi ?? p.value]));
  const x = { field: 'noise', type: 'quantitative', title: opts.noiseLabel ?? 'noise', scale: scale === 'log' ? { type: 'log', nice: false, padding: 12 } : { type: 'linear', zero: false, nice: false, padding: 12 } };
  const yScale = { type: 'log', domain: fit.domain, nice: false };
  const y = { field: 'value', type: 'quantitative', title: metric, scale: yScale, axis: { values: fit.ticks, labelExpr: decadeLabelExpr(), grid: true } };
  const color = { field: 'series', type: 'nominal', title: 'code / decoder / channel' };
  const shape = { field: 'series', type: 'nominal', title: 'code / decoder / channel' };
  const layers: Record<string, unknown>[] = [
    { data: { values: measured }, mark: { type: 'line', clip: true }, encoding: { x, y, color } },
    { data: { values: measured }, mark: { type: 'point', filled: true, size: 50, opacity: 1, clip: true }, encoding: { x, y, color, shape, tooltip: [{ field: 'series' }, { field: 'noise' }, { field: 'value', format: '.3e' }] } },
  ];
  if (metric === 'FER') {
    layers.push({ data: { values: measured }, mark: { type: 'rule', clip: true }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' }, color } });
  }
  if (bounds.length > 0) {
    layers.push({ data: { values: bounds }, mark: { type: 'point', shape: 'triangle-down', filled: false, strokeWidth: 1.5, size: 90, clip: true }, encoding: { x, y, color, tooltip: [{ field: 'series' }, { field: 'noise' }, { field: 'value', format: '.3e', title: '95% upper bound (0 errors)' }] } });
  }
  const rules = opts.rules ?? [];
  if (rules.length > 0) {
    layers.push({
      data: { values: rules.map((r) => ({ noise: r.noise, label: r.label })) },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4], color: '#666' }, encoding: { x: { field: 'noise', type: 'quantitative' } } },
        { mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -2, color: '#444', fontSize: 10 }, encoding: { x: { field: 'noise', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
      ],
    });
  }
  const title = bounds.length > 0 ? { text: metric, subtitle: '▽ hollow: no frame errors, drawn at the 95 % upper bound' } : metric;
  return { title, width: opts.width ?? 360, height: opts.height ?? 280, layer: layers };
}

/** The Vega-Lite specification of the chart. */
export function plotSpec(rows: readonly ResultRow[], opts: PlotOptions = {}): Record<string, unknown> {
  const points = plotPoints(rows);
  opts = { noiseLabel: noiseAxisTitle(rows.map((r) => r.channel)), rules: shannonRules(rows), ...opts };
  const scale = opts.noiseScale ?? (rows.every((r) => r.noise > 0 && r.channel !== 'awgn') && (opts.rules ?? []).every((r) => r.noise > 0) ? 'log' : 'linear');
  const spec: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    hconcat: [panel('FER', points, opts, scale), panel('BER', points, opts, scale)],
    resolve: { scale: { color: 'shared' } },
    config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 1, labelLimit: 600, titleLimit: 600 } },
  };
  if (opts.title) spec.title = opts.title;
  return spec;
}

/** Render rows to an SVG string. */
export async function renderPlotSvg(rows: readonly ResultRow[], opts: PlotOptions = {}): Promise<string> {
  // warnings (e.g. an empty panel) go nowhere: the CLI owns stderr
  const compiled = vl.compile(plotSpec(rows, opts) as unknown as vl.TopLevelSpec, { logger: vega.logger(vega.None) });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Write SVG text atomically (temporary file in the same folder, then rename). */
export function writeSvgFile(path: string, svg: string): void {
  if (!path.toLowerCase().endsWith('.svg')) throw new Error(`hopcode/plot: ${path}: only SVG output is supported (name the file *.svg)`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, svg);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw new Error(`hopcode/plot: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Render rows and write the SVG file (`--plot fer.svg`). */
export async function writePlot(path: string, rows: readonly ResultRow[], opts: PlotOptions = {}): Promise<void> {
  if (!path.toLowerCase().endsWith('.svg')) throw new Error(`hopcode/plot: ${path}: only SVG output is supported (name the file *.svg)`);
  writeSvgFile(path, await renderPlotSvg(rows, opts));
}

/** Replot saved results: several CSV/JSONL files → one chart, written to `out` if given. */
export async function replotFiles(inputs: readonly string[], out: string | undefined, opts: PlotOptions = {}): Promise<string> {
  if (inputs.length === 0) throw new Error('hopcode/plot: no results files to plot');
  const rows = inputs.flatMap((f) => readResults(f).rows);
  const svg = await renderPlotSvg(rows, opts);
  if (out) writeSvgFile(out, svg);
  return svg;
}
