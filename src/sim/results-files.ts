/**
 * hopcode/sim/results-files — result rows as CSV or JSON Lines, read and written safely.
 *
 * CSV: a header line `noise,frames,bitErrors,frameErrors,seconds,stopReason,problemHash,…`
 * then one row per line (RFC 4180 quoting for labels holding commas or quotes). JSONL:
 * one object per line with the same fields. The format follows the file extension
 * (.csv; .jsonl or .ndjson). Writing never leaves half a row: appends go out as whole
 * lines in one write, and a file ending in a partial line (a run killed mid-write) is
 * cut back to its last newline before appending; whole-file writes go to a temporary
 * file that is renamed over the target. Readers validate every field and name the
 * file and line of the first problem (STYLE.md §8).
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkRow, type ResultRow } from './results.js';

/** Column order of the CSV files. */
export const CSV_COLUMNS = ['noise', 'frames', 'bitErrors', 'frameErrors', 'seconds', 'stopReason', 'problemHash', 'sweepsSum', 'converged', 'wrongStored', 'spurious', 'noConvergence', 'code', 'decoder', 'channel', 'n', 'rate', 'seed', 'firstChunk', 'chunks', 'infoBitErrors', 'infoFrameErrors'] as const;
/**
 * Columns a file may lack (written before they existed): information-bit counts.
 * bitErrors/frameErrors count all N coded bits; infoBitErrors/infoFrameErrors the K
 * information bits, which is what the table's BER/FER report (AFF3CT's convention).
 */
const OPTIONAL_COLUMNS = new Set<string>(['infoBitErrors', 'infoFrameErrors']);
const STRING_FIELDS = new Set(['stopReason', 'problemHash', 'code', 'decoder', 'channel', 'seed']);

export type ResultsFormat = 'csv' | 'jsonl';

export const CSV_HEADER = CSV_COLUMNS.join(',');

/** Format from the file name: .csv → csv, .jsonl / .ndjson → jsonl. */
export function formatOf(path: string): ResultsFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  throw new Error(`hopcode/results: ${path}: unknown results format (use .csv, .jsonl or .ndjson)`);
}

