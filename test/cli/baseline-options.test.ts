/**
 * `hopcode simulate` options of the fast baselines: --ms-alpha, --ms-offset, --ms-schedule,
 * --ms-float, --gb-decision. Bad values and options given to the wrong decoder are one
 * line naming the option, exit 2, before any output file exists; good ones reach the
 * decoder (the header names them) and change the problem (different problem hashes),
 * and the two Gallager B decision rules give different counts on the same frames.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const alist = fileURLToPath(new URL('../data/ldpc-3-6-n1008-seed1.alist', import.meta.url));
const base = ['simulate', '--alist', alist, '--workers', '0', '--quiet', '-n', '256', '-e', '0'];

describe('simulate: fast baseline options', () => {
  it('bad values and misplaced options: one line, exit 2, no output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-bo-'));
    const out = join(dir, 'r.csv');
    const cases: [string[], RegExp][] = [
      [['-D', 'min-sum', '--ms-alpha', '0'], /^hopcode: --ms-alpha must lie in \(0, 1\], got "0"\n$/],
      [['-D', 'min-sum', '--ms-schedule', 'zigzag'], /^hopcode: --ms-schedule must be layered or flooding, got "zigzag"\n$/],
      [['-D', 'gallager-b', '--gb-decision', 'vote'], /^hopcode: --gb-decision must be with-channel or checks-only, got "vote"\n$/],
      [['-D', 'gallager-b', '--ms-alpha', '0.5'], /^hopcode: --ms-alpha applies to --decoder min-sum only\n$/],
    ];
    for (const [args, msg] of cases) {
      const r = run(...base, '--p', '0.03', '-o', out, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter((l) => !l.startsWith('hopcode: note:')).join('\n')).toMatch(msg);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('good values reach the decoder and the problem identity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-bo-'));
    const go = (name: string, ...args: string[]) => {
      const r = run(...base, '--p', '0.045', '-o', join(dir, `${name}.csv`), '--plot', join(dir, `${name}.svg`), ...args);
      expect(r.status, r.stderr).toBe(0);
      const row = readFileSync(join(dir, `${name}.csv`), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'))[1]!.split(',');
      return { header: r.stdout, hash: row[6], frameErrors: Number(row[3]) };
    };
    const ms = go('ms', '-D', 'min-sum', '--ms-offset', '0.25', '--ms-alpha', '0.9', '--ms-schedule', 'flooding', '--max-sweeps', '20');
    expect(ms.header).toMatch(/min-sum .*≤ 20 sweeps; fixed point \|m\| ≤ 63 steps of ¼, flooding, α = 0.9, offset 0.25/);
    const a = go('gba', '-D', 'gallager-b');
    const b = go('gbb', '-D', 'gallager-b', '--gb-decision', 'checks-only');
    expect(b.header).toMatch(/decision checks-only/);
    expect(a.hash).not.toBe(b.hash);
    // p = 0.045 lies above Gallager A's threshold (0.039): both rules fail often, differently.
    expect(a.frameErrors).toBeGreaterThan(20);
    expect(a.frameErrors).not.toBe(b.frameErrors);
  });

  it('min-sum defaults to flooding on Hamming clusters (layered fails on their stacked checks), layered on an alist code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-bo-'));
    let k = 0;
    const head = (...args: string[]) => {
      const out = join(dir, `${++k}.csv`);
      const r = run('simulate', '--workers', '0', '--quiet', '-n', '64', '-e', '0', '-D', 'min-sum', '--p', '0.02', '-o', out, ...args);
      expect(r.status, r.stderr).toBe(0);
      return { header: r.stdout, csv: readFileSync(out, 'utf8') };
    };
    const flagship = head('-N', '1023');
    expect(flagship.header).toMatch(/fixed point \|m\| ≤ 63 steps of ¼, flooding/);
    // measured: 0 frame errors in 64 at p = 0.02 (layered: most frames fail)
    const row = flagship.csv.trim().split('\n').filter((l) => !l.startsWith('#'))[1]!.split(',');
    expect(Number(row[3])).toBeLessThanOrEqual(2);
    expect(head('--alist', alist).header).toMatch(/fixed point \|m\| ≤ 63 steps of ¼, layered/);
    expect(head('-N', '1023', '--ms-schedule', 'layered', '--max-sweeps', '20').header).toMatch(/layered/);
  });
});
