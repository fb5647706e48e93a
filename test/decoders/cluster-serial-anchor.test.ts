/**
 * Anchor acceptance of cluster-serial dynamics (decoders/cluster-serial-accept.ts): the fast
 * kernel equals the from-scratch reference sweep by sweep, stored states stay fixed
 * points, the rule changes the dynamics (and, measured, lowers the FER), and bad values
 * are one line (library: an Error; CLI: exit 2) while the rule reaches the problem hash.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { runClusterSerial, type ClusterOrder } from '../../src/decoders/cluster-serial-reference.js';
import { decodeBatchSerial, serialDecodeFrame, SERIAL_STREAM_TAG } from '../../src/decoders/cluster-serial-fast.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { decoderCliArgs } from '../../src/sim/decoder-cli.js';
import { simulationProblem } from '../../src/sim/engine.js';
import { problemHash } from '../../src/sim/results.js';
import { BCH_PRESETS, presetByName } from '../../src/network/presets.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, randomStoredState } from '../helpers/random.js';
import { cachedNetwork } from '../helpers/networks.js';

// Narrow BCH (the reference decodes with LocalCode's coset leaders), wide BCH at d = 2 and
// d = 3 (table look-ups), perfect Hamming (radius 1, every syndrome fires).
const NETS: [string, number, number][] = [
  ['bch63-51-d2', 504, 0.035],
  ['bch255-231-d2', 2040, 0.015],
  ['bch127-106-d3', 254, 0.045],
  ['bch31-21-d2', 310, 0.05],
  ['hamming15-d3', 300, 0.06],
];

const get = (preset: string, n: number) => cachedNetwork({ preset, n, seed: 3 });

describe('cluster-serial dynamics, anchor acceptance', () => {
  for (const [preset, n, p] of NETS) {
    it(`${preset}: stored states are fixed points (reference and fast)`, () => {
      const { code, net } = get(preset, n);
      const rng = Rng.stream(15, n);
      for (let f = 0; f < 2; f++) {
        const x = randomStoredState(code, rng);
        const ref = runClusterSerial(code.network, x, { order: 'random', rng: Rng.stream(2, f), accept: 'anchor' });
        expect([ref.converged, ref.sweeps, ref.isStoredState]).toEqual([true, 0, true]);
        expect(ref.state).toEqual(x);
        const y = x.slice();
        const fast = serialDecodeFrame(net, y, { order: 'random', rng: Rng.stream(2, f), accept: 'anchor' });
        expect([fast.converged, fast.sweeps, fast.unsatisfied]).toEqual([true, 0, false]);
        expect(y).toEqual(x);
      }
    });

    for (const order of ['random', 'fixed'] as ClusterOrder[]) {
      it(`${preset}: fast kernel == reference, sweep by sweep (${order} order); the rule changes the dynamics`, () => {
        const { code, net } = get(preset, n);
        const rng = Rng.stream(16, n);
        let moved = 0;
        let differs = 0;
        for (let f = 0; f < 5; f++) {
          const x = randomStoredState(code, rng);
          const cue = flipBits(x, p * (1 + (f % 3) * 0.3), rng);
          const refStates: Uint8Array[] = [];
          const fastStates: Uint8Array[] = [];
          const ref = runClusterSerial(code.network, cue, { order, rng: Rng.stream(17, f), maxSweeps: 40, accept: 'anchor', onSweep: (_, s) => refStates.push(s.slice()) });
          const y = cue.slice();
          const fast = serialDecodeFrame(net, y, { order, rng: Rng.stream(17, f), maxSweeps: 40, accept: 'anchor', onSweep: (_, s) => fastStates.push(s.slice()) });
          expect(fastStates).toEqual(refStates);
          expect(y).toEqual(ref.state);
          expect([fast.converged, fast.sweeps, fast.unsatisfied]).toEqual([ref.converged, ref.sweeps, !ref.isStoredState]);
          const plainStates: Uint8Array[] = [];
          runClusterSerial(code.network, cue, { order, rng: Rng.stream(17, f), maxSweeps: 40, onSweep: (_, s) => plainStates.push(s.slice()) });
          const same = plainStates.length === refStates.length && plainStates.every((s, k) => s.every((b, i) => b === refStates[k]![i]));
          if (!same) differs++;
          moved += ref.sweeps;
        }
        expect(moved).toBeGreaterThan(0); // the noise made the dynamics do something
        expect(differs).toBeGreaterThan(0); // and the anchors refused or overruled some move
      });
    }
  }

  it('the batch kernel passes the rule to every lane (each lane equals the per-frame kernel)', () => {
    const { code, net } = get('bch63-51-d2', 504);
    const rng = Rng.stream(18, 0);
    const frames = Array.from({ length: 32 }, () => flipBits(randomStoredState(code, rng), 0.04, rng));
    const cue = new Uint32Array(net.n);
    for (let l = 0; l < 32; l++) for (let i = 0; i < net.n; i++) cue[i]! |= frames[l]![i]! << l;
    const res = decodeBatchSerial(net, cue, { order: 'random', seed: 12, key: [1, 2], maxSweeps: 30, accept: 'anchor' });
    const plain = decodeBatchSerial(net, cue, { order: 'random', seed: 12, key: [1, 2], maxSweeps: 30 });
    expect(Array.from(res.words)).not.toEqual(Array.from(plain.words));
    for (let l = 0; l < 32; l++) {
      const y = frames[l]!.slice();
      const r = serialDecodeFrame(net, y, { order: 'random', rng: Rng.stream(12, SERIAL_STREAM_TAG, 1, 2, l), maxSweeps: 30, accept: 'anchor' });
      expect(Uint8Array.from(res.words, (w) => (w >>> l) & 1)).toEqual(y);
      expect(res.sweeps[l]).toBe(r.sweeps);
    }
  });

  it('measured: anchors lower the FER of bch255-231-d2 (N = 2040, p = 0.016, 300 frames, same frames and orders)', () => {
    // Screened at 400 frames: plain 222, anchor 132 errors. Asserted: ≥ 40 plain errors and
    // anchor ≤ 0.8 × plain, far outside the binomial spread (σ ≈ 9 errors at these counts).
    const code = buildPreset({ preset: 'bch255-231-d2', n: 2040, seed: 1 });
    const net = CompiledNetwork.fromCode(code, { encoder: false });
    const fe = { plain: 0, anchor: 0 };
    for (let f = 0; f < 300; f++) {
      const r = Rng.stream(19, f);
      const cue = Uint8Array.from({ length: net.n }, () => (r.float() < 0.016 ? 1 : 0)); // the zero word sent
      for (const accept of ['plain', 'anchor'] as const) {
        const y = cue.slice();
        serialDecodeFrame(net, y, { order: 'random', rng: Rng.stream(20, f), maxSweeps: 30, accept });
        if (y.some((b) => b !== 0)) fe[accept]++;
      }
    }
    expect(fe.plain).toBeGreaterThanOrEqual(40);
    expect(fe.anchor).toBeLessThanOrEqual(0.8 * fe.plain);
  });

  it('BCH presets default to anchor acceptance; the spec keeps plain out of the problem hash and anchor in it', () => {
    for (const p of Object.values(BCH_PRESETS)) expect(p.dynamics?.accept).toBe('anchor');
    expect(presetByName('bch63-57-d2').dynamics?.accept).toBe('anchor');
    const plain = decoderSpec('network-serial', 'free-energy', { serialAccept: 'plain' });
    const none = decoderSpec('network-serial', 'free-energy');
    const anchor = decoderSpec('network-serial', 'free-energy', { serialAccept: 'anchor' });
    expect(plain).toEqual(none);
    const hash = (decoder: typeof none) => problemHash(simulationProblem({ codeId: { preset: 'bch63-51-d2', n: 504, seed: 1 }, decoder, channel: 'bsc', seed: 1, chunkFrames: 64 }));
    expect(hash(plain)).toBe(hash(none));
    expect(hash(anchor)).not.toBe(hash(none));
    expect(() => decoderSpec('network-serial', 'free-energy', { serialAccept: 'greedy' as never })).toThrow(/^hopcode\/sim: the acceptance rule must be plain or anchor, got "greedy"$/);
    expect(() => decoderSpec('network-sync', 'free-energy', { serialAccept: 'anchor' })).toThrow(/applies to network-serial only/);
    const { net } = get('bch63-51-d2', 504);
    expect(() => serialDecodeFrame(net, new Uint8Array(net.n), { order: 'fixed', accept: 'x' as never })).toThrow(/acceptance rule must be plain or anchor, got "x"/);
    // Reports quote the options that reproduce a point: the rule is always written out (a BCH preset's default is anchor).
    expect(decoderCliArgs(anchor)).toEqual(['--decoder', 'network-serial', '--max-sweeps', '100', '--rule', 'free-energy', '--cluster-order', 'random', '--serial-accept', 'anchor']);
    expect(decoderCliArgs(plain).slice(-2)).toEqual(['--serial-accept', 'plain']);
  });

  it('CLI: --serial-accept bad or misplaced is one line, exit 2, no output; the header and the rows name the rule', () => {
    const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'simulate', '--preset', 'bch63-51-d2', '-N', '252', '--workers', '0', '-n', '64', '-e', '0', '--p', '0.03', ...args], { encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-anchor-'));
    const lines = (s: string) => s.split('\n').filter((l) => l && !l.startsWith('hopcode: note:'));
    const bad = run('--serial-accept', 'greedy', '-o', join(dir, 'bad.csv'));
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)).toEqual(['hopcode: --serial-accept must be plain or anchor, got "greedy"']);
    expect(existsSync(join(dir, 'bad.csv'))).toBe(false);
    const misplaced = spawnSync(process.execPath, [bin, 'simulate', '--preset', 'hamming15-d3', '-N', '300', '--workers', '0', '-n', '32', '--p', '0.01', '--serial-accept', 'anchor'], { encoding: 'utf8' });
    expect(misplaced.status).toBe(2);
    expect(lines(misplaced.stderr)).toEqual(['hopcode: --serial-accept applies to --decoder network-serial only']);
    const hashOf = (file: string) => {
      const [head, row] = readFileSync(file, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
      return row!.split(',')[head!.split(',').indexOf('problemHash')];
    };
    const dflt = run('--quiet', '-o', join(dir, 'default.csv'));
    expect(dflt.status).toBe(0);
    expect(run('--quiet', '--serial-accept', 'anchor', '-o', join(dir, 'anchor.csv')).status).toBe(0);
    const plain = run('--serial-accept', 'plain', '-o', join(dir, 'plain.csv'));
    expect(plain.status).toBe(0);
    expect(plain.stdout + plain.stderr).toMatch(/random cluster order, plain acceptance/);
    expect(hashOf(join(dir, 'default.csv'))).toBe(hashOf(join(dir, 'anchor.csv')));
    expect(hashOf(join(dir, 'plain.csv'))).not.toBe(hashOf(join(dir, 'anchor.csv')));
  });
});
