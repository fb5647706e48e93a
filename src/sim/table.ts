/**
 * hopcode/sim/table — the human output of a simulation: header block and BFER table.
 *
 * Columns follow AFF3CT's BFER table, which FEC users read at a glance:
 *   noise | FRA | BE | FE | BER | FER | FER 95% CI | cFER | sweeps | Mb/s | elapsed
 * FRA = frames, BE/FE = bit/frame errors on the K information bits (as AFF3CT and
 * Neal's tools count them), BER = BE/(FRA·K), FER = FE/FRA with its Clopper–Pearson
 * interval, cFER = frames with any of the N coded bits wrong (rows without
 * information-bit counts, from older files, fall back to coded counts), sweeps = average iterations per frame, Mb/s = information
 * throughput FRA·K/elapsed/10⁶ with K = R·N (STYLE.md §11). Header and rule lines
 * start with `#` so the final table on stdout stays machine-skippable; the live line
 * (`LiveLine`) is redrawn in place on stderr only when that is a terminal.
 */
import { clopperPearson } from './stats.js';
import type { ResultRow } from './results.js';

export interface RunInfo {
  code: string;
  n: number;
  k: number;
  decoder: string;
  channel: string;
  /** Name of the noise parameter: p, e, Eb/N0 (dB). */
  noiseName: string;
  seed: string | number;
  workers: number | string;
  /** e.g. "100 frame errors or 1e6 frames or 60 s per point". */
  stopRules: string;
  version: string;
  /** Shannon limit of the rate on this channel, if known. */
  shannonLimit?: number;
}

/** The `#` header block (one line per fact). */
export function headerBlock(info: RunInfo): string {
  const rate = info.n > 0 ? info.k / info.n : NaN;
  const lines = [
    `# hopcode ${info.version} simulate`,
    `# code:     ${info.code}${info.code.includes(`N=${info.n}`) ? '' : `   N = ${info.n}`}   K = ${info.k}   rate = ${rate.toFixed(4)}`,
    `# decoder:  ${info.decoder}`,
    `# channel:  ${info.channel}   noise = ${info.noiseName}${info.shannonLimit === undefined ? '' : `   Shannon limit ${info.noiseName} = ${fmtSig(info.shannonLimit, 4)}`}`,
    `# seed:     ${info.seed}   workers: ${info.workers}`,
    `# stop:     ${info.stopRules}`,
    `# counts:   BE, FE, BER, FER on the K = ${info.k} information bits (AFF3CT's and Neal's convention); cFER: any of the N = ${info.n} coded bits wrong`,
  ];
  return lines.join('\n') + '\n';
}

interface Column {
  title: string;
  width: number;
}
const COLUMNS: Column[] = [
  { title: 'noise', width: 9 },
  { title: 'FRA', width: 10 },
  { title: 'BE', width: 10 },
  { title: 'FE', width: 8 },
  { title: 'BER', width: 9 },
  { title: 'FER', width: 9 },
  { title: 'FER 95% CI', width: 19 },
  { title: 'cFER', width: 9 },
  { title: 'sweeps', width: 7 },
  { title: 'Mb/s', width: 8 },
  { title: 'elapsed', width: 8 },
];

function cells(values: string[]): string {
  return values.map((v, i) => v.padStart(COLUMNS[i]!.width)).join(' |');
}

/** The two `#` lines above the rows: titles and a rule. */
export function tableHeader(noiseName = 'noise'): string {
  const titles = COLUMNS.map((c, i) => (i === 0 ? noiseName : c.title));
  const rule = COLUMNS.map((c) => '-'.repeat(c.width)).join('-|');
  return `#${rule.slice(1)}\n#${cells(titles).slice(1)}\n#${rule.slice(1)}\n`;
}

/** x in scientific notation with 2 decimals (0 → "0"). */
export function fmtExp(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return x === 0 ? '0' : x.toExponential(2);
}

/** x with `digits` significant digits, without trailing noise. */
export function fmtSig(x: number, digits = 4): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : '-';
}

