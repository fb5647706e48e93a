/**
 * hopcode/bench/codec-baselines — the baselines `bench:codec` runs on the same data and
 * the same channel as the codec (issue 12): i.i.d. bit flips at rate BER over the whole
 * stored output, parity and metadata included.
 *
 *  - Reed–Solomon erasure code (`@digitaldefiance/reed-solomon-erasure.wasm`, GF(2⁸),
 *    a WebAssembly build of the Rust `reed-solomon-erasure` crate) with a CRC-32C per
 *    shard: a shard whose CRC fails is an erasure; a stripe of k data + m parity shards
 *    is restored when ≥ k shards pass. m is chosen so the overhead matches the codec's.
 *    This is how an erasure library is used against bit rot: it can only repair what a
 *    checksum has turned into erasures, so every flipped bit costs a whole shard.
 *  - par2 (`par2` command, if installed) at 10 % and 100 % redundancy: the data file and
 *    its .par2 files all take the same flips; `par2 repair` then either succeeds or says
 *    the file cannot be repaired (its differing bytes are then counted lost, not wrong).
 *
 * Counting, per original byte: restored = returned and equal; lost = flagged as not
 * recovered; wrong = returned as good but different (the one outcome a storage code must
 * never produce).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32c } from '../codec/crc32c.js';
import { Rng } from '../util/rng.js';
import { flipBitsIid } from './bit-flips.js';

export interface Outcome {
  method: string;
  ber: number;
  overhead: number;
  encodeMBps: number;
  decodeMBps: number;
  restored: number;
  lost: number;
  wrong: number;
  note?: string;
}

/** Flip each bit of b with probability p (geometric gaps), from the stream (seed, 0x62656e63); returns the flip count. */
export function flipBits(b: Uint8Array, p: number, seed: number): number {
  if (p <= 0) return 0;
  return flipBitsIid(b, p, Rng.stream(seed, 0x62656e63));
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

interface RsLib {
  encode(shards: Uint8Array, k: number, m: number): number;
  reconstruct(shards: Uint8Array, k: number, m: number, avail: boolean[]): number;
}

/** The Reed–Solomon library, or the reason it is not available. */
export function loadRs(): RsLib | string {
  try {
    const req = createRequire(import.meta.url);
    const path = req.resolve('@digitaldefiance/reed-solomon-erasure.wasm');
    const mod = req(path) as { ReedSolomonErasure: { fromBytes(b: Uint8Array): RsLib } };
    return mod.ReedSolomonErasure.fromBytes(readFileSync(join(path, '..', 'reed_solomon_erasure_bg.wasm')));
  } catch (e) {
    return `@digitaldefiance/reed-solomon-erasure.wasm did not load (${(e as Error).message.split('\n')[0]}); it is a devDependency`;
  }
}

/** Shard layout of the RS baseline: k data shards of `shard` bytes, m parity, each followed by its CRC-32C. */
export interface RsPlan {
  k: number;
  m: number;
  shard: number;
}

/** m so that (k + m)·(shard + 4) / (k·shard) is closest to the target overhead. */
export function rsPlanFor(overhead: number, k = 16, shard = 512): RsPlan {
  const m = Math.max(1, Math.round((overhead * k * shard) / (shard + 4) - k));
  return { k, m, shard };
}

function rsEncode(rs: RsLib, data: Uint8Array, { k, m, shard }: RsPlan): Uint8Array {
  const stripeData = k * shard;
  const stripes = Math.ceil(data.length / stripeData);
  const rec = shard + 4;
  const out = new Uint8Array(stripes * (k + m) * rec);
  const buf = new Uint8Array((k + m) * shard);
  const dv = new DataView(out.buffer);
  for (let s = 0; s < stripes; s++) {
    buf.fill(0);
    buf.set(data.subarray(s * stripeData, Math.min(data.length, (s + 1) * stripeData)));
    if (rs.encode(buf, k, m) !== 0) throw new Error('bench/codec: Reed–Solomon encode failed');
    for (let i = 0; i < k + m; i++) {
      const at = (s * (k + m) + i) * rec;
      out.set(buf.subarray(i * shard, (i + 1) * shard), at);
      dv.setUint32(at + shard, crc32c(buf, 0, i * shard, (i + 1) * shard), true);
    }
  }
  return out;
}

/** Decode; `flagged[i]` = 1 for original bytes reported lost. */
function rsDecode(rs: RsLib, stored: Uint8Array, length: number, { k, m, shard }: RsPlan): { data: Uint8Array; flagged: Uint8Array } {
  const rec = shard + 4;
  const stripes = stored.length / ((k + m) * rec);
  const data = new Uint8Array(length);
  const flagged = new Uint8Array(length);
  const buf = new Uint8Array((k + m) * shard);
  const dv = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  for (let s = 0; s < stripes; s++) {
    const avail: boolean[] = [];
    for (let i = 0; i < k + m; i++) {
      const at = (s * (k + m) + i) * rec;
      buf.set(stored.subarray(at, at + shard), i * shard);
      avail.push(crc32c(stored, 0, at, at + shard) === dv.getUint32(at + shard, true));
    }
    const good = avail.filter(Boolean).length;
    const ok = good >= k && (good === k + m || rs.reconstruct(buf, k, m, avail) === 0);
    for (let i = 0; i < k; i++) {
      const a = (s * k + i) * shard;
      const e = Math.min(length, a + shard);
      if (e <= a) break;
      if (ok || avail[i]) data.set(buf.subarray(i * shard, i * shard + (e - a)), a);
      else flagged.fill(1, a, e);
    }
  }
  return { data, flagged };
}

/** Count restored / lost / wrong bytes of `out` against `orig`; flagged bytes are lost. */
export function countBytes(orig: Uint8Array, out: Uint8Array, flagged: Uint8Array | null): { restored: number; lost: number; wrong: number } {
  let restored = 0;
  let lost = 0;
  let wrong = 0;
  for (let i = 0; i < orig.length; i++) {
    if (i >= out.length || (flagged !== null && flagged[i] === 1)) lost++;
    else if (out[i] === orig[i]) restored++;
    else wrong++;
  }
  return { restored, lost, wrong };
}

export function runRs(rs: RsLib, data: Uint8Array, plan: RsPlan, bers: number[]): Outcome[] {
  let t = performance.now();
  const stored = rsEncode(rs, data, plan);
  const encodeMBps = mbps(data.length, performance.now() - t);
  const method = `RS(${plan.k}+${plan.m}) ${plan.shard} B shards + CRC-32C`;
  return bers.map((ber) => {
    const bad = stored.slice();
    flipBits(bad, ber, Math.round(ber * 1e7));
    t = performance.now();
    const { data: out, flagged } = rsDecode(rs, bad, data.length, plan);
    const decodeMBps = mbps(data.length, performance.now() - t);
    return { method, ber, overhead: stored.length / data.length, encodeMBps, decodeMBps, ...countBytes(data, out, flagged) };
  });
}

/** Why par2 cannot run here, or null when it can. */
export function par2Missing(): string | null {
  const r = spawnSync('par2', ['-V'], { encoding: 'utf8' });
  return r.error ? 'the par2 command is not installed (Debian: apt-get install par2)' : null;
}

/** par2 at `redundancy` % on a temporary copy of data; every file (data and .par2) takes the flips. */
export function runPar2(data: Uint8Array, redundancy: number, bers: number[]): Outcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'hopcode-par2-'));
  try {
    const file = join(dir, 'data.bin');
    writeFileSync(file, data);
    let t = performance.now();
    execFileSync('par2', ['create', '-q', '-q', `-r${redundancy}`, '-n1', join(dir, 'data.par2'), file], { stdio: 'ignore' });
    const encodeMBps = mbps(data.length, performance.now() - t);
    const names = readdirSync(dir);
    const clean = new Map(names.map((n) => [n, readFileSync(join(dir, n))] as const));
    const storedBytes = names.reduce((a, n) => a + statSync(join(dir, n)).size, 0);
    const method = `par2 ${redundancy} %`;
    return bers.map((ber, bi) => {
      let seed = Math.round(ber * 1e7) + 1000 * bi;
      for (const [n, b] of clean) {
        const bad = Uint8Array.from(b);
        flipBits(bad, ber, seed++);
        writeFileSync(join(dir, n), bad);
      }
      for (const n of readdirSync(dir)) if (!clean.has(n)) rmSync(join(dir, n), { force: true }); // .1 backups of an earlier repair
      t = performance.now();
      const r = spawnSync('par2', ['repair', '-q', '-q', join(dir, 'data.par2')], { stdio: 'ignore' });
      const decodeMBps = mbps(data.length, performance.now() - t);
      const out = new Uint8Array(readFileSync(file));
      const failed = r.status !== 0;
      const c = countBytes(data, out, null);
      // A failed repair says the file is damaged: its differing bytes count as lost (not
      // wrong), its equal bytes as restored, although par2 does not say which are which.
      if (failed) {
        c.lost += c.wrong;
        c.wrong = 0;
      }
      return { method, ber, overhead: storedBytes / data.length, encodeMBps, decodeMBps, ...c, note: failed ? `repair failed (exit ${r.status})` : undefined };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
