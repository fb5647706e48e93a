/**
 * hopcode/sim/run-spec — what a simulation run is, written into its results file.
 *
 * A run is fully described by a `RunSpec`: the code (preset, N and graph seed, or an
 * alist file's path and the SHA-256 of its contents), the decoder with every
 * parameter, the channel, the noise list, the stop rules, the chunk size, the frame
 * seed, the chunk range it owns (its shard) and the hopcode version that started it.
 * The spec is the first line of the results file (`# hopcode-run {json}` in CSV,
 * `{"hopcodeRun": {…}}` in JSONL), so `--resume FILE` alone continues exactly that run;
 * a later line with a new spec (e.g. raised stop rules) supersedes earlier ones.
 *
 * Shards (multi-machine runs): the chunk indices 0 … 2³² − 1 (chunk c's frames are
 * drawn from (seed, noise, c), sim/frame-batch.ts) are split into n contiguous blocks,
 * and shard i/n runs chunks from the start of block i, in order, with the stop rules
 * applied to its own chunks. Contiguous blocks keep the in-order stop rules (and so
 * the worker-count independence) of a single run; two shards of one n can never hold
 * the same chunk, so their rows add up under `merge` (which refuses any overlap).
 */
import type { ChannelKind } from '../channels/channel.js';
import { decoderName, decoderSpec, type DecoderSpec } from './decoder-spec.js';
import { canonicalJson, type ChunkRange } from './results.js';

/** Number of distinct chunk indices (the frame streams are keyed by a 32-bit chunk index). */
export const CHUNK_SPACE = 2 ** 32;

export interface StopRules {
  /** Stop a point after this many frame errors (0: no limit). */
  maxFe: number;
  /** Stop a point after this many frames (0: no limit). */
  maxFrames: number;
  /** Stop a point after this many seconds (0: no limit). */
  maxTime: number;
}

/** A preset (N after rounding), or an alist file by path and SHA-256 of its contents (label: as first named in tables and rows). */
export type CodeSpec = { preset: string; n: number; seed: string } | { alist: string; sha256: string; label?: string };

export interface Shard {
  index: number;
  count: number;
}

export interface RunSpec {
  /** hopcode version that started (or last changed) the run. */
  hopcode: string;
  code: CodeSpec;
  decoder: DecoderSpec;
  channel: ChannelKind;
  noise: number[];
  stop: StopRules;
  chunkFrames: number;
  /** Seed of the frames (and of a preset's graph). */
  seed: string;
  shard: Shard;
  /** Other files the run owns, relative to the results file's folder (rewritten on resume). */
  outputs?: { plot?: string; table?: string };
}

/** The chunk range a shard owns: [⌊i·2³²/n⌋, ⌊(i+1)·2³²/n⌋). */
export function shardRange(s: Shard): ChunkRange {
  return { first: Math.floor((s.index * CHUNK_SPACE) / s.count), end: Math.floor(((s.index + 1) * CHUNK_SPACE) / s.count) };
}

/** Parse `i/n` (0 ≤ i < n ≤ 65536); `flag` names the option in errors. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`hopcode/sim: ${flag} must be i/n (e.g. 0/4: shard 0 of 4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && count <= 65536)) throw new Error(`hopcode/sim: ${flag}: the number of shards must be 1 … 65536, got ${count}`);
  if (index >= count) throw new Error(`hopcode/sim: ${flag}: the shard index must be 0 … ${count - 1}, got ${index}`);
  return { index, count };
}

/** Names of the stop-rule options, for messages (the CLI passes its own flags). */
export type StopFlags = Record<keyof StopRules, string>;
const STOP_FLAGS: StopFlags = { maxFe: 'max frame errors', maxFrames: 'max frames', maxTime: 'max time' };

/** Stop rules must be finite, ≥ 0, and at least one of them set. */
export function validateStop(stop: StopRules, flags: StopFlags = STOP_FLAGS): void {
  for (const k of Object.keys(STOP_FLAGS) as (keyof StopRules)[]) {
    const v = stop[k];
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`hopcode/sim: ${flags[k]} must be a number ≥ 0, got ${v}`);
    if (k !== 'maxTime' && !Number.isSafeInteger(v)) throw new Error(`hopcode/sim: ${flags[k]} must be a whole number, got ${v}`);
  }
  if (stop.maxFe === 0 && stop.maxFrames === 0 && stop.maxTime === 0) {
    throw new Error(`hopcode/sim: no stop rule: ${flags.maxFe}, ${flags.maxFrames} and ${flags.maxTime} are all 0 (no limit): the run would never end`);
  }
}

const CHANNELS: readonly ChannelKind[] = ['bsc', 'bec', 'awgn'];

