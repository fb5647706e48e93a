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
 *
 * Crash safety: every row ends with a `check` field, the first 8 hex digits of the
 * SHA-256 of the line's text before it, and a row is complete only with its newline.
 * A row cut anywhere — inside any field, inside the check, or missing only the final
 * newline — is therefore always recognised as partial, never read as a smaller row.
 * Lines starting with `#` (CSV) or objects holding `hopcodeRun` (JSONL) carry the
 * run's specification (sim/run-spec.ts) and are returned as `specs`.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkRow, sha256Hex, type ResultRow } from './results.js';

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

/** The last field of every row: a checksum of the line before it (see the banner). */
export const CHECK_FIELD = 'check';

export const CSV_HEADER = [...CSV_COLUMNS, CHECK_FIELD].join(',');

/** First 8 hex digits of SHA-256 of a row's text before its check field. */
export function rowCheck(body: string): string {
  return sha256Hex(body).slice(0, 8);
}

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

/** One CSV line (no newline), ending with its check field. */
export function formatCsvRow(r: ResultRow): string {
  const body = CSV_COLUMNS.map((c) => (r[c] === undefined ? '' : csvField(r[c]))).join(',');
  return `${body},${rowCheck(body)}`;
}

/** One JSONL line (no newline), fields in CSV order, ending with its check field. */
export function formatJsonlRow(r: ResultRow): string {
  const o: Record<string, unknown> = {};
  for (const c of CSV_COLUMNS) if (r[c] !== undefined) o[c] = r[c];
  const body = JSON.stringify(o);
  return `${body.slice(0, -1)},"${CHECK_FIELD}":"${rowCheck(body)}"}`;
}

const JSONL_CHECK = new RegExp(`,"${CHECK_FIELD}":"([0-9a-f]{8})"}$`);

/** Does a row line end with the right check? (CSV: the last field; JSONL: the last key.) */
function checkMatches(line: string, format: ResultsFormat): boolean {
  if (format === 'csv') {
    const i = line.lastIndexOf(',');
    return i >= 0 && line.slice(i + 1) === rowCheck(line.slice(0, i));
  }
  const m = JSONL_CHECK.exec(line);
  return m !== null && m[1] === rowCheck(line.slice(0, m.index) + '}');
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
  for (const k of Object.keys(rec)) if (k !== CHECK_FIELD && !(CSV_COLUMNS as readonly string[]).includes(k)) throw new Error(`hopcode/results: ${where}: unknown field "${k}"`);
  return checkRow(o as unknown as ResultRow, where);
}

export interface ParsedResults {
  rows: ResultRow[];
  /** Problems that were tolerated (a partial last line from an interrupted write). */
  warnings: string[];
  /** Run specifications found in the file, in file order (raw JSON: see sim/run-spec.ts). */
  specs: { line: number; value: unknown }[];
  /** Length in bytes of the file's valid prefix (everything but a partial last line). */
  validBytes: number;
}

/** The prefix of a CSV spec line: `# hopcode-run {json}`. */
export const CSV_SPEC_PREFIX = '# hopcode-run ';
/** The key of a JSONL spec line: `{"hopcodeRun": {…}}`. */
export const JSONL_SPEC_KEY = 'hopcodeRun';

/**
 * Parse a results file's text. A last line without its final newline is partial — a
 * write cut short — and is reported as a warning and left out, even when it would
 * parse (rows are written whole with their newline in one write). Any other bad line,
 * including a row whose check does not match, is an error naming file and line.
 */
