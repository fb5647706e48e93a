/**
 * hopcode/codec/page-place — the container's pages written in place into an output of
 * known size (issue 12), the buffer twin of PageWriter (pages.ts).
 *
 * A buffer encode knows its container's length in advance (codec.encodedLength), so
 * instead of PageWriter's page pieces joined at the end (two copies of the output), each
 * S byte goes straight to where its page puts it: S offset s lands at
 *   ⌊s / 4032⌋ · 4096 + 64 + (s mod 4032)
 * behind the page head (the header record, the page index and the CRC-32C of record bytes
 * 52 … 59, container.ts pageHead), the last page is zero-padded and the tail follows.
 * The bytes are PageWriter's exactly (test/codec/pool-place.test.ts compares them).
 */
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES, RECORD_BYTES, TAIL_BYTES, writeTail } from './container.js';
import { crc32cWord } from './crc32c.js';

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** CRC-32C state after a record's header CRC (bytes 52 … 55): each page-head CRC continues it over the page index. */
export function headCrcState(rec: Uint8Array): number {
  if (rec.length !== RECORD_BYTES) throw new Error(`hopcode/codec: a header record has ${RECORD_BYTES} bytes, got ${rec.length}`);
  return crc32cWord(u32(rec, 52), 0);
}

/**
 * S bytes [s, s + b.length) to their page slots in `out`, with the head of every page whose
 * data starts in that range. Ranges may be placed in any order and from any thread (a worker
 * places its group, codec-worker.ts): disjoint ranges write disjoint bytes, each head once.
 * `out` holds the container from page `firstPage` on (a stream's run of pages: page-stream.ts).
 */
export function placeS(out: Uint8Array, rec: Uint8Array, headCrc: number, s: number, b: Uint8Array, firstPage = 0): void {
  let off = 0;
  while (off < b.length) {
    const page = Math.floor(s / PAGE_DATA_BYTES);
    const q = s - page * PAGE_DATA_BYTES;
    const at = (page - firstPage) * PAGE_BYTES;
    if (q === 0) writeHead(out, at, rec, headCrc, page);
    const take = Math.min(PAGE_DATA_BYTES - q, b.length - off);
    out.set(b.subarray(off, off + take), at + PAGE_HEAD_BYTES + q);
    off += take;
    s += take;
  }
}

/** Page `index`'s head at out[at]: the record, the index (LE), the CRC-32C continuing the record's over the index. */
export function writeHead(b: Uint8Array, at: number, rec: Uint8Array, headCrc: number, index: number): void {
  b.set(rec, at);
  b[at + 56] = index & 255;
  b[at + 57] = (index >>> 8) & 255;
  b[at + 58] = (index >>> 16) & 255;
  b[at + 59] = index >>> 24;
  const c = crc32cWord(index, headCrc);
  b[at + 60] = c & 255;
  b[at + 61] = (c >>> 8) & 255;
  b[at + 62] = (c >>> 16) & 255;
  b[at + 63] = c >>> 24;
}

export class PagePlacer {
  /** S bytes placed so far (by push, or by others and counted with skip). */
  private s = 0;
  readonly headCrc: number;

  constructor(
    readonly rec: Uint8Array,
    readonly out: Uint8Array,
  ) {
    this.headCrc = headCrcState(rec);
  }

  /** S bytes placed so far. */
  get placed(): number {
    return this.s;
  }

  /** The next S bytes, in order, to their page slots (each page's head written when the page starts). */
  push(b: Uint8Array): void {
    placeS(this.out, this.rec, this.headCrc, this.s, b);
    this.s += b.length;
  }

  /** The next `len` S bytes were placed by someone else (a worker, with placeS). */
  skip(len: number): void {
    this.s += len;
  }

  /** Zero-pad the last page and write the tail; returns the container's length (the bytes written). */
  finish(payloadLength: number): number {
    const pages = Math.ceil(this.s / PAGE_DATA_BYTES);
    const end = pages * PAGE_BYTES;
    this.out.fill(0, PAGE_HEAD_BYTES + this.s + (pages - 1) * PAGE_HEAD_BYTES, end);
    this.out.set(writeTail(this.rec, payloadLength), end);
    return end + TAIL_BYTES;
  }
}
