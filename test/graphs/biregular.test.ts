// Tests for hopcode/graphs/biregular: exact degrees, simplicity, seeding, and parameter errors.
import { describe, expect, it } from 'vitest';
import { degrees, isSimple } from '../../src/graphs/bipartite-graph.js';
import { buildBiregular, validateBiregular } from '../../src/graphs/biregular.js';
import { hasFourCycle } from '../../src/graphs/certificates.js';

describe('buildBiregular', () => {
  const shapes: [number, number, number][] = [[1200, 3, 6], [1000, 5, 10], [990, 3, 15], [64, 2, 4], [500, 1, 5]];

  it('has exact degrees d and z and M = N·d/z', () => {
    for (const [n, d, z] of shapes) {
      const g = buildBiregular({ n, d, z, seed: 1, girth6: n >= 500 });
      expect(g.n).toBe(n);
      expect(g.m).toBe((n * d) / z);
      expect(g.chkVar.length).toBe(n * d);
      const deg = degrees(g);
      expect(deg.varDegrees.every((x) => x === d)).toBe(true);
      expect(deg.chkDegrees.every((x) => x === z)).toBe(true);
      expect(deg.regular).toBe(true);
    }
  });

  it('never repeats an edge, even when dense', () => {
    for (const [n, d, z] of [...shapes, [40, 4, 8] as [number, number, number], [36, 6, 12] as [number, number, number]]) {
      for (const seed of [1, 2, 3]) expect(isSimple(buildBiregular({ n, d, z, seed, girth6: false }))).toBe(true);
    }
  });

  it('removes 4-cycles by default', () => {
    expect(hasFourCycle(buildBiregular({ n: 2000, d: 5, z: 10, seed: 4 }))).toBe(false);
  });

  it('same seed gives the same graph, a different seed a different one', () => {
    const a = buildBiregular({ n: 1000, d: 3, z: 6, seed: 42 });
    const b = buildBiregular({ n: 1000, d: 3, z: 6, seed: 42 });
    const c = buildBiregular({ n: 1000, d: 3, z: 6, seed: 43 });
    expect(Array.from(b.chkVar)).toEqual(Array.from(a.chkVar));
    expect(Array.from(b.chkPtr)).toEqual(Array.from(a.chkPtr));
    expect(Array.from(c.chkVar)).not.toEqual(Array.from(a.chkVar));
  });
});

describe('buildBiregular parameter errors name the parameter', () => {
  const bad: [string, { n: number; d: number; z: number }, RegExp][] = [
    ['z not dividing N·d', { n: 100, d: 3, z: 7 }, /^hopcode\/graphs: z = 7 must divide N·d = 100·3 = 300/],
    ['N too small', { n: 4, d: 2, z: 8 }, /^hopcode\/graphs: N = 4 is too small: a constraint needs z = 8 distinct inputs/],
    ['d < 1', { n: 100, d: 0, z: 5 }, /^hopcode\/graphs: d must be ≥ 1, got 0/],
    ['z < 1', { n: 100, d: 3, z: 0 }, /^hopcode\/graphs: z must be ≥ 1, got 0/],
    ['non-integer N', { n: 100.5, d: 3, z: 6 }, /^hopcode\/graphs: N must be an integer, got 100\.5/],
    ['non-integer d', { n: 100, d: 2.5, z: 5 }, /^hopcode\/graphs: d must be an integer, got 2\.5/],
    ['NaN N', { n: Number.NaN, d: 3, z: 6 }, /^hopcode\/graphs: N must be an integer, got NaN/],
  ];
  for (const [what, p, msg] of bad) {
    it(what, () => {
      expect(() => buildBiregular({ ...p, seed: 1 })).toThrow(msg);
      expect(() => validateBiregular(p.n, p.d, p.z)).toThrow(msg);
    });
  }
});
