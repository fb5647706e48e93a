/** Human output: header block, fixed-width rows, and a live line that stays silent off a TTY. */
import { describe, expect, it } from 'vitest';
import { fmtElapsed, headerBlock, LiveLine, progressBar, progressText, stopFraction, tableHeader, tableRow } from '../../src/sim/table.js';

const row = { noise: 0.04, frames: 10000, bitErrors: 1234, frameErrors: 57, seconds: 12.5, sweepsSum: 123456, n: 1008, rate: 0.5 };

describe('table', () => {
  it('header block lines all start with #', () => {
    const h = headerBlock({ code: 'parity6-d3', n: 1008, k: 504, decoder: 'min-sum α=0.8', channel: 'BSC', noiseName: 'p', seed: 1, workers: 4, stopRules: '100 FE or 1e6 frames', version: '0.1.0', shannonLimit: 0.110028 });
    const lines = h.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('#'))).toBe(true);
    expect(h).toMatch(/N = 1008 {3}K = 504 {3}rate = 0\.5000/);
    expect(h).toMatch(/Shannon limit p = 0\.11/);
    expect(h).toMatch(/workers: 4/);
  });

  it('rows line up under the header', () => {
    const head = tableHeader('p').trimEnd().split('\n');
    const line = tableRow(row).trimEnd();
    expect(head.every((l) => l.length === line.length)).toBe(true);
    const cells = line.split('|').map((c) => c.trim());
    expect(cells).toEqual(['0.04', '10000', '1234', '57', '1.22e-4', '5.70e-3', '[4.32e-3,7.38e-3]', '12.35', '0.403', '12.50s']);
  });

  it('formats elapsed time and progress', () => {
    expect(fmtElapsed(725)).toBe('12m05s');
    expect(fmtElapsed(3 * 3600 + 120)).toBe('3h02m');
    expect(progressBar(0.5, 10)).toBe('[#####.....]  50%');
  });

  it('the live line writes only to a TTY and only when not quiet', () => {
    const out: string[] = [];
    const tty = { isTTY: true, write: (s: string) => out.push(s) };
    const live = new LiveLine(tty, { minIntervalMs: 0 });
    live.update('a');
    live.update('b');
    live.clear();
    expect(out).toEqual(['\r\x1b[2Ka', '\r\x1b[2Kb', '\r\x1b[2K']);
    const pipe: string[] = [];
    new LiveLine({ write: (s: string) => pipe.push(s) }).update('x', true);
    new LiveLine({ isTTY: true, write: (s: string) => pipe.push(s) }, { quiet: true }).update('x', true);
    expect(pipe).toEqual([]);
  });

  it('the live line tells point k of n, frames, errors, elapsed and the time left in the point', () => {
    const f = stopFraction({ maxFe: 100, maxFrames: 100000, maxTime: 0 }, 20000, 25, 3);
    expect(f).toBe(0.25);
    const text = progressText({ index: 1, count: 6, noiseName: 'p', noise: 0.025, frames: 20000, frameErrors: 25, fraction: f, pointSeconds: 3, totalSeconds: 7.5 });
    expect(text).toMatch(/^point 2\/6 {2}p = 0\.025 .* 25%  FRA 20000  FE 25  elapsed 7\.50s  ~9\.00s left in this point$/);
    expect(progressText({ index: 0, count: 1, noiseName: 'e', noise: 0.3, frames: 0, frameErrors: 0, fraction: 0, pointSeconds: 0, totalSeconds: 0 })).toMatch(/time left: -$/);
  });

  it('a live line wider than the terminal is cut (a wrapped line would not redraw in place)', () => {
    const out: string[] = [];
    new LiveLine({ isTTY: true, columns: 20, write: (s: string) => out.push(s) }, { minIntervalMs: 0 }).update('x'.repeat(50));
    expect(out[0]).toBe(`\r\x1b[2K${'x'.repeat(18)}…`);
  });
});
