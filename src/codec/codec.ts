/**
 * hopcode/codec/codec — `createCodec`: protect bytes against silent bit rot.
 *
 * The data is cut into blocks of P = ⌊(K − 32)/8⌋ bytes; each block becomes one stored
 * state of the network carrying its payload and a CRC-32C bound to the container's file
 * id (block-codec.ts); groups of D blocks are bit-interleaved (interleave.ts) and cut
 * into self-describing 4 KiB pages with a 8-fold tail (container.ts, pages.ts).
 * Decoding runs the network's own dynamics on the damaged blocks and hands back only
 * CRC-verified bytes: a block it cannot restore is an error naming the block and its
 * byte range, or, with { partial: true }, a listed zero-filled range.
 */
import { availableParallelism } from 'node:os';
import type { Transform } from 'node:stream';
import { engineFor, type Engine } from './engine.js';
import { CodecError } from './errors.js';
import { groupByteLength } from './interleave.js';
import { containerBytes } from './container.js';
import { checkInterleave, DEFAULT_PROFILE, profileByName, profileOf, PROFILES } from './profiles.js';
import { presetByName, roundN } from '../network/presets.js';
import { DecoderSession, EncoderSession, newFileId } from './session.js';
import { decodeTransform, encodeTransform } from './streams.js';
import { CodecPool, type PoolPlan } from './codec-pool.js';
import { PooledDecoder } from './pooled-decoder.js';
import { PooledEncoder } from './pooled-encoder.js';
import type { DecodeReport } from './report.js';
import { PayloadOutput } from './payload-output.js';
import { sharedBytes, SharedFreeList } from './shared-bytes.js';
import { largeBytes } from '../util/large-bytes.js';

/**
 * Defaults: the `default` protection profile (profiles.ts): BCH(255,239) clusters, d = 2,
 * N = 8160 (rate 0.875, overhead ≈ 1.17×), 2048-block interleave, 50 sweeps. Its block
 * failure rate versus BER is measured by `npm run bench:codec-profiles` (README, "Storage
 * codec"). The other fields are the codec's own defaults.
 */
const DEFAULT = PROFILES[DEFAULT_PROFILE]!;
export const CODEC_DEFAULTS = Object.freeze({
  profile: DEFAULT.name,
  preset: DEFAULT.preset,
  n: DEFAULT.n,
  seed: DEFAULT.seed,
  interleave: DEFAULT.interleave,
  maxSweeps: DEFAULT.maxSweeps,
  decoder: 'auto' as 'auto' | 'sparse' | 'reference',
  workers: Math.max(1, Math.min(2, availableParallelism())),
  poolMinBytes: 4 * 1024 * 1024,
  sharedOutput: true,
});

export interface CodecOptions {
  /**
   * Protection profile (profiles.ts: default, light, robust, legacy): network, N, seed,
   * interleave and sweep cap in one name. Default: `default`, unless `preset`, `n` or
   * `seed` is given without a profile (an expert choice of network). With a profile,
   * `preset`/`n`/`seed` may only repeat the profile's values; `interleave` and
   * `maxSweeps` override it.
   */
  profile?: string;
  /** Network preset (expert; default: the default profile's, bch255-239-d2). */
  preset?: string;
  /** Inputs per block, a valid N for the preset (expert; default: the N of the profile that uses the preset, else the valid N nearest 4000). */
  n?: number;
  /** Graph seed, an integer 0 … 2^32 − 1 (default 1). */
  seed?: number;
  /** Interleave depth: blocks per group, a multiple of 32 up to 32768 (default: the profile's, 2048). */
  interleave?: number;
  /** Cap on sweeps per block (default: the profile's, 50). */
  maxSweeps?: number;
  /** 'auto' (bit-sliced kernel), 'sparse' (sparse sync decoder) or 'reference' (runDynamics per block: slow, for tests). All three give identical results. */
  decoder?: 'auto' | 'sparse' | 'reference';
  /**
   * Worker threads for large inputs (default min(2, cores)); 1 = always the calling
   * thread. Used by encodeAsync/decodeAsync and the streams; encode/decode are synchronous
   * and always run on the calling thread. Results never depend on it.
   */
  workers?: number;
  /** Input bytes handled on the calling thread before the pool takes over (default 4 MiB). */
  poolMinBytes?: number;
  /**
   * When encodeAsync/decodeAsync run on the pool, return their result on a
   * SharedArrayBuffer that the workers wrote in place (default true): the calling thread
   * then neither copies the output nor takes the page faults of a fresh buffer, which
   * would otherwise be most of its work (issue 12). The bytes are the same; such an array
   * is shared, not copied, by postMessage, and WebCrypto refuses it: `.slice()` gives an
   * ordinary copy, or set this to false.
   */
  sharedOutput?: boolean;
  /**
   * Seed of the containers' file id (an integer u32), for reproducible containers (tests).
   * Default: a fresh random id per encode (crypto). Two encodes with the same seed share
   * the id, so a group spliced between them is no longer detected: leave it unset for data.
   */
  fileSeed?: number;
}

