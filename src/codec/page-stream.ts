/**
 * hopcode/codec/page-stream — a stream encode's pages, whole pages framed by the workers
 * (issue 12); the twin of PageWriter (pages.ts), whose bytes it writes exactly
 * (test/codec/pool-place.test.ts).
 *
 * A stream's container is emitted as it is made, so its pages cannot be written in place
 * (page-place.ts); but the pages lying wholly inside one group can be: S offset s is page
 * ⌊s / 4032⌋, and a group at S offsets [a, a + len) covers pages p0 = ⌈a / 4032⌉ … p1 − 1
 * with p1 = ⌊(a + len) / 4032⌋ whole. The worker encoding the group frames those pages
 * itself (placeS from page p0) and hands back the few bytes before page p0 and after page
 * p1 — which belong to pages shared with the neighbouring groups — for this class to frame
 * here, in order, as PageWriter would (it pads the last page with zeros; the tail follows).
 */
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES, writeTail } from './container.js';
import { headCrcState, placeS, writeHead } from './page-place.js';

/** The whole pages of a group of `len` S bytes at S offset `at`: [p0, p1), empty when p1 ≤ p0. */
export function wholePages(at: number, len: number): { p0: number; p1: number } {
  return { p0: Math.ceil(at / PAGE_DATA_BYTES), p1: Math.floor((at + len) / PAGE_DATA_BYTES) };
}

export class PageStream {
  /** S bytes framed so far. */
  private s = 0;
  /** The pending page (head written at emit), `fill` data bytes in it. */
  private page = new Uint8Array(PAGE_BYTES);
  private fill = 0;
  readonly headCrc: number;

  constructor(readonly rec: Uint8Array) {
    this.headCrc = headCrcState(rec);
  }

  /** S bytes framed so far (the S offset of the next byte). */
  get framed(): number {
    return this.s;
  }

  /** The next S bytes, in order: the container bytes they complete (whole pages in one buffer). */
  push(b: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let off = 0;
    if (this.fill > 0) {
      const take = Math.min(PAGE_DATA_BYTES - this.fill, b.length);
      this.page.set(b.subarray(0, take), PAGE_HEAD_BYTES + this.fill);
      this.fill += take;
      this.s += take;
      off = take;
      if (this.fill === PAGE_DATA_BYTES) out.push(this.emit());
    }
    const whole = Math.floor((b.length - off) / PAGE_DATA_BYTES);
    if (whole > 0) {
      const buf = new Uint8Array(whole * PAGE_BYTES);
      const n = whole * PAGE_DATA_BYTES;
      placeS(buf, this.rec, this.headCrc, this.s, b.subarray(off, off + n), this.s / PAGE_DATA_BYTES);
      out.push(buf);
      this.s += n;
      off += n;
    }
    if (off < b.length) {
      this.page.set(b.subarray(off), PAGE_HEAD_BYTES);
      this.fill = b.length - off;
      this.s += this.fill;
    }
    return out;
  }

  /**
   * A group framed by a worker: `before` (its S bytes ahead of page p0), `pages` (pages p0 …
   * p1 − 1, framed) and `after` (its bytes from page p1 on); p0 < p1 (wholePages). Returns
   * the container bytes completed, in order.
   */
  pushFramed(before: Uint8Array, pages: Uint8Array, after: Uint8Array): Uint8Array[] {
    const out = this.push(before);
    if (this.fill !== 0 || this.s % PAGE_DATA_BYTES !== 0 || pages.length % PAGE_BYTES !== 0) throw new Error('hopcode/codec: internal error: a framed group does not start on a page');
    out.push(pages);
    this.s += (pages.length / PAGE_BYTES) * PAGE_DATA_BYTES;
    for (const b of this.push(after)) out.push(b);
    return out;
  }

  /** The last page (zero-padded) and the tail. */
  finish(payloadLength: number): Uint8Array[] {
    const out = this.fill > 0 ? [this.emit()] : [];
    out.push(writeTail(this.rec, payloadLength));
    return out;
  }

  private emit(): Uint8Array {
    const p = this.page;
    const index = Math.floor((this.s - 1) / PAGE_DATA_BYTES);
    p.fill(0, PAGE_HEAD_BYTES + this.fill);
    writeHead(p, 0, this.rec, this.headCrc, index);
    this.page = new Uint8Array(PAGE_BYTES);
    this.fill = 0;
    return p;
  }
}
