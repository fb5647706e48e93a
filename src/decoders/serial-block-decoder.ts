/**
 * hopcode/decoders/serial-block-decoder — cluster-serial dynamics as a codec block decoder.
 *
 * Radius-t (BCH) networks run iterative bounded-distance decoding written as network
 * dynamics (DESIGN.md §3, decoders/cluster-serial-reference.ts): one cluster active at
 * a time, in FIXED index order (the codec must decode the same container the same way
 * every time, and the seam gives no block index to seed an order from), its inputs
 * adopting the pattern of the hidden unit within radius t of its local word.
 *
 * Two stages, so that a slab of 32 blocks costs about one syndrome of H:
 *  1. bit-sliced: every cluster's syndrome bits over the 32 lanes, s_{c,j} = ⊕ x_i over
 *     the inputs i of c whose column syndrome has bit j (one XOR per 1 of H), then a
 *     32×32 transpose per cluster gives each lane's syndrome word;
 *  2. per lane, the incremental cluster-serial sweep of cluster-serial-fast.ts: a clean
 *     cluster costs one load, a firing one a table look-up (bdTable) and ≤ t flips,
 *     each flip XORing its column syndrome into the input's d clusters. The state itself
 *     is never unpacked: a flip toggles the lane's bit in the output word.
 * Two threshold schedules of the hidden units (`radius`):
 *  - 'fixed': every unit fires within radius t, exactly `serialDecodeFrame` with order
 *    'fixed' (cluster-serial-fast.ts);
 *  - 'rising': units fire within radius 1 only; a sweep that changes nothing lets them
 *    fire within t for one sweep, then radius 1 again (the bias |a| − r − ½ of DESIGN.md §4
 *    lowered only when the network is stuck). For a BCH cluster of distance 5 (t = 2) a
 *    radius-1 unit never fires on 2 or 3 errors (1 + 3 < 5), so the clusters with a single
 *    error clean up first and a cluster holding 3 errors is not miscorrected while the
 *    other clusters can still peel them (measured: src/codec/README.md, profiles).
 *  - 'anchored': 'rising', and a unit fires only when every input it would flip sits, in
 *    all its other clusters, in unsatisfied ones (a satisfied cluster is an anchor: a
 *    real error makes every cluster it is in unsatisfied, a miscorrection flips inputs
 *    of satisfied ones — the idea of anchor decoding, Häger & Pfister 2018). When no
 *    unit may fire even at radius t, a clamped search: every input whose clusters are all
 *    unsatisfied is free, every other one clamped, and the free inputs take the values of
 *    least weight change that satisfy every cluster (clampedSearch), then radius 1 again.
 *    With d = 2 that clears 3 errors shared by two clusters, the floor of 'rising' at
 *    BER 1e-3 (both clusters see 3 > t errors; no single cluster can tell them). When
 *    the search cannot move either, one radius-t sweep runs without anchors (a cluster
 *    holding d_min − 1 errors plus a miscorrection is satisfied: a false anchor). A lane
 *    still unsatisfied at the end that started with at most RETRY_MAX_DIRTY unsatisfied
 *    clusters, or ended with at most RETRY_MAX_END_DIRTY · t, is run again from the received word: clusters in reverse order, and if that
 *    fails too, in index order with agreeing anchors (sweeps; RETRY_MAX_DIRTY says why).
 * Lane for lane and bit for bit the same final states as the naive twins
 * (serial-block-reference.ts; test/decoders/serial-block-decoder.test.ts).
 *
 * The group path (GroupBlockDecoder: beginGroup, decodeSlab, gatherInputs), used by the
 * codec: the group words are in file layout, input v of consecutive slabs contiguous, so
 * stage 1 of up to 64 slabs runs in one WebAssembly SIMD pass over the CSR rows, 4 slabs per
 * v128 (serial-syndrome-simd.ts), the slabs are decoded in place in the kernel's copy of
 * them, and per-lane change counts come from a log of the flips (flip-log.ts), so the codec
 * copies no slab and makes no pass over N words; decodeWords (stage 1 in JavaScript, per
 * slab) is its twin and its fallback (test/decoders/serial-block-simd.test.ts).
 */
