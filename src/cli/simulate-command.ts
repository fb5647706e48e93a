/**
 * hopcode/cli/simulate-command — `hopcode simulate`, `merge` and `plot`.
 *
 * A thin client of sim/engine: parse and validate options (one-line errors, exit 2,
 * before anything is written), print the header and the AFF3CT-like table (live on
 * stderr when a terminal, final rows on stdout), append additive rows to the results
 * file as they are final, and draw the FER/BER plot at the end.
 */
import { existsSync, mkdirSync, writeFileSync, accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { ChannelKind } from '../channels/channel.js';
import { noiseName, shannonLimit } from '../channels/factory.js';
import { FLAGSHIP } from '../network/presets.js';
import { decoderName, decoderSpec, DECODERS, type DecoderSpec } from '../sim/decoder-spec.js';
import { runSimulation } from '../sim/engine.js';
import { parseNoiseRange } from '../sim/noise-range.js';
// sim/plot (Vega) is imported when a plot is drawn: loading it costs every command ~0.3 s of start-up.
const plotModule = (): Promise<typeof import('../sim/plot.js')> => import('../sim/plot.js');
import { appendResults, CSV_HEADER, formatCsvRow, readResults, writeResults } from '../sim/results-files.js';
import { mergeRows, type ResultRow } from '../sim/results.js';
import { headerBlock, LiveLine, progressBar, tableHeader, tableRow } from '../sim/table.js';
import type { CodeSource } from '../sim/code-source.js';
import { probeDefaultSweep } from '../sim/default-sweep.js';
import { VERSION } from '../version.js';
import { addCodeOptions, codeSourceOf, requirePositiveK } from './code-options.js';
import { LIMITS, parseChunkFrames, parseIntOption, parseMaxSweeps, parseNumberOption, parseSeed, parseWorkers, UsageError } from './options.js';

/** The flagship's measured waterfall on the BSC (README); other codes, decoders and channels are probed (sim/default-sweep). */
const FLAGSHIP_BSC_NOISE = '0.02:0.045:0.005';
/** Each channel's own noise option; --noise fits any channel. */
const NOISE_FLAGS: Record<ChannelKind, 'p' | 'erasure' | 'ebno'> = { bsc: 'p', bec: 'erasure', awgn: 'ebno' };
const FLAG_TEXT = { p: '--p', erasure: '--erasure', ebno: '--ebno' } as const;

interface SimulateArgs {
  preset: string;
  length: string;
  seed: string;
  alist?: string;
  decoder: string;
  channel: string;
  noise?: string;
  p?: string;
  erasure?: string;
  ebno?: string;
  maxFe: string;
  maxFrames: string;
  maxTime: string;
  maxSweeps?: string;
  rule?: string;
  cueWeight?: string;
  workers?: string;
  chunkFrames?: string;
  out?: string;
  resume?: string;
  plot?: string;
  dir: string;
  force?: boolean;
  quiet?: boolean;
}

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

/** The noise text and the flag it came from; a flag that does not fit the channel is an error. */
function noiseOf(a: SimulateArgs, channel: ChannelKind): { text?: string; flag: string } {
  const given = (['p', 'erasure', 'ebno'] as const).filter((k) => a[k] !== undefined);
  const own = NOISE_FLAGS[channel];
  for (const k of given) {
    if (k !== own) throw new UsageError(`${FLAG_TEXT[k]} is not a noise of --channel ${channel}: use ${FLAG_TEXT[own]} (or --noise)`);
  }
  if (given.length > 0 && a.noise !== undefined) throw new UsageError(`give the noise once: ${FLAG_TEXT[own]} or --noise, not both`);
  if (given.length > 0) return { text: a[own], flag: FLAG_TEXT[own] };
  return { text: a.noise, flag: '--noise' };
}

function decoderOf(a: SimulateArgs, source: CodeSource): DecoderSpec {
  const name = decoderName(a.decoder);
  const rule = a.rule ?? source.code.rule;
  if (rule !== 'unit' && rule !== 'free-energy') throw new UsageError(`--rule must be unit or free-energy, got "${rule}"`);
  const over: Partial<DecoderSpec> = {};
  if (a.maxSweeps !== undefined) over.maxSweeps = parseMaxSweeps(a.maxSweeps);
  if (a.cueWeight !== undefined) over.cueWeight = parseIntOption('--cue-weight', a.cueWeight);
  return decoderSpec(name, rule, over);
}

export async function simulateCommand(a: SimulateArgs): Promise<number> {
  // Every option is checked before anything is built, written or printed.
  const channel = channelOf(a.channel);
  const noise = noiseOf(a, channel);
  const range = channel === 'awgn' ? { min: -50, max: 50 } : {};
  if (noise.text !== undefined) parseNoiseRange(noise.text, { flag: noise.flag, ...range });
  const stop = {
    maxFe: parseIntOption('-e/--max-fe', a.maxFe, { min: 0 }),
    maxFrames: parseIntOption('-n/--max-frames', a.maxFrames, { min: 0 }),
    maxTime: parseNumberOption('--max-time', a.maxTime, { min: 0 }),
  };
  if (stop.maxFe === 0 && stop.maxFrames === 0 && stop.maxTime === 0) throw new UsageError('no stop rule: -e/--max-fe, -n/--max-frames and --max-time are all 0 (a point would never end)');
  const workers = a.workers !== undefined ? parseWorkers(a.workers) : Math.min(2, availableParallelism());
  if (a.chunkFrames !== undefined) parseChunkFrames(a.chunkFrames);
  if (a.maxSweeps !== undefined) parseMaxSweeps(a.maxSweeps);
  a.seed = String(parseSeed(a.seed));
  const source = codeSourceOf(a);
  const decoder = decoderOf(a, source);
  requirePositiveK(source);
  const perFrame = !['network-sync', 'network-stochastic'].includes(decoder.name) && !(decoder.name === 'network-soft' && channel === 'bsc');
  const chunkFrames = a.chunkFrames !== undefined ? parseChunkFrames(a.chunkFrames) : perFrame ? 64 : decoder.name === 'network-stochastic' ? 256 : 1024;
  // The default sweep is probed (stderr) only once every option and output path has passed.
  const sweepOf = async (): Promise<string> => {
    if (noise.text !== undefined) return noise.text;
    const flagship = a.alist === undefined && a.preset === FLAGSHIP && channel === 'bsc' && decoder.name === 'network-sync' && Math.abs(source.code.n - 4096) <= 8 && a.rule === undefined && a.maxSweeps === undefined;
    if (flagship) return FLAGSHIP_BSC_NOISE;
    process.stderr.write(`hopcode: no ${FLAG_TEXT[NOISE_FLAGS[channel]]} given: probing where this code and decoder's FER crosses ½ …\n`);
    const sweep = await probeDefaultSweep({ code: source.code, codeId: source.id, decoder, channel, seed: a.seed });
    process.stderr.write(`hopcode: FER ≈ ½ at ${noiseName(channel)} ≈ ${Number(sweep.half.toPrecision(3))} (${sweep.probes.length} probes): sweeping ${FLAG_TEXT[NOISE_FLAGS[channel]]} ${sweep.range}\n`);
    return sweep.range;
  };
  // Outputs: explicit paths, or the results folder.
  const explicit = a.out ?? a.resume;
  if (!explicit || !a.plot) mkdirSync(a.dir, { recursive: true });
  const out = a.resume ?? a.out ?? join(a.dir, 'results.csv');
  const plot = a.plot ?? join(a.dir, 'fer.svg');
  checkWritable(out);
  checkWritable(plot);
  if (a.out && !a.resume && existsSync(a.out) && !a.force) throw new UsageError(`${a.out} exists: continue it with --resume ${a.out}, or overwrite with --force`);
  const points = parseNoiseRange(await sweepOf(), { flag: noise.flag, ...range });
  const previous: ResultRow[] = a.resume && existsSync(a.resume) ? readResults(a.resume).rows : [];
  if (!a.resume) writeResults(out, []);

  const { code } = source;
  const k = code.log2States;
  const header = headerBlock({
    code: source.label,
    n: code.n,
    k,
    decoder: `${decoder.name} (${DECODERS[decoder.name]}; ${decoder.rule} rule, ≤ ${decoder.maxSweeps} sweeps)`,
    channel: channel.toUpperCase(),
    noiseName: noiseName(channel),
    seed: a.seed,
    workers,
    stopRules: `${stop.maxFe || "∞"} frame errors (cFER: any coded bit) or ${stop.maxFrames || '∞'} frames or ${stop.maxTime || '∞'} s per point`,
    version: VERSION,
    shannonLimit: shannonLimit(channel, k / code.n),
  });
  const table: string[] = [header, tableHeader(noiseName(channel))];
  process.stdout.write(header + tableHeader(noiseName(channel)));
  const live = new LiveLine(process.stderr, { quiet: a.quiet });
  const interrupt = { requested: false, flag: undefined as SharedArrayBuffer | undefined };
  const onSigint = (): void => {
    interrupt.requested = true;
    if (interrupt.flag) Atomics.store(new Int32Array(interrupt.flag), 0, 1);
  };
  process.on('SIGINT', onSigint);
  let results;
  try {
    results = await runSimulation({
      code,
      codeId: source.id,
      codeLabel: source.label,
      decoder,
      channel,
      points,
      seed: a.seed,
      workers,
      chunkFrames,
      stop,
      previous,
      interrupt,
      onRow: (row) => appendResults(out, [row]).forEach((w) => process.stderr.write(w + '\n')),
      onProgress: (noise, t, seconds) => {
        const frac = Math.max(stop.maxFe ? t.frameErrors / stop.maxFe : 0, stop.maxFrames ? t.frames / stop.maxFrames : 0, stop.maxTime ? seconds / stop.maxTime : 0);
        live.update(`${noise}  ${progressBar(frac)}  FRA ${t.frames}  FE ${t.frameErrors}  ${seconds.toFixed(1)} s`);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    live.clear();
  }
  for (const r of results) {
    const line = tableRow({ noise: r.noise, frames: r.totals.frames, bitErrors: r.totals.bitErrors, frameErrors: r.totals.frameErrors, infoBitErrors: r.totals.infoBitErrors, infoFrameErrors: r.totals.infoFrameErrors, seconds: r.seconds, sweepsSum: r.totals.sweepsSum, n: code.n, rate: k / code.n });
    const note = r.resumed && r.rows.length === 0 ? `  # resumed: already ${r.stopReason}` : r.stopReason === 'errors' || r.stopReason === 'frames' ? '' : `  # ${r.stopReason}`;
    table.push(line.replace(/\n$/, '') + note + '\n');
    process.stdout.write(line.replace(/\n$/, '') + note + '\n');
  }
  const all = readResults(out).rows;
  await (await plotModule()).writePlot(plot, mergeRows(all)); // axis title and Shannon limit from the rows (sim/plot)
  if (!explicit) writeFileSync(join(a.dir, 'table.txt'), table.join(''));
  process.stderr.write(`hopcode: rows in ${out}, plot in ${plot}${explicit ? '' : `, table in ${join(a.dir, 'table.txt')}`}\n`);
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
  hopcode simulate --channel bec --erasure 0.1,0.2 --workers 0 -o bec.csv`,
    );
  addCodeOptions(cmd, { length: '4096', seedHelp: 'seed of the graph and of the frames (0 … 4294967295)', alist: true });
  cmd
    .option('-D, --decoder <name>', `decoder: ${Object.keys(DECODERS).join(', ')}`, 'network-sync')
    .option('--channel <kind>', 'bsc, bec or awgn', 'bsc')
    .option('--p <range>', 'BSC flip probabilities: start:stop:step or a,b,c')
    .option('--erasure <range>', 'BEC erasure probabilities')
    .option('--ebno <range>', 'AWGN Eb/N0 in dB')
    .option('--noise <range>', 'noise values for any channel')
    .option('-e, --max-fe <count>', 'stop a point after this many frame errors (0: no limit)', '100')
    .option('-n, --max-frames <count>', 'stop a point after this many frames (0: no limit)', '100000')
    .option('--max-time <seconds>', 'stop a point after this many seconds (0: no limit)', '0')
    .option('--max-sweeps <count>', 'sweep / iteration cap of the decoder')
    .option('--rule <rule>', 'input rule of the network decoders: unit or free-energy')
    .option('--cue-weight <beta>', 'persistent cue field weight (network-stochastic, network-soft)')
    .option('--workers <count>', 'worker threads (0: this thread only)')
    .option('--chunk-frames <count>', 'frames per chunk (part of the problem identity)')
    .option('-o, --out <file>', 'results file (.csv or .jsonl)')
    .option('--resume <file>', 'continue a killed run from its results file')
    .option('--plot <file>', 'FER/BER plot (.svg)')
    .option('--dir <folder>', 'folder for the default outputs', 'hopcode-results')
    .option('--force', 'overwrite --out if it exists')
    .option('--quiet', 'no live progress line')
    .action(async (a: SimulateArgs) => {
      process.exitCode = await simulateCommand(a);
    });

  program
    .command('merge <files...>')
    .description('merge results files from several runs or machines (counts add; overlapping chunks are refused)')
    .option('-o, --out <file>', 'write the merged rows here (default: standard output as CSV)')
    .action((files: string[], a: { out?: string }) => {
      const rows = mergeRows(files.flatMap((f) => readResults(f).rows));
      if (a.out) {
        checkWritable(a.out);
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
      checkWritable(a.out);
      await (await plotModule()).replotFiles(files, a.out);
    });
}

