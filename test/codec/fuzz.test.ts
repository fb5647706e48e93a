/**
 * Fuzzing decode: random bytes and mutated containers never raise anything but
 * CodecError, and whatever decode returns as good is the original data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, CodecError } from '../../src/codec/index.js';
import { equalBytes, randomBytes } from './helpers.js';

const codec = createCodec({ n: 256, interleave: 32 });
const data = randomBytes(700, 3);
const enc = codec.encode(data);

function check(input: Uint8Array): void {
  try {
    const r = codec.decode(input);
    expect(equalBytes(r.data, data) || r.data.length !== data.length).toBe(true);
    if (r.data.length !== data.length) expect(r.report.payloadLength).toBe(r.data.length);
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
  }
  try {
    codec.decode(input, { partial: true });
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
  }
}

describe('fuzz decode', () => {
  it('random inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => check(b)), { numRuns: 300 });
  });

  it('random inputs that start with a valid header', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => {
      const x = new Uint8Array(240 + b.length);
      x.set(enc.subarray(0, 240));
      x.set(b, 240);
      check(x);
    }), { numRuns: 200 });
  });

  it('mutated containers: flips, overwrites, truncation, extension', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), bits: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), bits: fc.constant(0) }),
      fc.record({ kind: fc.constant('grow' as const), at: fc.nat({ max: 500 }), bits: fc.constant(0) }),
    );
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 20 }), (ms) => {
      let x = enc.slice();
      for (const m of ms) {
        if (m.kind === 'flip') x[m.at % x.length]! ^= m.bits;
        else if (m.kind === 'set') x[m.at % x.length] = m.bits;
        else if (m.kind === 'cut') x = x.slice(0, m.at % (x.length + 1));
        else { const y = new Uint8Array(x.length + m.at); y.set(x); x = y; }
        if (x.length === 0) break;
      }
      check(x);
    }), { numRuns: 150 });
  });
});
