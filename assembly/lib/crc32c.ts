// hopcode/assembly/lib/crc32c — CRC-32C (Castagnoli) helpers for the kernels, tables at a
// pointer t in the kernel's memory (slicing-by-8, Kounavis & Berry 2005; the same tables as
// src/codec/crc32c.ts). Imported by assembly/codec-encode.ts; only the files directly in
// assembly/ are compiled as modules (scripts/build-wasm.mjs).

/** CRC-32C tables at t (crc32c.ts TABLE: entry k·256 + b = CRC of byte b then k zero bytes). */
export function fillCrcTables(t: usize): void {
  for (let b: u32 = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    store<u32>(t + (<usize>b << 2), c);
  }
  for (let b: u32 = 0; b < 256; b++) {
    let c = load<u32>(t + (<usize>b << 2));
    for (let k: u32 = 1; k < 8; k++) {
      c = load<u32>(t + (<usize>(c & 0xff) << 2)) ^ (c >>> 8);
      store<u32>(t + ((<usize>(k * 256 + b)) << 2), c);
    }
  }
}

@inline export function tab(t: usize, k: u32, b: u32): u32 {
  return load<u32>(t + ((<usize>((k << 8) | b)) << 2));
}

/** crc32cWord: CRC-32C of a u32 as 4 little-endian bytes, continuing `prev`. */
@inline export function crcWord(t: usize, word: u32, prev: u32): u32 {
  const c = ~prev ^ word;
  return ~(tab(t, 3, c & 0xff) ^ tab(t, 2, (c >>> 8) & 0xff) ^ tab(t, 1, (c >>> 16) & 0xff) ^ tab(t, 0, c >>> 24));
}

/** crc32cSoft over [p, p + len), continuing `prev` (slicing-by-8). */
export function crcBytes(t: usize, p: usize, len: i32, prev: u32): u32 {
  let c = ~prev;
  const end = p + <usize>len;
  const stop8 = end - (<usize>len & 7);
  for (; p < stop8; p += 8) {
    const lo = c ^ load<u32>(p);
    const hi = load<u32>(p, 4);
    c =
      tab(t, 7, lo & 0xff) ^
      tab(t, 6, (lo >>> 8) & 0xff) ^
      tab(t, 5, (lo >>> 16) & 0xff) ^
      tab(t, 4, lo >>> 24) ^
      tab(t, 3, hi & 0xff) ^
      tab(t, 2, (hi >>> 8) & 0xff) ^
      tab(t, 1, (hi >>> 16) & 0xff) ^
      tab(t, 0, hi >>> 24);
  }
  for (; p < end; p++) c = tab(t, 0, (c ^ <u32>load<u8>(p)) & 0xff) ^ (c >>> 8);
  return ~c;
}

// One slicing-by-8 step: table k of entry b is at t + 1024·k + 4·b, so each lookup is a shift,
// a mask and an add, with the table's offset folded into the load's immediate.
@inline export function step8(t: usize, c: u32, lo: u32, hi: u32): u32 {
  lo ^= c;
  return (
    load<u32>(t + <usize>((lo << 2) & 0x3fc), 7168) ^
    load<u32>(t + <usize>((lo >>> 6) & 0x3fc), 6144) ^
    load<u32>(t + <usize>((lo >>> 14) & 0x3fc), 5120) ^
    load<u32>(t + <usize>((lo >>> 22) & 0x3fc), 4096) ^
    load<u32>(t + <usize>((hi << 2) & 0x3fc), 3072) ^
    load<u32>(t + <usize>((hi >>> 6) & 0x3fc), 2048) ^
    load<u32>(t + <usize>((hi >>> 14) & 0x3fc), 1024) ^
    load<u32>(t + <usize>((hi >>> 22) & 0x3fc))
  );
}

/**
 * crcBytes of the four ranges [p + i·len, p + (i + 1)·len) (four consecutive blocks), each
 * continuing `seed`, then its block index first + i as u64 LE, stored to out + i·outStride.
 * Four independent chains in one loop: one chain is bound by the latency of its lookups
 * (each step needs the previous state), four keep the load ports busy.
 */
export function blockCrc4(t: usize, p: usize, len: i32, seed: u32, first: u64, out: usize, outStride: usize): void {
  let c0 = ~seed;
  let c1 = c0;
  let c2 = c0;
  let c3 = c0;
  const l = <usize>len;
  const steps = l >>> 3;
  let a = p;
  for (let i: usize = 0; i < steps; i++, a += 8) {
    c0 = step8(t, c0, load<u32>(a), load<u32>(a, 4));
    c1 = step8(t, c1, load<u32>(a + l), load<u32>(a + l, 4));
    c2 = step8(t, c2, load<u32>(a + 2 * l), load<u32>(a + 2 * l, 4));
    c3 = step8(t, c3, load<u32>(a + 3 * l), load<u32>(a + 3 * l, 4));
  }
  for (const end = p + l; a < end; a++) {
    c0 = tab(t, 0, (c0 ^ <u32>load<u8>(a)) & 0xff) ^ (c0 >>> 8);
    c1 = tab(t, 0, (c1 ^ <u32>load<u8>(a + l)) & 0xff) ^ (c1 >>> 8);
    c2 = tab(t, 0, (c2 ^ <u32>load<u8>(a + 2 * l)) & 0xff) ^ (c2 >>> 8);
    c3 = tab(t, 0, (c3 ^ <u32>load<u8>(a + 3 * l)) & 0xff) ^ (c3 >>> 8);
  }
  let b = first;
  store<u32>(out, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c0)));
  b++;
  store<u32>(out + outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c1)));
  b++;
  store<u32>(out + 2 * outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c2)));
  b++;
  store<u32>(out + 3 * outStride, crcWord(t, <u32>(b >> 32), crcWord(t, <u32>b, ~c3)));
}
