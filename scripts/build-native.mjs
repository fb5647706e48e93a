// Builds native/*.cc (node-gyp) into dist/native/hopcode.node: the codec's large outputs on
// transparent huge pages (src/util/large-bytes.ts) and its block CRCs (src/util/native.ts). Optional: where it cannot be
// built (no compiler, no Node headers, not Linux) this prints one line and exits 0, and the
// codec allocates ordinary memory. HOPCODE_NATIVE=0 skips it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'native', 'hopcode.node');
const stamp = `${out}.built-for`; // the Node ABI and platform it was built for
const sources = readdirSync(join(root, 'native')).filter((f) => /\.(cc|h|gyp)$/.test(f)).map((f) => join(root, 'native', f));
const abi = `${process.versions.modules} ${process.platform} ${process.arch}`;
const skip = (why) => {
  rmSync(out, { force: true }); // never a stale build from another Node
  rmSync(stamp, { force: true });
  process.stdout.write(`build-native: dist/native/hopcode.node not built (${why}); the codec uses ordinary memory and its own CRCs\n`);
  process.exit(0);
};
if (process.env.HOPCODE_NATIVE === '0') skip('HOPCODE_NATIVE=0');
if (process.platform !== 'linux') skip(`${process.platform}: Linux only`);
// npm hands its own node-gyp to scripts; run directly, look where npm keeps it.
const gyp = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find((p) => p && existsSync(p));
// Up to date: built after its sources changed, for this Node (npm ci and npm test both build).
if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === abi && sources.every((f) => statSync(f).mtimeMs <= statSync(out).mtimeMs)) process.exit(0);
if (!gyp) skip('node-gyp not found');
// The headers of the running Node: npm's nodedir setting, else next to the executable (no download).
const nodedir = process.env.npm_config_nodedir || join(dirname(process.execPath), '..');
if (!existsSync(join(nodedir, 'include', 'node', 'node.h'))) skip(`no Node headers under ${nodedir}/include/node`);
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', join(root, 'native'), `--nodedir=${nodedir}`, '--loglevel=error'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
const built = join(root, 'native', 'build', 'Release', 'hopcode.node');
if (r.status !== 0 || !existsSync(built)) skip(`node-gyp failed: ${(r.stderr ?? '').trim().split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.status}`}`);
mkdirSync(dirname(out), { recursive: true });
copyFileSync(built, out);
writeFileSync(stamp, abi);
