/**
 * hopcode/cli/network-commands — `info`, `census` and `export`: thin clients of the library.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeAlist } from '../codes/alist.js';
import { toGraphologyJson } from '../graphs/graphology-interop.js';
import { buildPreset, type Code } from '../network/code.js';
import { census } from '../network/census.js';
import { describe } from '../network/describe.js';
import { FLAGSHIP, presetByName } from '../network/presets.js';
import { parseIntOption, UsageError } from './options.js';

interface NetworkArgs {
  preset: string;
  n: string;
  seed: string;
}

function codeFrom(args: NetworkArgs): Code {
  return buildPreset({ preset: args.preset, n: parseIntOption('--n', args.n), seed: args.seed });
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

export function registerNetworkCommands(program: Command): void {
  program
    .command('info')
    .description('build a network and print its size, rate, stored states and expansion certificates')
    .option('--preset <name>', 'network preset', FLAGSHIP)
    .option('--n <N>', 'number of input neurons (rounded to a valid size)', '4096')
    .option('--seed <seed>', 'graph seed', '1')
    .option('--json', 'print one JSON object')
    .action((opts: NetworkArgs & { json?: boolean }) => {
      const info = describe(codeFrom(opts));
      const dyn = presetByName(opts.preset).dynamics;
      const dynamics = dyn ? `cluster-serial (${dyn.decoder}, ${dyn.order} order, ≤ ${dyn.maxSweeps} sweeps)` : `${info.schedule}, ${info.rule} rule`;
      if (opts.json) {
        if (dyn) Object.assign(info, { schedule: 'cluster-serial', decoder: dyn.decoder, clusterOrder: dyn.order, maxSweeps: dyn.maxSweeps });
        process.stdout.write(JSON.stringify(info) + '\n');
        return;
      }
      for (const note of info.notes) process.stderr.write(`note: ${note}\n`);
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
        ['σ2 / Ramanujan bound', `${info.sigma2.toFixed(3)} / ${info.ramanujanBound.toFixed(3)} (σ1 = ${info.sigma1.toFixed(3)})`],
        ['girth', `${info.girth}${info.girthExact ? '' : ' (sampled upper bound)'}`],
      ];
      for (const [k, v] of rows) process.stdout.write(`${k.padEnd(22)} ${v}\n`);
    });

  program
    .command('census')
    .description('enumerate all 2^N states of a small network (N ≤ 24): stored states and spurious fixed points')
    .option('--preset <name>', 'network preset', 'hamming7-d2')
    .option('--n <N>', 'number of input neurons', '14')
    .option('--seed <seed>', 'graph seed', '1')
    .option('--rule <rule>', 'input rule: unit or free-energy (default: the preset\'s)')
    .option('--json', 'print one JSON object')
    .action((opts: NetworkArgs & { json?: boolean; rule?: string }) => {
      if (opts.rule !== undefined && opts.rule !== 'unit' && opts.rule !== 'free-energy') {
        throw new UsageError(`--rule must be unit or free-energy, got "${opts.rule}"`);
      }
      const code = codeFrom(opts);
      const result = census(code, (opts.rule as 'unit' | 'free-energy' | undefined) ?? code.rule);
      if (opts.json) {
        process.stdout.write(JSON.stringify(result) + '\n');
        return;
      }
      for (const note of code.notes) process.stderr.write(`note: ${note}\n`);
      for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(20)} ${v}\n`);
    });

  program
    .command('export')
    .description('write the network\'s parity-check matrix (alist) or graph (graphology JSON)')
    .option('--preset <name>', 'network preset', FLAGSHIP)
    .option('--n <N>', 'number of input neurons', '4096')
    .option('--seed <seed>', 'graph seed', '1')
    .option('--format <format>', 'alist or graphology-json', 'alist')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .action((opts: NetworkArgs & { format: string; out?: string }) => {
      if (opts.format !== 'alist' && opts.format !== 'graphology-json') {
        throw new UsageError(`--format must be alist or graphology-json, got "${opts.format}"`);
      }
      const code = codeFrom(opts);
      const text = opts.format === 'alist' ? writeAlist(code.parityCheck) : JSON.stringify(toGraphologyJson(code.graph)) + '\n';
      if (opts.out) {
        try {
          writeFileSync(opts.out, text);
        } catch (e) {
          throw new UsageError(`cannot write ${opts.out}: ${(e as Error).message}`);
        }
      } else process.stdout.write(text);
    });
}
