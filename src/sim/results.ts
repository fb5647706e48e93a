/**
 * hopcode/sim/results — additive result rows: identity, validation, merge and resume.
 *
 * Modelled on Stim's sinter: every row carries *counts* (never rates) for a contiguous
 * range of chunks [firstChunk, firstChunk + chunks) of one problem at one noise point,
 * and a `problemHash` naming the exact problem. Because chunk c's random stream depends
 * only on (seed, noise point, c) (STYLE.md §5), rows with the same (problemHash, noise)
 * and disjoint chunk ranges describe disjoint frames and add up exactly:
 *  - merging files from two machines sums counts and refuses overlapping ranges
 *    (the same frames counted twice);
 *  - a killed run resumes by skipping `completedChunks`, so no frame is redone.
 * The hash covers the simulation seed and chunk size (they decide which frames a chunk
 * holds); curves from different seeds are pooled by `aggregateRows` on the labels.
 */
import { createHash } from 'node:crypto';

/** Why a noise point stopped ('batch': an intermediate row of a running point; 'range': the run's chunk range is used up). */
export type StopReason = 'batch' | 'frames' | 'errors' | 'time' | 'interrupted' | 'range';
export const STOP_REASONS: readonly StopReason[] = ['batch', 'frames', 'errors', 'time', 'interrupted', 'range'];

export interface ResultRow {
  /** Noise point: p (BSC), e (BEC) or Eb/N0 dB (AWGN). */
  noise: number;
  frames: number;
  bitErrors: number;
  frameErrors: number;
  seconds: number;
  stopReason: StopReason;
  problemHash: string;
  /** Σ sweeps (iterations) over the frames. */
  sweepsSum: number;
  /** Frames whose dynamics reached a fixed point / zero syndrome. */
  converged: number;
  /** Converged to a stored state other than the one sent. */
  wrongStored: number;
  /** Converged to a fixed point that is not a stored state. */
  spurious: number;
  /** Hit the sweep cap without converging. */
  noConvergence: number;
  /** Human labels (the hash is the identity; these are for tables and plots). */
  code: string;
  decoder: string;
  channel: string;
  /** Bits per frame over which bitErrors are counted (BER denominator). */
  n: number;
  /** Code rate K/N. */
  rate: number;
  seed: string;
  firstChunk: number;
  chunks: number;
  /**
   * Errors on the K information bits only (how AFF3CT and Neal's tools count; bitErrors
   * and frameErrors above count all N coded bits). Absent in files written before they
   * were recorded; a sum with an absent value is absent.
   */
  infoBitErrors?: number;
  infoFrameErrors?: number;
}

/** Optional counts (absent in older files). */
export const INFO_COUNT_FIELDS = ['infoBitErrors', 'infoFrameErrors'] as const;

/** Counts that add when rows merge. */
export const COUNT_FIELDS = ['frames', 'bitErrors', 'frameErrors', 'seconds', 'sweepsSum', 'converged', 'wrongStored', 'spurious', 'noConvergence'] as const;
/** Labels that must agree between rows of one problem. */
export const LABEL_FIELDS = ['code', 'decoder', 'channel', 'n', 'rate', 'seed'] as const;

/** The exact problem a row estimates; hashed by `problemHash`. */
export interface ProblemSpec {
  /** Code identity: {preset, n, seed, girth6 …} or {alistSha256}. */
  code: Record<string, unknown>;
  /** Decoder name and every parameter that changes its output. */
  decoder: { name: string } & Record<string, unknown>;
  /** Channel kind (the noise value is the row's key, not part of the problem). */
  channel: { kind: string } & Record<string, unknown>;
  /** Simulation seed and frames per chunk: they fix which frames chunk c holds. */
  sim: { seed: number | string; chunkFrames: number };
}

/** Version of the row semantics; bump when a decoder change makes old rows incomparable. */
export const RESULTS_FORMAT = 1;

/** JSON with object keys sorted at every depth; rejects values JSON cannot hold exactly. */
export function canonicalJson(v: unknown, path = '$'): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`hopcode/results: ${path} is ${v}: a problem spec holds finite numbers only`);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((x, i) => canonicalJson(x, `${path}[${i}]`)).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k], `${path}.${k}`)}`).join(',')}}`;
  }
  throw new Error(`hopcode/results: ${path} is a ${typeof v}: a problem spec holds JSON values only`);
}