import { CompiledNetwork } from './compiled-network.js';
import type { BlockDecodeResult, GroupBlockDecoder, SlabDecodeResult } from './block-decoder-types.js';
import { CHUNK, SyndromeSimd } from './serial-syndrome-simd.js';
import { FlipLog } from './flip-log.js';
import type { Code } from '../network/code.js';

/** 32×32 bit transpose in place: bit j of word i ↔ bit i of word j (Hacker's Delight 7-3). */
function transpose32(a: Int32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[k]! >>> j) ^ a[k + j]!) & m;
      a[k + j] = a[k + j]! ^ t;
      a[k] = a[k]! ^ (t << j);
    }
  }
}

/** Threshold schedule of the hidden units (see the banner). */
export type RadiusSchedule = 'fixed' | 'rising' | 'anchored';

export interface SerialBlockOptions {
  maxSweeps: number;
  /** Default 'fixed'. */
  radius?: RadiusSchedule;
  /** Anchored: retry a few-error lane left unsatisfied (RETRY_MAX_DIRTY). Default true; false for tests and A/B. */
  retry?: boolean;
}

/**
 * Unsatisfied clusters (of the received lane) up to which a lane the anchored dynamics leave
 * unsatisfied is retried (reverse order, then agreeing anchors: sweeps). These few-error lanes
 * were the light profile's losses at BER 1e-4 (bch255-247-d2, N = 8160, all-zero word plus
 * random errors, a /tmp script): two errors sharing a cluster, which points at a third input
 * whose other cluster is unsatisfied (by one of the two errors) and so is let through, visited
 * before the clusters that would have peeled them (3.7e-4 of 2-error lanes lost; the reverse
 * order: 1 in 128 000), and two errors on inputs two clusters share (534 of the 16 326 such
 * pairs lost; agreeing anchors: 0). Above it (a lane beyond the network's reach) no retry: it
 * would only triple the work of a lost block.
 */
export const RETRY_MAX_DIRTY = 12;

/**
 * …or that ended with at most RETRY_MAX_END_DIRTY · t unsatisfied clusters. Beyond the
 * profiles' design BER (default at 1e-2, light at 1e-3 … 1e-2, 20 000 blocks, an instrumented
 * copy of dist retrying every failing lane) the retries restored 35–50 % of the failing lanes
 * that ended with ≤ 16 unsatisfied clusters under t = 2 and ≤ 8 under t = 1, none of light's
 * that ended with 9–16, and 14 % of default's with more than 16 (not worth their time).
 */
export const RETRY_MAX_END_DIRTY = 8;

/** Largest free set the clamped search walks (2^MAX_FREE states). */
export const MAX_FREE = 12;

/**
 * Slabs of a chunk per slab to decode, at most, for the group path to compute the chunk's
 * syndromes in SIMD (all its slabs at once) instead of slab by slab in JavaScript: measured
 * on bch255-239-d2 N = 8160, stage 1 of 64 slabs in SIMD ≈ 1.5 ms, of one slab in JS ≈ 0.35 ms
 * (the break-even is near 4 dirty slabs of 64).
 */
export const SIMD_SLABS_PER_DIRTY = 16;

