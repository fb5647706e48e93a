/**
 * hopcode/util/native — the optional native module dist/native/hopcode.node (native/*.cc, built
 * by `npm run build` where Linux, a C++ compiler and Node's headers are present). Each method
 * may be absent (blockCrcs needs x86-64 with SSE4.2), and the whole module is null where it is
 * not built, does not load (built for another Node), or HOPCODE_NATIVE=0 is set at run time:
 * callers then use their JavaScript or WebAssembly twin, which gives the same bytes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distPath } from './wasm-module.js';

export interface NativeModule {
  /** n zero bytes on transparent huge pages (native/huge-pages.cc), or null when mmap fails. */
  arrayBuffer?(n: number): ArrayBuffer | null;
  sharedArrayBuffer?(n: number): SharedArrayBuffer | null;
  /**
   * BlockCodec.blockCrc of `count` blocks of `len` bytes at mem[at + j·stride], block indices
   * firstHi·2^32 + firstLo + j, continuing the CRC state `seed`, as u32 LE at byte out + 4j of
   * `dst` (default mem) (native/block-crc.cc). Throws RangeError for a range outside its array.
   */
  blockCrcs?(mem: Uint8Array, at: number, stride: number, len: number, count: number, seed: number, firstLo: number, firstHi: number, out: number, dst?: Int32Array | Uint32Array | Uint8Array): void;
}

let loaded: NativeModule | null | undefined;

/** The native module of this thread, or null. */
export function nativeModule(): NativeModule | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  const path = distPath('native/hopcode.node');
  if (process.env.HOPCODE_NATIVE !== '0' && existsSync(path)) {
    try {
      loaded = createRequire(import.meta.url)(path) as NativeModule;
    } catch {
      loaded = null; // built for another Node, or another machine
    }
  }
  return loaded;
}

/** The native block CRCs (native/block-crc.cc), or null (no module, or no SSE4.2 here). */
export function nativeBlockCrcs(): NonNullable<NativeModule['blockCrcs']> | null {
  return nativeModule()?.blockCrcs ?? null;
}
