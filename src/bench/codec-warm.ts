/**
 * hopcode/bench/codec-warm — warm a codec before timing it (bench/codec.ts, codec-pool.ts).
 *
 * What is warmed: the network build, and the JIT of every kernel the timed runs use
 * (encoder, clean check, noisy dynamics). A pool's workers each build their own network
 * and compile their own kernels, so every worker must see clean and noisy groups: the
 * sample (≥ 4 groups per worker when the data allows) is encoded, decoded clean and decoded
 * at BER 1e-3, `rounds` times, with `workers` such runs in flight at once so the pool
 * hands groups to every worker, not only the first idle one.
 */
import { flipBits } from './codec-baselines.js';

export interface WarmCodec {
  encodeAsync(data: Uint8Array): Promise<Uint8Array>;
  decodeAsync(encoded: Uint8Array, opts?: { partial?: boolean }): Promise<unknown>;
}

/** Encode, clean-decode and noisy-decode `sample` `rounds` times, `parallel` runs at once. */
export async function warmCodec(codec: WarmCodec, sample: Uint8Array, parallel = 1, rounds = 2): Promise<void> {
  const enc = await codec.encodeAsync(sample);
  const noisy = enc.slice();
  flipBits(noisy, 1e-3, 999);
  for (let r = 0; r < rounds; r++) {
    const runs: Promise<unknown>[] = [];
    for (let i = 0; i < parallel; i++) runs.push(codec.encodeAsync(sample), codec.decodeAsync(enc), codec.decodeAsync(noisy, { partial: true }));
    await Promise.all(runs);
  }
}

/** The pool-scaling bench's warm-up: warmCodec with one run in flight per worker. */
export async function warmPool(codec: WarmCodec, data: Uint8Array, workers: number): Promise<void> {
  await warmCodec(codec, data.subarray(0, Math.min(data.length, 16 << 20)), workers);
}
