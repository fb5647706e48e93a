/**
 * hopcode/cli/options — parsing and validation of command-line values.
 *
 * A `UsageError` is bad input from the user: the CLI prints it on one line and
 * exits with code 2, never with a stack trace.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parse a whole number given on the command line. */
export function parseIntOption(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v)) throw new UsageError(`${flag} must be a whole number, got "${text}"`);
  return v;
}

/** Parse a real number given on the command line. */
export function parseNumberOption(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${flag} must be a number, got "${text}"`);
  return v;
}
