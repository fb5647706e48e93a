/**
 * hopcode/bench/ppbf-search — measured tuning of network-ppbf (flip-table dynamics).
 *
 * `node dist/bench/ppbf-search.js --code n1000|n4000|flagship|PRESET [-N 16000] [--p P] [--max-fe 40]
 *  [--max-frames 4000] [--max-time 20] [--passes 1] [--curve] [--seed 1] [--out FILE.jsonl]
 *  [--start-table P,P,… | --start-glauber T] [--start-beta B] [--start-schedule serial] [--chunk-frames 256]`
 *
 * Coordinate descent over the decoder's knobs, scored by the FER at one noise point near
 * the goal (the same frames for every candidate: frames depend only on the seed), from
 * PPBF's table (Le et al. 2019) carried to the network's levels (startTable):
 *  - the schedule (parallel / serial);
 *  - each table entry in turn (×⅓, ×0.6, ×1.7, ×3, 0, 1; the top level — every cluster
 *    satisfied and the bit agrees with the channel — stays 0), then β (table carried over
 *    by nearest level); `--passes` repeats this;
 *  - last the sweep budget (cap × attempts, restarts from the cue with fresh coins).
 * With --glauber T the tables are Glauber's instead (temperature, then β, from T and β = 1):
 * on Hamming clusters the PPBF-like tables diverge (FER 1 on the flagship at p = 0.045).
 * A first try of a smooth logistic family p(E) = 1/(1 + e^{(E − e0)/(2T)}) was far worse
 * than PPBF's table on n1000 (FER 0.195 vs 0.0135 at p = 0.036): the small entries matter.
 * One knob at a time takes the value with the lowest upper 95% bound of the FER (ties:
 * fewer mean sweeps), so that a time-capped point with few frames cannot win by luck.
 * With --curve the winner's and the baseline's p at FER 10⁻² is measured (report/fer-curve).
 * Every row printed carries the `hopcode simulate` arguments that reproduce it.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CompiledNetwork } from '../decoders/compiled-network.js';
import { networkLevels, type FlipTableSpec } from '../decoders/flip-table.js';
import type { PpbfSchedule } from '../decoders/ppbf-bitsliced.js';
import { FLAGSHIP, PRESETS } from '../network/presets.js';
import { alistSource, presetSource, type CodeSource } from '../sim/code-source.js';
import { decoderCliArgs } from '../sim/decoder-cli.js';
import { decoderSpec, type DecoderSpec } from '../sim/decoder-spec.js';
import { runSimulation, type StopRules } from '../sim/engine.js';
import { wilson } from '../sim/stats.js';
import { measureCurve, summarizeCurve } from '../report/fer-curve.js';

/** The codes of issue 9 and the noise point each is tuned at (near its FER 10⁻² goal). */
export const SEARCH_CODES: Record<string, { source: (seed: number) => CodeSource; codeArgs: string[]; p: number; step: number }> = {
  n1000: { source: () => alistSource(ALIST('n1000')), codeArgs: ['--alist', '../shared/codes/ldpc-3-6-n1000-nfirst.alist'], p: 0.036, step: 0.002 },
  n4000: { source: () => alistSource(ALIST('n4000')), codeArgs: ['--alist', '../shared/codes/ldpc-3-6-n4000-nfirst.alist'], p: 0.046, step: 0.002 },
  // The preset's graph comes from the same --seed as the frames (as in `hopcode simulate`).
  flagship: { source: (seed) => presetSource(FLAGSHIP, 16000, seed), codeArgs: ['--preset', FLAGSHIP, '-N', '16000'], p: 0.056, step: 0.002 },
};
/** Any parity / Hamming preset (-N, default 16000: the flagship's length), tuned at p = 0.06 (issue 9's goal) unless --p. */
function presetCode(name: string, n: number): (typeof SEARCH_CODES)[string] | undefined {
  if (!(name in PRESETS) || name.startsWith('bch')) return undefined;
  if (!Number.isInteger(n) || n < 16) throw new Error(`hopcode/ppbf-search: -N must be an integer ≥ 16, got ${n}`);
  return { source: (seed) => presetSource(name, n, seed), codeArgs: ['--preset', name, '-N', String(n)], p: 0.06, step: 0.002 };
}
/** The shared alist files (../shared/codes from the repository root, as the `cli` strings say). */
function ALIST(k: string): string {
  return new URL(`../../../shared/codes/ldpc-3-6-${k}-nfirst.alist`, import.meta.url).pathname;
}

