/**
 * hopcode/sim/decoder-spec — the decoders a simulation can run, by name.
 *
 * The network's own dynamics (what this project is about) and, clearly labelled,
 * baselines that are not the network, so its numbers stand in context on the same
 * frames. AFF3CT-like naming: the network decoders are `network-*`.
 */
import type { AnnealSchedule, InputRule } from '../decoders/reference-dynamics.js';
import type { ClusterOrder } from '../decoders/cluster-serial-reference.js';
import { resolveSerialAccept, type SerialAccept } from '../decoders/cluster-serial-accept.js';
import { cueWeightProblem } from '../decoders/bitsliced-field.js';
import type { FlipTableSpec } from '../decoders/flip-table.js';
import type { PpbfSchedule } from '../decoders/ppbf-bitsliced.js';
import { applyPpbfDefaults } from './ppbf-defaults.js';
import { resolveSoftParams, type SoftFieldParams } from '../decoders/soft-field-params.js';

export const DECODERS = {
  'network-sync': 'the network, synchronous dynamics (bit-sliced kernel, identical to the reference)',
  'network-async': 'the network, asynchronous dynamics (reference, seeded order)',
  'network-stochastic': 'the network, annealed Glauber dynamics with the cue kept on as a weak field (bit-sliced)',
  'network-soft': 'the network, noisy gradient descent of its energy with the channel LLR (BSC: the cue) as a quantised external field',
  'network-serial': 'the network, cluster-serial dynamics: one cluster active at a time, its inputs adopt its pattern within radius t (BCH / Hamming clusters)',
  'network-ppbf': "the network, probabilistic bit flipping on its own energy: flip probability per energy level, cue kept on as a field, restarts (bit-sliced)",
  'gallager-b': 'baseline, not the network: Gallager B message passing on the parity checks',
  'bit-flip': 'baseline, not the network: parallel majority bit flipping on the parity checks',
  'min-sum': 'baseline, not the network: normalised min-sum belief propagation',
} as const;

export type DecoderName = keyof typeof DECODERS;

const ALIASES: Record<string, DecoderName> = { sync: 'network-sync', async: 'network-async', stochastic: 'network-stochastic', soft: 'network-soft', bp: 'min-sum', serial: 'network-serial', ppbf: 'network-ppbf' };

export interface DecoderSpec {
  name: DecoderName;
  /** Cap on sweeps / iterations. */
  maxSweeps: number;
  /** Input rule of the network decoders. */
  rule: InputRule;
  /** Annealing of network-stochastic. */
  anneal?: AnnealSchedule;
  /** Persistent cue weight β (a multiple of 1/64, vote units ×½): network-stochastic, network-soft on hard channels, network-ppbf. */
  cueWeight?: number;
  /** Scale of LLR → field for network-soft (field = −scale·LLR); same as soft.scale, which wins. */
  softScale?: number;
  /** Min-sum normalisation. */
  alpha?: number;
  /** Cluster visiting order of network-serial: a fresh random order per sweep, or index order. */
  clusterOrder?: ClusterOrder;
  /** network-serial: acceptance of the active cluster's pattern (plain, or anchor: conflict-aware with backtracking). Absent = plain. */
  serialAccept?: SerialAccept;
  /** Min-sum offset β (LLR units, default 0). */
  offset?: number;
  /** Min-sum schedule (default layered; the float reference runs flooding only). */
  msSchedule?: 'layered' | 'flooding';
  /** Min-sum: the plain float reference (baselines/min-sum) instead of the fast fixed-point kernel. */
  msFloat?: boolean;
  /** Gallager B decision rule (default with-channel; checks-only is AFF3CT's). */
  gbDecision?: 'with-channel' | 'checks-only';
  /** network-ppbf: flip probability per energy level, schedule, restarts after an unsatisfied attempt. */
  flipTable?: FlipTableSpec;
  flipSchedule?: PpbfSchedule;
  restarts?: number;
  /** network-ppbf: lane refill (a finished lane takes the chunk's next frame; default) or batch lanes (32 frames start and end together). */
  /** 'refill' (the default of new runs), else absent: batch lanes (see decoderSpec). */
  ppbfLanes?: 'refill' | 'batch';
  /** network-soft: field scale, quantisation, noise, threshold, schedule (soft-field-params.ts). */
  soft?: SoftFieldParams;
}

