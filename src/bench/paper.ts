/**
 * hopcode/bench/paper — `npm run bench:paper [-- --quick]`: the paper's claims, measured.
 *
 * Regenerates bench/report/: README.md (tables, figures, commands, machine, date,
 * seeds), one SVG per figure, and summary.json. Each claim is a section computed by
 * src/report/*; adding a section = one more entry in SECTIONS. Fields of summary.json
 * that are not computed yet are absent, never filled with placeholders.
 * Usage: node dist/bench/paper.js [--quick] [--seed 1] [--out bench/report] [--rank-budget SECONDS]
 *        [--only ID,ID [--update]]
 * With --update the sections run replace theirs in the existing DIR/README.md and their
 * keys of DIR/summary.json (report/report-update.ts); everything else stays.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FLAGSHIP } from '../network/presets.js';
import { beyondSection } from '../report/beyond.js';
import { capacitySection } from '../report/capacity.js';
import { energySection } from '../report/energy.js';
import type { CurveSummary } from '../report/fer-curve.js';
import { renderSvg } from '../report/figure.js';
import { comparisonSection } from '../report/hopfield-comparison.js';
import { dynamicsSection, type DynamicsEntry } from '../report/dynamics.js';
import { rankWithBudget } from '../report/rank-budget.js';
import { markdownSection, type ReportSection } from '../report/section.js';
import { mergeSummary, replaceSections, sectionMarker, type SectionKeys } from '../report/report-update.js';
import { writeFileAtomic } from '../util/safe-output.js';
import { sparsitySection } from '../report/sparsity.js';
import { thresholdSection } from '../report/thresholds.js';

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  seed: { type: 'string', default: '1' },
  out: { type: 'string', default: 'bench/report' },
  'rank-budget': { type: 'string' },
  /** Comma-separated section ids to run (a partial report, for development). */
  only: { type: 'string' },
  /** With --only: replace those sections (and their summary.json keys) in the existing report of --out. */
  update: { type: 'boolean', default: false },
} as const;
/** Bad input: one line and exit 2 (never a stack trace). */
function usage(msg: string): never {
  process.stderr.write(`bench:paper: ${msg}\n`);
  process.exit(2);
}
const parsed = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (e) {
    return usage((e as Error).message);
  }
})();
const { values } = parsed;
const quick = values.quick!;
const seed = Number(values.seed);
if (!Number.isInteger(seed)) usage(`--seed must be an integer, got ${values.seed}`);

/** Problem sizes per mode. The quick mode must finish in < 5 min on 2 cores. */
const CONFIG = quick
  ? {
      capacitySizes: [1000, 10000, 30000], rankBudget: 15, censusMaxN: 16,
      sparsitySizes: [1000, 10000, 100000],
      energy: { sizes: [1000, 4000], ps: [0.005, 0.01, 0.02], frames: 40 },
      comparison: { n: 500, ps: [0, 0.01, 0.05], trials: 50, frames: 100, densePatterns: 1024, smallNs: [16, 24, 32], denseCap: 2048 },
      thresholds: { sizes: [1000, 2000, 4000], baselineN: 1000, scalingStop: { maxFe: 30, maxFrames: 2000, maxTime: 4 }, baselineStop: { maxFe: 20, maxFrames: 640, maxTime: 3 }, chunkFrames: 64, resamples: 200 },
      beyond: { n: 2000, screenN: 1000, fastStop: { maxFe: 20, maxFrames: 1000, maxTime: 3 }, slowStop: { maxFe: 20, maxFrames: 640, maxTime: 5 }, chunkFrames: 64 },
      dynamics: { stop: { maxFe: 20, maxFrames: 512, maxTime: 10 }, slowStop: { maxFe: 15, maxFrames: 384, maxTime: 8 }, chunkFrames: 64 },
    }
  : {
      capacitySizes: [1000, 3000, 10000, 30000, 100000, 300000, 1000000], rankBudget: 300, censusMaxN: 20,
      sparsitySizes: [1000, 10000, 100000, 1000000],
      energy: { sizes: [1000, 4000, 16000], ps: [0.005, 0.01, 0.015, 0.02], frames: 200 },
      comparison: { n: 1000, ps: [0, 0.01, 0.05], trials: 100, frames: 500, densePatterns: 4096, smallNs: [16, 24, 32, 40], denseCap: 16384 },
      thresholds: { sizes: [1000, 4000, 16000, 64000], baselineN: 4000, scalingStop: { maxFe: 100, maxFrames: 20000, maxTime: 30 }, baselineStop: { maxFe: 50, maxFrames: 3000, maxTime: 30 }, chunkFrames: 64, resamples: 400 },
      beyond: { n: 16000, screenN: 4000, fastStop: { maxFe: 50, maxFrames: 10000, maxTime: 20 }, slowStop: { maxFe: 50, maxFrames: 4000, maxTime: 25 }, chunkFrames: 64 },
      // chunks of 256: network-ppbf refills its lanes within a chunk, so short chunks end in long one-lane tails
      dynamics: { stop: { maxFe: 50, maxFrames: 20000, maxTime: 60 }, slowStop: { maxFe: 40, maxFrames: 4096, maxTime: 60 }, chunkFrames: 256 },
    };
