/**
 * hopcode/codes/alist — MacKay's alist format for sparse parity-check matrices.
 *
 * Layout (http://www.inference.org.uk/mackay/codes/alist.html) for an M×N matrix H
 * whose rows are checks and columns are bits:
 *   line 1: N M                      (columns, rows)
 *   line 2: max column weight, max row weight
 *   line 3: the N column weights;    line 4: the M row weights
 *   then N lines, column j's row indices (1-based), then M lines, row i's column indices.
 * Lines of an irregular matrix are padded with 0 up to the maximum weight. The reader
 * accepts padding or none, any whitespace, CRLF and blank lines, and validates every
 * count, weight and index, and that the two halves describe the same matrix; each error
 * names the file and line (STYLE.md §8).
 *
 * Orientation. MacKay's layout starts `N M` (columns first); Radford Neal's
 * `pchk-to-alist` writes `M N` by default (check lists first). Both are the same text
 * shape, transposed, so the file alone tells them apart only by its dimensions: a
 * parity-check matrix has fewer checks than bits (M < N, else K = N − rank H = 0).
 * `parseAlistLayout` reads a first line `a b` with a > b as `N M` and a < b as `M N`
 * (returning H the right way round and which layout it used), and refuses a square
 * header, whose orientation cannot be told. Sizes are handled without spread
 * arguments or recursion, so 10^6 columns read and write like 10.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type SparseGf2, transpose } from './tanner-code.js';

/** Serialise H (rows = checks, columns = bits). `pad` (default true) zero-pads irregular lines. */
export function writeAlist(h: SparseGf2, opts: { pad?: boolean } = {}): string {
  const pad = opts.pad ?? true;
  for (let r = 0; r < h.rows; r++) {
    const seen = new Set<number>();
    for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) {
      const c = h.rowCol[e]!;
      if (!Number.isInteger(c) || c < 0 || c >= h.cols) throw new Error(`hopcode/alist: row ${r} names column ${c}, outside 0..${h.cols - 1}`);
      if (seen.has(c)) throw new Error(`hopcode/alist: row ${r} lists column ${c} twice (alist cannot hold repeated entries)`);
      seen.add(c);
    }
  }
  const t = transpose(h); // rows of t = columns of H, row indices ascending
  const weights = (s: SparseGf2): number[] => Array.from({ length: s.rows }, (_, i) => s.rowPtr[i + 1]! - s.rowPtr[i]!);
  const colW = weights(t);
  const rowW = weights(h);
  const maxCol = maxOf(colW);
  const maxRow = maxOf(rowW);
  const lists = (s: SparseGf2, max: number): string[] =>
    Array.from({ length: s.rows }, (_, i) => {
      const items = Array.from(s.rowCol.subarray(s.rowPtr[i]!, s.rowPtr[i + 1]!), (x) => x + 1);
      while (pad && items.length < max) items.push(0);
      return items.join(' ');
    });
  const lines = [
    `${h.cols} ${h.rows}`,
    `${maxCol} ${maxRow}`,
    colW.join(' '),
    rowW.join(' '),
    ...lists(t, maxCol),
    ...lists(h, maxRow),
  ];
  return lines.join('\n') + '\n';
}

/** Largest value (0 for none) without spreading the array into arguments (stack-safe). */
function maxOf(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]! > m) m = xs[i]!;
  return m;
}

/** Line cursor over the file: 1-based numbers, tokens per line. */
class Cursor {
  private readonly lines: string[];
  private i = 0;
  constructor(text: string, private readonly where: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }
  fail(line: number, msg: string): never {
    throw new Error(`hopcode/alist: ${this.where}line ${line}: ${msg}`);
  }
  /** Next line's integer tokens; blank lines are skipped unless `blankOk` (an empty list). */
  next(what: string, blankOk = false): { line: number; values: number[] } {
    while (this.i < this.lines.length && !blankOk && this.lines[this.i]!.trim() === '') this.i++;
    if (this.i >= this.lines.length) {
      this.fail(this.lastLine() + 1, `expected ${what}, got end of file`);
    }
    const line = ++this.i;
    const text = this.lines[line - 1]!.trim();
    const values = text === '' ? [] : text.split(/\s+/).map((tok) => {
      if (!/^\d+$/.test(tok)) this.fail(line, `expected ${what} (non-negative integers), got '${tok}'`);
      const v = Number(tok);
      if (!Number.isSafeInteger(v)) this.fail(line, `expected ${what}, got a ${tok.length}-digit number '${tok.slice(0, 12)}…' (too large to be a size or an index)`);
      return v;
    });
    return { line, values };
  }
  /** Non-blank lines left. */
  rest(): number {
    let k = 0;
    for (let j = this.i; j < this.lines.length; j++) if (this.lines[j]!.trim() !== '') k++;
    return k;
  }
  /** Number of the last non-blank line read or present (for end-of-file messages). */
  lastLine(): number {
    let j = this.lines.length;
    while (j > 0 && this.lines[j - 1]!.trim() === '') j--;
    return j;
  }
  /** Line number of the next non-blank line (for trailing-content messages). */
  peekLine(): number {
    let j = this.i;
    while (j < this.lines.length && this.lines[j]!.trim() === '') j++;
    return j + 1;
  }
}

