/**
 * hopcode/codec/segment-queue — the decoder's data stream S kept as references into a shared
 * input (issue 12): a whole-buffer pooled decode of a container on a SharedArrayBuffer copies
 * nothing on the calling thread. A whole-buffer decode on one thread keeps S this way too (any
 * input): each group's pieces are gathered straight into the clean-check kernel's staging area
 * (fold.ts), one copy of the input fewer than appending the pages to a ByteQueue first.
 *
 * S is the pages' data one after another (pages.ts). When the input itself is shared, each
 * page's data is already where a worker can read it, so instead of copying it into a shared
 * S (shared-queue.ts: the calling thread's one copy of the whole input, ~25 ms of a 64 MiB
 * pooled decode while both workers wait on it) this queue records where each piece lies:
 * (source, offset, length) at its S offset. A group's job is the list of pieces covering it;
 * the worker gathers them into its own buffer (codec-worker.ts) and decodes as before. A
 * piece that is not a view of the input (a zero-filled missing page, a cut page: rare) is
 * copied into a shared buffer of its own. The queue interface of SharedByteQueue (append,
 * limit, first, drop), with `hold` returning pieces instead of one view.
 */
import { sharedCopy } from './shared-bytes.js';
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES } from './container.js';

/** Pieces of S: piece i is srcs[at[3i]] bytes [at[3i + 1], at[3i + 1] + at[3i + 2]). */
export interface Segments {
  srcs: Uint8Array[];
  at: Int32Array;
  /** Bytes in all (the sum of the lengths). */
  length: number;
}

/** The bytes of `seg` in order into dst from offset 0 (dst holds at least seg.length bytes). */
export function gatherSegments(seg: Segments, dst: Uint8Array): void {
  const a = seg.at;
  for (let i = 0, to = 0; i < a.length; i += 3) {
    const src = seg.srcs[a[i]!]!;
    const off = a[i + 1]!;
    const len = a[i + 2]!;
    dst.set(src.subarray(off, off + len), to);
    to += len;
  }
}

export class SegmentQueue {
  /**
   * Per entry: its S offset, source (0 = the input, k > 0 = side[k − 1]), offset in the
   * source, piece length, and piece count: `count` pieces of `len` bytes, piece j at source
   * offset off + j·PAGE_BYTES (a run of whole pages, appendPages; 1 for append).
   */
  private s: number[] = [];
  private src: number[] = [];
  private off: number[] = [];
  private len: number[] = [];
  private count: number[] = [];
  private head = 0;
  private end = 0;
  private base = 0;
  private readonly side: Uint8Array[] = [];

  /**
   * @param input the whole container (on a SharedArrayBuffer for the pool's workers to read it)
   * @param copy how a piece that is not a view of the input is kept (shared, for the pool)
   */
  constructor(
    private readonly input: Uint8Array,
    private readonly copy: (b: Uint8Array) => Uint8Array = sharedCopy,
  ) {}

  get limit(): number {
    return this.end;
  }

  get first(): number {
    return this.base;
  }

  private inInput(chunk: Uint8Array): boolean {
    return chunk.buffer === this.input.buffer && chunk.byteOffset >= this.input.byteOffset && chunk.byteOffset + chunk.length <= this.input.byteOffset + this.input.length;
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.s.push(this.end);
    if (this.inInput(chunk)) {
      this.src.push(0);
      this.off.push(chunk.byteOffset - this.input.byteOffset);
    } else {
      this.side.push(this.copy(chunk));
      this.src.push(this.side.length);
      this.off.push(0);
    }
    this.len.push(chunk.length);
    this.count.push(1);
    this.end += chunk.length;
  }

  /** The data of `pages` whole pages (heads included in `run`: PageReader.pushRuns) as one entry. */
  appendPages(run: Uint8Array, pages: number): void {
    if (!this.inInput(run)) {
      for (let j = 0; j < pages; j++) this.append(run.subarray(j * PAGE_BYTES + PAGE_HEAD_BYTES, (j + 1) * PAGE_BYTES));
      return;
    }
    this.s.push(this.end);
    this.src.push(0);
    this.off.push(run.byteOffset - this.input.byteOffset + PAGE_HEAD_BYTES);
    this.len.push(PAGE_DATA_BYTES);
    this.count.push(pages);
    this.end += pages * PAGE_DATA_BYTES;
  }

  /** Nothing to reserve: pieces are references (ByteQueue's interface). */
  reserve(_bytes: number): void {}

  /** The pieces of absolute range [from, to) (clipped to what is held). */
  hold(from: number, to: number): Segments {
    const a = Math.max(from, this.base);
    const b = Math.min(to, this.end);
    const at: number[] = [];
    const srcs: Uint8Array[] = [this.input];
    const sideIndex = new Map<number, number>();
    for (let i = this.head; i < this.s.length && this.s[i]! < b; i++) {
      const s0 = this.s[i]!;
      const len = this.len[i]!;
      if (s0 + len * this.count[i]! <= a) continue;
      let k = 0;
      if (this.src[i]! > 0) {
        k = sideIndex.get(this.src[i]!) ?? srcs.push(this.side[this.src[i]! - 1]!) - 1;
        sideIndex.set(this.src[i]!, k);
      }
      const j1 = Math.min(this.count[i]!, Math.ceil((b - s0) / len));
      for (let j = Math.max(0, Math.floor((a - s0) / len)); j < j1; j++) {
        const p0 = s0 + j * len;
        const lo = Math.max(a, p0);
        const hi = Math.min(b, p0 + len);
        at.push(k, this.off[i]! + j * PAGE_BYTES + (lo - p0), hi - lo);
      }
    }
    return { srcs, at: Int32Array.from(at), length: Math.max(0, b - a) };
  }

  /** Forget everything before absolute offset `to`. */
  drop(to: number): void {
    this.base = Math.min(Math.max(this.base, to), this.end);
    while (this.head < this.s.length && this.s[this.head]! + this.len[this.head]! * this.count[this.head]! <= this.base) this.head++;
    if (this.head > 1024 && this.head * 2 > this.s.length) {
      for (const arr of [this.s, this.src, this.off, this.len, this.count]) arr.splice(0, this.head);
      this.head = 0;
    }
  }
}
