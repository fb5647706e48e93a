/**
 * hopcode/codec/byte-queue — a growable byte buffer with a read cursor, addressed by
 * absolute stream offset.
 *
 * The decoders append chunks as they arrive and drop what they have consumed. Growing
 * by doubling and compacting only when the dead prefix is at least half the buffer keeps
 * every byte copied O(1) times on average, so any chunking of any input is linear time
 * (appending by concatenation, as version 1 did, was quadratic on a long tail).
 */
export class ByteQueue {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Absolute offset of buf[start]. */
  private base = 0;

  /** Absolute offset one past the last byte appended. */
  get limit(): number {
    return this.base + (this.end - this.start);
  }

  /** Absolute offset of the first byte still held. */
  get first(): number {
    return this.base;
  }

  /** True while `buf` is a chunk adopted without copying: it is never written into. */
  private adopted = false;

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const held = this.end - this.start;
    // Few bytes left after a drop: move them to the front now, while that is cheap. Waiting
    // until the buffer is full moved, for the decoder's data stream S (a group is cut and
    // dropped, then the next one fills up), most of a 2 MB group on every other group: 75 MB
    // moved for 77 MB appended on a 64 MiB decode (issue 12). Each move copies at most 1/8
    // of the bytes dropped since the last one, so appending stays linear.
    if (!this.adopted && this.start > 0 && this.start >= 8 * held) {
      this.buf.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = held;
    }
    if (this.end === this.start && chunk.length >= 65536) {
      // Empty queue and a big chunk (a whole buffer being decoded): hold it as it is.
      this.buf = chunk;
      this.start = 0;
      this.end = chunk.length;
      this.adopted = true;
      return;
    }
    if (this.end + chunk.length > this.buf.length || this.adopted) {
      const live = this.end - this.start;
      const need = live + chunk.length;
      const next = !this.adopted && need <= this.buf.length && this.start >= live ? this.buf : new Uint8Array(Math.max(need, 2 * (this.end - this.start), 1024));
      this.adopted = false;
      if (next === this.buf) this.buf.copyWithin(0, this.start, this.end);
      else next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /**
   * Make room for `bytes` more bytes without growing again (the whole-buffer decode knows
   * its size: growing by doubling copied the data stream ~2× more, issue 12).
   */
  reserve(bytes: number): void {
    const live = this.end - this.start;
    if (this.adopted || this.buf.length - this.start < live + bytes) {
      const next = new Uint8Array(live + bytes);
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
      this.start = 0;
      this.end = live;
      this.adopted = false;
    }
  }

  /** A view of absolute range [from, to) (clipped to what is held). Valid until the next append. */
  view(from: number, to: number): Uint8Array {
    const a = Math.max(from, this.base) - this.base + this.start;
    const b = Math.min(to, this.limit) - this.base + this.start;
    return this.buf.subarray(a, Math.max(a, b));
  }

  /** Forget everything before absolute offset `to`. */
  drop(to: number): void {
    const k = Math.min(Math.max(0, to - this.base), this.end - this.start);
    this.start += k;
    this.base += k;
  }
}
