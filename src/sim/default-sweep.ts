/**
 * hopcode/sim/default-sweep — a noise sweep that straddles the chosen code and decoder's
 * waterfall, when the user gives none.
 *
 * The waterfall's place depends on code, decoder and channel (the flagship network on
 * the BSC falls at p ≈ 0.04, a quarter of the Shannon limit; min-sum on a (3,6) code at
 * ≈ 0.75 of it), so no fixed default fits all. A quick probe finds it: bisection on the
 * noise for FER = ½ with a few hundred frames per probe (each probe's frames are
 * seeded like any run, so the sweep is the same every time for the same options), then
 * the sweep runs from where FER is well below ½ to just past it:
 *   BSC, BEC: x from 0.5·x½ to 1.1·x½;  AWGN: Eb/N0 from about x½ − 0.5 dB to x½ + 1 dB
 * (hard-decision waterfalls on the AWGN channel fall a decade in a fraction of a dB).
 * The bracket starts at the Shannon limit (no decoder does better), so the probe never
 * looks on the wrong side of it.
 */
import type { ChannelKind } from '../channels/channel.js';
import { shannonLimit } from '../channels/factory.js';
import type { Code } from '../network/code.js';
import type { DecoderSpec } from './decoder-spec.js';
import { runSimulation } from './engine.js';

export interface SweepProbe {
  code: Code;
  codeId: Record<string, unknown>;
  decoder: DecoderSpec;
  channel: ChannelKind;
  seed: number | string;
  /** Frames per probe (default 256) and frame errors that end a probe early (default 32). */
  frames?: number;
  errors?: number;
  /** Bisection steps (default 7). */
  steps?: number;
}

export interface DefaultSweep {
  /** The range as the CLI takes it: start:stop:step. */
  range: string;
  /** The noise at which the probe found FER ≈ ½. */
  half: number;
  /** The probes run: noise and FER. */
  probes: { noise: number; fer: number }[];
}

/** Round to `digits` significant digits. */
function sig(x: number, digits = 2): number {
  return Number(x.toPrecision(digits));
}

/** Probe the waterfall and return the sweep (see the banner). */
export async function probeDefaultSweep(o: SweepProbe): Promise<DefaultSweep> {
  const rate = o.code.rate;
  const limit = shannonLimit(o.channel, rate);
  const frames = o.frames ?? 256;
  const probes: { noise: number; fer: number }[] = [];
  const fer = async (noise: number): Promise<number> => {
    const [r] = await runSimulation({
      code: o.code,
      codeId: { probe: 1, ...o.codeId },
      codeLabel: 'probe',
      decoder: o.decoder,
      channel: o.channel,
      points: [noise],
      seed: o.seed,
      workers: 0,
      chunkFrames: 32,
      stop: { maxFe: o.errors ?? 32, maxFrames: frames, maxTime: 0 },
    });
    const f = r!.totals.frames > 0 ? r!.totals.frameErrors / r!.totals.frames : 1;
    probes.push({ noise, fer: f });
    return f;
  };
  // Probabilities: bisect x in (0, limit]; AWGN: Eb/N0 in [limit, limit + 12 dB].
  const awgn = o.channel === 'awgn';
  let lo = awgn ? limit + 12 : 0; // the good side (FER < ½)
  let hi = awgn ? limit : Math.min(limit, o.channel === 'bsc' ? 0.5 : 1); // the bad side
  for (let i = 0; i < (o.steps ?? 7); i++) {
    const mid = (lo + hi) / 2;
    if ((await fer(mid)) < 0.5) lo = mid;
    else hi = mid;
  }
  const half = (lo + hi) / 2;
  if (awgn) {
    const start = Math.floor((half - 0.5) * 4) / 4;
    return { range: `${start}:${start + 1.5}:0.25`, half, probes };
  }
  const start = sig(0.5 * half);
  const stop = sig(1.1 * half);
  const step = sig((stop - start) / 5, 1);
  return { range: `${start}:${sig(start + 5 * step, 3)}:${step}`, half, probes };
}
