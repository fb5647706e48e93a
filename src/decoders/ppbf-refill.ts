/**
 * hopcode/decoders/ppbf-refill — flip-table dynamics over a whole chunk of frames, with
 * lane refill: a lane whose frame is done (a stored state, or its sweep budget spent)
 * takes the chunk's next frame at once, instead of idling until the slowest of its 32
 * lanes is done (ppbf-bitsliced.ts). Near the waterfall the sweep counts are heavy-tailed
 * (most frames end in tens of sweeps, a few run to the cap), so batch lanes are mostly
 * idle and large caps cost the cap on every batch; with refill a frame costs its own sweeps.
 *
 * The dynamics of a frame are exactly those of ppbf-bitsliced.ts (ppbf-core.ts sweeps),
 * with one global tick counter: every occupied lane runs one sweep per tick, the coins of
 * tick t are those of (key, t, input) at the lane's bits and the serial order is that of
 * tick t. A frame's trajectory is therefore fixed by (its cue, its lane, the tick it
 * started at); ppbf-reference.ts replays it from those (`lane`, `startTick`). Coins are
 * not keyed by frame: lanes of one word share the serial order of their tick, and one
 * word of coin bits serves 32 lanes (a per-frame hash would cost 32 words per input).
 * Which lane and tick a frame gets is fixed by the chunk alone (frames are taken in
 * order, freed lanes in increasing index), so counts still depend only on (seed, noise,
 * chunk). Within a tick: finished lanes are retired first (stored state: done; budget of
 * an attempt spent: restart from the cue, or done after the last attempt), then freed
 * lanes load the next frames, then the occupied lanes sweep.
 * Annealed tables (the temperature depends on a lane's own sweep index) run batch-wise.
 */
import type { CompiledNetwork } from './compiled-network.js';
import { isAnnealed, type FlipTableSpec } from './flip-table.js';
import { checkPpbfOptions, createPpbfCore, type PpbfSchedule } from './ppbf-core.js';

export interface PpbfChunkOptions {
  schedule?: PpbfSchedule;
  table: FlipTableSpec;
  cueWeight?: number;
  maxSweeps?: number;
  restarts?: number;
  key: number;
  /** Polled every 16 ticks: true ends the chunk early (returns false, batches not all delivered). */
  shouldStop?: () => boolean;
}

/** One batch of 32 frames, decoded (delivered when its last frame is done). */
export interface PpbfDoneBatch {
  /** Batch index b: lane j of these words is frame 32b + j. */
  batch: number;
  words: Uint32Array;
  /** Frames that reached a stored state / whose final state violates some cluster (bit masks). */
  converged: number;
  unsatisfied: number;
  /** Sweeps per frame (all attempts). */
  sweeps: Int32Array;
  /** The lane and the tick each frame started at (what the reference needs to replay it). */
  lane: Int8Array;
  startTick: Int32Array;
}

export interface PpbfChunkStats {
  /** False when `shouldStop` ended the chunk early. */
  finished: boolean;
  /** Ticks run (sweeps of the 32-lane word) and lane-sweeps spent on frames (= Σ sweeps). */
  ticks: number;
  laneSweeps: number;
  flips: number;
}

/**
 * Decode `frames` frames with lane refill. `cueBatch(b)` gives the received words of
 * batch b (lane j = frame 32b + j; called once, when frame 32b is loaded); `done` gets each
 * batch when its last frame is done (batches may complete out of order). At most 33
 * batches are held at once, whatever the chunk's size. Throws on annealed tables (their
 * temperature depends on each lane's own sweep index).
 */
