/** Cluster-serial dynamics: stored states are fixed points; the fast kernel equals the reference sweep by sweep. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { allClustersSatisfied, runClusterSerial, type ClusterOrder } from '../../src/decoders/cluster-serial-reference.js';
import { decodeBatchSerial, serialDecodeFrame, SERIAL_STREAM_TAG } from '../../src/decoders/cluster-serial-fast.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, randomStoredState } from '../helpers/random.js';
import { cachedNetwork } from '../helpers/networks.js';

// Small networks: narrow BCH (the reference decodes with LocalCode's own coset leaders),
// wide BCH (column syndromes + table), and perfect Hamming (radius 1).
const NETS: [string, number, number][] = [
  ['bch63-51-d2', 504, 0.03],
  ['bch255-231-d2', 1020, 0.012],
  ['bch127-106-d3', 254, 0.04],
  ['bch31-21-d2', 310, 0.04],
  ['hamming15-d3', 300, 0.02],
];

const get = (preset: string, n: number) => cachedNetwork({ preset, n, seed: 3 });

describe('cluster-serial dynamics', () => {
  for (const [preset, n, p] of NETS) {
    it(`${preset}: stored states are fixed points (reference and fast)`, () => {
      const { code, net } = get(preset, n);
      const rng = Rng.stream(5, 1);
      for (let f = 0; f < 3; f++) {
        const x = randomStoredState(code, rng);
        expect(allClustersSatisfied(code.network, x)).toBe(true);
        const ref = runClusterSerial(code.network, x, { order: 'random', rng: Rng.stream(1, f) });
        expect([ref.converged, ref.sweeps, ref.isStoredState]).toEqual([true, 0, true]);
        expect(ref.state).toEqual(x);
        const y = x.slice();
        const fast = serialDecodeFrame(net, y, { order: 'fixed' });
        expect([fast.converged, fast.sweeps, fast.unsatisfied]).toEqual([true, 0, false]);
        expect(y).toEqual(x);
      }
    });

    for (const order of ['random', 'fixed'] as ClusterOrder[]) {
      it(`${preset}: fast kernel == reference, sweep by sweep (${order} order)`, () => {
        const { code, net } = get(preset, n);
        const rng = Rng.stream(6, n);
        let moved = 0;
        for (let f = 0; f < 4; f++) {
          const x = randomStoredState(code, rng);
          const cue = flipBits(x, p * (1 + (f % 3) * 0.5), rng);
          const refStates: Uint8Array[] = [];
          const fastStates: Uint8Array[] = [];
          const ref = runClusterSerial(code.network, cue, { order, rng: Rng.stream(7, f), maxSweeps: 40, onSweep: (_, s) => refStates.push(s.slice()) });
          const y = cue.slice();
          const fast = serialDecodeFrame(net, y, { order, rng: Rng.stream(7, f), maxSweeps: 40, onSweep: (_, s) => fastStates.push(s.slice()) });
          expect(fastStates).toEqual(refStates);
          expect(y).toEqual(ref.state);
          expect([fast.converged, fast.sweeps, fast.unsatisfied]).toEqual([ref.converged, ref.sweeps, !ref.isStoredState]);
          moved += ref.sweeps;
        }
        expect(moved).toBeGreaterThan(0); // the noise made the dynamics do something
      });
    }
  }

  it('the batch kernel decodes each lane as the per-frame kernel with its own stream', () => {
    const { code, net } = get('bch63-51-d2', 504);
    const rng = Rng.stream(8, 0);
    const frames = Array.from({ length: 32 }, () => flipBits(randomStoredState(code, rng), 0.035, rng));
    const cue = new Uint32Array(net.n);
    for (let l = 0; l < 32; l++) for (let i = 0; i < net.n; i++) cue[i]! |= frames[l]![i]! << l;
    const lanes = 0x7fffffff; // lane 31 left out
    const res = decodeBatchSerial(net, cue, { order: 'random', seed: 11, key: [4, 5], lanes, maxSweeps: 30 });
    for (let l = 0; l < 31; l++) {
      const y = frames[l]!.slice();
      const r = serialDecodeFrame(net, y, { order: 'random', rng: Rng.stream(11, SERIAL_STREAM_TAG, 4, 5, l), maxSweeps: 30 });
      const lane = Uint8Array.from(res.words, (w) => (w >>> l) & 1);
      expect(lane).toEqual(y);
      expect(res.sweeps[l]).toBe(r.sweeps);
      expect(((res.converged >>> l) & 1) === 1).toBe(r.converged);
      expect(((res.unsatisfied >>> l) & 1) === 1).toBe(r.unsatisfied);
    }
    expect(Array.from(res.words, (w) => w >>> 31).every((b) => b === 0)).toBe(true);
    expect(res.sweeps[31]).toBe(0);
  });

  it('bad options and parity networks: one clear line', () => {
    const { code, net } = get('bch63-51-d2', 504);
    expect(() => runClusterSerial(code.network, new Uint8Array(net.n), { order: 'random' })).toThrow(/random cluster order needs a seeded/);
    expect(() => serialDecodeFrame(net, new Uint8Array(net.n), { maxSweeps: 0, order: 'fixed' })).toThrow(/maxSweeps must be an integer ≥ 1/);
    const parity = CompiledNetwork.fromCode(buildPreset({ preset: 'parity6-d3', n: 60 }), { encoder: false });
    expect(() => serialDecodeFrame(parity, new Uint8Array(60), { order: 'fixed' })).toThrow(/single-parity clusters/);
  });
});
