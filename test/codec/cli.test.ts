/**
 * The codec CLI commands as plain functions: exit codes 0 / 1 / 2 and files on disk.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corruptCommand, decodeCommand, encodeCommand, inspectCommand } from '../../src/cli/codec-commands.js';
import { randomBytes } from './helpers.js';

function sink(): Writable & { text: () => string } {
  const parts: string[] = [];
  const w = new Writable({ write(c, _e, cb) { parts.push(String(c)); cb(); } }) as Writable & { text: () => string };
  w.text = () => parts.join('');
  return w;
}

describe('hopcode encode / corrupt / decode / inspect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hopcode-cli-'));
  const f = (name: string): string => join(dir, name);
  const data = randomBytes(200_000, 9);
  writeFileSync(f('in.bin'), data);

  it('round trip through a corrupted file', async () => {
    const io = { stdout: sink(), stderr: sink() };
    expect(await encodeCommand({ input: f('in.bin'), output: f('enc.hop') }, io)).toBe(0);
    expect(await corruptCommand({ input: f('enc.hop'), output: f('bad.hop'), ber: '0.001', seed: '3' }, io)).toBe(0);
    expect(io.stderr.text()).toMatch(/flipped \d+ of \d+ bits/);
    expect(await decodeCommand({ input: f('bad.hop'), output: f('out.bin') }, io)).toBe(0);
    expect(Buffer.compare(readFileSync(f('out.bin')), Buffer.from(data))).toBe(0);
    expect(io.stderr.text()).toMatch(/blocks, \d+ corrected/);
    const out = { stdout: sink(), stderr: sink() };
    expect(await inspectCommand({ file: f('bad.hop'), json: true }, out)).toBe(0);
    expect(JSON.parse(out.stdout.text())).toMatchObject({ profile: 'default', preset: 'bch255-239-d2', n: 8160, payloadLength: 200_000, networkMatches: true });
  });

  it('unrecoverable: exit 1, report on stderr, no output file', async () => {
    const io = { stdout: sink(), stderr: sink() };
    writeFileSync(f('small.bin'), data.subarray(0, 8000));
    expect(await encodeCommand({ input: f('small.bin'), output: f('small.hop') }, io)).toBe(0);
    expect(await corruptCommand({ input: f('small.hop'), output: f('worse.hop'), ber: '0.04', seed: '4' }, io)).toBe(0);
    expect(await decodeCommand({ input: f('worse.hop'), output: f('lost.bin') }, io)).toBe(1);
    expect(io.stderr.text()).toMatch(/could not be recovered|header/);
    expect(existsSync(f('lost.bin'))).toBe(false);
    expect(await decodeCommand({ input: f('worse.hop'), output: f('part.bin'), partial: true }, io)).toBe(1);
  });

  it('bad usage: exit 2', async () => {
    const io = { stdout: sink(), stderr: sink() };
    expect(await decodeCommand({ input: f('missing'), output: f('x') }, io)).toBe(2);
    expect(await corruptCommand({ input: f('in.bin'), output: f('x'), ber: 'lots' }, io)).toBe(2);
    expect(await encodeCommand({ input: f('in.bin'), output: f('x'), interleave: '33' }, io)).toBe(2);
    expect(await inspectCommand({ file: f('in.bin') }, io)).toBe(2); // not a container of ours
  });
});
