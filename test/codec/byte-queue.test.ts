/**
 * ByteQueue against a plain array model: random appends (small, and large enough to be
 * adopted), drops and views, absolute offsets, and the bytes moved (compaction after a
 * drop must keep appending linear: moved ≤ appended / 4 on the decoder's pattern).
 */
import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../src/codec/byte-queue.js';
import { Rng } from '../../src/util/rng.js';

describe('ByteQueue', () => {
  it('holds what a plain model holds, through appends, drops and views', () => {
    const rng = Rng.stream(7);
    const q = new ByteQueue();
    // The model: every byte ever appended (byte at absolute offset x is x·7 mod 256 … as written).
    const all = new Uint8Array(4 << 20);
    let first = 0;
    let next = 0;
    for (let step = 0; step < 1500 && next < all.length - 80000; step++) {
      const r = rng.next() % 10;
      if (r < 6) {
        const len = rng.next() % 9 === 0 ? 65536 + (rng.next() % 5000) : rng.next() % 3000;
        for (let i = 0; i < len; i++) all[next + i] = rng.next() & 255;
        q.append(all.slice(next, next + len));
        next += len;
      } else if (r < 8) {
        first += rng.next() % (next - first + 1);
        q.drop(first);
      }
      expect(q.first).toBe(first);
      expect(q.limit).toBe(next);
      const a = first + (next > first ? rng.next() % (next - first) : 0);
      const b = Math.min(next, a + (rng.next() % 9000));
      expect(Buffer.from(q.view(a, b)).equals(Buffer.from(all.subarray(a, b)))).toBe(true);
    }
  });

  it('moves few bytes on the decoder pattern (append pages, drop each whole group)', () => {
    const q = new ByteQueue();
    const page = new Uint8Array(4032);
    const group = 2088960;
    let appended = 0;
    let cut = 0;
    // Count the bytes moved by watching copyWithin and set on the queue's buffers.
    let moved = 0;
    const origCopy = Uint8Array.prototype.copyWithin;
    Uint8Array.prototype.copyWithin = function (this: Uint8Array, t: number, s: number, e?: number) {
      moved += (e ?? this.length) - s;
      return origCopy.call(this, t, s, e);
    };
    try {
      for (let p = 0; p < 3000; p++) {
        q.append(page);
        appended += page.length;
        if (q.limit >= (cut + 1) * group) q.drop(++cut * group);
      }
    } finally {
      Uint8Array.prototype.copyWithin = origCopy;
    }
    expect(cut).toBeGreaterThan(4);
    expect(moved).toBeLessThan(appended / 100);
  });
});
