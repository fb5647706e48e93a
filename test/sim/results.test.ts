/**
 * Result rows: stable problem hashes, merge of two halves equals the whole, resume after
 * a kill, file round trips and reader errors naming file and line.
 */
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendResults, CSV_HEADER, formatCsvRow, formatJsonlRow, parseResults, readResults, splitCsvLine, writeResults } from '../../src/sim/results-files.js';
import { aggregateRows, canonicalJson, completedChunks, mergeRows, missingChunks, problemHash, type ProblemSpec, type ResultRow } from '../../src/sim/results.js';
import { Rng } from '../../src/util/rng.js';

const SPEC: ProblemSpec = {
  code: { preset: 'parity10-d5', n: 4000, seed: 1, girth6: true },
  decoder: { name: 'network', rule: 'free-energy', schedule: 'sync', maxSweeps: 100 },
  channel: { kind: 'bsc' },
  sim: { seed: 7, chunkFrames: 64 },
};
const HASH = problemHash(SPEC);
const FRAMES = 64;

/** A stand-in for the chunk runner: chunk c's counts depend only on (seed, noise, c). */
function runChunk(noise: number, c: number): ResultRow {
  const rng = Rng.stream(7, Math.round(noise * 1e6), c);
  let fe = 0;
  let be = 0;
  let sweeps = 0;
  for (let f = 0; f < FRAMES; f++) {
    sweeps += 1 + rng.int(20);
    if (rng.double() < noise * 5) {
      fe++;
      be += 1 + rng.int(30);
    }
  }
  return {
    noise, frames: FRAMES, bitErrors: be, frameErrors: fe, seconds: 0.25, stopReason: 'batch', problemHash: HASH,
    sweepsSum: sweeps, converged: FRAMES - fe, wrongStored: 0, spurious: fe, noConvergence: 0,
    code: 'parity10-d5, N=4000', decoder: 'network "sync"', channel: 'bsc', n: 4000, rate: 0.5, seed: '7', firstChunk: c, chunks: 1,
  };
}

function runChunks(noise: number, first: number, end: number): ResultRow[] {
  return Array.from({ length: end - first }, (_, i) => runChunk(noise, first + i));
}

function counts(r: ResultRow) {
  const { seconds: _s, stopReason: _r, ...rest } = r;
  return rest;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'hopcode-results-'));

describe('problemHash', () => {
  it('is 16 hex digits, ignores key order, changes with any parameter', () => {
    expect(HASH).toMatch(/^[0-9a-f]{16}$/);
    const reordered: ProblemSpec = { sim: { chunkFrames: 64, seed: 7 }, channel: { kind: 'bsc' }, decoder: { maxSweeps: 100, schedule: 'sync', rule: 'free-energy', name: 'network' }, code: { girth6: true, seed: 1, n: 4000, preset: 'parity10-d5' } };
    expect(problemHash(reordered)).toBe(HASH);
    expect(problemHash({ ...SPEC, decoder: { ...SPEC.decoder, maxSweeps: 101 } })).not.toBe(HASH);
    expect(problemHash({ ...SPEC, sim: { seed: 8, chunkFrames: 64 } })).not.toBe(HASH);
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null })).toBe('{"a":null,"b":[1,{"c":"x","d":2}]}');
    expect(() => problemHash({ ...SPEC, code: { n: Number.NaN } })).toThrow(/^hopcode\/results: \$\.code\.n is NaN/);
  });

  it('is stable across versions (pinned value: changing it orphans saved results)', () => {
    expect(HASH).toBe(problemHash(JSON.parse(JSON.stringify(SPEC)) as ProblemSpec));
    expect(HASH).toBe('5f447aa88f6c7b08');
  });
});