export function decodeChunkPpbf(net: CompiledNetwork, frames: number, cueBatch: (b: number) => Uint32Array, done: (r: PpbfDoneBatch) => void, opts: PpbfChunkOptions): PpbfChunkStats {
  const n = net.n;
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`hopcode/ppbf-refill: frames must be an integer ≥ 0, got ${frames}`);
  if (isAnnealed(opts.table)) throw new Error("hopcode/ppbf-refill: an annealed table depends on each lane's own sweep: decode it batch-wise (ppbf-bitsliced)");
  const { schedule, maxSweeps, restarts } = checkPpbfOptions(opts);
  const core = createPpbfCore(net, { beta: opts.cueWeight ?? 0.5, table: opts.table, schedule, key: opts.key });
  const { x, cue } = core;
  interface Open extends PpbfDoneBatch { cue: Uint32Array; left: number }
  const open = new Map<number, Open>();
  const frameOf = new Int32Array(32).fill(-1);
  const sweepsOf = new Int32Array(32);
  const attemptSweeps = new Int32Array(32);
  const attempt = new Int32Array(32);

  /** Frame f into lane l (state and cue = its received word). */
  const load = (l: number, f: number, tick: number): void => {
    const b = f >>> 5;
    let ob = open.get(b);
    if (!ob) {
      const c = cueBatch(b);
      if (c.length !== n) throw new Error(`hopcode/ppbf-refill: cue batch ${b} has ${c.length} words, the network has N = ${n} inputs`);
      const size = Math.min(32, frames - 32 * b);
      ob = { batch: b, cue: c, left: size, words: new Uint32Array(n), converged: 0, unsatisfied: 0, sweeps: new Int32Array(size), lane: new Int8Array(size), startTick: new Int32Array(size) };
      open.set(b, ob);
    }
    const src = ob.cue;
    const j = f & 31;
    const keep = ~(1 << l);
    for (let i = 0; i < n; i++) {
      const v = ((src[i]! >>> j) & 1) << l;
      x[i] = (x[i]! & keep) | v;
      cue[i] = (cue[i]! & keep) | v;
    }
    ob.lane[j] = l;
    ob.startTick[j] = tick;
    frameOf[l] = f;
    sweepsOf[l] = 0;
    attemptSweeps[l] = 0;
    attempt[l] = 0;
  };
  /** Lane l's frame is done: write its state and status; deliver its batch when complete. */
  const retire = (l: number, unsat: boolean): void => {
    const f = frameOf[l]!;
    const ob = open.get(f >>> 5)!;
    const j = f & 31;
    const dst = ob.words;
    for (let i = 0; i < n; i++) dst[i] = dst[i]! | (((x[i]! >>> l) & 1) << j);
    if (unsat) ob.unsatisfied |= 1 << j;
    else ob.converged |= 1 << j;
    ob.sweeps[j] = sweepsOf[l]!;
    frameOf[l] = -1;
    if (--ob.left === 0) {
      open.delete(ob.batch);
      const { cue: _c, left: _l, ...r } = ob;
      done(r);
    }
  };
  /** Lane l back to its cue for a fresh attempt (the tick moved on: fresh coins). */
  const restart = (l: number): void => {
    const bit = 1 << l;
    for (let i = 0; i < n; i++) x[i] = (x[i]! & ~bit) | (cue[i]! & bit);
    attempt[l]!++;
    attemptSweeps[l] = 0;
  };

  let next = 0;
  let occupied = 0;
  for (let l = 0; l < 32 && next < frames; l++, next++) {
    load(l, next, 0);
    occupied |= 1 << l;
  }
  let tick = 0;
  let flips = 0;
  let laneSweeps = 0;
  let unsat = core.clusters();
  while (occupied !== 0) {
    if (opts.shouldStop && (tick & 15) === 0 && opts.shouldStop()) return { finished: false, ticks: tick, laneSweeps, flips };
    // Settle: retire, restart and refill until every occupied lane has a sweep to run.
    for (;;) {
      let changed = false;
      for (let mm = occupied; mm !== 0; mm &= mm - 1) {
        const l = 31 - Math.clz32(mm & -mm);
        const bad = ((unsat >>> l) & 1) !== 0;
        if (bad && attemptSweeps[l]! < maxSweeps) continue;
        changed = true;
        if (bad && attempt[l]! < restarts) {
          restart(l);
          continue;
        }
        retire(l, bad);
        if (next < frames) load(l, next++, tick);
        else occupied &= ~(1 << l);
      }
      if (!changed) break;
      unsat = core.clusters();
    }
    if (occupied === 0) break;
    flips += core.sweep(occupied, tick);
    for (let mm = occupied; mm !== 0; mm &= mm - 1) {
      const l = 31 - Math.clz32(mm & -mm);
      attemptSweeps[l]!++;
      sweepsOf[l]!++;
      laneSweeps++;
    }
    tick++;
    unsat = core.unsat();
  }
  return { finished: true, ticks: tick, laneSweeps, flips };
}
