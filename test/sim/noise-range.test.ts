/** Noise ranges as typed on the command line: ranges, lists and every error. */
import { describe, expect, it } from 'vitest';
import { NOISE_BOUNDS, parseNoiseRange } from '../../src/sim/noise-range.js';

describe('parseNoiseRange', () => {
  it('descending range with a negative step includes stop exactly', () => {
    const v = parseNoiseRange('0.08:0.01:-0.005');
    expect(v).toHaveLength(15);
    expect(v[0]).toBe(0.08);
    expect(v[1]).toBe(0.075);
    expect(v[14]).toBe(0.01);
  });

  it('ascending range, stop off the grid, single value, list', () => {
    expect(parseNoiseRange('0.01:0.05:0.01')).toEqual([0.01, 0.02, 0.03, 0.04, 0.05]);
    expect(parseNoiseRange('0.01:0.045:0.01')).toEqual([0.01, 0.02, 0.03, 0.04]);
    expect(parseNoiseRange('0.3:0.3:0.1')).toEqual([0.3]);
    expect(parseNoiseRange('0.01,0.02')).toEqual([0.01, 0.02]);
    expect(parseNoiseRange(' 0.05 ')).toEqual([0.05]);
  });

  it('Eb/N0 accepts any finite dB', () => {
    expect(parseNoiseRange('-1:2:0.5', NOISE_BOUNDS.awgn)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2]);
  });

  it.each([
    ['', /^hopcode\/sim: --p: empty value/],
    ['0.1:0.2', /^hopcode\/sim: --p: a range is start:stop:step/],
    ['0.1:0.2:0', /^hopcode\/sim: --p: the step is 0/],
    ['0.1:0.2:-0.01', /^hopcode\/sim: --p: the step -0.01 points away from stop 0.2 \(start 0.1\): use 0.01/],
    ['0.5:1.2:0.1', /^hopcode\/sim: --p: 1.1 lies outside \[0, 1\]/],
    ['-0.1', /outside \[0, 1\]/],
    ['abc', /^hopcode\/sim: --p: item 1 "abc" is not a number/],
    ['0.1,,0.2', /item 2 of the list is empty/],
    ['0.1:x:0.1', /stop "x" is not a number/],
    ['0.1,0.1', /0.1 appears twice/],
    ['0:1:0.00001', /more than 10000/],
    ['Infinity', /is not a number/],
  ])('"%s" is refused', (text, msg) => {
    expect(() => parseNoiseRange(text)).toThrow(msg);
  });

  it('names the flag it parses', () => {
    expect(() => parseNoiseRange('2', NOISE_BOUNDS.bec)).toThrow(/^hopcode\/sim: --erasure: 2 lies outside/);
  });
});
