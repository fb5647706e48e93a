/** Claims 3 and 4 and the Hopfield comparison: energy descent, constant sparsity, Markdown, SVG. */
import { describe, expect, it } from 'vitest';
import { measureEnergy } from '../../src/report/energy.js';
import { sparsitySection } from '../../src/report/sparsity.js';
import { comparisonSection } from '../../src/report/hopfield-comparison.js';
import { lineFigure, renderSvg } from '../../src/report/figure.js';
import { markdownSection, markdownTable } from '../../src/report/section.js';

describe('energy section', () => {
  it('async dynamics: mean and quantiles of the excess energy never increase, and end at 0 at low p', () => {
    const { rows, traces } = measureEnergy({ preset: 'parity10-d5', sizes: [1000], ps: [0.005, 0.02], frames: 12, seed: 3, schedule: 'async' });
    for (const p of [0.005, 0.02]) {
      const t = traces.filter((q) => q.p === p).sort((a, b) => a.sweep - b.sweep);
      expect(t[0]!.mean).toBeGreaterThan(0);
      for (let s = 1; s < t.length; s++) {
        expect(t[s]!.mean).toBeLessThanOrEqual(t[s - 1]!.mean + 1e-12);
        expect(t[s]!.q90).toBeLessThanOrEqual(t[s - 1]!.q90 + 1e-12);
      }
    }
    const low = rows.find((r) => r.p === 0.005)!;
    expect(low.recovered).toBe(1);
    expect(low.finalExcess).toBe(0);
    expect(low.storedEnergy).toBe(-500 * 0.5);
  });
});

describe('sparsity section', () => {
  it('per-input counts are the same at every N; weights are ±1', () => {
    const { rows } = sparsitySection({ presets: ['parity10-d5', 'hamming15-d3', 'parity6-d3'], sizes: [1000, 4000, 16000], seed: 1 });
    for (const preset of ['parity10-d5', 'hamming15-d3', 'parity6-d3']) {
      const r = rows.filter((x) => x.preset === preset);
      expect(r).toHaveLength(3);
      for (const x of r) {
        for (const k of ['edgesPerInput', 'hiddenPerInput', 'synapsesPerInput', 'lateralPerInput', 'weightsPerHiddenUnit'] as const) expect(x[k]).toBeCloseTo(r[0]![k], 9);
        expect(x.weightValues).toBe('-1, 1');
        expect(x.distinctWeightValues).toBe(2);
      }
    }
    const flagship = rows.find((x) => x.preset === 'parity10-d5')!;
    expect(flagship.edgesPerInput).toBe(5);
    expect(flagship.hiddenPerInput).toBe(256); // d·|L|/z = 5·512/10
  });
});

describe('hopfield comparison section', () => {
  it('puts the three memories in one table at the same N and p', () => {
    const { rows, small } = comparisonSection({ n: 100, ps: [0], preset: 'parity10-d5', seed: 1, trials: 20, frames: 10, densePatterns: 64, smallNs: [16], denseCap: 256 });
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.n)).size).toBe(1);
    const ours = rows.find((r) => r.network.startsWith('expander'))!;
    expect(ours.log2Stored).toBe(50);
    expect(ours.recovery).toBe(1);
    const classic = rows.find((r) => r.network.includes('exact recall'))!;
    expect(classic.log2Stored).toBeLessThan(ours.log2Stored);
    expect(small).toHaveLength(3);
  });
});

describe('report rendering', () => {
  it('renders Markdown tables and an SVG figure', async () => {
    const t = markdownTable({ columns: [{ key: 'a', title: 'A' }, { key: 'b', title: 'B', digits: 2 }], rows: [{ a: 'x|y', b: 1 / 3 }, { a: 'z' }] });
    expect(t).toBe('| A | B |\n| --- | --- |\n| x\\|y | 0.33 |\n| z | — |');
    const spec = lineFigure({ title: 't', data: [{ n: 10, y: 1, s: 'a' }, { n: 100, y: 2, s: 'a' }], x: { field: 'n', title: 'N', scale: 'log' }, y: { field: 'y', title: 'y' }, color: { field: 's', title: 's' } });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    const md = markdownSection({ id: 'x', title: 'T', intro: 'i', tables: [], figures: [{ file: 'f.svg', caption: 'c', spec }], notes: ['n'] });
    expect(md).toContain('![c](f.svg)');
    expect(md).toContain('- n');
  });
});