/** Resolve a decoder name or alias; throws a message listing the choices. */
export function decoderName(text: string): DecoderName {
  const name = (ALIASES[text] ?? text) as DecoderName;
  if (!(name in DECODERS)) throw new Error(`hopcode/sim: unknown decoder "${text}" (choose from ${Object.keys(DECODERS).join(', ')})`);
  return name;
}

/** Is this one of the network's own dynamics (as opposed to a baseline)? */
export function isNetworkDecoder(name: DecoderName): boolean {
  return name.startsWith('network-');
}

/** Defaults that make a full spec from a name (and the code's preferred rule). */
export function decoderSpec(name: DecoderName, rule: InputRule, over: Partial<DecoderSpec> = {}): DecoderSpec {
  const spec: DecoderSpec = { name, maxSweeps: name === 'min-sum' ? 50 : 100, rule, ...over };
  if (name === 'network-stochastic') {
    spec.anneal ??= { start: 0.6, end: 0.05, sweeps: 50 };
    spec.cueWeight ??= 1;
  }
  if (name === 'network-soft') {
    if (over.maxSweeps === undefined) spec.maxSweeps = 300; // the sweep cap the soft-field defaults were tuned with
    spec.cueWeight ??= 1;
    // An explicit cue weight is the BSC cue of the soft field (it wins over soft.cue).
    spec.soft = resolveSoftParams({ ...(spec.softScale !== undefined ? { scale: spec.softScale } : {}), ...spec.soft, ...(over.cueWeight !== undefined ? { cue: over.cueWeight } : {}) });
  }
  if (name === 'network-serial') spec.clusterOrder ??= 'random';
  if (spec.serialAccept !== undefined) {
    try {
      resolveSerialAccept(spec.serialAccept);
    } catch (e) {
      throw new Error(`hopcode/sim: ${(e as Error).message.replace(/^hopcode\/cluster-serial: /, '')}`);
    }
    if (name !== 'network-serial') throw new Error('hopcode/sim: the acceptance rule applies to network-serial only');
    // plain is the rule of rows written before the option existed: keep their problem hash
    if (spec.serialAccept === 'plain') delete spec.serialAccept;
  }
  if (spec.clusterOrder !== undefined && spec.clusterOrder !== 'random' && spec.clusterOrder !== 'fixed') {
    throw new Error(`hopcode/sim: the cluster order must be random or fixed, got "${String(spec.clusterOrder)}"`);
  }
  if (name === 'min-sum') {
    spec.alpha ??= 0.8;
    spec.offset ??= 0;
    spec.msSchedule ??= spec.msFloat ? 'flooding' : 'layered';
    if (!(spec.alpha > 0 && spec.alpha <= 1)) throw new Error(`hopcode/sim: the min-sum alpha must lie in (0, 1], got ${spec.alpha}`);
    if (!(spec.offset >= 0 && Number.isFinite(spec.offset))) throw new Error(`hopcode/sim: the min-sum offset must be a finite number ≥ 0, got ${spec.offset}`);
    if (spec.msSchedule !== 'layered' && spec.msSchedule !== 'flooding') throw new Error(`hopcode/sim: the min-sum schedule must be layered or flooding, got "${String(spec.msSchedule)}"`);
    if (spec.msFloat && spec.msSchedule !== 'flooding') throw new Error('hopcode/sim: the float min-sum reference runs the flooding schedule only');
  }
  if (spec.gbDecision !== undefined && spec.gbDecision !== 'with-channel' && spec.gbDecision !== 'checks-only') {
    throw new Error(`hopcode/sim: the Gallager B decision must be with-channel or checks-only, got "${String(spec.gbDecision)}"`);
  }
  if (name === 'network-ppbf') {
    applyPpbfDefaults(spec, over);
    // batch is how every ppbf row was decoded before lane refill existed: a batch spec has no
    // field, so it keeps those rows' problem hash and a stored spec without it resumes them
    // (run-spec.ts checkRunSpec reads an absent field as batch).
    if (spec.ppbfLanes === 'batch') delete spec.ppbfLanes;
  }
  if (!Number.isInteger(spec.maxSweeps) || spec.maxSweeps < 1) throw new Error(`hopcode/sim: the sweep cap must be an integer ≥ 1, got ${spec.maxSweeps}`);
  const badCue = spec.cueWeight === undefined ? undefined : cueWeightProblem(spec.cueWeight);
  if (badCue) throw new Error(`hopcode/sim: the cue weight ${badCue}`);
  return spec;
}
