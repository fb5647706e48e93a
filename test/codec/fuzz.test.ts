/**
 * Fuzzing decode: random bytes and mutated containers never raise anything but
 * CodecError, and whatever decode returns as good is the original data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, CodecError } from '../../src/codec/index.js';
import { equalBytes, randomBytes } from './helpers.js';

const codec = createCodec({ preset: 'parity10-d5', n: 256, interleave: 32 });
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

describe('fuzz: streams agree with buffers on damaged format-2 containers', () => {
  const c = createCodec({ preset: 'parity10-d5', n: 1024, interleave: 32, fileSeed: 1 });
  const payload = randomBytes(60 * 32 * 7 + 13, 5);
  const container = c.encode(payload);

  const join = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

  async function viaStream(b: Uint8Array, cuts: number[]): Promise<unknown> {
    const { Readable, Writable } = await import('node:stream');
    const { pipeline } = await import('node:stream/promises');
    const chunks: Uint8Array[] = [];
    let o = 0;
    for (const n of cuts) {
      if (o >= b.length) break;
      chunks.push(b.subarray(o, o + n));
      o += n;
    }
    if (o < b.length) chunks.push(b.subarray(o));
    const got: Buffer[] = [];
    let report: unknown;
    const d = c.decodeStream({ partial: true });
    d.on('report', (r: unknown) => (report = r));
    try {
      await pipeline(Readable.from(chunks), d, new Writable({ write(x, _e, cb) { got.push(x as Buffer); cb(); } }));
    } catch (e) {
      return (e as CodecError).code;
    }
    return { report, data: Buffer.concat(got).toString('hex') };
  }

  it('dropped, duplicated, overwritten and cut ranges; random chunking', async () => {
    const edit = fc.record({ kind: fc.constantFrom('drop', 'dup', 'noise', 'cut'), at: fc.nat(), len: fc.integer({ min: 1, max: 6000 }), seed: fc.nat() });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 40 }), async (edits, cuts) => {
        let b = container.slice();
        for (const m of edits) {
          const at = m.at % b.length;
          const end = Math.min(b.length, at + m.len);
          if (m.kind === 'drop') b = join(b.subarray(0, at), b.subarray(end));
          else if (m.kind === 'dup') b = join(b.subarray(0, end), b.subarray(at, end), b.subarray(end));
          else if (m.kind === 'noise') b.set(randomBytes(end - at, m.seed), at);
          else b = b.slice(0, at);
          if (b.length === 0) return;
        }
        let buf: unknown;
        try {
          const r = c.decode(b, { partial: true });
          buf = { report: r.report, data: Buffer.from(r.data).toString('hex') };
          // never wrong bytes: every block outside the bad ranges is the original
          const bad = new Set(r.report.badRanges.flatMap((x) => Array.from({ length: x.blocks }, (_, i) => x.block + i)));
          for (let k = 0; k * 60 < r.data.length; k++) if (!bad.has(k)) expect(equalBytes(r.data.subarray(k * 60, k * 60 + 60), payload.subarray(k * 60, Math.min(r.data.length, k * 60 + 60)))).toBe(true);
        } catch (e) {
          if (!(e instanceof CodecError)) throw e;
          buf = e.code;
        }
        expect(JSON.parse(JSON.stringify(await viaStream(b, cuts)))).toEqual(JSON.parse(JSON.stringify(buf)));
      }),
      { numRuns: 25 },
    );
  });
});
