/**
 * hopcode/sim/frame-batch — 32 Monte-Carlo frames at a time, the same for every decoder.
 *
 * A batch is: random information words → systematic encoder (random stored states,
 * lane j = frame j) → channel. The random stream depends only on (seed, channel,
 * noise, chunk, batch) — never on the decoder — so every decoder in a comparison sees
 * exactly the same frames, and every worker count gives the same frames.
 * Channel outputs: hard words for every channel (BEC erasures read as 0, AWGN by sign),
 * plus per-lane LLRs (ln P(y|0)/P(y|1)) when a decoder wants soft input.
 */
import { bernoulliWords } from '../channels/bsc-words.js';
import { awgnSigma, fillNormals } from '../channels/awgn.js';
import type { ChannelKind } from '../channels/channel.js';
import { bscLlrMagnitude } from '../channels/bsc.js';
import { LLR_CLAMP } from '../baselines/min-sum.js';
import type { CompiledNetwork } from '../decoders/compiled-network.js';
import { hashTuple, Rng } from '../util/rng.js';

export interface SimChannel {
  kind: ChannelKind;
  /** p (BSC), e (BEC) or Eb/N0 in dB (AWGN). */
  noise: number;
  /** Code rate, for Eb/N0 → σ. */
  rate: number;
}

/** Validate a channel point; throws naming the parameter. */
export function checkChannel(ch: SimChannel): void {
  if (ch.kind === 'bsc' || ch.kind === 'bec') {
    const name = ch.kind === 'bsc' ? 'p' : 'e';
    if (!(ch.noise >= 0 && ch.noise <= 1)) throw new Error(`hopcode/sim: ${name} must lie in [0, 1], got ${ch.noise}`);
  } else if (ch.kind === 'awgn') {
    awgnSigma(ch.noise, ch.rate);
  } else throw new Error(`hopcode/sim: unknown channel "${String(ch.kind)}" (bsc, bec, awgn)`);
}

/** Hash of a noise point: channel kind and the exact bits of the noise value. */
export function pointHash(ch: SimChannel): number {
  const f = new Float64Array([ch.noise]);
  const u = new Uint32Array(f.buffer);
  const kind = ch.kind === 'bsc' ? 1 : ch.kind === 'bec' ? 2 : 3;
  return hashTuple([kind, u[0]!, u[1]!]);
}

export class FrameBatch {
  readonly info: Int32Array;
  /** Sent stored states. */
  readonly tx: Uint32Array;
  /** Hard channel output. */
  readonly rx: Uint32Array;
  /** BEC: erased positions (lane masks). */
  readonly erased: Uint32Array;
  /** Per-lane LLRs (filled when `soft`). */
  readonly llr: Float64Array[];
  private readonly normals: Float64Array;

  constructor(
    readonly net: CompiledNetwork,
    readonly soft: boolean,
  ) {
    const n = net.n;
    this.info = new Int32Array(net.k);
    this.tx = new Uint32Array(n);
    this.rx = new Uint32Array(n);
    this.erased = new Uint32Array(n);
    this.normals = new Float64Array(n);
    this.llr = soft ? Array.from({ length: 32 }, () => new Float64Array(n)) : [];
  }

  /** Draw batch `batch` of chunk `chunk` (32 lanes, always all drawn). */
  fill(seed: number, ch: SimChannel, chunk: number, batch: number): void {
    const rng = Rng.stream(seed, 0x6672616d /* 'fram' */, pointHash(ch), chunk, batch);
    const { n, k } = this.net;
    for (let i = 0; i < k; i++) this.info[i] = rng.next() | 0;
    this.net.encodeWords(this.info, this.tx);
    const { tx, rx, erased } = this;
    if (ch.kind === 'bsc') {
      bernoulliWords(rng, ch.noise, rx);
      for (let i = 0; i < n; i++) rx[i] = (rx[i]! ^ tx[i]!) >>> 0;
      if (this.soft) {
        const l = Math.min(bscLlrMagnitude(ch.noise), LLR_CLAMP);
        for (let lane = 0; lane < 32; lane++) {
          const out = this.llr[lane]!;
          for (let i = 0; i < n; i++) out[i] = (rx[i]! >>> lane) & 1 ? -l : l;
        }
      }
    } else if (ch.kind === 'bec') {
      bernoulliWords(rng, ch.noise, erased);
      for (let i = 0; i < n; i++) rx[i] = (tx[i]! & ~erased[i]!) >>> 0;
      if (this.soft) {
        for (let lane = 0; lane < 32; lane++) {
          const out = this.llr[lane]!;
          for (let i = 0; i < n; i++) out[i] = (erased[i]! >>> lane) & 1 ? 0 : (tx[i]! >>> lane) & 1 ? -LLR_CLAMP : LLR_CLAMP;
        }
      }
    } else {
      const sigma = awgnSigma(ch.noise, ch.rate);
      const gain = 2 / (sigma * sigma);
      rx.fill(0);
      for (let lane = 0; lane < 32; lane++) {
        fillNormals(this.normals, rng);
        const out = this.soft ? this.llr[lane]! : undefined;
        for (let i = 0; i < n; i++) {
          const y = ((tx[i]! >>> lane) & 1 ? -1 : 1) + sigma * this.normals[i]!;
          if (y < 0) rx[i]! |= 1 << lane;
          if (out) out[i] = gain * y;
        }
      }
    }
  }
}
