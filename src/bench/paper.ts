/**
 * hopcode/bench/paper — `npm run bench:paper [-- --quick]`: the paper's claims, measured.
 *
 * Regenerates bench/report/: README.md (tables, figures, commands, machine, date,
 * seeds), one SVG per figure, and summary.json. Each claim is a section computed by
 * src/report/*; adding a section = one more entry in SECTIONS. Fields of summary.json
 * that are not computed yet are absent, never filled with placeholders.
 * Usage: node dist/bench/paper.js [--quick] [--seed 1] [--out bench/report] [--rank-budget SECONDS]
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FLAGSHIP } from '../network/presets.js';
import { capacitySection } from '../report/capacity.js';
import { energySection } from '../report/energy.js';
import { renderSvg } from '../report/figure.js';
import { comparisonSection } from '../report/hopfield-comparison.js';
import { rankWithBudget } from '../report/rank-budget.js';
import { markdownSection, type ReportSection } from '../report/section.js';
import { sparsitySection } from '../report/sparsity.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/report' },
    'rank-budget': { type: 'string' },
  },
});
const quick = values.quick!;
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`hopcode/bench-paper: --seed must be an integer, got ${values.seed}`);

/** Problem sizes per mode. The quick mode must finish in < 5 min on 2 cores. */
const CONFIG = quick
  ? {
      capacitySizes: [1000, 10000, 30000], rankBudget: 15, censusMaxN: 16,
      sparsitySizes: [1000, 10000, 100000],
      energy: { sizes: [1000, 4000], ps: [0.005, 0.01, 0.02], frames: 40 },
      comparison: { n: 500, ps: [0, 0.01, 0.05], trials: 50, frames: 100, densePatterns: 1024, smallNs: [16, 24, 32], denseCap: 2048 },
    }
  : {
      capacitySizes: [1000, 3000, 10000, 30000, 100000, 300000, 1000000], rankBudget: 300, censusMaxN: 20,
      sparsitySizes: [1000, 10000, 100000, 1000000],
      energy: { sizes: [1000, 4000, 16000], ps: [0.005, 0.01, 0.015, 0.02], frames: 200 },
      comparison: { n: 1000, ps: [0, 0.01, 0.05], trials: 100, frames: 500, densePatterns: 4096, smallNs: [16, 24, 32, 40], denseCap: 16384 },
    };
const rankBudget = values['rank-budget'] ? Number(values['rank-budget']) : CONFIG.rankBudget;

/** summary.json: only what was measured. */
interface Summary {
  generated: string;
  mode: 'quick' | 'full';
  seed: number;
  capacity?: { preset: string; n: number; log2States: number }[];
  // TODO(issue 6, FER engine): thresholds[], best{}, flagshipDeterministic{} — filled by the FER sections.
  thresholds?: { network: string; rate: number; n: number; pAtFer50: number; pAtFer1e2: number; shannonP: number }[];
  best?: { network: string; rate: number; n: number; pAtFer1e2: number; shannonP: number };
  flagshipDeterministic?: { network: string; rate: number; n: number; pAtFer1e2: number };
}

interface SectionRun {
  id: string;
  run: (summary: Summary) => Promise<ReportSection>;
}

const SECTIONS: SectionRun[] = [
  {
    id: 'capacity',
    run: async (summary) => {
      const r = await capacitySection({ sizes: CONFIG.capacitySizes, seed, rank: rankWithBudget(rankBudget), censusMaxN: CONFIG.censusMaxN });
      summary.capacity = r.rows.filter((x) => x.status === 'exact').map((x) => ({ preset: x.preset, n: x.n, log2States: x.log2States! }));
      r.section.intro += ` Rank budget: ${rankBudget} s per point.`;
      return r.section;
    },
  },
  // TODO(issue 6, claim 2): FER vs p at N ≈ 10^3, 4·10^3, 1.6·10^4, 6.4·10^4 for parity10-d5 and parity6-d3,
  //   p* (FER = 0.5 crossing extrapolated in N) with uncertainty; baselines min-sum, bit flipping, Shannon limit.
  //   Fills summary.thresholds and summary.flagshipDeterministic. Needs src/sim (simulation engine).
  { id: 'energy-sync', run: async () => energySection({ preset: FLAGSHIP, seed, schedule: 'sync', ...CONFIG.energy }).section },
  { id: 'energy-async', run: async () => energySection({ preset: FLAGSHIP, seed, schedule: 'async', ...CONFIG.energy }).section },
  { id: 'sparsity', run: async () => sparsitySection({ sizes: CONFIG.sparsitySizes, seed }).section },
  { id: 'hopfield-comparison', run: async () => comparisonSection({ preset: FLAGSHIP, seed, ...CONFIG.comparison }).section },
  // TODO(issue 6, beyond the paper): stochastic (annealed) and soft-field dynamics, radius / tie rule / local-code
  //   tunings; best network at rate ≥ 0.4 and ≥ 0.6 (target: p at FER 1e-2, N ≈ 16000, ≥ 1.3× the deterministic
  //   flagship, within 2× of Shannon). Fills summary.best.
];

const PENDING = [
  'Claim 2 — recovery from a finite fraction of errors: FER vs p, thresholds p*, baselines (min-sum, bit flipping, Shannon limit).',
  'Beyond the paper — stochastic and soft-field dynamics, other hidden-unit tunings, the best network at rate ≥ 0.4 and ≥ 0.6.',
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
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const summary: Summary = { generated: new Date().toISOString(), mode: quick ? 'quick' : 'full', seed };
  const parts: string[] = [];
  const timings: string[] = [];
  for (const s of SECTIONS) {
    const ts = performance.now();
    process.stderr.write(`bench:paper: ${s.id} …\n`);
    const section = await s.run(summary);
    for (const f of section.figures) writeFileSync(join(out, f.file), await renderSvg(f.spec));
    parts.push(markdownSection(section));
    const sec = (performance.now() - ts) / 1000;
    timings.push(`${s.id} ${sec.toFixed(1)} s`);
    process.stderr.write(`bench:paper: ${s.id} done in ${sec.toFixed(1)} s\n`);
  }
  const cpu = cpus();
  const total = (performance.now() - t0) / 1000;
  const head = [
    '# hopcode — the paper\'s claims, measured',
    'Chaudhuri & Fiete (NeurIPS 2019), *Bipartite expander Hopfield networks as self-decoding high-capacity error correcting codes*: ' +
      'each claim below is measured on hopcode\'s networks. This file is generated: do not edit it, rerun the command.',
    [
      `- command: \`npm run bench:paper${quick ? ' -- --quick' : ''}\` (\`node dist/bench/paper.js${quick ? ' --quick' : ''} --seed ${seed}\`)`,
      `- mode: ${summary.mode}; master seed: ${seed}; generated ${summary.generated} at commit ${gitCommit()}`,
      `- machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}`,
      `- run time: ${total.toFixed(1)} s (${timings.join(', ')})`,
    ].join('\n'),
    `## Not measured yet\n\n${PENDING.map((p) => `- ${p}`).join('\n')}`,
  ];
  writeFileSync(join(out, 'README.md'), `${[...head, ...parts].join('\n\n')}\n`);
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stderr.write(`bench:paper: wrote ${out}/README.md, summary.json and ${SECTIONS.length} sections in ${total.toFixed(1)} s\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
