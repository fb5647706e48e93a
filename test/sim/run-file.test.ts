/**
 * A run file survives a crash at any byte: cut the results file at every byte position
 * of its last row (and at some earlier ones), resume, and the totals equal the uncut
 * run's — no frame lost, none counted twice, and the file stays resumable.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSource } from '../../src/sim/code-source.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { mergeRows, type ResultRow } from '../../src/sim/results.js';
import { executeRun, readRunFile } from '../../src/sim/run-file.js';
import { lockPathFor, RunLock } from '../../src/sim/run-lock.js';
import { checkRunSpec, parseShard, shardRange, specLine, type RunSpec } from '../../src/sim/run-spec.js';

const source = presetSource('parity8-d4', 400, '1');
const SPEC: RunSpec = {
  hopcode: 'test',
  code: { preset: 'parity8-d4', n: source.code.n, seed: '1' },
  decoder: decoderSpec('network-sync', 'free-energy'),
  channel: 'bsc',
  noise: [0.03, 0.02],
  stop: { maxFe: 20, maxFrames: 1024, maxTime: 0 },
  chunkFrames: 16,
  seed: '1',
  shard: { index: 0, count: 1 },
};
const hooks = { workers: 0, rowEverySeconds: 0, durable: false }; // a row per chunk: many rows, many cut positions (no fsync: the bytes are the same)

/** Totals per point, without the clock (seconds) — what must survive any crash. */
function totals(rows: readonly ResultRow[]): unknown[] {
  return mergeRows(rows).map(({ seconds: _s, ...rest }) => rest);
}

describe.each(['csv', 'jsonl'] as const)('a %s run file cut at any byte', (format) => {
  it('resumes to the totals of the uncut run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-runfile-'));
    const whole = join(dir, `whole.${format}`);
    await executeRun(SPEC, source, whole, hooks);
    const uncut = readRunFile(whole);
    expect(uncut.warnings).toEqual([]);
    expect(uncut.rows.length).toBeGreaterThanOrEqual(6);
    const want = totals(uncut.rows);
    expect(want).toHaveLength(2);
    const bytes = readFileSync(whole);
    const lastRow = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    const firstRow = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1; // after the spec line (and the CSV header)
    const cuts = new Set<number>();
    for (let p = lastRow; p <= bytes.length; p++) cuts.add(p); // every byte of the last row, newline included
    for (let p = firstRow; p < lastRow; p += 41) cuts.add(p); // and some earlier ones
    const cut = join(dir, `cut.${format}`);
    for (const p of cuts) {
      writeFileSync(cut, bytes.subarray(0, p));
      const before = readRunFile(cut);
      // a last row without its newline (cut inside any field, or only the newline missing) is never read
      if (p >= lastRow && p < bytes.length) expect(before.rows.length, `cut at ${p}`).toBe(uncut.rows.length - 1);
      if (p < bytes.length && bytes[p - 1] !== 0x0a) expect(before.warnings.join(' '), `cut at ${p}`).toMatch(/incomplete last line/);
      await executeRun(before.spec!, source, cut, hooks, before);
      const after = readRunFile(cut);
      expect(after.warnings, `cut at ${p}`).toEqual([]);
      expect(totals(after.rows), `cut at ${p}`).toEqual(want);
    }
  });
});

describe('a shard', () => {
  it('runs from the start of its block, resumes there, and raised stop rules extend it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-shard-'));
    const spec: RunSpec = { ...SPEC, shard: { index: 2, count: 3 } };
    const file = join(dir, 's.csv');
    await executeRun(spec, source, file, hooks);
    const rows = readRunFile(file).rows;
    expect(Math.min(...rows.map((r) => r.firstChunk))).toBe(shardRange(spec.shard).first);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    const cut = readRunFile(file);
    await executeRun(cut.spec!, source, file, hooks, cut);
    expect(totals(readRunFile(file).rows)).toEqual(totals(rows));
    // raised --max-fe: the same counts as one longer run of that shard
    const more = { ...spec, stop: { ...spec.stop, maxFe: 30 } };
    await executeRun(more, source, file, hooks, readRunFile(file));
    const fresh = join(dir, 'fresh.csv');
    await executeRun(more, source, fresh, hooks);
    expect(totals(readRunFile(file).rows)).toEqual(totals(readRunFile(fresh).rows));
    expect(readRunFile(file).spec!.stop.maxFe).toBe(30);
  });
});

describe('run specification', () => {
  it('round-trips through its line and is validated', () => {
    const line = specLine(SPEC, 'csv');
    expect(line).toMatch(/^# hopcode-run \{.*\}\n$/);
    expect(checkRunSpec(JSON.parse(line.slice('# hopcode-run '.length)), 'x')).toEqual(SPEC);
    expect(() => checkRunSpec({ ...SPEC, stop: { maxFe: 0, maxFrames: 0, maxTime: 0 } }, 'r.csv: line 1')).toThrow(/r\.csv: line 1: the run specification has bad stop rules: no stop rule/);
    expect(() => checkRunSpec({ ...SPEC, channel: 'radio' }, 'x')).toThrow(/unknown channel "radio"/);
  });

  it('shards split the chunk space into disjoint contiguous blocks', () => {
    expect(shardRange(parseShard('0/1'))).toEqual({ first: 0, end: 2 ** 32 });
    const blocks = [0, 1, 2].map((i) => shardRange({ index: i, count: 3 }));
    expect(blocks[0]!.first).toBe(0);
    expect(blocks[1]!.first).toBe(blocks[0]!.end);
    expect(blocks[2]!.first).toBe(blocks[1]!.end);
    expect(blocks[2]!.end).toBe(2 ** 32);
    expect(() => parseShard('2/2')).toThrow(/--shard: the shard index must be 0 … 1, got 2/);
    expect(() => parseShard('1-2')).toThrow(/--shard must be i\/n/);
  });

  it('one writer per results file: a live holder is reported, a dead one is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hopcode-lock-'));
    const file = join(dir, 'r.csv');
    const lock = RunLock.acquire(file);
    expect(() => RunLock.acquire(file)).toThrow(new RegExp(`r\\.csv is being written by process ${process.pid} on `));
    lock.release();
    RunLock.acquire(file).release();
    // a lock whose process is gone (SIGKILL) is stale: 2^22 + 1 is above Linux's default pid_max
    writeFileSync(lockPathFor(file), JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
    RunLock.acquire(file).release();
    writeFileSync(lockPathFor(file), JSON.stringify({ pid: 1, host: 'elsewhere', started: 'then' }));
    expect(() => RunLock.acquire(file)).toThrow(/process 1 on elsewhere .*remove .*\.r\.csv\.lock/);
  });
});
