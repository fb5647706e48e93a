/** Claim 1 section: exact K against brute-force enumeration, budget handling, census rows. */
import { describe, expect, it } from 'vitest';
import { capacitySection, rankInProcess, validSmallSizes, type RankRunner } from '../../src/report/capacity.js';
import { buildPreset } from '../../src/network/code.js';

/** Count stored states by enumerating all 2^N inputs (independent of rank H). */
function bruteForceStored(preset: string, n: number): number {
  const net = buildPreset({ preset, n, seed: 1 }).network;
  const x = new Uint8Array(net.n);
  let count = 0;
  for (let s = 0; s < 2 ** net.n; s++) {
    for (let i = 0; i < net.n; i++) x[i] = (s >>> i) & 1;
    if (net.isStoredState(x)) count++;
  }
  return count;
}

describe('capacity section', () => {
  it('reports K with 2^K = the number of stored states found by brute force', async () => {
    const cases: [string, number[]][] = [['hamming7-d2', [14, 21]], ['parity6-d3', [12, 18]], ['parity10-d5', [20]], ['hamming15-d3', [20]]];
    for (const [preset, sizes] of cases) {
      const { rows } = await capacitySection({ presets: [preset], sizes, seed: 1, censusMaxN: 0 });
      for (const r of rows) {
        expect(r.status).toBe('exact');
        expect(2 ** r.log2States!).toBe(bruteForceStored(preset, r.n));
        expect(r.log2PerN).toBeCloseTo(r.log2States! / r.n, 12);
      }
    }
  });

  it('census rows: enumerated stored states = 2^K, spurious = fixed − stored', async () => {
    const { census } = await capacitySection({ presets: ['parity6-d3'], sizes: [], seed: 1, censusMaxN: 14, censusPerPreset: 2 });
    expect(census.map((c) => c.n)).toEqual(validSmallSizes('parity6-d3', 14).slice(-2));
    for (const c of census) {
      expect(c.storedStates).toBe(2 ** c.log2States);
      expect(c.spuriousFixedPoints).toBe(c.fixedPoints - c.storedStates);
    }
  });

  it('marks points over budget as not computed, and every larger N after them, without values', async () => {
    const runner: RankRunner = async (preset, n, seed) => (n > 2000 ? { status: 'not computed', reason: 'over budget' } : rankInProcess(preset, n, seed));
    const { rows, section } = await capacitySection({ presets: ['parity6-d3'], sizes: [1000, 3000, 10000], seed: 1, rank: runner, censusMaxN: 0 });
    expect(rows.map((r) => r.status)).toEqual(['exact', 'not computed', 'not computed']);
    expect(rows[0]!.log2States).toBe(500);
    expect(rows[1]!.log2States).toBeUndefined();
    expect(rows[2]!.reason).toMatch(/N \(3000\)/);
    expect(section.notes.join(' ')).toMatch(/2 \(preset, N\) points/);
  });

  it('K/N sits at the rate for larger N (exact)', () => {
    const r = rankInProcess('parity10-d5', 4000, 1);
    if (r.status !== 'exact') throw new Error('expected an exact rank');
    expect(r.k / r.n).toBeGreaterThanOrEqual(0.5);
    expect(r.k / r.n).toBeLessThan(0.51);
  });
});
