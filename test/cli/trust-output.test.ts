/**
 * Issue 13, "what is printed is true": one CLI check per class, run on the compiled bin
 * as a user would (each failed on main before the fix). Kept cheap: small networks,
 * few frames, single thread.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAlistLayout, writeAlist } from '../../src/codes/alist.js';


const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: tmp });
const tmp = mkdtempSync(join(tmpdir(), 'hopcode-trust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const shared = (f: string) => fileURLToPath(new URL(`../../../shared/codes/${f}`, import.meta.url));
// The reference codes (Radford Neal's tools) live beside the repository, in ../shared/codes,
// on the developers' machines and in CI.

/** Exit 2 with exactly one stderr line matching `msg`, and nothing on stdout. */
function refused(args: string[], msg: RegExp): void {
  const r = run(...args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(msg);
  expect(r.stdout, args.join(' ')).toBe('');
}

describe('options a dash apart, and noise that does not fit the channel', () => {
  it('old spellings say what they became; every command uses -N/--length', () => {
    refused(['info', '--n', '40'], /--n is now -N\/--length.*-n is --max-frames/);
    refused(['simulate', '--e', '0.1'], /--e is now --erasure.*-e is --max-fe/);
    refused(['export', '--n=40'], /--n is now -N\/--length/);
    const r = run('export', '--preset', 'parity6-d3', '-N', '120');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('120 60');
  });
  it('a noise option of another channel is an error', () => {
    refused(['simulate', '--channel', 'bec', '--p', '0.1'], /--p is not a noise of --channel bec: use --erasure/);
    refused(['simulate', '--ebno', '3'], /--ebno is not a noise of --channel bsc/);
    refused(['simulate', '--p', '0.01', '--noise', '0.02'], /give the noise once/);
  });
});

describe('errors before output, the same validation everywhere, limits first', () => {
  it('--seed and --workers are checked one way by every command', () => {
    const input = join(tmp, 'in.bin');
    writeFileSync(input, 'hello');
    for (const cmd of [['simulate'], ['info'], ['export'], ['census'], ['encode', input, join(tmp, 'out.hop')]]) {
      refused([...cmd, '--seed', 'abc'], /--seed must be a whole number, got "abc"/);
    }
    refused(['simulate', '--workers', '65'], /--workers must be at most 64/);
    refused(['encode', input, join(tmp, 'out.hop'), '--workers', '-1'], /--workers must be at least 0/);
  });
  it('bad stop rules, chunk sizes and a directory as --plot fail before the header', () => {
    refused(['simulate', '-e', '0', '-n', '0', '--max-time', '0', '-o', join(tmp, 'keep.csv'), '--force'], /no stop rule: -e\/--max-fe, -n\/--max-frames and --max-time/);
    refused(['simulate', '--chunk-frames', '0'], /--chunk-frames must be at least 1/);
    refused(['simulate', '-e', '-3'], /-e\/--max-fe must be at least 0/);
    mkdirSync(join(tmp, 'adir'), { recursive: true });
    refused(['simulate', '--preset', 'parity6-d3', '-N', '120', '--p', '0.01', '--plot', join(tmp, 'adir'), '-o', join(tmp, 'x.csv')], /is a directory/);
  });
  it('sizes above the limits are refused at once, naming the limit', () => {
    for (const cmd of ['info', 'simulate', 'export', 'census']) {
      const t0 = Date.now();
      refused([cmd, '-N', '100000000'], /at most 1048576/);
      expect(Date.now() - t0).toBeLessThan(5000);
    }
    refused(['census', '-N', '40'], /above 24/);
    refused(['simulate', '--chunk-frames', '1000000000'], /--chunk-frames must be at most 1048576/);
    refused(['simulate', '--max-sweeps', '1000000000'], /--max-sweeps must be at most 100000/);
  });
  it('info above the rank budget answers without the rank and says so', () => {
    const r = run('info', '--preset', 'parity6-d3', '-N', '40000', '--json');
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.n).toBe(40000);
    expect(info.rate).toBeNull();
    expect(info.skipped.join(' ')).toMatch(/exact rank: N > 32768/);
    expect(r.stderr).toMatch(/not computed: exact rank.*--full/);
  });
});

