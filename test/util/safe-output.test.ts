import { describe, expect, it } from 'vitest';
import { linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFile, OutputConflictError, refuseInputAsOutput, sameFile, writeFileAtomic } from '../../src/util/safe-output.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hopcode-safe-'));

describe('safe-output', () => {
  it('catches the same file by path, symlink and hard link', () => {
    const d = dir();
    const f = join(d, 'a');
    writeFileSync(f, 'data');
    symlinkSync(f, join(d, 'sym'));
    linkSync(f, join(d, 'hard'));
    expect(sameFile(f, join(d, '.', 'a'))).toBe(true);
    expect(sameFile(f, join(d, 'sym'))).toBe(true);
    expect(sameFile(f, join(d, 'hard'))).toBe(true);
    expect(sameFile(f, join(d, 'missing'))).toBe(false);
    for (const out of ['a', 'sym', 'hard']) expect(() => refuseInputAsOutput(join(d, out), [f])).toThrow(OutputConflictError);
    expect(() => refuseInputAsOutput(join(d, 'other'), [f])).not.toThrow();
    expect(readFileSync(f, 'utf8')).toBe('data');
  });

  it('writes atomically and leaves no temporary file behind', () => {
    const d = dir();
    const f = join(d, 'out.txt');
    writeFileSync(f, 'old');
    writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    const a = new AtomicFile(f);
    a.write('partial');
    expect(readFileSync(f, 'utf8')).toBe('new');
    a.abort();
    expect(readFileSync(f, 'utf8')).toBe('new');
    const b = new AtomicFile(f);
    b.write('com');
    b.write(new TextEncoder().encode('plete'));
    b.commit();
    expect(readFileSync(f, 'utf8')).toBe('complete');
    expect(readdirSync(d)).toEqual(['out.txt']);
  });
});
