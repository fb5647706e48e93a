/**
 * hopcode/codec/container-v1 — the header and trailer of a format-version-1 container
 * (read only: this build writes format 2, container.ts). Version-1 files still decode.
 *
 * Header record (48 bytes, little-endian), written HEADER_COPIES = 5 times back to back:
 *   0  4  magic "HOPC"
 *   4  1  format version (1)
 *   5  1  flags: bit 0 = payload length is in the trailer (stream written without a length)
 *   6  2  interleave depth D / 32 (D = blocks per group)
 *   8 16  preset name, ASCII, NUL-padded
 *  24  4  N (inputs per block)
 *  28  4  graph seed (u32)
 *  32  4  CRC-32C of the parity-check matrix H (rows, cols, rowPtr, rowCol as LE u32)
 *  36  8  payload length in bytes (u64; 0 when flag bit 0 is set)
 *  44  4  CRC-32C of bytes 0 … 43
 * Trailer record (16 bytes, only with flag bit 0), written TRAILER_COPIES = 5 times:
 *   0 4 magic "HOPT", 4 8 payload length (u64), 12 4 CRC-32C of bytes 0 … 11.
 * Reading takes the first copy whose CRC holds; when none does, the bitwise majority
 * of the copies (it survives any damage that hits fewer than 3 copies at the same
 * bit). Only then is the header refused.
 */
import { CodecError } from './errors.js';
import { crc32c } from './crc32c.js';
import type { Header } from './container.js';

export const FORMAT_VERSION_1 = 1;
export const HEADER_RECORD = 48;
export const HEADER_COPIES = 5;
export const HEADER_BYTES = HEADER_RECORD * HEADER_COPIES;
export const TRAILER_RECORD = 16;
export const TRAILER_COPIES = 5;
export const TRAILER_BYTES = TRAILER_RECORD * TRAILER_COPIES;
const MAGIC = [0x48, 0x4f, 0x50, 0x43]; // "HOPC"
const TRAILER_MAGIC = [0x48, 0x4f, 0x50, 0x54]; // "HOPT"
const UINT64_LIMIT = 2 ** 53;

function putU64(b: Uint8Array, off: number, v: number): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  dv.setUint32(off, v >>> 0, true);
  dv.setUint32(off + 4, Math.floor(v / 4294967296), true);
}

function getU64(dv: DataView, off: number): number {
  return dv.getUint32(off, true) + dv.getUint32(off + 4, true) * 4294967296;
}

/** The header, all copies. */
export function writeHeader(h: Header): Uint8Array {
  const rec = new Uint8Array(HEADER_RECORD);
  const dv = new DataView(rec.buffer);
  rec.set(MAGIC, 0);
  rec[4] = h.version;
  rec[5] = h.payloadLength === null ? 1 : 0;
  dv.setUint16(6, h.interleave / 32, true);
  if (!/^[\x21-\x7e]{1,16}$/.test(h.preset)) throw new CodecError('BAD_OPTIONS', `preset name "${h.preset}" does not fit the header (1–16 printable ASCII characters)`);
  for (let i = 0; i < h.preset.length; i++) rec[8 + i] = h.preset.charCodeAt(i);
  dv.setUint32(24, h.n, true);
  dv.setUint32(28, h.seed >>> 0, true);
  dv.setUint32(32, h.hHash >>> 0, true);
  putU64(rec, 36, h.payloadLength ?? 0);
  dv.setUint32(44, crc32c(rec, 0, 0, 44), true);
  return repeat(rec, HEADER_COPIES);
}

/** The trailer, all copies. */
export function writeTrailer(payloadLength: number): Uint8Array {
  const rec = new Uint8Array(TRAILER_RECORD);
  rec.set(TRAILER_MAGIC, 0);
  putU64(rec, 4, payloadLength);
  new DataView(rec.buffer).setUint32(12, crc32c(rec, 0, 0, 12), true);
  return repeat(rec, TRAILER_COPIES);
}

function repeat(rec: Uint8Array, copies: number): Uint8Array {
  const out = new Uint8Array(rec.length * copies);
  for (let i = 0; i < copies; i++) out.set(rec, i * rec.length);
  return out;
}

