/**
 * hopcode/sim/decoder-spec — the decoders a simulation can run, by name.
 *
 * The network's own dynamics (what this project is about) and, clearly labelled,
 * baselines that are not the network, so its numbers stand in context on the same
 * frames. AFF3CT-like naming: the network decoders are `network-*`.
 */
import type { AnnealSchedule, InputRule } from '../decoders/reference-dynamics.js';

export const DECODERS = {
  'network-sync': 'the network, synchronous dynamics (bit-sliced kernel, identical to the reference)',
  'network-async': 'the network, asynchronous dynamics (reference, seeded order)',
  'network-stochastic': 'the network, annealed Glauber dynamics with the cue kept on as a weak field (bit-sliced)',
  'network-soft': 'the network, synchronous dynamics with the channel LLR as an external field',
  'gallager-b': 'baseline, not the network: Gallager B message passing on the parity checks',
  'bit-flip': 'baseline, not the network: parallel majority bit flipping on the parity checks',
  'min-sum': 'baseline, not the network: normalised min-sum belief propagation',
} as const;

export type DecoderName = keyof typeof DECODERS;

const ALIASES: Record<string, DecoderName> = { sync: 'network-sync', async: 'network-async', stochastic: 'network-stochastic', soft: 'network-soft', bp: 'min-sum' };

export interface DecoderSpec {
  name: DecoderName;
  /** Cap on sweeps / iterations. */
  maxSweeps: number;
  /** Input rule of the network decoders. */
  rule: InputRule;
  /** Annealing of network-stochastic. */
  anneal?: AnnealSchedule;
  /** Persistent cue weight β (integer, vote units ×½): network-stochastic and network-soft on hard channels. */
  cueWeight?: number;
  /** Scale of LLR → field for network-soft on soft channels (field = −scale·LLR). */
  softScale?: number;
  /** Min-sum normalisation. */
  alpha?: number;
  /** Min-sum offset β (LLR units, default 0). */
  offset?: number;
  /** Min-sum schedule (default layered; the float reference runs flooding only). */
  msSchedule?: 'layered' | 'flooding';
  /** Min-sum: the plain float reference (baselines/min-sum) instead of the fast fixed-point kernel. */
  msFloat?: boolean;
  /** Gallager B decision rule (default with-channel; checks-only is AFF3CT's). */
  gbDecision?: 'with-channel' | 'checks-only';
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
    spec.cueWeight ??= 1;
    spec.softScale ??= 0.5;
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
  if (!Number.isInteger(spec.maxSweeps) || spec.maxSweeps < 1) throw new Error(`hopcode/sim: the sweep cap must be an integer ≥ 1, got ${spec.maxSweeps}`);
  if (spec.cueWeight !== undefined && (!Number.isInteger(spec.cueWeight) || spec.cueWeight < 0)) {
    throw new Error(`hopcode/sim: the cue weight must be an integer ≥ 0, got ${spec.cueWeight}`);
  }
  return spec;
}
