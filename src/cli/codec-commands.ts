/**
 * hopcode/cli/codec-commands — `encode`, `decode`, `corrupt`, `inspect`: thin clients
 * of the storage codec (src/codec). Each is a plain function of parsed arguments and
 * output streams returning the exit code: 0 clean or corrected, 1 unrecoverable (the
 * report on stderr), 2 bad usage or unreadable input.
 */
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync, renameSync, rmSync } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { createCodec, CODEC_DEFAULTS } from '../codec/codec.js';
import { CodecError } from '../codec/errors.js';
import { formatReport, type DecodeReport } from '../codec/report.js';
import { HEADER_BYTES, readHeader } from '../codec/container.js';
import { engineFor } from '../codec/engine.js';
import { groupByteLength } from '../codec/interleave.js';
import { masterSeed, Rng } from '../util/rng.js';
import { parseLength, parseSeed, parseWorkers } from './options.js';

export interface CodecIo {
  stdout: Writable;
  stderr: Writable;
}

export interface EncodeArgs {
  input: string;
  output: string;
  preset?: string;
  /** -N/--length (inputs per block). */
  length?: string;
  seed?: string;
  interleave?: string;
  workers?: string;
}

export interface DecodeArgs {
  input: string;
  output: string;
  partial?: boolean;
  workers?: string;
}

export interface CorruptArgs {
  input: string;
  output: string;
  ber: string;
  seed?: string;
}

export interface InspectArgs {
  file: string;
  json?: boolean;
}

const say = (w: Writable, s: string): void => void w.write(s.endsWith('\n') ? s : s + '\n');

function int(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isInteger(x)) throw new CodecError('BAD_OPTIONS', `${flag} must be a whole number, got "${v}"`);
  return x;
}

