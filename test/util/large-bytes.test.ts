/**
 * Large byte arrays on transparent huge pages (src/util/large-bytes.ts, native/huge-pages.cc):
 * the native allocator is built and loads here (npm run build); its arrays are zero-filled
 * ordinary ArrayBuffers / SharedArrayBuffers of the asked length that can be written,
 * transferred to another thread and shared with a worker; small arrays and a turned-off
 * allocator give ordinary memory; and the codec's outputs are the same bytes either way.
 * (Whether the kernel backs them with huge pages is its choice: `npm run bench:codec` shows
 * the kernel time it saves, and /proc/meminfo AnonHugePages the pages.)
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel, Worker } from 'node:worker_threads';
import { hugePages, largeBytes, largeSharedBytes, LARGE_BYTES, useHugePages } from '../../src/util/large-bytes.js';
import { createCodec } from '../../src/codec/codec.js';

const N = LARGE_BYTES + 12345;

function allZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i += 4093) if (b[i] !== 0) return false;
  return b[b.length - 1] === 0;
}

describe('large-bytes', () => {
  it('has the native allocator here (npm run build compiles native/huge-pages.cc)', () => {
    expect(hugePages()).not.toBeNull();
  });

  it('gives zero-filled, writable arrays of the asked length, plain and shared', () => {
    const a = largeBytes(N);
    const s = largeSharedBytes(N);
    expect(a.buffer).toBeInstanceOf(ArrayBuffer);
    expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const b of [a, s]) {
      expect(b.length).toBe(N);
      expect(b.buffer.byteLength).toBe(N);
      expect(allZero(b)).toBe(true);
      b.fill(0xa5);
      expect(b[0]).toBe(0xa5);
      expect(b[N - 1]).toBe(0xa5);
    }
    // Separate mappings: writing one leaves a new one zero.
    expect(allZero(largeBytes(N))).toBe(true);
  });

  it('passes a plain array to another thread by transfer, and shares a shared one with a worker', async () => {
    const a = largeBytes(N);
    a[7] = 42;
    a[N - 1] = 9;
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<Uint8Array>((resolve) => port2.once('message', (m: Uint8Array) => resolve(m)));
    port1.postMessage(a, [a.buffer]);
    const m = await got;
    port1.close();
    port2.close();
    expect(a.length).toBe(0); // detached here
    expect([m.length, m[7], m[N - 1]]).toEqual([N, 42, 9]);

    const s = largeSharedBytes(N);
    const w = new Worker('require("node:worker_threads").parentPort.once("message", (b) => { b[3] = 77; b[b.length - 2] = 5; require("node:worker_threads").parentPort.postMessage(0); });', { eval: true });
    await new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.postMessage(s);
    });
    await w.terminate();
    expect([s[3], s[N - 2]]).toEqual([77, 5]);
  });

  it('uses ordinary memory below LARGE_BYTES and when turned off', () => {
    expect(largeBytes(100).length).toBe(100);
    expect(largeSharedBytes(100).buffer).toBeInstanceOf(SharedArrayBuffer);
    const was = useHugePages(false);
    try {
      expect(hugePages()).toBeNull();
      const b = largeBytes(N);
      expect(b.length).toBe(N);
      expect(allZero(b)).toBe(true);
    } finally {
      useHugePages(was);
    }
  });

  it('leaves the codec\'s bytes unchanged: encode and decode outputs equal with and without it', async () => {
    const data = new Uint8Array(5 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const codec = createCodec({ workers: 1, fileSeed: 3 });
    const withIt = codec.encode(data);
    const was = useHugePages(false);
    let without: Uint8Array;
    let back: Uint8Array;
    try {
      without = codec.encode(data);
      back = codec.decode(withIt).data;
    } finally {
      useHugePages(was);
    }
    expect(withIt.length).toBeGreaterThanOrEqual(LARGE_BYTES);
    expect(Buffer.compare(withIt, without)).toBe(0);
    expect(Buffer.compare(back, data)).toBe(0);
    expect(Buffer.compare(codec.decode(without).data, data)).toBe(0);
    await codec.close?.();
  });
});
