/**
 * The pool's shared buffers: S on shared memory is never overwritten while a view is held,
 * recycled buffers give the same bytes as fresh ones, outputs are written in place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ByteQueue } from '../../src/codec/byte-queue.js';
import { SharedByteQueue } from '../../src/codec/shared-queue.js';
import { gatherSegments, SegmentQueue } from '../../src/codec/segment-queue.js';
import { isShared, SharedFreeList } from '../../src/codec/shared-bytes.js';
import { PayloadOutput } from '../../src/codec/payload-output.js';
import { createCodec } from '../../src/codec/index.js';
import { Rng } from '../../src/util/rng.js';
import { equalBytes, flipBits, flipS, randomBytes } from './helpers.js';

describe('SharedByteQueue', () => {
  it('the views of ByteQueue, and a held view never changes while others are appended, dropped and released', () => {
    const rng = Rng.stream(11, 0);
    const free = new SharedFreeList(4);
    const a = new ByteQueue();
    const b = new SharedByteQueue(free);
    b.minAlloc = 5000;
    let pos = 0;
    const held: { v: Uint8Array; copy: Uint8Array }[] = [];
    for (let step = 0; step < 400; step++) {
      const chunk = randomBytes(rng.next() % 3000, step);
      a.append(chunk);
      b.append(chunk);
      pos += chunk.length;
      const from = b.first + (rng.next() % Math.max(1, b.limit - b.first + 1));
      const to = from + (rng.next() % 2000);
      expect(equalBytes(b.view(from, to), a.view(from, to))).toBe(true);
      if (rng.next() % 3 === 0) {
        const v = b.hold(from, to);
        held.push({ v, copy: v.slice() });
      }
      if (held.length > 3 && rng.next() % 2 === 0) b.release(held.shift()!.v);
      if (rng.next() % 4 === 0) {
        const cut = b.first + (rng.next() % (b.limit - b.first + 1));
        a.drop(cut);
        b.drop(cut);
      }
      for (const h of held) expect(equalBytes(h.v, h.copy)).toBe(true);
      expect(isShared(b.view(b.first, b.limit)) || b.limit === b.first).toBe(true);
    }
    expect(b.limit).toBe(pos);
  });

  it('a released buffer the queue has left is reused; a held one is not', () => {
    const free = new SharedFreeList(4);
    const q = new SharedByteQueue(free);
    q.minAlloc = 1000;
    q.append(new Uint8Array(1000).fill(1));
    const v = q.hold(0, 1000);
    q.drop(1000);
    q.append(new Uint8Array(10).fill(2)); // moves to a new buffer: v's is held, so not recycled
    expect(free.take(1000).buffer).not.toBe(v.buffer);
    q.release(v);
    expect(free.take(1000).buffer).toBe(v.buffer);
  });
});

describe('SegmentQueue', () => {
  it('the bytes of ByteQueue for any range: pieces of the shared input by reference, others copied', () => {
    const rng = Rng.stream(12, 0);
    const input = new Uint8Array(new SharedArrayBuffer(300_000 + 16), 8, 300_000);
    input.set(randomBytes(input.length, 5));
    const a = new ByteQueue();
    const b = new SegmentQueue(input);
    let at = 0;
    for (let step = 0; step < 300 && at < input.length; step++) {
      const len = rng.next() % 2500;
      // Mostly views of the input (a page's data), sometimes a piece from elsewhere (a missing page).
      const piece = rng.next() % 5 === 0 ? randomBytes(len, step) : input.subarray(at, Math.min(input.length, at + len));
      if (piece.buffer === input.buffer) at += piece.length + (rng.next() % 64);
      a.append(piece);
      b.append(piece);
      expect(b.limit).toBe(a.limit);
      const from = b.first + (rng.next() % Math.max(1, b.limit - b.first + 1));
      const to = from + (rng.next() % 6000);
      const seg = b.hold(from, to);
      const got = new Uint8Array(seg.length);
      gatherSegments(seg, got);
      expect(equalBytes(got, a.view(from, to)), `step ${step}`).toBe(true);
      expect(seg.srcs[0]).toBe(input);
      if (rng.next() % 4 === 0) {
        const cut = b.first + (rng.next() % (b.limit - b.first + 1));
        a.drop(cut);
        b.drop(cut);
        expect(b.first).toBe(a.first);
      }
    }
  });
});

describe('SharedFreeList', () => {
  it('reuses a buffer of a fitting size only (≥ n, ≤ 2n + 64 KiB), once, and keeps at most its byte budget', () => {
    const f = new SharedFreeList(8, 1_000_000);
    const x = f.take(400_000);
    f.give(x);
    expect(f.take(500_000).buffer).not.toBe(x.buffer); // too small
    expect(f.take(100_000).buffer).not.toBe(x.buffer); // too big: would waste it
    const y = f.take(300_000);
    expect(y.buffer).toBe(x.buffer);
    expect(y.length).toBe(300_000);
    expect(f.take(300_000).buffer).not.toBe(x.buffer); // taken: no longer listed
    f.give(y);
    f.give(y); // given twice: listed once
    f.give(new Uint8Array(new SharedArrayBuffer(700_000))); // 400 000 + 700 000 > 1 000 000: the oldest goes
    expect(f.take(300_000).buffer).not.toBe(x.buffer);
  });
});

describe('PayloadOutput', () => {
  it('a part that is its slot is not copied; other parts are copied in; without a reservation parts are joined', () => {
    const o = new PayloadOutput();
    o.reserve(10);
    const s = o.slot(0, 6)!;
    s.set([1, 2, 3, 4, 5, 6]);
    o.add(s);
    o.add(Uint8Array.of(7, 8, 9, 10));
    const r = o.result();
    expect(Array.from(r)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.buffer).toBe(s.buffer);
    const j = new PayloadOutput();
    const shared = new Uint8Array(new SharedArrayBuffer(3)).fill(5);
    j.add(shared);
    shared.fill(0); // a pool buffer reused after add(): the output kept a copy
    j.add(Uint8Array.of(6));
    expect(Array.from(j.result())).toEqual([5, 5, 5, 6]);
    const sh = new PayloadOutput(true);
    sh.reserve(4);
    expect(isShared(sh.slot(0, 4)!)).toBe(true);
  });
});

describe('pool outputs', () => {
  const one = createCodec({ profile: 'legacy', workers: 1, interleave: 64, fileSeed: 1 });
  const pool = createCodec({ profile: 'legacy', workers: 2, poolMinBytes: 0, interleave: 64, fileSeed: 1 });
  const plain = createCodec({ profile: 'legacy', workers: 2, poolMinBytes: 0, interleave: 64, fileSeed: 1, sharedOutput: false });
  afterAll(async () => Promise.all([pool.close(), plain.close()]));

  it('sharedOutput: shared results by default, ordinary ones when false; the same bytes and reports', async () => {
    const data = randomBytes(246 * 64 * 9 + 5, 60);
    const enc = one.encode(data);
    const encS = await pool.encodeAsync(data);
    const encP = await plain.encodeAsync(data);
    expect(isShared(encS)).toBe(true);
    expect(encP.buffer instanceof ArrayBuffer).toBe(true);
    expect(equalBytes(encS, enc)).toBe(true);
    expect(equalBytes(encP, enc)).toBe(true);
    const decS = await pool.decodeAsync(encS); // a shared input too
    const decP = await plain.decodeAsync(enc);
    expect(isShared(decS.data)).toBe(true);
    expect(decP.data.buffer instanceof ArrayBuffer).toBe(true);
    expect(equalBytes(decS.data, data)).toBe(true);
    expect(equalBytes(decP.data, data)).toBe(true);
    expect(decS.report).toEqual(one.decode(enc).report);
  });

  it('recycled (dirty) buffers: repeated damaged decodes give one thread\u2019s bytes and report every time', async () => {
    const data = randomBytes(246 * 64 * 8, 61);
    const bad = one.encode(data);
    flipBits(bad, 3e-3, 62);
    flipS(bad, 0.05, 63, 3 * 32000, 4 * 32000); // one group lost: zero-filled in the partial output
    const want = one.decode(bad, { partial: true });
    expect(want.report.blocksFailed).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      for (const c of [pool, plain]) {
        const got = await c.decodeAsync(bad, { partial: true });
        expect(equalBytes(got.data, want.data)).toBe(true);
        expect(got.report).toEqual(want.report);
      }
      expect(equalBytes(await pool.encodeAsync(data), one.encode(data))).toBe(true);
    }
  });

  it('a shared input is decoded from its own pages (segment-queue.ts): one thread’s bytes and report, damaged or not', async () => {
    const data = randomBytes(246 * 64 * 7 + 99, 64);
    const enc = one.encode(data);
    const shared = (b: Uint8Array): Uint8Array => {
      const x = new Uint8Array(new SharedArrayBuffer(b.length + 8), 8, b.length);
      x.set(b);
      return x;
    };
    const noisy = enc.slice();
    flipBits(noisy, 3e-3, 65); // page heads damaged too
    const holed = enc.slice();
    holed.fill(0, 4096 * 20, 4096 * 23); // three pages zeroed: heads lost
    const cut = new Uint8Array(enc.length - 4096);
    cut.set(enc.subarray(0, 4096 * 30));
    cut.set(enc.subarray(4096 * 31), 4096 * 30); // a page missing: its data comes zero-filled from elsewhere
    const truncated = enc.slice(0, enc.length - 40_000);
    for (const [name, b] of Object.entries({ clean: enc, noisy, holed, cut, truncated })) {
      const want = one.decode(b, { partial: true });
      const got = await pool.decodeAsync(shared(b), { partial: true });
      expect(equalBytes(got.data, want.data), name).toBe(true);
      expect(got.report, name).toEqual(want.report);
    }
    const c = one.decode(cut, { partial: true }).report;
    expect(c.pagesMissing + c.pagesDamaged).toBeGreaterThan(0);
  });

  it('encodeAsync reads a shared input in place: the same container, and the caller’s buffer is never recycled', async () => {
    const data = randomBytes(246 * 64 * 5 + 77, 66);
    const shared = new Uint8Array(new SharedArrayBuffer(data.length + 8), 8, data.length);
    shared.set(data);
    const want = one.encode(data);
    for (let i = 0; i < 3; i++) {
      expect(equalBytes(await pool.encodeAsync(shared), want)).toBe(true);
      // Other runs take buffers from the free list: the caller's must not be among them.
      const noisy = want.slice();
      flipBits(noisy, 2e-3, 67 + i);
      await pool.decodeAsync(noisy, { partial: true });
      expect(equalBytes(await pool.encodeAsync(randomBytes(data.length, 68 + i)), one.encode(randomBytes(data.length, 68 + i)))).toBe(true);
      expect(equalBytes(shared, data)).toBe(true);
    }
  });

  it('concurrent runs on one codec share its recycled buffers safely', async () => {
    const data = [0, 1, 2].map((i) => randomBytes(246 * 64 * (6 + i) + 17 * i, 70 + i));
    const enc = data.map((d) => one.encode(d));
    const noisy = enc.map((e, i) => {
      const b = e.slice();
      flipBits(b, 2e-3, 80 + i);
      return b;
    });
    const [e0, e1, d0, d1, d2] = await Promise.all([pool.encodeAsync(data[0]!), pool.encodeAsync(data[1]!), pool.decodeAsync(noisy[0]!), pool.decodeAsync(noisy[1]!), pool.decodeAsync(enc[2]!)]);
    expect(equalBytes(e0!, enc[0]!) && equalBytes(e1!, enc[1]!)).toBe(true);
    for (const [got, i] of [[d0, 0], [d1, 1], [d2, 2]] as const) expect(equalBytes(got.data, data[i]!)).toBe(true);
    expect(d0.report).toEqual(one.decode(noisy[0]!).report);
  });

  it('rejects a sharedOutput that is not a boolean', () => {
    expect(() => createCodec({ sharedOutput: 'yes' as unknown as boolean })).toThrow(/^hopcode\/codec: sharedOutput must be true or false, got yes/);
  });
});
