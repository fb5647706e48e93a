/**
 * hopcode/sim/run-file — a simulation run and its results file, start to finish.
 *
 * The results file is the run's memory: its first line is the run specification
 * (sim/run-spec.ts), then the additive rows (sim/results-files.ts), each appended and
 * fsynced as soon as it is final. A new file appears whole (spec and header written
 * to a temporary file and renamed) only once everything has been validated and the
 * code built, so a refused run never replaces an existing file. Resuming reads the
 * file, keeps its valid prefix (a row cut by a crash is recognised by its check and
 * cut off, so its chunks are redone), and continues each point from its next chunk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/safe-output.js';
import { alistSource, presetSource, type CodeSource } from './code-source.js';
import { runSimulation, validateSimulation, type PointResult, type SimulationOptions } from './engine.js';
import { CSV_HEADER, formatOf, parseResults, ResultsAppender, rowLine, type ParsedResults } from './results-files.js';
import { sha256Hex, type ResultRow } from './results.js';
import { canonicalJson } from './results.js';
import { RunLock } from './run-lock.js';
import { sameProblem, shardRange, specLine, specOfFile, type CodeSpec, type RunSpec } from './run-spec.js';

export interface RunFileContents extends ParsedResults {
  /** The run's specification (the file's last spec line), if it has one. */
  spec: RunSpec | undefined;
}

/** Read a results file with its run specification; a missing file is an error. */
export function readRunFile(path: string): RunFileContents {
  const format = formatOf(path);
  if (!existsSync(path)) throw new Error(`hopcode/sim: ${path}: no such results file`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`hopcode/sim: ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const parsed = parseResults(text, path, format);
  return { ...parsed, spec: specOfFile(parsed.specs, path) };
}

/** Build the code a spec names; an alist must still have the contents the run used. */
export function openCode(code: CodeSpec, where = 'the run'): CodeSource {
  if ('alist' in code) {
    if (!existsSync(code.alist)) throw new Error(`hopcode/sim: ${where} uses the alist file ${code.alist}, which no longer exists (moved? give its new path with --alist)`);
    const sha = sha256Hex(readFileSync(code.alist));
    if (sha !== code.sha256) throw new Error(`hopcode/sim: ${where} used ${code.alist} with SHA-256 ${code.sha256.slice(0, 16)}…, but the file now has ${sha.slice(0, 16)}…: it changed`);
    const source = alistSource(code.alist);
    // rows keep the label the run started with, wherever the file has moved since
    return code.label === undefined ? source : { ...source, label: code.label };
  }
  const source = presetSource(code.preset, code.n, code.seed);
  if (source.code.n !== code.n) throw new Error(`hopcode/sim: ${where} has N = ${code.n}, but preset ${code.preset} now builds N = ${source.code.n}`);
  return source;
}

/** The code spec of a built source (what a new run records). */
export function codeSpecOf(source: CodeSource, alistPath?: string): CodeSpec {
  if (alistPath !== undefined) return { alist: alistPath, sha256: String(source.id.alistSha256), label: source.label };
  return { preset: String(source.id.preset), n: source.code.n, seed: String(source.id.seed) };
}

/** Engine options for a spec (hooks and workers come from the caller). */
export function simulationOptionsOf(spec: RunSpec, source: CodeSource): Omit<SimulationOptions, 'workers'> {
  return {
    code: source.code,
    codeId: source.id,
    codeLabel: source.label,
    decoder: spec.decoder,
    channel: spec.channel,
    points: spec.noise,
    seed: spec.seed,
    chunkFrames: spec.chunkFrames,
    stop: spec.stop,
    range: shardRange(spec.shard),
  };
}

export interface RunHooks extends Pick<SimulationOptions, 'onPointDone' | 'onProgress' | 'interrupt' | 'rowEverySeconds' | 'runner'> {
  workers: number;
  /** fsync each row (default true: a row on file survives a power cut). */
  durable?: boolean;
  /** Warnings (e.g. a partial last line cut off) as they happen. */
  onWarning?: (message: string) => void;
}

/**
 * Run `spec` into the results file `path`. Without `existing` the file is new (an
 * existing one is replaced, atomically, only now); with `existing` (from
 * `readRunFile`) the run continues: the spec must be the same problem (stop rules may
 * differ: a new spec line is appended), and its rows are the starting counts.
 */
export async function executeRun(spec: RunSpec, source: CodeSource, path: string, hooks: RunHooks, existing?: RunFileContents): Promise<PointResult[]> {
  validateSimulation({ ...simulationOptionsOf(spec, source), workers: hooks.workers }); // everything checked before a file is touched
  const lock = RunLock.acquire(path);
  try {
    return await runLocked(spec, source, path, hooks, existing);
  } finally {
    lock.release();
  }
}

async function runLocked(spec: RunSpec, source: CodeSource, path: string, hooks: RunHooks, existing: RunFileContents | undefined): Promise<PointResult[]> {
  const format = formatOf(path);
  let previous: ResultRow[] = [];
  let appender: ResultsAppender;
  if (existing) {
    if (existing.spec && !sameProblem(existing.spec, spec)) throw new Error(`hopcode/sim: ${path}: the run specification differs from the file's (not the same problem): start a new file`);
    appender = ResultsAppender.open(path, { durable: hooks.durable });
    for (const w of appender.warnings) hooks.onWarning?.(w);
    previous = appender.parsed?.rows ?? [];
    if (!existing.spec || canonicalJson(existing.spec) !== canonicalJson(spec)) appender.append([specLine(spec, format)]);
  } else {
    writeFileAtomic(path, specLine(spec, format) + (format === 'csv' ? CSV_HEADER + '\n' : ''));
    appender = ResultsAppender.open(path, { durable: hooks.durable });
  }
  const { durable: _d, onWarning: _w, ...engineHooks } = hooks;
  return runSimulation({
    ...simulationOptionsOf(spec, source),
    ...engineHooks,
    previous,
    onRow: (row) => appender.append([rowLine(row, format, `${path}: new row`)]),
  });
}
