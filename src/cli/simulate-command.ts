/**
 * hopcode/cli/simulate-command — `hopcode simulate`, `merge` and `plot`.
 *
 * A thin client of sim/engine: parse and validate options (one-line errors, exit 2,
 * before anything is written), print the header and the AFF3CT-like table (live on
 * stderr when a terminal, final rows on stdout), append additive rows to the results
 * file as they are final, and draw the FER/BER plot at the end.
 */
import { existsSync, mkdirSync, writeFileSync, accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { ChannelKind } from '../channels/channel.js';
import { noiseName, shannonLimit } from '../channels/factory.js';
import { FLAGSHIP } from '../network/presets.js';
import { decoderName, decoderSpec, DECODERS, type DecoderSpec } from '../sim/decoder-spec.js';
import { runSimulation } from '../sim/engine.js';
import { parseNoiseRange } from '../sim/noise-range.js';
import { writePlot, replotFiles } from '../sim/plot.js';
import { appendResults, CSV_HEADER, formatCsvRow, readResults, writeResults } from '../sim/results-files.js';
import { mergeRows, type ResultRow } from '../sim/results.js';
import { headerBlock, LiveLine, progressBar, tableHeader, tableRow } from '../sim/table.js';
import { alistSource, presetSource, type CodeSource } from '../sim/code-source.js';
import { VERSION } from '../version.js';
import { parseIntOption, parseNumberOption, UsageError } from './options.js';
import { resolveSoftParams, SOFT_OPTION, type SoftFieldParams, type SoftSchedule, type SoftUnits } from '../decoders/soft-field-params.js';

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
  softScale?: string;
  softTicks?: string;
  softClip?: string;
  softNoise?: string;
  softThreshold?: string;
  softSchedule?: string;
  softCue?: string;
  softRestarts?: string;
  softUnits?: string;
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
  const soft = softOptionsOf(a);
  if (soft && name !== 'network-soft') throw new UsageError(`${soft.flag} applies only to -D network-soft`);
  if (a.softCue !== undefined && a.cueWeight !== undefined) throw new UsageError('give --soft-cue or --cue-weight, not both');
  if (soft) over.soft = soft.params;
  return decoderSpec(name, rule, over);
}

/** The --soft-* options of network-soft (undefined when none is given). */
function softOptionsOf(a: SimulateArgs): { flag: string; params: SoftFieldParams } | undefined {
  const over: Partial<SoftFieldParams> = {};
  let flag: string | undefined;
  const num = (key: 'scale' | 'ticks' | 'clip' | 'noise' | 'threshold' | 'cue' | 'restarts', text: string | undefined): void => {
    if (text === undefined) return;
    flag ??= SOFT_OPTION[key];
    over[key] = key === 'ticks' || key === 'restarts' ? parseIntOption(SOFT_OPTION[key], text) : parseNumberOption(SOFT_OPTION[key], text);
  };
  num('scale', a.softScale);
  num('ticks', a.softTicks);
  num('clip', a.softClip);
  num('noise', a.softNoise);
  num('threshold', a.softThreshold);
  num('cue', a.softCue);
  num('restarts', a.softRestarts);
  if (a.softSchedule !== undefined) {
    flag ??= SOFT_OPTION.schedule;
    over.schedule = a.softSchedule as SoftSchedule;
  }
  if (a.softUnits !== undefined) {
    flag ??= SOFT_OPTION.units;
    over.units = a.softUnits as SoftUnits;
  }
  if (!flag) return undefined;
  try {
    return { flag, params: resolveSoftParams(over) };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^hopcode\/soft-field: /, ''));
  }
}