export interface Knobs {
  beta: number;
  /** Flip probability per energy level of the network at this β (increasing E). */
  probs: number[];
  /** Glauber mode: the table is p(E) = 1/(1 + e^{E/(2T)}) at this temperature (probs unused). */
  temperature?: number;
  schedule: PpbfSchedule;
  maxSweeps: number;
  restarts: number;
}

const sig3 = (v: number): number => Number(v.toPrecision(3));

/**
 * The start table of a network: PPBF's probabilities by level in units of one cluster's
 * vote v (E changes by 2·½ per parity r = 0 cluster, by 2·1 otherwise): −E/v ≥ 3 → 1,
 * ≥ 1 → 0.9, ≥ −1 → 0.3, ≥ −3 → 0.01, else 0 — for a (3,6) code with β = ½ exactly
 * 1, 0.9, 0.3, 0.01, 0.
 */
export function startTable(net: CompiledNetwork, beta: number): number[] {
  const v = net.radius === 0 ? 1 : 2; // one cluster vote in E units
  return networkLevels(net, beta).map((e) => (-e / v >= 3 ? 1 : -e / v >= 1 ? 0.9 : -e / v >= -1 ? 0.3 : -e / v >= -3 ? 0.01 : 0));
}

/** Carry a table to another β: each new level takes the probability of the nearest old level. */
export function remapTable(net: CompiledNetwork, fromBeta: number, probs: number[], toBeta: number): number[] {
  const from = networkLevels(net, fromBeta);
  return networkLevels(net, toBeta).map((e) => {
    let best = 0;
    for (let k = 1; k < from.length; k++) if (Math.abs(from[k]! - e) < Math.abs(from[best]! - e)) best = k;
    return probs[best]!;
  });
}

export function knobSpec(net: CompiledNetwork, k: Knobs): DecoderSpec {
  const levels = networkLevels(net, k.beta);
  const flipTable: FlipTableSpec = k.temperature !== undefined ? { kind: 'glauber', temperature: k.temperature } : { kind: 'pairs', pairs: levels.map((e, i) => [e, k.probs[i]!]) };
  return decoderSpec('network-ppbf', 'free-energy', { cueWeight: k.beta, flipTable, flipSchedule: k.schedule, maxSweeps: k.maxSweeps, restarts: k.restarts });
}

/** Alternatives for one table entry: ×⅓, ×0.6, ×1.7, ×3 (clipped to [0, 1]), and 0 / 1 at the ends. */
function entryChoices(v: number): number[] {
  const c = new Set<number>();
  if (v === 0) [0.001, 0.01].forEach((x) => c.add(x));
  else for (const f of [1 / 3, 0.6, 1.7, 3]) c.add(sig3(Math.min(1, v * f)));
  if (v < 0.01) c.add(0);
  if (v > 0.5) c.add(1);
  c.delete(v);
  return [...c];
}

export interface Scored {
  label: string;
  spec: DecoderSpec;
  p: number;
  frames: number;
  frameErrors: number;
  fer: number;
  lo: number;
  hi: number;
  meanSweeps: number;
  seconds: number;
  cli: string;
}

/** FER of one decoder spec at p (same frames for every spec). */
export async function scoreSpec(source: CodeSource, codeArgs: string[], label: string, spec: DecoderSpec, p: number, stop: StopRules, seed: number, chunkFrames = 256): Promise<Scored> {
  const [r] = await runSimulation({ code: source.code, codeId: source.id, codeLabel: source.label, decoder: spec, channel: 'bsc', points: [p], seed, workers: 0, chunkFrames, stop });
  const t = r!.totals;
  const [lo, hi] = t.frames ? wilson(t.frameErrors, t.frames) : [0, 1];
  const cli = ['hopcode', 'simulate', ...codeArgs, ...decoderCliArgs(spec), '--chunk-frames', String(chunkFrames), '--seed', String(seed), '--p', String(p)].join(' ');
  return { label, spec, p, frames: t.frames, frameErrors: t.frameErrors, fer: t.frames ? t.frameErrors / t.frames : NaN, lo, hi, meanSweeps: t.frames ? t.sweepsSum / t.frames : NaN, seconds: r!.seconds, cli };
}

/** Ranked by the upper end of the FER's 95% interval: a point with few frames cannot win by luck. */
const better = (a: Scored, b: Scored): boolean => a.hi < b.hi || (a.hi === b.hi && a.meanSweeps < b.meanSweeps);

