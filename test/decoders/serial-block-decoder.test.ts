/**
 * The codec's cluster-serial block decoder (bit-sliced syndromes, then per-lane sweeps)
 * equals its naive twins lane by lane: serialDecodeFrame per lane and the specification
 * runClusterSerial per lane, fixed order, same words and same ok lanes — on noisy stored
 * states below and beyond the networks' limits, on random words, with sweep caps that bind.
 */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { SerialBlockDecoder } from '../../src/decoders/serial-block-decoder.js';
import { ClusterSerialReferenceDecoder, RisingRadiusReferenceDecoder, SerialFrameBlockDecoder } from '../../src/decoders/serial-block-reference.js';
import { Rng } from '../../src/util/rng.js';
import { flipBits, randomBits, randomStoredState } from '../helpers/random.js';

// Wide BCH of radius 2 and 3, a perfect Hamming(255,247) network (radius 1), a d = 3 one.
const NETS: [string, number, number[]][] = [
  ['bch255-239-d2', 1020, [0.004, 0.012, 0.03]],
  ['bch255-231-d2', 1020, [0.006, 0.02]],
  ['bch255-247-d2', 1020, [0.001, 0.006]],
  ['bch63-51-d2', 504, [0.02, 0.05]],
  ['bch127-106-d3', 254, [0.03, 0.08]],
];

/** 32 lanes: lane l = stored state flipped with probability p (lanes 28..31: random words). */
function slab(code: ReturnType<typeof buildPreset>, p: number, rng: Rng): Uint32Array {
  const w = new Uint32Array(code.n);
  for (let l = 0; l < 32; l++) {
    const x = l >= 28 ? randomBits(rng, code.n) : flipBits(randomStoredState(code, rng), l < 4 ? 0 : p, rng);
    for (let i = 0; i < code.n; i++) w[i] = (w[i]! | (x[i]! << l)) >>> 0;
  }
  return w;
}

