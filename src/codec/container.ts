/**
 * hopcode/codec/container — the records of a format-version-2 container: the header,
 * the page heads that carry a copy of it, and the tail.
 *
 * Layout (little-endian). The container is a sequence of 4096-byte pages, then a tail:
 *
 *   page i (i = 0 … m − 1), 4096 bytes:  [page head, 64 B][4032 bytes of the data stream S]
 *   tail, 8 × 80 bytes:                  [tail record] × 8
 *
 * S is the groups of blocks one after another (interleave.ts), then zeros up to the end
 * of the last page, so m = ⌈|S| / 4032⌉ and the container is 4096·m + 640 bytes. When the
 * container starts on a sector boundary, a bad 512 B or 4 KiB sector hits one page.
 *
 * Header record (56 B, identical in every page head and tail record):
 *    0  4  magic "HOPC"           4  1  format version (2)
 *    5  1  flags: bit 0 = stream (the payload length is only in the tail)
 *    6  2  interleave depth D / 32       8 16  preset name, ASCII, NUL-padded
 *   24  4  N (inputs per block)         28  4  graph seed
 *   32  4  CRC-32C of the parity-check matrix H (see matrixHash)
 *   36  8  file id: 64 random bits drawn once per encode (crypto, or from a user seed)
 *   44  8  payload length in bytes (0 with the stream flag)
 *   52  4  CRC-32C of bytes 0 … 51
 * Page head = header record + [56 4 page index i][60 4 CRC-32C of bytes 52 … 59].
 * Tail record = header record + [56 4 0xFFFFFFFF][60 8 payload length][68 4 CRC-32C of 52 … 67][76 4 zero].
 *
 * Why: every page is self-describing, so (1) the header has m + 8 copies spread over the
 * whole file (one bad sector costs one copy; at a bit error rate p a bit of the bitwise
 * majority of c copies is wrong with probability ≈ C(c, c/2)·p^(c/2), far below a block's
 * failure rate for c ≥ 9), and (2) a reader that lost its place (a page dropped,
 * duplicated or cut) finds the next page head and its index and realigns (pages.ts). The
 * page-head CRC covers the header CRC and the index, so a page from another container
 * (another file id) never passes as ours. Blocks bind the same file id in their CRC
 * (block-codec.ts), so a group spliced in from an older encode of the same file, or from
 * another file encoded with the same network, fails its CRC and is named.
 */
import { CodecError } from './errors.js';
import { crc32c, crc32cWord } from './crc32c.js';

export const FORMAT_VERSION = 2;
export const PAGE_BYTES = 4096;
export const PAGE_HEAD_BYTES = 64;
export const PAGE_DATA_BYTES = PAGE_BYTES - PAGE_HEAD_BYTES;
export const RECORD_BYTES = 56;
export const TAIL_RECORD_BYTES = 80;
export const TAIL_COPIES = 8;
export const TAIL_BYTES = TAIL_RECORD_BYTES * TAIL_COPIES;
/**
 * Largest N a header may name: building a network costs superlinear time (≈ 5 s at
 * N = 16 000, 22 s at 32 000 on a loaded 2-core machine; minutes at 262 140), and a
 * forged header must not be able to ask for that. The codec presets use N ≤ 4096.
 */
export const MAX_N = 16384;
export const MAX_INTERLEAVE = 32768;
/** Largest group (D·N/8 bytes) a header may ask for: bounds the memory of one decode step. */
export const MAX_GROUP_BYTES = 64 * 1024 * 1024;
const MAGIC = [0x48, 0x4f, 0x50, 0x43]; // "HOPC"
const UINT53 = 2 ** 53;
const TAIL_MARK = 0xffffffff;