/** SHA-256 of a string, as hex (e.g. to identify an alist file's contents). */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** First 16 hex digits of SHA-256 of the canonical JSON of {format, ...spec}. */
export function problemHash(spec: ProblemSpec): string {
  if (!spec.decoder?.name || !spec.channel?.kind) throw new Error('hopcode/results: a problem spec needs decoder.name and channel.kind');
  if (!Number.isInteger(spec.sim?.chunkFrames) || spec.sim.chunkFrames < 1) throw new Error('hopcode/results: a problem spec needs sim.chunkFrames, an integer ≥ 1');
  return sha256Hex(canonicalJson({ format: RESULTS_FORMAT, ...spec })).slice(0, 16);
}

/** Check a row's internal consistency; `where` prefixes the message (file: line …). */
export function checkRow(r: ResultRow, where = 'row'): ResultRow {
  const fail = (msg: string): never => {
    throw new Error(`hopcode/results: ${where}: ${msg}`);
  };
  if (!Number.isFinite(r.noise)) fail(`noise must be a finite number, got ${r.noise}`);
  for (const f of ['frames', 'bitErrors', 'frameErrors', 'sweepsSum', 'converged', 'wrongStored', 'spurious', 'noConvergence', 'n', 'firstChunk', 'chunks'] as const) {
    const v = r[f];
    if (!Number.isSafeInteger(v) || v < 0) fail(`${f} must be a whole number ≥ 0, got ${v}`);
  }
  if (!(r.seconds >= 0) || !Number.isFinite(r.seconds)) fail(`seconds must be a finite number ≥ 0, got ${r.seconds}`);
  if (!(r.rate >= 0 && r.rate <= 1)) fail(`rate must lie in [0, 1], got ${r.rate}`);
  if (r.chunks < 1) fail('chunks must be ≥ 1');
  if (r.frameErrors > r.frames) fail(`frameErrors ${r.frameErrors} exceeds frames ${r.frames}`);
  if (r.converged + r.noConvergence > r.frames) fail(`converged ${r.converged} + noConvergence ${r.noConvergence} exceeds frames ${r.frames}`);
  // wrong stored states and spurious fixed points are always frame errors (a frame stopped
  // by the sweep cap may still hold the sent word, so noConvergence is not counted here)
  if (r.wrongStored + r.spurious > r.frameErrors) fail(`wrongStored + spurious = ${r.wrongStored + r.spurious} exceeds frameErrors ${r.frameErrors}`);
  if (r.n > 0 && r.bitErrors > r.frames * r.n) fail(`bitErrors ${r.bitErrors} exceeds frames × n = ${r.frames * r.n}`);
  for (const f of INFO_COUNT_FIELDS) {
    const v = r[f];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) fail(`${f} must be a whole number ≥ 0, got ${v}`);
  }
  if (r.infoFrameErrors !== undefined && r.infoFrameErrors > r.frameErrors) fail(`infoFrameErrors ${r.infoFrameErrors} exceeds frameErrors ${r.frameErrors}`);
  if (r.infoBitErrors !== undefined && r.infoBitErrors > r.bitErrors) fail(`infoBitErrors ${r.infoBitErrors} exceeds bitErrors ${r.bitErrors}`);
  if (!/^[0-9a-f]{16}$/.test(r.problemHash)) fail(`problemHash must be 16 lowercase hex digits, got "${r.problemHash}"`);
  if (!STOP_REASONS.includes(r.stopReason)) fail(`stopReason must be one of ${STOP_REASONS.join(', ')}, got "${r.stopReason}"`);
  return r;
}

function keyOf(r: { problemHash: string; noise: number }): string {
  return `${r.problemHash}|${r.noise}`;
}

/** Rows grouped by (problemHash, noise), groups in first-seen order. */
export function groupRows(rows: readonly ResultRow[]): ResultRow[][] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return [...groups.values()];
}

function addInto(acc: ResultRow, r: ResultRow): void {
  for (const f of COUNT_FIELDS) acc[f] += r[f];
  for (const f of INFO_COUNT_FIELDS) acc[f] = acc[f] === undefined || r[f] === undefined ? undefined : acc[f]! + r[f]!;
  acc.chunks += r.chunks;
}

