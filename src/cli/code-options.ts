/**
 * hopcode/cli/code-options — the options that name a network, one way for every command:
 * `--preset NAME`, `-N/--length N`, `--seed S`, and (where a matrix makes sense)
 * `--alist FILE`. Sizes are checked against the limits before anything is built, a
 * rounded N and an alist's layout are said on stderr, and a code that stores nothing
 * (K = 0, more checks than bits) is refused.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parseAlistLayout } from '../codes/alist.js';
import { codeFromParityCheck } from '../network/code.js';
import { FLAGSHIP, PRESETS, presetByName, roundN } from '../network/presets.js';
import { presetSource, type CodeSource } from '../sim/code-source.js';
import { sha256Hex } from '../sim/results.js';
import { LIMITS, parseLength, parseSeed, UsageError } from './options.js';

export interface CodeArgs {
  preset: string;
  length: string;
  seed: string;
  alist?: string;
}

/** Preset names for help texts. */
export const PRESET_NAMES = Object.keys(PRESETS).join(', ');

/** Add --preset, -N/--length, --seed (and --alist when `alist`) to a command. */
export function addCodeOptions(cmd: Command, defaults: { preset?: string; length: string; seedHelp?: string; alist?: boolean }): Command {
  cmd
    .option('--preset <name>', `network preset: ${PRESET_NAMES}`, defaults.preset ?? FLAGSHIP)
    .option('-N, --length <N>', `number of inputs N, rounded to a valid size (at most ${LIMITS.length})`, defaults.length)
    .option('--seed <seed>', defaults.seedHelp ?? 'graph seed (0 … 4294967295)', '1');
  if (defaults.alist) cmd.option('--alist <file>', 'use this parity-check matrix (alist, "N M" or "M N" layout) instead of a preset');
  return cmd;
}

/** The N a preset will be built at, checked against `maxN` before building. */
export function plannedLength(args: CodeArgs, maxN: number = LIMITS.length, why = ''): number {
  const requested = parseLength(args.length);
  let p;
  try {
    p = presetByName(args.preset);
  } catch (e) {
    throw new UsageError(`--preset: ${(e as Error).message.replace(/^hopcode\/\w+: /, '')}`);
  }
  let n;
  try {
    n = roundN(p, requested).n;
  } catch (e) {
    throw new UsageError(`-N/--length: ${(e as Error).message.replace(/^hopcode\/\w+: /, '')}`);
  }
  if (n > maxN) throw new UsageError(`-N/--length ${requested}${n !== requested ? ` (N = ${n} after rounding)` : ''} is above ${maxN}${why ? `, ${why}` : ''}`);
  return n;
}

/** Read an alist as a code source, naming its layout on stderr; refuses K = 0 shapes. */
export function alistCodeSource(path: string, maxN: number = LIMITS.length, why = '', say: (s: string) => void = (s) => process.stderr.write(s)): CodeSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--alist: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const read = parseAlistLayout(text, path);
  const { h } = read;
  if (h.cols > maxN) throw new UsageError(`${path}: N = ${h.cols} bits is above ${maxN}${why ? `, ${why}` : ''}`);
  if (h.rows >= h.cols) throw new UsageError(`${path}: ${h.rows} checks on ${h.cols} bits: K = N − rank H would be ${h.rows === h.cols ? 'at most the rank deficiency' : '0'}; a code needs fewer checks than bits`);
  for (let r = 0; r < h.rows; r++) {
    const w = h.rowPtr[r + 1]! - h.rowPtr[r]!;
    const where = `${path}: line ${read.checkLines[r]}: check ${r + 1}`;
    if (w < 2) throw new UsageError(`${where} has weight ${w}: a check on ${w === 0 ? 'no bit' : 'one bit (it fixes the bit to 0)'} is not a constraint a network can hold; hopcode needs checks of weight 2 … 31`);
    if (w > 31) throw new UsageError(`${where} has weight ${w}: hopcode holds checks of weight 2 … 31`);
  }
  say(`hopcode: note: ${read.note}\n`); // said once the matrix is known to be usable
  const name = path.split('/').pop()!.replace(/\.alist$/, '');
  const code = codeFromParityCheck(h, name);
  return { code, id: { alistSha256: sha256Hex(text) }, label: `${name} N=${code.n}` };
}

/** Build the network the options name; say what was changed (N rounded …) on stderr. */
export function codeSourceOf(args: CodeArgs, opts: { maxN?: number; why?: string; say?: (s: string) => void } = {}): CodeSource {
  const say = opts.say ?? ((s: string) => process.stderr.write(s));
  if (args.alist !== undefined) return alistCodeSource(args.alist, opts.maxN, opts.why, say);
  const n = plannedLength(args, opts.maxN, opts.why);
  const seed = parseSeed(args.seed);
  if (n >= 100_000) say(`hopcode: building ${args.preset} at N = ${n} (seconds per 10^5 inputs) …\n`); // long commands are never silent
  const source = presetSource(args.preset, parseLength(args.length), String(seed));
  for (const note of source.code.notes) say(`hopcode: note: ${note}\n`);
  return source;
}

/** Refuse a code whose exact rank leaves nothing to store (needs the rank: call where K is computed anyway). */
export function requirePositiveK(source: CodeSource): void {
  if (source.code.log2States === 0) throw new UsageError(`${source.label}: K = 0 (H has full column rank): the code holds one word and an FER of 0 would mean nothing`);
}
