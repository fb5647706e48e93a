/** The CLI's acceptance checks (runs the compiled bin, as a user would). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('hopcode CLI', () => {
  it('info --json: parity10-d5 at N = 4000 has exact rate ≥ 0.49 and binary weights', () => {
    const r = run('info', '--preset', 'parity10-d5', '-N', '4000', '--seed', '1', '--json');
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.rate).toBeGreaterThanOrEqual(0.49);
    expect(info.weightValues).toEqual([-1, 1]);
    for (const k of ['n', 'm', 'd', 'z', 'localCode', 'designRate', 'rate', 'log2States', 'hiddenUnits', 'edges', 'sigma2', 'ramanujanBound', 'girth']) {
      expect(info).toHaveProperty(k);
    }
    expect(info.sigma2).toBeLessThan(info.ramanujanBound * 1.1);
  });

  it('census --json: hamming7-d2 at N = 14 finds 2^log2States stored states', () => {
    const r = run('census', '--preset', 'hamming7-d2', '-N', '14', '--json');
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.storedStates).toBe(2 ** c.log2States);
    expect(c.fixedPoints).toBe(c.storedStates + c.spuriousFixedPoints);
  });

  it('bad input: one line on stderr, exit code 2', () => {
    for (const args of [
      ['info', '--preset', 'nope'],
      ['info', '-N', '4.5'],
      ['info', '--preset', 'parity10-d5', '-N', '3'],
      ['census', '-N', '40'],
      ['export', '--format', 'png'],
    ]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^hopcode: /);
    }
  });

  it('export writes an alist that round-trips through the parser', async () => {
    const r = run('export', '--preset', 'parity6-d3', '-N', '120', '--format', 'alist');
    expect(r.status, r.stderr).toBe(0);
    const { parseAlist } = await import('../../src/codes/alist.js');
    const h = parseAlist(r.stdout, 'stdout');
    expect([h.cols, h.rows]).toEqual([120, 60]);
  });
});
