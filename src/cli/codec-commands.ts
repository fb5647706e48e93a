/**
 * hopcode/cli/codec-commands — `encode`, `decode`, `corrupt`, `inspect`: thin clients
 * of the storage codec (src/codec). Each is a plain function of parsed arguments and
 * output streams returning the exit code: 0 clean or corrected, 1 unrecoverable (the
 * report on stderr), 2 bad usage, unreadable input or an input that is not a container.
 * Outputs never destroy data: an output that is an input (same path, symlink, hard
 * link) or a directory is refused before anything is opened, and every file output goes
 * to a temporary file in the same folder, renamed only when complete (util/safe-output).
 * "-" reads stdin / writes stdout.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { createCodec, CODEC_DEFAULTS } from '../codec/codec.js';
import { CodecError } from '../codec/errors.js';
import { formatBadRanges, formatReport, type DecodeReport } from '../codec/report.js';
import { failureError } from '../codec/fold.js';
import { containerBytes, TAIL_BYTES, TAIL_COPIES, TAIL_RECORD_BYTES, tailLengthAt, writeRecord } from '../codec/container.js';
import { LOCATE_BYTES, readHeader } from '../codec/locate.js';
import { engineFor } from '../codec/engine.js';
import { DEFAULT_PROFILE, describeNetwork, PROFILE_NAMES, PROFILES, profileOf, profileOfNetwork } from '../codec/profiles.js';
import { groupByteLength } from '../codec/interleave.js';
import { HEADER_BYTES as V1_HEADER_BYTES } from '../codec/container-v1.js';
import { masterSeed, Rng } from '../util/rng.js';
import { AtomicFile, OutputConflictError, refuseInputAsOutput, writeFileAtomic } from '../util/safe-output.js';
import { parseLength, parseSeed, parseWorkers } from './options.js';

export interface CodecIo {
  stdout: Writable;
  stderr: Writable;
  /** Read for the input "-" (default process.stdin). */
  stdin?: Readable;
}

export interface EncodeArgs {
  input: string;
  output: string;
  /** --profile (default: `default`, unless --preset/-N/--seed choose the network). */
  profile?: string;
  preset?: string;
  /** -N/--length (inputs per block). */
  length?: string;
  seed?: string;
  interleave?: string;
  workers?: string;
  fileSeed?: string;
}

export interface DecodeArgs {
  input: string;
  output: string;
  partial?: boolean;
  workers?: string;
  /** Write every bad range (tab-separated: start end block blocks reason) to this file. */
  badRanges?: string;
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

/** One error line with one prefix: codec messages already start with `hopcode/codec:`. */
const errorLine = (message: string): string => (/^hopcode[:/]/.test(message) ? message : `hopcode: ${message}`);

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
    const st = statSync(path);
    if (st.isDirectory()) throw new CodecError('BAD_OPTIONS', `${path} is a directory, not a file`);
    return st.size;
  } catch (e) {
    if (e instanceof CodecError) throw e;
    throw new CodecError('BAD_OPTIONS', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The last `n` bytes of a file (the tail copies of the header). */
function lastBytes(path: string, n: number): Uint8Array {
  const size = fileSize(path);
  const b = new Uint8Array(Math.min(size, n));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, b, 0, b.length, size - b.length);
  } finally {
    closeSync(fd);
  }
  return b;
}

/** Refuse an output that is an input, or a directory, before anything is opened. */
function checkOutput(output: string, inputs: string[]): void {
  refuseInputAsOutput(output, inputs);
  if (output === '-') return;
  let dir = false;
  try {
    dir = statSync(output).isDirectory();
  } catch {
    /* does not exist yet: fine */
  }
  if (dir) throw new OutputConflictError(`output ${output} is a directory: name a file`);
}

function usage(io: CodecIo, e: unknown): number {
  say(io.stderr, errorLine((e as Error).message));
  return 2;
}

/** Exit code of a codec error: 2 when the input is not a container this build reads (or bad usage), 1 when data cannot be restored. */
function codecExit(e: CodecError): number {
  return e.code === 'BAD_MAGIC' || e.code === 'BAD_OPTIONS' || e.code === 'UNSUPPORTED_VERSION' ? 2 : 1;
}

