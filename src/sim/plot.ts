/**
 * hopcode/sim/plot — FER and BER curves as an SVG file, rendered in Node by Vega.
 *
 * Two panels (FER, BER) against the noise point, both error-rate axes logarithmic;
 * the noise axis is logarithmic for BSC/BEC probabilities and linear for Eb/N0 (dB,
 * already a logarithm). One curve per (code, decoder, channel); FER points carry their
 * Clopper–Pearson 95 % interval as error bars. BER gets no bars: bit errors within a
 * frame are not independent, so a binomial interval on bits would be too narrow.
 * Points with no errors cannot sit on a log axis and are left out. The Shannon limit
 * of each rate is a dashed vertical rule. The Vega-Lite spec is compiled to Vega and
 * rendered headless (`renderer: 'none'`, `toSVG()`): no browser, no canvas.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
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
    if (r.frameErrors > 0) {
      const [lo, hi] = clopperPearson(r.frameErrors, r.frames);
      out.push({ series, metric: 'FER', noise: r.noise, value: r.frameErrors / r.frames, lo, hi });
    }
    if (r.bitErrors > 0 && r.n > 0) out.push({ series, metric: 'BER', noise: r.noise, value: r.bitErrors / (r.frames * r.n) });
  }
  return out.sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : a.noise - b.noise));
}

function panel(metric: 'FER' | 'BER', points: PlotPoint[], opts: PlotOptions, scale: 'log' | 'linear'): Record<string, unknown> {
  const mine = points.filter((p) => p.metric === metric);
  const x = { field: 'noise', type: 'quantitative', title: opts.noiseLabel ?? 'noise', scale: scale === 'log' ? { type: 'log', nice: false, padding: 12 } : { type: 'linear', zero: false, nice: false, padding: 12 } };
  const y = { field: 'value', type: 'quantitative', title: metric, scale: { type: 'log' }, axis: { format: '.0e' } };
  const color = { field: 'series', type: 'nominal', title: 'code / decoder / channel' };
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'line', clip: true }, encoding: { x, y, color } },
    { mark: { type: 'point', filled: true, size: 40, clip: true }, encoding: { x, y, color, tooltip: [{ field: 'series' }, { field: 'noise' }, { field: 'value', format: '.3e' }] } },
  ];
  if (metric === 'FER') {
    layers.push({ mark: { type: 'rule', clip: true }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'hi' }, color } });
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
  return { title: metric, width: opts.width ?? 360, height: opts.height ?? 280, data: { values: mine }, layer: layers };
}

/** The Vega-Lite specification of the chart. */
export function plotSpec(rows: readonly ResultRow[], opts: PlotOptions = {}): Record<string, unknown> {
  const points = plotPoints(rows);
  const scale = opts.noiseScale ?? (rows.every((r) => r.noise > 0) && (opts.rules ?? []).every((r) => r.noise > 0) ? 'log' : 'linear');
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
