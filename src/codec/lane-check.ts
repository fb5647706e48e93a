/**
 * hopcode/codec/lane-check — the CRC and padding check of a slab's decoded lanes and the
 * copy of their payloads out (BlockCodec.decodeGroupWords calls it on every slab it reads).
 *
 * A slab's lane j holds 32·tiles information bits: its CRC word, P payload bytes, zero
 * padding (block-crc.ts). `check` is the per-lane test (the naive form); its whole-slab
 * accept checks all 32 CRCs with one native call (hopcode's block CRCs, native/block-crc.cc,
 * else @node-rs/crc32 over the lanes by crc-combine.ts); `firstFailure` applies a
 * verdict the SIMD kernel has already reached. Payloads bound for a shared output (the
 * pool's) are assembled in ordinary memory and copied in once per slab: V8 copies into a
 * SharedArrayBuffer byte by byte unless both ends agree mod 8 (issue 12).
 */
import { laneCrc } from './block-crc.js';
import { LaneCrcCombiner } from './crc-combine.js';
import { crc32cNative } from './crc32c.js';
import { nativeBlockCrcs, type NativeModule } from '../util/native.js';

/** What happened to each lane of a decoded slab. */
export const enum LaneStatus {
  Clean = 0,
  Corrected = 1,
  NoConvergence = 2,
  BadCrc = 3,
}

export class LaneCheck {
  /** Set by check: lanes below this index were handled. */
  checked = 32;
  /** One native CRC per whole slab in check (crc-combine.ts), made on first use. */
  private combiner: LaneCrcCombiner | null = null;
  /** Staging of a whole slab's payloads bound for a shared output. */
  private slabOut = new Uint8Array(0);
  /** hopcode's native block CRCs (null: @node-rs/crc32 and crc-combine.ts), and where they go. */
  private blockCrcs: NativeModule['blockCrcs'] | null = nativeBlockCrcs();
  private readonly crcOut = new Int32Array(32);

  /** The whole-slab accept by hopcode's native block CRCs where they load (true), or by @node-rs/crc32 (false: the tests of both). */
  useBlockCrcs(on: boolean): void {
    this.blockCrcs = on ? nativeBlockCrcs() : null;
  }

  constructor(
    private readonly payloadBytes: number,
    /** Words per lane: ⌈K/32⌉. */
    private readonly tiles: number,
  ) {}

  /**
   * For the lanes in `laneMask` of the slab whose lane words start at words[base] (lane j's
   * 32·tiles information bits at words[base + j·tiles …], bytes the same memory): check CRC
   * and padding and write the payloads. Returns the lanes that failed. With `stopAtFail`,
   * stops after the first failing lane; `checked` = lanes 0 … checked − 1 were handled.
   */
  check(words: Int32Array, bytes: Uint8Array, base: number, lanes: number, first: number, dst: Uint8Array, off: number, end: number, status: Uint8Array, at: number, seed: number, laneMask: number, stopAtFail: boolean): number {
    const { payloadBytes: p, tiles } = this;
    const stride = tiles * 4;
    let failed = 0;
    this.checked = 32;
    if (lanes > 1 && (this.blockCrcs !== null || crc32cNative !== null) && (laneMask | 0) === (lanes === 32 ? -1 : (1 << lanes) - 1) && end - off >= lanes * p && this.allGood(words, bytes, base, lanes, first, seed, status, at)) {
      // Into a shared output (the pool's) through one ordinary buffer: V8 copies into shared
      // memory word by word only when both ends agree mod 8, else byte by byte (2.8 against
      // 13 GB/s), and every other lane's payload is 4 bytes off; the slab then goes in one copy.
      const out = this.staging(dst);
      for (let j = 0, b0 = 4 * base + 4; j < lanes; j++, b0 += stride) (out ?? dst).set(bytes.subarray(b0, b0 + p), out ? j * p : off + j * p);
      if (out) dst.set(out.subarray(0, lanes * p), off);
      return 0;
    }
    for (let j = 0; j < lanes; j++) {
      if (!((laneMask >>> j) & 1)) continue;
      const a = off + j * p;
      const e = Math.min(a + p, end);
      let good = status[at + j] !== LaneStatus.NoConvergence;
      const b0 = 4 * base + j * stride;
      if (good) {
        good = words[b0 >>> 2]! >>> 0 === laneCrc(words, bytes, b0 >>> 2, p, first + j, seed);
        for (let b = b0 + 4 + p; good && b < b0 + stride; b++) if (bytes[b] !== 0) good = false;
        // The encoder zero-pads the last block past the payload length: a length that does not
        // agree with the padding (a forged or damaged header) fails the block instead of cutting data.
        for (let b = b0 + 4 + Math.max(0, e - a); good && b < b0 + 4 + p; b++) if (bytes[b] !== 0) good = false;
        if (!good) status[at + j] = LaneStatus.BadCrc;
      }
      if (!good) failed |= 1 << j;
      if (e > a) {
        if (good) dst.set(bytes.subarray(b0 + 4, b0 + 4 + (e - a)), a);
        else dst.fill(0, a, e);
      }
      if (!good && stopAtFail) {
        this.checked = j + 1;
        break;
      }
    }
    return failed >>> 0;
  }

