/**
 * hopcode/bench/crc32c — the hand-written CRC-32C (slicing-by-8) against the native one
 * (`@node-rs/crc32`, the CPU's CRC instruction): `node dist/bench/crc32c.js [--json]`.
 * MB/s per range length (soft = byte-fed loop, words = the same fed by 32-bit loads), all measured in the same run (ratios are what to quote on a
 * shared machine). The lengths include 246 B, one default codec block's payload.
 * Then the per-block question of issue 12: the 2048 blocks of a default-profile group
 * (888 payload bytes each, staged lane-major as the clean check leaves them) checked by
 * the WebAssembly kernel (assembly/codec-check.ts `check`: CRC-32C of payload and block
 * index, compare, padding), by one native call per block, and by the JS word-fed loop.
 */
import { crc32cNative, crc32cSoft, crc32cTables, crc32cWord, crc32cWords } from '../codec/crc32c.js';
import { popcount } from '../codec/lanes.js';
import { wasmModule } from '../util/wasm-module.js';

const json = process.argv.includes('--json');
const nat = crc32cNative;
if (nat === null) {
  process.stdout.write('bench/crc32c: @node-rs/crc32 did not load (or HOPCODE_CRC32C=soft): nothing to compare\n');
  process.exit(0);
}
const buf = new Uint8Array(8 << 20);
for (let i = 0; i < buf.length; i++) buf[i] = Math.imul(i, 2654435761) >>> 13;
const words = new Int32Array(buf.buffer);
const rows: { bytes: number; soft: number; words: number; native: number }[] = [];
for (const len of [64, 246, 512, 888, 1024, 2048, 4096, 65536, buf.length]) {
  const calls = Math.max(4, Math.floor(4e7 / len));
  const span = Math.max(1, buf.length - len - 3);
  const time = (f: (s: number) => number): number => {
    let x = 0;
    for (let i = 0; i < Math.min(calls, 2000); i++) x ^= f((i * len) % span);
    const t = performance.now();
    for (let i = 0; i < calls; i++) x ^= f((i * len) % span);
    const ms = performance.now() - t;
    if (x === 0.5) process.stdout.write('');
    return (calls * len) / 1e6 / (ms / 1000);
  };
  rows.push({
    bytes: len,
    soft: time((s) => crc32cSoft(buf, 0, s, s + len)),
    words: time((s) => crc32cWords(words, buf, s & ~3, len, 0)),
    native: time((s) => nat(buf.subarray(s, s + len), 0)),
  });
}
if (json) process.stdout.write(JSON.stringify(rows) + '\n');
else {
  process.stdout.write(`${'bytes'.padStart(9)} ${'soft MB/s'.padStart(10)} ${'words MB/s'.padStart(11)} ${'native MB/s'.padStart(12)} ${'native/soft'.padStart(12)} ${'native/words'.padStart(13)}\n`);
  for (const r of rows) process.stdout.write(`${String(r.bytes).padStart(9)} ${r.soft.toFixed(0).padStart(10)} ${r.words.toFixed(0).padStart(11)} ${r.native.toFixed(0).padStart(12)} ${(r.native / r.soft).toFixed(2).padStart(11)}× ${(r.native / r.words).toFixed(2).padStart(12)}×\n`);
}

// Per block, a default-profile group: 2048 lanes of 224 words (CRC word, 888 payload bytes, zeros).
interface CheckExports {
  check(lanes: number, tiles: number, p: number, slabs: number, ns: number, l: number, first: number, seed: number, valid: number, fail: number): void;
}
const mod = wasmModule('codec/codec-check.wasm');
if (mod === null) process.stdout.write('bench/crc32c: dist/codec/codec-check.wasm is missing (npm run build): no per-block comparison\n');
else {
  const P = 888;
  const TILES = 224;
  const L = 2048;
  const seed = 0x1234567;
  const laneBytes = TILES * 4;
  const at = { tab: 1024, slabs: 1024 + 8192, fail: 1024 + 8192 + 256, lanes: 1024 + 8192 + 512 };
  const memory = new WebAssembly.Memory({ initial: Math.ceil((at.lanes + L * laneBytes) / 65536) });
  const k = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as CheckExports;
  const u8 = new Uint8Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  i32.set(crc32cTables(), at.tab >>> 2);
  for (let s = 0; s < L / 32; s++) i32[(at.slabs >>> 2) + s] = s;
  for (let b = 0; b < L; b++) {
    const lane = at.lanes + b * laneBytes;
    u8.set(buf.subarray(b * P, b * P + P), lane + 4);
    i32[lane >>> 2] = crc32cWord(0, crc32cWord(b, crc32cSoft(u8, seed, lane + 4, lane + 4 + P)));
  }
  const best = (f: () => number): number => {
    let ms = Infinity;
    let x = 0;
    for (let r = 0; r < 30; r++) {
      const t = performance.now();
      x ^= f();
      ms = Math.min(ms, performance.now() - t);
    }
    if (x === 0.5) process.stdout.write('');
    return ms;
  };
  const one = (crc: (lane: number) => number): number => {
    let bad = 0;
    for (let b = 0; b < L; b++) {
      const lane = at.lanes + b * laneBytes;
      if (crc32cWord(0, crc32cWord(b, crc(lane))) !== i32[lane >>> 2]! >>> 0) bad++;
    }
    return bad;
  };
  const wasm = best(() => {
    k.check(at.lanes, TILES, P, at.slabs, L / 32, L, 0, seed, L * P, at.fail);
    let f = 0;
    for (let s = 0; s < L / 32; s++) f |= i32[(at.fail >>> 2) + s]!;
    return f;
  });
  const native = best(() => one((lane) => nat(u8.subarray(lane + 4, lane + 4 + P), seed) >>> 0));
  const soft = best(() => one((lane) => crc32cWords(i32, u8, lane + 4, P, seed)));
  const fails = one((lane) => crc32cWords(i32, u8, lane + 4, P, seed));
  k.check(at.lanes, TILES, P, at.slabs, L / 32, L, 0, seed, L * P, at.fail);
  let wasmFails = 0;
  for (let s = 0; s < L / 32; s++) wasmFails += popcount(i32[(at.fail >>> 2) + s]!);
  const r = { blocks: L, bytes: P, wasmMs: wasm, nativeMs: native, softMs: soft, failures: fails, wasmFailures: wasmFails };
  if (json) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    process.stdout.write(`\n${L} blocks of ${P} B (a default-profile group), best of 30, ms per group (MB/s): WASM check ${wasm.toFixed(3)} (${((L * P) / 1e3 / wasm).toFixed(0)}), `);
    process.stdout.write(`native per block ${native.toFixed(3)} (${((L * P) / 1e3 / native).toFixed(0)}), JS words ${soft.toFixed(3)} (${((L * P) / 1e3 / soft).toFixed(0)}); native/WASM ${(native / wasm).toFixed(2)}×${fails + wasmFails ? `; BLOCKS FAILED: ${fails} JS, ${wasmFails} WASM` : ''}\n`);
  }
}