/** --workers as every command takes it (0 … 64; 0 and 1 both mean this thread only for the codec). */
function workersOf(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Math.max(1, parseWorkers(v));
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (e) {
    throw new CodecError('BAD_OPTIONS', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function usage(io: CodecIo, e: unknown): number {
  say(io.stderr, `hopcode: ${(e as Error).message}`);
  return 2;
}

/** hopcode encode IN OUT [--preset -N/--length --seed --interleave --workers] */
export async function encodeCommand(args: EncodeArgs, io: CodecIo): Promise<number> {
  let codec;
  let size;
  try {
    size = fileSize(args.input);
    codec = createCodec({ preset: args.preset, n: args.length === undefined ? undefined : parseLength(args.length), seed: args.seed === undefined ? undefined : parseSeed(args.seed), interleave: int('--interleave', args.interleave), workers: workersOf(args.workers) });
  } catch (e) {
    return usage(io, e);
  }
  try {
    await pipeline(createReadStream(args.input), codec.encodeStream({ length: size }), createWriteStream(args.output));
  } catch (e) {
    return usage(io, e);
  } finally {
    await codec.close();
  }
  say(io.stderr, `hopcode: encoded ${size} bytes into ${codec.encodedLength(size)} (${codec.options.preset}, N = ${codec.options.n}, ${codec.payloadBytesPerBlock} bytes per block)`);
  return 0;
}

/** hopcode decode IN OUT [--partial --workers]: exit 0 clean or corrected, 1 unrecoverable. */
export async function decodeCommand(args: DecodeArgs, io: CodecIo): Promise<number> {
  let codec;
  try {
    fileSize(args.input);
    codec = createCodec({ workers: workersOf(args.workers) });
  } catch (e) {
    return usage(io, e);
  }
  const tmp = `${args.output}.hopcode-partial`;
  let report: DecodeReport | undefined;
  const dec = codec.decodeStream({ partial: args.partial === true });
  dec.on('report', (r: DecodeReport) => (report = r));
  try {
    await pipeline(createReadStream(args.input), dec, createWriteStream(tmp));
  } catch (e) {
    await codec.close();
    rmSync(tmp, { force: true });
    if (!(e instanceof CodecError)) return usage(io, e);
    say(io.stderr, `hopcode: ${e.message}`);
    if (e.report) say(io.stderr, `hopcode: ${formatReport(e.report)}`);
    return 1;
  }
  await codec.close();
  renameSync(tmp, args.output);
  if (report) say(io.stderr, `hopcode: ${formatReport(report)}`);
  return report && report.blocksFailed > 0 ? 1 : 0;
}

/** hopcode corrupt --ber P --seed S IN OUT: flip each bit independently with probability P. */
export async function corruptCommand(args: CorruptArgs, io: CodecIo): Promise<number> {
  const ber = Number(args.ber);
  if (args.ber === undefined || args.ber.trim() === '' || !(ber >= 0 && ber <= 1)) return usage(io, new Error(`--ber must be a number in [0, 1], got "${args.ber}"`));
  let rng: Rng;
  try {
    fileSize(args.input);
    rng = Rng.stream(masterSeed(parseSeed(args.seed ?? '1')), 0x63727074 /* 'crpt' */);
  } catch (e) {
    return usage(io, e);
  }
  // Geometric gaps between flipped bits: one random number per flip, not per bit.
  const gap = (): number => (ber >= 1 ? 0 : ber <= 0 ? Infinity : Math.floor(Math.log(1 - rng.double()) / Math.log1p(-ber)));
  let next = gap();
  let base = 0;
  let flips = 0;
  const flipper = new Transform({
    transform(chunk: Buffer, _e, cb) {
      const b = Buffer.from(chunk);
      const bits = b.length * 8;
      while (next < base + bits) {
        const t = next - base;
        b[t >>> 3]! ^= 1 << (t & 7);
        flips++;
        next += 1 + gap();
      }
      base += bits;
      cb(null, b);
    },
  });
  try {
    await pipeline(createReadStream(args.input), flipper, createWriteStream(args.output));
  } catch (e) {
    return usage(io, e);
  }
  say(io.stderr, `hopcode: flipped ${flips} of ${base} bits (BER ${ber})`);
  return 0;
}

/** hopcode inspect FILE [--json]: the container header, and what it implies. */
export async function inspectCommand(args: InspectArgs, io: CodecIo): Promise<number> {
  try {
    const size = fileSize(args.file);
    const fd = openSync(args.file, 'r');
    const head = new Uint8Array(Math.min(size, HEADER_BYTES));
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
    const { header: h, damagedCopies } = readHeader(head);
    const e = engineFor({ preset: h.preset, n: h.n, seed: h.seed, maxSweeps: CODEC_DEFAULTS.maxSweeps, decoder: 'auto' });
    const p = e.blocks.payloadBytes;
    const blocks = h.payloadLength === null ? null : Math.ceil(h.payloadLength / p);
    const expected = blocks === null ? null : HEADER_BYTES + Math.floor(blocks / h.interleave) * groupByteLength(h.interleave, h.n) + groupByteLength(blocks % h.interleave, h.n);
    const info = {
      file: args.file,
      size,
      formatVersion: h.version,
      preset: h.preset,
      n: h.n,
      k: e.blocks.k,
      seed: h.seed,
      interleave: h.interleave,
      payloadBytesPerBlock: p,
      payloadLength: h.payloadLength,
      blocks,
      expectedSize: expected,
      parityCheckHash: `0x${h.hHash.toString(16).padStart(8, '0')}`,
      networkMatches: e.hHash === h.hHash,
      headerCopiesDamaged: damagedCopies,
    };
    if (args.json) say(io.stdout, JSON.stringify(info));
    else for (const [k, v] of Object.entries(info)) say(io.stdout, `${k.padEnd(22)} ${v === null ? '(in trailer)' : String(v)}`);
    return 0;
  } catch (e) {
    if (e instanceof CodecError && e.code !== 'BAD_OPTIONS') {
      say(io.stderr, `hopcode: ${e.message}`);
      return 1;
    }
    return usage(io, e);
  }
}

/** Register the four commands on a commander program (for src/cli/main.ts). */
export function registerCodecCommands(program: Command, io: CodecIo = { stdout: process.stdout, stderr: process.stderr }): void {
  const done = (code: number): void => void (process.exitCode = code);
  program
    .command('encode <in> <out>')
    .description('protect a file against bit rot (hopcode container)')
    .option('--preset <name>', 'network preset', CODEC_DEFAULTS.preset)
    .option('-N, --length <N>', 'inputs per block', String(CODEC_DEFAULTS.n))
    .option('--seed <seed>', 'graph seed (integer)', String(CODEC_DEFAULTS.seed))
    .option('--interleave <D>', 'blocks per interleave group (multiple of 32)', String(CODEC_DEFAULTS.interleave))
    .option('--workers <W>', 'worker threads for files over 4 MiB (0 or 1: this thread only)', String(CODEC_DEFAULTS.workers))
    .action(async (input: string, output: string, o: Omit<EncodeArgs, 'input' | 'output'>) => done(await encodeCommand({ input, output, ...o }, io)));
  program
    .command('decode <in> <out>')
    .description('restore a file from a hopcode container (exit 1 if any block is unrecoverable)')
    .option('--partial', 'write the good data with unrecoverable ranges zero-filled (still exit 1)')
    .option('--workers <W>', 'worker threads for files over 4 MiB (0 or 1: this thread only)', String(CODEC_DEFAULTS.workers))
    .action(async (input: string, output: string, o: { partial?: boolean; workers?: string }) => done(await decodeCommand({ input, output, ...o }, io)));
  program
    .command('corrupt <in> <out>')
    .description('flip each bit independently with probability --ber (for testing)')
    .requiredOption('--ber <p>', 'bit error rate')
    .option('--seed <seed>', 'random seed', '1')
    .action(async (input: string, output: string, o: { ber: string; seed?: string }) => done(await corruptCommand({ input, output, ...o }, io)));
  program
    .command('inspect <file>')
    .description('print a container header')
    .option('--json', 'one JSON object')
    .action(async (file: string, o: { json?: boolean }) => done(await inspectCommand({ file, ...o }, io)));
}