describe('SerialBlockDecoder', () => {
  for (const [preset, n, ps] of NETS) {
    it(`${preset} N=${n}: == serialDecodeFrame and runClusterSerial per lane (fixed order)`, () => {
      const code = buildPreset({ preset, n, seed: 2 });
      const net = CompiledNetwork.fromCode(code, { encoder: false });
      const rng = Rng.stream(11, n);
      let oks = 0;
      let fails = 0;
      for (const maxSweeps of [1, 3, 30]) {
        const fast = new SerialBlockDecoder(net, { maxSweeps });
        const frame = new SerialFrameBlockDecoder(net, { maxSweeps });
        const ref = new ClusterSerialReferenceDecoder(code.network, { maxSweeps });
        for (const p of ps) {
          const words = slab(code, p, rng);
          const before = words.slice();
          const mask = maxSweeps === 3 ? (rng.next() | 1) >>> 0 : 0xffffffff;
          const a = fast.decodeWords(words, mask);
          expect(words).toEqual(before); // input untouched
          const b = frame.decodeWords(words, mask);
          expect(a.ok >>> 0).toBe(b.ok >>> 0);
          expect(a.words).toEqual(b.words);
          if (maxSweeps !== 3) {
            const c = ref.decodeWords(words, mask);
            expect(a.ok >>> 0).toBe(c.ok >>> 0);
            expect(a.words).toEqual(c.words);
          }
          for (let l = 0; l < 32; l++) if ((mask >>> l) & 1) (a.ok >>> l) & 1 ? oks++ : fails++;
          // Lanes outside the mask are copied unchanged; clean lanes stay and are ok.
          for (let l = 0; l < 32; l++) {
            if ((mask >>> l) & 1) continue;
            for (let i = 0; i < n; i++) expect((a.words[i]! >>> l) & 1).toBe((words[i]! >>> l) & 1);
          }
          for (let l = 0; l < 4; l++) if ((mask >>> l) & 1) expect((a.ok >>> l) & 1).toBe(1);
        }
      }
      // Both outcomes occur, so the comparison covers corrections and failures.
      expect(oks).toBeGreaterThan(10);
      expect(fails).toBeGreaterThan(3);
    });
  }

  for (const [preset, n, ps] of NETS.slice(0, 4)) for (const radius of ['rising', 'anchored'] as const) {
    it(`${preset} N=${n}: ${radius} radius schedule == its from-scratch reference per lane`, () => {
      const code = buildPreset({ preset, n, seed: 4 });
      const net = CompiledNetwork.fromCode(code, { encoder: false });
      const rng = Rng.stream(12, n);
      let oks = 0;
      let fails = 0;
      for (const maxSweeps of [2, 30]) {
        const fast = new SerialBlockDecoder(net, { maxSweeps, radius });
        const ref = new RisingRadiusReferenceDecoder(code.network, { maxSweeps, anchored: radius === 'anchored' });
        for (const p of [...ps, 2 * ps[ps.length - 1]!]) {
          const words = slab(code, p, rng);
          const mask = (rng.next() | 0xf) >>> 0;
          const a = fast.decodeWords(words, mask);
          const c = ref.decodeWords(words, mask);
          expect(a.ok >>> 0).toBe(c.ok >>> 0);
          expect(a.words).toEqual(c.words);
          for (let l = 0; l < 32; l++) if ((mask >>> l) & 1) (a.ok >>> l) & 1 ? oks++ : fails++;
        }
      }
      expect(oks).toBeGreaterThan(10);
      expect(fails).toBeGreaterThan(3);
    });
  }

  it('anchored: 3 errors shared by two clusters (both beyond t) are restored by the clamped search; rising fails; == reference', () => {
    // The all-zero word is a stored state of every linear network: no encoder needed.
    const code = buildPreset({ preset: 'bch255-239-d2', n: 8160, seed: 1 });
    const net = CompiledNetwork.fromCode(code, { encoder: false });
    const g = code.network.graph;
    const pairOf = (v: number): string => [g.edgeChk[g.varEdge[g.varPtr[v]!]!]!, g.edgeChk[g.varEdge[g.varPtr[v]! + 1]!]!].sort((a, b) => a - b).join('-');
    const byPair = new Map<string, number[]>();
    for (let v = 0; v < code.n; v++) byPair.set(pairOf(v), [...(byPair.get(pairOf(v)) ?? []), v]);
    const pairs = [...byPair.values()].filter((vs) => vs.length >= 4 && vs.length <= 12).slice(0, 32);
    expect(pairs.length).toBe(32);
    const words = new Uint32Array(code.n);
    const rng = Rng.stream(13, 1);
    pairs.forEach((vs, l) => {
      const chosen = new Set<number>();
      while (chosen.size < 3) chosen.add(vs[rng.int(vs.length)]!);
      for (const v of chosen) words[v] = (words[v]! | (1 << l)) >>> 0;
      for (let e = 0; e < 2; e++) words[rng.int(code.n)]! ^= 1 << l; // and two lone errors elsewhere
    });
    const rising = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'rising' }).decodeWords(words, -1);
    const anchored = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'anchored' }).decodeWords(words, -1);
    const ref = new RisingRadiusReferenceDecoder(code.network, { maxSweeps: 50, anchored: true }).decodeWords(words, -1);
    expect(anchored.ok >>> 0).toBe(ref.ok >>> 0);
    expect(anchored.words).toEqual(ref.words);
    let restored = 0;
    for (let l = 0; l < 32; l++) if ((anchored.ok >>> l) & 1 && anchored.words.every((w) => ((w >>> l) & 1) === 0)) restored++;
    expect(restored).toBeGreaterThanOrEqual(30); // a pair's 3 errors can, rarely, be 3 of a codeword of both
    let risingOk = 0;
    for (let l = 0; l < 32; l++) risingOk += (rising.ok >>> l) & 1;
    expect(risingOk).toBeLessThan(8);
  });

  it('refuses a parity network, one line', () => {
    const code = buildPreset({ preset: 'parity10-d5', n: 1000, seed: 1 });
    expect(() => new SerialBlockDecoder(code, { maxSweeps: 5 })).toThrow(/single-parity clusters/);
  });
});

