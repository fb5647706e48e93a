/**
 * hopcode/codec/errors — the one error type the storage codec throws.
 *
 * Failure is loud (issue 5): every refusal — a damaged or foreign container, a block
 * the network could not restore — is a `CodecError` with a machine-readable `code`,
 * and, for a lost block, the block index and the byte range of the original data it
 * held. Messages start with `hopcode/codec:`.
 */
import type { DecodeReport } from './report.js';

export type CodecErrorCode =
  /** Options given to createCodec / encode / decode are invalid. */
  | 'BAD_OPTIONS'
  /** The input is not a hopcode container (no copy of the header has the magic). */
  | 'BAD_MAGIC'
  /** A header (or trailer) that every copy of was damaged beyond repair, or inconsistent. */
  | 'BAD_HEADER'
  /** The container was written by a newer format version. */
  | 'UNSUPPORTED_VERSION'
  /** The network rebuilt from the header's (preset, N, seed) has a different parity-check matrix. */
  | 'NETWORK_MISMATCH'
  /** The container ends before its last block. */
  | 'TRUNCATED'
  /** A block could not be recovered: the dynamics failed or its CRC-32C did not match. */
  | 'BLOCK_FAILED';

export class CodecError extends Error {
  override name = 'CodecError';
  /** What went wrong (see CodecErrorCode). */
  readonly code: CodecErrorCode;
  /** First failed block (BLOCK_FAILED, TRUNCATED). */
  readonly block?: number;
  /** Byte range [start, end) of the original data held by `block`. */
  readonly byteRange?: readonly [number, number];
  /** Full decode report when the failure happened during a decode. */
  readonly report?: DecodeReport;

  constructor(code: CodecErrorCode, message: string, extra: { block?: number; byteRange?: readonly [number, number]; report?: DecodeReport } = {}) {
    super(message.startsWith('hopcode/codec:') ? message : `hopcode/codec: ${message}`);
    this.code = code;
    if (extra.block !== undefined) this.block = extra.block;
    if (extra.byteRange !== undefined) this.byteRange = extra.byteRange;
    if (extra.report !== undefined) this.report = extra.report;
  }
}

/** True for errors raised by the codec itself. */
export function isCodecError(e: unknown): e is CodecError {
  return e instanceof CodecError;
}
