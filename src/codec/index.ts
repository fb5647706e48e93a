/**
 * hopcode/codec — the storage codec's public surface (for src/index.ts to re-export).
 */
export { createCodec, CODEC_DEFAULTS, type Codec, type CodecOptions, type DecodeOptions, type DecodeStreamOptions, type DecodeOutput } from './codec.js';
export { CodecError, isCodecError, type CodecErrorCode } from './errors.js';
export { PROFILES, PROFILE_NAMES, DEFAULT_PROFILE, profileByName, profileOf, type Profile } from './profiles.js';
export { formatReport, formatBadRanges, type DecodeReport, type BadRange } from './report.js';
export { crc32c } from './crc32c.js';
export { type Header } from './container.js';
export { readHeader } from './locate.js';
export type { BlockDecoder, BlockDecodeResult } from '../decoders/block-decoder.js';
