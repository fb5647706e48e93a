/**
 * The import structure of src: no import circle anywhere (type-only imports included),
 * src/codec reaches src/decoders only through the seam decoders/block-decoder.ts, and
 * src/decoders never imports src/codec (issue 12, item 5). Reads the sources, no build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports (static `import … from`, `export … from`, dynamic `import()`) of every file, as src-relative paths. */
function importGraph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const f of sources(SRC)) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(re)) deps.push(relative(SRC, resolve(dirname(f), m[1]!.replace(/\.js$/, '.ts'))));
    g.set(relative(SRC, f), deps);
  }
  return g;
}

/** One import circle as a list of files, or null. */
function findCycle(g: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (v: string): string[] | null => {
    state.set(v, 1);
    stack.push(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (state.get(w) === 1) return [...stack.slice(stack.indexOf(w)), w];
      if (state.get(w) === undefined) {
        const c = visit(w);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(v, 2);
    return null;
  };
  for (const v of g.keys()) if (state.get(v) === undefined) {
    const c = visit(v);
    if (c) return c;
  }
  return null;
}

describe('source structure', () => {
  const g = importGraph();

  it('has no import circle', () => {
    expect(g.size).toBeGreaterThan(50);
    expect(findCycle(g)).toBeNull();
  });

  it('finds a circle when there is one (the checker can fail)', () => {
    expect(findCycle(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual(['a.ts', 'b.ts', 'a.ts']);
  });

  it('src/codec holds no decoders and reaches src/decoders only through decoders/block-decoder.ts', () => {
    const bad: string[] = [];
    for (const [f, deps] of g) {
      if (f.startsWith('codec/')) for (const d of deps) if (d.startsWith('decoders/') && d !== 'decoders/block-decoder.ts') bad.push(`${f} → ${d}`);
      if (f.startsWith('decoders/')) for (const d of deps) if (d.startsWith('codec/')) bad.push(`${f} → ${d}`);
    }
    expect(bad).toEqual([]);
    expect([...g.keys()].filter((f) => /^codec\/(sparse-sync|block-decoder)\.ts$/.test(f))).toEqual([]);
  });
});
