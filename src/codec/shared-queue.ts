/**
 * hopcode/codec/shared-queue — the decoder's data stream S on SharedArrayBuffers, for the
 * worker pool (codec-pool.ts): a group's bytes in S go to a worker as they are, no copy.
 *
 * Same interface as ByteQueue (append, view, drop, reserve; absolute offsets), with one
 * more guarantee: a byte, once appended, is never overwritten. ByteQueue compacts in place
 * (copyWithin), so the pool had to copy each group out of S into shared memory before the
 * next append (issue 12: with the page reader's copy into S, two copies of the whole input
 * on the calling thread). Here, when the buffer is full, the live tail moves to a NEW
 * buffer and the old one stays as it was for the views still held (a worker decoding
 * from it); the garbage collector frees it when the last view is gone. With `minAlloc`
 * set to a group and a few pages, that move copies only the < 1 group left after a cut.
 * Buffers are recycled (allocating a SharedArrayBuffer is slow, shared-bytes.ts): each
 * view taken with `hold` is given back with `release` once nothing reads it, and a buffer
 * the queue has left with no views held goes back to the free list. A view never released
 * (an error path) only keeps its buffer from being reused.
 */
import { SharedFreeList } from './shared-bytes.js';

/** A buffer the queue has handed out views of, and how many are still held. */
interface Held {
  buf: ArrayBufferLike;
  holds: number;
}

export class SharedByteQueue {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Absolute offset of buf[start]. */
  private base = 0;
  /** Smallest buffer allocated (the session sets it to a group plus a few pages). */
  minAlloc = 65536;
  private readonly held: Held[] = [];

  /** @param free where buffers come from and go back to (the codec's, shared with its pool runs) */
  constructor(private readonly free: SharedFreeList = new SharedFreeList()) {}

  /** Absolute offset one past the last byte appended. */
  get limit(): number {
    return this.base + (this.end - this.start);
  }

  /** Absolute offset of the first byte still held. */
  get first(): number {
    return this.base;
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.end + chunk.length > this.buf.length) this.move(chunk.length);
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Make room for `bytes` more bytes without moving again. */
  reserve(bytes: number): void {
    if (this.end + bytes > this.buf.length) this.move(bytes, true);
  }

  /** A view of absolute range [from, to) (clipped to what is held); its bytes never change. */
  view(from: number, to: number): Uint8Array {
    const a = Math.max(from, this.base) - this.base + this.start;
    const b = Math.min(to, this.limit) - this.base + this.start;
    return this.buf.subarray(a, Math.max(a, b));
  }

  /** view(), counted as held until release(): its buffer is not reused meanwhile. */
  hold(from: number, to: number): Uint8Array {
    const v = this.view(from, to);
    const h = this.held.find((x) => x.buf === v.buffer);
    if (h) h.holds++;
    else this.held.push({ buf: v.buffer, holds: 1 });
    return v;
  }

  /** A view from hold() is no longer read: its buffer may be reused once the queue has left it. */
  release(v: Uint8Array): void {
    const i = this.held.findIndex((x) => x.buf === v.buffer);
    if (i < 0) return;
    const h = this.held[i]!;
    if (--h.holds > 0) return;
    this.held.splice(i, 1);
    if (h.buf !== this.buf.buffer) this.free.give(v);
  }

  /** Forget everything before absolute offset `to`. */
  drop(to: number): void {
    const k = Math.min(Math.max(0, to - this.base), this.end - this.start);
    this.start += k;
    this.base += k;
  }

  /** The live bytes into a new buffer with room for `more` (doubling keeps appends linear). */
  private move(more: number, exact = false): void {
    const live = this.end - this.start;
    const next = this.free.take(exact ? live + more : Math.max(live + more, 2 * live, this.minAlloc));
    next.set(this.buf.subarray(this.start, this.end));
    const old = this.buf;
    this.buf = next;
    if (old.length > 0 && !this.held.some((x) => x.buf === old.buffer)) this.free.give(old);
    this.start = 0;
    this.end = live;
  }
}