/**
 * Read one block of index lists (N columns or M rows). Zeros are padding and may
 * appear anywhere on a line; the non-zero entries must number exactly the weight,
 * lie in 1..range and not repeat. Returns the 0-based lists and their line numbers.
 */
function readLists(cur: Cursor, kind: 'column' | 'row', weights: number[], range: number): { lists: Int32Array[]; lines: number[] } {
  const other = kind === 'column' ? 'row' : 'column';
  const lists: Int32Array[] = [];
  const lines: number[] = [];
  const seenBy = new Int32Array(range + 1).fill(-1); // seenBy[x] = last list that named x (no Set per line)
  for (let j = 0; j < weights.length; j++) {
    const w = weights[j]!;
    const { line, values } = cur.next(`the ${other} indices of ${kind} ${j + 1} (${w} of them)`, w === 0);
    const items = values.filter((x) => x !== 0);
    if (items.length !== w) cur.fail(line, `expected ${w} ${other} indices for ${kind} ${j + 1} (its weight), got ${items.length}`);
    for (const x of items) {
      if (x > range) cur.fail(line, `${other} index ${x} in ${kind} ${j + 1} is out of range 1..${range}`);
      if (seenBy[x] === j) cur.fail(line, `${other} index ${x} is repeated in ${kind} ${j + 1}`);
      seenBy[x] = j;
    }
    lists.push(Int32Array.from(items, (x) => x - 1));
    lines.push(line);
  }
  return { lists, lines };
}

function readCounts(cur: Cursor, count: number, what: string): { line: number; values: number[] } {
  const r = cur.next(what);
  if (r.values.length !== count) cur.fail(r.line, `expected ${count} ${what}, got ${r.values.length}`);
  return r;
}

/**
 * Parse an alist file into H (rows = checks, columns = bits). Row order of columns is
 * kept as written, so `parseAlist(writeAlist(h))` reproduces rowPtr and rowCol.
 */
