/**
 * hopcode/bench/soft-search — a reproducible, time-bounded search of network-soft's knobs.
 *
 * Usage: node dist/bench/soft-search.js (--alist FILE | --preset NAME --n N) [--channel awgn]
 *        [--noise 2.5] [--frames 2000] [--max-fe 40] [--budget 600] [--seed 1]
 *        [--start scale=0.25,noise=0.5,...] [--params scale,noise,threshold,clip,ticks,sweeps,schedule,restarts,cue]
 * Coordinate descent on the frame error rate at one noise point: each pass tries every
 * grid value of one knob with the others held, keeps the best (fewer frame errors per
 * frame; ties go to fewer mean sweeps), and moves on; passes repeat until one changes
 * nothing or the time budget is spent. Every candidate sees the same frames (same
 * seed, same point), so the comparison is paired. Prints one row per candidate and the
 * winner as `hopcode simulate` options, so the result can be rerun.
 */
import { parseArgs } from 'node:util';
import type { ChannelKind } from '../channels/channel.js';
import { resolveSoftParams, type SoftFieldParams } from '../decoders/soft-field-params.js';
import { decoderSpec } from '../sim/decoder-spec.js';
import { runSimulation } from '../sim/engine.js';
import { alistSource, presetSource } from '../sim/code-source.js';

const { values } = parseArgs({
  options: {
    alist: { type: 'string' },
    preset: { type: 'string' },
    n: { type: 'string', default: '4096' },
    channel: { type: 'string', default: 'awgn' },
    noise: { type: 'string', default: '2.5' },
    frames: { type: 'string', default: '2000' },
    'max-fe': { type: 'string', default: '40' },
    budget: { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '' },
    params: { type: 'string', default: 'scale,threshold,noise,clip,ticks,sweeps' },
  },
});

type Knob = keyof SoftFieldParams | 'sweeps';
/** Grids in the knobs' own units (cluster terms τ; noise as η in amplitude units). */
const GRID: Record<Knob, readonly (number | string)[]> = {
  scale: [0.6, 0.8, 1, 1.2, 1.4, 1.7, 2],
  threshold: [0, 0.25, 0.375, 0.5, 0.625, 0.75, 1],
  noise: [0, 0.6, 0.8, 1, 1.14, 1.3, 1.5],
  clip: [2, 3, 4, 6, 8],
  ticks: [2, 4, 8, 16],
  sweeps: [100, 200, 300, 500],
  schedule: ['parallel', 'serial'],
  cue: [0.25, 0.5, 0.75, 1, 1.5],
  restarts: [0, 1, 3, 7],
  units: ['llr', 'amplitude'],
};
const FLAG: Record<Knob, string> = { scale: '--soft-scale', threshold: '--soft-threshold', noise: '--soft-noise', clip: '--soft-clip', ticks: '--soft-ticks', sweeps: '--max-sweeps', schedule: '--soft-schedule', cue: '--soft-cue', restarts: '--soft-restarts', units: '--soft-units' };

type Config = Record<Knob, number | string>;

const source = values.alist ? alistSource(values.alist) : presetSource(values.preset ?? 'hamming31-d3', Number(values.n), values.seed!);
const channel = values.channel as ChannelKind;
const point = Number(values.noise);
const budget = Number(values.budget) * 1000;
const t0 = Date.now();
let config: Config = { ...resolveSoftParams(), sweeps: 300 };
for (const kv of values.start!.split(',').filter(Boolean)) {
  const [k, v] = kv.split('=') as [Knob, string];
  if (!(k in GRID)) throw new Error(`soft-search: unknown knob ${k} in --start`);
  config[k] = k === 'schedule' || k === 'units' ? v : Number(v);
}
const knobs = values.params!.split(',') as Knob[];
for (const k of knobs) if (!(k in GRID)) throw new Error(`soft-search: unknown knob ${k} in --params`);

interface Score {
  frames: number;
  fe: number;
  sweeps: number;
}
const cache = new Map<string, Score>();

async function score(c: Config): Promise<Score> {
  const key = JSON.stringify(c);
  const hit = cache.get(key);
  if (hit) return hit;
  const { sweeps, ...soft } = c;
  const spec = decoderSpec('network-soft', 'free-energy', { maxSweeps: sweeps as number, soft: resolveSoftParams(soft as Partial<SoftFieldParams>) });
  const res = await runSimulation({
    code: source.code,
    codeId: source.id,
    codeLabel: source.label,
    decoder: spec,
    channel,
    points: [point],
    seed: values.seed!,
    workers: 0,
    chunkFrames: 64,
    stop: { maxFe: Number(values['max-fe']), maxFrames: Number(values.frames), maxTime: 0 },
  });
  const t = res[0]!.totals;
  const s = { frames: t.frames, fe: t.frameErrors, sweeps: t.sweepsSum / t.frames };
  cache.set(key, s);
  console.log([cliOf(c), s.frames, s.fe, (s.fe / s.frames).toExponential(2), s.sweeps.toFixed(1), ((Date.now() - t0) / 1000).toFixed(0) + 's'].join('\t'));
  return s;
}

/** Lower FER wins (compared as fe/frames), then fewer sweeps. */
function better(a: Score, b: Score): boolean {
  const fa = a.fe / a.frames;
  const fb = b.fe / b.frames;
  return fa < fb || (fa === fb && a.sweeps < b.sweeps);
}

function cliOf(c: Config): string {
  return (Object.keys(FLAG) as Knob[]).filter((k) => k !== 'cue' || channel === 'bsc').map((k) => `${FLAG[k]} ${c[k]}`).join(' ');
}

console.log(`# soft-search: ${source.label}, ${channel} ${point}, ≤ ${values.frames} frames or ${values['max-fe']} frame errors per candidate, budget ${values.budget} s`);
console.log(['candidate', 'frames', 'fe', 'fer', 'meanSweeps', 'elapsed'].join('\t'));
let best = await score(config);
for (let pass = 0; Date.now() - t0 < budget; pass++) {
  let moved = false;
  for (const k of knobs) {
    for (const v of GRID[k]) {
      if (Date.now() - t0 >= budget) break;
      if (v === config[k]) continue;
      const cand = { ...config, [k]: v };
      try {
        resolveSoftParams({ ...cand, sweeps: undefined } as Partial<SoftFieldParams>);
      } catch {
        continue;
      }
      const s = await score(cand);
      if (better(s, best)) {
        best = s;
        config = cand;
        moved = true;
      }
    }
  }
  if (!moved) break;
}
console.log(`# best: ${cliOf(config)}  FER ${best.fe}/${best.frames}, mean sweeps ${best.sweeps.toFixed(1)}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