export async function simulateCommand(a: SimulateArgs): Promise<number> {
  const channel = channelOf(a.channel);
  const noiseText = a.noise ?? a.p ?? a.e ?? a.ebno ?? DEFAULT_NOISE[channel];
  const points = parseNoiseRange(noiseText, { flag: a.p ? '--p' : a.e ? '--e' : a.ebno ? '--ebno' : '--noise', ...(channel === 'awgn' ? { min: -50, max: 50 } : {}) });
  const stop = {
    maxFe: parseIntOption('--max-fe', a.maxFe),
    maxFrames: parseIntOption('--max-frames', a.maxFrames),
    maxTime: parseNumberOption('--max-time', a.maxTime),
  };
  const workers = a.workers !== undefined ? parseIntOption('--workers', a.workers) : Math.min(2, availableParallelism());
  if (workers < 0 || workers > 64) throw new UsageError(`--workers must be 0..64, got ${workers}`);
  const source = codeOf(a);
  const decoder = decoderOf(a, source);
  const perFrame = !['network-sync', 'network-stochastic'].includes(decoder.name);
  const chunkFrames = a.chunkFrames !== undefined ? parseIntOption('--chunk-frames', a.chunkFrames) : perFrame ? 64 : decoder.name === 'network-stochastic' ? 256 : 1024;
  // Outputs: explicit paths, or the results folder.
  const explicit = a.out ?? a.resume;
  if (!explicit || !a.plot) mkdirSync(a.dir, { recursive: true });
  const out = a.resume ?? a.out ?? join(a.dir, 'results.csv');
  const plot = a.plot ?? join(a.dir, 'fer.svg');
  checkWritable(out);
  checkWritable(plot);
  if (a.out && !a.resume && existsSync(a.out) && !a.force) throw new UsageError(`${a.out} exists: continue it with --resume ${a.out}, or overwrite with --force`);
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
    stopRules: `${stop.maxFe || '∞'} frame errors or ${stop.maxFrames || '∞'} frames or ${stop.maxTime || '∞'} s per point`,
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
    const line = tableRow({ noise: r.noise, frames: r.totals.frames, bitErrors: r.totals.bitErrors, frameErrors: r.totals.frameErrors, seconds: r.seconds, sweepsSum: r.totals.sweepsSum, n: code.n, rate: k / code.n });
    const note = r.resumed && r.rows.length === 0 ? `  # resumed: already ${r.stopReason}` : r.stopReason === 'errors' || r.stopReason === 'frames' ? '' : `  # ${r.stopReason}`;
    table.push(line.replace(/\n$/, '') + note + '\n');
    process.stdout.write(line.replace(/\n$/, '') + note + '\n');
  }
  const all = readResults(out).rows;
  await writePlot(plot, mergeRows(all), { noiseLabel: noiseName(channel), rules: [{ noise: shannonLimit(channel, k / code.n), label: `Shannon limit (R = ${(k / code.n).toFixed(3)})` }] });
  if (!explicit) writeFileSync(join(a.dir, 'table.txt'), table.join(''));
  process.stderr.write(`hopcode: rows in ${out}, plot in ${plot}${explicit ? '' : `, table in ${join(a.dir, 'table.txt')}`}\n`);
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
    .option('--soft-scale <a>', 'network-soft: field per unit of LLR (or of amplitude y), in cluster terms τ')
    .option('--soft-ticks <t>', 'network-soft: quantisation, ticks per ½ vote (power of two ≤ 64)')
    .option('--soft-clip <votes>', 'network-soft: largest |field|, in τ')
    .option('--soft-noise <votes>', 'network-soft: σ of the injected Gaussian noise in τ (amplitude units: η, × a·σ); 0: none')
    .option('--soft-threshold <votes>', 'network-soft: flip when the energy change + noise < −threshold (τ)')
    .option('--soft-schedule <s>', 'network-soft: parallel or serial')
    .option('--soft-cue <beta>', 'network-soft on the BSC: cue field ±β, in votes (fractional)')
    .option('--soft-units <u>', 'network-soft on AWGN: llr (b = −a·LLR) or amplitude (b = −a·y, noise η·a·σ)')
    .option('--soft-restarts <count>', 'network-soft: restart an unfinished frame from the channel state, up to this many times')
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
      await replotFiles(files, a.out);
    });
}