function source(path: string, io: CodecIo): Readable {
  return path === '-' ? (io.stdin ?? process.stdin) : createReadStream(path);
}

/** A sink that is either stdout (never ended: process.stdout must stay open) or a temporary file renamed over `path` on commit. */
function sink(path: string, io: CodecIo): { stream: Writable; commit(): void; abort(): void } {
  if (path === '-') {
    const stream = new Writable({ write: (c: Buffer, _e, cb) => void io.stdout.write(c, (err) => cb(err ?? null)) });
    return { stream, commit: () => undefined, abort: () => undefined };
  }
  const f = new AtomicFile(path);
  return { stream: f.stream(), commit: () => f.commit(), abort: () => f.abort() };
}

/** Counts the bytes going through. */
function counter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(c: Buffer, _e, cb) {
      t.bytes += c.length;
      cb(null, c);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/** hopcode encode IN OUT [--profile --preset -N/--length --seed --interleave --workers --file-seed]; "-" is stdin / stdout. */
export async function encodeCommand(args: EncodeArgs, io: CodecIo): Promise<number> {
  let codec;
  let size: number | undefined;
  try {
    checkOutput(args.output, [args.input]);
    size = args.input === '-' ? undefined : fileSize(args.input);
    codec = createCodec({ profile: args.profile, preset: args.preset, n: args.length === undefined ? undefined : parseLength(args.length), seed: args.seed === undefined ? undefined : parseSeed(args.seed), interleave: int('--interleave', args.interleave), workers: workersOf(args.workers), fileSeed: int('--file-seed', args.fileSeed) });
  } catch (e) {
    return usage(io, e);
  }
  let out;
  try {
    out = sink(args.output, io);
  } catch (e) {
    await codec.close();
    return usage(io, e);
  }
  const count = counter();
  try {
    await pipeline(source(args.input, io), count, codec.encodeStream(size === undefined ? {} : { length: size }), out.stream);
    out.commit();
  } catch (e) {
    out.abort();
    return usage(io, e);
  } finally {
    await codec.close();
  }
  const total = count.bytes;
  say(io.stderr, `hopcode: encoded ${total} bytes into ${codec.encodedLength(total)} (profile ${codec.options.profile}: ${codec.options.preset}, N = ${codec.options.n}, interleave ${codec.options.interleave}, ${codec.payloadBytesPerBlock} bytes per block)`);
  return 0;
}

/** hopcode decode IN OUT [--partial --bad-ranges FILE --workers]: exit 0 clean or corrected, 1 unrecoverable, 2 not a container / bad usage. */
export async function decodeCommand(args: DecodeArgs, io: CodecIo): Promise<number> {
  let codec;
  try {
    checkOutput(args.output, [args.input]);
    if (args.badRanges !== undefined) checkOutput(args.badRanges, [args.input, args.output]);
    if (args.input !== '-') fileSize(args.input);
    codec = createCodec({ workers: workersOf(args.workers) });
  } catch (e) {
    return usage(io, e);
  }
  // A file output goes to a temporary file, so the decoder can run in partial mode and
  // count every group; without --partial the temporary file is dropped on failure. On
  // stdout, bytes cannot be taken back: the stream stops before the first bad group.
  const toStdout = args.output === '-';
  const partial = args.partial === true || !toStdout;
  let report: DecodeReport | undefined;
  let out;
  try {
    out = sink(args.output, io);
  } catch (e) {
    await codec.close();
    return usage(io, e);
  }
  const dec = codec.decodeStream({ partial, tail: args.input === '-' ? undefined : lastBytes(args.input, TAIL_BYTES) });
  dec.on('report', (r: DecodeReport) => (report = r));
  try {
    await pipeline(source(args.input, io), dec, out.stream);
  } catch (e) {
    out.abort();
    await codec.close();
    if (!(e instanceof CodecError)) return usage(io, e);
    say(io.stderr, errorLine(e.message));
    if (e.report) finalWords(e.report, args, io, true);
    return codecExit(e);
  }
  await codec.close();
  const r = report!;
  const failed = r.blocksFailed > 0;
  if (failed && !args.partial) {
    out.abort();
    say(io.stderr, errorLine(failureError(r).message));
    say(io.stderr, `hopcode: no output written (--partial keeps the good data, zero-filling the bad ranges)`);
  } else {
    try {
      out.commit();
    } catch (e) {
      return usage(io, new Error(`cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
    }
  }
  finalWords(r, args, io, false);
  return failed ? 1 : 0;
}

/** Notices, the summary and (on request) every bad range. */
function finalWords(r: DecodeReport, args: DecodeArgs, io: CodecIo, stopped: boolean): void {
  for (const n of r.notices) say(io.stderr, `hopcode: warning: ${n}`);
  say(io.stderr, `hopcode: ${formatReport(r)}${stopped ? ' (decoding stopped there)' : ''}`);
  if (r.truncated && args.partial) say(io.stderr, `hopcode: the input is truncated: the output stops where the container's data stops`);
  if (args.badRanges !== undefined) {
    writeFileAtomic(args.badRanges, `# start\tend\tblock\tblocks\treason (byte ranges [start, end) of the original data that were not restored)\n${formatBadRanges(r)}`);
    say(io.stderr, `hopcode: ${r.badRanges.length} bad ranges written to ${args.badRanges}`);
  } else if (r.badRanges.length > 10) say(io.stderr, `hopcode: ${r.badRanges.length} bad ranges in all: --bad-ranges FILE lists them`);
}

/** hopcode corrupt --ber P --seed S IN OUT: flip each bit independently with probability P. */
export async function corruptCommand(args: CorruptArgs, io: CodecIo): Promise<number> {
  const ber = Number(args.ber);
  if (args.ber === undefined || args.ber.trim() === '' || !(ber >= 0 && ber <= 1)) return usage(io, new Error(`--ber must be a number in [0, 1], got "${args.ber}"`));
  let rng: Rng;
  let out;
  try {
    checkOutput(args.output, [args.input]);
    if (args.input !== '-') fileSize(args.input);
    rng = Rng.stream(masterSeed(parseSeed(args.seed ?? '1')), 0x63727074 /* 'crpt' */);
    out = sink(args.output, io);
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
    await pipeline(source(args.input, io), flipper, out.stream);
    out.commit();
  } catch (e) {
    out.abort();
    return usage(io, e);
  }
  say(io.stderr, `hopcode: flipped ${flips} of ${base} bits (BER ${ber})`);
  return 0;
}

/** hopcode inspect FILE [--json]: the container header, what it implies, and whether the file size agrees. */
export async function inspectCommand(args: InspectArgs, io: CodecIo): Promise<number> {
  try {
    const size = fileSize(args.file);
    const fd = openSync(args.file, 'r');
    const head = new Uint8Array(Math.min(size, LOCATE_BYTES));
    const tail = new Uint8Array(Math.min(size, TAIL_BYTES));
    try {
      readSync(fd, head, 0, head.length, 0);
      readSync(fd, tail, 0, tail.length, size - tail.length);
    } finally {
      closeSync(fd);
    }
    const { header: h, damagedCopies } = readHeader(head, tail, size);
    if (h.n > 8 * size) throw new CodecError('TRUNCATED', `the header names blocks of N = ${h.n} bits, but the file is only ${size} bytes`);
    const e = engineFor({ preset: h.preset, n: h.n, seed: h.seed, maxSweeps: profileOfNetwork(h)?.maxSweeps ?? CODEC_DEFAULTS.maxSweeps, decoder: 'auto' });
    const p = e.blocks.payloadBytes;
    // A stream container (format 2) keeps its length in the 8 tail records.
    let length = h.payloadLength;
    if (length === null && h.version === 2) {
      const rec = writeRecord(h);
      for (let c = 0; c < TAIL_COPIES && length === null; c++) {
        const len = tailLengthAt(tail, tail.length - TAIL_BYTES + c * TAIL_RECORD_BYTES, rec);
        if (len >= 0) length = len;
      }
    }
    const blocks = length === null ? null : Math.ceil(length / p);
    const sBytes = blocks === null ? null : Math.floor(blocks / h.interleave) * groupByteLength(h.interleave, h.n) + groupByteLength(blocks % h.interleave, h.n);
    const expected = sBytes === null ? null : h.version === 1 ? V1_HEADER_BYTES + sBytes : containerBytes(sBytes).bytes;
    const info = {
      file: args.file,
      size,
      formatVersion: h.version,
      fileId: h.fileId || null,
      profile: profileOf(h) ?? (profileOfNetwork(h) ? `${profileOfNetwork(h)!.name} (network; interleave ${h.interleave} instead of ${profileOfNetwork(h)!.interleave})` : 'custom'),
      network: describeNetwork(h.preset, e.blocks, e.code.network.radius),
      preset: h.preset,
      n: h.n,
      k: e.blocks.k,
      overhead: expected === null || length === null || length === 0 ? null : Number((expected / length).toFixed(4)),
      seed: h.seed,
      interleave: h.interleave,
      payloadBytesPerBlock: p,
      payloadLength: length,
      lengthIn: h.payloadLength !== null ? 'header' : length !== null ? 'tail' : h.version === 1 ? 'format-1 trailer (not read by inspect)' : 'unknown (tail damaged)',
      blocks,
      expectedSize: expected,
      sizeMatches: expected === null ? null : expected === size,
      parityCheckHash: `0x${h.hHash.toString(16).padStart(8, '0')}`,
      networkMatches: e.hHash === h.hHash,
      headerCopiesDamaged: damagedCopies,
    };
    if (args.json) say(io.stdout, JSON.stringify(info));
    else for (const [k, v] of Object.entries(info)) say(io.stdout, `${k.padEnd(22)} ${v === null ? (k === 'fileId' ? '(none: format 1)' : '(unknown)') : String(v)}`);
    if (expected !== null && expected !== size) {
      say(io.stderr, `hopcode: warning: ${args.file} is ${size} bytes but its header implies ${expected}: ${size < expected ? 'the file is truncated' : `${size - expected} bytes follow the container`}`);
    }
    if (h.version === 1) say(io.stderr, 'hopcode: warning: format version 1: no file id, header copies only at the start, no page resynchronisation (re-encode to get format 2)');
    return 0;
  } catch (e) {
    if (e instanceof CodecError && e.code !== 'BAD_OPTIONS') {
      say(io.stderr, errorLine(e.message));
      return codecExit(e);
    }
    return usage(io, e);
  }
}

/** Register the four commands on a commander program (for src/cli/main.ts). */
export function registerCodecCommands(program: Command, io: CodecIo = { stdout: process.stdout, stderr: process.stderr }): void {
  const done = (code: number): void => void (process.exitCode = code);
  program
    .command('encode <in> <out>')
    .description('protect a file against bit rot (hopcode container; "-" = stdin / stdout)')
    .option('--profile <name>', `protection profile: ${PROFILE_NAMES.map((n) => `${n} (${PROFILES[n]!.summary})`).join('; ')} (default: ${DEFAULT_PROFILE})`)
    .option('--preset <name>', 'expert: network preset (without --profile: instead of one)')
    .option('-N, --length <N>', 'expert: inputs per block')
    .option('--seed <seed>', 'expert: graph seed (integer)')
    .option('--interleave <D>', "blocks per interleave group (multiple of 32; default: the profile's)")
    .option('--workers <W>', 'worker threads for files over 4 MiB (0 or 1: this thread only)', String(CODEC_DEFAULTS.workers))
    .option('--file-seed <S>', 'derive the file id from this seed (reproducible containers; default: random)')
    .action(async (input: string, output: string, o: Omit<EncodeArgs, 'input' | 'output'>) => done(await encodeCommand({ input, output, ...o }, io)));
  program
    .command('decode <in> <out>')
    .description('restore a file from a hopcode container ("-" = stdin / stdout; exit 1 if any block is unrecoverable, 2 if the input is not a container)')
    .option('--partial', 'write the good data with unrecoverable ranges zero-filled (still exit 1)')
    .option('--bad-ranges <file>', 'write every unrecovered byte range to FILE (start, end, block, blocks, reason; tab-separated)')
    .option('--workers <W>', 'worker threads for files over 4 MiB (0 or 1: this thread only)', String(CODEC_DEFAULTS.workers))
    .action(async (input: string, output: string, o: { partial?: boolean; workers?: string; badRanges?: string }) => done(await decodeCommand({ input, output, ...o }, io)));
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
