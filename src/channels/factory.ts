/**
 * hopcode/channels/factory — a Channel and its Shannon limit from a ChannelSpec.
 */
import { AwgnChannel, shannonLimitAwgnEbN0 } from './awgn.js';
import { BecChannel, shannonLimitBec } from './bec.js';
import { BscChannel, shannonLimitBsc } from './bsc.js';
import type { Channel, ChannelKind, ChannelSpec } from './channel.js';

/** Build the channel a spec names (AWGN needs the code rate). */
export function makeChannel(spec: ChannelSpec): Channel {
  switch (spec.kind) {
    case 'bsc':
      return new BscChannel(spec.noise);
    case 'bec':
      return new BecChannel(spec.noise);
    case 'awgn':
      if (spec.rate === undefined) throw new Error('hopcode/channels: AWGN needs the code rate to turn Eb/N0 into σ');
      return new AwgnChannel(spec.noise, spec.rate);
    default:
      throw new Error(`hopcode/channels: unknown channel "${String((spec as { kind: unknown }).kind)}" (bsc, bec, awgn)`);
  }
}

/** The noise level at capacity for rate R: p* (BSC), e* (BEC) or BI-AWGN Eb/N0* in dB. */
export function shannonLimit(kind: ChannelKind, rate: number): number {
  if (kind === 'bsc') return shannonLimitBsc(rate);
  if (kind === 'bec') return shannonLimitBec(rate);
  if (kind === 'awgn') return shannonLimitAwgnEbN0(rate, 'binary');
  throw new Error(`hopcode/channels: unknown channel "${String(kind)}" (bsc, bec, awgn)`);
}

/** The noise parameter's name, as the CLI spells its flag: p, e or ebn0. */
export function noiseName(kind: ChannelKind): string {
  return kind === 'bsc' ? 'p' : kind === 'bec' ? 'e' : 'Eb/N0 (dB)';
}
