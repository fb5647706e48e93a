/**
 * hopcode/codec/block-codec — 32 blocks at a time: payload bytes ↔ stored states.
 *
 * A block is one stored state of the network (N bits) whose K information bits are,
 * in the order of the encoder's information positions:
 *   bits 0 … 31          CRC-32C of (file id ‖ payload ‖ block index as u64 LE), LSB first
 *                        (format 2; format 1 has no file id), passed in as the CRC state
 *                        `seed` = CRC-32C(file id) so a block is bound to its container;
 *   bits 32 … 32 + 8P − 1 the P = ⌊(K − 32) / 8⌋ payload bytes, LSB first;
 *   the rest (< 8 bits)   zero.
 * Decoding a slab: the CRCs of the information bits read in place come first; only a
 * slab with a failing block gets the syndrome of H over its 32 lanes (one XOR per
 * edge), which finds the blocks that are not stored states; only those run the
 * network's dynamics (the clean-data fast path, see decodeGroupWords). A block is accepted only when it is a stored state AND its
 * CRC and zero padding match: a decode that converged to the wrong stored state is
 * caught (missed with probability ~2^−32), and its bytes are never returned as good.
 */
import type { Code } from '../network/code.js';
import { isGroupDecoder, type BlockDecoder } from '../decoders/block-decoder.js';
import { FastEncoder } from './block-encoder.js';
import { blockCrc, laneCrc } from './block-crc.js';
import { GroupEncoder } from './block-encode.js';
import { popcount } from './lanes.js';
import { tIndex, tRows } from './lanes-fast.js';
import { SimdCheck } from './simd-check.js';
import { groupWordsView } from './interleave.js';
import { LaneCheck, LaneStatus } from './lane-check.js';

export { LaneStatus } from './lane-check.js';


export interface SlabResult {
  status: Uint8Array;
  /** Bits flipped by the dynamics in each accepted lane. */
  bitsCorrected: Uint32Array;
}

/**
 * Rows of H checked before the CRC pass (block-codec decodeGroupWords): ~3 % of the
 * syndrome at N = 4000; at BER 1e-3 a block violates one of them with probability ≈ ½.
 */
export const PREFIX_ROWS = 64;

export class BlockCodec {
  readonly n: number;
  readonly k: number;
  /** Payload bytes per block P = ⌊(K − 32) / 8⌋. */
  readonly payloadBytes: number;
  private readonly tiles: number;
  readonly encoder: FastEncoder;
  private readonly infoPositions: Int32Array;
  private readonly laneBytes: Uint8Array;
  private readonly laneWords: Int32Array;
  private readonly slab: Int32Array;
  private readonly slabU: Uint32Array;
  /** Lane words of every quiet slab of a group (decodeGroupWords), and their bytes. */
  private laneAll = new Int32Array(0);
  /** pos[i]·W for the W of rowBaseW: the start of information row i in group words. */
  private rowBase = new Int32Array(0);
  private rowBaseW = -1;
  private laneAllBytes = new Uint8Array(0);
  /** Payload bytes → stored states (block-encode.ts). */
  private readonly groups: GroupEncoder;
  /** The lanes' CRC check and payload copy (lane-check.ts). */
  private readonly laneCheck: LaneCheck;
  /** The WebAssembly clean-check kernel (simd-check.ts): undefined until first asked for, null when unavailable or switched off. */
  private simdCheck: SimdCheck | null | undefined = undefined;
  private readonly parityCheck: Code['parityCheck'];

  constructor(
    code: Code,
    private readonly decoder: BlockDecoder,
    encoder?: FastEncoder,
  ) {
    this.n = code.n;
    this.infoPositions = Int32Array.from(code.encoder.infoPositions);
    this.k = this.infoPositions.length;
    this.payloadBytes = Math.floor((this.k - 32) / 8);
    if (this.payloadBytes < 1) throw new Error(`hopcode/codec: ${code.name} at N = ${code.n} stores K = ${this.k} bits per block: at least 40 are needed (32 for the CRC)`);
    this.encoder = encoder ?? new FastEncoder(code.parityCheck, code.encoder.infoPositions);
    this.tiles = Math.ceil(this.k / 32);
    this.laneCheck = new LaneCheck(this.payloadBytes, this.tiles);
    this.laneWords = new Int32Array(32 * this.tiles);
    this.laneBytes = new Uint8Array(this.laneWords.buffer);
    this.slab = new Int32Array(this.n);
    this.slabU = new Uint32Array(this.slab.buffer);
    this.rowBase = new Int32Array(this.k);
    this.parityCheck = code.parityCheck;
    this.groups = new GroupEncoder(this.n, this.tiles, this.payloadBytes, this.encoder);
  }

