/**
 * hopcode/sim/run-lock — one writer per results file.
 *
 * Two processes appending to one results file (the same `--resume` started twice)
 * would both run the same chunks and write them twice, and the file could then no
 * longer be merged or resumed (its chunk ranges overlap). A run therefore holds a
 * lock file beside its results file (`.NAME.lock`, created with O_EXCL, holding pid,
 * host and start time) for as long as it writes. A lock left by a process that died
 * (killed with SIGKILL, a crash) on this host is recognised — its pid is gone — and
 * taken over; one from another host is reported, with the path to remove by hand.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

export function lockPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export class RunLock {
  private held = true;
  private readonly onExit = (): void => this.release();

  private constructor(readonly lockPath: string) {
    process.on('exit', this.onExit);
  }

  /** Take the lock of results file `path`, or throw naming the process that holds it. */
  static acquire(path: string): RunLock {
    const lockPath = lockPathFor(path);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }) + '\n');
        closeSync(fd);
        return new RunLock(lockPath);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`hopcode/sim: cannot create the lock ${lockPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      let holder: { pid?: unknown; host?: unknown; started?: unknown } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // unreadable or half-written lock: treat as held by an unknown process
      }
      const pid = typeof holder.pid === 'number' ? holder.pid : undefined;
      if (holder.host === hostname() && pid !== undefined && !alive(pid)) {
        try {
          unlinkSync(lockPath); // stale: its process is gone
        } catch {
          /* another process took it over first; the next attempt reports it */
        }
        continue;
      }
      throw new Error(`hopcode/sim: ${path} is being written by process ${pid ?? '?'} on ${String(holder.host ?? '?')} (since ${String(holder.started ?? '?')}): wait for it to end, or remove ${lockPath} if that process is gone`);
    }
    throw new Error(`hopcode/sim: could not take the lock ${lockPath}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    process.off('exit', this.onExit);
    try {
      unlinkSync(this.lockPath);
    } catch {
      /* already gone */
    }
  }
}
