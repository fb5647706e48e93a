// Compiles every assembly/*.ts (AssemblyScript) into the .wasm file its first line names:
//   //! out <path relative to the repo>  [extra asc flags…]
// e.g. `//! out dist/codec/codec-encode.wasm --importMemory`. Every module gets SIMD, -O3,
// the stub runtime and no assertions. Adding a kernel is adding a file: nothing here to edit.
// Code shared by kernels lives in assembly/lib/ (imported, never compiled on its own).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules', '.bin', 'asc');
const dir = join(root, 'assembly');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  const first = readFileSync(join(dir, file), 'utf8').split('\n', 1)[0] ?? '';
  const m = /^\/\/! out (\S+\.wasm)(.*)$/.exec(first);
  if (!m) {
    process.stderr.write(`build-wasm: assembly/${file}: the first line must be "//! out <file.wasm> [flags]"\n`);
    process.exit(2);
  }
  const flags = m[2].trim().split(/\s+/).filter(Boolean);
  execFileSync(asc, [join('assembly', file), '--enable', 'simd', '-O3', '--runtime', 'stub', '--noAssert', ...flags, '-o', m[1]], { cwd: root, stdio: 'inherit' });
}
