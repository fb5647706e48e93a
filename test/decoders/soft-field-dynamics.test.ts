/** Soft-field dynamics: kernel == reference, energy descent, fixed points, clean frames, bad input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPreset, type Code } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { SoftFieldDecoder } from '../../src/decoders/soft-field-dynamics.js';
import { energyChange, runSoftFieldReference } from '../../src/decoders/soft-field-reference.js';
import { kernelParams, llrFieldTicks, normalQuantile, noiseTable, resolveSoftParams, ticksToField, type SoftFieldParams } from '../../src/decoders/soft-field-params.js';
import { Rng } from '../../src/util/rng.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { randomStoredState } from '../helpers/random.js';

/** Kernel parameters (votes) for the tests: parallel, no restarts unless asked. */
const params = (over: Partial<SoftFieldParams> = {}): SoftFieldParams => resolveSoftParams({ schedule: 'parallel', restarts: 0, units: 'llr', clip: 2, noise: 0.5, threshold: 0.5, scale: 0.25, ...over });

const codes = new Map<string, { code: Code; net: CompiledNetwork }>();
function network(preset: string, n: number): { code: Code; net: CompiledNetwork } {
  const key = `${preset}/${n}`;
  let c = codes.get(key);
  if (!c) {
    const code = buildPreset({ preset, n, seed: `soft-${preset}`, girth6: false });
    c = { code, net: CompiledNetwork.fromCode(code) };
    codes.set(key, c);
  }
  return c;
}

/** A noisy AWGN-like frame of a random stored state: field ticks from LLRs 2y/σ². */
function noisyFrame(code: Code, p: SoftFieldParams, sigma: number, rng: Rng) {
  const x = randomStoredState(code, rng);
  const z = new Float64Array(code.n);
  const field = new Int32Array(code.n);
  const hard = new Uint8Array(code.n);
  for (let i = 0; i < code.n; i++) {
    const u1 = 1 - rng.double();
    z[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.double());
    const y = 1 - 2 * x[i]! + sigma * z[i]!;
    hard[i] = y < 0 ? 1 : 0;
    field[i] = llrFieldTicks(p, (2 * y) / (sigma * sigma));
  }
  return { x, field, hard };
}

describe('soft-field kernel against its reference', () => {
  const cases: [string, number, Partial<SoftFieldParams>][] = [
    ['parity6-d3', 120, { scale: 0.15, noise: 0.5, threshold: 0.5 }],
    ['parity6-d3', 120, { scale: 0.16, noise: 0.5, threshold: 0.25, restarts: 2 }],
    ['parity6-d3', 120, { scale: 0.2, noise: 0, threshold: 0, schedule: 'serial' }],
    ['parity8-d4', 96, { scale: 0.1, noise: 0.3, threshold: 0.25, ticks: 2, clip: 1, schedule: 'serial' }],
    ['hamming7-d2', 70, { scale: 0.25, noise: 0.4, threshold: 0.5 }],
    ['hamming15-d3', 75, { scale: 0.2, noise: 0, threshold: 0.25, ticks: 16 }],
  ];
  for (const [preset, n, over] of cases) {
    it(`${preset} ${JSON.stringify(over)}: identical states, sweeps and flags with the same noise stream`, () => {
      const { code, net } = network(preset, n);
      const p = params(over);
      const dec = new SoftFieldDecoder(net, p, 40);
      const rng = Rng.stream(7, n);
      let work = 0;
      for (let f = 0; f < 12; f++) {
        const { field, hard } = noisyFrame(code, p, 0.75, rng);
        const fast = dec.decode(field, hard, Rng.stream(3, f));
        const ref = runSoftFieldReference(code.network, ticksToField(p, field), hard, { params: p, maxSweeps: 40, rng: Rng.stream(3, f) });
        expect(fast, `frame ${f}`).toEqual(ref);
        work += fast.sweeps;
      }
      // The frames are not trivial: the dynamics ran.
      expect(work).toBeGreaterThan(12);
    });
  }
});

