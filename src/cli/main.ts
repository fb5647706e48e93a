#!/usr/bin/env node
/**
 * hopcode/cli — the `hopcode` command: a thin client of the library API.
 *
 * Every command's logic lives in the library; this file only wires commands and turns
 * errors into one line on stderr and an exit code (2: bad usage or bad input).
 */
import { Command, CommanderError } from 'commander';
import { registerNetworkCommands } from './network-commands.js';
import { registerCodecCommands } from './codec-commands.js';
import { registerQueueCommands } from './queue-commands.js';
import { registerSimulateCommands } from './simulate-command.js';
import { registerResultsCommands } from './results-commands.js';
import { VERSION } from '../version.js';
import { exitQuietlyOnEpipe } from './epipe.js';
import { checkRenamed } from './options.js';

exitQuietlyOnEpipe(process.stdout);
exitQuietlyOnEpipe(process.stderr);

const program = new Command();
program
  .name('hopcode')
  .description('Bipartite expander Hopfield networks as self-decoding error-correcting codes')
  .version(VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerNetworkCommands(program);
registerSimulateCommands(program);
registerResultsCommands(program);
registerCodecCommands(program);
registerQueueCommands(program);

try {
  checkRenamed(process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version requests end here with exit code 0; parse errors were already printed.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`hopcode: ${msg}\n`);
    process.exitCode = (e as { exitCode?: number }).exitCode ?? 2;
  }
}