describe('merge and resume', () => {
  const whole = mergeRows(runChunks(0.01, 0, 20));

  it('chunks add into one row', () => {
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ firstChunk: 0, chunks: 20, frames: 20 * FRAMES });
  });

  it('two halves from two machines, via CSV and JSONL files, merge into the whole', () => {
    const dir = tmp();
    writeResults(join(dir, 'a.csv'), mergeRows(runChunks(0.01, 0, 9)));
    writeResults(join(dir, 'b.jsonl'), mergeRows(runChunks(0.01, 9, 20)));
    const rows = [...readResults(join(dir, 'a.csv')).rows, ...readResults(join(dir, 'b.jsonl')).rows];
    const merged = mergeRows(rows);
    expect(merged).toHaveLength(1);
    expect(counts(merged[0]!)).toEqual(counts(whole[0]!));
    expect(merged[0]!.seconds).toBeCloseTo(whole[0]!.seconds, 12);
  });

  it('overlapping chunk ranges (the same frames twice) are refused', () => {
    const a = mergeRows(runChunks(0.01, 0, 10));
    expect(() => mergeRows([...a, ...a])).toThrow(/^hopcode\/results: problem [0-9a-f]{16} at noise 0.01: chunks 0..9 overlap chunks 0..9/);
    expect(() => mergeRows([...a, { ...runChunk(0.01, 10), code: 'other' }])).toThrow(/rows disagree on code/);
  });

  it('a gap stays a separate row; completed and missing chunks describe it', () => {
    const rows = [...runChunks(0.01, 0, 5), ...runChunks(0.01, 8, 12), ...runChunks(0.02, 0, 3)];
    expect(mergeRows(rows)).toHaveLength(3);
    const done = completedChunks(rows, HASH, 0.01);
    expect(done).toEqual([{ first: 0, end: 5 }, { first: 8, end: 12 }]);
    expect(missingChunks(done, 20)).toEqual([{ first: 5, end: 8 }, { first: 12, end: 20 }]);
    expect(completedChunks(rows, HASH, 0.03)).toEqual([]);
    expect(completedChunks(rows, 'ffffffffffffffff', 0.01)).toEqual([]);
  });

  it('a killed run resumes: partial line dropped, missing chunks run, result equals the whole', () => {
    const dir = tmp();
    const file = join(dir, 'run.csv');
    for (let c = 0; c < 7; c++) appendResults(file, [runChunk(0.01, c)]);
    appendFileSync(file, formatCsvRow(runChunk(0.01, 7)).slice(0, 25)); // killed mid-write
    const read = readResults(file);
    expect(read.warnings[0]).toMatch(/line 9: incomplete last line left out/);
    const todo = missingChunks(completedChunks(read.rows, HASH, 0.01), 20);
    expect(todo).toEqual([{ first: 7, end: 20 }]);
    const warnings = appendResults(file, runChunks(0.01, todo[0]!.first, todo[0]!.end));
    expect(warnings[0]).toMatch(/line 9: incomplete last line cut off before appending/);
    const final = readResults(file);
    expect(final.warnings).toEqual([]);
    expect(final.rows).toHaveLength(20);
    expect(counts(mergeRows(final.rows)[0]!)).toEqual(counts(whole[0]!));
  });

  it('aggregateRows pools seeds that share labels', () => {
    const other = runChunks(0.01, 0, 4).map((r) => ({ ...r, problemHash: 'abcdefabcdefabcd', seed: '8' }));
    const agg = aggregateRows([...runChunks(0.01, 0, 4), ...other]);
    expect(agg).toHaveLength(1);
    expect(agg[0]!.frames).toBe(8 * FRAMES);
    expect(agg[0]!.seed).toBe('pooled');
  });
});

