/**
 * hopcode/bench/preset-fer — FER of every preset under the reference dynamics (BSC).
 *
 * Usage: node dist/bench/preset-fer.js [-N|--length 4000] [--frames 1000] [--p 0.005,0.01,0.02,0.03]
 *        [--schedules sync,async] [--rules free-energy,unit] [--presets a,b] [--seed 1] [--max-sweeps 100]
 * Prints one row per (preset, schedule, rule, p): frames, frame errors, FER, mean sweeps.
 * The slow, obviously-correct dynamics: this is the yardstick the fast kernels answer to.
 */
import { parseArgs } from 'node:util';
import { buildPreset } from '../network/code.js';
import { PRESETS } from '../network/presets.js';
import { runDynamics, type InputRule, type Schedule } from '../decoders/reference-dynamics.js';
import { Rng, masterSeed } from '../util/rng.js';

const { values } = parseArgs({
  options: {
    length: { type: 'string', short: 'N', default: '4000' },
    frames: { type: 'string', default: '1000' },
    p: { type: 'string', default: '0.005,0.01,0.02,0.03' },
    schedules: { type: 'string', default: 'sync,async' },
    rules: { type: 'string', default: 'free-energy' },
    presets: { type: 'string', default: Object.keys(PRESETS).join(',') },
    seed: { type: 'string', default: '1' },
    'max-sweeps': { type: 'string', default: '100' },
  },
});
const n = Number(values.length);
const frames = Number(values.frames);
const seed = masterSeed(values.seed!);
const maxSweeps = Number(values['max-sweeps']);
const ps = values.p!.split(',').map(Number);

console.log(['preset', 'n', 'rate', 'schedule', 'rule', 'p', 'frames', 'fe', 'fer', 'meanSweeps'].join('\t'));
for (const preset of values.presets!.split(',')) {
  const code = buildPreset({ preset, n, seed: values.seed! });
  const enc = code.encoder;
  for (const schedule of values.schedules!.split(',') as Schedule[]) {
    for (const rule of values.rules!.split(',') as InputRule[]) {
      for (const [pi, p] of ps.entries()) {
        const rng = Rng.stream(seed, 0x66657220, pi);
        let fe = 0;
        let sweeps = 0;
        for (let f = 0; f < frames; f++) {
          const x = enc.encode(Uint8Array.from({ length: enc.k }, () => rng.next() & 1));
          const y = x.map((b) => (rng.float() < p ? b ^ 1 : b));
          const r = runDynamics(code.network, y, { schedule, rule, seed, frame: f, maxSweeps });
          sweeps += r.sweeps;
          if (!r.state.every((b, i) => b === x[i])) fe++;
        }
        console.log([preset, code.n, code.rate.toFixed(4), schedule, rule, p, frames, fe, (fe / frames).toFixed(4), (sweeps / frames).toFixed(2)].join('\t'));
      }
    }
  }
}
