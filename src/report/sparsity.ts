/**
 * hopcode/report/sparsity — claim 4: binary weights, sparse connectivity, constant per input.
 *
 * Counted on the built network (DESIGN.md §1), no sampling: constraint c holds |L_c|
 * hidden units, each wired to the z inputs of ∂c with weights 2a_k − 1 ∈ {−1, +1};
 * inside a cluster the units inhibit each other with weight −λ. Per input neuron:
 *   graph edges            d                         (= edges / N)
 *   hidden units           Σ_c |L_c| / N             (= M·|L| / N = d·|L| / z)
 *   input–hidden synapses  Σ_c z·|L_c| / N           (= d·|L|)
 *   lateral synapses       Σ_c |L_c|(|L_c| − 1)/2 / N
 * all independent of N, while the number of stored states grows as 2^(R·N).
 */
import { edgeCount } from '../graphs/bipartite-graph.js';
import { buildPreset } from '../network/code.js';
import { PRESETS } from '../network/presets.js';
import { lineFigure } from './figure.js';
import type { ReportSection, Row } from './section.js';

export interface SparsityRow extends Row {
  preset: string;
  n: number;
  m: number;
  edgesPerInput: number;
  hiddenPerInput: number;
  synapsesPerInput: number;
  lateralPerInput: number;
  weightsPerHiddenUnit: number;
  weightValues: string;
  distinctWeightValues: number;
  lateralInhibition: number;
}

/** The per-input counts of one built network. */
export function sparsityRow(preset: string, n: number, seed: number): SparsityRow {
  const code = buildPreset({ preset, n, seed, girth6: false });
  const net = code.network;
  let synapses = 0;
  let lateral = 0;
  let maxZ = 0;
  for (let c = 0; c < net.m; c++) {
    const code_ = net.codeOf(c);
    synapses += code_.z * code_.size;
    lateral += (code_.size * (code_.size - 1)) / 2;
    maxZ = Math.max(maxZ, code_.z);
  }
  const values = net.weightValues();
  return {
    preset, n: net.n, m: net.m,
    edgesPerInput: edgeCount(code.graph) / net.n,
    hiddenPerInput: net.hiddenUnits / net.n,
    synapsesPerInput: synapses / net.n,
    lateralPerInput: lateral / net.n,
    weightsPerHiddenUnit: maxZ,
    weightValues: values.join(', '),
    distinctWeightValues: values.length,
    lateralInhibition: -net.lambda,
  };
}

export function sparsitySection(o: { presets?: string[]; sizes: number[]; seed: number }): { section: ReportSection; rows: SparsityRow[] } {
  const presets = o.presets ?? Object.keys(PRESETS);
  const rows = presets.flatMap((p) => o.sizes.map((n) => sparsityRow(p, n, o.seed)));
  const long = rows.flatMap((r) => [
    { preset: r.preset, n: r.n, metric: 'graph edges per input (d)', value: r.edgesPerInput },
    { preset: r.preset, n: r.n, metric: 'hidden units per input', value: r.hiddenPerInput },
    { preset: r.preset, n: r.n, metric: 'input–hidden synapses per input', value: r.synapsesPerInput },
    { preset: r.preset, n: r.n, metric: 'distinct input–hidden weight values', value: r.distinctWeightValues },
  ]);
  const section: ReportSection = {
    id: 'sparsity',
    title: 'Claim 4 — binary weights, sparse connectivity',
    intro:
      'Counted on the built networks: every input–hidden weight is −1 or +1, and the number of graph edges, hidden units and synapses per input ' +
      'does not depend on N. The only other weight is the lateral inhibition −λ inside a cluster (λ = z + 1), which keeps one unit per cluster active. ' +
      'The graphs here are built without 4-cycle removal (it does not change any count).',
    tables: [
      {
        columns: [
          { key: 'preset', title: 'preset' }, { key: 'n', title: 'N' }, { key: 'm', title: 'M' },
          { key: 'edgesPerInput', title: 'edges / input', digits: 2 }, { key: 'hiddenPerInput', title: 'hidden units / input', digits: 2 },
          { key: 'synapsesPerInput', title: 'input–hidden synapses / input', digits: 1 }, { key: 'weightsPerHiddenUnit', title: 'weights / hidden unit' },
          { key: 'weightValues', title: 'input–hidden weight values' }, { key: 'lateralInhibition', title: 'lateral weight' },
          { key: 'lateralPerInput', title: 'lateral synapses / input', digits: 1 },
        ],
        rows,
      },
    ],
    figures: [
      {
        file: 'sparsity.svg',
        caption: 'Per-input counts vs N: flat lines.',
        spec: lineFigure({
          title: 'Connectivity per input vs N', data: long,
          x: { field: 'n', title: 'N (inputs)', scale: 'log' }, y: { field: 'value', title: 'per input', scale: 'log' },
          color: { field: 'preset', title: 'preset' }, facet: { field: 'metric', title: '' },
        }),
      },
    ],
    notes: [],
  };
  return { section, rows };
}
