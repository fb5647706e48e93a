/**
 * hopcode/cli/decoder-options — the decoder options of `hopcode simulate`, in one place.
 *
 * Each decoder family's options (network-serial, network-ppbf, network-soft, the fast
 * baselines) are parsed and validated here into a `DecoderSpec` (sim/decoder-spec); an
 * option given to a decoder it does not belong to is one line naming it, exit 2. The
 * same table tells a resumed run which typed options would change its problem.
 */
import type { Command } from 'commander';
import { cueWeightProblem } from '../decoders/bitsliced-field.js';
import { CompiledNetwork, familyOf } from '../decoders/compiled-network.js';
import { parseFlipTable, resolveFlipTable } from '../decoders/flip-table.js';
import { SERIAL_ACCEPT_RULES, type SerialAccept } from '../decoders/cluster-serial-accept.js';
import { resolveSoftParams, SOFT_OPTION, type SoftFieldParams, type SoftSchedule, type SoftUnits } from '../decoders/soft-field-params.js';
import { presetByName } from '../network/presets.js';
import type { CodeSource } from '../sim/code-source.js';
import { decoderName, decoderSpec, DECODERS, type DecoderSpec } from '../sim/decoder-spec.js';
import { ppbfDefaultsFor, ppbfLabel } from '../sim/ppbf-defaults.js';
import { describeValue, type RunSpec } from '../sim/run-spec.js';
import { parseIntOption, parseMaxSweeps, parseNumberOption, UsageError } from './options.js';

/** The decoder options as commander hands them over (strings as typed). */
export interface DecoderArgs {
  preset: string;
  alist?: string;
  decoder?: string;
  clusterOrder?: string;
  serialAccept?: string;
  maxSweeps?: string;
  rule?: string;
  cueWeight?: string;
  msAlpha?: string;
  msOffset?: string;
  msSchedule?: string;
  msFloat?: boolean;
  gbDecision?: string;
  flipTable?: string;
  schedule?: string;
  restarts?: string;
  ppbfLanes?: string;
  softScale?: string;
  softTicks?: string;
  softClip?: string;
  softNoise?: string;
  softThreshold?: string;
  softSchedule?: string;
  softCue?: string;
  softRestarts?: string;
  softUnits?: string;
}

/** β as typed: a real number on the kernels' grid (multiples of 1/64). */
function parseCueWeight(text: string): number {
  const beta = parseNumberOption('--cue-weight', text);
  const bad = cueWeightProblem(beta);
  if (bad) throw new UsageError(`--cue-weight ${bad}`);
  return beta;
}

export function decoderOf(a: DecoderArgs, source: CodeSource): DecoderSpec {
  // A preset may name its own default dynamics (BCH presets: cluster-serial).
  const dyn = a.alist ? undefined : presetByName(a.preset).dynamics;
  const name = decoderName(a.decoder ?? dyn?.decoder ?? 'network-sync');
  const family = familyOf(source.code.network.codes);
  if (family === 'table' && name !== 'network-serial') throw new UsageError(`--decoder ${name} cannot run ${source.label}: its radius-${source.code.network.radius} (BCH) clusters run only under network-serial`);
  if (family === 'parity' && name === 'network-serial') throw new UsageError('--decoder network-serial needs clusters of radius ≥ 1 (Hamming or BCH presets), not single parity checks');
  if (a.clusterOrder !== undefined && a.clusterOrder !== 'random' && a.clusterOrder !== 'fixed') throw new UsageError(`--cluster-order must be random or fixed, got "${a.clusterOrder}"`);
  const rule = a.rule ?? (name === 'network-ppbf' ? 'free-energy' : source.code.rule);
  if (rule !== 'unit' && rule !== 'free-energy') throw new UsageError(`--rule must be unit or free-energy, got "${rule}"`);
  const over: Partial<DecoderSpec> = {};
  if (a.maxSweeps !== undefined) over.maxSweeps = parseMaxSweeps(a.maxSweeps);
  if (a.cueWeight !== undefined) over.cueWeight = parseCueWeight(a.cueWeight);
  if (name === 'network-serial') {
    if (dyn?.decoder === name) over.maxSweeps ??= dyn.maxSweeps;
    over.clusterOrder = (a.clusterOrder as 'random' | 'fixed' | undefined) ?? (dyn?.decoder === name ? dyn.order : 'random');
    over.serialAccept = parseSerialAccept(a.serialAccept) ?? (dyn?.decoder === name ? dyn.accept : undefined);
  } else if (a.serialAccept !== undefined) {
    throw new UsageError('--serial-accept applies to --decoder network-serial only');
  }
  Object.assign(over, baselineOptions(a, name));
  // Layered fixed-point min-sum fails on the stacked local checks of Hamming/BCH clusters
  // (whose rows overlap in many 4-cycles): hamming31-d3 N = 3999 at p = 0.02 gave FER 0.59
  // layered against 0/256 flooding. Those networks get the flooding schedule by default.
  // The cause is saturation, not a kernel bug: a layered step keeps Λ = clamp(Λ − r_old, ±msgMax)
  // + r_new, so a bit's posterior can never hold more than one clamped message plus one check's
  // reply; a bit in ~7.5 overlapping rows loses the rest. Same 100 frames (/tmp script,
  // QuantisedMinSumDecoder, hamming31-d3 N = 3999, p = 0.02): msgMax 127 → 37 failed (15.4
  // iterations on average), msgMax 30 000 → 0 failed (2.8), flooding → 0 (9.7). A posterior
  // wider than the messages would fix layered here; the i8 SIMD kernel cannot hold one.
  if (name === 'min-sum' && over.msSchedule === undefined && !over.msFloat && family !== 'parity') over.msSchedule = 'flooding';
  Object.assign(over, ppbfOptions(a, name));
  const soft = softOptionsOf(a);
  if (soft && name !== 'network-soft') throw new UsageError(`${soft.flag} applies only to -D network-soft`);
  if (a.softCue !== undefined && a.cueWeight !== undefined) throw new UsageError('give --soft-cue or --cue-weight, not both');
  if (soft) over.soft = soft.params;
  const compiled = name === 'network-ppbf' ? CompiledNetwork.fromCode(source.code, { encoder: false }) : undefined;
  // network-ppbf: the measured defaults of the network's cluster family, under the user's options.
  const spec = decoderSpec(name, rule, compiled ? { ...ppbfDefaultsFor(compiled.family), ...over } : over);
  if (compiled) {
    try {
      resolveFlipTable(compiled, spec.cueWeight!, spec.flipTable!);
    } catch (e) {
      throw new UsageError(`--flip-table: ${(e as Error).message.replace(/^hopcode\/flip-table: /, '')}`);
    }
  }
  return spec;
}