/** Worker threads of the FER simulations (all cores). */
const workers = Math.max(1, cpus().length);
const rankBudget = values['rank-budget'] ? Number(values['rank-budget']) : CONFIG.rankBudget;

/** summary.json: only what was measured. */
interface Summary {
  generated: string;
  mode: 'quick' | 'full';
  seed: number;
  capacity?: { preset: string; n: number; log2States: number }[];
  /** FER sections: only curves that bracketed both FER ½ and 10⁻²; best = rate ≥ 0.4, bestRate06 = rate ≥ 0.6. */
  thresholds?: { network: string; rate: number; n: number; pAtFer50: number; pAtFer1e2: number; shannonP: number }[];
  best?: { network: string; rate: number; n: number; pAtFer1e2: number; shannonP: number };
  bestRate06?: { network: string; rate: number; n: number; pAtFer1e2: number; shannonP: number };
  flagshipDeterministic?: { network: string; rate: number; n: number; pAtFer1e2: number };
  /** The network against bit flipping and BP: one entry per (code, contender). */
  dynamics?: DynamicsEntry[];
  /** Sections replaced later by `--update` (newest last). */
  updated?: { sections: string[]; generated: string; commit: string }[];
}

interface SectionRun {
  id: string;
  /** Keys of summary.json the section writes (what --update replaces). */
  keys: (keyof Summary)[];
  run: (summary: Summary) => Promise<ReportSection>;
}

const SECTIONS: SectionRun[] = [
  {
    id: 'capacity',
    keys: ['capacity'],
    run: async (summary) => {
      const r = await capacitySection({ sizes: CONFIG.capacitySizes, seed, rank: rankWithBudget(rankBudget), censusMaxN: CONFIG.censusMaxN });
      summary.capacity = r.rows.filter((x) => x.status === 'exact').map((x) => ({ preset: x.preset, n: x.n, log2States: x.log2States! }));
      r.section.intro += ` Rank budget: ${rankBudget} s per point.`;
      return r.section;
    },
  },
  {
    id: 'thresholds',
    keys: ['thresholds'],
    run: async (summary) => {
      const r = await thresholdSection({ seed, workers, quick, ...CONFIG.thresholds });
      (summary.thresholds ??= []).push(...r.table.filter((t) => t.pAtFer50 !== undefined && t.pAtFer1e2 !== undefined).map(thresholdEntry));
      return r.section;
    },
  },
  { id: 'energy-sync', keys: [], run: async () => energySection({ preset: FLAGSHIP, seed, schedule: 'sync', ...CONFIG.energy }).section },
  { id: 'energy-async', keys: [], run: async () => energySection({ preset: FLAGSHIP, seed, schedule: 'async', ...CONFIG.energy }).section },
  { id: 'sparsity', keys: [], run: async () => sparsitySection({ sizes: CONFIG.sparsitySizes, seed }).section },
  { id: 'hopfield-comparison', keys: [], run: async () => comparisonSection({ preset: FLAGSHIP, seed, ...CONFIG.comparison }).section },
  {
    id: 'beyond',
    keys: ['thresholds', 'best', 'bestRate06', 'flagshipDeterministic'],
    run: async (summary) => {
      const r = await beyondSection({ seed, workers, quick, ...CONFIG.beyond });
      (summary.thresholds ??= []).push(...r.rows.filter((t) => t.pAtFer50 !== undefined && t.pAtFer1e2 !== undefined).map(thresholdEntry));
      const b = r.best['≥ 0.4'];
      if (b) summary.best = { network: `${b.network} ${b.variant}`, rate: b.rate, n: b.n, pAtFer1e2: b.pAtFer1e2!, shannonP: b.shannonP };
      const b6 = r.best['≥ 0.6'];
      if (b6) summary.bestRate06 = { network: `${b6.network} ${b6.variant}`, rate: b6.rate, n: b6.n, pAtFer1e2: b6.pAtFer1e2!, shannonP: b6.shannonP };
      const f = r.flagship;
      if (f?.pAtFer1e2 !== undefined) summary.flagshipDeterministic = { network: `${f.network} ${f.variant}`, rate: f.rate, n: f.n, pAtFer1e2: f.pAtFer1e2 };
      return r.section;
    },
  },
  {
    id: 'dynamics',
    keys: ['dynamics'],
    run: async (summary) => {
      const r = await dynamicsSection({ seed, workers, quick, ...CONFIG.dynamics });
      (summary.dynamics ??= []).push(...r.entries);
      return r.section;
    },
  },
];

function thresholdEntry(t: CurveSummary): NonNullable<Summary['thresholds']>[number] {
  return { network: `${t.network} ${t.variant}`, rate: t.rate, n: t.n, pAtFer50: t.pAtFer50!, pAtFer1e2: t.pAtFer1e2!, shannonP: t.shannonP };
}

