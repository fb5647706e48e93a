/**
 * hopcode/util/wasm-module — the compiled WebAssembly kernels (assembly/*.ts, built by
 * `npm run build:wasm` into dist/), found also when running from src under vitest.
 *
 * `wasmModule('codec/codec-encode.wasm')` is the compiled module or null: null when the
 * file is missing (not built) or does not validate (an engine without WebAssembly SIMD).
 * Callers then use their JavaScript kernel, which gives identical results. Modules are
 * compiled once per thread and cached.
 *
 * Memory rule for kernels used next to hot JavaScript loops: instantiate with a memory of
 * the final size (compile with --importMemory and pass `new WebAssembly.Memory({ initial })`)
 * and never grow it. `memory.grow` detaches the old ArrayBuffer, and the first detached
 * buffer of an isolate makes every typed-array access of every hot loop pay a detach check
 * (see src/codec/codec-worker.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, WebAssembly.Module | null>();

/** A file under dist/: this file is dist/util/wasm-module.js, or src/util/wasm-module.ts under vitest. */
export function distPath(relative: string): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL(`../../dist/${relative}`, here) : new URL(`../${relative}`, here);
  return fileURLToPath(url);
}

/** The compiled module dist/`relative`, or null (missing, or no SIMD in this engine). */
export function wasmModule(relative: string): WebAssembly.Module | null {
  const hit = cache.get(relative);
  if (hit !== undefined) return hit;
  const path = distPath(relative);
  let mod: WebAssembly.Module | null = null;
  try {
    mod = existsSync(path) ? new WebAssembly.Module(readFileSync(path)) : null;
  } catch {
    mod = null; // does not validate: no SIMD here
  }
  cache.set(relative, mod);
  return mod;
}