/** Seconds as "9.87s", "12m05s" or "3h02m". */
export function fmtElapsed(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '-';
  if (s < 60) return `${s.toFixed(2)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One fixed-width table row for the (aggregated) counts of a noise point. */
export function tableRow(r: Pick<ResultRow, 'noise' | 'frames' | 'bitErrors' | 'frameErrors' | 'seconds' | 'sweepsSum' | 'n' | 'rate' | 'infoBitErrors' | 'infoFrameErrors'>): string {
  const info = r.infoBitErrors !== undefined && r.infoFrameErrors !== undefined;
  const k = info ? Math.round(r.rate * r.n) : r.n;
  const be = info ? r.infoBitErrors! : r.bitErrors;
  const fe = info ? r.infoFrameErrors! : r.frameErrors;
  const fer = r.frames > 0 ? fe / r.frames : NaN;
  const ber = r.frames > 0 && k > 0 ? be / (r.frames * k) : NaN;
  const [lo, hi] = r.frames > 0 ? clopperPearson(fe, r.frames) : [NaN, NaN];
  const mbps = r.seconds > 0 ? (r.frames * r.rate * r.n) / r.seconds / 1e6 : NaN;
  return cells([
    fmtSig(r.noise, 6),
    String(r.frames),
    String(be),
    String(fe),
    fmtExp(ber),
    fmtExp(fer),
    `[${fmtExp(lo)},${fmtExp(hi)}]`,
    fmtExp(r.frames > 0 ? r.frameErrors / r.frames : NaN),
    r.frames > 0 ? (r.sweepsSum / r.frames).toFixed(2) : '-',
    Number.isFinite(mbps) ? mbps.toFixed(3) : '-',
    fmtElapsed(r.seconds),
  ]) + '\n';
}

/** A text progress bar: "[#####.....]  50%". */
export function progressBar(fraction: number, width = 20): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
}

export interface ProgressInfo {
  /** Point `index` (0-based) of `count`. */
  index: number;
  count: number;
  noiseName: string;
  noise: number;
  frames: number;
  frameErrors: number;
  /** How far the point is towards its first stop rule, 0 … 1. */
  fraction: number;
  /** Seconds spent on this point (resumed seconds included) and on the whole run. */
  pointSeconds: number;
  totalSeconds: number;
}

/**
 * The live line: point k of n, noise, bar, frames, errors, elapsed, and the time left
 * in this point, extrapolated from its progress so far (elapsed · (1 − f)/f). Later
 * points are not estimated: their length depends on their error rate, unknown yet.
 */
export function progressText(p: ProgressInfo): string {
  const left = p.fraction > 0 && p.fraction < 1 ? p.pointSeconds * (1 - p.fraction) / p.fraction : p.fraction >= 1 ? 0 : NaN;
  return `point ${p.index + 1}/${p.count}  ${p.noiseName} = ${fmtSig(p.noise, 6)}  ${progressBar(p.fraction)}  FRA ${p.frames}  FE ${p.frameErrors}  elapsed ${fmtElapsed(p.totalSeconds)}  ${Number.isFinite(left) ? `~${fmtElapsed(left)} left in this point` : 'time left: -'}`;
}

/** How far totals are towards the first stop rule to fire (0 … 1). */
export function stopFraction(stop: { maxFe: number; maxFrames: number; maxTime: number }, frames: number, frameErrors: number, seconds: number): number {
  return Math.min(1, Math.max(stop.maxFe ? frameErrors / stop.maxFe : 0, stop.maxFrames ? frames / stop.maxFrames : 0, stop.maxTime ? seconds / stop.maxTime : 0));
}

/** Where live output goes: a stream with `write` and possibly `isTTY` and `columns` (process.stderr). */
export interface LiveStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * One line redrawn in place (carriage return + erase line), at most every
 * `minIntervalMs`. Silent unless the stream is a terminal and `quiet` is false, so
 * pipes and CI logs receive only the final rows.
 */
export class LiveLine {
  readonly enabled: boolean;
  private lastDraw = -Infinity;
  private shown = false;

  constructor(
    private readonly stream: LiveStream,
    opts: { quiet?: boolean; minIntervalMs?: number } = {},
    private readonly minIntervalMs = opts.minIntervalMs ?? 200,
  ) {
    this.enabled = !opts.quiet && stream.isTTY === true;
  }

  /** Redraw with `text` (skipped if the last draw was too recent, unless `force`). */
  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    // a line wider than the terminal wraps, and \r would then redraw only its last part
    const width = this.stream.columns && this.stream.columns > 1 ? this.stream.columns - 1 : Infinity;
    const line = text.replace(/\n+$/, '');
    this.stream.write(`\r\x1b[2K${line.length > width ? line.slice(0, width - 1) + '…' : line}`);
    this.shown = true;
  }

  /** Erase the live line (before printing a final row or exiting). */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
