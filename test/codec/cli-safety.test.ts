/**
 * The codec CLI never destroys data and tells the truth: an output that is its input
 * (path, symlink, hard link) is refused before anything is touched, outputs appear only
 * when complete, "-" is stdin/stdout, exit codes 0 / 1 / 2 mean what they say, and a
 * failed decode reports every group and every bad range.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corruptCommand, decodeCommand, encodeCommand, inspectCommand } from '../../src/cli/codec-commands.js';
import { randomBytes } from './helpers.js';

function sink(): Writable & { text: () => string; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const w = new Writable({ write(c, _e, cb) { parts.push(Buffer.from(c as Buffer)); cb(); } }) as Writable & { text: () => string; bytes: () => Buffer };
  w.text = () => Buffer.concat(parts).toString();
  w.bytes = () => Buffer.concat(parts);
  return w;
}
const io = () => ({ stdout: sink(), stderr: sink() });

describe('codec CLI: outputs never destroy inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hopcode-cli-safety-'));
  const f = (name: string): string => join(dir, name);
  const data = randomBytes(30_000, 31);
  writeFileSync(f('in.bin'), data);

  it('encode F F, decode X X, corrupt X X — same path, symlink, hard link: exit 2, nothing touched', async () => {
    expect(await encodeCommand({ input: f('in.bin'), output: f('in.hop'), preset: 'parity10-d5', length: '1024', interleave: '32' }, io())).toBe(0);
    const hop = readFileSync(f('in.hop'));
    symlinkSync(f('in.bin'), f('link.bin'));
    linkSync(f('in.bin'), f('hard.bin'));
    symlinkSync(f('in.hop'), f('link.hop'));
    for (const out of [f('in.bin'), f('link.bin'), f('hard.bin')]) {
      const e = io();
      expect(await encodeCommand({ input: f('in.bin'), output: out }, e)).toBe(2);
      expect(e.stderr.text()).toMatch(/is the input .* refusing to overwrite it/);
    }
    expect(await decodeCommand({ input: f('in.hop'), output: f('in.hop') }, io())).toBe(2);
    expect(await decodeCommand({ input: f('link.hop'), output: f('in.hop') }, io())).toBe(2);
    expect(await decodeCommand({ input: f('in.hop'), output: f('x.bin'), badRanges: f('in.hop') }, io())).toBe(2);
    expect(await corruptCommand({ input: f('in.hop'), output: f('link.hop'), ber: '0.01' }, io())).toBe(2);
    expect(readFileSync(f('in.bin')).equals(Buffer.from(data))).toBe(true);
    expect(readFileSync(f('in.hop')).equals(hop)).toBe(true);
  });

  it('decode X adir: exit 2, and no temporary or partial file is left behind', async () => {
    mkdirSync(f('adir'));
    const before = readdirSync(dir).sort();
    expect(await decodeCommand({ input: f('in.hop'), output: f('adir') }, io())).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(f('adir'))).toEqual([]);
  });

  it('encode - and decode - read stdin and write stdout', async () => {
    const e = io();
    expect(await encodeCommand({ input: '-', output: '-', preset: 'parity10-d5', length: '1024', interleave: '32' }, { ...e, stdin: Readable.from([Buffer.from(data.subarray(0, 1000)), Buffer.from(data.subarray(1000))]) })).toBe(0);
    const container = e.stdout.bytes();
    const d = io();
    expect(await decodeCommand({ input: '-', output: '-' }, { ...d, stdin: Readable.from([container]) })).toBe(0);
    expect(d.stdout.bytes().equals(Buffer.from(data))).toBe(true);
  });
});

describe('codec CLI: exit codes and messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hopcode-cli-msg-'));
  const f = (name: string): string => join(dir, name);

  it('not a container: exit 2; a short file starting with HOPC: truncated, exit 1', async () => {
    writeFileSync(f('plain.txt'), 'hello, this is not a container\n'.repeat(100));
    const e = io();
    expect(await decodeCommand({ input: f('plain.txt'), output: f('o') }, e)).toBe(2);
    expect(e.stderr.text()).toMatch(/not a hopcode container/);
    for (const len of [4, 20, 47]) {
      writeFileSync(f('short.hop'), Buffer.concat([Buffer.from('HOPC'), Buffer.alloc(len - 4, 1)]));
      const s = io();
      expect(await decodeCommand({ input: f('short.hop'), output: f('o') }, s)).toBe(1);
      expect(s.stderr.text()).toMatch(/truncated|ends inside its (first )?header/);
      expect(await inspectCommand({ file: f('short.hop') }, io())).toBe(1);
    }
    expect(existsSync(f('o'))).toBe(false);
  });

  it('a failed decode counts every group, lists every bad range in --bad-ranges, writes no output', async () => {
    writeFileSync(f('data.bin'), randomBytes(60 * 32 * 8, 32));
    expect(await encodeCommand({ input: f('data.bin'), output: f('d.hop'), preset: 'parity10-d5', length: '1024', interleave: '32' }, io())).toBe(0);
    const bad = readFileSync(f('d.hop'));
    for (let t = 0; t < 8 * bad.length; t += 23) if ((t >>> 3) % 4096 >= 64) bad[t >>> 3]! ^= 1 << (t & 7); // BER 0.043 outside the page heads
    writeFileSync(f('bad.hop'), bad);
    const e = io();
    expect(await decodeCommand({ input: f('bad.hop'), output: f('out.bin'), badRanges: f('ranges.tsv') }, e)).toBe(1);
    expect(e.stderr.text()).toMatch(/^hopcode: 256 blocks, \d+ corrected \(\d+ bits\), \d+ failed/m);
    expect(existsSync(f('out.bin'))).toBe(false);
    const rows = readFileSync(f('ranges.tsv'), 'utf8').trim().split('\n').slice(1);
    const failed = Number(/(\d+) failed/.exec(e.stderr.text())![1]);
    expect(rows.reduce((s, r) => s + Number(r.split('\t')[3]), 0)).toBe(failed);
    expect(await decodeCommand({ input: f('bad.hop'), output: f('part.bin'), partial: true }, io())).toBe(1);
    expect(readFileSync(f('part.bin')).length).toBe(60 * 32 * 8);
  });

  it('decode of a file whose first 17 pages are wiped: the header comes from the tail copies', async () => {
    const d = randomBytes(60_000, 34);
    writeFileSync(f('w.bin'), d);
    expect(await encodeCommand({ input: f('w.bin'), output: f('w.hop'), preset: 'parity10-d5', length: '1024', interleave: '32' }, io())).toBe(0);
    const b = readFileSync(f('w.hop'));
    b.fill(0, 0, 17 * 4096);
    writeFileSync(f('w.hop'), b);
    const e = io();
    expect(await decodeCommand({ input: f('w.hop'), output: f('w.out'), partial: true }, e)).toBe(1);
    const out = readFileSync(f('w.out'));
    const ends = [...e.stderr.text().matchAll(/bytes \[\d+, (\d+)\)/g)].map((m) => Number(m[1]));
    const lostEnd = Math.max(...ends);
    expect(lostEnd).toBeLessThan(40_000); // the wiped pages' groups only (zeroed blocks are the zero stored state: caught by the CRC)
    expect(out.subarray(lostEnd).equals(Buffer.from(d.subarray(lostEnd)))).toBe(true);
  });

  it('inspect warns when the file size disagrees with the header', async () => {
    writeFileSync(f('small.bin'), randomBytes(5000, 33));
    expect(await encodeCommand({ input: f('small.bin'), output: f('s.hop') }, io())).toBe(0);
    writeFileSync(f('s2.hop'), Buffer.concat([readFileSync(f('s.hop')), Buffer.alloc(100)]));
    const e = io();
    expect(await inspectCommand({ file: f('s2.hop'), json: true }, e)).toBe(0);
    expect(JSON.parse(e.stdout.text())).toMatchObject({ formatVersion: 2, sizeMatches: false });
    expect(e.stderr.text()).toMatch(/warning: .* 100 bytes follow the container/);
    const d = io();
    expect(await decodeCommand({ input: f('s2.hop'), output: f('s.out') }, d)).toBe(0);
    expect(d.stderr.text()).toMatch(/warning: 100 bytes after the end of the container/);
  });
});
