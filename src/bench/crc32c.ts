/**
 * hopcode/bench/crc32c — the hand-written CRC-32C (slicing-by-8) against the native one
 * (`@node-rs/crc32`, the CPU's CRC instruction): `node dist/bench/crc32c.js [--json]`.
 * MB/s per range length, both measured in the same run (ratios are what to quote on a
 * shared machine). The lengths include 246 B, one default codec block's payload.
 */
import { crc32cNative, crc32cSoft } from '../codec/crc32c.js';

const json = process.argv.includes('--json');
const nat = crc32cNative;
if (nat === null) {
  process.stdout.write('bench/crc32c: @node-rs/crc32 did not load (or HOPCODE_CRC32C=soft): nothing to compare\n');
  process.exit(0);
}
const buf = new Uint8Array(8 << 20);
for (let i = 0; i < buf.length; i++) buf[i] = Math.imul(i, 2654435761) >>> 13;
const rows: { bytes: number; soft: number; native: number }[] = [];
for (const len of [64, 246, 1024, 2048, 4096, 65536, buf.length]) {
  const calls = Math.max(4, Math.floor(4e7 / len));
  const span = buf.length - len + 1;
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
    native: time((s) => nat(buf.subarray(s, s + len), 0)),
  });
}
if (json) process.stdout.write(JSON.stringify(rows) + '\n');
else {
  process.stdout.write(`${'bytes'.padStart(9)} ${'soft MB/s'.padStart(10)} ${'native MB/s'.padStart(12)} ${'native/soft'.padStart(12)}\n`);
  for (const r of rows) process.stdout.write(`${String(r.bytes).padStart(9)} ${r.soft.toFixed(0).padStart(10)} ${r.native.toFixed(0).padStart(12)} ${(r.native / r.soft).toFixed(2).padStart(11)}×\n`);
}