/** Sweep budgets, tried last (cap per attempt, restarts). */
const BUDGETS: [number, number][] = [[300, 0], [1000, 0], [2000, 0], [500, 3]];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      code: { type: 'string', default: 'n1000' }, p: { type: 'string' }, seed: { type: 'string', default: '1' },
      'max-fe': { type: 'string', default: '40' }, 'max-frames': { type: 'string', default: '4000' }, 'max-time': { type: 'string', default: '20' },
      passes: { type: 'string', default: '1' }, 'search-sweeps': { type: 'string', default: '300' },
      /** Start from this table (probabilities for the levels at β = ½, increasing E) instead of PPBF's, and this schedule. */
      'start-table': { type: 'string' }, 'start-schedule': { type: 'string', default: 'parallel' },
      /** Start the table search from Glauber's probabilities at this T and β = --start-beta (Hamming clusters, where PPBF-like tables diverge). */
      'start-glauber': { type: 'string' }, 'start-beta': { type: 'string', default: '0.5' },
      /** N of a preset code (default 16000). */
      length: { type: 'string', short: 'N', default: '16000' },
      /** Frames per chunk (lane refill keeps 32 lanes busy until a chunk's last frames: bigger chunks, smaller tails). */
      'chunk-frames': { type: 'string', default: '256' },
      /** Search only these table entries (indices in increasing E), and keep the start schedule. */
      entries: { type: 'string' }, 'keep-schedule': { type: 'boolean', default: false },
      /** Search Glauber tables (temperature and β) instead of table entries; start at this T and β = 1. */
      glauber: { type: 'string' }, curve: { type: 'boolean', default: false }, out: { type: 'string' },
    },
  });
  const def = SEARCH_CODES[values.code!] ?? presetCode(values.code!, Number(values.length));
  if (!def) throw new Error(`hopcode/ppbf-search: --code must be one of ${Object.keys(SEARCH_CODES).join(', ')} or a parity / Hamming preset at N = 16000 (e.g. parity8-d4), got "${values.code}"`);
  const p = values.p ? Number(values.p) : def.p;
  const seed = Number(values.seed);
  const chunk = Number(values['chunk-frames']);
  const entries = values.entries?.split(',').map(Number);
  if (entries?.some((e) => !Number.isInteger(e) || e < 0)) throw new Error(`hopcode/ppbf-search: --entries needs table indices ≥ 0, got ${values.entries}`);
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`hopcode/ppbf-search: --chunk-frames must be an integer ≥ 1, got ${values['chunk-frames']}`);
  const stop: StopRules = { maxFe: Number(values['max-fe']), maxFrames: Number(values['max-frames']), maxTime: Number(values['max-time']) };
  const source = def.source(seed);
  const net = CompiledNetwork.fromCode(source.code, { encoder: false });
  const out = values.out;
  if (out) writeFileSync(out, '');
  const log = (s: Scored): void => {
    process.stdout.write(`${s.label.padEnd(44)} FER ${s.fer.toExponential(2)} [${s.lo.toExponential(1)}, ${s.hi.toExponential(1)}] ${s.frameErrors}/${s.frames}  sweeps ${s.meanSweeps.toFixed(1)}  ${s.seconds.toFixed(1)} s\n`);
    if (out) appendFileSync(out, JSON.stringify({ code: values.code, label: s.label, p: s.p, frames: s.frames, frameErrors: s.frameErrors, fer: s.fer, lo: s.lo, hi: s.hi, meanSweeps: s.meanSweeps, cli: s.cli }) + '\n');
  };
  process.stdout.write(`# ppbf-search ${values.code} (${source.label}) at p = ${p}, stop ${JSON.stringify(stop)}, seed ${seed}\n`);
  const beta0 = Number(values['start-beta']);
  const tg = values['start-glauber'] !== undefined ? Number(values['start-glauber']) : undefined;
  if (tg !== undefined && !(tg > 0)) throw new Error(`hopcode/ppbf-search: --start-glauber must be a temperature > 0, got ${values['start-glauber']}`);
  // Glauber's p(E) = 1/(1 + e^{E/(2T)}), 3 significant digits, tiny entries 0 (the coordinate search moves them by factors).
  const glauberProbs = (t: number): number[] => networkLevels(net, beta0).map((e) => { const q = sig3(1 / (1 + Math.exp(e / (2 * t)))); return q < 1e-6 ? 0 : q; });
  const probs0 = tg !== undefined ? glauberProbs(tg) : values['start-table'] ? values['start-table'].split(',').map(Number) : startTable(net, beta0);
  if (probs0.length !== networkLevels(net, beta0).length || probs0.some((q) => !(q >= 0 && q <= 1))) throw new Error(`hopcode/ppbf-search: --start-table needs ${networkLevels(net, beta0).length} probabilities in [0, 1]`);
  const sched0 = values['start-schedule'] === 'serial' ? 'serial' : 'parallel';
  const glauber = values.glauber !== undefined ? Number(values.glauber) : undefined;
  const base: Knobs = { beta: glauber !== undefined ? 1 : beta0, probs: probs0, schedule: sched0, maxSweeps: Number(values['search-sweeps']), restarts: 0 };
  if (glauber !== undefined) base.temperature = glauber;
  const label = (x: Knobs): string => `β=${x.beta} ${x.temperature !== undefined ? `glauber:${x.temperature}` : `[${x.probs.join(',')}]`} ${x.schedule} ${x.maxSweeps}×${x.restarts + 1}`;
  let k = { ...base };
  let best = await scoreSpec(source, def.codeArgs, `${label(k)} (start)`, knobSpec(net, k), p, stop, seed, chunk);
  log(best);
  const seen = new Map<string, Scored>([[label(k), best]]);
  const tryKnobs = async (x: Knobs): Promise<void> => {
    const l = label(x);
    let s = seen.get(l);
    if (!s) {
      s = await scoreSpec(source, def.codeArgs, l, knobSpec(net, x), p, stop, seed, chunk);
      seen.set(l, s);
      log(s);
    }
    if (better(s, best)) {
      best = s;
      k = x;
    }
  };
  if (glauber === undefined && !values['keep-schedule']) for (const schedule of ['parallel', 'serial'] as const) await tryKnobs({ ...k, schedule });
  for (let pass = 0; glauber !== undefined && pass < Number(values.passes); pass++) {
    // The schedule stays as started (serial: at N = 4000 serial Glauber beat network-stochastic 30×).
    for (const temperature of [0.15, 0.2, 0.25]) await tryKnobs({ ...k, temperature });
    const at = { ...k };
    for (const beta of [0.75, 0.875, 1, 1.125, 1.25]) await tryKnobs({ ...at, beta }); // fractional β: the 1/64 grid
  }
  for (let pass = 0; glauber === undefined && pass < Number(values.passes); pass++) {
    const top = k.probs.length - 1; // the top level (all satisfied, agrees with the channel) stays 0
    for (let e = 0; e < top; e++) {
      if (entries && !entries.includes(e)) continue;
      const at = { ...k };
      for (const v of entryChoices(at.probs[e]!)) await tryKnobs({ ...at, probs: at.probs.map((q, i) => (i === e ? v : q)) });
    }
    const at = { ...k };
    for (const beta of [0.25, 0.5, 0.75, 1]) if (beta !== at.beta) await tryKnobs({ ...at, beta, probs: remapTable(net, at.beta, at.probs, beta) });
  }
  const start = { ...k };
  for (const [maxSweeps, restarts] of glauber === undefined ? BUDGETS : BUDGETS.slice(0, 3)) await tryKnobs({ ...start, maxSweeps, restarts });
  process.stdout.write(`# best: ${best.label}\n# cli: ${best.cli}\n`);
  if (values.curve) {
    const startAtBudget = knobSpec(net, { ...base, maxSweeps: k.maxSweeps, restarts: k.restarts });
    for (const [name, spec] of [['best', best.spec], ['start table, same budget', startAtBudget]] as const) {
      const req = { network: values.code!, variant: name, source, decoder: spec, top: p, step: def.step, stopBelow: 3e-3, stop, chunkFrames: chunk };
      const pts = await measureCurve(req, seed, 0);
      const sum = summarizeCurve(req, pts);
      for (const q of pts) process.stdout.write(`#   ${name} p=${q.p} FER ${q.fer.toExponential(2)} (${q.frameErrors}/${q.frames}) sweeps ${q.meanSweeps.toFixed(1)}\n`);
      process.stdout.write(`# ${name}: p at FER 1e-2 = ${sum.pAtFer1e2?.toFixed(4) ?? 'not bracketed'} (Shannon ${sum.shannonP.toFixed(4)})\n`);
    }
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  });
}
