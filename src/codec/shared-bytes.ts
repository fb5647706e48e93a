/**
 * hopcode/codec/shared-bytes — byte arrays the calling thread and the pool's workers both
 * see (issue 12): on a SharedArrayBuffer, never copied by postMessage nor detached (a
 * detached ArrayBuffer would slow every typed-array access of the isolate, see
 * codec-worker.ts), or an ordinary buffer where SharedArrayBuffer is unavailable.
 */
import { largeBytes, largeSharedBytes } from '../util/large-bytes.js';

export const HAS_SHARED = typeof SharedArrayBuffer === 'function';

/** n zero bytes on a SharedArrayBuffer (4-byte aligned: a worker reads group words from a view; large ones on huge pages, util/large-bytes.ts). */
export function sharedBytes(n: number): Uint8Array {
  return HAS_SHARED ? largeSharedBytes(n) : largeBytes(n);
}

/** True when b lives on a SharedArrayBuffer (the pool can hand it to a worker as it is). */
export function isShared(b: Uint8Array): boolean {
  return HAS_SHARED && b.buffer instanceof SharedArrayBuffer;
}

/** A shared copy of b. */
export function sharedCopy(b: Uint8Array): Uint8Array {
  const c = sharedBytes(b.length);
  c.set(b);
  return c;
}

/**
 * Shared buffers kept for reuse. Fresh memory is slow to fill: its pages are faulted in
 * on first write (2 MiB SharedArrayBuffers allocated and filled ran at 1.6 GB/s, memory
 * written before at 11.6 GB/s, `node dist/bench/shared-alloc.js` on the 2-core machine),
 * and the pool needs two or three buffers per group; a handful of recycled buffers covers
 * the groups in flight (2 per worker, plus the group being read). A codec keeps its list
 * (≤ 8 buffers, ≤ 32 MiB) until close(). Reused bytes are not zeroed: every user writes
 * the range it reads.
 */
export class SharedFreeList {
  private readonly free: SharedArrayBuffer[] = [];
  private bytes = 0;
  /** Keeps at most `keep` buffers of `maxBytes` in all (the oldest go first). */
  constructor(
    private readonly keep = 8,
    private readonly maxBytes = 32 << 20,
  ) {}

  /** n bytes on a shared buffer (a recycled one when one is big enough and not more than twice n). */
  take(n: number): Uint8Array {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!.byteLength;
      if (b >= n && b <= 2 * n + 65536 && (best < 0 || b < this.free[best]!.byteLength)) best = i;
    }
    if (best < 0) return sharedBytes(n);
    const buf = this.free.splice(best, 1)[0]!;
    this.bytes -= buf.byteLength;
    return new Uint8Array(buf, 0, n);
  }

  /** b's buffer may be reused: nothing reads or writes it any more. */
  give(b: Uint8Array): void {
    const buf = b.buffer;
    if (!HAS_SHARED || !(buf instanceof SharedArrayBuffer) || buf.byteLength > this.maxBytes || this.free.includes(buf)) return;
    while (this.free.length >= this.keep || this.bytes + buf.byteLength > this.maxBytes) this.bytes -= this.free.shift()!.byteLength;
    this.free.push(buf);
    this.bytes += buf.byteLength;
  }

  /** Forget every buffer (the codec's close()). */
  clear(): void {
    this.free.length = 0;
    this.bytes = 0;
  }
}