  /**
   * The clean-data check of decodeGroupWords: 'auto' = the WebAssembly SIMD kernel when it
   * loads (simd-check.ts), its CRCs from hopcode's native module where it loads, else from
   * @node-rs/crc32; 'node-rs' = never hopcode's native CRCs; 'wasm' = the kernel with its own
   * CRCs; 'js' = the JavaScript kernels (the naive twin). Same bytes and reports.
   */
  setCheckKernel(kind: 'auto' | 'node-rs' | 'wasm' | 'js'): void {
    this.simdCheck = kind === 'js' ? null : undefined;
    this.simdCrc = kind === 'js' ? 'auto' : kind;
    this.laneCheck.useBlockCrcs(kind !== 'node-rs');
  }

  /** Where the group encoder's block CRCs come from: 'auto' (native where it loads) or 'kernel' (the kernel's slicing-by-8; A/B runs). */
  setEncodeCrc(kind: 'auto' | 'kernel'): void {
    this.groups.setCrc(kind);
  }

  /** Which clean-check kernel decodeGroupWords uses (loads the WebAssembly one on first call). */
  checkKernel(): 'wasm+block-crc' | 'wasm+native-crc' | 'wasm' | 'js' {
    const k = this.simdKernel();
    if (!k) return 'js';
    return k.crcSource === 'block' ? 'wasm+block-crc' : k.crcSource === 'node-rs' ? 'wasm+native-crc' : 'wasm';
  }

  private simdCrc: 'auto' | 'node-rs' | 'wasm' = 'auto';

  private simdKernel(): SimdCheck | null {
    if (this.simdCheck === undefined) this.simdCheck = SimdCheck.create(this.n, this.infoPositions, this.parityCheck, this.payloadBytes, PREFIX_ROWS, this.simdCrc);
    return this.simdCheck;
  }

  /** The CRC a block carries (block-crc.ts). */
  blockCrc(bytes: Uint8Array, start: number, block: number, seed: number): number {
    return blockCrc(bytes, start, this.payloadBytes, block, seed);
  }

  /** Encode up to 32 blocks into one slab (GroupEncoder.encodeSlab). */
  encodeSlab<T extends Uint32Array | Int32Array>(src: Uint8Array, off: number, end: number, first: number, lanes: number, out: T, seed = 0): T {
    return this.groups.encodeSlab(src, off, end, first, lanes, out, seed);
  }

  /** The l blocks of one group into group words G in file layout (GroupEncoder.encodeGroupWords). */
  encodeGroupWords(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed = 0): void {
    this.groups.encodeGroupWords(src, off, end, first, l, g, w, seed);
  }

  /** The l blocks of one group as group bytes in file layout (GroupEncoder.encodeGroupBytes). */
  encodeGroupBytes(src: Uint8Array, off: number, end: number, first: number, l: number, dst: Uint8Array, at = 0, seed = 0): void {
    this.groups.encodeGroupBytes(src, off, end, first, l, dst, at, seed);
  }

  /** encodeGroupBytes as a view of the kernel's memory where it runs (GroupEncoder.encodeGroupView). */
  encodeGroupView(src: Uint8Array, off: number, end: number, first: number, l: number, seed = 0): Uint8Array {
    return this.groups.encodeGroupView(src, off, end, first, l, seed);
  }

  /** encodeGroupWords in JavaScript: the naive twin of the WebAssembly encoder (GroupEncoder.encodeGroupWordsJs). */
  encodeGroupWordsJs(src: Uint8Array, off: number, end: number, first: number, l: number, g: Int32Array, w: number, seed = 0): void {
    this.groups.encodeGroupWordsJs(src, off, end, first, l, g, w, seed);
  }

  /** Lanes (within `mask`) whose state violates some row of H (words of one slab). */
  dirtyLanes(words: Uint32Array | Int32Array, mask: number): number {
    const d = new Int32Array(1);
    const g = words instanceof Int32Array ? words : new Int32Array(words.buffer, words.byteOffset, words.length);
    this.encoder.kernels.syndrome(g, 1, Int32Array.of(mask | 0), d);
    return d[0]! >>> 0;
  }

