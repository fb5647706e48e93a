/** The benchmarks refuse bad options with one line on stderr, nothing on stdout, exit 2 (no stack trace). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (script: string, args: string[]) => spawnSync(process.execPath, [`dist/bench/${script}`, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('bench commands: bad options', () => {
  for (const [script, args, says] of [
    ['codec.js', ['--size', 'abc'], '--size abc'],
    ['codec.js', ['--profile', 'nope'], 'unknown profile "nope"'],
    ['codec.js', ['--rounds', '0'], '--rounds 0'],
    ['codec.js', ['--sizes', '64'], 'unknown option --sizes'],
    ['codec-profiles.js', ['--profiles', 'nope'], 'unknown profile "nope"'],
    ['codec-fuzz.js', ['--profile', 'nope'], 'unknown profile "nope"'],
    ['paper.js', ['--bogus'], '--bogus'],
    ['codec-processes.js', ['--size', '0'], '--size 0'],
    ['codec-processes.js', ['--threads', '2'], 'unknown option --threads'],
    ['codec-loop.js', ['--op', 'bogus'], '--op bogus'],
    ['codec-loop.js', ['--ber', '0.7'], '--ber 0.7'],
    ['native.js', ['--rounds', '0'], '--rounds 0'],
    ['native.js', ['--workers', '2'], 'unknown option --workers'],
  ] as const) {
    it(`${script} ${args.join(' ')}`, () => {
      const r = run(script, [...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(says);
    });
  }
});
