/**
 * hopcode/codec/payload-output — a decode's payload written in place (issue 12).
 *
 * Buffer decodes used to collect each group's payload and join the parts at the end: one
 * more copy of the whole output. When the header's payload length is known and the input
 * is long enough to hold the whole container, the session reserves the output once and
 * hands each group a slot of it (DecodeJob.dest): the calling thread's decoder writes
 * there, and a part that already is its slot costs nothing. A part from elsewhere (a
 * worker's shared output) is copied into its place: the one copy left. Without a
 * reservation (a stream container, whose length is in its tail; a truncated input),
 * parts are joined as before. Parts arrive in file order (fold.ts), back to back.
 * A part is not kept after add() returns (the pool reuses its buffer): it is copied, or
 * already in place. The result is an ordinary Uint8Array of exactly the payload's length, owned by the caller
 * (a view of the caller's own `into` buffer when one was given and the payload fits).
 */
import { isShared, sharedBytes } from './shared-bytes.js';
import { largeBytes } from '../util/large-bytes.js';

export class PayloadOutput {
  private out: Uint8Array | null = null;
  private len = 0;
  private parts: Uint8Array[] = [];

  /**
   * @param shared reserve the output on a SharedArrayBuffer (decodeAsync with the pool): the
   *   workers then write each group's payload into its slot, and the calling thread neither
   *   copies the output nor takes its page faults (a fresh buffer's first writes cost more
   *   than the copy itself: 1.5 GB/s against 11.6 for memory written before, `node
   *   dist/bench/shared-alloc.js` on the 2-core machine)
   */
  constructor(
    private readonly shared = false,
    /** The caller's buffer (DecodeOptions.into): the reservation when the payload fits in it. */
    private readonly into?: Uint8Array,
  ) {}

  /** Reserve the whole output (only before the first part). */
  reserve(bytes: number): void {
    if (this.len !== 0 || this.parts.length !== 0) return;
    if (this.into !== undefined && this.into.length >= bytes) this.out = this.into.subarray(0, bytes);
    else this.out = this.shared ? sharedBytes(bytes) : largeBytes(bytes);
  }

  /** The output slot for payload bytes [at, at + len), if reserved. */
  slot(at: number, len: number): Uint8Array | undefined {
    const o = this.out;
    return o !== null && at + len <= o.length ? o.subarray(at, at + len) : undefined;
  }

  /** The next part, in order. */
  add(b: Uint8Array): void {
    if (b.length === 0) return;
    const o = this.out;
    if (o !== null && this.len + b.length <= o.length) {
      if (b.buffer !== o.buffer || b.byteOffset !== o.byteOffset + this.len) o.set(b, this.len);
      this.len += b.length;
      return;
    }
    if (o !== null) {
      // More than reserved (cannot happen for a consistent header): fall back to joining.
      this.parts.push(o.subarray(0, this.len));
      this.out = null;
    }
    this.parts.push(isShared(b) ? b.slice() : b); // a shared part is a pool buffer that will be reused
    this.len += b.length;
  }

  /** The payload: the reserved output (cut to what came), or the joined parts. */
  result(): Uint8Array {
    if (this.out !== null) return this.len === this.out.length ? this.out : this.out.slice(0, this.len); // a truncated input: rare
    const one = this.parts[0];
    if (this.parts.length === 1 && !isShared(one!) && one!.byteOffset === 0 && one!.buffer.byteLength === one!.length) return one!;
    const r = new Uint8Array(this.len);
    let at = 0;
    for (const p of this.parts) {
      r.set(p, at);
      at += p.length;
    }
    return r;
  }
}
