/**
 * hopcode/codec/page-writer — S cut into 4 KiB pages behind their heads (pages.ts has the
 * reader and the format's story): feed S bytes, get container bytes; finish() pads and
 * adds the tail.
 */
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES, writeTail } from './container.js';
import { crc32cWord } from './crc32c.js';

/** The little-endian u32 at b[o]. */
export function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** Writes S as pages: feed S bytes, get container bytes; finish() pads, adds the tail. */
export class PageWriter {
  private page = new Uint8Array(PAGE_BYTES);
  private fill = 0;
  private index = 0;

  /** CRC-32C state after the header CRC (record bytes 52 … 55). */
  private readonly headCrc0: number;

  constructor(private readonly rec: Uint8Array) {
    this.headCrc0 = crc32cWord(u32(rec, 52), 0);
  }

  push(s: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let off = 0;
    // Complete the pending page first.
    if (this.fill > 0) {
      const take = Math.min(PAGE_DATA_BYTES - this.fill, s.length);
      this.page.set(s.subarray(0, take), PAGE_HEAD_BYTES + this.fill);
      this.fill += take;
      off = take;
      if (this.fill === PAGE_DATA_BYTES) out.push(this.emit());
    }
    // Whole pages straight into one buffer (issue 12: one allocation per push, not one per
    // 4 KiB page; fewer pieces for the caller to join).
    const whole = Math.floor((s.length - off) / PAGE_DATA_BYTES);
    if (whole > 0) {
      const buf = new Uint8Array(whole * PAGE_BYTES);
      for (let i = 0; i < whole; i++, off += PAGE_DATA_BYTES) {
        this.head(buf, i * PAGE_BYTES);
        buf.set(s.subarray(off, off + PAGE_DATA_BYTES), i * PAGE_BYTES + PAGE_HEAD_BYTES);
      }
      out.push(buf);
    }
    if (off < s.length) {
      this.page.set(s.subarray(off), PAGE_HEAD_BYTES + this.fill);
      this.fill += s.length - off;
    }
    return out;
  }

  finish(payloadLength: number): Uint8Array[] {
    const out = this.fill > 0 ? [this.emit()] : [];
    out.push(writeTail(this.rec, payloadLength));
    return out;
  }

  /**
   * The head of page `index` (container.ts pageHead: record, index, CRC-32C of bytes 52 … 59)
   * written in place, without pageHead's temporaries (one per 4 KiB page; issue 12).
   * test/codec/speed-pages.test.ts checks it against pageHead.
   */
  private head(b: Uint8Array, at: number): void {
    const i = this.index++;
    b.set(this.rec, at);
    b[at + 56] = i & 255;
    b[at + 57] = (i >>> 8) & 255;
    b[at + 58] = (i >>> 16) & 255;
    b[at + 59] = i >>> 24;
    const c = crc32cWord(i, this.headCrc0);
    b[at + 60] = c & 255;
    b[at + 61] = (c >>> 8) & 255;
    b[at + 62] = (c >>> 16) & 255;
    b[at + 63] = c >>> 24;
  }

  private emit(): Uint8Array {
    const p = this.page;
    this.head(p, 0);
    p.fill(0, PAGE_HEAD_BYTES + this.fill);
    this.page = new Uint8Array(PAGE_BYTES);
    this.fill = 0;
    return p;
  }
}
