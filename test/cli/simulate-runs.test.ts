/**
 * `hopcode simulate` runs a researcher can trust (issue 13), as a user runs them:
 * no run destroys another's files, a results file remembers its run, shards add up,
 * a row cut by a crash is redone, and a finished point is printed when it ends.
 * Tiny problems (N = 400, 64-frame chunks, --workers 0) keep each spawn cheap.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/sim/results-files.js';
import { mergeRows, type ResultRow } from '../../src/sim/results.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd });
const tiny = ['simulate', '--preset', 'parity8-d4', '-N', '400', '--chunk-frames', '64', '--workers', '0', '--quiet'];
const stops = ['--max-fe', '20', '--max-frames', '4096'];
const tmp = () => mkdtempSync(join(tmpdir(), 'hopcode-runs-'));

/** Per point, the merged counts without the clock: what a resumed run must reproduce. */
function totals(file: string): unknown[] {
  return mergeRows(readResults(file).rows).map(({ seconds: _s, ...rest }: ResultRow) => rest);
}

describe('a run never destroys data', () => {
  it('writes only the files it names, refuses before touching an output, and never writes over an input', () => {
    const dir = tmp();
    const first = run([...tiny, '--p', '0.03', ...stops], dir);
    expect(first.status, first.stderr).toBe(0);
    const svg = join(dir, 'hopcode-results', 'fer.svg');
    const results = join(dir, 'hopcode-results', 'results.csv');
    const svgBefore = readFileSync(svg, 'utf8');
    const resultsBefore = readFileSync(results, 'utf8');
    const svgTime = statSync(svg).mtimeMs;

    // -o names one file: the earlier run's folder is not touched, no plot appears
    const other = run([...tiny, '--p', '0.02', ...stops, '-o', 'other.csv'], dir);
    expect(other.status, other.stderr).toBe(0);
    expect(readFileSync(svg, 'utf8')).toBe(svgBefore);
    expect(statSync(svg).mtimeMs).toBe(svgTime);
    expect(readdirSync(dir).sort()).toEqual(['hopcode-results', 'other.csv']);

    // a second run into the same folder does not replace the first one's results
    const again = run([...tiny, '--p', '0.02', ...stops], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/results\.csv exists: continue it with --resume/);
    expect(readFileSync(results, 'utf8')).toBe(resultsBefore);

    // bad stop rules are refused before anything is printed or replaced, even with --force
    const keep = join(dir, 'keep.csv');
    writeFileSync(keep, 'precious\n');
    const bad = run([...tiny, '--max-fe', '0', '--max-frames', '0', '--max-time', '0', '--out', keep, '--force'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no stop rule/);
    expect(bad.stdout).toBe('');
    expect(readFileSync(keep, 'utf8')).toBe('precious\n');

    // merge and plot refuse to write over one of their inputs
    const otherBefore = readFileSync(join(dir, 'other.csv'), 'utf8');
    for (const cmd of [['merge', 'other.csv', 'hopcode-results/results.csv', '-o', 'other.csv'], ['plot', 'other.csv', '-o', 'other.csv']]) {
      const r = run(cmd, dir);
      expect(r.status, cmd.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is the input/);
      expect(readFileSync(join(dir, 'other.csv'), 'utf8')).toBe(otherBefore);
    }
  });
});

describe('a results file remembers its run', () => {
  it('--resume FILE alone continues exactly that run; conflicts and missing files are errors; raised stop rules extend', () => {
    const dir = tmp();
    const r = join(dir, 'r.csv');
    const custom = [...tiny, '--p', '0.02,0.03', '--seed', '7', '--max-sweeps', '50', '--max-fe', '10', '--max-frames', '4096'];
    expect(run([...custom, '-o', r]).status).toBe(0);
    const before = readFileSync(r, 'utf8');
    expect(before.split('\n')[0]).toMatch(/^# hopcode-run \{.*"maxSweeps":50.*"seed":"7"/);

    // alone: the stored options (not the defaults), nothing to add to finished points
    const alone = run(['simulate', '--resume', r, '--workers', '0', '--quiet']);
    expect(alone.status, alone.stderr).toBe(0);
    expect(alone.stdout).toMatch(/parity8-d4 N=400/);
    expect(alone.stdout.match(/# resumed: already errors/g)).toHaveLength(2);
    expect(readFileSync(r, 'utf8')).toBe(before);

    // an explicit option that changes the problem is an error naming it
    for (const [flag, value] of [['-N', '800'], ['--max-sweeps', '60'], ['--seed', '8'], ['--p', '0.04']] as const) {
      const c = run(['simulate', '--resume', r, flag, value, '--quiet']);
      expect(c.status, flag).toBe(2);
      expect(c.stderr).toMatch(new RegExp(`^hopcode: ${flag === '-N' ? '-N/--length' : flag} conflicts with the run in .*r\\.csv`));
      expect(c.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(r, 'utf8')).toBe(before);

    // a mistyped resume path is an error, not a fresh run
    const missing = run(['simulate', '--resume', join(dir, 'typo.csv'), '--quiet']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--resume .*typo\.csv: no such file/);
    expect(existsSync(join(dir, 'typo.csv'))).toBe(false);

    // raising --max-fe extends the finished points from their next chunk: the same counts as one longer run
    expect(run(['simulate', '--resume', r, '--max-fe', '25', '--workers', '0', '--quiet']).status).toBe(0);
    const longer = join(dir, 'longer.csv');
    expect(run([...custom, '--max-fe', '25', '-o', longer]).status).toBe(0);
    expect(totals(r)).toEqual(totals(longer));
    expect(readFileSync(r, 'utf8').startsWith(before)).toBe(true);
  });
});

describe('shards', () => {
  it('shard i/n runs its own chunks: shards add up under merge, overlaps stay refused', () => {
    const dir = tmp();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.jsonl');
    expect(run([...tiny, '--p', '0.03', ...stops, '--shard', '0/2', '-o', a]).status).toBe(0);
    expect(run([...tiny, '--p', '0.03', ...stops, '--shard', '1/2', '-o', b]).status).toBe(0);
    const rows = [...readResults(a).rows, ...readResults(b).rows];
    expect(rows.map((x) => x.firstChunk).sort((x, y) => x - y)[rows.length - 1]).toBe(2 ** 31);
    const merged = run(['merge', a, b]);
    expect(merged.status, merged.stderr).toBe(0);
    const frames = merged.stdout.trim().split('\n').slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0);
    expect(frames).toBe(rows.reduce((s, x) => s + x.frames, 0));
    const twice = run(['merge', b, b]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/overlap/);
  });
});

describe('a row cut by a crash', () => {
  it('is recognised wherever the cut falls: resume redoes its chunks, merge says so', () => {
    const dir = tmp();
    const whole = join(dir, 'whole.csv');
    expect(run([...tiny, '--p', '0.02,0.03', ...stops, '-o', whole]).status).toBe(0);
    const want = totals(whole);
    const bytes = readFileSync(whole);
    const lastRow = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    // only the final newline missing; inside the last field; inside the row
    for (const cut of [bytes.length - 1, bytes.length - 3, lastRow + 20]) {
      const f = join(dir, `cut-${cut}.csv`);
      writeFileSync(f, bytes.subarray(0, cut));
      const r = run(['simulate', '--resume', f, '--workers', '0', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/incomplete last line/);
      expect(totals(f), `cut at ${cut} of ${bytes.length}`).toEqual(want);
    }
    const cutFile = join(dir, 'cut.csv');
    copyFileSync(whole, cutFile);
    writeFileSync(cutFile, bytes.subarray(0, bytes.length - 1));
    const m = run(['merge', cutFile]);
    expect(m.status).toBe(0);
    expect(m.stderr).toMatch(/cut\.csv: line \d+: incomplete last line left out/);
  });
});

describe('what is printed', () => {
  it("a finished point's row reaches a pipe when the point ends; Ctrl-C on this thread (--workers 0) stops the run", async () => {
    const dir = tmp();
    const file = join(dir, 'x.csv');
    // p = 0.3 ends at once (20 frame errors); p = 1e-4 would run for 20 s: the first row must come out before
    const child = spawn(process.execPath, [bin, ...tiny, '--p', '0.3,0.0001', '--max-fe', '20', '--max-frames', '0', '--max-time', '20', '-o', file]);
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sawRow = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/^\s+0\.3 \|/m.test(out)) {
          clearTimeout(timer);
          resolve(child.exitCode === null);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    expect(sawRow, out).toBe(true);
    expect(out).not.toMatch(/^\s+0\.0001 \|/m);
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(killer);
    expect(code).toBe(130);
    expect(out).toMatch(/^\s+0\.0001 \|.*# interrupted$/m);
    const rows = readResults(file).rows;
    expect(rows[rows.length - 1]!.stopReason).toBe('interrupted');
  }, 25000);
});
