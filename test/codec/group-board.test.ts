/**
 * The group board (group-board.ts: a whole shared decode's groups claimed by the workers
 * from a shared table) against the per-group pool tasks and one thread: same bytes and
 * reports on clean, noisy, page-damaged and truncated shared containers; a failure in a
 * worker names its blocks and leaves the pool usable; and the SegmentQueue's page runs
 * (appendPages) against the same pages appended one by one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCodec, type DecodeReport } from '../../src/codec/index.js';
import { gatherSegments, SegmentQueue } from '../../src/codec/segment-queue.js';
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES } from '../../src/codec/container.js';
import { Rng } from '../../src/util/rng.js';
import { equalBytes, flipBits, randomBytes } from './helpers.js';

const opts = { profile: 'legacy', interleave: 64, fileSeed: 3 } as const;
const one = createCodec({ ...opts, workers: 1 });
const board = createCodec({ ...opts, workers: 2, poolMinBytes: 0 });
afterAll(async () => {
  await board.close();
});

const shared = (b: Uint8Array): Uint8Array => {
  const s = new Uint8Array(new SharedArrayBuffer(b.length));
  s.set(b);
  return s;
};
const strip = (r: DecodeReport): unknown => JSON.parse(JSON.stringify(r));

describe('group board', () => {
  const data = randomBytes(246 * 64 * 9 + 1234, 61);
  const enc = one.encode(data);
  it('decodes shared containers as one thread does: clean, noisy, zeroed and missing pages, truncated', async () => {
    const cases: Uint8Array[] = [enc];
    const noisy = enc.slice();
    flipBits(noisy, 2e-3, 62);
    cases.push(noisy);
    const zeroed = enc.slice();
    zeroed.fill(0, 5 * PAGE_BYTES, 7 * PAGE_BYTES);
    cases.push(zeroed);
    const dropped = new Uint8Array(enc.length - PAGE_BYTES);
    dropped.set(enc.subarray(0, 11 * PAGE_BYTES));
    dropped.set(enc.subarray(12 * PAGE_BYTES), 11 * PAGE_BYTES);
    cases.push(dropped);
    cases.push(enc.subarray(0, enc.length - 3 * PAGE_BYTES - 100).slice());
    for (const [i, c] of cases.entries()) {
      const want = one.decode(c, { partial: true });
      const got = await board.decodeAsync(shared(c), { partial: true });
      expect(equalBytes(got.data, want.data), `case ${i}`).toBe(true);
      expect(strip(got.report), `case ${i}`).toEqual(strip(want.report));
      // Into a reused shared buffer too.
      const into = shared(new Uint8Array(data.length + 10));
      const got2 = await board.decodeAsync(shared(c), { partial: true, into });
      expect(equalBytes(got2.data, want.data), `case ${i} into`).toBe(true);
    }
  });

  it('a failure inside a board task names its blocks, and the pool decodes again afterwards', async () => {
    const c = createCodec({ ...opts, workers: 2, poolMinBytes: 0, failAtBlock: 200 } as Parameters<typeof createCodec>[0]);
    try {
      await expect(c.decodeAsync(shared(enc))).rejects.toThrow(/^hopcode\/codec: decoding blocks 192 … 255 failed in a worker: test hook/);
      await expect(c.decodeAsync(shared(enc))).rejects.toThrow(/test hook/);
    } finally {
      await c.close();
    }
    expect(equalBytes((await board.decodeAsync(shared(enc))).data, data)).toBe(true);
  });
});

describe('SegmentQueue page runs', () => {
  it('appendPages holds the pages’ data as appending each page would', () => {
    const rng = Rng.stream(63, 0);
    const pages = 60;
    const input = shared(randomBytes(pages * PAGE_BYTES, 64));
    const a = new SegmentQueue(input);
    const b = new SegmentQueue(input);
    for (let p = 0; p < pages; ) {
      const n = 1 + (rng.next() % 7);
      const run = input.subarray(p * PAGE_BYTES, Math.min(pages, p + n) * PAGE_BYTES);
      const k = run.length / PAGE_BYTES;
      for (let j = 0; j < k; j++) a.append(run.subarray(j * PAGE_BYTES + PAGE_HEAD_BYTES, (j + 1) * PAGE_BYTES));
      // Sometimes a run not in the input (a copy): appended page by page, copied.
      b.appendPages(rng.next() % 6 === 0 ? run.slice() : run, k);
      p += k;
      expect(b.limit).toBe(a.limit);
      const from = b.first + (rng.next() % Math.max(1, b.limit - b.first + 1));
      const to = from + (rng.next() % (3 * PAGE_DATA_BYTES));
      const x = a.hold(from, to);
      const y = b.hold(from, to);
      const gx = new Uint8Array(x.length);
      const gy = new Uint8Array(y.length);
      gatherSegments(x, gx);
      gatherSegments(y, gy);
      expect(y.length).toBe(x.length);
      expect(equalBytes(gy, gx), `page ${p}`).toBe(true);
      if (rng.next() % 3 === 0) {
        const cut = b.first + (rng.next() % (b.limit - b.first + 1));
        a.drop(cut);
        b.drop(cut);
      }
    }
  });
});