const PENDING = [
  'Beyond the paper — other hidden-unit tunings (activation radius, tie rule) are not swept yet; the stochastic tunings are screened on the flagship only.',
];

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const out = values.out!;
  const only = values.only?.split(',');
  const update = values.update!;
  const unknown = only?.filter((id) => !SECTIONS.some((x) => x.id === id));
  if (unknown?.length) throw new Error(`hopcode/bench-paper: --only: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.map((x) => x.id).join(', ')})`);
  const owners: SectionKeys = Object.fromEntries(SECTIONS.map((x) => [x.id, x.keys as string[]]));
  let old: { readme: string; summary: Summary } | undefined;
  if (update) {
    if (!only) throw new Error('hopcode/bench-paper: --update replaces the sections named by --only: give --only');
    const [readme, sum] = [join(out, 'README.md'), join(out, 'summary.json')];
    for (const f of [readme, sum]) if (!existsSync(f)) throw new Error(`hopcode/bench-paper: --update: ${f} does not exist (run the full report into ${out} first)`);
    const summary = JSON.parse(readFileSync(sum, 'utf8')) as Summary;
    const mode = quick ? 'quick' : 'full';
    if (summary.mode !== mode) throw new Error(`hopcode/bench-paper: --update: ${sum} is a ${summary.mode} report; this run is ${mode}: sections of both modes would mix`);
    if (summary.seed !== seed) throw new Error(`hopcode/bench-paper: --update: ${sum} has seed ${summary.seed}, this run --seed ${seed}`);
    mergeSummary(summary as unknown as Record<string, unknown>, {}, only, owners); // refuse a shared key early
    old = { readme: readFileSync(readme, 'utf8'), summary };
  }
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const summary: Summary = { generated: new Date().toISOString(), mode: quick ? 'quick' : 'full', seed };
  const parts: string[] = [];
  const fresh: { id: string; title: string; markdown: string }[] = [];
  const timings: string[] = [];
  for (const s of SECTIONS.filter((x) => !only || only.includes(x.id))) {
    const ts = performance.now();
    process.stderr.write(`bench:paper: ${s.id} …\n`);
    const section = await s.run(summary);
    for (const f of section.figures) writeFileAtomic(join(out, f.file), await renderSvg(f.spec));
    const markdown = markdownSection(section);
    parts.push(`${sectionMarker(s.id)}\n${markdown}`);
    fresh.push({ id: s.id, title: section.title, markdown });
    const sec = (performance.now() - ts) / 1000;
    timings.push(`${s.id} ${sec.toFixed(1)} s`);
    process.stderr.write(`bench:paper: ${s.id} done in ${sec.toFixed(1)} s\n`);
  }
  const cpu = cpus();
  const total = (performance.now() - t0) / 1000;
  const command = `node dist/bench/paper.js${quick ? ' --quick' : ''} --seed ${seed}${values['rank-budget'] ? ` --rank-budget ${rankBudget}` : ''}${values.only ? ` --only ${values.only}` : ''}${update ? ' --update' : ''}`;
  if (old) {
    const commit = gitCommit();
    const merged = mergeSummary(old.summary as unknown as Record<string, unknown>, summary as unknown as Record<string, unknown>, only!, owners) as unknown as Summary;
    merged.updated = [...(old.summary.updated ?? []), { sections: only!, generated: summary.generated, commit }];
    const line = `- updated ${summary.generated} at commit ${commit}: ${only!.join(', ')} (\`${command}\`, ${total.toFixed(1)} s: ${timings.join(', ')})`;
    writeFileAtomic(join(out, 'README.md'), replaceSections(old.readme, fresh, line));
    writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(merged, null, 2)}\n`);
    process.stderr.write(`bench:paper: updated ${only!.join(', ')} in ${out}/README.md and summary.json in ${total.toFixed(1)} s\n`);
    return;
  }
  const head = [
    '# hopcode — the paper\'s claims, measured',
    'Chaudhuri & Fiete (NeurIPS 2019), *Bipartite expander Hopfield networks as self-decoding high-capacity error correcting codes*: ' +
      'each claim below is measured on hopcode\'s networks. This file is generated: do not edit it, rerun the command.',
    [
      `- command: \`npm run bench:paper${quick ? ' -- --quick' : ''}\` (\`${command}\`)`,
      `- mode: ${summary.mode}; master seed: ${seed}; generated ${summary.generated} at commit ${gitCommit()}`,
      `- machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}`,
      `- run time: ${total.toFixed(1)} s (${timings.join(', ')})`,
    ].join('\n'),
    `## Not measured yet\n\n${PENDING.map((p) => `- ${p}`).join('\n')}`,
  ];
  writeFileAtomic(join(out, 'README.md'), `${[...head, ...parts].join('\n\n')}\n`);
  writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stderr.write(`bench:paper: wrote ${out}/README.md, summary.json and ${SECTIONS.length} sections in ${total.toFixed(1)} s\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
