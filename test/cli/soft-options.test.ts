/** `hopcode simulate -D network-soft`: its options, bad input, and worker-independent counts. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const base = ['simulate', '--preset', 'parity6-d3', '-N', '300', '--quiet'];

describe('hopcode simulate -D network-soft', () => {
  it('bad soft options: one line naming the option, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-soft-'));
    const cases: [string[], RegExp][] = [
      [['-D', 'network-soft', '--soft-ticks', '3'], /--soft-ticks must be a power of two/],
      [['-D', 'network-soft', '--soft-noise', '-1'], /--soft-noise must be/],
      [['-D', 'network-soft', '--soft-scale', 'abc'], /--soft-scale must be a number/],
      [['-D', 'network-soft', '--soft-schedule', 'sideways'], /--soft-schedule must be parallel or serial/],
      [['-D', 'network-soft', '--soft-threshold', '100'], /--soft-threshold/],
      [['-D', 'network-sync', '--soft-noise', '0.5'], /--soft-noise applies only to -D network-soft/],
      [['-D', 'network-soft', '--soft-cue', '0.5', '--cue-weight', '1'], /--soft-cue or --cue-weight, not both/],
    ];
    for (const [args, msg] of cases) {
      const r = run(...base, '--dir', join(dir, 'out'), ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('AWGN, BEC and BSC run; same counts for 0 and 2 workers (AWGN)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-soft-'));
    // Totals of frames, bit errors and frame errors (rows may split differently across workers).
    const counts = (f: string) => {
      const t = [0, 0, 0];
      for (const l of readFileSync(f, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#')).slice(1)) l.split(',').slice(1, 4).forEach((v, k) => (t[k]! += Number(v)));
      return t;
    };
    for (const [channel, noise] of [['awgn', '3'], ['bec', '0.3'], ['bsc', '0.03']]) {
      const out: number[][] = [];
      for (const w of channel === 'awgn' ? ['0', '2'] : ['2']) {
        const f = join(dir, `${channel}-${w}.csv`);
        const r = run(...base, '-D', 'network-soft', '--channel', channel, '--noise', noise, '-n', '64', '-e', '0', '--chunk-frames', '32', '--workers', w, '--soft-noise', '0.5', '--soft-restarts', '1', '--max-sweeps', '20', '-o', f, '--plot', join(dir, `${channel}-${w}.svg`));
        expect(r.status, r.stderr).toBe(0);
        out.push(counts(f));
      }
      if (out.length === 2) expect(out[0]).toEqual(out[1]);
      expect(out[0]![0]).toBe(64);
    }
  });
});