export function parseResults(text: string, file: string, format: ResultsFormat): ParsedResults {
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  const rows: ResultRow[] = [];
  const warnings: string[] = [];
  const specs: { line: number; value: unknown }[] = [];
  let header: string[] | undefined;
  const last = complete ? lines.length - 1 : lines.length;
  let validChars = 0;
  for (let i = 0; i < last; i++) {
    const raw = lines[i]!;
    const line = raw.replace(/\r$/, '');
    const where = `${file}: line ${i + 1}`;
    if (i === last - 1 && !complete) {
      warnings.push(`hopcode/results: ${where}: incomplete last line left out (no final newline: an interrupted write?)`);
      break;
    }
    if (line.trim() !== '') parseLine(line, where, i + 1);
    validChars += raw.length + 1;
  }
  return { rows, warnings, specs, validBytes: Buffer.byteLength(text.slice(0, validChars), 'utf8') };

  function parseLine(line: string, where: string, lineNo: number): void {
    if (format === 'csv') {
      if (line.startsWith('#')) {
        if (line.startsWith(CSV_SPEC_PREFIX)) specs.push({ line: lineNo, value: parseJson(line.slice(CSV_SPEC_PREFIX.length), where) });
        return;
      }
      let fields: string[];
      try {
        fields = splitCsvLine(line);
      } catch (e) {
        throw new Error(`hopcode/results: ${where}: ${(e as Error).message}`);
      }
      if (!header) {
        if (fields.slice(0, 4).join(',') !== 'noise,frames,bitErrors,frameErrors') throw new Error(`hopcode/results: ${where}: expected a header starting "noise,frames,bitErrors,frameErrors", got "${line.slice(0, 60)}"`);
        header = fields;
        return;
      }
      if (fields.length !== header.length) throw new Error(`hopcode/results: ${where}: expected ${header.length} fields, got ${fields.length}`);
      const rec: Record<string, unknown> = {};
      header.forEach((h, k) => (rec[h] = fields[k]));
      const row = rowFromRecord(rec, where);
      if (header[header.length - 1] === CHECK_FIELD && !checkMatches(line, format)) throw new Error(`hopcode/results: ${where}: the check field does not match the row (a damaged row)`);
      rows.push(row);
    } else {
      const rec = parseJson(line, where);
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new Error(`hopcode/results: ${where}: expected a JSON object`);
      const o = rec as Record<string, unknown>;
      if (JSONL_SPEC_KEY in o) {
        specs.push({ line: lineNo, value: o[JSONL_SPEC_KEY] });
        return;
      }
      const row = rowFromRecord(o, where);
      if (CHECK_FIELD in o && !checkMatches(line, format)) throw new Error(`hopcode/results: ${where}: the check field does not match the row (a damaged row)`);
      rows.push(row);
    }
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`hopcode/results: ${where}: not valid JSON (${(e as Error).message})`);
  }
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
 * existing file is read and validated whole (it must carry this version's header);
 * a partial last line (see `parseResults`) is cut off first. Returns warnings (e.g.
 * the cut). For many appends to one file, open it once with `ResultsAppender`.
 */
export function appendResults(path: string, rows: readonly ResultRow[]): string[] {
  const app = ResultsAppender.open(path);
  app.append(rows.map((r) => rowLine(r, app.format, `${path}: new row`)));
  return app.warnings;
}

/** One row as a line of `format` (validated; with its newline). */
export function rowLine(r: ResultRow, format: ResultsFormat, where = 'new row'): string {
  checkRow(r, where);
  return (format === 'csv' ? formatCsvRow(r) : formatJsonlRow(r)) + '\n';
}

/**
 * An existing (or new) results file opened for appending whole lines: its valid
 * prefix is kept, a partial last line is cut off once, and every `append` writes
 * whole lines in one write followed by fsync (a crash loses at most the line being
 * written, which the reader then recognises as partial).
 */
export class ResultsAppender {
  readonly warnings: string[] = [];
  private constructor(
    readonly path: string,
    readonly format: ResultsFormat,
    readonly parsed: ParsedResults | undefined,
  ) {}

  /** fsync after each append (survives a power cut, not only a killed process); tests may turn it off. */
  durable = true;

  /** Open `path` (read and validated whole if it exists and is not empty). */
  static open(path: string, opts: { header?: boolean; durable?: boolean } = {}): ResultsAppender {
    const format = formatOf(path);
    let text: string | undefined;
    try {
      text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    } catch (e) {
      throw ioError(path, e);
    }
    const parsed = text !== undefined ? parseResults(text, path, format) : undefined;
    const app = new ResultsAppender(path, format, parsed);
    app.durable = opts.durable !== false;
    if (parsed && text !== undefined) {
      if (format === 'csv' && parsed.validBytes > 0) {
        const header = text.split('\n').find((l) => !l.startsWith('#'))?.replace(/\r$/, '');
        if (header !== undefined && header !== '' && header !== CSV_HEADER) throw new Error(`hopcode/results: ${path}: the header differs from this version's (${CSV_HEADER}); write to a new file`);
      }
      if (parsed.validBytes < Buffer.byteLength(text, 'utf8')) {
        try {
          truncateSync(path, parsed.validBytes);
        } catch (e) {
          throw ioError(path, e);
        }
        app.warnings.push(...parsed.warnings.map((w) => w.replace(/ left out \(/, ' cut off before appending (')));
      }
    }
    app.needsHeader = opts.header !== false && format === 'csv' && !(parsed && hasHeader(text!.slice(0, parsed.validBytes)));
    return app;
  }

  private needsHeader = false;

  /** Append whole lines (each ending in a newline); a CSV header first if the file has none. */
  append(lines: readonly string[]): void {
    const text = (this.needsHeader && lines.some((l) => !l.startsWith('#')) ? CSV_HEADER + '\n' : '') + lines.join('');
    if (text === '') return;
    if (text.startsWith(CSV_HEADER)) this.needsHeader = false;
    try {
      const fd = openSync(this.path, 'a');
      try {
        writeSync(fd, text);
        if (this.durable) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw ioError(this.path, e);
    }
  }
}

function hasHeader(text: string): boolean {
  return text.split('\n').some((l) => l !== '' && !l.startsWith('#'));
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
