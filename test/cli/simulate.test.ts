/** `hopcode simulate`, `merge` and `plot` as a user runs them. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const small = ['simulate', '--preset', 'parity8-d4', '-N', '400', '--p', '0.02,0.03', '-n', '2048', '-e', '30', '--quiet'];

function countsOf(csv: string): string[] {
  // Everything but the seconds column (index 4) and the row check (last; it covers the seconds): the counts and identity.
  return csv.trim().split('\n').slice(1).map((l) => l.split(',').filter((_, i, all) => i !== 4 && i !== all.length - 1).join(','));
}

describe('hopcode simulate', () => {
  it('same seed: identical CSV counts for 1 and 2 workers; merge and plot read them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-sim-'));
    const a = run(...small, '--workers', '1', '-o', join(dir, 'a.csv'), '--plot', join(dir, 'a.svg'));
    expect(a.status, a.stderr).toBe(0);
    const b = run(...small, '--workers', '2', '-o', join(dir, 'b.csv'), '--plot', join(dir, 'b.svg'));
    expect(b.status, b.stderr).toBe(0);
    const merge = (f: string) => run('merge', join(dir, f)).stdout;
    expect(countsOf(merge('a.csv'))).toEqual(countsOf(merge('b.csv')));
    expect(a.stdout).toMatch(/# code: +parity8-d4/);
    const [specLine, headerLine] = readFileSync(join(dir, 'a.csv'), 'utf8').split('\n');
    expect(specLine).toMatch(/^# hopcode-run \{/);
    expect(headerLine).toMatch(/^noise,frames,bitErrors,frameErrors,seconds,stopReason,problemHash/);
    const c = run(...small, '--seed', '2', '-o', join(dir, 'c.csv'), '--plot', join(dir, 'c.svg'));
    expect(c.status, c.stderr).toBe(0);
    const p = run('plot', join(dir, 'a.csv'), join(dir, 'c.csv'), '-o', join(dir, 'both.svg'));
    expect(p.status, p.stderr).toBe(0);
    expect(readFileSync(join(dir, 'both.svg'), 'utf8')).toMatch(/^<svg/);
    // An existing output is not clobbered silently.
    const again = run(...small, '-o', join(dir, 'a.csv'), '--plot', join(dir, 'a.svg'));
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists: continue it with --resume/);
  });

  it('resume of a finished file repeats nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-sim-'));
    const out = join(dir, 'r.csv');
    expect(run(...small, '-o', out, '--plot', join(dir, 'r.svg')).status).toBe(0);
    const before = readFileSync(out, 'utf8');
    const r = run(...small, '--resume', out, '--plot', join(dir, 'r.svg'));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(r.stdout).toMatch(/resumed/);
  });

  it('bad input: a one-line error, exit code 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-sim-'));
    const bad = join(dir, 'bad.alist');
    writeFileSync(bad, '4 2\n2 4\n1 1 1 1\n2 2\n1\n');
    const cases: [string[], RegExp][] = [
      [['--decoder', 'magic'], /unknown decoder "magic"/],
      [['--p', '0.05:0.01:0.01'], /--p/],
      [['--p', '1.5'], /--p|\[0, 1\]/],
      [['--alist', bad], /bad\.alist: line \d+/],
      [['-o', join(dir, 'no', 'such', 'x.csv')], /cannot write/],
    ];
    for (const [args, msg] of cases) {
      const r = run('simulate', '--preset', 'parity8-d4', '-N', '400', '--quiet', '--dir', join(dir, 'out'), ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(existsSync(join(dir, 'out', 'results.csv'))).toBe(false);
  });
});
