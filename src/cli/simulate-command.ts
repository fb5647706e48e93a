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
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import type { ChannelKind } from '../channels/channel.js';
import { noiseName, shannonLimit } from '../channels/factory.js';
import { FLAGSHIP } from '../network/presets.js';
import type { DecoderSpec } from '../sim/decoder-spec.js';
import { parseNoiseRange } from '../sim/noise-range.js';
import { mergeRows, sha256Hex } from '../sim/results.js';
import { validateSimulation } from '../sim/engine.js';
import { executeRun, openCode, readRunFile, codeSpecOf, simulationOptionsOf, type RunFileContents } from '../sim/run-file.js';
import { describeValue, parseShard, validateStop, type RunSpec, type StopRules } from '../sim/run-spec.js';
import { headerBlock, LiveLine, progressText, stopFraction, tableHeader, tableRow } from '../sim/table.js';
import { refuseInputAsOutput, sameFile, writeFileAtomic } from '../util/safe-output.js';
import { presetSource, type CodeSource } from '../sim/code-source.js';
import { probeDefaultSweep } from '../sim/default-sweep.js';
import { addCodeOptions, codeSourceOf, requirePositiveK } from './code-options.js';
import { checkWritable, loadPlot } from './outputs.js';
import { addDecoderOptions, DECODER_PROBLEM_OPTIONS, decoderLabel, decoderOf, type DecoderArgs } from './decoder-options.js';
import { VERSION } from '../version.js';
import { LIMITS, parseChunkFrames, parseIntOption, parseLength, parseMaxSweeps, parseNumberOption, parseSeed, parseWorkers, UsageError } from './options.js';

/** The flagship's measured waterfall on the BSC (README); other codes, decoders and channels are probed (sim/default-sweep). */
const FLAGSHIP_BSC_NOISE = '0.02:0.045:0.005';
/** Each channel's own noise option; --noise fits any channel. */
const NOISE_FLAGS: Record<ChannelKind, 'p' | 'erasure' | 'ebno'> = { bsc: 'p', bec: 'erasure', awgn: 'ebno' };
const FLAG_TEXT = { p: '--p', erasure: '--erasure', ebno: '--ebno' } as const;

interface SimulateArgs extends DecoderArgs {
  preset: string;
  length: string;
  seed: string;
  alist?: string;
  channel: string;
  noise?: string;
  p?: string;
  erasure?: string;
  ebno?: string;
  maxFe: string;
  maxFrames: string;
  maxTime: string;
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

function channelOf(text: string): ChannelKind {
  if (text !== 'bsc' && text !== 'bec' && text !== 'awgn') throw new UsageError(`--channel must be bsc, bec or awgn, got "${text}"`);
  return text;
}

/** The noise text and the flag it came from; a flag that does not fit the channel is an error. */
function noiseTextOf(a: SimulateArgs, channel: ChannelKind): { text?: string; flag: string } {
  const given = (['p', 'erasure', 'ebno'] as const).filter((k) => a[k] !== undefined);
  const own = NOISE_FLAGS[channel];
  for (const k of given) {
    if (k !== own) throw new UsageError(`${FLAG_TEXT[k]} is not a noise of --channel ${channel}: use ${FLAG_TEXT[own]} (or --noise)`);
  }
  if (given.length > 0 && a.noise !== undefined) throw new UsageError(`give the noise once: ${FLAG_TEXT[own]} or --noise, not both`);
  if (given.length > 0) return { text: a[own], flag: FLAG_TEXT[own] };
  return { text: a.noise, flag: '--noise' };
}

/** The noise list as typed (undefined: none given, the default sweep applies). */
function noiseListOf(a: SimulateArgs, channel: ChannelKind): number[] | undefined {
  const noise = noiseTextOf(a, channel);
  return noise.text === undefined ? undefined : parseNoiseRange(noise.text, { flag: noise.flag, ...(channel === 'awgn' ? { min: -50, max: 50 } : {}) });
}

/** The stop-rule flags, as messages name them. */
const STOP_FLAGS = { maxFe: '-e/--max-fe', maxFrames: '-n/--max-frames', maxTime: '--max-time' };

function stopOf(a: SimulateArgs): StopRules {
  const stop = {
    maxFe: parseIntOption('-e/--max-fe', a.maxFe, { min: 0 }),
    maxFrames: parseIntOption('-n/--max-frames', a.maxFrames, { min: 0 }),
    maxTime: parseNumberOption('--max-time', a.maxTime, { min: 0 }),
  };
  stopChecked(stop);
  return stop;
}

/** The stop rules' shared check (sim/run-spec), as a usage error. */
function stopChecked(stop: StopRules): void {
  try {
    validateStop(stop, STOP_FLAGS);
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^hopcode\/sim: /, ''));
  }
}

