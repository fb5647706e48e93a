/**
 * hopcode/graphs/graphology-interop — convert between the kernel CSR graph and graphology.
 *
 * The friendly layer (STYLE.md §1): a graphology graph is for inspection, drawing and
 * export; kernels never see it. Layout: inputs are nodes `v0..v{N−1}` with attributes
 * {part: 'input', index}, constraints are nodes `c0..c{M−1}` with {part: 'constraint',
 * index}; kernel edge e (constraint order) is the undirected edge `e{e}` with attribute
 * {position: k}, k = e − chkPtr[c] being its slot inside the constraint (the index into
 * the local pattern, DESIGN.md §1). Reading back sorts each constraint's edges by
 * `position`, so `fromGraphology(toGraphology(g))` reproduces chkPtr and chkVar exactly.
 */
import { MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes, SerializedGraph } from 'graphology-types';
import { type BipartiteGraph, fromCsr, isSimple } from './bipartite-graph.js';

export type NodePart = 'input' | 'constraint';

export interface HopcodeNodeAttributes extends Attributes {
  part: NodePart;
  index: number;
}

export interface HopcodeEdgeAttributes extends Attributes {
  position: number;
}

/** The graphology form of a kernel graph: undirected, a multigraph only if some constraint repeats an input. */
export type HopcodeGraphology = AbstractGraph<HopcodeNodeAttributes, HopcodeEdgeAttributes>;

/** Build the graphology graph of `g` with deterministic node and edge keys. */
export function toGraphology(g: BipartiteGraph): HopcodeGraphology {
  const options = { allowSelfLoops: false };
  const graph: HopcodeGraphology = isSimple(g)
    ? new UndirectedGraph<HopcodeNodeAttributes, HopcodeEdgeAttributes>(options)
    : new MultiUndirectedGraph<HopcodeNodeAttributes, HopcodeEdgeAttributes>(options);
  graph.setAttribute('kind', 'hopcode/bipartite');
  for (let v = 0; v < g.n; v++) graph.addNode(`v${v}`, { part: 'input', index: v });
  for (let c = 0; c < g.m; c++) graph.addNode(`c${c}`, { part: 'constraint', index: c });
  for (let c = 0; c < g.m; c++) {
    const lo = g.chkPtr[c]!;
    for (let e = lo; e < g.chkPtr[c + 1]!; e++) {
      graph.addUndirectedEdgeWithKey(`e${e}`, `v${g.chkVar[e]!}`, `c${c}`, { position: e - lo });
    }
  }
  return graph;
}

/** The serialised form (graphology's `export()`), e.g. for `hopcode export --format graphology`. */
export function toGraphologyJson(g: BipartiteGraph): SerializedGraph<HopcodeNodeAttributes, HopcodeEdgeAttributes> {
  return toGraphology(g).export();
}

function fail(msg: string): never {
  throw new Error(`hopcode/graphology: ${msg}`);
}

/** Numeric-aware key order, so `e2` < `e10` when positions are absent. */
const keyOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Read a graphology graph laid out as `toGraphology` writes it. Any graph type is
 * accepted (edge direction is ignored); every node needs `part` and a distinct
 * integer `index` covering 0..count−1 on its side, and every edge must join an input
 * to a constraint. A constraint's inputs are ordered by the edges' `position`
 * attribute (all of its edges carry one, forming 0..z−1) or, when none do, by edge key.
 */
export function fromGraphology(graph: AbstractGraph): BipartiteGraph {
  const partOf = new Map<string, { part: NodePart; index: number }>();
  let n = 0;
  let m = 0;
  graph.forEachNode((key, attr) => {
    const part: unknown = attr['part'];
    const index: unknown = attr['index'];
    if (part !== 'input' && part !== 'constraint') {
      fail(`node '${key}': attribute 'part' must be 'input' or 'constraint', got ${JSON.stringify(part)}`);
    }
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      fail(`node '${key}': attribute 'index' must be a non-negative integer, got ${JSON.stringify(index)}`);
    }
    partOf.set(key, { part, index });
    if (part === 'input') n++;
    else m++;
  });
  if (n === 0) fail('the graph has no input nodes (part: \'input\')');
  const seenIndex = { input: new Array<string | undefined>(n), constraint: new Array<string | undefined>(m) };
  for (const [key, { part, index }] of partOf) {
    const count = part === 'input' ? n : m;
    if (index >= count) fail(`node '${key}': ${part} index ${index} is out of range 0..${count - 1} (there are ${count} ${part} nodes)`);
    const other = seenIndex[part][index];
    if (other !== undefined) fail(`nodes '${other}' and '${key}' both have ${part} index ${index}`);
    seenIndex[part][index] = key;
  }
  // Collect each constraint's edges: (input, position or -1, key).
  const slots: { v: number; pos: number; key: string }[][] = Array.from({ length: m }, () => []);
  graph.forEachEdge((key, attr, source, target) => {
    const a = partOf.get(source)!;
    const b = partOf.get(target)!;
    if (a.part === b.part) {
      fail(`edge '${key}' joins two ${a.part} nodes ('${source}', '${target}'): the graph is not bipartite`);
    }
    const input = a.part === 'input' ? a : b;
    const chk = a.part === 'input' ? b : a;
    const position: unknown = attr['position'];
    if (position !== undefined && (typeof position !== 'number' || !Number.isInteger(position) || position < 0)) {
      fail(`edge '${key}': attribute 'position' must be a non-negative integer, got ${JSON.stringify(position)}`);
    }
    slots[chk.index]!.push({ v: input.index, pos: position === undefined ? -1 : position, key });
  });
  const chkPtr = new Int32Array(m + 1);
  for (let c = 0; c < m; c++) chkPtr[c + 1] = chkPtr[c]! + slots[c]!.length;
  const chkVar = new Int32Array(chkPtr[m]!);
  for (let c = 0; c < m; c++) {
    const list = slots[c]!;
    const withPos = list.filter((s) => s.pos >= 0).length;
    if (withPos === 0) {
      list.sort((x, y) => keyOrder(x.key, y.key));
    } else if (withPos < list.length) {
      fail(`constraint '${seenIndex.constraint[c]}': ${withPos} of its ${list.length} edges have a 'position' attribute; give all or none`);
    } else {
      list.sort((x, y) => x.pos - y.pos);
      list.forEach((s, k) => {
        if (s.pos !== k) {
          fail(`constraint '${seenIndex.constraint[c]}': edge positions must be 0..${list.length - 1}, edge '${s.key}' has position ${s.pos} where ${k} was expected`);
        }
      });
    }
    list.forEach((s, k) => { chkVar[chkPtr[c]! + k] = s.v; });
  }
  return fromCsr(n, chkPtr, chkVar);
}
