/**
 * hopcode/sim/noise-range — the noise points of a sweep, from a command-line value.
 *
 * Forms: a range `start:stop:step` (AFF3CT's -m/-M/-s in one value; the step may have
 * either sign and must point from start towards stop; stop is included when it lies
 * on the grid within 1e-9 of a step), a list `0.01,0.02,0.04`, or one number. Grid
 * values are computed as start + i·step (no accumulated rounding) and rounded to 12
 * significant digits, so 0.08:0.01:-0.005 gives 0.08, 0.075, …, 0.01 exactly as typed.
 * Errors read `hopcode/sim: --p: …`.
 */

export interface NoiseRangeOptions {
  /** The flag, for error messages (default '--p'). */
  flag?: string;
  /** Smallest allowed value (default 0; -Infinity for dB). */
  min?: number;
  /** Largest allowed value (default 1; Infinity for dB). */
  max?: number;
  /** Most points a range may produce (default 10 000). */
  maxPoints?: number;
}

/** Bounds for each channel's noise flag: probabilities for BSC/BEC, any dB for AWGN. */
export const NOISE_BOUNDS = {
  bsc: { flag: '--p', min: 0, max: 1 },
  bec: { flag: '--erasure', min: 0, max: 1 },
  awgn: { flag: '--ebno', min: -Infinity, max: Infinity },
} as const;

function tidy(v: number): number {
  const r = Number(v.toPrecision(12));
  return r === 0 ? 0 : r; // no -0
}

/** Parse a noise value list or range into the points to simulate, in the order given. */
export function parseNoiseRange(text: string, opts: NoiseRangeOptions = {}): number[] {
  const flag = opts.flag ?? '--p';
  const min = opts.min ?? 0;
  const max = opts.max ?? 1;
  const maxPoints = opts.maxPoints ?? 10_000;
  const fail = (msg: string): never => {
    throw new Error(`hopcode/sim: ${flag}: ${msg}`);
  };
  const num = (s: string, what: string): number => {
    const t = s.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) fail(`${what} "${s}" is not a number`);
    return v;
  };
  const src = text.trim();
  if (src === '') fail('empty value: give a number, a list a,b,c or a range start:stop:step');
  let points: number[];
  if (src.includes(':')) {
    const parts = src.split(':');
    if (parts.length !== 3) fail(`a range is start:stop:step, got "${text}"`);
    const start = num(parts[0]!, 'start');
    const stop = num(parts[1]!, 'stop');
    const step = num(parts[2]!, 'step');
    if (step === 0) fail('the step is 0');
    const span = stop - start;
    if (span !== 0 && Math.sign(span) !== Math.sign(step)) fail(`the step ${step} points away from stop ${stop} (start ${start}): use ${-step}`);
    const count = Math.floor(span / step + 1e-9) + 1;
    if (count > maxPoints) fail(`the range has ${count} points, more than ${maxPoints}`);
    points = Array.from({ length: count }, (_, i) => tidy(start + i * step));
  } else {
    const items = src.split(',');
    points = items.map((s, i) => {
      if (s.trim() === '') fail(`item ${i + 1} of the list is empty`);
      return tidy(num(s, `item ${i + 1}`));
    });
  }
  const seen = new Set<number>();
  for (const v of points) {
    if (v < min || v > max) fail(`${v} lies outside [${min}, ${max}]`);
    if (seen.has(v)) fail(`${v} appears twice`);
    seen.add(v);
  }
  return points;
}
