/**
 * hopcode/bench/shared-alloc — why the pool recycles shared buffers and lets the workers
 * write outputs in place (issue 12): `node dist/bench/shared-alloc.js`.
 *
 * Prints MB/s (median of 9) of filling, by TypedArray.set in 1.8 MB pieces:
 *  - a fresh 2 MiB ArrayBuffer per piece, and a fresh 2 MiB SharedArrayBuffer per piece
 *    (the allocator reuses freed ArrayBuffer memory; a SharedArrayBuffer is a new mapping
 *    each time, its pages faulted in on first write);
 *  - one fresh 32 MiB ArrayBuffer (a decode's output: its first writes fault every page
 *    in) against the same buffer already written once.
 */
const G = 1_818_624; // a default-profile group's payload: 2048 blocks × 888 bytes
const src = new Uint8Array(G);
for (let i = 0; i < G; i++) src[i] = (i * 13) & 255;
const mbps = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6);
function median(f: () => number): number {
  const ts: number[] = [];
  for (let r = 0; r < 9; r++) ts.push(f());
  return ts.sort((a, b) => a - b)[4]!;
}
const timed = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const PIECES = 16;
const fresh = (make: (n: number) => Uint8Array): number => median(() => timed(() => { for (let i = 0; i < PIECES; i++) make(2 << 20).set(src); }));
const BIG = 32 << 20;
const bigFresh = median(() => timed(() => { const out = new Uint8Array(BIG); for (let o = 0; o + G <= BIG; o += G) out.set(src, o); }));
const warm = new Uint8Array(BIG);
const bigWarm = median(() => timed(() => { for (let o = 0; o + G <= BIG; o += G) warm.set(src, o); }));
const filled = Math.floor(BIG / G) * G;
process.stdout.write(`fresh 2 MiB ArrayBuffer per piece       ${mbps(PIECES * G, fresh((n) => new Uint8Array(n)))} MB/s\n`);
process.stdout.write(`fresh 2 MiB SharedArrayBuffer per piece ${mbps(PIECES * G, fresh((n) => new Uint8Array(new SharedArrayBuffer(n))))} MB/s\n`);
process.stdout.write(`fresh 32 MiB ArrayBuffer                ${mbps(filled, bigFresh)} MB/s\n`);
process.stdout.write(`the same 32 MiB written again           ${mbps(filled, bigWarm)} MB/s\n`);
