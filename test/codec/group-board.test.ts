/**
 * The boards (claim-board.ts: rows of work claimed by the workers from a shared table):
 * the decode board (group-board.ts) against one thread and the per-group pool tasks — same
 * bytes and reports on clean, noisy, page-damaged and truncated containers, shared (pieces
 * of the input) and ordinary (ranges of S buffers posted as they appear); the encode board
 * (encode-board.ts) — the same container as one thread, ordinary and shared inputs; a
 * failure in a worker names its blocks and leaves the pool usable; ClaimBoard and
 * claimRows on one thread; and the SegmentQueue's page runs (appendPages) against the same
 * pages appended one by one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCodec, type DecodeReport } from '../../src/codec/index.js';
import { gatherSegments, SegmentQueue } from '../../src/codec/segment-queue.js';
import { PAGE_BYTES, PAGE_DATA_BYTES, PAGE_HEAD_BYTES } from '../../src/codec/container.js';
import { Rng } from '../../src/util/rng.js';
import { ClaimBoard, claimRows } from '../../src/codec/claim-board.js';
import { equalBytes, flipBits, randomBytes } from './helpers.js';

const opts = { profile: 'legacy', interleave: 64, fileSeed: 3 } as const;
const one = createCodec({ ...opts, workers: 1 });
const board = createCodec({ ...opts, workers: 2, poolMinBytes: 0 });
const tasks = createCodec({ ...opts, workers: 2, poolMinBytes: 0, board: false } as Parameters<typeof createCodec>[0]);
afterAll(async () => {
  await board.close();
  await tasks.close();
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
  const damaged = (): Uint8Array[] => {
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
    return cases;
  };
  it('decodes shared containers as one thread does: clean, noisy, zeroed and missing pages, truncated', async () => {
    for (const [i, c] of damaged().entries()) {
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

  it('gathers a shared group straight into the clean-check kernel (groups of 128 blocks): same bytes and reports', async () => {
    const o = { interleave: 128, fileSeed: 4 } as const;
    const one128 = createCodec({ ...o, workers: 1 });
    const pool128 = createCodec({ ...o, workers: 2, poolMinBytes: 0 });
    try {
      const d = randomBytes(888 * 128 * 5 + 999, 67);
      const e = one128.encode(d);
      const noisy = e.slice();
      flipBits(noisy, 3e-3, 68);
      const zeroed = noisy.slice();
      zeroed.fill(0, 40 * PAGE_BYTES, 41 * PAGE_BYTES);
      for (const [i, c] of [e, noisy, zeroed].entries()) {
        const want = one128.decode(c, { partial: true });
        const got = await pool128.decodeAsync(shared(c), { partial: true });
        expect(equalBytes(got.data, want.data), `case ${i}`).toBe(true);
        expect(strip(got.report), `case ${i}`).toEqual(strip(want.report));
      }
    } finally {
      await pool128.close();
    }
  });

  it('decodes ordinary containers (rows of S buffers) as one thread and the per-group tasks do', async () => {
    for (const [i, c] of damaged().entries()) {
      const want = one.decode(c, { partial: true });
      const got = await board.decodeAsync(c, { partial: true });
      expect(equalBytes(got.data, want.data), `case ${i}`).toBe(true);
      expect(strip(got.report), `case ${i}`).toEqual(strip(want.report));
      const per = await tasks.decodeAsync(c, { partial: true });
      expect(equalBytes(per.data, want.data), `case ${i} per-group`).toBe(true);
      const into = shared(new Uint8Array(data.length + 10));
      const got2 = await board.decodeAsync(c, { partial: true, into });
      expect(equalBytes(got2.data, want.data), `case ${i} into`).toBe(true);
      expect(strip(got2.report), `case ${i} into`).toEqual(strip(want.report));
    }
  });

  it('encodes on the board as one thread does: ordinary and shared inputs, around group edges', async () => {
    const group = 246 * 64;
    for (const n of [1, group - 1, group, group + 1, 5 * group + 777, 11 * group]) {
      const d = randomBytes(n, 65 + n);
      const want = one.encode(d);
      expect(equalBytes(await board.encodeAsync(d), want), `${n} bytes`).toBe(true);
      expect(equalBytes(await board.encodeAsync(shared(d)), want), `${n} bytes, shared input`).toBe(true);
      expect(equalBytes(await tasks.encodeAsync(d), want), `${n} bytes, per-group tasks`).toBe(true);
    }
  });

  it('encodes and decodes views of shared memory at odd offsets on the boards', async () => {
    const d = randomBytes(246 * 64 * 4 + 5, 69);
    const want = one.encode(d);
    const sab = new Uint8Array(new SharedArrayBuffer(d.length + 8));
    sab.set(d, 3);
    expect(equalBytes(await board.encodeAsync(sab.subarray(3, 3 + d.length)), want)).toBe(true);
    const c = new Uint8Array(new SharedArrayBuffer(want.length + 8));
    c.set(want, 5);
    expect(equalBytes((await board.decodeAsync(c.subarray(5, 5 + want.length))).data, d)).toBe(true);
  });

  it('a failure inside an encode board task names its blocks, and the codec encodes again afterwards', async () => {
    const c = createCodec({ ...opts, workers: 2, poolMinBytes: 0, failAtBlock: 200 } as Parameters<typeof createCodec>[0]);
    const d = randomBytes(246 * 64 * 6, 66);
    try {
      await expect(c.encodeAsync(d)).rejects.toThrow(/^hopcode\/codec: encoding blocks 192 … 255 failed in a worker: test hook/);
      await expect(c.encodeAsync(shared(d))).rejects.toThrow(/test hook/);
      // Blocks below 192 only: no group holds block 200.
      expect(equalBytes(await c.encodeAsync(d.subarray(0, 246 * 150)), one.encode(d.subarray(0, 246 * 150)))).toBe(true);
    } finally {
      await c.close();
    }
  });

  it('a failure inside a board task names its blocks, and the pool decodes again afterwards', async () => {
    const c = createCodec({ ...opts, workers: 2, poolMinBytes: 0, failAtBlock: 200 } as Parameters<typeof createCodec>[0]);
    try {
      await expect(c.decodeAsync(shared(enc))).rejects.toThrow(/^hopcode\/codec: decoding blocks 192 … 255 failed in a worker: test hook/);
      await expect(c.decodeAsync(shared(enc))).rejects.toThrow(/test hook/);
      await expect(c.decodeAsync(enc)).rejects.toThrow(/^hopcode\/codec: decoding blocks 192 … 255 failed in a worker: test hook/);
    } finally {
      await c.close();
    }
    expect(equalBytes((await board.decodeAsync(shared(enc))).data, data)).toBe(true);
  });
});

describe('ClaimBoard and claimRows on one thread', () => {
  it('rows published, buffers posted before them, drained after close; done resolves per row', async () => {
    const b = new ClaimBoard(3, 8, true);
    const { part, transfer } = b.workerPart();
    const bufs = [shared(new Uint8Array([1, 2, 3, 4])), shared(new Uint8Array([5, 6, 7, 8]))];
    const dones = [0, 1, 2, 1].map((k, i) => b.publish([i, b.idOf(bufs[k % 2]!.buffer), k]).done);
    // A worker whose task starts late gets the buffers posted so far.
    const late = b.workerPart();
    b.close();
    expect(b.open).toBe(false);
    const seen: string[] = [];
    for (const t of [part, late.part]) {
      claimRows(
        t,
        (o, buffer) => seen.push(`${t.rows[o]}:${buffer(t.rows[o + 1]!)[0]}`),
        (o) => `row ${t.rows[o]}`,
      );
    }
    // The first task drained every row; the late one found none left.
    expect(seen).toEqual(['0:1', '1:5', '2:1', '3:5']);
    b.watch([Promise.resolve(), Promise.resolve()]);
    await Promise.all(dones);
    await b.settled();
    for (const p of transfer) p.close();
  });

  it('a row that throws stops the board, names the row, and fails the rows not done', async () => {
    const b = new ClaimBoard(1, 4, false);
    const first = b.publish([10]).done;
    const second = b.publish([11]).done;
    b.close();
    let err: Error | undefined;
    try {
      claimRows(
        b.task,
        (o) => {
          if (b.task.rows[o] === 11) throw new Error('boom');
        },
        (o) => `row ${b.task.rows[o]}`,
      );
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toBe('hopcode/codec: row 11 failed in a worker: boom');
    b.watch([Promise.reject(err)]);
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow(/row 11 failed/);
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
