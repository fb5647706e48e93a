/**
 * hopcode/cli/network-commands — `info`, `census` and `export`: thin clients of the library.
 *
 * The network options (--preset, -N/--length, --seed, --alist) come from code-options, so
 * every command checks them the same way, refuses sizes above the limits before
 * building, and says on stderr when N was rounded.
 */
import type { Command } from 'commander';
import { writeAlist } from '../codes/alist.js';
import { toGraphologyJson } from '../graphs/graphology-interop.js';
import { census, CENSUS_MAX_N } from '../network/census.js';
import { describe, DESCRIBE_BUDGET } from '../network/describe.js';
import { writeFileAtomic } from '../util/safe-output.js';
import { addCodeOptions, codeSourceOf, type CodeArgs } from './code-options.js';
import { UsageError } from './options.js';
import { presetByName } from '../network/presets.js';

function fmt(v: number | null): string {
  if (v === null) return 'not computed';
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** Progress on stderr for long steps (large N), so a long command is never silent. */
function stepper(n: number, command: string): (what: string) => void {
  const t0 = Date.now();
  return n >= 100_000 ? (what) => process.stderr.write(`hopcode: ${command}: ${what} … (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`) : () => {};
}

export function registerNetworkCommands(program: Command): void {
  addCodeOptions(
    program
      .command('info')
      .description('build a network and print its size, rate, stored states and expansion certificates')
      .addHelpText('after', `\nAbove N = ${DESCRIBE_BUDGET.rankMaxN} the exact rank (and above ${DESCRIBE_BUDGET.spectrumMaxN} σ₂) is reported as not computed unless --full.\n\nExamples:\n  hopcode info\n  hopcode info --preset parity6-d3 -N 100000 --json\n  hopcode info --alist code.alist`),
    { length: '4096', alist: true },
  )
    .option('--full', 'compute the exact rank and σ₂ whatever N (minutes at N = 10^6)')
    .option('--json', 'print one JSON object')
    .action((opts: CodeArgs & { json?: boolean; full?: boolean }) => {
      const source = codeSourceOf(opts);
      const info = describe(source.code, { full: opts.full === true, onStep: stepper(source.code.n, 'info') });
      for (const s of info.skipped) process.stderr.write(`hopcode: note: not computed: ${s} (--full computes it)\n`);
      const dyn = opts.alist ? undefined : presetByName(opts.preset).dynamics;
      const dynamics = dyn ? `cluster-serial (${dyn.decoder}, ${dyn.order} order, ${dyn.accept} acceptance, ≤ ${dyn.maxSweeps} sweeps)` : `${info.schedule}, ${info.rule} rule`;
      if (opts.json) {
        if (dyn) Object.assign(info, { schedule: 'cluster-serial', decoder: dyn.decoder, clusterOrder: dyn.order, serialAccept: dyn.accept, maxSweeps: dyn.maxSweeps });
        process.stdout.write(JSON.stringify(info) + '\n');
        return;
      }
      const rows: [string, string][] = [
        ['network', info.name],
        ['inputs N', fmt(info.n)],
        ['constraints M', fmt(info.m)],
        ['input degree d', fmt(info.d)],
        ['constraint degree z', fmt(info.z)],
        ['local code', `${info.localCode} (radius ${info.radius})`],
        ['dynamics', dynamics],
        ['design rate', fmt(info.designRate)],
        ['exact rate K/N', fmt(info.rate)],
        ['log2(stored states)', fmt(info.log2States)],
        ['hidden units', fmt(info.hiddenUnits)],
        ['edges', fmt(info.edges)],
        ['weight values', info.weightValues.join(', ')],
        ['lateral inhibition λ', fmt(info.lateralInhibition)],
        ['σ2 / Ramanujan bound', info.sigma2 === null ? `not computed / ${info.ramanujanBound.toFixed(3)}` : `${info.sigma2.toFixed(3)} / ${info.ramanujanBound.toFixed(3)} (σ1 = ${info.sigma1!.toFixed(3)})`],
        ['girth', `${info.girth}${info.girthExact ? '' : ' (sampled upper bound)'}`],
      ];
      for (const [k, v] of rows) process.stdout.write(`${k.padEnd(22)} ${v}\n`);
    });

  addCodeOptions(
    program
      .command('census')
      .description(`enumerate all 2^N states of a small network (N ≤ ${CENSUS_MAX_N}): stored states and spurious fixed points`)
      .addHelpText('after', '\nExamples:\n  hopcode census\n  hopcode census --preset hamming7-d2 -N 21 --rule unit --json'),
    { preset: 'hamming7-d2', length: '14', alist: true },
  )
    .option('--rule <rule>', "input rule: unit or free-energy (default: the preset's)")
    .option('--json', 'print one JSON object')
    .action((opts: CodeArgs & { json?: boolean; rule?: string }) => {
      if (opts.rule !== undefined && opts.rule !== 'unit' && opts.rule !== 'free-energy') {
        throw new UsageError(`--rule must be unit or free-energy, got "${opts.rule}"`);
      }
      const { code } = codeSourceOf(opts, { maxN: CENSUS_MAX_N, why: `the most census enumerates (2^${CENSUS_MAX_N} states)` });
      const t0 = Date.now();
      const progress = code.n >= 20 ? (f: number) => process.stderr.write(`hopcode: census: ${(100 * f).toFixed(0)} % of 2^${code.n} states (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`) : undefined;
      const result = census(code, (opts.rule as 'unit' | 'free-energy' | undefined) ?? code.rule, progress);
      if (opts.json) {
        process.stdout.write(JSON.stringify(result) + '\n');
        return;
      }
      for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(20)} ${v}\n`);
    });

  addCodeOptions(
    program
      .command('export')
      .description("write the network's parity-check matrix (alist) or graph (graphology JSON)")
      .addHelpText('after', '\nExamples:\n  hopcode export -N 1000 -o h.alist\n  hopcode export --preset parity6-d3 -N 120 --format graphology-json | head'),
    { length: '4096' },
  )
    .option('--format <format>', 'alist or graphology-json', 'alist')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .action((opts: CodeArgs & { format: string; out?: string }) => {
      if (opts.format !== 'alist' && opts.format !== 'graphology-json') {
        throw new UsageError(`--format must be alist or graphology-json, got "${opts.format}"`);
      }
      const { code } = codeSourceOf(opts);
      const text = opts.format === 'alist' ? writeAlist(code.parityCheck) : JSON.stringify(toGraphologyJson(code.graph)) + '\n';
      if (opts.out) {
        try {
          writeFileAtomic(opts.out, text);
        } catch (e) {
          throw new UsageError(`cannot write ${opts.out}: ${(e as Error).message}`);
        }
      } else process.stdout.write(text);
    });
}
