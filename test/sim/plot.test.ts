/**
 * FER/BER plot: the SVG is well-formed XML and holds one symbol per plotted point,
 * one error bar per FER point and one rule per Shannon limit; replot from files.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { shannonLimitBsc } from '../../src/channels/bsc.js';
import { plotPoints, renderPlotSvg, replotFiles, writePlot } from '../../src/sim/plot.js';
import { writeResults } from '../../src/sim/results-files.js';
import type { ResultRow } from '../../src/sim/results.js';

function row(code: string, decoder: string, noise: number, frames: number, fe: number, be: number): ResultRow {
  return {
    noise, frames, bitErrors: be, frameErrors: fe, seconds: 1, stopReason: 'errors', problemHash: code === 'a' ? '0123456789abcdef' : 'fedcba9876543210',
    sweepsSum: 10 * frames, converged: frames - fe, wrongStored: 0, spurious: 0, noConvergence: fe, code, decoder, channel: 'bsc', n: 1008, rate: 0.5, seed: '1', firstChunk: 0, chunks: 1,
  };
}

const ROWS = [
  row('a', 'min-sum', 0.05, 1000, 10, 100),
  row('a', 'min-sum', 0.06, 1000, 100, 2000),
  row('a', 'min-sum', 0.07, 1000, 500, 20000),
  row('a', 'min-sum', 0.04, 1000, 0, 0), // no errors: drawn at its 95 % upper bound, hollow
  row('b', 'gallager-b', 0.03, 1000, 50, 300),
  row('b', 'gallager-b', 0.04, 1000, 300, 4000),
];

/** Count child elements of every <g> whose class list includes all of `classes`. */
function countMarks(svg: string, classes: string[], child: string): number {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'g' || name === child }).parse(svg);
  let n = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const cls = String(o['@class'] ?? '').split(/\s+/);
    if (classes.every((c) => cls.includes(c)) && Array.isArray(o[child])) n += (o[child] as unknown[]).length;
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('@')) walk(v);
  };
  walk(doc);
  return n;
}

describe('plot', () => {
  it('renders well-formed SVG with one symbol per point, FER error bars and the Shannon rule', async () => {
    const svg = await renderPlotSvg(ROWS, { noiseLabel: 'p', rules: [{ noise: shannonLimitBsc(0.5), label: 'Shannon limit R = 1/2' }], title: 'test' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg')).toBe(true);
    const pts = plotPoints(ROWS);
    expect(pts.filter((p) => p.metric === 'FER' && !p.zero)).toHaveLength(5);
    const zero = pts.filter((p) => p.zero);
    expect(zero).toHaveLength(1);
    expect(zero[0]!.value).toBeCloseTo(1 - 0.025 ** (1 / 1000), 6); // one-sided 97.5 % of the two-sided 95 % CP interval
    expect(svg).toContain('95 % upper bound');
    expect(pts.filter((p) => p.metric === 'BER')).toHaveLength(5);
    // FER panel (concat_0) and BER panel (concat_1): points are the 2nd layer
    expect(countMarks(svg, ['mark-symbol', 'role-mark', 'concat_0_layer_1_marks'], 'path')).toBe(5);
    expect(countMarks(svg, ['mark-symbol', 'role-mark', 'concat_1_layer_1_marks'], 'path')).toBe(5);
    // error bars (3rd layer of the FER panel) and one Shannon rule per panel
    expect(countMarks(svg, ['mark-rule', 'role-mark', 'concat_0_layer_2_marks'], 'line')).toBe(5);
    // the zero-error point: one hollow symbol (4th layer), then the Shannon rule
    expect(countMarks(svg, ['mark-symbol', 'role-mark', 'concat_0_layer_3_marks'], 'path')).toBe(1);
    expect(countMarks(svg, ['mark-rule', 'role-mark', 'concat_0_layer_4_layer_0_marks'], 'line')).toBe(1);
    expect(countMarks(svg, ['mark-rule', 'role-mark', 'concat_1_layer_2_layer_0_marks'], 'line')).toBe(1);
    // two curves in the legend
    expect(countMarks(svg, ['mark-symbol', 'role-legend-symbol'], 'path')).toBe(2);
    expect(svg).toContain('Shannon limit R = 1/2');
  });

  it('replots several result files into one chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-plot-'));
    writeResults(join(dir, 'a.csv'), ROWS.slice(0, 4));
    writeResults(join(dir, 'b.jsonl'), ROWS.slice(4));
    const out = join(dir, 'fer.svg');
    const svg = await replotFiles([join(dir, 'a.csv'), join(dir, 'b.jsonl')], out);
    expect(readFileSync(out, 'utf8')).toBe(svg);
    expect(countMarks(svg, ['mark-symbol', 'role-mark', 'concat_0_layer_1_marks'], 'path')).toBe(5);
    await expect(writePlot(join(dir, 'fer.png'), ROWS)).rejects.toThrow(/^hopcode\/plot: .*only SVG/);
    await expect(writePlot(join(dir, 'nope', 'fer.svg'), ROWS)).rejects.toThrow(/^hopcode\/plot: cannot write .*ENOENT/);
  });
});
