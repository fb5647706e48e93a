/** `hopcode simulate --decoder network-ppbf` as a user runs it: same counts for any worker count, bad options exit 2 with one line. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const base = ['simulate', '--preset', 'parity6-d3', '-N', '300', '--p', '0.04', '-n', '512', '-e', '0', '--quiet', '-D', 'network-ppbf'];

/** Merged rows without the seconds column (index 4) and the row check (last, it covers the seconds): counts and identity. */
const counts = (file: string): string[] =>
  run('merge', file).stdout.trim().split('\n').filter((l) => !l.startsWith('#')).slice(1).map((l) => {
    const f = l.split(',');
    return f.filter((_, i) => i !== 4 && i !== f.length - 1).join(',');
  });

describe('hopcode simulate -D network-ppbf', () => {
  it('runs with a table, serial schedule, restarts and a fractional β; 0 and 2 workers agree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-ppbf-'));
    const opts = ['--flip-table', '-4:1,-2:0.9,0:0.5,2:0.01,4:0', '--schedule', 'serial', '--restarts', '2', '--max-sweeps', '40', '--cue-weight', '0.5'];
    const a = run(...base, ...opts, '--workers', '0', '-o', join(dir, 'a.csv'), '--plot', join(dir, 'a.svg'));
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/network-ppbf .*β = 0.5, table -4:1,-2:0.9,0:0.5,2:0.01,4:0, serial, ≤ 40 sweeps × 3 attempts/);
    const b = run(...base, ...opts, '--workers', '2', '-o', join(dir, 'b.csv'), '--plot', join(dir, 'b.svg'));
    expect(b.status, b.stderr).toBe(0);
    expect(counts(join(dir, 'a.csv'))).toEqual(counts(join(dir, 'b.csv')));
  });

  it('a results file written before lane refill resumes in batch lanes: the counts the old version gave', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-ppbf-'));
    const file = join(dir, 'old.csv');
    copyFileSync(fileURLToPath(new URL('../fixtures/ppbf-before-refill-hamming31-d3-n992.csv', import.meta.url)), file);
    const r = run('simulate', '--resume', file, '-n', '512', '--workers', '0', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    // noise, frames, bit errors, frame errors, (seconds), stop, problem hash, sweeps: as commit ac94c66~1 ran -n 512
    expect(counts(file)[0]!.split(',').slice(0, 7)).toEqual(['0.04', '512', '179', '3', 'frames', 'b43df164050203c2', '6059']);
  });

  it('bad values: one line naming the option, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-ppbf-'));
    const out = ['-o', join(dir, 'x.csv'), '--plot', join(dir, 'x.svg'), '--force'];
    const cases: [string[], RegExp][] = [
      [['--flip-table', '1,0.5'], /^hopcode: --flip-table: the table has 2 entries, this network with β = 0.5 has 5 energy levels E = -4, -2, 0, 2, 4\n$/],
      [['--flip-table', '1,2,0,0,0'], /^hopcode: --flip-table: probability 2 is outside \[0, 1\]\n$/],
      [['--flip-table', 'glauber:0'], /^hopcode: --flip-table: the temperature after "glauber:" must be a number > 0/],
      [['--restarts', '-1'], /^hopcode: --restarts must be 0..1000, got -1\n$/],
      [['--schedule', 'sideways'], /^hopcode: --schedule must be parallel or serial, got "sideways"\n$/],
      [['--cue-weight', '0.3'], /^hopcode: --cue-weight must be a multiple of 1\/64/],
      [['--cue-weight', '-1'], /^hopcode: --cue-weight must be a number in \[0, 64\]/],
      [['--flip-table', 'descent:-1'], /^hopcode: --flip-table: the temperature after "descent:" must be a number > 0/],
      [['--ppbf-lanes', 'sometimes'], /^hopcode: --ppbf-lanes must be refill or batch, got "sometimes"\n$/],
    ];
    for (const [args, msg] of cases) {
      const r = run(...base, ...args, ...out);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
    }
    const other = run('simulate', '--preset', 'parity6-d3', '-N', '300', '-D', 'network-sync', '--restarts', '2', ...out);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^hopcode: --restarts applies to --decoder network-ppbf only\n$/);
  });
});
