// Tests for hopcode/graphs/graphology-interop: round trip, deterministic keys, clear errors on bad graphs.
import { MultiGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { type BipartiteGraph, fromConstraintLists } from '../../src/graphs/bipartite-graph.js';
import { buildBiregular } from '../../src/graphs/biregular.js';
import { fromGraphology, toGraphology, toGraphologyJson } from '../../src/graphs/graphology-interop.js';

function sameCsr(a: BipartiteGraph, b: BipartiteGraph): void {
  expect(b.n).toBe(a.n);
  expect(b.m).toBe(a.m);
  expect(Array.from(b.chkPtr)).toEqual(Array.from(a.chkPtr));
  expect(Array.from(b.chkVar)).toEqual(Array.from(a.chkVar));
}

/** A small hand-made graph: 4 inputs, 3 constraints of different sizes. */
const small = (): BipartiteGraph => fromConstraintLists(4, [[2, 0, 3], [1, 2], [3, 1, 0]]);

describe('toGraphology / fromGraphology', () => {
  it('round trip is the identity on chkPtr and chkVar', () => {
    for (const seed of [1, 2, 3]) {
      const g = buildBiregular({ n: 300, d: 3, z: 6, seed });
      sameCsr(g, fromGraphology(toGraphology(g)));
    }
    sameCsr(small(), fromGraphology(toGraphology(small())));
  });

  it('uses deterministic node keys, edge keys and attributes', () => {
    const graph = toGraphology(small());
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(7);
    expect(graph.size).toBe(8);
    expect(graph.nodes()).toEqual(['v0', 'v1', 'v2', 'v3', 'c0', 'c1', 'c2']);
    expect(graph.edges()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(graph.getNodeAttributes('v2')).toEqual({ part: 'input', index: 2 });
    expect(graph.getNodeAttributes('c1')).toEqual({ part: 'constraint', index: 1 });
    // Edge 6 is the second slot of constraint 2, joining input 1.
    expect(graph.getEdgeAttributes('e6')).toEqual({ position: 1 });
    expect(graph.hasEdge('v1', 'c2')).toBe(true);
    expect(toGraphologyJson(small())).toEqual(toGraphologyJson(small()));
  });

  it('reads back a serialised graph and a graph whose positions were dropped', () => {
    const g = buildBiregular({ n: 120, d: 3, z: 6, seed: 9 });
    sameCsr(g, fromGraphology(UndirectedGraph.from(toGraphologyJson(g))));
    const bare = toGraphology(g);
    bare.forEachEdge((key) => bare.removeEdgeAttribute(key, 'position'));
    sameCsr(g, fromGraphology(bare)); // e2 < e10: keys compare numerically
  });

  it('keeps repeated edges through a multigraph', () => {
    const g = fromConstraintLists(3, [[0, 1, 0], [2, 1]]);
    const graph = toGraphology(g);
    expect(graph.multi).toBe(true);
    sameCsr(g, fromGraphology(graph));
  });
});

describe('fromGraphology errors', () => {
  it('rejects a graph that is not bipartite', () => {
    const graph = toGraphology(small());
    graph.addEdgeWithKey('bad', 'v0', 'v1');
    expect(() => fromGraphology(graph)).toThrow(/^hopcode\/graphology: edge 'bad' joins two input nodes \('v0', 'v1'\): the graph is not bipartite/);
  });

  it('rejects missing or wrong node attributes', () => {
    const graph = toGraphology(small());
    graph.addNode('stray');
    expect(() => fromGraphology(graph)).toThrow(/^hopcode\/graphology: node 'stray': attribute 'part' must be 'input' or 'constraint', got undefined/);
    const noIndex = toGraphology(small());
    noIndex.removeNodeAttribute('c1', 'index');
    expect(() => fromGraphology(noIndex)).toThrow(/node 'c1': attribute 'index' must be a non-negative integer/);
    const dup = toGraphology(small());
    dup.setNodeAttribute('v3', 'index', 1);
    expect(() => fromGraphology(dup)).toThrow(/nodes 'v1' and 'v3' both have input index 1/);
    const gap = toGraphology(small());
    gap.setNodeAttribute('v3', 'index', 9);
    expect(() => fromGraphology(gap)).toThrow(/node 'v3': input index 9 is out of range 0\.\.3/);
  });

  it('rejects inconsistent edge positions', () => {
    const graph = toGraphology(small());
    graph.setEdgeAttribute('e1', 'position', 0);
    expect(() => fromGraphology(graph)).toThrow(/constraint 'c0': edge positions must be 0\.\.2/);
    const partial = toGraphology(small());
    partial.removeEdgeAttribute('e4', 'position');
    expect(() => fromGraphology(partial)).toThrow(/constraint 'c1': 1 of its 2 edges have a 'position' attribute/);
  });

  it('accepts a hand-built graph of another type, ignoring direction', () => {
    const graph = new MultiGraph();
    graph.addNode('a', { part: 'input', index: 1 });
    graph.addNode('b', { part: 'input', index: 0 });
    graph.addNode('k', { part: 'constraint', index: 0 });
    graph.addDirectedEdgeWithKey('x2', 'k', 'a');
    graph.addUndirectedEdgeWithKey('x10', 'b', 'k');
    sameCsr(fromConstraintLists(2, [[1, 0]]), fromGraphology(graph));
  });
});