describe('files', () => {
  it('CSV header starts noise,frames,bitErrors,frameErrors then seconds, stopReason, problemHash', () => {
    expect(CSV_HEADER.startsWith('noise,frames,bitErrors,frameErrors,seconds,stopReason,problemHash,')).toBe(true);
  });

  it('labels with commas and quotes round-trip through CSV', () => {
    const r = runChunk(0.01, 0);
    expect(splitCsvLine(formatCsvRow(r))[13]).toBe('network "sync"');
    const back = parseResults(`${CSV_HEADER}\n${formatCsvRow(r)}\n`, 'x.csv', 'csv').rows[0]!;
    expect(back).toEqual(r);
  });

  it('readers name file and line', () => {
    const good = formatCsvRow(runChunk(0.01, 0));
    expect(() => parseResults(`frames,noise\n`, 'r.csv', 'csv')).toThrow(/^hopcode\/results: r\.csv: line 1: expected a header starting "noise,frames,bitErrors,frameErrors"/);
    expect(() => parseResults(`${CSV_HEADER}\n${good}\n1,2\n`, 'r.csv', 'csv')).toThrow(/^hopcode\/results: r\.csv: line 3: expected 21 fields, got 2/);
    expect(() => parseResults(`${CSV_HEADER}\n${good.replace(/^0\.01,64/, '0.01,abc')}\n`, 'r.csv', 'csv')).toThrow(/line 2: field "frames" must be a number, got "abc"/);
    expect(() => parseResults(`${CSV_HEADER}\n${good.replace(/^0\.01,64,(\d+),(\d+)/, '0.01,64,$1,65')}\n`, 'r.csv', 'csv')).toThrow(/line 2: frameErrors 65 exceeds frames 64/);
    expect(() => parseResults(`{"noise":1}\n`, 'r.jsonl', 'jsonl')).toThrow(/^hopcode\/results: r\.jsonl: line 1: missing field "frames"/);
    expect(() => parseResults(`not json\n`, 'r.jsonl', 'jsonl')).toThrow(/line 1: not valid JSON/);
    expect(() => readResults('/nonexistent/x.csv')).toThrow(/^hopcode\/results: \/nonexistent\/x\.csv: cannot read/);
    expect(() => readResults('x.txt')).toThrow(/unknown results format/);
  });

  it('an unwritable path gives a one-line error and leaves nothing behind', () => {
    const dir = tmp();
    const bad = join(dir, 'no-such-dir', 'out.csv');
    for (const write of [() => writeResults(bad, [runChunk(0.01, 0)]), () => appendResults(bad, [runChunk(0.01, 0)])]) {
      let msg = '';
      try {
        write();
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toBe(`hopcode/results: cannot write ${bad}: no such directory`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('appending to a CSV with another header is refused; writeResults replaces atomically', () => {
    const dir = tmp();
    const file = join(dir, 'old.csv');
    writeFileSync(file, 'noise,frames,bitErrors,frameErrors,somethingElse\n');
    expect(() => appendResults(file, [runChunk(0.01, 0)])).toThrow(/old\.csv: the header differs/);
    writeResults(file, [runChunk(0.01, 0)]);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(CSV_HEADER);
    expect(readdirSync(dir)).toEqual(['old.csv']);
    expect(existsSync(file)).toBe(true);
  });

  it('every row ends with a check: a damaged row is an error naming its line, a row without its newline is partial', () => {
    const a = runChunk(0.01, 0);
    const b = runChunk(0.01, 1);
    const good = formatCsvRow(a);
    expect(good).toMatch(/,[0-9a-f]{8}$/);
    const damaged = good.replace(/^0\.01,64,(\d)/, '0.01,64,9$1'); // still a valid row, but not the one written
    expect(() => parseResults(`${CSV_HEADER}\n${damaged}\n${formatCsvRow(b)}\n`, 'r.csv', 'csv')).toThrow(/^hopcode\/results: r\.csv: line 2: the check field does not match the row/);
    const cut = parseResults(`${CSV_HEADER}\n${good}\n${formatCsvRow(b)}`, 'r.csv', 'csv');
    expect(cut.rows).toHaveLength(1);
    expect(cut.warnings[0]).toMatch(/r\.csv: line 3: incomplete last line left out/);
    expect(cut.validBytes).toBe(CSV_HEADER.length + good.length + 2);
    const jl = formatJsonlRow(a);
    expect(jl).toMatch(/,"check":"[0-9a-f]{8}"\}$/);
    expect(parseResults(jl + '\n', 'r.jsonl', 'jsonl').rows[0]).toEqual(a);
    expect(() => parseResults(jl.replace('"frames":64', '"frames":63') + '\n' + jl + '\n', 'r.jsonl', 'jsonl')).toThrow(/r\.jsonl: line 1: the check field does not match/);
  });
});