/** --serial-accept as typed (undefined when not given). */
function parseSerialAccept(text: string | undefined): SerialAccept | undefined {
  if (text === undefined) return undefined;
  if (!(SERIAL_ACCEPT_RULES as readonly string[]).includes(text)) throw new UsageError(`--serial-accept must be ${SERIAL_ACCEPT_RULES.join(' or ')}, got "${text}"`);
  return text as SerialAccept;
}

/** --flip-table, --schedule, --restarts: network-ppbf only. */
function ppbfOptions(a: DecoderArgs, name: string): Partial<DecoderSpec> {
  const given = (['flipTable', 'schedule', 'restarts', 'ppbfLanes'] as const).filter((k) => a[k] !== undefined);
  if (name !== 'network-ppbf') {
    if (given.length) throw new UsageError(`--${given[0]!.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} applies to --decoder network-ppbf only`);
    return {};
  }
  const over: Partial<DecoderSpec> = {};
  if (a.flipTable !== undefined) {
    try {
      over.flipTable = parseFlipTable(a.flipTable);
    } catch (e) {
      throw new UsageError(`--flip-table: ${(e as Error).message}`);
    }
  }
  if (a.schedule !== undefined) {
    if (a.schedule !== 'parallel' && a.schedule !== 'serial') throw new UsageError(`--schedule must be parallel or serial, got "${a.schedule}"`);
    over.flipSchedule = a.schedule;
  }
  if (a.restarts !== undefined) {
    const r = parseIntOption('--restarts', a.restarts);
    if (r < 0 || r > 1000) throw new UsageError(`--restarts must be 0..1000, got ${r}`);
    over.restarts = r;
  }
  if (a.ppbfLanes !== undefined) {
    if (a.ppbfLanes !== 'refill' && a.ppbfLanes !== 'batch') throw new UsageError(`--ppbf-lanes must be refill or batch, got "${a.ppbfLanes}"`);
    over.ppbfLanes = a.ppbfLanes;
  }
  if (a.rule !== undefined && a.rule !== 'free-energy') throw new UsageError(`--rule: network-ppbf flips on the free-energy gain; got "${a.rule}"`);
  return over;
}

