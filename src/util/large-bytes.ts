/**
 * hopcode/util/large-bytes — large zeroed byte arrays on transparent huge pages (issue 12).
 *
 * A buffer decode's fresh 64 MiB output, or an encode's 78 MB container, is written once from
 * start to end, and on 4 KiB pages that first write costs 16 K page faults: 25–45 ms of kernel
 * time per 64 MiB on the 2-core VMs, as much as the clean check itself. On 2 MiB pages the same
 * write costs a few hundred. Where dist/native/hopcode.node is built (npm run build, Linux
 * with a C++ compiler: native/huge-pages.cc, util/native.ts) arrays of at least LARGE_BYTES come from it,
 * else, and below that size, from the ordinary allocator. Either way the caller gets an
 * ordinary Uint8Array on an ArrayBuffer (or SharedArrayBuffer) that it owns: zero-filled,
 * transferable, freed by the garbage collector. HOPCODE_HUGE_PAGES=0 turns it off (A/B runs;
 * HOPCODE_NATIVE=0 turns off the whole native module).
 */
import { nativeModule, type NativeModule } from './native.js';

/** Below this, ordinary memory: a 2 MiB-aligned mapping per small array would waste more than it saves. */
export const LARGE_BYTES = 4 << 20;

let enabled = process.env.HOPCODE_HUGE_PAGES !== '0';

/** Turn the huge-page allocator on or off for this thread (tests and A/B benchmarks); returns the previous setting. */
export function useHugePages(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** The native allocator (dist/native/hopcode.node), or null (not built, turned off, or it does not load here). */
export function hugePages(): Required<Pick<NativeModule, 'arrayBuffer' | 'sharedArrayBuffer'>> | null {
  const m = enabled ? nativeModule() : null;
  return m?.arrayBuffer && m.sharedArrayBuffer ? { arrayBuffer: m.arrayBuffer, sharedArrayBuffer: m.sharedArrayBuffer } : null;
}

/** n zero bytes, owned by the caller (on huge pages when large and the allocator is built). */
export function largeBytes(n: number): Uint8Array {
  const b = n >= LARGE_BYTES ? hugePages()?.arrayBuffer(n) : null;
  return b ? new Uint8Array(b) : new Uint8Array(n);
}

/** n zero bytes on a SharedArrayBuffer (on huge pages when large and the allocator is built). */
export function largeSharedBytes(n: number): Uint8Array {
  const b = n >= LARGE_BYTES ? hugePages()?.sharedArrayBuffer(n) : null;
  return new Uint8Array(b ?? new SharedArrayBuffer(n));
}
