/**
 * hopcode/report/section — what a report section is, and how it prints as Markdown.
 *
 * Every section of bench/report (capacity, energy, sparsity, Hopfield comparison, and
 * later FER/thresholds) is a plain value: prose, tables of rows, figure specs and
 * notes. The driver renders figures to SVG and the whole to README.md; a new section
 * is one more function returning a ReportSection.
 */
import type { FigureSpec } from './figure.js';

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  title: string;
  /** Number format: digits after the point, or a function; default: as is. */
  digits?: number;
  format?: (v: Cell, row: Row) => string;
}

export interface ReportTable {
  caption?: string;
  columns: Column[];
  rows: Row[];
}

export interface ReportFigure {
  /** File name inside bench/report (e.g. "capacity.svg"). */
  file: string;
  caption: string;
  spec: FigureSpec;
}

export interface ReportSection {
  id: string;
  title: string;
  /** Markdown paragraphs before the tables: the claim and how it is measured. */
  intro: string;
  tables: ReportTable[];
  figures: ReportFigure[];
  /** Caveats, things not computed and why. */
  notes: string[];
}

function formatCell(c: Column, row: Row): string {
  const v = row[c.key];
  if (c.format) return c.format(v, row);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' && c.digits !== undefined && Number.isFinite(v)) return v.toFixed(c.digits);
  return String(v).replace(/\|/g, '\\|');
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(t: ReportTable): string {
  const head = `| ${t.columns.map((c) => c.title).join(' | ')} |`;
  const rule = `| ${t.columns.map(() => '---').join(' | ')} |`;
  const body = t.rows.map((r) => `| ${t.columns.map((c) => formatCell(c, r)).join(' | ')} |`);
  return [t.caption ? `${t.caption}\n` : '', head, rule, ...body].filter((s) => s !== '').join('\n');
}

/** One section as Markdown (figures referenced by file name, relative to the report). */
export function markdownSection(s: ReportSection, level = 2): string {
  const parts = [`${'#'.repeat(level)} ${s.title}`, s.intro.trim()];
  for (const f of s.figures) parts.push(`![${f.caption}](${f.file})\n\n*${f.caption}*`);
  for (const t of s.tables) parts.push(markdownTable(t));
  if (s.notes.length) parts.push(s.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}
