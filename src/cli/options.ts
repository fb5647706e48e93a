/**
 * hopcode/cli/options — parsing and validation of command-line values, shared by every
 * command so that one option is checked one way everywhere (`--seed`, `--workers`,
 * `-N/--length` …), before anything is built or written.
 *
 * A `UsageError` is bad input from the user: the CLI prints it on one line and
 * exits with code 2, never with a stack trace. Messages name the option as the user
 * types it (`--max-fe`, never `maxFe`) and, for a limit, the limit.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Limits checked before any work starts (issue 13: a size is refused at once, not after
 * minutes and gigabytes). 2^20 inputs covers the N = 10^6 networks the readers and
 * `info` are built for; chunk and sweep caps keep one chunk a bounded amount of work.
 */
export const LIMITS = {
  length: 1 << 20,
  chunkFrames: 1 << 20,
  maxSweeps: 100_000,
  workers: 64,
} as const;

/** Parse a whole number given on the command line, optionally within [min, max]. */
export function parseIntOption(flag: string, text: string, range: { min?: number; max?: number; why?: string } = {}): number {
  const v = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isSafeInteger(v)) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  if (range.min !== undefined && v < range.min) throw new UsageError(`${flag} must be at least ${range.min}, got ${v}`);
  if (range.max !== undefined && v > range.max) throw new UsageError(`${flag} must be at most ${range.max}${range.why ? ` (${range.why})` : ''}, got ${v}`);
  return v;
}

/** Parse a real number given on the command line, optionally within [min, max]. */
export function parseNumberOption(flag: string, text: string, range: { min?: number; max?: number } = {}): number {
  const v = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${flag} must be a number, got "${text}"`);
  if (range.min !== undefined && v < range.min) throw new UsageError(`${flag} must be at least ${range.min}, got ${v}`);
  if (range.max !== undefined && v > range.max) throw new UsageError(`${flag} must be at most ${range.max}, got ${v}`);
  return v;
}

/** `--seed`: a whole number 0 … 2^32 − 1 for every command (the codec stores it in 4 bytes). */
export function parseSeed(text: string, flag = '--seed'): number {
  return parseIntOption(flag, text, { min: 0, max: 0xffffffff });
}

/** `--workers`: 0 (this thread only) … 64. */
export function parseWorkers(text: string, flag = '--workers'): number {
  return parseIntOption(flag, text, { min: 0, max: LIMITS.workers });
}

/** `-N/--length`: the requested number of inputs, 1 … LIMITS.length. */
export function parseLength(text: string, flag = '-N/--length'): number {
  return parseIntOption(flag, text, { min: 1, max: LIMITS.length, why: 'the largest network hopcode builds' });
}

/** `--chunk-frames`: 1 … LIMITS.chunkFrames. */
export function parseChunkFrames(text: string, flag = '--chunk-frames'): number {
  return parseIntOption(flag, text, { min: 1, max: LIMITS.chunkFrames, why: 'a chunk is the unit of work and of stopping' });
}

/** `--max-sweeps`: 1 … LIMITS.maxSweeps. */
export function parseMaxSweeps(text: string, flag = '--max-sweeps'): number {
  return parseIntOption(flag, text, { min: 1, max: LIMITS.maxSweeps, why: 'the decoders converge in tens of sweeps' });
}

/**
 * Spellings that changed: each was one dash away from another option (`--n` vs `-n`,
 * `--e` vs `-e`), so a slip silently changed the run. They are refused with the new name.
 */
export const RENAMED: Readonly<Record<string, string>> = {
  '--n': '--n is now -N/--length (N, the number of inputs); -n is --max-frames',
  '--e': '--e is now --erasure (BEC erasure probabilities); -e is --max-fe',
};

/** Throw a UsageError if argv (after the command name) uses a renamed spelling. */
export function checkRenamed(argv: readonly string[]): void {
  for (const tok of argv) {
    if (tok === '--') return;
    const name = tok.split('=')[0]!;
    const msg = RENAMED[name];
    if (msg !== undefined) throw new UsageError(msg);
  }
}
