/**
 * hopcode/util/safe-output — outputs that never destroy data (STYLE.md lesson 15).
 *
 * Every file a command writes goes to a temporary file in the same folder and is
 * renamed over the target only when complete, so a crash, a full disk or a refused
 * option never leaves a half-written or truncated file. Before anything is opened,
 * `refuseInputAsOutput` compares the output with every input by device and inode
 * (so the same path, a symlink and a hard link are all caught), because writing a
 * file while it is being read destroys it.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

/** Thrown for an output that would overwrite one of its inputs (bad usage: exit 2). */
export class OutputConflictError extends Error {
  override name = 'OutputConflictError';
  readonly exitCode = 2;
}

/** Do two paths name the same file (same device and inode; symlinks followed)? False when either does not exist. */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Throw before touching anything when `output` is one of `inputs` (path, symlink or hard link). */
export function refuseInputAsOutput(output: string, inputs: readonly string[], what = 'output'): void {
  if (output === '-') return;
  for (const input of inputs) {
    if (input === '-') continue;
    if (sameFile(output, input)) throw new OutputConflictError(`${what} ${output} is the input ${input}: refusing to overwrite it (write to another file)`);
  }
}

/** A temporary path beside `path` (same folder, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Write `data` to `path` atomically: temporary file in the same folder, fsync, rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, 'wx');
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    safeUnlink(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    safeUnlink(tmp);
    throw e;
  }
}

function safeUnlink(path: string): void {
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    /* best effort: the temporary file is hidden and named as ours */
  }
}

/**
 * A file written in pieces that appears at `path` only on `commit()`; `abort()` (or
 * never committing) removes the temporary file and leaves any existing `path` as it was.
 */
export class AtomicFile {
  readonly tempPath: string;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.tempPath = tempPathFor(path);
    this.fd = openSync(this.tempPath, 'wx');
  }

  write(chunk: string | Uint8Array): void {
    if (this.fd === undefined) throw new Error('hopcode/safe-output: write after commit or abort');
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  /** A Node stream writing into the temporary file (for `pipeline`); commit after it finishes. */
  stream(): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        try {
          this.write(chunk);
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
    });
  }

  commit(): void {
    if (this.fd === undefined) throw new Error('hopcode/safe-output: commit after commit or abort');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    try {
      renameSync(this.tempPath, this.path);
    } catch (e) {
      safeUnlink(this.tempPath);
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    safeUnlink(this.tempPath);
  }
}
