/**
 * hopcode/codec/pages — cutting the data stream S into self-describing 4 KiB pages, and
 * finding them again in a damaged file.
 *
 * Writing (PageWriter): S is cut into 4032-byte pieces, each behind a 64-byte page head
 * (container.ts) carrying the header record and the page index; the last page is padded
 * with zeros; the tail follows.
 *
 * Reading (PageReader) keeps a cursor `pos` where page `e` should start and decides, per
 * page, from the bytes there:
 *  - a head whose record is within RECORD_TOLERANCE bits of ours is a page head. If its
 *    index CRC checks, the index is believed: equal to e → page e; lower → a duplicated
 *    page, skipped; higher (by at most MAX_JUMP, and never more missing pages in all
 *    than 16 + the pages read) → pages e … index − 1 are missing and read as zeros. If the index is damaged, the page is taken as page e (bit errors
 *    alone never move a page).
 *  - otherwise the next page head (or the tail) is searched within two pages: the pages
 *    in between are read with damaged heads where they fit whole, a cut page is read up
 *    to the cut (zeros after), and the reader realigns there. A dropped, duplicated or
 *    cut page therefore costs only the bytes it touched, not every page after it.
 *  - when nothing is found, the page is taken as page e in place (heavy bit errors).
 * Bit errors leave a head within the tolerance with overwhelming probability (448 bits:
 * mean 4.5 flipped at BER 10⁻², 22 at 5·10⁻²), while a random 56-byte string is within
 * 64 bits of the record with probability < 10⁻³⁰.
 * Missing and cut pages are reported as logical ranges of S, so the decoder can say
 * "truncated" or "page missing" rather than "the dynamics failed".
 */
import { ByteQueue } from './byte-queue.js';
import {
  looksLikeTail,
  pageIndexAt,
  PAGE_BYTES,
  PAGE_DATA_BYTES,
  PAGE_HEAD_BYTES,
  RECORD_BYTES,
  recordDistance,
  TAIL_BYTES,
  TAIL_COPIES,
  TAIL_RECORD_BYTES,
  tailLengthAt,
  majorityRecord,
} from './container.js';
import { crc32cWord } from './crc32c.js';
import { u32 } from './page-writer.js';

export { PageWriter } from './page-writer.js';

export const RECORD_TOLERANCE = 64;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** A page head is the record, the page index and its CRC (container.ts): RECORD_WORDS + 2 words. */
const RECORD_WORDS = RECORD_BYTES >> 2;

/** Largest forward jump in page index believed from one page head (1 MiB of pages). */
export const MAX_JUMP = 256;


export interface PageStats {
  /** Pages read (with a good or damaged head). */
  pagesRead: number;
  /** Page heads whose record or index was damaged (the page was placed by position). */
  headsDamaged: number;
  /** Pages found missing (index jumps) and duplicated pages skipped. */
  pagesMissing: number;
  pagesDuplicated: number;
  /** Times the reader lost and found its place. */
  resyncs: number;
}

/** A logical S range read as zeros: a missing page, or the part of a page after a cut. */
export interface Hole {
  start: number;
  end: number;
}

export class PageReader {
  readonly stats: PageStats = { pagesRead: 0, headsDamaged: 0, pagesMissing: 0, pagesDuplicated: 0, resyncs: 0 };
  readonly holes: Hole[] = [];
  private readonly q = new ByteQueue();
  private pos: number;
  private e = 0;
  /** Logical S bytes emitted so far. */
  sLength = 0;
  /** Set when the pages are over (the tail was reached or totalPages read). */
  private ended = false;
  /** Absolute offset where the tail starts (once known). */
  tailAt = -1;

  /**
   * @param rec the container's header record (tolerant matching and index CRCs)
   * @param totalPages pages in the container when the payload length is known, else null (stream)
   * @param start absolute offset of page 0 in the input (0)
   * @param fastHeads take an exact head of page e without the tolerant checks (false: the naive twin, for tests)
   */
  constructor(
    private readonly rec: Uint8Array,
    private readonly totalPages: number | null,
    start = 0,
    private readonly fastHeads = true,
  ) {
    this.pos = start;
    this.headCrc0 = crc32cWord(u32(rec, 52), 0);
    this.recWords = Int32Array.from({ length: RECORD_WORDS }, (_, i) => u32(rec, 4 * i) | 0);
  }