export interface Header {
  version: number;
  preset: string;
  n: number;
  seed: number;
  interleave: number;
  hHash: number;
  /** 16 hex digits (version 2); '' for version 1, which has no file id. */
  fileId: string;
  /** Payload length, or null when it is only in the tail (stream) / trailer (v1). */
  payloadLength: number | null;
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** b[off, off + 4) as a little-endian u32, without a DataView (the page reader's per-head reads: issue 12). */
function le32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

export function putU64(b: Uint8Array, off: number, v: number): void {
  dv(b).setUint32(off, v >>> 0, true);
  dv(b).setUint32(off + 4, Math.floor(v / 4294967296), true);
}

export function getU64(b: Uint8Array, off: number): number {
  return dv(b).getUint32(off, true) + dv(b).getUint32(off + 4, true) * 4294967296;
}

/** The file id's 8 bytes from its hex form. */
export function fileIdBytes(hex: string): Uint8Array {
  const b = new Uint8Array(8);
  for (let i = 0; i < 8; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return b;
}

/** The CRC-32C state blocks start from: CRC-32C(file id). Version 1 blocks start from 0. */
export function blockCrcSeed(h: Header): number {
  return h.version >= 2 ? crc32c(fileIdBytes(h.fileId)) : 0;
}

/** The 56-byte header record. */
export function writeRecord(h: Header): Uint8Array {
  const rec = new Uint8Array(RECORD_BYTES);
  rec.set(MAGIC, 0);
  rec[4] = FORMAT_VERSION;
  rec[5] = h.payloadLength === null ? 1 : 0;
  dv(rec).setUint16(6, h.interleave / 32, true);
  if (!/^[\x21-\x7e]{1,16}$/.test(h.preset)) throw new CodecError('BAD_OPTIONS', `preset name "${h.preset}" does not fit the header (1–16 printable ASCII characters)`);
  for (let i = 0; i < h.preset.length; i++) rec[8 + i] = h.preset.charCodeAt(i);
  dv(rec).setUint32(24, h.n, true);
  dv(rec).setUint32(28, h.seed >>> 0, true);
  dv(rec).setUint32(32, h.hHash >>> 0, true);
  rec.set(fileIdBytes(h.fileId), 36);
  putU64(rec, 44, h.payloadLength ?? 0);
  dv(rec).setUint32(52, crc32c(rec, 0, 0, 52), true);
  return rec;
}

/** Page head of page `index`: the record, the index, and a CRC binding both. */
export function pageHead(rec: Uint8Array, index: number): Uint8Array {
  const h = new Uint8Array(PAGE_HEAD_BYTES);
  h.set(rec);
  dv(h).setUint32(56, index >>> 0, true);
  dv(h).setUint32(60, crc32c(h, 0, 52, 60), true);
  return h;
}

/** The tail: TAIL_COPIES records carrying the payload length. */
export function writeTail(rec: Uint8Array, payloadLength: number): Uint8Array {
  const one = new Uint8Array(TAIL_RECORD_BYTES);
  one.set(rec);
  dv(one).setUint32(56, TAIL_MARK, true);
  putU64(one, 60, payloadLength);
  dv(one).setUint32(68, crc32c(one, 0, 52, 68), true);
  const out = new Uint8Array(TAIL_BYTES);
  for (let c = 0; c < TAIL_COPIES; c++) out.set(one, c * TAIL_RECORD_BYTES);
  return out;
}

/** Does the record at b[off] pass its CRC? */
export function recordValid(b: Uint8Array, off: number): boolean {
  return off >= 0 && off + RECORD_BYTES <= b.length && dv(b).getUint32(off + 52, true) === crc32c(b, 0, off, off + 52);
}

/** Bits in which b[off, off + 56) differs from `rec`, stopping early once above `limit`. */
export function recordDistance(b: Uint8Array, off: number, rec: Uint8Array, limit: number): number {
  let d = 0;
  for (let i = 0; i < RECORD_BYTES && d <= limit; i++) {
    let x = b[off + i]! ^ rec[i]!;
    while (x) {
      d++;
      x &= x - 1;
    }
  }
  return d;
}

/** Page index of an exact page head at b[off] matching `rec` (CRC over record CRC and index), else −1. */
export function pageIndexAt(b: Uint8Array, off: number, rec: Uint8Array): number {
  if (off + PAGE_HEAD_BYTES > b.length) return -1;
  // The CRC-32C of record bytes 52 … 55 then the index, continued word by word (no temporaries).
  const i = le32(b, off + 56);
  if (crc32cWord(i, crc32cWord(le32(rec, 52), 0)) !== le32(b, off + 60)) return -1;
  return i === TAIL_MARK ? -1 : i;
}

/** Payload length of an exact tail record at b[off] matching `rec`, else −1. */
export function tailLengthAt(b: Uint8Array, off: number, rec: Uint8Array): number {
  if (off + TAIL_RECORD_BYTES > b.length) return -1;
  let c = crc32cWord(le32(rec, 52), 0);
  for (let o = off + 56; o < off + 68; o += 4) c = crc32cWord(le32(b, o), c);
  if (c !== le32(b, off + 68) || le32(b, off + 56) !== TAIL_MARK) return -1;
  const len = getU64(b, off + 60);
  return len < UINT53 ? len : -1;
}

/** Does b[off] look like a tail record of `rec` (record within `limit` bits, tail mark within 4 bits)? */
export function looksLikeTail(b: Uint8Array, off: number, rec: Uint8Array, limit: number): boolean {
  if (off + TAIL_RECORD_BYTES > b.length || recordDistance(b, off, rec, limit) > limit) return false;
  let x = ~le32(b, off + 56) >>> 0;
  let d = 0;
  while (x) {
    d++;
    x &= x - 1;
  }
  return d <= 4;
}

/** Bitwise majority of the `len`-byte records at `offsets` (those past the end are skipped). */
export function majorityRecord(b: Uint8Array, offsets: readonly number[], len = RECORD_BYTES): Uint8Array {
  const offs = offsets.filter((o) => o >= 0 && o + len <= b.length);
  const maj = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    for (let bit = 0; bit < 8; bit++) {
      let ones = 0;
      for (const o of offs) ones += (b[o + i]! >>> bit) & 1;
      if (2 * ones > offs.length) maj[i]! |= 1 << bit;
    }
  }
  return maj;
}

/** Parse a CRC-valid record, checking every field against the format's limits. */
export function parseRecord(rec: Uint8Array): Header {
  if (!MAGIC.every((m, i) => rec[i] === m)) throw new CodecError('BAD_MAGIC', 'not a hopcode container: the header magic is not "HOPC"');
  const version = rec[4]!;
  if (version !== FORMAT_VERSION) throw new CodecError('UNSUPPORTED_VERSION', `container format version ${version}; this build reads versions 1 and ${FORMAT_VERSION}`);
  const flags = rec[5]!;
  if ((flags & ~1) !== 0) throw new CodecError('BAD_HEADER', `unknown header flags 0x${flags.toString(16)}`);
  const interleave = dv(rec).getUint16(6, true) * 32;
  if (interleave < 32 || interleave > MAX_INTERLEAVE) throw new CodecError('BAD_HEADER', `interleave depth ${interleave} is outside 32 … ${MAX_INTERLEAVE}`);
  let preset = '';
  let i = 8;
  for (; i < 24 && rec[i] !== 0; i++) {
    if (rec[i]! < 0x21 || rec[i]! > 0x7e) throw new CodecError('BAD_HEADER', 'the preset name in the header is not printable ASCII');
    preset += String.fromCharCode(rec[i]!);
  }
  for (; i < 24; i++) if (rec[i] !== 0) throw new CodecError('BAD_HEADER', 'the preset name in the header is not NUL-padded');
  const n = dv(rec).getUint32(24, true);
  if (n < 1 || n > MAX_N) throw new CodecError('BAD_HEADER', `N = ${n} is outside 1 … ${MAX_N}`);
  if ((interleave * n) / 8 > MAX_GROUP_BYTES) throw new CodecError('BAD_HEADER', `a group of ${interleave} blocks of N = ${n} bits is ${(interleave * n) / 8} bytes, above the limit of ${MAX_GROUP_BYTES}`);
  const length = getU64(rec, 44);
  if (length >= UINT53) throw new CodecError('BAD_HEADER', `payload length ${length} is beyond 2^53 bytes`);
  if (flags & 1 && length !== 0) throw new CodecError('BAD_HEADER', `a stream header must carry payload length 0, got ${length}`);
  let fileId = '';
  for (let k = 36; k < 44; k++) fileId += rec[k]!.toString(16).padStart(2, '0');
  return { version, preset, n, seed: dv(rec).getUint32(28, true), interleave, hHash: dv(rec).getUint32(32, true), fileId, payloadLength: flags & 1 ? null : length };
}

/** Pages and total bytes of a container holding |S| = sBytes. */
export function containerBytes(sBytes: number): { pages: number; bytes: number } {
  const pages = Math.ceil(sBytes / PAGE_DATA_BYTES);
  return { pages, bytes: pages * PAGE_BYTES + TAIL_BYTES };
}

/** CRC-32C identifying a parity-check matrix (rows, cols, rowPtr, rowCol as LE u32). */
export function matrixHash(h: { rows: number; cols: number; rowPtr: Int32Array; rowCol: Int32Array }): number {
  const head = new Uint8Array(8);
  dv(head).setUint32(0, h.rows, true);
  dv(head).setUint32(4, h.cols, true);
  const le = (a: Int32Array): Uint8Array => {
    const b = new Uint8Array(a.length * 4);
    const v = dv(b);
    for (let i = 0; i < a.length; i++) v.setUint32(i * 4, a[i]! >>> 0, true);
    return b;
  };
  return crc32c(le(h.rowCol), crc32c(le(h.rowPtr), crc32c(head)));
}
