/** The pool moves whole-buffer views to and from its workers; views into larger buffers are copied. */
import { describe, expect, it } from 'vitest';
import { ownBuffers } from '../../src/codec/transfer.js';

describe('ownBuffers', () => {
  it('lists each whole buffer once and skips views into larger ones', () => {
    const a = new Uint8Array(8);
    const b = new Uint32Array(4);
    const big = new Uint8Array(64);
    const list = ownBuffers([a, b, new Uint8Array(a.buffer), big.subarray(8, 16), new Uint8Array(0)]);
    expect(list).toEqual([a.buffer, b.buffer]);
  });

  it('a listed buffer is really moved by postMessage (detached on the sending side)', () => {
    const a = new Uint8Array(1024).fill(7);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(a, ownBuffers([a]));
    expect(a.byteLength).toBe(0);
    port1.close();
    port2.close();
  });
});
