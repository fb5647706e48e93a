import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shannonLimitAwgnEbN0 } from '../../src/channels/awgn.js';
import { measureCurve, summarizeCurve, type CurveRequest } from '../../src/report/fer-curve.js';
import { alistSource } from '../../src/sim/code-source.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';

const alist = fileURLToPath(new URL('../data/ldpc-3-6-n1008-seed1.alist', import.meta.url));

describe('adaptive FER curves', () => {
  it('on the AWGN channel the search walks up in Eb/N0 from the top until the FER is low, and brackets 10⁻²', async () => {
    const source = alistSource(alist);
    const req: CurveRequest = {
      network: 'n1008', variant: 'gallager-b', source, decoder: decoderSpec('gallager-b', 'free-energy'), channel: 'awgn',
      top: 4.6, step: 0.4, stopBelow: 3e-3, stop: { maxFe: 12, maxFrames: 2048, maxTime: 0 }, chunkFrames: 256,
    };
    const pts = await measureCurve(req, 1, 0);
    expect(pts.length).toBeGreaterThanOrEqual(3);
    // sorted by Eb/N0; the lowest Eb/N0 is at most the top (the search starts there and only goes down in FER ½ steps)
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.p).toBeGreaterThan(pts[i - 1]!.p);
    expect(pts[0]!.p).toBeLessThanOrEqual(4.6);
    // the FER falls with Eb/N0 across the walk: first point far above the last
    expect(pts[0]!.fer).toBeGreaterThan(pts[pts.length - 1]!.fer);
    const sum = summarizeCurve(req, pts);
    expect(sum.shannonP).toBeCloseTo(shannonLimitAwgnEbN0(source.code.rate), 9);
    if (sum.pAtFer1e2 !== undefined) {
      expect(sum.pAtFer1e2).toBeGreaterThan(pts[0]!.p);
      expect(sum.pAtFer1e2).toBeLessThan(pts[pts.length - 1]!.p);
    }
  });
});
