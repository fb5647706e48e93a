/**
 * hopcode/cli/simulate-command — `hopcode simulate`, `merge` and `plot`.
 *
 * A thin client of sim/run-file: turn the options into a run specification (or take
 * it from the file given to --resume, refusing any typed option that would change the
 * problem), validate everything and build the code before any output is opened (one-
 * line errors, exit 2), print the header, each point's AFF3CT-like row the moment the
 * point ends (live progress on stderr when a terminal), and draw the plot and table
 * only where the run owns them: the files it names, or its --dir folder.
 */
import { existsSync, mkdirSync, readFileSync, statSync, accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import type { ChannelKind } from '../channels/channel.js';
import { noiseName, shannonLimit } from '../channels/factory.js';
import { FLAGSHIP } from '../network/presets.js';
import { decoderName, decoderSpec, DECODERS, type DecoderSpec } from '../sim/decoder-spec.js';
import { parseNoiseRange } from '../sim/noise-range.js';
import { CSV_HEADER, formatCsvRow, readResults, writeResults } from '../sim/results-files.js';
import { mergeRows, sha256Hex } from '../sim/results.js';
import { validateSimulation } from '../sim/engine.js';
import { executeRun, openCode, readRunFile, codeSpecOf, simulationOptionsOf, type RunFileContents } from '../sim/run-file.js';
import { describeValue, parseShard, validateStop, type RunSpec, type StopRules } from '../sim/run-spec.js';
import { headerBlock, LiveLine, progressText, stopFraction, tableHeader, tableRow } from '../sim/table.js';
import { refuseInputAsOutput, sameFile, writeFileAtomic } from '../util/safe-output.js';
import { alistSource, presetSource, type CodeSource } from '../sim/code-source.js';
import { VERSION } from '../version.js';
import { parseIntOption, parseNumberOption, UsageError } from './options.js';

/** The default sweep shows the flagship's waterfall at N ≈ 4096. */
const DEFAULT_NOISE: Record<ChannelKind, string> = { bsc: '0.02:0.045:0.005', bec: '0.2:0.45:0.05', awgn: '2:5:0.5' };

interface SimulateArgs {
  preset: string;
  n: string;
  seed: string;
  alist?: string;
  decoder: string;
  channel: string;
  noise?: string;
  p?: string;
  e?: string;
  ebno?: string;
  maxFe: string;
  maxFrames: string;
  maxTime: string;
  maxSweeps?: string;
  rule?: string;
  cueWeight?: string;
  msAlpha?: string;
  msOffset?: string;
  msSchedule?: string;
  msFloat?: boolean;
  gbDecision?: string;
  workers?: string;
  redis?: string;
  attempts?: string;
  redisPatience?: string;
  chunkFrames?: string;
  out?: string;
  resume?: string;
  shard?: string;
  plot?: string;
  dir: string;
  force?: boolean;
  quiet?: boolean;
}

/** The plot module loads Vega (≈ 0.3 s): only a command that draws pays for it. */
const loadPlot = () => import('../sim/plot.js');

function checkWritable(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new UsageError(`cannot write ${path}: no such directory ${dir}`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`cannot write ${path}: it is a directory`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${path}: permission denied`);
  }
}

function channelOf(text: string): ChannelKind {
  if (text !== 'bsc' && text !== 'bec' && text !== 'awgn') throw new UsageError(`--channel must be bsc, bec or awgn, got "${text}"`);
  return text;
}

function codeOf(a: SimulateArgs): CodeSource {
  return a.alist ? alistSource(a.alist) : presetSource(a.preset, parseIntOption('--n', a.n), a.seed);
}

function decoderOf(a: SimulateArgs, source: CodeSource): DecoderSpec {
  const name = decoderName(a.decoder);
  const rule = a.rule ?? source.code.rule;
  if (rule !== 'unit' && rule !== 'free-energy') throw new UsageError(`--rule must be unit or free-energy, got "${rule}"`);
  const over: Partial<DecoderSpec> = {};
  if (a.maxSweeps !== undefined) over.maxSweeps = parseIntOption('--max-sweeps', a.maxSweeps);
  if (a.cueWeight !== undefined) over.cueWeight = parseIntOption('--cue-weight', a.cueWeight);
  Object.assign(over, baselineOptions(a, name));
  return decoderSpec(name, rule, over);
}

/** Min-sum and Gallager B parameters; each refused (naming the option) for another decoder. */
function baselineOptions(a: SimulateArgs, name: string): Partial<DecoderSpec> {
  const over: Partial<DecoderSpec> = {};
  const only = (flag: string, decoder: string): void => {
    if (name !== decoder) throw new UsageError(`${flag} applies to --decoder ${decoder} only`);
  };
  if (a.msAlpha !== undefined) {
    only('--ms-alpha', 'min-sum');
    over.alpha = parseNumberOption('--ms-alpha', a.msAlpha);
    if (!(over.alpha > 0 && over.alpha <= 1)) throw new UsageError(`--ms-alpha must lie in (0, 1], got "${a.msAlpha}"`);
  }
  if (a.msOffset !== undefined) {
    only('--ms-offset', 'min-sum');
    over.offset = parseNumberOption('--ms-offset', a.msOffset);
    if (over.offset < 0) throw new UsageError(`--ms-offset must be ≥ 0, got "${a.msOffset}"`);
  }
  if (a.msFloat) only('--ms-float', 'min-sum');
  if (a.msFloat) over.msFloat = true;
  if (a.msSchedule !== undefined) {
    only('--ms-schedule', 'min-sum');
    if (a.msSchedule !== 'layered' && a.msSchedule !== 'flooding') throw new UsageError(`--ms-schedule must be layered or flooding, got "${a.msSchedule}"`);
    if (a.msFloat && a.msSchedule !== 'flooding') throw new UsageError('--ms-float runs the flooding schedule only (drop --ms-schedule layered)');
    over.msSchedule = a.msSchedule;
  }
  if (a.gbDecision !== undefined) {
    only('--gb-decision', 'gallager-b');
    if (a.gbDecision !== 'with-channel' && a.gbDecision !== 'checks-only') throw new UsageError(`--gb-decision must be with-channel or checks-only, got "${a.gbDecision}"`);
    over.gbDecision = a.gbDecision;
  }
  return over;
}

/** The decoder's own parameters for the header (min-sum, Gallager B). */
function baselineLabel(d: DecoderSpec): string {
  if (d.name === 'min-sum') return `; ${d.msFloat ? 'float reference' : 'fixed point |m| ≤ 63 steps of ¼'}, ${d.msSchedule}, α = ${d.alpha}, offset ${d.offset}`;
  if (d.name === 'gallager-b') return `; bit-sliced, decision ${d.gbDecision ?? 'with-channel'}`;
  return '';
}

/** The stop-rule flags, as messages name them. */
const STOP_FLAGS = { maxFe: '--max-fe', maxFrames: '--max-frames', maxTime: '--max-time' };

function stopOf(a: SimulateArgs): StopRules {
  const stop = {
    maxFe: parseIntOption('--max-fe', a.maxFe),
    maxFrames: parseIntOption('--max-frames', a.maxFrames),
    maxTime: parseNumberOption('--max-time', a.maxTime),
  };
  validateStop(stop, STOP_FLAGS);
  return stop;
}

function noiseOf(a: SimulateArgs, channel: ChannelKind): number[] {
  const noiseText = a.noise ?? a.p ?? a.e ?? a.ebno ?? DEFAULT_NOISE[channel];
  return parseNoiseRange(noiseText, { flag: a.p ? '--p' : a.e ? '--e' : a.ebno ? '--ebno' : '--noise', ...(channel === 'awgn' ? { min: -50, max: 50 } : {}) });
}

function chunkFramesOf(a: SimulateArgs, decoder: DecoderSpec, channel: ChannelKind): number {
  const perFrame = !['network-sync', 'network-stochastic', 'gallager-b'].includes(decoder.name) && !(decoder.name === 'network-soft' && channel === 'bsc');
  const n = a.chunkFrames !== undefined ? parseIntOption('--chunk-frames', a.chunkFrames) : perFrame ? 64 : decoder.name === 'network-stochastic' ? 256 : 1024;
  if (n < 1) throw new UsageError(`--chunk-frames must be ≥ 1, got ${n}`);
  return n;
}

/** A new run's specification from the options (everything validated). */
function newSpec(a: SimulateArgs): { spec: RunSpec; source: CodeSource } {
  const channel = channelOf(a.channel);
  const noise = noiseOf(a, channel);
  const stop = stopOf(a);
  const source = codeOf(a);
  const decoder = decoderOf(a, source);
  const spec: RunSpec = {
    hopcode: VERSION,
    code: codeSpecOf(source, a.alist),
    decoder,
    channel,
    noise,
    stop,
    chunkFrames: chunkFramesOf(a, decoder, channel),
    seed: a.seed,
    shard: a.shard !== undefined ? parseShard(a.shard) : { index: 0, count: 1 },
  };
  return { spec, source };
}

/**
 * The options a resumed run may not change, each with what it sets in the spec.
 * Only options the user typed are compared: a default never conflicts.
 */
const PROBLEM_OPTIONS: Record<string, (a: SimulateArgs, s: RunSpec) => [what: string, given: unknown, stored: unknown]> = {
  preset: (a, s) => ['preset', a.preset, 'preset' in s.code ? s.code.preset : `the alist ${s.code.alist}`],
  n: (a, s) => {
    if (!('preset' in s.code)) return ['N', a.n, `the alist ${s.code.alist}`];
    const n = parseIntOption('--n', a.n);
    return ['N', n === s.code.n ? n : presetSource(s.code.preset, n, s.code.seed).code.n, s.code.n];
  },
  seed: (a, s) => ['seed', a.seed, s.seed],
  alist: (a, s) => ['alist contents', sha256Hex(readFileSync(a.alist!)).slice(0, 16), 'alist' in s.code ? s.code.sha256.slice(0, 16) : `preset ${s.code.preset}`],
  decoder: (a, s) => ['decoder', decoderName(a.decoder), s.decoder.name],
  rule: (a, s) => ['rule', a.rule, s.decoder.rule],
  maxSweeps: (a, s) => ['sweep cap', parseIntOption('--max-sweeps', a.maxSweeps!), s.decoder.maxSweeps],
  cueWeight: (a, s) => ['cue weight', parseIntOption('--cue-weight', a.cueWeight!), s.decoder.cueWeight],
  channel: (a, s) => ['channel', channelOf(a.channel), s.channel],
  p: (a, s) => ['noise list', describeValue(noiseOf(a, s.channel)), describeValue(s.noise)],
  e: (a, s) => ['noise list', describeValue(noiseOf(a, s.channel)), describeValue(s.noise)],
  ebno: (a, s) => ['noise list', describeValue(noiseOf(a, s.channel)), describeValue(s.noise)],
  noise: (a, s) => ['noise list', describeValue(noiseOf(a, s.channel)), describeValue(s.noise)],
  chunkFrames: (a, s) => ['chunk size', parseIntOption('--chunk-frames', a.chunkFrames!), s.chunkFrames],
  shard: (a, s) => ['shard', describeValue(parseShard(a.shard!)), describeValue(s.shard)],
};

/** The spec a resumed run continues: the file's, with explicitly given stop rules. */
function resumedSpec(a: SimulateArgs, file: string, stored: RunSpec, given: (key: string) => string | undefined): RunSpec {
  for (const [key, check] of Object.entries(PROBLEM_OPTIONS)) {
    const flag = given(key);
    if (!flag) continue;
    const [what, value, was] = check(a, stored);
    if (describeValue(value) !== describeValue(was)) {
      throw new UsageError(`${flag} conflicts with the run in ${file}: it has ${what} ${describeValue(was)}, the option gives ${describeValue(value)} (leave the option out to continue that run, or start a new results file with -o)`);
    }
  }
  const stop = { ...stored.stop };
  if (given('maxFe')) stop.maxFe = parseIntOption('--max-fe', a.maxFe);
  if (given('maxFrames')) stop.maxFrames = parseIntOption('--max-frames', a.maxFrames);
  if (given('maxTime')) stop.maxTime = parseNumberOption('--max-time', a.maxTime);
  validateStop(stop, STOP_FLAGS);
  // the same alist contents under a new path (the file was moved): read it from there
  const code = given('alist') && 'alist' in stored.code ? { ...stored.code, alist: a.alist! } : stored.code;
  return { ...stored, code, stop, hopcode: VERSION };
}

/** Output paths of a run: the results file and the files it owns beside it. */
interface Outputs {
  results: string;
  plot?: string;
  table?: string;
}

function outputsOf(a: SimulateArgs, stored?: RunSpec): Outputs {
  if (a.resume) {
    const base = dirname(a.resume);
    const own = stored?.outputs ?? {};
    return {
      results: a.resume,
      plot: a.plot ?? (own.plot !== undefined ? join(base, own.plot) : undefined),
      table: own.table !== undefined ? join(base, own.table) : undefined,
    };
  }
  // A run writes only the files it names, or its own folder (--dir) when it names none.
  if (a.out) return { results: a.out, plot: a.plot };
  return { results: join(a.dir, 'results.csv'), plot: a.plot ?? join(a.dir, 'fer.svg'), table: join(a.dir, 'table.txt') };
}

export async function simulateCommand(a: SimulateArgs, cmd?: Command): Promise<number> {
  // Flags the user typed (a default never conflicts with a resumed run).
  const given = (key: string): string | undefined => {
    if (!cmd || cmd.getOptionValueSource(key) !== 'cli') return undefined;
    const o = cmd.options.find((x) => x.attributeName() === key);
    return o?.long ?? o?.short ?? key;
  };
  if (a.resume && a.out && !sameFile(a.resume, a.out)) throw new UsageError('--out and --resume name different files: a resumed run appends to its own results file');
  const workers = a.workers !== undefined ? parseIntOption('--workers', a.workers) : Math.min(2, availableParallelism());
  if (workers < 0 || workers > 64) throw new UsageError(`--workers must be 0..64, got ${workers}`);

  // 1. Everything is validated and the code built before any file is touched.
  let spec: RunSpec;
  let source: CodeSource;
  let existing: RunFileContents | undefined;
  if (a.resume) {
    if (!existsSync(a.resume)) throw new UsageError(`--resume ${a.resume}: no such file (start a new run with -o ${a.resume})`);
    existing = readRunFile(a.resume);
    if (!existing.spec) throw new UsageError(`--resume ${a.resume}: the file carries no run specification (written by merge or an older hopcode): start a new run with -o`);
    spec = resumedSpec(a, a.resume, existing.spec, given);
    source = openCode(spec.code, `the run in ${a.resume}`);
  } else {
    ({ spec, source } = newSpec(a));
  }
  validateSimulation({ ...simulationOptionsOf(spec, source), workers }); // noise vs channel and rate, chunk range …
  const outputs = outputsOf(a, existing?.spec);
  const inputs = 'alist' in spec.code ? [spec.code.alist] : [];
  refuseInputAsOutput(outputs.results, inputs, 'results file');
  if (!a.resume) {
    const exists = existsSync(outputs.results);
    if (exists && !a.force) throw new UsageError(`${outputs.results} exists: continue it with --resume ${outputs.results}, or overwrite with --force${a.out ? '' : ', or choose another --dir'}`);
    if (!a.out && !existsSync(a.dir)) mkdirSync(a.dir, { recursive: true });
    checkWritable(outputs.results);
    const rel = (p?: string) => (p === undefined ? undefined : relative(dirname(outputs.results), p));
    spec = { ...spec, outputs: { ...(outputs.plot ? { plot: rel(outputs.plot) } : {}), ...(outputs.table ? { table: rel(outputs.table) } : {}) } };
  } else {
    checkWritable(outputs.results);
    if (a.plot) spec = { ...spec, outputs: { ...spec.outputs, plot: relative(dirname(outputs.results), a.plot) } };
  }
  for (const extra of [outputs.plot, outputs.table]) {
    if (extra === undefined) continue;
    refuseInputAsOutput(extra, [...inputs, outputs.results], 'output');
    checkWritable(extra);
  }
  for (const [v, flag] of [[a.attempts, '--attempts'], [a.redisPatience, '--redis-patience']] as const) if (v !== undefined && a.redis === undefined) throw new UsageError(`${flag} applies to runs with --redis only`);
  // Redis is reached (and its queue's version checked) before anything is printed or written.
  const runner = a.redis !== undefined ? await (await import('./queue-commands.js')).openCoordinator(a.redis, a.attempts, a.redisPatience) : undefined;

  const { code } = source;
  const k = code.log2States;
  const channel = spec.channel;
  const decoder = spec.decoder;
  const stop = spec.stop;
  const header = headerBlock({
    code: source.label,
    n: code.n,
    k,
    decoder: `${decoder.name} (${DECODERS[decoder.name]}; ${decoder.rule} rule, ≤ ${decoder.maxSweeps} sweeps${baselineLabel(decoder)})`,
    channel: channel.toUpperCase(),
    noiseName: noiseName(channel),
    seed: spec.seed,
    workers: runner ? `hopcode workers via ${runner.target.url}` : workers,
    stopRules: `${stop.maxFe || '∞'} frame errors or ${stop.maxFrames || '∞'} frames or ${stop.maxTime || '∞'} s per point${spec.shard.count > 1 ? `; shard ${spec.shard.index}/${spec.shard.count}` : ''}`,
    version: VERSION,
    shannonLimit: shannonLimit(channel, k / code.n),
  });
  const resumeNote = existing ? `# resume:   ${outputs.results} (${existing.rows.length} rows on file${existing.warnings.length ? ', a cut last line to redo' : ''})\n` : '';
  const table: string[] = [header + resumeNote, tableHeader(noiseName(channel))];
  process.stdout.write(header + resumeNote + tableHeader(noiseName(channel)));
  const live = new LiveLine(process.stderr, { quiet: a.quiet });
  const interrupt = { requested: false, flag: undefined as SharedArrayBuffer | undefined };
  const onSigint = (): void => {
    interrupt.requested = true;
    if (interrupt.flag) Atomics.store(new Int32Array(interrupt.flag), 0, 1);
  };
  process.on('SIGINT', onSigint);
  const started = performance.now();
  try {
    // 2. Outputs are opened last (executeRun creates or reopens the results file).
    await executeRun(
      spec,
      source,
      outputs.results,
      {
        workers,
        runner,
        interrupt,
        onWarning: (w) => {
          live.clear();
          process.stderr.write(`hopcode: ${w}\n`);
        },
        // A finished point's row is printed (and, to a pipe, written through) as soon as it ends.
        onPointDone: (r) => {
          const line = tableRow({ noise: r.noise, frames: r.totals.frames, bitErrors: r.totals.bitErrors, frameErrors: r.totals.frameErrors, seconds: r.seconds, sweepsSum: r.totals.sweepsSum, n: code.n, rate: k / code.n });
          const note = r.resumed && r.rows.length === 0 ? `  # resumed: already ${r.stopReason}` : r.stopReason === 'errors' || r.stopReason === 'frames' ? '' : `  # ${r.stopReason}`;
          const text = line.replace(/\n$/, '') + note + '\n';
          table.push(text);
          live.clear();
          process.stdout.write(text);
        },
        onProgress: (noise, t, seconds, index, count) => {
          live.update(progressText({ index, count, noiseName: noiseName(channel), noise, frames: t.frames, frameErrors: t.frameErrors, fraction: stopFraction(stop, t.frames, t.frameErrors, seconds), pointSeconds: seconds, totalSeconds: (performance.now() - started) / 1000 }));
        },
      },
      existing,
    );
  } finally {
    process.off('SIGINT', onSigint);
    live.clear();
    await runner?.close();
  }
  const written = [outputs.results];
  if (outputs.plot) {
    const all = readRunFile(outputs.results).rows;
    const { writePlot } = await loadPlot();
    await writePlot(outputs.plot, mergeRows(all), { noiseLabel: noiseName(channel), rules: [{ noise: shannonLimit(channel, k / code.n), label: `Shannon limit (R = ${(k / code.n).toFixed(3)})` }] });
    written.push(outputs.plot);
  }
  if (outputs.table) {
    writeFileAtomic(outputs.table, table.join(''));
    written.push(outputs.table);
  }
  process.stderr.write(`hopcode: wrote ${written.join(', ')}${outputs.plot ? '' : ` (plot with: hopcode plot ${outputs.results} -o FILE.svg)`}\n`);
  return interrupt.requested ? 130 : 0;
}

export function registerSimulateCommands(program: Command): void {
  program
    .command('simulate')
    .description('Monte-Carlo FER/BER of a network (or a baseline) over a noise sweep')
    .option('--preset <name>', 'network preset', FLAGSHIP)
    .option('--n <N>', 'number of inputs (rounded to a valid size)', '4096')
    .option('--seed <seed>', 'seed of the graph and of the frames', '1')
    .option('--alist <file>', 'simulate this parity-check matrix (single-parity constraints) instead of a preset')
    .option('-D, --decoder <name>', `decoder: ${Object.keys(DECODERS).join(', ')}`, 'network-sync')
    .option('--channel <kind>', 'bsc, bec or awgn', 'bsc')
    .option('--p <range>', 'BSC flip probabilities: start:stop:step or a,b,c')
    .option('--e <range>', 'BEC erasure probabilities')
    .option('--ebno <range>', 'AWGN Eb/N0 in dB')
    .option('--noise <range>', 'noise values for any channel')
    .option('-e, --max-fe <count>', 'stop a point after this many frame errors (0: no limit)', '100')
    .option('-n, --max-frames <count>', 'stop a point after this many frames (0: no limit)', '100000')
    .option('--max-time <seconds>', 'stop a point after this many seconds (0: no limit)', '0')
    .option('--max-sweeps <count>', 'sweep / iteration cap of the decoder')
    .option('--rule <rule>', 'input rule of the network decoders: unit or free-energy')
    .option('--cue-weight <beta>', 'persistent cue field weight (network-stochastic, network-soft)')
    .option('--ms-alpha <alpha>', 'min-sum normalisation α in (0, 1] (default 0.8)')
    .option('--ms-offset <beta>', 'min-sum offset β ≥ 0 in LLR units (default 0)')
    .option('--ms-schedule <schedule>', 'min-sum schedule: layered (default) or flooding')
    .option('--ms-float', 'min-sum: the plain float reference (flooding) instead of the fixed-point kernel')
    .option('--gb-decision <rule>', "Gallager B decision: with-channel (majority of y and the checks, default) or checks-only (AFF3CT's)")
    .option('--workers <count>', 'worker threads (0: this thread only)')
    .option('--redis <url>', 'run the chunks on `hopcode worker`s through the Redis queue at this URL (this process coordinates and writes the results)')
    .option('--attempts <count>', 'with --redis: attempts per chunk before the run fails (default 3)')
    .option('--redis-patience <seconds>', 'with --redis: how long Redis may be unreachable before the run stops with an error (default 10)')
    .option('--chunk-frames <count>', 'frames per chunk (part of the problem identity)')
    .option('-o, --out <file>', 'results file (.csv or .jsonl)')
    .option('--resume <file>', 'continue the run in this results file (its options are stored there; raised stop rules extend finished points)')
    .option('--shard <i/n>', 'run shard i of n (chunks from i·2^32/n on): shards of one n add up under merge')
    .option('--plot <file>', 'FER/BER plot (.svg)')
    .option('--dir <folder>', 'folder for the default outputs', 'hopcode-results')
    .option('--force', 'overwrite --out if it exists')
    .option('--quiet', 'no live progress line')
    .action(async (a: SimulateArgs, cmd: Command) => {
      process.exitCode = await simulateCommand(a, cmd);
    });

  program
    .command('merge <files...>')
    .description('merge results files from several runs or machines (counts add; overlapping chunks are refused)')
    .option('-o, --out <file>', 'write the merged rows here (default: standard output as CSV)')
    .action((files: string[], a: { out?: string }) => {
      if (a.out) refuseInputAsOutput(a.out, files, '--out');
      if (a.out) checkWritable(a.out);
      const rows = mergeRows(
        files.flatMap((f) => {
          const read = readResults(f);
          // a cut last line (an interrupted write) is left out, and said so
          for (const w of read.warnings) process.stderr.write(`hopcode: merge: ${w}\n`);
          return read.rows;
        }),
      );
      if (a.out) {
        writeResults(a.out, rows);
      } else {
        process.stdout.write(CSV_HEADER + '\n' + rows.map((r) => formatCsvRow(r) + '\n').join(''));
      }
    });

  program
    .command('plot <files...>')
    .description('plot FER and BER vs noise from saved results (several files on one chart)')
    .option('-o, --out <file>', 'SVG file', 'fer.svg')
    .action(async (files: string[], a: { out: string }) => {
      refuseInputAsOutput(a.out, files, '--out');
      checkWritable(a.out);
      for (const f of files) for (const w of readResults(f).warnings) process.stderr.write(`hopcode: plot: ${w}\n`);
      const { replotFiles } = await loadPlot();
      await replotFiles(files, a.out);
    });
}