/** Validate a spec read from a file (or built by a caller); `where` prefixes messages. */
export function checkRunSpec(v: unknown, where: string): RunSpec {
  const fail = (msg: string): never => {
    throw new Error(`hopcode/sim: ${where}: the run specification ${msg}`);
  };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('is not a JSON object');
  const s = v as Record<string, unknown>;
  const obj = (k: string): Record<string, unknown> => {
    const x = s[k];
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return fail(`has no "${k}" object`);
    return x as Record<string, unknown>;
  };
  const code = obj('code');
  if (!(typeof code.preset === 'string' && Number.isSafeInteger(code.n) && typeof code.seed === 'string') && !(typeof code.alist === 'string' && typeof code.sha256 === 'string')) {
    fail('has a "code" that is neither {preset, n, seed} nor {alist, sha256}');
  }
  const d = obj('decoder');
  let decoder: DecoderSpec;
  try {
    const { name, rule, ...over } = d;
    // A stored network-ppbf spec without ppbfLanes was written before lane refill existed (or
    // is batch, which is written without the field): it continues in batch lanes.
    if (name === 'network-ppbf' && over.ppbfLanes === undefined) over.ppbfLanes = 'batch';
    decoder = decoderSpec(decoderName(String(name)), rule as DecoderSpec['rule'], over as Partial<DecoderSpec>);
  } catch (e) {
    return fail(`has a bad decoder: ${(e as Error).message.replace(/^hopcode\/sim: /, '')}`);
  }
  if (decoder.rule !== 'unit' && decoder.rule !== 'free-energy') fail(`has a bad decoder rule "${String(decoder.rule)}"`);
  if (!CHANNELS.includes(s.channel as ChannelKind)) fail(`has an unknown channel "${String(s.channel)}"`);
  if (!Array.isArray(s.noise) || s.noise.length === 0 || !s.noise.every((x) => Number.isFinite(x))) fail('has no list of noise values');
  const stop = obj('stop') as unknown as StopRules;
  try {
    validateStop({ maxFe: stop.maxFe, maxFrames: stop.maxFrames, maxTime: stop.maxTime });
  } catch (e) {
    fail(`has bad stop rules: ${(e as Error).message.replace(/^hopcode\/sim: /, '')}`);
  }
  if (!Number.isSafeInteger(s.chunkFrames) || (s.chunkFrames as number) < 1) fail(`has a bad chunkFrames ${String(s.chunkFrames)}`);
  if (typeof s.seed !== 'string') fail('has no seed');
  const shard = obj('shard');
  try {
    parseShard(`${String(shard.index)}/${String(shard.count)}`);
  } catch (e) {
    fail(`has a bad shard: ${(e as Error).message.replace(/^hopcode\/sim: --shard: /, '')}`);
  }
  return {
    hopcode: String(s.hopcode ?? 'unknown'),
    code: 'alist' in code ? { alist: code.alist as string, sha256: code.sha256 as string, ...(typeof code.label === 'string' ? { label: code.label } : {}) } : { preset: code.preset as string, n: code.n as number, seed: code.seed as string },
    decoder,
    channel: s.channel as ChannelKind,
    noise: (s.noise as number[]).slice(),
    stop: { maxFe: stop.maxFe, maxFrames: stop.maxFrames, maxTime: stop.maxTime },
    chunkFrames: s.chunkFrames as number,
    seed: s.seed as string,
    shard: { index: shard.index as number, count: shard.count as number },
    ...(s.outputs && typeof s.outputs === 'object' ? { outputs: s.outputs as RunSpec['outputs'] } : {}),
  };
}

/** The spec as one line (with newline) of a CSV or JSONL results file. */
export function specLine(spec: RunSpec, format: 'csv' | 'jsonl'): string {
  const json = canonicalJson(spec);
  return format === 'csv' ? `# hopcode-run ${json}\n` : `{"hopcodeRun":${json}}\n`;
}

/** The spec a file describes: its last spec line (a resume that changed the stop rules appends one). */
export function specOfFile(specs: readonly { line: number; value: unknown }[], file: string): RunSpec | undefined {
  const last = specs[specs.length - 1];
  return last ? checkRunSpec(last.value, `${file}: line ${last.line}`) : undefined;
}

/** Do two specs describe the same run, stop rules, version, outputs and an alist's path (its contents count) aside? */
export function sameProblem(a: RunSpec, b: RunSpec): boolean {
  const strip = ({ stop: _s, hopcode: _h, outputs: _o, code, ...rest }: RunSpec) => canonicalJson({ ...rest, code: 'alist' in code ? { sha256: code.sha256, label: code.label } : code });
  return strip(a) === strip(b);
}

/** A value of a spec, for messages ("N = 400", "decoder network-sync"). */
export function describeValue(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : typeof v === 'object' && v !== null ? canonicalJson(v) : String(v);
}
