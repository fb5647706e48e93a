/** BCH presets: built like the others (rank, encoder, census, export), routed to the cluster-serial kernel only. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { census } from '../../src/network/census.js';
import { BCH_PRESETS, designRate, presetByName } from '../../src/network/presets.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { allClustersSatisfied } from '../../src/decoders/cluster-serial-reference.js';
import { decodeBatch } from '../../src/decoders/sync-bitsliced.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { runSimChunk, type SimJob } from '../../src/sim/sim-chunk.js';
import { Gf2Matrix } from '../../src/codes/gf2-matrix.js';
import { Rng } from '../../src/util/rng.js';
import { randomBits } from '../helpers/random.js';
import { createCodec } from '../../src/codec/codec.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('BCH presets', () => {
  it('every listed preset has a design rate in 0.4 … 0.9 (except the census toy) and cluster-serial defaults', () => {
    for (const p of Object.values(BCH_PRESETS)) {
      expect(p.dynamics?.decoder).toBe('network-serial');
      if (p.name !== 'bch15-7-d2') {
        expect(designRate(p)).toBeGreaterThanOrEqual(0.4);
        expect(designRate(p)).toBeLessThanOrEqual(0.9);
      }
    }
    expect(new Set(Object.values(BCH_PRESETS).map((p) => p.d))).toEqual(new Set([2, 3]));
  });

  for (const [preset, n] of [['bch63-51-d2', 252], ['bch127-106-d3', 254], ['bch255-231-d2', 510]] as const) {
    it(`${preset}: rank by block-wise peeling equals dense elimination; encoded states are stored`, () => {
      const code = buildPreset({ preset, n, seed: 2 });
      const h = code.parityCheck;
      const dense = new Gf2Matrix(h.rows, h.cols);
      for (let r = 0; r < h.rows; r++) for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) dense.flip(r, h.rowCol[e]!);
      expect(code.log2States).toBe(n - dense.rref().length);
      const rng = Rng.stream(3, n);
      for (let f = 0; f < 4; f++) {
        const info = randomBits(rng, code.encoder.k);
        const x = code.encoder.encode(info);
        expect(allClustersSatisfied(code.network, x)).toBe(true);
        expect(code.encoder.extract(x)).toEqual(info);
      }
    });
  }

  it('census of the smallest BCH network: every stored state is a fixed point', () => {
    const code = buildPreset({ preset: 'bch15-7-d2', n: 15 });
    const c = census(code);
    expect(c.storedStates).toBe(c.states);
    expect(c.storedFixedPoints).toBe(c.storedStates);
  });

  it('the bit-sliced input-rule kernels refuse BCH clusters; network-serial runs them, deterministically', () => {
    const code = buildPreset({ preset: 'bch63-51-d2', n: 252 });
    const net = CompiledNetwork.fromCode(code);
    expect(net.family).toBe('table');
    expect(() => decodeBatch(net, new Uint32Array(net.n))).toThrow(/use the cluster-serial decoder/);
    const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: decoderSpec('network-serial', 'free-energy', { maxSweeps: 30 }), channel: { kind: 'bsc', noise: 0.03 }, seed: 4, framesPerChunk: 64 };
    const a = runSimChunk(net, job, 0);
    const b = runSimChunk(net, job, 0);
    expect(a).toEqual(b);
    expect(a.frames).toBe(64);
    expect(a.converged).toBeGreaterThan(0);
  });

  it('parameter sets that do not exist: one line naming the parameter', () => {
    expect(() => presetByName('bch63-50-d2')).toThrow(/no BCH\(63, 50\)/);
    expect(() => presetByName('bch64-50-d2')).toThrow(/length n = 64/);
    expect(() => presetByName('bch63-51-d9')).toThrow(/input degree d must be 1..7/);
    // The codec runs BCH networks (its cluster-serial block decoder, issue 12); a bad N for one is still one line.
    expect(() => createCodec({ preset: 'bch63-51-d2', n: 504 })).not.toThrow();
    expect(() => createCodec({ preset: 'bch63-51-d2', n: 505 })).toThrow(/not a valid size for bch63-51-d2/);
    const r = run('info', '--preset', 'bch63-50-d2');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no BCH\(63, 50\) with t ≤ 3/);
    const s = run('simulate', '--preset', 'bch63-51-d2', '-N', '252', '--decoder', 'network-sync', '--p', '0.01');
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/only under network-serial/);
  });
});