function chunkFramesOf(a: SimulateArgs, decoder: DecoderSpec, channel: ChannelKind): number {
  const perFrame = !['network-sync', 'network-stochastic', 'network-ppbf', 'network-serial', 'gallager-b'].includes(decoder.name);
  return a.chunkFrames !== undefined ? parseChunkFrames(a.chunkFrames) : perFrame ? 64 : decoder.name === 'network-stochastic' || decoder.name === 'network-ppbf' ? 256 : 1024;
}

/**
 * A new run's specification from the options (everything validated). Without a noise
 * option the sweep is the flagship's measured one, or `probe` finds it (stderr, a few
 * hundred frames): the caller runs the probe once every option and output has passed.
 */
function newSpec(a: SimulateArgs): { spec: RunSpec; source: CodeSource; probe?: () => Promise<number[]> } {
  const channel = channelOf(a.channel);
  const typed = noiseListOf(a, channel);
  const stop = stopOf(a);
  a.seed = String(parseSeed(a.seed));
  // cheap checks before the code is built (a build can take seconds)
  if (a.chunkFrames !== undefined) parseChunkFrames(a.chunkFrames);
  if (a.maxSweeps !== undefined) parseMaxSweeps(a.maxSweeps);
  const source = codeSourceOf(a);
  requirePositiveK(source);
  const decoder = decoderOf(a, source);
  const flagship = a.alist === undefined && a.preset === FLAGSHIP && channel === 'bsc' && decoder.name === 'network-sync' && Math.abs(source.code.n - 4096) <= 8 && a.rule === undefined && a.maxSweeps === undefined;
  const noise = typed ?? (flagship ? parseNoiseRange(FLAGSHIP_BSC_NOISE, { flag: '--p' }) : []);
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
  if (noise.length > 0) return { spec, source };
  const flag = FLAG_TEXT[NOISE_FLAGS[channel]];
  const probe = async (): Promise<number[]> => {
    process.stderr.write(`hopcode: no ${flag} given: probing where this code and decoder's FER crosses ½ …\n`);
    const sweep = await probeDefaultSweep({ code: source.code, codeId: source.id, decoder, channel, seed: a.seed });
    process.stderr.write(`hopcode: FER ≈ ½ at ${noiseName(channel)} ≈ ${Number(sweep.half.toPrecision(3))} (${sweep.probes.length} probes): sweeping ${flag} ${sweep.range}\n`);
    return parseNoiseRange(sweep.range, { flag, ...(channel === 'awgn' ? { min: -50, max: 50 } : {}) });
  };
  return { spec, source, probe };
}

/**
 * The options a resumed run may not change, each with what it sets in the spec.
 * Only options the user typed are compared: a default never conflicts.
 */
