/**
 * hopcode/sim/decoder-spec — the decoders a simulation can run, by name.
 *
 * The network's own dynamics (what this project is about) and, clearly labelled,
 * baselines that are not the network, so its numbers stand in context on the same
 * frames. AFF3CT-like naming: the network decoders are `network-*`.
 */
import type { AnnealSchedule, InputRule } from '../decoders/reference-dynamics.js';
import { resolveSoftParams, type SoftFieldParams } from '../decoders/soft-field-params.js';

export const DECODERS = {
  'network-sync': 'the network, synchronous dynamics (bit-sliced kernel, identical to the reference)',
  'network-async': 'the network, asynchronous dynamics (reference, seeded order)',
  'network-stochastic': 'the network, annealed Glauber dynamics with the cue kept on as a weak field (bit-sliced)',
  'network-soft': 'the network, noisy gradient descent of its energy with the channel LLR (BSC: the cue) as a quantised external field',
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
  /** Scale of LLR → field for network-soft (field = −scale·LLR); same as soft.scale, which wins. */
  softScale?: number;
  /** Min-sum normalisation. */
  alpha?: number;
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
  if (name === 'min-sum') spec.alpha ??= 0.8;
  if (!Number.isInteger(spec.maxSweeps) || spec.maxSweeps < 1) throw new Error(`hopcode/sim: the sweep cap must be an integer ≥ 1, got ${spec.maxSweeps}`);
  if (spec.cueWeight !== undefined && (!Number.isInteger(spec.cueWeight) || spec.cueWeight < 0)) {
    throw new Error(`hopcode/sim: the cue weight must be an integer ≥ 0, got ${spec.cueWeight}`);
  }
  return spec;
}