describe('anchored retries (reverse order, then agreeing anchors)', () => {
  // bch255-247-d2 (t = 1), the light profile's network; the all-zero word is a stored state.
  const code = buildPreset({ preset: 'bch255-247-d2', n: 8160, seed: 1 });
  const net = CompiledNetwork.fromCode(code, { encoder: false });
  const g = code.network.graph;
  const clusters = (v: number): number[] => [g.edgeChk[g.varEdge[g.varPtr[v]!]!]!, g.edgeChk[g.varEdge[g.varPtr[v]! + 1]!]!];
  const pairOf = (v: number): string => clusters(v).sort((x, y) => x - y).join('-');
  const members = Array.from({ length: code.network.m }, () => [] as number[]);
  for (let v = 0; v < code.n; v++) for (const c of clusters(v)) members[c]!.push(v);
  const noRetry = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'anchored', retry: false });

  /** Draws two distinct inputs of one random set of `sets` (b accepted by ok(a, b)). */
  const twoOf = (sets: number[][], rng: Rng, ok: (a: number, b: number) => boolean) => (): [number, number] => {
    const vs = sets[rng.int(sets.length)]!;
    const a = vs[rng.int(vs.length)]!;
    let b = a;
    while (b === a || !ok(a, b)) b = vs[rng.int(vs.length)]!;
    return [a, b];
  };

  /** Up to 32 two-error patterns from `next` that the anchored dynamics without retries lose. */
  const lostBy = (next: () => [number, number]): [number, number][] => {
    const lost: [number, number][] = [];
    for (let trial = 0; trial < 150 && lost.length < 32; trial++) {
      const words = new Uint32Array(code.n);
      const pats = Array.from({ length: 32 }, next);
      pats.forEach(([a, b], l) => {
        words[a] = (words[a]! | (1 << l)) >>> 0;
        words[b] = (words[b]! | (1 << l)) >>> 0;
      });
      const r = noRetry.decodeWords(words, -1);
      for (let l = 0; l < 32 && lost.length < 32; l++) if (((r.ok >>> l) & 1) === 0) lost.push(pats[l]!);
    }
    return lost;
  };

  /** The lost patterns decoded with the retries: all restored, and == the reference (which loses them too without retries). */
  const restoredWithRetries = (lost: [number, number][]): void => {
    expect(lost.length).toBeGreaterThanOrEqual(8);
    const words = new Uint32Array(code.n);
    lost.forEach(([a, b], l) => {
      words[a] = (words[a]! | (1 << l)) >>> 0;
      words[b] = (words[b]! | (1 << l)) >>> 0;
    });
    const mask = lost.length === 32 ? -1 : (1 << lost.length) - 1;
    const fast = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'anchored' }).decodeWords(words, mask);
    const ref = new RisingRadiusReferenceDecoder(code.network, { maxSweeps: 50, anchored: true }).decodeWords(words, mask);
    expect(fast.ok >>> 0).toBe(ref.ok >>> 0);
    expect(fast.words).toEqual(ref.words);
    let restored = 0;
    for (let l = 0; l < lost.length; l++) if ((fast.ok >>> l) & 1 && fast.words.every((w) => ((w >>> l) & 1) === 0)) restored++;
    expect(restored, `${restored} of ${lost.length}`).toBe(lost.length);
    const refNoRetry = new RisingRadiusReferenceDecoder(code.network, { maxSweeps: 50, anchored: true, retry: false }).decodeWords(words, mask);
    expect(refNoRetry.ok >>> 0).toBe(0);
  };

  it('two errors sharing one cluster that the index order loses (its miscorrection let through by an unsatisfied anchor): restored, == reference', () => {
    // b shares only that cluster with a (two inputs of the same pair of clusters: the next test).
    restoredWithRetries(lostBy(twoOf(members, Rng.stream(21, 1), (a, b) => pairOf(a) !== pairOf(b))));
  });

  it('two errors on inputs two clusters share (each cluster points at a third input, which may lie in the other): restored, == reference', () => {
    const byPair = new Map<string, number[]>();
    for (let v = 0; v < code.n; v++) byPair.set(pairOf(v), [...(byPair.get(pairOf(v)) ?? []), v]);
    const pairs = [...byPair.values()].filter((vs) => vs.length >= 2);
    restoredWithRetries(lostBy(twoOf(pairs, Rng.stream(22, 1), () => true)));
  });
});

describe('anchored retries of lanes with many errors', () => {
  it('light network at BER 2e-3 (the received lanes beyond 12 unsatisfied clusters): == reference, and the retries restore lanes', () => {
    const code = buildPreset({ preset: 'bch255-247-d2', n: 8160, seed: 1 });
    const net = CompiledNetwork.fromCode(code, { encoder: false });
    const rng = Rng.stream(23, 1);
    const words = new Uint32Array(code.n);
    for (let l = 0; l < 32; l++) for (let i = 0; i < code.n; i++) if (rng.double() < 2e-3) words[i] = (words[i]! | (1 << l)) >>> 0;
    const mask = -1;
    const fast = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'anchored' }).decodeWords(words, mask);
    const ref = new RisingRadiusReferenceDecoder(code.network, { maxSweeps: 50, anchored: true }).decodeWords(words, mask);
    expect(fast.ok >>> 0).toBe(ref.ok >>> 0);
    expect(fast.words).toEqual(ref.words);
    const plain = new SerialBlockDecoder(net, { maxSweeps: 50, radius: 'anchored', retry: false }).decodeWords(words, mask);
    const count = (x: number): number => { let c = 0; for (; x !== 0; x &= x - 1) c++; return c; };
    expect(count(fast.ok)).toBeGreaterThan(count(plain.ok));
  });
});