describe('soft-field energy and fixed points', () => {
  it('zero-noise one-at-a-time updates never raise F with a real field (property)', () => {
    const { code } = network('parity6-d3', 30);
    const { code: ham } = network('hamming7-d2', 21);
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 30, maxLength: 30 }), fc.integer(), fc.constantFrom(0, 0.25, 0.5), (useHam, raw, seed, threshold) => {
        const c = useHam ? ham : code;
        const field = Float64Array.from(raw.slice(0, c.n));
        const start = Uint8Array.from({ length: c.n }, (_, i) => (seed >>> (i % 31)) & 1);
        const p = params({ noise: 0, threshold, schedule: 'serial' });
        let last = Infinity;
        let rises = 0;
        runSoftFieldReference(c.network, field, start, {
          params: p,
          maxSweeps: 10,
          rng: Rng.stream(seed),
          onStep: (x) => {
            const e = c.network.freeEnergy(x, field);
            if (e > last + 1e-9) rises++;
            last = e;
          },
        });
        return rises === 0;
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('a stored state with an agreeing field is a fixed point: every flip raises F', () => {
    for (const [preset, n] of [['parity6-d3', 60], ['hamming15-d3', 75]] as const) {
      const { code, net } = network(preset, n);
      const rng = Rng.stream(5, n);
      const p = params({ noise: 0, threshold: 0 });
      for (let f = 0; f < 5; f++) {
        const x = randomStoredState(code, rng);
        const ticks = Int32Array.from(x, (b) => (b ? 1 : -1) * (rng.next() % 20));
        const field = ticksToField(p, ticks);
        for (let i = 0; i < n; i++) expect(energyChange(code.network, x, i, field)).toBeGreaterThan(0);
        const r = new SoftFieldDecoder(net, p, 10).decode(ticks, x);
        expect(r).toEqual({ state: x, converged: true, sweeps: 0, isStoredState: true });
      }
    }
  });

  it('a clean AWGN frame decodes to its codeword at once; a noisy one is corrected', () => {
    const { code, net } = network('hamming31-d3', 31 * 20);
    const p = params({ scale: 0.2, noise: 0.4, threshold: 0.5 });
    const dec = new SoftFieldDecoder(net, p, 200);
    const rng = Rng.stream(9);
    const clean = noisyFrame(code, p, 1e-9, rng);
    const r = dec.decode(clean.field, clean.hard, Rng.stream(1));
    expect(r.state).toEqual(clean.x);
    expect(r.sweeps).toBe(0);
    // σ = 0.6 (raw BER ≈ 5%): the network must correct the frame.
    let ok = 0;
    for (let f = 0; f < 10; f++) {
      const fr = noisyFrame(code, p, 0.6, rng);
      const out = dec.decode(fr.field, fr.hard, Rng.stream(2, f));
      if (out.state.every((b, i) => b === fr.x[i])) ok++;
    }
    expect(ok).toBeGreaterThanOrEqual(9);
  });
});

describe('soft-field parameters', () => {
  it('the noise table is Gaussian in ticks', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    const t = noiseTable(params({ noise: 1, ticks: 8 }));
    let s = 0;
    let s2 = 0;
    for (const v of t) {
      s += v;
      s2 += v * v;
    }
    expect(s / t.length).toBeCloseTo(0, 6);
    expect(Math.sqrt(s2 / t.length) / 16).toBeCloseTo(1, 2);
  });

  it('quantisation: rounds to ticks and clips', () => {
    const p = params({ scale: 0.5, ticks: 4, clip: 1 });
    expect(llrFieldTicks(p, 1)).toBe(-4); // −0.5 vote = −4 ticks of 1/8
    expect(llrFieldTicks(p, -1)).toBe(4);
    expect(llrFieldTicks(p, 1e6)).toBe(-8);
    expect(llrFieldTicks(p, 0)).toBe(0);
  });

  it('kernel parameters: τ-valued knobs in votes; amplitude units give −a·y and noise η·a·σ', () => {
    const p = resolveSoftParams({ units: 'amplitude', scale: 1.2, noise: 1.2, threshold: 0.5, clip: 4 });
    const k = kernelParams(p, 0.5, 0.7);
    const y = -0.3; // LLR 2y/σ²
    expect(llrFieldTicks(k, (2 * y) / 0.49)).toBe(Math.round(0.6 * 0.3 * 16));
    expect(k.noise).toBeCloseTo(1.2 * 0.6 * 0.7, 12);
    expect([k.threshold, k.clip, k.units]).toEqual([0.25, 2, 'llr']);
    const l = kernelParams(resolveSoftParams({ units: 'llr', scale: 0.3, noise: 0.5 }), 1);
    expect([l.scale, l.noise]).toEqual([0.3, 0.5]);
  });

  it('decoderSpec: measured defaults, 300 sweeps, --cue-weight is the BSC cue', () => {
    const d = decoderSpec('network-soft', 'free-energy');
    expect(d.maxSweeps).toBe(300);
    expect(d.soft).toEqual(resolveSoftParams());
    expect(decoderSpec('network-soft', 'free-energy', { cueWeight: 1, soft: resolveSoftParams({ noise: 0 }) }).soft).toMatchObject({ cue: 1, noise: 0 });
    expect(decoderSpec('network-soft', 'free-energy', { maxSweeps: 20 }).maxSweeps).toBe(20);
  });

  it('bad values name the option', () => {
    expect(() => resolveSoftParams({ scale: 0 })).toThrow(/--soft-scale/);
    expect(() => resolveSoftParams({ ticks: 3 })).toThrow(/--soft-ticks must be a power of two/);
    expect(() => resolveSoftParams({ noise: -1 })).toThrow(/--soft-noise/);
    expect(() => resolveSoftParams({ threshold: Number.NaN })).toThrow(/--soft-threshold/);
    expect(() => resolveSoftParams({ clip: 0.01, ticks: 1 })).toThrow(/--soft-clip/);
    expect(() => resolveSoftParams({ schedule: 'sideways' as 'serial' })).toThrow(/--soft-schedule/);
    expect(() => resolveSoftParams({ restarts: 1.5 })).toThrow(/--soft-restarts/);
    expect(() => resolveSoftParams({ units: 'volts' as 'llr' })).toThrow(/--soft-units must be llr or amplitude/);
    const { net } = network('parity6-d3', 30);
    expect(() => new SoftFieldDecoder(net, resolveSoftParams(), 0)).toThrow(/sweep cap/);
    const dec = new SoftFieldDecoder(net, params({ noise: 0.5 }), 5);
    expect(() => dec.decode(new Int32Array(29), new Uint8Array(30))).toThrow(/field has 29 entries/);
    expect(() => dec.decode(new Int32Array(30), new Uint8Array(30))).toThrow(/random stream/);
  });
});