/** The first copy with a valid CRC, else the bitwise majority if its CRC holds, else null; and how many copies differ from it. */
function recover(src: Uint8Array, record: number, copies: number): { rec: Uint8Array; damaged: number } | null {
  const avail = Math.min(copies, Math.floor(src.length / record));
  const valid = (r: Uint8Array): boolean => new DataView(r.buffer, r.byteOffset, record).getUint32(record - 4, true) === crc32c(r, 0, 0, record - 4);
  let rec: Uint8Array | null = null;
  for (let c = 0; c < avail && !rec; c++) {
    const r = src.subarray(c * record, (c + 1) * record);
    if (valid(r)) rec = r.slice();
  }
  if (!rec && avail >= 3) {
    const maj = new Uint8Array(record);
    for (let i = 0; i < record; i++) {
      for (let bit = 0; bit < 8; bit++) {
        let ones = 0;
        for (let c = 0; c < avail; c++) ones += (src[c * record + i]! >>> bit) & 1;
        if (2 * ones > avail) maj[i]! |= 1 << bit;
      }
    }
    if (valid(maj)) rec = maj;
  }
  if (!rec) return null;
  let damaged = copies - avail;
  for (let c = 0; c < avail; c++) {
    for (let i = 0; i < record; i++) {
      if (src[c * record + i] !== rec[i]) {
        damaged++;
        break;
      }
    }
  }
  return { rec, damaged };
}

function hasMagic(src: Uint8Array, record: number, copies: number, magic: number[]): boolean {
  for (let c = 0; c < copies && (c + 1) * record <= src.length; c++) {
    let votes = 0;
    for (let i = 0; i < 4; i++) if (src[c * record + i] === magic[i]) votes++;
    if (votes >= 3) return true;
  }
  return false;
}

/** Parse and validate the header from the first HEADER_BYTES of a container. */
export function readHeader(src: Uint8Array): { header: Header; damagedCopies: number } {
  if (src.length < HEADER_BYTES) {
    const prefix = src.length > 0 && MAGIC.slice(0, Math.min(4, src.length)).every((b, i) => src[i] === b);
    if (!hasMagic(src, HEADER_RECORD, HEADER_COPIES, MAGIC) && !prefix) {
      throw new CodecError('BAD_MAGIC', `not a hopcode container: ${src.length} bytes and no "HOPC" header`);
    }
    throw new CodecError('TRUNCATED', `the container ends inside its header (${src.length} of ${HEADER_BYTES} bytes)`);
  }
  const got = recover(src, HEADER_RECORD, HEADER_COPIES);
  if (!got) {
    if (!hasMagic(src, HEADER_RECORD, HEADER_COPIES, MAGIC)) throw new CodecError('BAD_MAGIC', 'not a hopcode container: no copy of the header starts with "HOPC"');
    throw new CodecError('BAD_HEADER', `every copy of the header is damaged (no copy and no bitwise majority of the ${HEADER_COPIES} copies passes its CRC-32C)`);
  }
  const r = got.rec;
  const dv = new DataView(r.buffer, r.byteOffset, HEADER_RECORD);
  if (!MAGIC.every((b, i) => r[i] === b)) throw new CodecError('BAD_MAGIC', 'not a hopcode container: the header magic is not "HOPC"');
  const version = r[4]!;
  if (version !== FORMAT_VERSION_1) throw new CodecError('UNSUPPORTED_VERSION', `container format version ${version}; this reader reads version ${FORMAT_VERSION_1}`);
  const flags = r[5]!;
  if ((flags & ~1) !== 0) throw new CodecError('BAD_HEADER', `unknown header flags 0x${flags.toString(16)}`);
  const interleave = dv.getUint16(6, true) * 32;
  let preset = '';
  for (let i = 8; i < 24 && r[i] !== 0; i++) preset += String.fromCharCode(r[i]!);
  const payloadLength = getU64(dv, 36);
  if (payloadLength >= UINT64_LIMIT) throw new CodecError('BAD_HEADER', `payload length ${payloadLength} is beyond 2^53 bytes`);
  const header: Header = {
    version,
    preset,
    n: dv.getUint32(24, true),
    seed: dv.getUint32(28, true),
    interleave,
    hHash: dv.getUint32(32, true),
    fileId: '',
    payloadLength: flags & 1 ? null : payloadLength,
  };
  return { header, damagedCopies: got.damaged };
}

/** Parse the trailer (TRAILER_BYTES) of a container written without a length. */
export function readTrailer(src: Uint8Array): number {
  if (src.length < TRAILER_BYTES) throw new CodecError('TRUNCATED', `the container ends before its trailer (${src.length} of ${TRAILER_BYTES} bytes)`);
  const got = recover(src, TRAILER_RECORD, TRAILER_COPIES);
  if (!got || !TRAILER_MAGIC.every((b, i) => got.rec[i] === b)) throw new CodecError('BAD_HEADER', 'the trailer (payload length) is damaged in every copy, or the container is truncated');
  const len = getU64(new DataView(got.rec.buffer, got.rec.byteOffset, TRAILER_RECORD), 4);
  if (len >= UINT64_LIMIT) throw new CodecError('BAD_HEADER', `trailer payload length ${len} is beyond 2^53 bytes`);
  return len;
}