const PROBLEM_OPTIONS: Record<string, (a: SimulateArgs, s: RunSpec) => [what: string, given: unknown, stored: unknown]> = {
  preset: (a, s) => ['preset', a.preset, 'preset' in s.code ? s.code.preset : `the alist ${s.code.alist}`],
  length: (a, s) => {
    if (!('preset' in s.code)) return ['N', a.length, `the alist ${s.code.alist}`];
    const n = parseLength(a.length);
    return ['N', n === s.code.n ? n : presetSource(s.code.preset, n, s.code.seed).code.n, s.code.n];
  },
  seed: (a, s) => ['seed', String(parseSeed(a.seed)), s.seed],
  alist: (a, s) => ['alist contents', sha256Hex(readFileSync(a.alist!)).slice(0, 16), 'alist' in s.code ? s.code.sha256.slice(0, 16) : `preset ${s.code.preset}`],
  ...DECODER_PROBLEM_OPTIONS,
  channel: (a, s) => ['channel', channelOf(a.channel), s.channel],
  p: (a, s) => ['noise list', describeValue(noiseListOf(a, s.channel)), describeValue(s.noise)],
  erasure: (a, s) => ['noise list', describeValue(noiseListOf(a, s.channel)), describeValue(s.noise)],
  ebno: (a, s) => ['noise list', describeValue(noiseListOf(a, s.channel)), describeValue(s.noise)],
  noise: (a, s) => ['noise list', describeValue(noiseListOf(a, s.channel)), describeValue(s.noise)],
  chunkFrames: (a, s) => ['chunk size', parseChunkFrames(a.chunkFrames!), s.chunkFrames],
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
  if (given('maxFe')) stop.maxFe = parseIntOption('-e/--max-fe', a.maxFe, { min: 0 });
  if (given('maxFrames')) stop.maxFrames = parseIntOption('-n/--max-frames', a.maxFrames, { min: 0 });
  if (given('maxTime')) stop.maxTime = parseNumberOption('--max-time', a.maxTime, { min: 0 });
  stopChecked(stop);
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
    return o?.short && o.long ? `${o.short}/${o.long}` : (o?.long ?? o?.short ?? key);
  };
  if (a.resume && a.out && !sameFile(a.resume, a.out)) throw new UsageError('--out and --resume name different files: a resumed run appends to its own results file');
  const workers = a.workers !== undefined ? parseWorkers(a.workers) : Math.min(2, availableParallelism());

  // 1. Everything is validated and the code built before any file is touched.
  let spec: RunSpec;
  let source: CodeSource;
  let existing: RunFileContents | undefined;
  let probe: (() => Promise<number[]>) | undefined;
  if (a.resume) {
    if (!existsSync(a.resume)) throw new UsageError(`--resume ${a.resume}: no such file (start a new run with -o ${a.resume})`);
    existing = readRunFile(a.resume);
    if (!existing.spec) throw new UsageError(`--resume ${a.resume}: the file carries no run specification (written by merge or an older hopcode): start a new run with -o`);
    spec = resumedSpec(a, a.resume, existing.spec, given);
    source = openCode(spec.code, `the run in ${a.resume}`);
  } else {
    ({ spec, source, probe } = newSpec(a));
  }
  if (!probe) validateSimulation({ ...simulationOptionsOf(spec, source), workers }); // noise vs channel and rate, chunk range …
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
  if (probe) {
    spec = { ...spec, noise: await probe() };
    validateSimulation({ ...simulationOptionsOf(spec, source), workers });
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
    decoder: decoderLabel(decoder),
    channel: channel.toUpperCase(),
    noiseName: noiseName(channel),
    seed: spec.seed,
    workers: runner ? `hopcode workers via ${runner.target.url}` : workers,
    stopRules: `${stop.maxFe || '∞'} frame errors (cFER: any coded bit) or ${stop.maxFrames || '∞'} frames or ${stop.maxTime || '∞'} s per point${spec.shard.count > 1 ? `; shard ${spec.shard.index}/${spec.shard.count}` : ''}`,
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
          const line = tableRow({ noise: r.noise, frames: r.totals.frames, bitErrors: r.totals.bitErrors, frameErrors: r.totals.frameErrors, infoBitErrors: r.totals.infoBitErrors, infoFrameErrors: r.totals.infoFrameErrors, seconds: r.seconds, sweepsSum: r.totals.sweepsSum, n: code.n, rate: k / code.n });
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
    await writePlot(outputs.plot, mergeRows(all)); // axis title and Shannon limits from the rows, as `hopcode plot` draws them
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
  const cmd = program
    .command('simulate')
    .description('Monte-Carlo FER/BER of a network (or a baseline) over a noise sweep')
    .addHelpText(
      'after',
      `
Default sweep: the flagship on the BSC sweeps p = ${FLAGSHIP_BSC_NOISE}; any other code, decoder or
channel is probed first (FER = ½ by bisection, a few hundred frames) and swept around it.
Default workers: min(2, cores) = ${Math.min(2, availableParallelism())} here. FER and BER count the K information bits
(AFF3CT's and Neal's convention); coded-bit counts are kept as extra columns.
Limits: -N ≤ ${LIMITS.length}, --chunk-frames ≤ ${LIMITS.chunkFrames}, --max-sweeps ≤ ${LIMITS.maxSweeps}, --workers ≤ ${LIMITS.workers}.

Examples:
  hopcode simulate                                   # the flagship's waterfall, ≈ 10 s
  hopcode simulate --preset parity6-d3 -N 1000 --p 0.01:0.04:0.01 -e 50 -n 20000
  hopcode simulate --alist code.alist -D min-sum --channel awgn --ebno 1:4:0.5
  hopcode simulate --alist code.alist -D network-ppbf --p 0.04,0.05 --workers 0 -o ppbf.csv
  hopcode simulate --channel bec --erasure 0.1,0.2 --workers 0 -o bec.csv
  hopcode simulate --resume ppbf.csv -e 200             # continue that run, more errors per point`,
    );
  addCodeOptions(cmd, { length: '4096', seedHelp: 'seed of the graph and of the frames (0 … 4294967295)', alist: true });
  addDecoderOptions(cmd);
  cmd
    .option('--channel <kind>', 'bsc, bec or awgn', 'bsc')
    .option('--p <range>', 'BSC flip probabilities: start:stop:step or a,b,c')
    .option('--erasure <range>', 'BEC erasure probabilities')
    .option('--ebno <range>', 'AWGN Eb/N0 in dB')
    .option('--noise <range>', 'noise values for any channel')
    .option('-e, --max-fe <count>', 'stop a point after this many frame errors (0: no limit)', '100')
    .option('-n, --max-frames <count>', 'stop a point after this many frames (0: no limit)', '100000')
    .option('--max-time <seconds>', 'stop a point after this many seconds (0: no limit)', '0')
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
}