describe('N rounding is said', () => {
  it('by info, export and simulate on stderr; the codec names the nearest valid N', () => {
    for (const args of [['info'], ['export'], ['simulate', '--p', '0.01', '-n', '32', '--workers', '0', '--quiet', '-o', join(tmp, 'r40.csv'), '--plot', join(tmp, 'r40.svg')]]) {
      const r = run(...args, '--preset', 'parity6-d3', '-N', '121');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr, args[0]).toMatch(/N = 121 is not a valid size for parity6-d3.*using N = 12[02]/);
    }
    const input = join(tmp, 'in2.bin');
    writeFileSync(input, 'hello');
    const e = run('encode', input, join(tmp, 'o2.hop'), '--preset', 'parity10-d5', '-N', '4001');
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/parity10-d5: the nearest valid N is 4002/);
  });
});

describe('counting conventions', () => {
  it('BER/FER on information bits by default, said in the header and the CSV; coded counts kept', () => {
    const out = join(tmp, 'counts.csv');
    const r = run('simulate', '--preset', 'parity6-d3', '-N', '600', '--p', '0.03', '-n', '256', '-e', '50', '--workers', '0', '--quiet', '-o', out, '--plot', join(tmp, 'counts.svg'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/# counts: +BE, FE, BER, FER on the K = 300 information bits/);
    expect(r.stdout).toMatch(/\| +cFER \|/);
    const [head, ...rows] = readFileSync(out, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    const cols = head!.split(',');
    expect(cols).toContain('infoBitErrors');
    expect(cols).toContain('infoFrameErrors');
    const at = (row: string, c: string) => Number(row.split(',')[cols.indexOf(c)]);
    const fe = rows.reduce((a, x) => a + at(x, 'frameErrors'), 0);
    const ife = rows.reduce((a, x) => a + at(x, 'infoFrameErrors'), 0);
    expect(fe).toBeGreaterThanOrEqual(20); // enough errors for the comparison to mean something
    expect(ife).toBeGreaterThan(0);
    expect(ife).toBeLessThanOrEqual(fe);
    // the table's FE is the information-bit count
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('0.03'))!;
    expect(Number(line.split('|')[3])).toBe(ife);
  });
});

describe('alist orientation, edge cases and size', () => {
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  it("Neal's M-first layout is recognised and said; both layouts give the same code", () => {
    const a = run('info', '--alist', shared('ldpc-3-6-n1000-mfirst.alist'), '--json');
    const b = run('info', '--alist', shared('ldpc-3-6-n1000-nfirst.alist'), '--json');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/read as "M N" \(Neal's/);
    expect(b.stderr).toMatch(/read as "N M" \(MacKay/);
    const ia = JSON.parse(a.stdout);
    const ib = JSON.parse(b.stdout);
    expect([ia.n, ia.m, ia.k]).toEqual([1000, 500, 500]);
    expect([ib.n, ib.m, ib.k, ib.edges]).toEqual([ia.n, ia.m, ia.k, ia.edges]);
  });
  it('layouts told apart by the shape; square, K = 0, weight-1 rows and huge indices refused with file and line', () => {
    // Hamming(7,4) H, written "M N" (Neal) instead of "N M".
    const mfirst = write('h74-mfirst.alist', '3 7\n4 3\n4 4 4\n1 1 2 1 2 2 3\n1 3 5 7\n2 3 6 7\n4 5 6 7\n1\n2\n1 2\n3\n1 3\n2 3\n1 2 3\n');
    const r = run('census', '--alist', mfirst, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/read as "M N"/);
    expect(JSON.parse(r.stdout)).toMatchObject({ n: 7, log2States: 4, storedStates: 16 });
    refused(['info', '--alist', write('sq.alist', '2 2\n1 1\n1 1\n1 1\n1\n2\n1\n2\n')], /sq\.alist: line 1: a square 2 × 2 header/);
    // a check of weight 1 (line 9 lists row 1's single column)
    const w1 = write('w1.alist', '4 2\n2 4\n1 1 1 2\n1 4\n2\n2\n2\n1 2\n4\n1 2 3 4\n');
    refused(['info', '--alist', w1], /w1\.alist: line 9: check 1 has weight 1/);
    const huge = write('huge.alist', `7 3\n3 4\n1 1 2 1 2 2 3\n4 4 4\n${'9'.repeat(401)} 0 0\n`);
    refused(['info', '--alist', huge], /huge\.alist: line 5: .*401-digit number/);
  });
  it('readers and writers handle 1.3·10^5 columns (no spread arguments: those overflow the stack near 1.2·10^5)', () => {
    // A (3,6)-regular H made directly (no graph builder): row r holds 6 columns spread over N.
    const cols = 130_000;
    const rows = cols / 2;
    const rowPtr = Int32Array.from({ length: rows + 1 }, (_, r) => 6 * r);
    const rowCol = new Int32Array(6 * rows);
    for (let r = 0; r < rows; r++) for (let j = 0; j < 6; j++) rowCol[6 * r + j] = (2 * r + j * (rows + 1)) % cols;
    for (let r = 0; r < rows; r++) rowCol.subarray(6 * r, 6 * r + 6).sort();
    const h = { rows, cols, rowPtr, rowCol };
    const text = writeAlist(h);
    const read = parseAlistLayout(text, 'big.alist');
    expect([read.h.cols, read.h.rows, read.layout]).toEqual([130_000, 65_000, 'n-first']);
    expect(read.h.rowCol).toEqual(rowCol);
  });
});

describe('quiet EPIPE', () => {
  it('export into a closed pipe exits 0 without a stack trace', async () => {
    const child = spawn(process.execPath, [bin, 'export', '--preset', 'parity6-d3', '-N', '60000'], { cwd: tmp });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(err).not.toMatch(/Error|    at /);
    expect(code).toBe(0);
  });
});

describe('default sweeps straddle the waterfall', () => {
  it('--channel bec without a range probes FER = ½ and sweeps across it', () => {
    const r = run('simulate', '--preset', 'parity6-d3', '-N', '600', '--channel', 'bec', '-n', '256', '-e', '60', '--workers', '0', '--quiet', '-o', join(tmp, 'bec.csv'), '--plot', join(tmp, 'bec.svg'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/FER ≈ ½ at e ≈ [\d.]+ \(7 probes\): sweeping --erasure/);
    const fers = r.stdout.split('\n').filter((l) => /^\s+[\d.]+ \|/.test(l)).map((l) => Number(l.split('|')[5]));
    expect(fers.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...fers)).toBeLessThan(0.2); // the low end is well below the FER = ½ point
    expect(Math.max(...fers)).toBeGreaterThan(0.5); // the high end is past it
  });
});

describe('plot tells the truth', () => {
  it('names the noise, draws the Shannon limit, keeps zero-error points as marked upper bounds, labels decades 10⁻ⁿ', () => {
    const csv = join(tmp, 'plot.csv');
    const head = 'noise,frames,bitErrors,frameErrors,seconds,stopReason,problemHash,sweepsSum,converged,wrongStored,spurious,noConvergence,code,decoder,channel,n,rate,seed,firstChunk,chunks';
    writeFileSync(csv, `${head}\n0.01,1000,0,0,1,frames,0123456789abcdef,1000,1000,0,0,0,c,network-sync,bsc,100,0.5,1,0,1\n0.03,1000,500,40,1,errors,0123456789abcdef,1000,960,0,0,40,c,network-sync,bsc,100,0.5,1,1,1\n`);
    const r = run('plot', csv, '-o', join(tmp, 'plot.svg'));
    expect(r.status, r.stderr).toBe(0);
    const svg = readFileSync(join(tmp, 'plot.svg'), 'utf8');
    expect(svg).toContain('p (BSC crossover probability)');
    expect(svg).toContain('Shannon limit (R = 0.500)');
    expect(svg).toContain('95 % upper bound');
    expect(svg).toMatch(/10⁻[¹²³⁴⁵⁶⁷⁸⁹]/);
    expect(svg).not.toMatch(/>\d(\.\d+)?e[-−]\d+</); // no "1e-3" axis labels
  });
});

describe('packaging and help', () => {
  it('the tarball ships dist, README, LICENSE, docs and the native sources its install script builds, not src, tests, CI or a built binary', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$|docs\/|native\/[\w-]+\.(cc|h|gyp)$|scripts\/build-native\.mjs$)/.test(f))).toEqual([]);
    expect(files).toContain('native/block-crc.cc');
    expect(files).toContain('scripts/build-native.mjs');
    expect(files.some((f) => f.endsWith('.map') || f.endsWith('.node') || f.startsWith('dist/native/'))).toBe(false);
  });
  it('--help shows examples, the presets, the default sweep and workers', () => {
    const r = run('simulate', '--help');
    expect(r.status).toBe(0);
    for (const s of ['Examples:', 'hamming31-d3', 'parity10-d5', 'Default sweep', 'Default workers', '-N, --length', '--erasure']) expect(r.stdout).toContain(s);
  });
});