export interface DecodeOptions {
  /** Return the good data with failed blocks zero-filled and listed in report.badRanges instead of throwing. */
  partial?: boolean;
  /**
   * Decode into this buffer (decode and decodeAsync): when the header names the payload
   * length and it fits (`into.length` ≥ length), `data` is `into.subarray(0, length)` and no
   * output is allocated — reusing one buffer saves a fresh allocation's page faults, ~⅓ of a
   * clean 64 MiB decode here (`npm run bench:codec`). Otherwise (too short, or a stream
   * container, whose length is only in its tail) `data` is a fresh array, as without it.
   * It must not overlap the input. Bytes of `into` past the payload are left as they were.
   */
  into?: Uint8Array;
}

/** The caller's output buffer of DecodeOptions, checked (undefined when not given). */
function intoOf(opts: DecodeOptions, encoded: Uint8Array): Uint8Array | undefined {
  const into = opts.into;
  if (into === undefined) return undefined;
  if (!(into instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'into must be a Uint8Array');
  const sameMemory = into.buffer === encoded.buffer;
  if (sameMemory && into.byteOffset < encoded.byteOffset + encoded.length && encoded.byteOffset < into.byteOffset + into.length) {
    throw new CodecError('BAD_OPTIONS', 'into overlaps the container being decoded: give a separate buffer');
  }
  return into;
}

export interface DecodeStreamOptions extends DecodeOptions {
  /**
   * The last bytes (≥ 640) of the input, when the caller knows them (a file): the stream
   * decoder then also reads the header from the tail copies, so a container whose first
   * 16 pages are all damaged still decodes. Buffer decodes do this on their own.
   */
  tail?: Uint8Array;
}

export interface DecodeOutput {
  data: Uint8Array;
  report: DecodeReport;
}

export interface Codec {
  readonly options: Readonly<Resolved>;
  /** Payload bytes per block P and stored-state bits per block N. */
  readonly payloadBytesPerBlock: number;
  readonly blockBits: number;
  /** Size of the container for `length` bytes of data (written by encode). */
  encodedLength(length: number): number;
  encode(data: Uint8Array): Uint8Array;
  /** Decode a container. The network comes from its header; this codec's sweep cap and decoder are used. */
  decode(encoded: Uint8Array, opts?: DecodeOptions): DecodeOutput;
  /** Transform: bytes in, container out (length in a trailer). Memory: a few groups. */
  encodeStream(opts?: { length?: number }): Transform;
  /** Transform: container in, verified bytes out; emits 'report' (DecodeReport) before 'end'. */
  decodeStream(opts?: DecodeStreamOptions): Transform;
  /**
   * encode, on the worker pool when the input reaches poolMinBytes (byte-identical). An input
   * on a SharedArrayBuffer is read in place by the workers: do not write to it until the
   * promise settles.
   */
  encodeAsync(data: Uint8Array): Promise<Uint8Array>;
  /**
   * decode, on the worker pool when the input reaches poolMinBytes (same bytes and report).
   * Its pages are read as the decode goes (a container on a SharedArrayBuffer in place, by
   * the workers: segment-queue.ts): do not write to it until the promise settles.
   */
  decodeAsync(encoded: Uint8Array, opts?: DecodeOptions): Promise<DecodeOutput>;
  /** Stop the worker pool, if one was started (idle workers do not keep the process alive), and drop its recycled shared buffers (≤ 32 MiB). */
  close(): Promise<void>;
}

/** `profile` is the name of the profile the network and interleave match, or 'custom'. */
type Resolved = Required<Omit<CodecOptions, 'fileSeed'>> & { fileSeed?: number };

function resolve(options: CodecOptions): Resolved {
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) as CodecOptions;
  const o = { ...CODEC_DEFAULTS, ...given, ...resolveNetwork(given) } as Resolved;
  if (typeof o.preset !== 'string') throw new CodecError('BAD_OPTIONS', 'preset must be a string');
  if (!Number.isInteger(o.n) || o.n < 1) throw new CodecError('BAD_OPTIONS', `n must be a positive integer, got ${String(o.n)}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new CodecError('BAD_OPTIONS', `seed must be an integer 0 … 2^32 − 1, got ${String(o.seed)}`);
  checkInterleave(o.interleave, o.preset, o.n);
  o.profile = given.profile ?? profileOf(o) ?? 'custom';
  if (o.fileSeed !== undefined && (!Number.isInteger(o.fileSeed) || o.fileSeed < 0 || o.fileSeed > 0xffffffff)) throw new CodecError('BAD_OPTIONS', `fileSeed must be an integer 0 … 2^32 − 1, got ${String(o.fileSeed)}`);
  if (!Number.isInteger(o.maxSweeps) || o.maxSweeps < 1) throw new CodecError('BAD_OPTIONS', `maxSweeps must be an integer ≥ 1, got ${String(o.maxSweeps)}`);
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 64) throw new CodecError('BAD_OPTIONS', `workers must be an integer 1 … 64, got ${String(o.workers)}`);
  if (typeof o.sharedOutput !== 'boolean') throw new CodecError('BAD_OPTIONS', `sharedOutput must be true or false, got ${String(o.sharedOutput)}`);
  if (!(o.poolMinBytes >= 0)) throw new CodecError('BAD_OPTIONS', `poolMinBytes must be a number ≥ 0, got ${String(o.poolMinBytes)}`);
  if (!['auto', 'sparse', 'reference'].includes(o.decoder)) throw new CodecError('BAD_OPTIONS', `decoder must be "auto", "sparse" or "reference", got ${String(o.decoder)}`);
  return o;
}

/**
 * The network a codec uses: the named profile's (other network fields must agree with
 * it), the default profile's when no network field is given, else the expert's choice.
 */
function resolveNetwork(g: CodecOptions): Pick<Resolved, 'preset' | 'n' | 'seed' | 'interleave' | 'maxSweeps'> {
  if (g.profile !== undefined) {
    if (typeof g.profile !== 'string') throw new CodecError('BAD_OPTIONS', 'profile must be a string');
    const p = profileByName(g.profile);
    for (const [field, mine] of [['preset', p.preset], ['n', p.n], ['seed', p.seed]] as const) {
      const theirs = g[field];
      if (theirs !== undefined && theirs !== mine) {
        throw new CodecError('BAD_OPTIONS', `${field} ${String(theirs)} contradicts profile ${p.name} (${p.preset}, N = ${p.n}, seed ${p.seed}): name either the profile or the network`);
      }
    }
    return { preset: p.preset, n: p.n, seed: p.seed, interleave: g.interleave ?? p.interleave, maxSweeps: g.maxSweeps ?? p.maxSweeps };
  }
  if (g.preset === undefined && g.n === undefined && g.seed === undefined) return resolveNetwork({ ...g, profile: DEFAULT_PROFILE });
  const preset = g.preset ?? DEFAULT.preset;
  const same = Object.values(PROFILES).find((p) => p.preset === preset);
  let n = g.n ?? same?.n;
  if (n === undefined) {
    try {
      n = roundN(presetByName(preset), 4000).n;
    } catch (e) {
      throw new CodecError('BAD_OPTIONS', `cannot build the network: ${(e as Error).message}`);
    }
  }
  return { preset, n, seed: g.seed ?? 1, interleave: g.interleave ?? same?.interleave ?? DEFAULT.interleave, maxSweeps: g.maxSweeps ?? same?.maxSweeps ?? DEFAULT.maxSweeps };
}

/** Create a codec for one network. Building the network costs ~0.1–0.3 s once per (preset, N, seed). */
export function createCodec(options: CodecOptions = {}): Codec {
  const o = resolve(options);
  const engine: Engine = engineFor({ preset: o.preset, n: o.n, seed: o.seed, maxSweeps: o.maxSweeps, decoder: o.decoder });
  if (engine.code.n !== o.n) throw new CodecError('BAD_OPTIONS', `N = ${o.n} is not a valid size for ${o.preset}`);
  const p = engine.blocks.payloadBytes;
  const key = { maxSweeps: o.maxSweeps, decoder: o.decoder };
  let pool: CodecPool | null = null;
  // Shared buffers of the pool runs, reused from run to run (allocating them is slow; shared-bytes.ts).
  const free = new SharedFreeList();
  const plan: PoolPlan | null =
    o.workers > 1 ? { pool: () => (pool ??= new CodecPool(o.workers)), minBytes: o.poolMinBytes, inFlight: 2 * o.workers, failAtBlock: (options as { failAtBlock?: number }).failAtBlock, board: (options as { board?: boolean }).board, free } : null;
  const encodedLength = (length: number): number => {
    const blocks = Math.ceil(length / p);
    const full = Math.floor(blocks / o.interleave);
    return containerBytes(full * groupByteLength(o.interleave, o.n) + groupByteLength(blocks - full * o.interleave, o.n)).bytes;
  };
  return {
    options: Object.freeze(o),
    payloadBytesPerBlock: p,
    blockBits: o.n,
    encodedLength,
    encode(data: Uint8Array): Uint8Array {
      if (!(data instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'encode expects a Uint8Array');
      // Pages written in place into the container of known size (page-place.ts): no parts to join.
      const out = largeBytes(encodedLength(data.length));
      const s = new EncoderSession(engine, o.interleave, data.length, newFileId(o.fileSeed), out);
      s.push(data);
      s.finish();
      return out;
    },
    decode(encoded: Uint8Array, opts: DecodeOptions = {}): DecodeOutput {
      if (!(encoded instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'decode expects a Uint8Array');
      const out = new PayloadOutput(false, intoOf(opts, encoded));
      const s = new DecoderSession({ partial: opts.partial === true, failFast: false, key, whole: true, output: out });
      for (const b of s.push(encoded)) out.add(b);
      for (const b of s.finish()) out.add(b);
      return { data: out.result(), report: s.report };
    },
    encodeStream(opts: { length?: number } = {}): Transform {
      return encodeTransform(new EncoderSession(engine, o.interleave, opts.length ?? null, newFileId(o.fileSeed)), plan);
    },
    decodeStream(opts: DecodeStreamOptions = {}): Transform {
      return decodeTransform(new DecoderSession({ partial: opts.partial === true, failFast: true, key, tail: opts.tail, shared: plan ? free : undefined }), plan);
    },
    async encodeAsync(data: Uint8Array): Promise<Uint8Array> {
      if (!(data instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'encode expects a Uint8Array');
      if (!plan || data.length < plan.minBytes) return this.encode(data);
      // Shared (sharedOutput): the workers write their groups' pages into it themselves.
      const out = o.sharedOutput ? sharedBytes(encodedLength(data.length)) : largeBytes(encodedLength(data.length));
      const s = new EncoderSession(engine, o.interleave, data.length, newFileId(o.fileSeed), out);
      const run = new PooledEncoder(
        s,
        plan,
        () => {
          throw new Error('hopcode/codec: internal error: pages of an in-place encode were emitted');
        },
        true,
      );
      await run.push(data);
      await run.finish();
      return out;
    },
    async decodeAsync(encoded: Uint8Array, opts: DecodeOptions = {}): Promise<DecodeOutput> {
      if (!(encoded instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'decode expects a Uint8Array');
      if (!plan || encoded.length < plan.minBytes) return this.decode(encoded, opts);
      const into = intoOf(opts, encoded);
      const out = new PayloadOutput(into === undefined && o.sharedOutput, into);
      const s = new DecoderSession({ partial: opts.partial === true, failFast: false, key, whole: true, output: out, shared: free });
      const run = new PooledDecoder(s, plan, (b) => out.add(b), true);
      await run.push(encoded);
      await run.finish();
      return { data: out.result(), report: s.report };
    },
    async close(): Promise<void> {
      const p = pool;
      pool = null;
      free.clear();
      if (p) await p.close();
    },
  };
}
