/**
 * hopcode/codec/streams — Node Transform streams over the incremental sessions.
 *
 * Files of any size go through with bounded memory: the sessions hold at most one
 * group (D·N/8 bytes), three pages of look-ahead and the chunk being read. A decode error (a block that cannot
 * be restored, without { partial: true }) destroys the stream with the CodecError
 * before any byte of the failed group is pushed: every byte written downstream is
 * CRC-verified. With a pool plan, groups past the plan's first bytes run on worker
 * threads (codec-pool.ts); a few batches are in flight, results come out in order.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { DecodeSession, EncoderSession } from './session.js';
import { CodecError } from './errors.js';
import type { PoolPlan } from './codec-pool.js';
import { PooledDecoder } from './pooled-decoder.js';
import { PooledEncoder } from './pooled-encoder.js';

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  throw new CodecError('BAD_OPTIONS', 'stream chunks must be Buffers or Uint8Arrays');
}

function run(cb: TransformCallback, push: (b: Uint8Array) => void, f: () => Uint8Array[]): void {
  try {
    for (const b of f()) if (b.length > 0) push(b);
    cb();
  } catch (e) {
    cb(e as Error);
  }
}

function runAsync(cb: TransformCallback, f: () => Promise<void>): void {
  f().then(
    () => cb(),
    (e: unknown) => cb(e as Error),
  );
}

/** Transform: raw bytes → container. */
export function encodeTransform(session: EncoderSession, plan: PoolPlan | null = null): Transform {
  if (plan) {
    let run: PooledEncoder | null = null;
    return new Transform({
      transform(chunk, _enc, cb) {
        run ??= new PooledEncoder(session, plan, (b) => void this.push(b));
        const r = run;
        runAsync(cb, () => r.push(asBytes(chunk)));
      },
      flush(cb) {
        run ??= new PooledEncoder(session, plan, (b) => void this.push(b));
        const r = run;
        runAsync(cb, () => r.finish());
      },
    });
  }
  return new Transform({
    transform(chunk, _enc, cb) {
      run(cb, (b) => this.push(b), () => session.push(asBytes(chunk)));
    },
    flush(cb) {
      run(cb, (b) => this.push(b), () => session.finish());
    },
  });
}

/** Transform: container → verified bytes. Emits 'report' with the DecodeReport before 'end'. */
export function decodeTransform(session: DecodeSession & { push(c: Uint8Array): Uint8Array[]; finish(): Uint8Array[] }, plan: PoolPlan | null = null): Transform {
  if (plan) {
    let run: PooledDecoder | null = null;
    const get = (t: Transform): PooledDecoder => (run ??= new PooledDecoder(session, plan, (b) => void t.push(b)));
    return new Transform({
      transform(chunk, _enc, cb) {
        const r = get(this);
        runAsync(cb, () => r.push(asBytes(chunk)));
      },
      flush(cb) {
        const r = get(this);
        runAsync(cb, async () => {
          await r.finish();
          this.emit('report', session.report);
        });
      },
    });
  }
  return new Transform({
    transform(chunk, _enc, cb) {
      run(cb, (b) => this.push(b), () => session.push(asBytes(chunk)));
    },
    flush(cb) {
      run(
        cb,
        (b) => this.push(b),
        () => {
          const out = session.finish();
          this.emit('report', session.report);
          return out;
        },
      );
    },
  });
}