function csvField(v: string | number): string {
  const s = String(v);
  if (/[\r\n]/.test(s)) throw new Error(`hopcode/results: a label cannot hold a line break: ${JSON.stringify(s)}`);
  return /[",]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no newline). */
export function formatCsvRow(r: ResultRow): string {
  return CSV_COLUMNS.map((c) => (r[c] === undefined ? '' : csvField(r[c]))).join(',');
}

/** One JSONL line (no newline), fields in CSV order. */
export function formatJsonlRow(r: ResultRow): string {
  const o: Record<string, unknown> = {};
  for (const c of CSV_COLUMNS) if (r[c] !== undefined) o[c] = r[c];
  return JSON.stringify(o);
}

/** Split one CSV line into fields, honouring double-quoted fields. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) throw new Error('unterminated quoted field');
        s += line.slice(i, j);
        if (line[j + 1] === '"') {
          s += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      out.push(s);
      if (i < line.length && line[i] !== ',') throw new Error(`unexpected "${line[i]}" after a quoted field`);
    } else {
      const j = line.indexOf(',', i);
      out.push(line.slice(i, j < 0 ? line.length : j));
      i = j < 0 ? line.length : j;
    }
    if (i >= line.length) return out;
    i++; // skip the comma
  }
}

function rowFromRecord(rec: Record<string, unknown>, where: string): ResultRow {
  const o: Record<string, unknown> = {};
  for (const c of CSV_COLUMNS) {
    const v = rec[c];
    if (OPTIONAL_COLUMNS.has(c) && (v === undefined || v === '' || v === null)) continue;
    if (!(c in rec)) throw new Error(`hopcode/results: ${where}: missing field "${c}"`);
    if (STRING_FIELDS.has(c)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`hopcode/results: ${where}: field "${c}" must be text, got ${JSON.stringify(v)}`);
      o[c] = String(v);
    } else {
      const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(num)) throw new Error(`hopcode/results: ${where}: field "${c}" must be a number, got ${JSON.stringify(v)}`);
      o[c] = num;
    }
  }
  for (const k of Object.keys(rec)) if (!(CSV_COLUMNS as readonly string[]).includes(k)) throw new Error(`hopcode/results: ${where}: unknown field "${k}"`);
  return checkRow(o as unknown as ResultRow, where);
}

export interface ParsedResults {
  rows: ResultRow[];
  /** Problems that were tolerated (a partial last line from an interrupted write). */
  warnings: string[];
}

/**
 * Parse a results file's text. A last line without a final newline that does not
 * parse is reported as a warning and dropped (a write cut short), not an error.
 */
export function parseResults(text: string, file: string, format: ResultsFormat): ParsedResults {
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  const rows: ResultRow[] = [];
  const warnings: string[] = [];
  let header: string[] | undefined;
  const last = complete ? lines.length - 1 : lines.length;
  for (let i = 0; i < last; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const where = `${file}: line ${i + 1}`;
    if (line.trim() === '') continue;
    try {
      if (format === 'csv') {
        let fields: string[];
        try {
          fields = splitCsvLine(line);
        } catch (e) {
          throw new Error(`hopcode/results: ${where}: ${(e as Error).message}`);
        }
        if (!header) {
          if (fields.slice(0, 4).join(',') !== 'noise,frames,bitErrors,frameErrors') throw new Error(`hopcode/results: ${where}: expected a header starting "noise,frames,bitErrors,frameErrors", got "${line.slice(0, 60)}"`);
          header = fields;
          continue;
        }
        if (fields.length !== header.length) throw new Error(`hopcode/results: ${where}: expected ${header.length} fields, got ${fields.length}`);
        const rec: Record<string, unknown> = {};
        header.forEach((h, k) => (rec[h] = fields[k]));
        rows.push(rowFromRecord(rec, where));
      } else {
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch (e) {
          throw new Error(`hopcode/results: ${where}: not valid JSON (${(e as Error).message})`);
        }
        if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new Error(`hopcode/results: ${where}: expected a JSON object`);
        rows.push(rowFromRecord(rec as Record<string, unknown>, where));
      }
    } catch (e) {
      if (!complete && i === last - 1) {
        warnings.push(`hopcode/results: ${where}: incomplete last line dropped (an interrupted write?)`);
        break;
      }
      throw e;
    }
  }
  return { rows, warnings };
}

/** Read and validate a results file (format from its extension). */
export function readResults(path: string): ParsedResults {
  const format = formatOf(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`hopcode/results: ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseResults(text, path, format);
}

function ioError(path: string, e: unknown): Error {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such directory' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : (err.code ?? err.message);
  return new Error(`hopcode/results: cannot write ${path}: ${why}`);
}

function linesOf(rows: readonly ResultRow[], format: ResultsFormat): string {
  return rows.map((r) => (format === 'csv' ? formatCsvRow(r) : formatJsonlRow(r)) + '\n').join('');
}

/**
 * Append rows as whole lines. A new or empty CSV file gets the header first; an
 * existing CSV must carry the same header; a partial last line is cut off first.
 * Returns warnings (e.g. the cut).
 */
export function appendResults(path: string, rows: readonly ResultRow[]): string[] {
  const format = formatOf(path);
  const warnings: string[] = [];
  for (const r of rows) checkRow(r, `${path}: new row`);
  try {
    let size = existsSync(path) ? statSync(path).size : 0;
    if (size > 0) {
      // read only the head (header check) and the tail (partial last line), not the whole file
      const fd = openSync(path, 'r');
      let first: string;
      let tail: string;
      try {
        const head = Buffer.alloc(Math.min(size, 4096));
        readSync(fd, head, 0, head.length, 0);
        first = head.toString('utf8').split('\n')[0]!.replace(/\r$/, '');
        const t = Buffer.alloc(Math.min(size, 65536));
        readSync(fd, t, 0, t.length, size - t.length);
        tail = t.toString('latin1');
      } finally {
        closeSync(fd);
      }
      if (!tail.endsWith('\n')) {
        const nl = tail.lastIndexOf('\n');
        if (nl < 0 && size > tail.length) throw new Error(`hopcode/results: ${path}: the last line is longer than 64 KiB: not a results file?`);
        const cut = size - tail.length + nl + 1;
        truncateSync(path, cut);
        warnings.push(`hopcode/results: ${path}: dropped an incomplete last line before appending`);
        size = cut;
      }
      if (format === 'csv' && size > 0 && first !== CSV_HEADER) throw new Error(`hopcode/results: ${path}: line 1: the header differs from this version's (${CSV_HEADER}); write to a new file`);
    }
    const head = format === 'csv' && size === 0 ? CSV_HEADER + '\n' : '';
    appendFileSync(path, head + linesOf(rows, format));
  } catch (e) {
    if ((e as Error).message.startsWith('hopcode/')) throw e;
    throw ioError(path, e);
  }
  return warnings;
}

/** Write a whole results file atomically: a temporary file in the same folder, then rename. */
export function writeResults(path: string, rows: readonly ResultRow[]): void {
  const format = formatOf(path);
  for (const r of rows) checkRow(r, `${path}: new row`);
  const text = (format === 'csv' ? CSV_HEADER + '\n' : '') + linesOf(rows, format);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw ioError(path, e);
  }
}
