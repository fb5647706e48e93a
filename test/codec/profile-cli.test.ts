/**
 * Profiles at the CLI: encode --profile, inspect names the profile and the network,
 * decode reads everything from the header; bad input is one line with one prefix and
 * exit 2 (unknown profile, a contradiction, an interleave the network does not allow, a
 * container of a newer format).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corruptCommand, decodeCommand, encodeCommand, inspectCommand } from '../../src/cli/codec-commands.js';
import { crc32c } from '../../src/codec/crc32c.js';
import { PAGE_BYTES, TAIL_COPIES, TAIL_RECORD_BYTES } from '../../src/codec/container.js';
import { createCodec } from '../../src/codec/index.js';
import { randomBytes } from './helpers.js';

function sink(): Writable & { text: () => string } {
  const parts: string[] = [];
  const w = new Writable({ write(c, _e, cb) { parts.push(String(c)); cb(); } }) as Writable & { text: () => string };
  w.text = () => parts.join('');
  return w;
}
const io = () => ({ stdout: sink(), stderr: sink() });

/** One line, one prefix. */
function oneLine(text: string): string {
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/hopcode: hopcode/);
  return lines[0]!;
}

describe('encode --profile, inspect, decode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hopcode-prof-'));
  const f = (name: string): string => join(dir, name);
  const data = randomBytes(30_000, 4);
  writeFileSync(f('in.bin'), data);

  it.each([
    ['light', 'bch255-247-d2', 8160],
    ['robust', 'hamming31-d3', 4030],
  ])('--profile %s: a corrupted container restores; inspect names the profile and the network', async (profile, preset, n) => {
    const e = io();
    expect(await encodeCommand({ input: f('in.bin'), output: f(`${profile}.hop`), profile }, e)).toBe(0);
    expect(e.stderr.text()).toMatch(new RegExp(`profile ${profile}: ${preset}, N = ${n}`));
    expect(await corruptCommand({ input: f(`${profile}.hop`), output: f(`${profile}-bad.hop`), ber: '0.00002', seed: '2' }, e)).toBe(0);
    expect(await decodeCommand({ input: f(`${profile}-bad.hop`), output: f(`${profile}.out`) }, e)).toBe(0);
    expect(Buffer.compare(readFileSync(f(`${profile}.out`)), Buffer.from(data))).toBe(0);
    const out = io();
    expect(await inspectCommand({ file: f(`${profile}.hop`), json: true }, out)).toBe(0);
    const info = JSON.parse(out.stdout.text());
    expect(info).toMatchObject({ profile, preset, n, seed: 1, interleave: 2048, networkMatches: true });
    expect(info.network).toMatch(/clusters, each input in \d, K = \d+ of N = \d+ \(rate 0\.\d+\)/);
    const text = io();
    expect(await inspectCommand({ file: f(`${profile}.hop`) }, text)).toBe(0);
    expect(text.stdout.text()).toMatch(new RegExp(`profile +${profile}\\n`));
  });

  it('the default profile with another interleave is named as such; a custom network is "custom"', async () => {
    expect(await encodeCommand({ input: f('in.bin'), output: f('d64.hop'), interleave: '64' }, io())).toBe(0);
    const a = io();
    expect(await inspectCommand({ file: f('d64.hop'), json: true }, a)).toBe(0);
    expect(JSON.parse(a.stdout.text()).profile).toBe('default (network; interleave 64 instead of 2048)');
    expect(await encodeCommand({ input: f('in.bin'), output: f('c.hop'), preset: 'parity10-d5', length: '1024' }, io())).toBe(0);
    const b = io();
    expect(await inspectCommand({ file: f('c.hop'), json: true }, b)).toBe(0);
    expect(JSON.parse(b.stdout.text()).profile).toBe('custom');
  });

  it('bad input: one line, exit 2', async () => {
    let e = io();
    expect(await encodeCommand({ input: f('in.bin'), output: f('x.hop'), profile: 'strong' }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/^hopcode\/codec: unknown profile "strong" \(known: default, light, robust, legacy\)$/);
    e = io();
    expect(await encodeCommand({ input: f('in.bin'), output: f('x.hop'), profile: 'light', preset: 'parity10-d5' }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/preset parity10-d5 contradicts profile light \(bch255-247-d2, N = 8160, seed 1\)/);
    e = io();
    expect(await encodeCommand({ input: f('in.bin'), output: f('x.hop'), profile: 'default', interleave: '100' }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/interleave 100 is not allowed for bch255-239-d2 at N = 8160: a multiple of 32 from 32 to \d+/);
    e = io();
    expect(await encodeCommand({ input: f('in.bin'), output: f('x.hop'), profile: 'robust', length: '2046' }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/n 2046 contradicts profile robust/);
  });

  it('format-2 containers written before the profiles decode; inspect names legacy / custom', async () => {
    const fx = (name: string): string => join(import.meta.dirname, '../fixtures', name);
    const payload = readFileSync(fx('v1-payload-len3000.bin'));
    for (const [name, profile] of [['v2-parity10-d5-n4000-i2048-len3000.hop', 'legacy'], ['v2-parity10-d5-n1024-i32-len3000.hop', 'custom']] as const) {
      const enc = new Uint8Array(readFileSync(fx(name)));
      const { data, report } = createCodec().decode(enc);
      expect(Buffer.compare(Buffer.from(data), payload)).toBe(0);
      expect(report.formatVersion).toBe(2);
      const out = io();
      expect(await inspectCommand({ file: fx(name), json: true }, out)).toBe(0);
      expect(JSON.parse(out.stdout.text()).profile).toBe(profile);
    }
  });

  it('a container of a newer format version: one line, exit 2 (decode and inspect)', async () => {
    const enc = createCodec({ profile: 'robust', interleave: 32, fileSeed: 1 }).encode(data.subarray(0, 5000));
    // Rewrite every header copy as version 3 with valid CRCs (page heads, then the tail records).
    const dv = new DataView(enc.buffer, enc.byteOffset, enc.length);
    const pages = Math.floor((enc.length - TAIL_COPIES * TAIL_RECORD_BYTES) / PAGE_BYTES);
    for (let pg = 0; pg < pages; pg++) {
      const o = pg * PAGE_BYTES;
      enc[o + 4] = 3;
      dv.setUint32(o + 52, crc32c(enc, 0, o, o + 52), true);
      dv.setUint32(o + 60, crc32c(enc, 0, o + 52, o + 60), true);
    }
    for (let c = 0; c < TAIL_COPIES; c++) {
      const o = pages * PAGE_BYTES + c * TAIL_RECORD_BYTES;
      enc[o + 4] = 3;
      dv.setUint32(o + 52, crc32c(enc, 0, o, o + 52), true);
      dv.setUint32(o + 68, crc32c(enc, 0, o + 52, o + 68), true);
    }
    writeFileSync(f('v3.hop'), enc);
    let e = io();
    expect(await decodeCommand({ input: f('v3.hop'), output: f('v3.out') }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/^hopcode\/codec: container format version 3; this build reads versions 1 and 2$/);
    e = io();
    expect(await inspectCommand({ file: f('v3.hop') }, e)).toBe(2);
    expect(oneLine(e.stderr.text())).toMatch(/format version 3/);
  });
});
