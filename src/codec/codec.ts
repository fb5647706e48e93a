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
import { containerBytes, MAX_GROUP_BYTES, MAX_INTERLEAVE } from './container.js';
import { DecoderSession, EncoderSession, newFileId } from './session.js';
import { decodeTransform, encodeTransform } from './streams.js';
import { CodecPool, PooledDecoder, PooledEncoder, type PoolPlan } from './codec-pool.js';
import type { DecodeReport } from './report.js';

/**
 * Defaults: parity10-d5 (rate ½ majority-flip network) at N = 4000, 2048-block
 * interleave. Measured FER per block with the sync dynamics: 0/3200 at BER 1e-2,
 * 0.10 at 1.5e-2 (src/codec/README.md), so BER 1e-3 has a 10× margin. A group of 2048 blocks
 * (1 MB) spreads a lost 4 KiB sector (32 768 bits) to 16 errors per block (0.4 % of N)
 * and a 1000-bit burst to 1 per block; with 64 blocks a 4 KiB sector cost a whole group.
 */
export const CODEC_DEFAULTS = Object.freeze({
  preset: 'parity10-d5',
  n: 4000,
  seed: 1,
  interleave: 2048,
  maxSweeps: 50,
  decoder: 'auto' as 'auto' | 'sparse' | 'reference',
  workers: Math.max(1, Math.min(2, availableParallelism())),
  poolMinBytes: 4 * 1024 * 1024,
});

export interface CodecOptions {
  /** Network preset (default parity10-d5). */
  preset?: string;
  /** Inputs per block, a valid N for the preset (default 4000). */
  n?: number;
  /** Graph seed, an integer 0 … 2^32 − 1 (default 1). */
  seed?: number;
  /** Interleave depth: blocks per group, a multiple of 32 up to 32768 (default 64). */
  interleave?: number;
  /** Cap on sync sweeps per block (default 50). */
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
   * Seed of the containers' file id (an integer u32), for reproducible containers (tests).
   * Default: a fresh random id per encode (crypto). Two encodes with the same seed share
   * the id, so a group spliced between them is no longer detected: leave it unset for data.
   */
  fileSeed?: number;
}

export interface DecodeOptions {
  /** Return the good data with failed blocks zero-filled and listed in report.badRanges instead of throwing. */
  partial?: boolean;
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
  /** encode, on the worker pool when the input reaches poolMinBytes (byte-identical). */
  encodeAsync(data: Uint8Array): Promise<Uint8Array>;
  /** decode, on the worker pool when the input reaches poolMinBytes (same bytes and report). */
  decodeAsync(encoded: Uint8Array, opts?: DecodeOptions): Promise<DecodeOutput>;
  /** Stop the worker pool, if one was started (idle workers do not keep the process alive). */
  close(): Promise<void>;
}

type Resolved = Required<Omit<CodecOptions, 'fileSeed'>> & { fileSeed?: number };