/** Min-sum and Gallager B parameters; each refused (naming the option) for another decoder. */
function baselineOptions(a: DecoderArgs, name: string): Partial<DecoderSpec> {
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

/** The --soft-* options of network-soft (undefined when none is given). */
function softOptionsOf(a: DecoderArgs): { flag: string; params: SoftFieldParams } | undefined {
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

/** The decoder and its parameters, for the run's header. */
export function decoderLabel(d: DecoderSpec): string {
  if (d.name === 'network-ppbf') return `${d.name} (${DECODERS[d.name]}; ${ppbfLabel(d)})`;
  const how = d.name === 'network-serial' ? `${d.clusterOrder} cluster order, ${d.serialAccept ?? 'plain'} acceptance` : `${d.rule} rule`;
  return `${d.name} (${DECODERS[d.name]}; ${how}, ≤ ${d.maxSweeps} sweeps${baselineLabel(d)})`;
}

/** Typed decoder options a resumed run may not change: what each sets, typed vs stored. */
export const DECODER_PROBLEM_OPTIONS: Record<string, (a: DecoderArgs, s: RunSpec) => [what: string, given: unknown, stored: unknown]> = {
  decoder: (a, s) => ['decoder', decoderName(a.decoder!), s.decoder.name],
  rule: (a, s) => ['rule', a.rule, s.decoder.rule],
  clusterOrder: (a, s) => ['cluster order', a.clusterOrder, s.decoder.clusterOrder],
  serialAccept: (a, s) => ['serial acceptance', a.serialAccept, s.decoder.serialAccept ?? 'plain'],
  msAlpha: (a, s) => ['min-sum α', parseNumberOption('--ms-alpha', a.msAlpha!), s.decoder.alpha],
  msOffset: (a, s) => ['min-sum offset', parseNumberOption('--ms-offset', a.msOffset!), s.decoder.offset],
  msSchedule: (a, s) => ['min-sum schedule', a.msSchedule, s.decoder.msSchedule],
  msFloat: (a, s) => ['min-sum float reference', true, s.decoder.msFloat === true],
  gbDecision: (a, s) => ['Gallager B decision', a.gbDecision, s.decoder.gbDecision ?? 'with-channel'],
  maxSweeps: (a, s) => ['sweep cap', parseMaxSweeps(a.maxSweeps!), s.decoder.maxSweeps],
  cueWeight: (a, s) => ['cue weight', parseCueWeight(a.cueWeight!), s.decoder.cueWeight],
  flipTable: (a, s) => ['flip table', describeValue(parseFlipTable(a.flipTable!)), describeValue(s.decoder.flipTable)],
  schedule: (a, s) => ['flip schedule', a.schedule, s.decoder.flipSchedule],
  restarts: (a, s) => ['restarts', parseIntOption('--restarts', a.restarts!), s.decoder.restarts],
  ppbfLanes: (a, s) => ['ppbf lanes', a.ppbfLanes, s.decoder.ppbfLanes ?? 'batch'],
  softScale: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softTicks: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softClip: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softNoise: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softThreshold: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softSchedule: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softCue: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softRestarts: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
  softUnits: (a, s) => ['soft field', describeValue(softOptionsOf(a)?.params), describeValue(s.decoder.soft)],
};

/** Register the decoder options on `simulate`. */
export function addDecoderOptions(cmd: Command): Command {
  return cmd
    .option('-D, --decoder <name>', `decoder: ${Object.keys(DECODERS).join(', ')} (default: the preset's dynamics, else network-sync)`)
    .option('--cluster-order <order>', 'network-serial: random (a fresh seeded order per sweep) or fixed')
    .option('--serial-accept <rule>', "network-serial: plain (the active cluster always sets its inputs) or anchor (refused when it would flip a satisfied cluster's input, one self-corrected anchor backtracked; BCH presets' default)")
    .option('--max-sweeps <count>', 'sweep / iteration cap of the decoder')
    .option('--rule <rule>', 'input rule of the network decoders: unit or free-energy')
    .option('--cue-weight <beta>', 'persistent cue field weight β, a multiple of 1/64 (network-stochastic, network-soft, network-ppbf)')
    .option('--ms-alpha <alpha>', 'min-sum normalisation α in (0, 1] (default 0.8)')
    .option('--ms-offset <beta>', 'min-sum offset β ≥ 0 in LLR units (default 0)')
    .option('--ms-schedule <schedule>', 'min-sum schedule: layered (default on single-parity clusters and --alist codes) or flooding (default on Hamming and BCH clusters)')
    .option('--ms-float', 'min-sum: the plain float reference (flooding) instead of the fixed-point kernel')
    .option('--gb-decision <rule>', "Gallager B decision: with-channel (majority of y and the checks, default) or checks-only (AFF3CT's)")
    .option('--flip-table <table>', 'network-ppbf: flip probability per energy level E = −2·gain: "1,0.9,0.3,0.01,0" (increasing E), "-4:1,-2:0.9,…", "glauber:T" or "descent:T" (every downhill flip, Glauber uphill)')
    .option('--schedule <kind>', 'network-ppbf: parallel (all inputs at once) or serial (one at a time, random order)')
    .option('--restarts <count>', 'network-ppbf: rerun an unsatisfied frame from its cue with fresh coins, up to this many times')
    .option('--ppbf-lanes <mode>', 'network-ppbf: refill (a finished lane takes the next frame; default) or batch (32 frames start and end together)')
    .option('--soft-scale <a>', 'network-soft: field per unit of LLR (or of amplitude y), in cluster terms τ')
    .option('--soft-ticks <t>', 'network-soft: quantisation, ticks per ½ vote (power of two ≤ 64)')
    .option('--soft-clip <votes>', 'network-soft: largest |field|, in τ')
    .option('--soft-noise <votes>', 'network-soft: σ of the injected Gaussian noise in τ (amplitude units: η, × a·σ); 0: none')
    .option('--soft-threshold <votes>', 'network-soft: flip when the energy change + noise < −threshold (τ)')
    .option('--soft-schedule <s>', 'network-soft: parallel or serial')
    .option('--soft-cue <beta>', 'network-soft on the BSC: cue field ±β, in votes (fractional)')
    .option('--soft-units <u>', 'network-soft on AWGN: llr (b = −a·LLR) or amplitude (b = −a·y, noise η·a·σ)')
    .option('--soft-restarts <count>', 'network-soft: restart an unfinished frame from the channel state, up to this many times');
}
