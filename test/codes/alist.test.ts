// Tests for hopcode/codes/alist: round trips, MacKay zero padding, golden Hamming file, line-numbered errors.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAlist, readAlistFile, writeAlist, writeAlistFile } from '../../src/codes/alist.js';
import { hamming, singleParity } from '../../src/codes/families.js';
import { parityCheckMatrix, type SparseGf2, unsatisfiedChecks } from '../../src/codes/tanner-code.js';
import { fromConstraintLists } from '../../src/graphs/bipartite-graph.js';
import { buildBiregular } from '../../src/graphs/biregular.js';
import { Rng } from '../../src/util/rng.js';

const golden = fileURLToPath(new URL('../data/hamming-7-4.alist', import.meta.url));

/** A random irregular sparse matrix (some rows and columns of weight 0 included). */
function randomSparse(seed: number, rows: number, cols: number): SparseGf2 {
  const rng = Rng.stream(seed, 0xa1);
  const ptr = [0];
  const col: number[] = [];
  for (let r = 0; r < rows; r++) {
    const w = rng.int(Math.min(cols, 6) + 1);
    const picked = new Set<number>();
    while (picked.size < w) picked.add(rng.int(cols));
    col.push(...rng.shuffle([...picked]));
    ptr.push(col.length);
  }
  return { rows, cols, rowPtr: Int32Array.from(ptr), rowCol: Int32Array.from(col) };
}

function same(a: SparseGf2, b: SparseGf2): void {
  expect(b.rows).toBe(a.rows);
  expect(b.cols).toBe(a.cols);
  expect(Array.from(b.rowPtr)).toEqual(Array.from(a.rowPtr));
  expect(Array.from(b.rowCol)).toEqual(Array.from(a.rowCol));
}