export function parseAlist(text: string, fileName?: string, listLines?: number[]): SparseGf2 {
  const cur = new Cursor(text, fileName ? `${fileName}: ` : '');
  const dims = readCounts(cur, 2, 'integers (N columns, M rows)');
  const [cols, rows] = dims.values as [number, number];
  if (cols < 1) cur.fail(dims.line, `expected N ≥ 1 columns, got ${cols}`);
  if (rows < 1) cur.fail(dims.line, `expected M ≥ 1 rows, got ${rows}`);
  const maxes = readCounts(cur, 2, 'integers (max column weight, max row weight)');
  const [maxCol, maxRow] = maxes.values as [number, number];
  const colW = readCounts(cur, cols, 'column weights');
  const rowW = readCounts(cur, rows, 'row weights');
  const checkWeights = (r: { line: number; values: number[] }, max: number, kind: string, range: number): void => {
    r.values.forEach((w, j) => {
      if (w > max) cur.fail(r.line, `${kind} ${j + 1} has weight ${w}, above the maximum ${max} declared on line ${maxes.line}`);
      if (w > range) cur.fail(r.line, `${kind} ${j + 1} has weight ${w}, but there are only ${range} ${kind === 'column' ? 'rows' : 'columns'}`);
    });
    const top = maxOf(r.values);
    if (top !== max) cur.fail(maxes.line, `expected max ${kind} weight ${top} (the largest on line ${r.line}), got ${max}`);
  };
  checkWeights(colW, maxCol, 'column', rows);
  checkWeights(rowW, maxRow, 'row', cols);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  if (sum(colW.values) !== sum(rowW.values)) {
    cur.fail(rowW.line, `expected row weights summing to ${sum(colW.values)} (the column weights on line ${colW.line}), got ${sum(rowW.values)}`);
  }
  const byCol = readLists(cur, 'column', colW.values, rows);
  const byRow = readLists(cur, 'row', rowW.values, cols);
  if (cur.rest() > 0) cur.fail(cur.peekLine(), `unexpected content after the ${rows} row lists`);
  if (listLines) for (const l of [byCol.lines, byRow.lines]) for (let i = 0; i < l.length; i++) listLines.push(l[i]!);
  // Both halves must describe the same matrix: every (row, column) listed by a row is
  // listed by that column; equal totals then make the two entry sets equal.
  // Column lists are short (the column weight), so a linear look-up per entry is O(E · max weight).
  const inColumn = (c: number, r: number): boolean => {
    const list = byCol.lists[c]!;
    for (let i = 0; i < list.length; i++) if (list[i] === r) return true;
    return false;
  };
  const rowPtr = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    for (const c of byRow.lists[r]!) {
      if (!inColumn(c, r)) {
        cur.fail(byRow.lines[r]!, `row ${r + 1} lists column ${c + 1}, but column ${c + 1} (line ${byCol.lines[c]}) does not list row ${r + 1}`);
      }
    }
    rowPtr[r + 1] = rowPtr[r]! + byRow.lists[r]!.length;
  }
  const rowCol = new Int32Array(rowPtr[rows]!);
  for (let r = 0; r < rows; r++) rowCol.set(byRow.lists[r]!, rowPtr[r]!);
  return { rows, cols, rowPtr, rowCol };
}

/** Which header layout a file used: `N M` (MacKay, AFF3CT, `pchk-to-alist -t`) or `M N` (Neal's default). */
export type AlistLayout = 'n-first' | 'm-first';

export interface AlistRead {
  /** H with rows = checks, columns = bits, whatever the file's layout. */
  h: SparseGf2;
  layout: AlistLayout;
  /** One line saying how the file was read (for stderr). */
  note: string;
  /** 1-based line of each check's index list in the file (for messages about a check). */
  checkLines: Int32Array;
}

/**
 * Parse an alist file of either layout (see the banner): `a b` with a > b is `N M`,
 * a < b is `M N` (transposed back); a = b is refused. `layout` forces one reading.
 */
export function parseAlistLayout(text: string, fileName?: string, layout?: AlistLayout): AlistRead {
  const where = fileName ? `${fileName}: ` : '';
  const first = new Cursor(text, where).next('integers (N columns, M rows)');
  const [a, b] = first.values as [number, number];
  if (layout === undefined && first.values.length === 2 && a === b) {
    throw new Error(`hopcode/alist: ${where}line ${first.line}: a square ${a} × ${b} header: cannot tell "N M" (MacKay) from "M N" (Neal) — and a square H has rate 0 unless its rows are dependent`);
  }
  const chosen: AlistLayout = layout ?? (first.values.length === 2 && a < b ? 'm-first' : 'n-first');
  const lines: number[] = [];
  const raw = parseAlist(text, fileName, lines);
  const h = chosen === 'n-first' ? raw : transpose(raw);
  // `lines` holds the line of each list: the first raw.cols lists, then raw.rows lists.
  const checkLines = Int32Array.from(chosen === 'n-first' ? lines.slice(raw.cols) : lines.slice(0, raw.cols));
  const note =
    chosen === 'n-first'
      ? `${fileName ?? 'alist'}: read as "N M" (MacKay layout): N = ${h.cols} bits, M = ${h.rows} checks`
      : `${fileName ?? 'alist'}: read as "M N" (Neal's pchk-to-alist layout, checks first): N = ${h.cols} bits, M = ${h.rows} checks`;
  return { h, layout: chosen, note, checkLines };
}

/** Read and parse an alist file; errors name the path. */
export function readAlistFile(path: string): SparseGf2 {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`hopcode/alist: ${path}: cannot read file (${(err as Error).message})`);
  }
  return parseAlist(text, path);
}

/** Write H to `path` in alist format. */
export function writeAlistFile(path: string, h: SparseGf2, opts: { pad?: boolean } = {}): void {
  writeFileSync(path, writeAlist(h, opts));
}