function checkLabels(a: ResultRow, b: ResultRow): void {
  for (const f of LABEL_FIELDS) {
    if (a[f] !== b[f]) throw new Error(`hopcode/results: problem ${a.problemHash} at noise ${a.noise}: rows disagree on ${f} ("${a[f]}" vs "${b[f]}")`);
  }
}

/**
 * Merge rows (from one or several files): per (problemHash, noise), rows whose chunk
 * ranges touch are summed into one; disjoint gaps stay as separate rows; overlapping
 * ranges are an error (those frames would be counted twice). The stop reason of a
 * merged row is that of the row ending last.
 */
export function mergeRows(rows: readonly ResultRow[]): ResultRow[] {
  const out: ResultRow[] = [];
  for (const g of groupRows(rows)) {
    const sorted = [...g].sort((a, b) => a.firstChunk - b.firstChunk);
    let acc: ResultRow | undefined;
    for (const r of sorted) {
      if (acc) checkLabels(acc, r);
      if (acc && r.firstChunk < acc.firstChunk + acc.chunks) {
        throw new Error(`hopcode/results: problem ${r.problemHash} at noise ${r.noise}: chunks ${r.firstChunk}..${r.firstChunk + r.chunks - 1} overlap chunks ${acc.firstChunk}..${acc.firstChunk + acc.chunks - 1} (the same frames twice: was a file merged with itself?)`);
      }
      if (acc && r.firstChunk === acc.firstChunk + acc.chunks) {
        addInto(acc, r);
        acc.stopReason = r.stopReason;
      } else {
        if (acc) out.push(acc);
        acc = { ...r };
      }
    }
    if (acc) out.push(acc);
  }
  return out;
}

/**
 * One row per (labels, noise) with all counts summed: the totals a table or plot shows.
 * Pools rows across problem hashes that share labels (e.g. different seeds), which is
 * statistically sound once `mergeRows` has ruled out overlaps within each hash. The
 * pooled row keeps the first hash and says seed "pooled" when seeds differ; its chunk
 * fields are then only a count.
 */
export function aggregateRows(rows: readonly ResultRow[]): ResultRow[] {
  const merged = mergeRows(rows);
  const acc = new Map<string, ResultRow>();
  for (const r of merged) {
    const k = JSON.stringify([r.code, r.decoder, r.channel, r.n, r.rate, r.noise]);
    const a = acc.get(k);
    if (!a) acc.set(k, { ...r });
    else {
      addInto(a, r);
      if (a.seed !== r.seed) a.seed = 'pooled';
    }
  }
  return [...acc.values()];
}

/** A half-open range of chunk indices [first, end). */
export interface ChunkRange {
  first: number;
  end: number;
}

/** Chunk ranges already done for (problemHash, noise), sorted and coalesced. */
export function completedChunks(rows: readonly ResultRow[], hash: string, noise: number): ChunkRange[] {
  const mine = mergeRows(rows.filter((r) => r.problemHash === hash && r.noise === noise));
  return mine.map((r) => ({ first: r.firstChunk, end: r.firstChunk + r.chunks }));
}

/** The chunk ranges in [0, total) not covered by `done` (the work a resumed run still owes). */
export function missingChunks(done: readonly ChunkRange[], total: number): ChunkRange[] {
  const out: ChunkRange[] = [];
  let at = 0;
  for (const r of [...done].sort((a, b) => a.first - b.first)) {
    if (r.first >= total) break;
    if (r.first > at) out.push({ first: at, end: r.first });
    at = Math.max(at, r.end);
  }
  if (at < total) out.push({ first: at, end: total });
  return out;
}

/** Totals over the done ranges: how many frames and frame errors a point already has. */
export function doneTotals(rows: readonly ResultRow[], hash: string, noise: number): { frames: number; frameErrors: number; chunks: number; seconds: number } {
  const t = { frames: 0, frameErrors: 0, chunks: 0, seconds: 0 };
  for (const r of rows) {
    if (r.problemHash !== hash || r.noise !== noise) continue;
    t.frames += r.frames;
    t.frameErrors += r.frameErrors;
    t.chunks += r.chunks;
    t.seconds += r.seconds;
  }
  return t;
}