/** Error message thrown by `fn`, or '' when it does not throw. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

describe('alist round trip', () => {
  it('export → import is the identity on random irregular matrices, padded or not', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const h = randomSparse(seed, 5 + seed, 8 + 2 * seed);
      same(h, parseAlist(writeAlist(h)));
      same(h, parseAlist(writeAlist(h, { pad: false })));
    }
  });

  it('export → import is the identity on a Tanner code of a (3,6) graph', () => {
    const g = buildBiregular({ n: 240, d: 3, z: 6, seed: 5 });
    const h = parityCheckMatrix(g, singleParity(6));
    same(h, parseAlist(writeAlist(h), 'tanner.alist'));
    // Parity checks of a (3,6) graph are regular, so no padding zeros appear.
    expect(writeAlist(h).split('\n')[1]).toBe('3 6');
  });

  it('writes MacKay layout: N M, maxima, weights, then column and row lists', () => {
    const h = parseAlist(writeAlist(readAlistFile(golden)));
    expect(writeAlist(h).split('\n').slice(0, 4)).toEqual(['7 3', '3 4', '1 1 2 1 2 2 3', '4 4 4']);
  });

  it('file helpers write and read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-alist-'));
    try {
      const h = randomSparse(99, 12, 30);
      writeAlistFile(join(dir, 'x.alist'), h);
      same(h, readAlistFile(join(dir, 'x.alist')));
      expect(errorOf(() => readAlistFile(join(dir, 'missing.alist')))).toMatch(/^hopcode\/alist: .*missing\.alist: cannot read file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('alist golden file', () => {
  it('the hand-written (7,4) Hamming file parses to the expected H', () => {
    const h = readAlistFile(golden);
    expect(h.rows).toBe(3);
    expect(h.cols).toBe(7);
    const rowsAsLists = [0, 1, 2].map((r) => Array.from(h.rowCol.subarray(h.rowPtr[r]!, h.rowPtr[r + 1]!)));
    expect(rowsAsLists).toEqual([[0, 2, 4, 6], [1, 2, 5, 6], [3, 4, 5, 6]]);
    // The same code as the library's Hamming(7,4) (whose rows are row-reduced): all 16 of
    // its patterns satisfy the golden H, and a [7,4] code has exactly 16 codewords.
    const code = hamming(3);
    expect(code.patterns!.length).toBe(16);
    for (const p of code.patterns!) {
      const x = Uint8Array.from({ length: 7 }, (_, k) => (p >>> k) & 1);
      expect(unsatisfiedChecks(h, x)).toBe(0);
    }
    expect(parityCheckMatrix(fromConstraintLists(7, [[0, 1, 2, 3, 4, 5, 6]]), code).rows).toBe(3);
  });

  it('accepts unpadded lines, tabs, CRLF, extra spaces and blank lines', () => {
    const text = '\n7\t3 \r\n 3   4\r\n1 1 2 1 2 2 3\n4 4 4\n1\n2\n1 2\n3\n1 3\n2 3\n1 2 3\n1 3 5 7\n2 3 6 7\n4 5 6 7\n\n\n';
    same(readAlistFile(golden), parseAlist(text));
  });

  it('accepts a zero-weight column written as a blank line or as padding zeros', () => {
    const h: SparseGf2 = { rows: 2, cols: 3, rowPtr: Int32Array.from([0, 2, 3]), rowCol: Int32Array.from([0, 2, 2]) };
    const unpadded = writeAlist(h, { pad: false });
    expect(unpadded).toContain('\n\n');
    same(h, parseAlist(unpadded));
    same(h, parseAlist(writeAlist(h)));
  });
});

describe('alist errors name the file and the line', () => {
  /** The golden file's lines (index i is line i + 1). */
  const lines = (): string[] => readFileSync(golden, 'utf8').trimEnd().split('\n');

  it('a truncated file names the line where more was expected', () => {
    const cut = lines().slice(0, 12).join('\n') + '\n';
    expect(errorOf(() => parseAlist(cut, 'cut.alist'))).toMatch(/^hopcode\/alist: cut\.alist: line 13: expected the column indices of row 2/);
    const midLine = lines().slice(0, 13).join('\n') + '\n2 3\n';
    expect(errorOf(() => parseAlist(midLine, 'cut.alist'))).toMatch(/line 14: expected 4 column indices for row 3 \(its weight\), got 2/);
  });

  it('row and column lists that disagree name the offending line', () => {
    const bad = lines();
    bad[13] = '4 5 6 1'; // line 14: row 3 claims column 1 instead of 7 (row lists are lines 12–14)
    const msg = errorOf(() => parseAlist(bad.join('\n'), 'bad.alist'));
    expect(msg).toMatch(/^hopcode\/alist: bad\.alist: line 14: row 3 lists column 1, but column 1 \(line 5\) does not list row 3/);
  });

  it('counts, weights, indices and duplicates are validated', () => {
    const cases: [number, string, RegExp][] = [
      [0, '7 3 1', /line 1: expected 2 integers/],
      [1, '4 4', /line 2: expected max column weight 3 \(the largest on line 3\), got 4/],
      [1, '2 4', /line 3: column 7 has weight 3, above the maximum 2 declared on line 2/],
      [2, '1 1 2 1 2 2', /line 3: expected 7 column weights, got 6/],
      [2, '1 1 2 1 2 2 4', /line 3: column 7 has weight 4, above the maximum 3/],
      [3, '4 4 3', /line 4: expected row weights summing to 12/],
      [4, '4 0 0', /line 5: row index 4 in column 1 is out of range 1\.\.3/],
      [6, '1 1 0', /line 7: row index 1 is repeated in column 3/],
      [6, '1 x 0', /line 7: expected .*got 'x'/],
    ];
    for (const [i, text, want] of cases) {
      const bad = lines();
      bad[i] = text;
      expect(errorOf(() => parseAlist(bad.join('\n')))).toMatch(want);
    }
    expect(errorOf(() => parseAlist(lines().join('\n') + '\n1 2\n', 'x'))).toMatch(/x: line 15: unexpected content/);
  });

  it('the writer refuses repeated or out-of-range entries', () => {
    const rep: SparseGf2 = { rows: 1, cols: 3, rowPtr: Int32Array.from([0, 2]), rowCol: Int32Array.from([1, 1]) };
    expect(errorOf(() => writeAlist(rep))).toMatch(/^hopcode\/alist: row 0 lists column 1 twice/);
  });
});
