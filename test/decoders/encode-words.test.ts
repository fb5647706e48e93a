/** The compiled encoder program: 32 random stored states per call, all with H·x = 0. */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { Rng } from '../../src/util/rng.js';

describe('CompiledNetwork.encodeWords', () => {
  for (const preset of ['parity10-d5', 'parity6-d3', 'hamming15-d3', 'hamming7-d2']) {
    it(`${preset}: every lane satisfies H·x = 0 and matches SystematicEncoder`, () => {
      const code = buildPreset({ preset, n: 300, seed: 4, girth6: false });
      const net = CompiledNetwork.fromCode(code);
      expect(net.k).toBe(code.encoder.k);
      const rng = Rng.stream(3);
      const info = Uint32Array.from({ length: net.k }, () => rng.next());
      const out = new Uint32Array(net.n);
      net.encodeWords(info, out);
      const h = code.parityCheck;
      for (let r = 0; r < h.rows; r++) {
        let s = 0;
        for (let e = h.rowPtr[r]!; e < h.rowPtr[r + 1]!; e++) s ^= out[h.rowCol[e]!]!;
        expect(s >>> 0).toBe(0);
      }
      expect(net.unsatisfiedLanes(out)).toBe(0);
      expect(out).toEqual(code.encoder.encodeWords(info, new Uint32Array(net.n)));
      expect(new Set(out).size).toBeGreaterThan(10);
      expect(() => net.encodeWords(new Uint32Array(net.k + 1), out)).toThrow(/^hopcode\/compiled-network: expected/);
    });
  }

  it('survives a round trip through a SharedArrayBuffer', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 120, seed: 2, girth6: false });
    const net = CompiledNetwork.fromCode(code);
    const back = CompiledNetwork.fromShared(net.toShared());
    expect(back.meta.n).toBe(net.n);
    expect(back.chkVar).toEqual(net.chkVar);
    expect(back.encSrc).toEqual(net.encSrc);
    expect(back.chkVar.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('rejects networks the kernel cannot run', () => {
    const code = buildPreset({ preset: 'parity6-d3', n: 60, seed: 2, girth6: false });
    const fake = { ...code, name: 'x', network: { ...code.network, codes: [{ linear: false, name: 'list', checkRows: [], z: 6 }] } };
    expect(() => CompiledNetwork.fromCode(fake as never)).toThrow(/^hopcode\/compiled-network: local code list is not linear/);
  });
});