  /** Physical bytes in; logical S bytes out (whole pages, in order; views valid until the next push). */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.ended) {
      // Past the pages only the tail is kept; anything after it is counted, not held.
      const room = Math.max(0, this.tailAt + TAIL_BYTES - this.q.limit);
      this.q.append(chunk.subarray(0, room));
      this.extra += Math.max(0, chunk.length - room);
      return [];
    }
    this.q.append(chunk);
    return this.run(false);
  }

  /**
   * push, with the pages handed out `batch` at a time as they are read (each batch's views
   * valid until the next push): a whole buffer's first groups can be decoded while the rest
   * of its pages are still unread. A big chunk into an empty reader is held, not copied.
   */
  *pushEach(chunk: Uint8Array, batch = 256): Generator<Uint8Array[], void, undefined> {
    if (this.ended) {
      this.push(chunk);
      return;
    }
    this.q.append(chunk);
    for (;;) {
      const out = this.run(false, batch);
      if (out.length > 0) yield out;
      if (out.length < batch) return;
    }
  }

  /**
   * pushEach for a reader whose pages go to a SegmentQueue (a whole shared input): a run of
   * pages with exact heads comes as one view of the whole pages, heads included (the same
   * pages the fast path of run() takes one by one, with one bounds check and 16 word
   * comparisons each: issue 12, the calling thread's share of a pooled decode); anything
   * else page by page as from pushEach. Views valid until the next push.
   */
  *pushRuns(chunk: Uint8Array, batch = 64): Generator<Uint8Array[] | { view: Uint8Array; pages: number }, void, undefined> {
    if (this.ended) {
      this.push(chunk);
      return;
    }
    this.q.append(chunk);
    for (;;) {
      const r = this.exactRun(batch);
      if (r) {
        yield r;
        continue;
      }
      const out = this.run(false, 1);
      if (out.length === 0) return;
      yield out;
    }
  }

  /** Up to `max` pages from the cursor whose heads are exactly those of pages e, e + 1, …: taken, as one view; null if none. */
  private exactRun(max: number): { view: Uint8Array; pages: number } | null {
    if (this.ended || !this.fastHeads) return null;
    const base = this.pos;
    // As in run(): a page is taken only with the lookahead after it in hand, and not past the last page.
    let n = Math.min(max, Math.floor((this.q.limit - base - (2 * PAGE_BYTES + TAIL_BYTES)) / PAGE_BYTES), 0x8000000 - this.e);
    if (this.totalPages !== null) n = Math.min(n, this.totalPages - this.e);
    if (n <= 0) return null;
    const view = this.q.view(base, base + n * PAGE_BYTES);
    let k = 0;
    if (LITTLE_ENDIAN && (view.byteOffset & 3) === 0) {
      const w = new Int32Array(view.buffer, view.byteOffset, (n * PAGE_BYTES) >> 2);
      const r = this.recWords;
      for (; k < n; k++) {
        const o = k * (PAGE_BYTES >> 2);
        const e = this.e + k;
        // The index and its CRC first, then the record: the same test, about twice as fast
        // over 18 600 heads 4 KiB apart (a /tmp micro-benchmark: 2.3 → 1.2 ms; each head a cache miss).
        if (w[o + RECORD_WORDS] !== e || w[o + RECORD_WORDS + 1] !== (crc32cWord(e, this.headCrc0) | 0)) break;
        let i = 0;
        while (i < RECORD_WORDS && w[o + i] === r[i]) i++;
        if (i < RECORD_WORDS) break;
      }
    } else {
      while (k < n && this.exactHead(view.subarray(k * PAGE_BYTES), this.e + k)) k++;
    }
    if (k === 0) return null;
    this.e += k;
    this.pos = base + k * PAGE_BYTES;
    this.stats.pagesRead += k;
    this.sLength += k * PAGE_DATA_BYTES;
    this.q.drop(this.pos);
    return { view: view.subarray(0, k * PAGE_BYTES), pages: k };
  }

  /** The record as little-endian words (exactRun). */
  private readonly recWords: Int32Array;

  /** Bytes after the tail that were counted but not kept. */
  private extra = 0;

  /** End of input: the remaining pages (a cut last page is zero-filled and recorded as a hole). */
  finish(): Uint8Array[] {
    return this.run(true);
  }

  /** After finish(): the tail's payload length (first exact copy, else the bitwise majority of the copies), or null. */
  tail(): { length: number | null; copiesDamaged: number; trailingBytes: number } {
    const at = this.tailAt >= 0 ? this.tailAt : this.pos;
    const b = this.q.view(at, this.q.limit);
    let length: number | null = null;
    let damaged = 0;
    for (let c = 0; c < TAIL_COPIES; c++) {
      const len = tailLengthAt(b, c * TAIL_RECORD_BYTES, this.rec);
      if (len < 0) damaged++;
      else if (length === null) length = len;
    }
    if (length === null) {
      const maj = majorityRecord(b, Array.from({ length: TAIL_COPIES }, (_, c) => c * TAIL_RECORD_BYTES), TAIL_RECORD_BYTES);
      const len = tailLengthAt(maj, 0, this.rec);
      if (len >= 0) length = len;
    }
    return { length, copiesDamaged: damaged, trailingBytes: Math.max(0, b.length - TAIL_BYTES) + this.extra };
  }

  /** Read pages while the input allows (at most about `maxOut` of them). */
  private run(final: boolean, maxOut = Infinity): Uint8Array[] {
    const out: Uint8Array[] = [];
    const lookahead = 2 * PAGE_BYTES + TAIL_BYTES;
    while (!this.ended && out.length < maxOut) {
      if (this.totalPages !== null && this.e >= this.totalPages) {
        this.end(this.pos);
        break;
      }
      const base = this.pos;
      const avail = this.q.limit - base;
      if (avail <= 0 || (!final && avail < PAGE_BYTES + lookahead)) break;
      const win = this.q.view(base, base + PAGE_BYTES + lookahead);
      // Fast path: an undamaged head of page e (the common case) is what the checks below
      // would accept as page e, decided by one exact comparison instead of the tolerant
      // distances, the tail test and the index CRC with their temporaries (issue 12: ~19 %
      // of a clean decode). e < 2^27 keeps the index ≥ 5 bits away from the tail mark.
      if (this.fastHeads && win.length >= PAGE_BYTES && this.e < 0x8000000 && this.exactHead(win)) {
        this.pos = base + this.take(out, win, 0, PAGE_BYTES);
        continue;
      }
      if (looksLikeTail(win, 0, this.rec, RECORD_TOLERANCE)) {
        this.end(base); // the tail (for a known length: early, so the last pages are missing)
        break;
      }
      if (recordDistance(win, 0, this.rec, RECORD_TOLERANCE) <= RECORD_TOLERANCE) {
        const idx = pageIndexAt(win, 0, this.rec);
        if (idx < 0) this.stats.headsDamaged++;
        if (idx >= 0 && idx < this.e) {
          this.stats.pagesDuplicated++;
          this.pos = base + PAGE_BYTES;
          continue;
        }
        // A jump is believed only within a budget (at most 16 + the pages read so far in all),
        // so forged page indexes cannot make the reader emit more zeros than ~2× its input.
        const budget = Math.min(MAX_JUMP, 16 + this.stats.pagesRead - this.stats.pagesMissing);
        if (idx > this.e && idx - this.e <= budget && (this.totalPages === null || idx < this.totalPages)) {
          this.stats.resyncs++;
          while (this.e < idx) this.missing(out);
        }
        this.pos = base + this.take(out, win, 0, Math.min(PAGE_BYTES, win.length));
        continue;
      }
      // Lost: search the next page head (or a stream's tail) within two pages.
      const found = this.search(win, final);
      if (found < 0) {
        this.stats.headsDamaged++;
        this.pos = base + this.take(out, win, 0, Math.min(PAGE_BYTES, win.length));
        continue;
      }
      this.stats.resyncs++;
      const isTail = looksLikeTail(win, found, this.rec, RECORD_TOLERANCE);
      let idx = isTail ? Infinity : pageIndexAt(win, found, this.rec);
      const budget = Math.min(MAX_JUMP, 16 + this.stats.pagesRead - this.stats.pagesMissing);
      if (idx < 0 || (idx !== Infinity && idx - this.e > budget)) idx = this.e + Math.round(found / PAGE_BYTES);
      let a = 0;
      while (this.e < idx && a + PAGE_BYTES <= found) {
        this.stats.headsDamaged++;
        a = this.take(out, win, a, a + PAGE_BYTES);
      }
      if (this.e < idx && found - a > PAGE_HEAD_BYTES) {
        this.stats.headsDamaged++;
        this.take(out, win, a, found);
      }
      while (this.e < idx && !isTail && (this.totalPages === null || this.e < this.totalPages)) this.missing(out);
      this.pos = base + found;
      if (isTail) {
        this.end(this.pos);
        break;
      }
    }
    if (final && !this.ended) this.end(this.pos);
    this.q.drop(Math.min(this.pos, this.q.limit));
    return out;
  }

  /** CRC-32C state after the header CRC (record bytes 52 … 55): the page-head CRC continues it over the index. */
  private readonly headCrc0: number;

  /** win[0, 64) is exactly the head of page e: our record, index e, and its CRC. */
  private exactHead(win: Uint8Array, e = this.e): boolean {
    // The index and its CRC first (as exactRun): the same test, cheaper when it fails.
    if (u32(win, 56) !== e || u32(win, 60) !== crc32cWord(e, this.headCrc0)) return false;
    const r = this.rec;
    for (let i = 0; i < RECORD_BYTES; i++) if (win[i] !== r[i]) return false;
    return true;
  }

  /** First offset in (0, 2 pages] of win holding a page head (or, for a stream, the tail), else −1. */
  private search(win: Uint8Array, final: boolean): number {
    const stop = Math.min(win.length - (final ? 56 : PAGE_HEAD_BYTES), 2 * PAGE_BYTES);
    const r = this.rec;
    for (let o = 1; o <= stop; o++) {
      // Cheap filter first: the magic and version within 6 bits, then the whole record.
      let d = 0;
      for (let i = 0; i < 5 && d <= 6; i++) {
        let x = win[o + i]! ^ r[i]!;
        while (x) {
          d++;
          x &= x - 1;
        }
      }
      if (d <= 6 && recordDistance(win, o, r, RECORD_TOLERANCE) <= RECORD_TOLERANCE) return o;
    }
    return -1;
  }

  /** Emit page e from win[a, b) (its data after the head; zeros past b: a cut page). Returns b. */
  private take(out: Uint8Array[], win: Uint8Array, a: number, b: number): number {
    const have = Math.max(0, Math.min(b - a - PAGE_HEAD_BYTES, PAGE_DATA_BYTES));
    if (have === PAGE_DATA_BYTES) {
      out.push(win.subarray(a + PAGE_HEAD_BYTES, a + PAGE_BYTES)); // a view: the caller copies it before the next push
    } else {
      const data = new Uint8Array(PAGE_DATA_BYTES);
      data.set(win.subarray(a + PAGE_HEAD_BYTES, a + PAGE_HEAD_BYTES + have));
      this.hole(this.sLength + have, this.sLength + PAGE_DATA_BYTES);
      out.push(data);
    }
    this.sLength += PAGE_DATA_BYTES;
    this.stats.pagesRead++;
    this.e++;
    return b;
  }

  private missing(out: Uint8Array[]): void {
    this.hole(this.sLength, this.sLength + PAGE_DATA_BYTES);
    out.push(new Uint8Array(PAGE_DATA_BYTES));
    this.sLength += PAGE_DATA_BYTES;
    this.stats.pagesMissing++;
    this.e++;
  }

  private hole(start: number, end: number): void {
    const last = this.holes[this.holes.length - 1];
    if (last && last.end === start) last.end = end;
    else this.holes.push({ start, end });
  }

  private end(at: number): void {
    this.ended = true;
    this.tailAt = at;
  }
}