  /**
   * check(…, −1, stopAtFail) on the lane words of a quiet slab the SIMD check has already
   * judged (`fail`: lowest bit = its first failing lane; its CRCs and padding were checked
   * there, the same tests): the payloads of the lanes before it, that lane BadCrc and zeroed,
   * `checked` after it; no CRC computed again (issue 12: at BER 1e-5 most slabs get here).
   */
  firstFailure(fail: number, bytes: Uint8Array, base: number, dst: Uint8Array, off: number, end: number, status: Uint8Array, at: number): number {
    const p = this.payloadBytes;
    const stride = this.tiles * 4;
    const f = 31 - Math.clz32(fail & -fail);
    // Into a shared output through one ordinary buffer, as in check's whole-slab accept.
    const out = this.staging(dst);
    const o = out ? 0 : off;
    const lim = out ? end - off : end;
    for (let j = 0; j <= f; j++) {
      const a = o + j * p;
      const e = Math.min(a + p, lim);
      const b0 = 4 * base + j * stride;
      if (j === f) {
        status[at + j] = LaneStatus.BadCrc;
        if (e > a) (out ?? dst).fill(0, a, e);
      } else if (e > a) (out ?? dst).set(bytes.subarray(b0 + 4, b0 + 4 + (e - a)), a);
    }
    if (out) {
      const n = Math.max(0, Math.min((f + 1) * p, end - off));
      if (n > 0) dst.set(out.subarray(0, n), off);
    }
    this.checked = f + 1;
    return (1 << f) >>> 0;
  }

  /** A slab's worth of ordinary memory to assemble payloads bound for a shared `dst` in (null: write dst directly). */
  private staging(dst: Uint8Array): Uint8Array | null {
    if (!(dst.buffer instanceof SharedArrayBuffer)) return null;
    if (this.slabOut.length < 32 * this.payloadBytes) this.slabOut = new Uint8Array(32 * this.payloadBytes);
    return this.slabOut;
  }

  /**
   * check's fast accept for a whole slab (all lanes asked for, every payload byte data): no
   * lane unconverged, and either every lane's CRC from one call of the native block CRCs equal
   * to its stored one and every lane's padding zero, or the last lane's padding zero and one
   * native CRC over the lanes agreeing with their stored CRCs (crc-combine.ts). False sends
   * the slab to the per-lane loop, whose verdicts are the same for every slab this accepts (a
   * wrong block alone always fails here).
   */
  private allGood(words: Int32Array, bytes: Uint8Array, base: number, lanes: number, first: number, seed: number, status: Uint8Array, at: number): boolean {
    for (let j = 0; j < lanes; j++) if (status[at + j] === LaneStatus.NoConvergence) return false;
    const p = this.payloadBytes;
    const stride = this.tiles * 4;
    const lane0 = 4 * base;
    const last = lane0 + (lanes - 1) * stride;
    if (this.blockCrcs) {
      const c = this.crcOut;
      this.blockCrcs(bytes, lane0 + 4, stride, p, lanes, seed >>> 0, first >>> 0, Math.floor(first / 4294967296), 0, c);
      for (let j = 0, w = base; j < lanes; j++, w += this.tiles) if (c[j] !== words[w]) return false;
      for (let lane = lane0; lane <= last; lane += stride) for (let b = lane + 4 + p; b < lane + stride; b++) if (bytes[b] !== 0) return false;
      return true;
    }
    for (let b = last + 4 + p; b < last + stride; b++) if (bytes[b] !== 0) return false;
    const comb = (this.combiner ??= new LaneCrcCombiner(p, stride));
    return comb.matches(words, lane0, lanes, first, seed, crc32cNative!(bytes.subarray(lane0 + 4, last + 4 + p), 0xffffffff) >>> 0);
  }
}
