/**
 * hopcode/cli/results-commands — `hopcode merge` and `hopcode plot`: additive results
 * files from several runs, shards or machines added up (overlapping chunks refused), and
 * drawn on one chart. Neither writes over one of its inputs; a cut last line (an
 * interrupted write) is left out and said so.
 */
import type { Command } from 'commander';
import { CSV_HEADER, formatCsvRow, readResults, writeResults } from '../sim/results-files.js';
import { mergeRows } from '../sim/results.js';
import { refuseInputAsOutput } from '../util/safe-output.js';
import { checkWritable, loadPlot } from './outputs.js';

export function registerResultsCommands(program: Command): void {
  program
    .command('merge <files...>')
    .description('merge results files from several runs or machines (counts add; overlapping chunks are refused)')
    .option('-o, --out <file>', 'write the merged rows here (default: standard output as CSV)')
    .action((files: string[], a: { out?: string }) => {
      if (a.out) refuseInputAsOutput(a.out, files, '--out');
      if (a.out) checkWritable(a.out);
      const rows = mergeRows(
        files.flatMap((f) => {
          const read = readResults(f);
          // a cut last line (an interrupted write) is left out, and said so
          for (const w of read.warnings) process.stderr.write(`hopcode: merge: ${w}\n`);
          return read.rows;
        }),
      );
      if (a.out) {
        writeResults(a.out, rows);
      } else {
        process.stdout.write(CSV_HEADER + '\n' + rows.map((r) => formatCsvRow(r) + '\n').join(''));
      }
    });

  program
    .command('plot <files...>')
    .description('plot FER and BER vs noise from saved results (several files on one chart)')
    .option('-o, --out <file>', 'SVG file', 'fer.svg')
    .action(async (files: string[], a: { out: string }) => {
      refuseInputAsOutput(a.out, files, '--out');
      checkWritable(a.out);
      for (const f of files) for (const w of readResults(f).warnings) process.stderr.write(`hopcode: plot: ${w}\n`);
      const { replotFiles } = await loadPlot();
      await replotFiles(files, a.out);
    });
}