export class SerialBlockDecoder implements GroupBlockDecoder {
  readonly net: CompiledNetwork;
  private readonly maxSweeps: number;
  /** Per (cluster, syndrome bit) CSR of the inputs whose column syndrome has that bit: rows c·b + j. */
  private readonly bitPtr: Int32Array;
  private readonly bitVar: Int32Array;
  private readonly synBits: number;
  /** Column syndrome of each var-ordered slot (the flip update). */
  private readonly slotSyn: Int32Array;
  /** Lane syndromes, lane-major: syn[l·m + c]. */
  private readonly syn: Int32Array;
  private readonly tile = new Int32Array(32);
  private readonly rising: boolean;
  private readonly anchored: boolean;
  private readonly retry: boolean;
  private readonly pick: Int32Array;
  /** The SIMD stage 1 (made on the first group; null: not available, JS only). */
  private simd: SyndromeSimd | null | undefined;
  /** The group begun (beginGroup), the first slab of the chunk whose syndromes simd.syn holds (-1: none), its slabs used. */
  private group: { g: Int32Array; w: number; masks: Int32Array } | null = null;
  private chunkAt = -1;
  private readonly used = new Uint8Array(CHUNK);
  /** When false, decodeSlab never uses SIMD (the JS twin, for tests and A/B). */
  simdEnabled = true;
  /** Chunks whose stage 1 ran in SIMD so far (tests: the SIMD path was taken). */
  simdChunks = 0;
  private readonly slab: Int32Array;
  private readonly changed = new Uint32Array(32);
  /** The words runLanes flips: word v at out[v·os + oa]. */
  private out: Int32Array = new Int32Array(0);
  private os = 1;
  private oa = 0;
  /** Inputs flipped in the lane runLane works on (this.changed). */
  private readonly flips = new FlipLog();
  /** Unsatisfied clusters of the last lane runLane started; lanes of the last runLanes with some. */
  private startDirty = 0;
  private dirtyLanes = 0;

