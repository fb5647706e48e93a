/**
 * hopcode/report/figure — report figures: Vega-Lite specs rendered to SVG in Node.
 *
 * A figure is a Vega-Lite spec with its data inlined, so the spec alone reproduces
 * the picture. Rendering: vl.compile → vega.parse → headless View (`renderer: 'none'`)
 * → toSVG(): no browser, no canvas.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';

export type FigureSpec = vl.TopLevelSpec;

/** Render a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: FigureSpec): Promise<string> {
  const compiled = vl.compile(spec, { logger: vega.logger(vega.None) });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Axis {
  field: string;
  title: string;
  scale?: 'linear' | 'log';
  /** Force the scale to include zero (linear only). */
  zero?: boolean;
}

export interface LineFigureOptions {
  title: string;
  data: Record<string, unknown>[];
  x: Axis;
  y: Axis;
  /** Series field (one line per value). */
  color?: { field: string; title: string };
  /** Optional shaded band: lower and upper fields of the y value. */
  band?: { lo: string; hi: string };
  /** Horizontal reference lines (e.g. the rate, the stored state's energy). */
  hrules?: { y: number; label: string }[];
  /** Small multiples: one panel per value of this field. */
  facet?: { field: string; title: string; columns?: number; independentX?: boolean };
  width?: number;
  height?: number;
}

const scale = (a: Axis) => ({ type: a.scale ?? 'linear', ...(a.scale === 'log' ? {} : { zero: a.zero ?? false }) });

/** Lines with points (plus an optional band and reference rules), optionally faceted. */
export function lineFigure(o: LineFigureOptions): FigureSpec {
  const x = { field: o.x.field, type: 'quantitative', title: o.x.title, scale: scale(o.x) };
  const y = { field: o.y.field, type: 'quantitative', title: o.y.title, scale: scale(o.y) };
  const color = o.color ? { field: o.color.field, type: 'nominal', title: o.color.title } : undefined;
  const layers: unknown[] = [];
  if (o.band) {
    layers.push({
      mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: { field: o.band.lo, type: 'quantitative', scale: scale(o.y) }, y2: { field: o.band.hi }, ...(color ? { color } : {}) },
    });
  }
  layers.push({ mark: { type: 'line', point: true }, encoding: { x, y, ...(color ? { color } : {}) } });
  for (const r of o.hrules ?? []) {
    layers.push({ data: { values: [r] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { datum: r.y } } });
  }
  const inner = { layer: layers, width: o.width ?? 360, height: o.height ?? 240 };
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: o.title, data: { values: o.data } };
  if (o.facet) {
    return {
      ...base,
      facet: { field: o.facet.field, type: 'nominal', title: o.facet.title },
      columns: o.facet.columns ?? 2,
      spec: inner,
      resolve: { scale: { y: 'independent', ...(o.facet.independentX ? { x: 'independent' } : {}) } },
    } as unknown as FigureSpec;
  }
  return { ...base, ...inner } as unknown as FigureSpec;
}