  /**
   * Decode the l blocks of group words G (W slabs, file layout; first block `first`).
   * Accepted payloads go to dst [off + j·P, …) clipped to `end`, zeros for rejected ones.
   *
   * Cheapest order first (issue 12). First the rows 0 … PREFIX_ROWS − 1 of H (~3 % of
   * the syndrome): a slab with a lane dirty there is noisy and all its lanes go straight
   * to the dynamics, without the rest of the syndrome (on noisy data it ran over nearly
   * all of H to clear the last lanes); the dynamics leave a stored state unchanged, so a
   * lane that comes back unchanged and ok counts clean, exactly as the syndrome would
   * have found it (reports identical to before, checked on 0 … 2.5e-2). Every other slab's information bits
   * are read in place and CRC-checked — work the clean path needs anyway to return the
   * payload. A slab whose 32 blocks all pass is done: the rest of the syndrome is
   * skipped (on clean data that halves the decode). Only slabs with a failing block get
   * the syndrome of H; there every block that is not a stored state runs the dynamics
   * and is CRC-checked again, and a stored state whose CRC fails is `BadCrc`. What the
   * report then counts: damage confined to parity bits outside the first PREFIX_ROWS
   * checks, in a slab whose blocks all pass their CRC, is not seen (those blocks count
   * as clean, not corrected); the payload returned is the same. A block with random damage in its information bits passes its CRC
   * with probability ≤ 2^−32, and never with ≤ 5 flipped bits (CRC-32C's distance).
   * Where the WebAssembly kernel loads (simd-check.ts), the prefix rows, the transposes of the
   * quiet slabs and their CRC and padding checks run there, 4 slabs per v128; a quiet slab
   * whose 32 blocks all pass has its payloads copied to dst, any other quiet slab is redone
   * by the JavaScript path below (tRows + check), so bytes and reports are the JS path's.
   */
  /**
   * Where a group of l blocks may be gathered so that decodeGroupWords reads it without
   * copying it into the clean-check kernel: its ⌈n·l/8⌉ file bytes (SimdCheck.stageArea, or
   * for a short group SimdCheck.shortStage, read in place by groupWords), or null (no
   * kernel). The bytes are valid until the next decode.
   */
  groupStage(l: number): Uint8Array | null {
    const k = this.simdKernel();
    if (!k) return null;
    return l % 128 === 0 ? k.stageArea(l / 32) : k.shortStage(l);
  }

  /**
   * The group words of the l blocks of src[off, off + avail) (bytes past it read 0) for
   * decodeGroupWords: for whole quads of slabs a view or copy (interleave.ts
   * groupWordsView); for a short group (l not a multiple of 128: the last of a file) the
   * clean-check kernel's unpacking, which leaves them staged for it (SimdCheck.shortWords).
   * Valid until the next decode.
   */
  groupWords(src: Uint8Array, off: number, avail: number, l: number): Int32Array {
    const k = l % 128 === 0 ? null : this.simdKernel();
    return k ? k.shortWords(src, off, avail, l) : groupWordsView(src, off, avail, l, this.n);
  }