  constructor(code: Code | CompiledNetwork, opts: SerialBlockOptions) {
    const net = code instanceof CompiledNetwork ? code : CompiledNetwork.fromCode(code, { encoder: false });
    if (net.family === 'parity' || net.bdTable.length === 0) {
      throw new Error(`hopcode/serial-block-decoder: ${net.meta.name} has ${net.family === 'parity' ? 'single-parity' : 'undecodable'} clusters: cluster-serial dynamics needs clusters with a syndrome table (Hamming, BCH)`);
    }
    if (!Number.isInteger(opts.maxSweeps) || opts.maxSweeps < 1) throw new Error(`hopcode/serial-block-decoder: maxSweeps must be an integer ≥ 1, got ${opts.maxSweeps}`);
    if (net.meta.synBits > 32) throw new Error(`hopcode/serial-block-decoder: ${net.meta.synBits} syndrome bits per cluster (≤ 32)`);
    this.net = net;
    this.maxSweeps = opts.maxSweeps;
    const radius = opts.radius ?? 'fixed';
    if (radius !== 'fixed' && radius !== 'rising' && radius !== 'anchored') throw new Error(`hopcode/serial-block-decoder: radius schedule must be fixed, rising or anchored, got "${String(radius)}"`);
    this.rising = radius !== 'fixed' && net.radius > 1;
    this.anchored = radius === 'anchored';
    this.retry = this.anchored && opts.retry !== false;
    this.pick = new Int32Array(net.n);
    const { chkPtr, chkVar, colSyn } = net;
    const m = net.m;
    const b = net.meta.synBits;
    this.synBits = b;
    const ptr = new Int32Array(m * b + 1);
    for (let c = 0; c < m; c++) {
      for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) for (let j = 0; j < b; j++) if ((colSyn[e]! >>> j) & 1) ptr[c * b + j + 1]!++;
    }
    for (let r = 0; r < m * b; r++) ptr[r + 1]! += ptr[r]!;
    const vars = new Int32Array(ptr[m * b]!);
    const fill = ptr.slice(0, m * b);
    for (let c = 0; c < m; c++) {
      for (let e = chkPtr[c]!; e < chkPtr[c + 1]!; e++) for (let j = 0; j < b; j++) if ((colSyn[e]! >>> j) & 1) vars[fill[c * b + j]!++] = chkVar[e]!;
    }
    this.bitPtr = ptr;
    this.bitVar = vars;
    const slotSyn = new Int32Array(net.meta.edges);
    for (let e = 0; e < net.meta.edges; e++) slotSyn[net.edgeSlot[e]!] = colSyn[e]!;
    this.slotSyn = slotSyn;
    this.syn = new Int32Array(32 * m);
    this.slab = new Int32Array(net.n);
  }

  beginGroup(g: Int32Array, w: number, masks: Int32Array): void {
    this.group = { g, w, masks };
    this.chunkAt = -1;
  }

  /**
   * Slab s of the group begun. A chunk of (up to) CHUNK slabs, one in SIMD_SLABS_PER_DIRTY
   * of them or more to decode, gets stage 1 of all its slabs in one SIMD pass (serial-syndrome-simd.ts) on first use,
   * and its slabs are decoded in place in the kernel's copy of the chunk; otherwise (no
   * SIMD, few dirty slabs, or a slab asked twice: its copy already decoded) the slab is
   * copied out and decoded as by decodeWords.
   */
  decodeSlab(s: number, laneMask: number): SlabDecodeResult {
    const grp = this.group;
    if (grp === null || !Number.isInteger(s) || s < 0 || s >= grp.w) throw new Error(`hopcode/serial-block-decoder: decodeSlab(${s}) outside the group begun`);
    const { net, changed } = this;
    const { g, w } = grp;
    const mask = laneMask >>> 0;
    changed.fill(0);
    const c0 = s - (s % CHUNK);
    if (this.simdEnabled && mask !== 0 && c0 !== this.chunkAt) {
      const count = Math.min(CHUNK, w - c0);
      let dirty = 0;
      for (let i = c0; i < c0 + count; i++) if (grp.masks[i] !== 0) dirty++;
      if (dirty > 0 && dirty * SIMD_SLABS_PER_DIRTY >= count) {
        if (this.simd === undefined) this.simd = SyndromeSimd.create(net.n, net.m, this.synBits, this.bitPtr, this.bitVar);
        if (this.simd !== null) {
          this.simd.compute(g, w, c0, count);
          this.simdChunks++;
          this.chunkAt = c0;
          this.used.fill(0);
        }
      }
    }
    const simd = this.simd;
    if (c0 === this.chunkAt && simd && this.used[s - c0] === 0) {
      this.used[s - c0] = 1;
      const words = simd.words;
      const stride = simd.stride;
      const at = s - c0;
      const ok = mask === 0 ? 0 : this.runLanes(words, stride, at, simd.syn, at * 32 * net.m, mask);
      return { words, stride, at, ok, changed, dirty: mask === 0 ? 0 : this.dirtyLanes };
    }
    const slab = this.slab;
    for (let v = 0, x = s; v < net.n; v++, x += w) slab[v] = g[x]!;
    if (mask === 0) return { words: slab, stride: 1, at: 0, ok: 0, changed, dirty: 0 };
    this.stage1(slab);
    const ok = this.runLanes(slab, 1, 0, this.syn, 0, mask);
    return { words: slab, stride: 1, at: 0, ok, changed, dirty: this.dirtyLanes };
  }

  /**
   * Inputs idx of the slabs s0 … s0 + 3 (s0 a multiple of 4) as decodeSlab left them in
   * place (its results with stride > 1), lane-major per slab (GroupBlockDecoder); null when
   * those slabs are not in the SIMD chunk. 4 slabs per v128 (serial-syndrome-simd.ts gather).
   */
  gatherInputs(idx: Int32Array, s0: number): { words: Int32Array; bytes: Uint8Array } | null {
    const simd = this.simd;
    if (!simd || this.chunkAt < 0 || (s0 & 3) !== 0 || s0 < this.chunkAt || s0 >= this.chunkAt + CHUNK) return null;
    simd.gather(idx, s0 - this.chunkAt);
    return { words: simd.lanes, bytes: simd.laneBytes };
  }

  decodeWords(words: Uint32Array, laneMask: number): BlockDecodeResult {
    const net = this.net;
    const n = net.n;
    if (words.length !== n) throw new Error(`hopcode/serial-block-decoder: ${words.length} words, the network has N = ${n} inputs`);
    const out = words.slice();
    const mask = laneMask >>> 0;
    if (mask === 0) return { words: out, ok: 0 };
    // Read as Int32: Uint32 loads above 2^31 leave the small-integer fast path.
    const w32 = new Int32Array(words.buffer, words.byteOffset, n);
    this.stage1(w32);
    return { words: out, ok: this.runLanes(new Int32Array(out.buffer, out.byteOffset, n), 1, 0, this.syn, 0, mask) };
  }

  /** Stage 1 (the banner) of one slab's words into this.syn: the syndrome of every cluster on every lane, bit-sliced. */
  private stage1(w32: Int32Array): void {
    const m = this.net.m;
    const b = this.synBits;
    const { bitPtr, bitVar, syn, tile } = this;
    for (let c = 0; c < m; c++) {
      for (let j = 0; j < b; j++) {
        let s = 0;
        for (let p = bitPtr[c * b + j]!, hi = bitPtr[c * b + j + 1]!; p < hi; p++) s ^= w32[bitVar[p]!]!;
        tile[j] = s;
      }
      for (let j = b; j < 32; j++) tile[j] = 0;
      transpose32(tile);
      for (let l = 0, x = c; l < 32; l++, x += m) syn[x] = tile[l]!;
    }
  }

  /**
   * Stage 2 of every lane of `mask`, on the lane-major syndromes syn[sa + l·m + c], flipping
   * the slab's words in place (word v at out[v·os + oa]); this.changed[l] = inputs of lane
   * l that end flipped, this.dirtyLanes = lanes that started unsatisfied; the ok lanes.
   */
  private runLanes(out: Int32Array, os: number, oa: number, syn: Int32Array, sa: number, mask: number): number {
    const m = this.net.m;
    this.out = out;
    this.os = os;
    this.oa = oa;
    let ok = 0;
    let dirtyLanes = 0;
    for (let l = 0; l < 32; l++) {
      if (((mask >>> l) & 1) === 0) continue;
      this.flips.reset();
      if (this.runLane(syn, sa + l * m, l)) ok |= 1 << l;
      if (this.startDirty !== 0) dirtyLanes |= 1 << l;
      this.changed[l] = this.flips.oddCount();
    }
    this.dirtyLanes = dirtyLanes >>> 0;
    return (ok & mask) >>> 0;
  }

  /** Input i of lane l flips in the output words, and is logged. */
  private flip(i: number, l: number): void {
    const out = this.out;
    const x = i * this.os + this.oa;
    out[x] = out[x]! ^ (1 << l);
    this.flips.push(i);
  }

  /**
   * Cluster-serial sweeps of lane l whose cluster syndromes are syn[base + c] (as
   * cluster-serial-fast.ts serialDecodeFrame, order 'fixed'), flips through `flip`; true
   * when it ends on a stored state.
   */
  private runLane(syn: Int32Array, base: number, l: number): boolean {
    if (this.sweeps(syn, base, l, 0)) return true;
    if (!this.retry) return false;
    let endDirty = 0;
    for (let c = 0; c < this.net.m; c++) if (syn[base + c] !== 0) endDirty++;
    if (this.startDirty > RETRY_MAX_DIRTY && endDirty > RETRY_MAX_END_DIRTY * this.net.radius) return false;
    // The retries (anchored schedule): back to the received lane (the last attempt's logged
    // flips undone, so the log's odd count is the next attempt's alone), the sweeps again in
    // reverse cluster order, then in index order with agreeing anchors (sweeps).
    let from = 0;
    for (let a = 1; a <= 2; a++) {
      const to = this.flips.length;
      for (let k = to - 1; k >= from; k--) this.toggle(this.flips.at(k), syn, base, l);
      from = this.flips.length;
      if (this.sweeps(syn, base, l, a)) return true;
    }
    return false;
  }

  /** Input i of lane l flipped, with the syndromes of its clusters. */
  private toggle(i: number, syn: Int32Array, base: number, l: number): void {
    const { varPtr, varChk } = this.net;
    this.flip(i, l);
    for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) syn[base + varChk[slot]!] ^= this.slotSyn[slot]!;
  }

  /**
   * The sweeps of runLane; true when they end on a stored state. Attempt 0: clusters in index
   * order; 1 (the first retry): in reverse order; 2: index order with agreeing anchors — a unit
   * may flip an input only if each of its other clusters is unsatisfied and its own nearest
   * pattern flips that input too (two errors on inputs two clusters share make each point at
   * a third input, which may lie in the other one: plain anchors let that miscorrection through).
   */
  private sweeps(syn: Int32Array, base: number, l: number, attempt: number): boolean {
    const reverse = attempt === 1;
    const agree = attempt === 2;
    const { chkPtr, chkVar, varPtr, varChk, bdTable } = this.net;
    const slotSyn = this.slotSyn;
    const m = this.net.m;
    const t = this.net.radius;
    let r = this.rising ? 1 : t;
    // Anchors are lifted for one radius-t sweep when neither a unit nor the clamped search can move.
    let anchors = this.anchored;
    let dirty = 0;
    for (let c = 0; c < m; c++) if (syn[base + c] !== 0) dirty++;
    this.startDirty = dirty;
    for (let sw = 0; sw < this.maxSweeps && dirty !== 0; sw++) {
      let changed = false;
      for (let k = 0; k < m; k++) {
        const c = reverse ? m - 1 - k : k;
        const s = syn[base + c]!;
        if (s === 0) continue;
        const v = bdTable[s]!;
        if (v < 0) continue; // no unit within radius t (or a tie): the cluster stays silent
        const w = (v >>> 24) & 3;
        if (w > r) continue; // nearest pattern beyond the current radius
        const lo = chkPtr[c]!;
        if (anchors && !this.unanchored(syn, v, w, lo, c, base, agree)) continue;
        for (let q = 0; q < w; q++) {
          const i = chkVar[lo + ((v >>> (8 * q)) & 255)]!;
          this.flip(i, l);
          for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
            const x = base + varChk[slot]!;
            const before = syn[x]!;
            const after = before ^ slotSyn[slot]!;
            syn[x] = after;
            dirty += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
          }
        }
        changed = true;
        if (dirty === 0) break; // every cluster satisfied: the rest of the sweep would skip them all
      }
      if (!changed) {
        if (r < t) r = t;
        else if (!anchors) break; // a fixed point of the full-radius dynamics without anchors
        else if (this.clampedSearch(syn, base, l) !== 0) {
          dirty = 0;
          for (let c = 0; c < m; c++) if (syn[base + c] !== 0) dirty++;
          r = this.rising ? 1 : t;
        } else anchors = false; // a satisfied cluster may be a false anchor (≥ d − 1 errors): one sweep without
      } else {
        if (this.rising) r = 1;
        anchors = this.anchored;
      }
    }
    return dirty === 0;
  }

  /**
   * Anchor rule: may cluster c flip the w inputs of entry v? Only when none of them has a
   * satisfied other cluster; with `agree`, also only when each of those other clusters' own
   * nearest pattern flips that input.
   */
  private unanchored(syn: Int32Array, v: number, w: number, lo: number, c: number, base: number, agree: boolean): boolean {
    const { chkVar, chkPtr, varPtr, varChk, bdTable } = this.net;
    for (let q = 0; q < w; q++) {
      const i = chkVar[lo + ((v >>> (8 * q)) & 255)]!;
      for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
        const c2 = varChk[slot]!;
        if (c2 === c) continue;
        if (syn[base + c2] === 0) return false;
        if (agree && !this.pointsAt(bdTable[syn[base + c2]!]!, i, chkPtr[c2]!)) return false;
      }
    }
    return true;
  }

  /** Does the nearest pattern v (a bdTable entry; < 0: none) of the cluster whose inputs start at chkVar[lo] flip input i? */
  private pointsAt(v: number, i: number, lo: number): boolean {
    if (v < 0) return false;
    const chkVar = this.net.chkVar;
    for (let q = 0, w = (v >>> 24) & 3; q < w; q++) if (chkVar[lo + ((v >>> (8 * q)) & 255)] === i) return true;
    return false;
  }

  /**
   * The clamped search of the lane whose syndromes start at syn[base], when no unit may fire: the free inputs F are
   * those whose clusters are all unsatisfied; every other input is clamped (it sits in a
   * satisfied cluster, an anchor). If |F| ≤ MAX_FREE, the subset S of F of least weight
   * (ties: the smallest bit mask, bit q = F[q] with F in increasing order) whose flips
   * satisfy every cluster is applied — the nearest stored state with the anchors held,
   * found by the network's energy over 2^|F| states (a Gray-code walk, one flip each).
   * Returns the inputs flipped (0: no such subset, nothing changed).
   */
  private clampedSearch(syn: Int32Array, base: number, l: number): number {
    const { chkPtr, chkVar, varPtr, varChk } = this.net;
    const { slotSyn, pick } = this;
    const m = this.net.m;
    let f = 0;
    for (let c = 0; c < m; c++) {
      if (syn[base + c] === 0) continue;
      for (let e = chkPtr[c]!, hi = chkPtr[c + 1]!; e < hi; e++) {
        const i = chkVar[e]!;
        if (varChk[varPtr[i]!] !== c) continue; // seen once, from its first cluster
        let all = true;
        for (let slot = varPtr[i]!, h2 = varPtr[i + 1]!; all && slot < h2; slot++) if (syn[base + varChk[slot]!] === 0) all = false;
        if (all) {
          if (f === MAX_FREE) return 0;
          pick[f++] = i;
        }
      }
    }
    if (f === 0) return 0;
    // F in increasing order (the tie rule is stated on it).
    const free = Array.from(pick.subarray(0, f)).sort((x, y) => x - y);
    let dirty = 0;
    for (let c = 0; c < m; c++) if (syn[base + c] !== 0) dirty++;
    let best = -1;
    let bestWeight = 33;
    let mask = 0;
    const toggle = (q: number): void => {
      const i = free[q]!;
      for (let slot = varPtr[i]!, hi = varPtr[i + 1]!; slot < hi; slot++) {
        const x = base + varChk[slot]!;
        const before = syn[x]!;
        const after = before ^ slotSyn[slot]!;
        syn[x] = after;
        dirty += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
      }
      mask ^= 1 << q;
    };
    for (let g = 1; g < 1 << f; g++) {
      toggle(31 - Math.clz32(g & -g)); // Gray code: flip the lowest set bit of g
      if (dirty !== 0) continue;
      let w = 0;
      for (let x = mask; x !== 0; x &= x - 1) w++;
      if (w < bestWeight || (w === bestWeight && mask >>> 0 < best >>> 0)) {
        best = mask;
        bestWeight = w;
      }
    }
    // Back to the start (the Gray walk ends on the mask of its last step), then apply the best.
    for (let q = 0; q < f; q++) if ((mask >>> q) & 1) toggle(q);
    if (best < 0) return 0;
    for (let q = 0; q < f; q++) {
      if (((best >>> q) & 1) === 0) continue;
      toggle(q);
      this.flip(free[q]!, l);
    }
    return bestWeight;
  }
}