function resolve(options: CodecOptions): Resolved {
  const o = { ...CODEC_DEFAULTS, ...Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) } as Resolved;
  if (typeof o.preset !== 'string') throw new CodecError('BAD_OPTIONS', 'preset must be a string');
  if (!Number.isInteger(o.n) || o.n < 1) throw new CodecError('BAD_OPTIONS', `n must be a positive integer, got ${String(o.n)}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new CodecError('BAD_OPTIONS', `seed must be an integer 0 … 2^32 − 1, got ${String(o.seed)}`);
  if (!Number.isInteger(o.interleave) || o.interleave < 32 || o.interleave > MAX_INTERLEAVE || o.interleave % 32 !== 0) {
    throw new CodecError('BAD_OPTIONS', `interleave must be a multiple of 32 between 32 and ${MAX_INTERLEAVE}, got ${String(o.interleave)}`);
  }
  if ((o.interleave * o.n) / 8 > MAX_GROUP_BYTES) throw new CodecError('BAD_OPTIONS', `a group of ${o.interleave} blocks of N = ${o.n} bits is above the limit of ${MAX_GROUP_BYTES} bytes`);
  if (o.fileSeed !== undefined && (!Number.isInteger(o.fileSeed) || o.fileSeed < 0 || o.fileSeed > 0xffffffff)) throw new CodecError('BAD_OPTIONS', `fileSeed must be an integer 0 … 2^32 − 1, got ${String(o.fileSeed)}`);
  if (!Number.isInteger(o.maxSweeps) || o.maxSweeps < 1) throw new CodecError('BAD_OPTIONS', `maxSweeps must be an integer ≥ 1, got ${String(o.maxSweeps)}`);
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 64) throw new CodecError('BAD_OPTIONS', `workers must be an integer 1 … 64, got ${String(o.workers)}`);
  if (!(o.poolMinBytes >= 0)) throw new CodecError('BAD_OPTIONS', `poolMinBytes must be a number ≥ 0, got ${String(o.poolMinBytes)}`);
  if (!['auto', 'sparse', 'reference'].includes(o.decoder)) throw new CodecError('BAD_OPTIONS', `decoder must be "auto", "sparse" or "reference", got ${String(o.decoder)}`);
  return o;
}

function joinChunks(parts: Uint8Array[], total?: number): Uint8Array {
  const size = total ?? parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Create a codec for one network. Building the network costs ~0.1–0.3 s once per (preset, N, seed). */
export function createCodec(options: CodecOptions = {}): Codec {
  const o = resolve(options);
  const engine: Engine = engineFor({ preset: o.preset, n: o.n, seed: o.seed, maxSweeps: o.maxSweeps, decoder: o.decoder });
  if (engine.code.n !== o.n) throw new CodecError('BAD_OPTIONS', `N = ${o.n} is not a valid size for ${o.preset}`);
  const p = engine.blocks.payloadBytes;
  const key = { maxSweeps: o.maxSweeps, decoder: o.decoder };
  let pool: CodecPool | null = null;
  const plan: PoolPlan | null =
    o.workers > 1 ? { pool: () => (pool ??= new CodecPool(o.workers)), minBytes: o.poolMinBytes, inFlight: 2 * o.workers, failAtBlock: (options as { failAtBlock?: number }).failAtBlock } : null;
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
      const s = new EncoderSession(engine, o.interleave, data.length, newFileId(o.fileSeed));
      return joinChunks([...s.push(data), ...s.finish()], encodedLength(data.length));
    },
    decode(encoded: Uint8Array, opts: DecodeOptions = {}): DecodeOutput {
      if (!(encoded instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'decode expects a Uint8Array');
      const s = new DecoderSession({ partial: opts.partial === true, failFast: false, key, whole: true });
      const parts = s.push(encoded);
      parts.push(...s.finish());
      return { data: joinChunks(parts), report: s.report };
    },
    encodeStream(opts: { length?: number } = {}): Transform {
      return encodeTransform(new EncoderSession(engine, o.interleave, opts.length ?? null, newFileId(o.fileSeed)), plan);
    },
    decodeStream(opts: DecodeStreamOptions = {}): Transform {
      return decodeTransform(new DecoderSession({ partial: opts.partial === true, failFast: true, key, tail: opts.tail }), plan);
    },
    async encodeAsync(data: Uint8Array): Promise<Uint8Array> {
      if (!(data instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'encode expects a Uint8Array');
      if (!plan || data.length < plan.minBytes) return this.encode(data);
      const s = new EncoderSession(engine, o.interleave, data.length, newFileId(o.fileSeed));
      const parts: Uint8Array[] = [];
      const run = new PooledEncoder(s, plan, (b) => parts.push(b));
      await run.push(data);
      await run.finish();
      return joinChunks(parts, encodedLength(data.length));
    },
    async decodeAsync(encoded: Uint8Array, opts: DecodeOptions = {}): Promise<DecodeOutput> {
      if (!(encoded instanceof Uint8Array)) throw new CodecError('BAD_OPTIONS', 'decode expects a Uint8Array');
      if (!plan || encoded.length < plan.minBytes) return this.decode(encoded, opts);
      const s = new DecoderSession({ partial: opts.partial === true, failFast: false, key, whole: true });
      const parts: Uint8Array[] = [];
      const run = new PooledDecoder(s, plan, (b) => parts.push(b));
      await run.push(encoded);
      await run.finish();
      return { data: joinChunks(parts), report: s.report };
    },
    async close(): Promise<void> {
      const p = pool;
      pool = null;
      if (p) await p.close();
    },
  };
}