  decodeGroupWords(g: Int32Array, w: number, l: number, first: number, dst: Uint8Array, off: number, end: number, seed = 0): SlabResult {
    const { n, payloadBytes: p } = this;
    const status = new Uint8Array(l);
    const bitsCorrected = new Uint32Array(l);
    const masks = new Int32Array(w);
    // Lanes of a failing slab not yet CRC-checked: the first pass stops a slab at its
    // first failure (on noisy data that is nearly every slab, and the check is redone
    // after the dynamics anyway).
    const unchecked = new Int32Array(w);
    const noisy = new Uint8Array(w);
    let anyFailed = false;
    // A slab with a lane dirty in the first PREFIX_ROWS rows of H surely takes the
    // dynamics (noisy data: nearly every slab): it skips the CRC pass.
    for (let s = 0; s < w; s++) masks[s] = Math.min(32, l - 32 * s) >= 32 ? -1 : (1 << (l - 32 * s)) - 1;
    const pre = new Int32Array(w);
    const simd = this.simdKernel();
    if (simd) simd.prefix(g, w, masks, pre);
    else this.encoder.kernels.syndrome(g, w, masks, pre, PREFIX_ROWS);
    let quiet = 0;
    for (let s = 0; s < w; s++) if (pre[s] === 0) quiet++;
    // The lanes of every quiet slab (lane-major, the layout check reads), read
    // tile by tile: for one tile the W slabs' loads hit the same 32 rows of G (W words each,
    // in L1), so G is read once, in place, and no gathered copy is made (issue 12).
    const k = this.k;
    const tiles = this.tiles;
    const per = 32 * tiles;
    if (this.laneAll.length < w * per) {
      this.laneAll = new Int32Array(w * per);
      this.laneAllBytes = new Uint8Array(this.laneAll.buffer);
    }
    const all32 = this.laneAll;
    const pos = this.infoPositions;
    const rowBases = (): Int32Array => {
      if (this.rowBaseW !== w) {
        for (let i = 0; i < k; i++) this.rowBase[i] = pos[i]! * w;
        this.rowBaseW = w;
      }
      return this.rowBase;
    };
    // With the SIMD kernel: simdFail[s] = lanes of quiet slab s failing CRC or padding there.
    const simdFail = simd && quiet > 0 ? new Int32Array(w) : null;
    if (quiet > 0) {
      const qs = new Int32Array(quiet);
      for (let s = 0, c = 0; s < w; s++) if (pre[s] === 0) qs[c++] = s;
      if (simd) simd.check(qs, quiet, l, first, seed, end - off, simdFail!);
      else for (let t = 0; t < tiles; t++) tRows(g, rowBases(), t * 32, Math.min(32, k - t * 32), qs, quiet, all32, per, t, tiles);
    }
    // A run of slabs whose blocks all passed the SIMD check: their payloads go to dst in one copy.
    let runFrom = -1;
    const flush = (to: number): void => {
      if (runFrom < 0) return;
      const a = Math.min(32 * runFrom * p, end - off);
      const b = Math.min(Math.min(32 * to, l) * p, end - off);
      if (b > a) simd!.payload(a, b, dst, off + a);
      runFrom = -1;
    };
    for (let s = 0; s < w; s++) {
      const lanes = Math.min(32, l - 32 * s);
      const all = lanes >= 32 ? -1 : (1 << lanes) - 1;
      if (simdFail && pre[s] === 0 && simdFail[s] === 0) {
        masks[s] = 0;
        if (runFrom < 0) runFrom = s;
        continue;
      }
      flush(s);
      if (pre[s] !== 0) {
        // Noisy: no syndrome either (on noisy data it had to run over nearly all of H to
        // clear the last lanes, issue 12): every lane runs the dynamics, which leave a
        // stored state as it is; an unchanged lane that reached a stored state counts clean.
        masks[s] = 0;
        noisy[s] = 1;
        unchecked[s] = all;
        anyFailed = true;
        continue;
      }
      // A quiet slab with a failing block under the SIMD kernel: its lane words for the JS
      // check (and the dirty path after it), exactly as without the kernel.
      let failed: number;
      if (simdFail) {
        simd!.lanes(s, all32, s * per, tiles);
        failed = this.laneCheck.firstFailure(simdFail[s]!, this.laneAllBytes, s * per, dst, off + 32 * s * p, end, status, 32 * s);
      } else failed = this.laneCheck.check(all32, this.laneAllBytes, s * per, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, -1, true);
      // The syndrome is asked for only on slabs with a failed block.
      masks[s] = failed === 0 ? 0 : all;
      if (failed !== 0) {
        anyFailed = true;
        const c = this.laneCheck.checked;
        unchecked[s] = c >= 32 ? 0 : all & ~((1 << c) - 1);
      }
    }
    flush(w);
    if (!anyFailed) return { status, bitsCorrected };
    // The lanes each slab hands the dynamics; a group decoder sees them all first (one
    // pass over the group for work common to its slabs, serial-block-decoder.ts). It is
    // handed every lane of a failed slab, no syndrome of H here: its own syndromes (the
    // rows of H, in SIMD) tell the lanes that are not stored states (SlabDecodeResult.dirty),
    // the lanes the syndrome would have given.
    const group = isGroupDecoder(this.decoder) ? this.decoder : null;
    const dirty = new Int32Array(w);
    if (group) for (let s = 0; s < w; s++) dirty[s] = masks[s]!;
    else if (masks.some((m) => m !== 0)) this.encoder.kernels.syndrome(g, w, masks, dirty);
    for (let s = 0; s < w; s++) if (noisy[s]) dirty[s] = Math.min(32, l - 32 * s) >= 32 ? -1 : (1 << (l - 32 * s)) - 1;
    group?.beginGroup(g, w, dirty);
    // Slabs four at a time: those a group decoder decoded in place get their information
    // words transposed together (gatherInputs: 4 slabs per v128), then CRC-checked.
    const states: Int32Array[] = [];
    const at = new Int32Array(8);
    for (let s0 = 0; s0 < w; s0 += 4) {
      const s1 = Math.min(w, s0 + 4);
      let inPlace = 0;
      for (let s = s0; s < s1; s++) {
        const lanes = Math.min(32, l - 32 * s);
        let d = dirty[s]! >>> 0;
        const u = unchecked[s]!;
        // d = 0 on a slab with failures: stored states; those checked and failed are BadCrc
        // already, the unchecked ones are checked now.
        if (d === 0) {
          if (u !== 0) this.laneCheck.check(all32, this.laneAllBytes, s * per, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, u, false);
          continue;
        }
        // The decoded slab's word v is state[v·ss + sa]: in place in a group decoder's buffer
        // (no copy out of G, and its per-lane change counts instead of a pass over N words).
        let state: Int32Array;
        let ss = 1;
        let sa = 0;
        if (group) {
          const r = group.decodeSlab(s, d);
          if (!noisy[s]) {
            // As the syndrome would have found them: stored states are left as they are.
            d = (r.dirty & d) >>> 0;
            dirty[s] = d;
            if (d === 0) {
              if (u !== 0) this.laneCheck.check(all32, this.laneAllBytes, s * per, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, u, false);
              continue;
            }
          }
          const ok = r.ok & d;
          state = r.words;
          ss = r.stride;
          sa = r.at;
          for (let j = 0; j < lanes; j++) {
            if (!((d >>> j) & 1)) continue;
            if (!((ok >>> j) & 1)) status[32 * s + j] = LaneStatus.NoConvergence;
            else if (r.changed[j] !== 0) {
              status[32 * s + j] = LaneStatus.Corrected;
              bitsCorrected[32 * s + j] = r.changed[j]!;
            }
          }
        } else {
          const { slab, slabU } = this;
          for (let v = 0, x = s; v < n; v++, x += w) slab[v] = g[x]!;
          const r = this.decoder.decodeWords(slabU, d);
          const ok = r.ok & d;
          const words = r.words;
          let changed = 0;
          for (let v = 0; v < n; v++) {
            const c = words[v]! ^ slab[v]!;
            changed |= c;
            let x = c & ok;
            while (x !== 0) {
              const low = x & -x;
              bitsCorrected[32 * s + 31 - Math.clz32(low)]!++;
              x ^= low;
            }
          }
          for (let j = 0; j < lanes; j++) {
            if (!((d >>> j) & 1)) continue;
            if (!((ok >>> j) & 1)) status[32 * s + j] = LaneStatus.NoConvergence;
            else if ((changed >>> j) & 1) status[32 * s + j] = LaneStatus.Corrected;
          }
          state = words instanceof Int32Array ? words : new Int32Array(words.buffer, words.byteOffset, n);
        }
        if (ss > 1 && group?.gatherInputs) {
          inPlace |= 1 << (s - s0);
          states[s - s0] = state;
          at[2 * (s - s0)] = ss;
          at[2 * (s - s0) + 1] = sa;
          continue;
        }
        for (let t = 0; t < tiles; t++) tIndex(state, pos, t * 32, ss, sa, Math.min(32, k - t * 32), this.laneWords, t, tiles);
        this.laneCheck.check(this.laneWords, this.laneBytes, 0, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, d | u, false);
      }
      if (inPlace === 0) continue;
      const lw = group!.gatherInputs!(pos, s0);
      for (let s = s0; s < s1; s++) {
        const i = s - s0;
        if (!((inPlace >>> i) & 1)) continue;
        const lanes = Math.min(32, l - 32 * s);
        const mask = dirty[s]! | unchecked[s]!;
        if (lw) this.laneCheck.check(lw.words, lw.bytes, i * per, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, mask, false);
        else {
          for (let t = 0; t < tiles; t++) tIndex(states[i]!, pos, t * 32, at[2 * i]!, at[2 * i + 1]!, Math.min(32, k - t * 32), this.laneWords, t, tiles);
          this.laneCheck.check(this.laneWords, this.laneBytes, 0, lanes, first + 32 * s, dst, off + 32 * s * p, end, status, 32 * s, seed, mask, false);
        }
      }
    }
    for (let j = 0; j < l; j++) if (status[j]! >= LaneStatus.NoConvergence) bitsCorrected[j] = 0;
    return { status, bitsCorrected };
  }
}

export { popcount };
