/**
 * hopcode/report/fer-curve — measure one FER-vs-p curve adaptively with the simulation engine.
 *
 * A curve is (code, decoder) on the BSC (noise p) or BPSK-AWGN (noise Eb/N0 in dB, where
 * the FER falls as the noise value grows: the search runs on −Eb/N0, so everything below
 * reads the same for both). The search starts at `top`; while the FER there
 * is below `ceiling` (default ½) it steps up (at most `maxUp` times), so the FER = ½
 * crossing is bracketed; then it steps down from `top` (two steps at a time while
 * FER ≥ 0.95, where points are cheap but uninformative) until the FER falls below
 * `stopBelow` or p reaches `floor`. Every point runs `runSimulation` with the given stop
 * rules (frame errors, frames, seconds), so the counts are reproducible from the seed
 * (except a point ended by its time cap, whose frame count depends on the machine).
 */
import { shannonLimitAwgnEbN0 } from '../channels/awgn.js';
import { shannonLimitBsc } from '../channels/bsc.js';
import { runSimulation, type StopRules } from '../sim/engine.js';
import type { CodeSource } from '../sim/code-source.js';
import type { DecoderSpec } from '../sim/decoder-spec.js';
import { wilson } from '../sim/stats.js';
import type { Row } from './section.js';
import { curveCrossing } from './threshold-fit.js';

export interface CurveRequest {
  /** Network label in tables (e.g. "hamming31-d3"). */
  network: string;
  /** Decoder label in tables (e.g. "network-stochastic β=2"). */
  variant: string;
  source: CodeSource;
  decoder: DecoderSpec;
  /** 'bsc' (default; p) or 'awgn' (Eb/N0 in dB; top = the lowest Eb/N0, steps go up). */
  channel?: 'bsc' | 'awgn';
  top: number;
  step: number;
  /** Lowest p (BSC) or highest Eb/N0 in dB (AWGN) tried; default one step (BSC), top + 20 steps (AWGN). */
  floor?: number;
  stopBelow: number;
  ceiling?: number;
  maxUp?: number;
  /** Bisection steps when the curve jumps over FER 10⁻² to zero errors (default 2). */
  refine?: number;
  stop: StopRules;
  chunkFrames: number;
}

export interface FerPoint extends Row {
  network: string;
  variant: string;
  n: number;
  p: number;
  frames: number;
  frameErrors: number;
  fer: number;
  lo: number;
  hi: number;
  meanSweeps: number;
  seconds: number;
  stopReason: string;
}

export interface CurveSummary extends Row {
  network: string;
  variant: string;
  decoder: string;
  n: number;
  rate: number;
  pAtFer50?: number;
  /** The noise value (p, or Eb/N0 in dB on the AWGN channel) at FER 10⁻². */
  pAtFer1e2?: number;
  /** Shannon's limit in the same unit (BSC p, or the binary-input Eb/N0 in dB). */
  shannonP: number;
  frames: number;
  seconds: number;
}

const round = (p: number): number => Math.round(p * 1e6) / 1e6;

/** Run the adaptive search; returns the points in increasing noise value (p or Eb/N0). */
export async function measureCurve(req: CurveRequest, seed: number, workers: number): Promise<FerPoint[]> {
  const channel = req.channel ?? 'bsc';
  // x is the search variable: p on the BSC, −Eb/N0 on the AWGN channel (FER rises with x on both).
  const sign = channel === 'awgn' ? -1 : 1;
  const done = new Map<number, FerPoint>();
  const at = (x: number): FerPoint => done.get(round(x))!;
  const run = async (x: number): Promise<FerPoint> => {
    x = round(x);
    const noise = round(sign * x);
    const [r] = await runSimulation({
      code: req.source.code, codeId: req.source.id, codeLabel: req.source.label, decoder: req.decoder, channel,
      points: [noise], seed, workers, chunkFrames: req.chunkFrames, stop: req.stop,
    });
    const t = r!.totals;
    const [lo, hi] = t.frames > 0 ? wilson(t.frameErrors, t.frames) : [0, 1];
    const pt: FerPoint = {
      network: req.network, variant: req.variant, n: req.source.code.n, p: noise, frames: t.frames, frameErrors: t.frameErrors,
      fer: t.frames > 0 ? t.frameErrors / t.frames : NaN, lo, hi, meanSweeps: t.frames > 0 ? t.sweepsSum / t.frames : NaN,
      seconds: r!.seconds, stopReason: r!.stopReason,
    };
    done.set(x, pt);
    return pt;
  };
  const ceiling = req.ceiling ?? 0.5;
  const top = sign * req.top;
  const floor = req.floor !== undefined ? sign * req.floor : channel === 'awgn' ? top - 20 * req.step : req.step;
  let first = await run(top);
  for (let up = 0, x = top; first.fer < ceiling && up < (req.maxUp ?? 6) && (channel === 'awgn' || x + req.step < 0.5); up++) {
    x = round(x + req.step);
    first = await run(x);
  }
  let x = top;
  let last = at(top);
  while (last.fer >= req.stopBelow && last.frameErrors > 0) {
    x = round(x - (last.fer >= 0.95 ? 2 : 1) * req.step);
    if (x < floor - 1e-9) break;
    last = await run(x);
  }
  // A curve that jumps from FER > 10⁻² to no error at all does not bracket 10⁻² (zero counts have no logarithm): bisect.
  for (let k = 0; k < (req.refine ?? 2); k++) {
    const xs = [...done.keys()].sort((a, b) => a - b);
    if (curveCrossing(xs.map(at), 1e-2) !== undefined) break;
    const i = xs.findIndex((q, j) => at(q).frameErrors === 0 && j + 1 < xs.length && at(xs[j + 1]!).fer > 1e-2);
    if (i < 0) break;
    await run((xs[i]! + xs[i + 1]!) / 2);
  }
  return [...done.values()].sort((a, b) => a.p - b.p);
}

/** Crossings of a measured curve, with the Shannon limit at the code's exact rate. */
export function summarizeCurve(req: CurveRequest, points: readonly FerPoint[]): CurveSummary {
  const rate = req.source.code.rate;
  return {
    network: req.network, variant: req.variant, decoder: req.decoder.name, n: req.source.code.n, rate,
    pAtFer50: curveCrossing(points, 0.5), pAtFer1e2: curveCrossing(points, 1e-2),
    shannonP: req.channel === 'awgn' ? shannonLimitAwgnEbN0(rate) : shannonLimitBsc(rate),
    frames: points.reduce((a, q) => a + q.frames, 0), seconds: points.reduce((a, q) => a + q.seconds, 0),
  };
}

/** A short description of stop rules for the report. */
export function describeStop(s: StopRules, chunkFrames: number): string {
  return `max ${s.maxFe} frame errors, max ${s.maxFrames} frames, max ${s.maxTime} s per point (chunks of ${chunkFrames} frames; a point runs whole chunks)`;
}

/** Points as figure data: FER with its Wilson band, log-scale safe (0 → absent). */
export function figureRows(points: readonly FerPoint[], extra: (q: FerPoint) => Row): Row[] {
  return points.filter((q) => q.frameErrors > 0).map((q) => ({ p: q.p, fer: q.fer, lo: Math.max(q.lo, 1e-6), hi: q.hi, n: q.n, ...extra(q) }));
}
