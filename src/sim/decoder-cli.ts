/**
 * hopcode/sim/decoder-cli — a decoder spec written back as `hopcode simulate` options.
 *
 * Reports quote, for every measured point, the exact command-line arguments that
 * reproduce it (summary.json `cli`); this is the one place that knows the mapping.
 */
import { formatFlipTable } from '../decoders/flip-table.js';
import type { DecoderSpec } from './decoder-spec.js';

/** The decoder options of `hopcode simulate` that give this spec. */
export function decoderCliArgs(spec: DecoderSpec): string[] {
  const a = ['--decoder', spec.name, '--max-sweeps', String(spec.maxSweeps)];
  if (spec.name.startsWith('network-') && spec.name !== 'network-ppbf') a.push('--rule', spec.rule);
  if (spec.name === 'network-ppbf') {
    a.push('--cue-weight', String(spec.cueWeight), '--flip-table', formatFlipTable(spec.flipTable!), '--schedule', spec.flipSchedule!, '--restarts', String(spec.restarts));
    if (spec.ppbfLanes !== 'refill') a.push('--ppbf-lanes', 'batch');
  } else if (spec.name === 'network-stochastic' || spec.name === 'network-soft') a.push('--cue-weight', String(spec.cueWeight));
  // network-serial: order and acceptance always written out (a BCH preset's default acceptance is anchor, not plain)
  if (spec.name === 'network-serial') a.push('--cluster-order', spec.clusterOrder ?? 'random', '--serial-accept', spec.serialAccept ?? 'plain');
  return a;
}
