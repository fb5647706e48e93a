/**
 * hopcode/cli/outputs — checks shared by the commands that write files: is the place
 * writable (an existing folder, not a directory in the way, permission), and the plot
 * module loaded only by a command that draws.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './options.js';

/** The plot module loads Vega (≈ 0.3 s): only a command that draws pays for it. */
export const loadPlot = () => import('../sim/plot.js');

/** One line naming the problem when `path` cannot be written. */
export function checkWritable(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new UsageError(`cannot write ${path}: no such directory ${dir}`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`cannot write ${path}: it is a directory`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${path}: permission denied`);
  }
}

