/**
 * hopcode/queue/local-redis — a throw-away redis-server on 127.0.0.1 for benchmarks and
 * tests (no persistence, no eviction), on a free port.
 *
 * Why a retry: the free port is found by binding port 0 and closing it, so another
 * process (tests run concurrently) can take it before redis-server binds; a second or
 * third port then succeeds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface LocalRedis {
  url: string;
  port: number;
  proc: ChildProcess;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether `redis-server` can be run on this machine. */
export function hasRedisServer(): boolean {
  return !spawnSync('redis-server', ['--version']).error;
}

/**
 * Start a fresh redis-server; resolves once it accepts connections. `onSpawn` sees
 * every process started (so a caller can kill leftovers), up to `attempts` ports.
 */
export async function startLocalRedis(opts: { attempts?: number; onSpawn?: (p: ChildProcess) => void } = {}): Promise<LocalRedis> {
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts.onSpawn);
    } catch (e) {
      if (attempt >= attempts) throw e;
    }
  }
}

async function startOnce(onSpawn?: (p: ChildProcess) => void): Promise<LocalRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn?.(proc);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.once('error', reject);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out.trim().split('\n').pop() ?? ''}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, port, proc };
}
