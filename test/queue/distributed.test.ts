/**
 * Distributed runs (issue 10) against a real redis-server (no mocks): every test starts
 * its own server on 127.0.0.1 at a free port without persistence, and stops it.
 * The problem is small and fast (Gallager B on a (3,6) N = 1008 alist, 64-frame
 * chunks), so the counts of a queue run can be compared with a local --workers 1 run
 * exactly, chunk for chunk, in a few seconds per case.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';
import { QueueCoordinator } from '../../src/queue/coordinator.js';
import { freePort, startLocalRedis, type LocalRedis } from '../../src/queue/local-redis.js';
import { connectRedis, parseRedisUrl, setQueueVersion } from '../../src/queue/connection.js';
import { putTemplate } from '../../src/queue/job-store.js';
import { alistSource } from '../../src/sim/code-source.js';
import { decoderSpec } from '../../src/sim/decoder-spec.js';
import { readResults } from '../../src/sim/results-files.js';
import { mergeRows, type ResultRow } from '../../src/sim/results.js';
import type { SimJob } from '../../src/sim/sim-chunk.js';
import '../../src/sim/sim-chunk.js';

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const alist = fileURLToPath(new URL('../data/ldpc-3-6-n1008-seed1.alist', import.meta.url));
const problem = ['simulate', '--alist', alist, '-D', 'gallager-b', '--chunk-frames', '64', '--quiet'];
const stops = ['--p', '0.03,0.04', '--max-fe', '40', '--max-frames', '6000'];
const tmp = () => mkdtempSync(join(tmpdir(), 'hopcode-queue-'));
/** Run the CLI to its end without blocking the event loop (the tests of this file run concurrently). */
function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(p);
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    p.once('exit', (status) => resolve({ status, stderr }));
  });
}

/** Per point, the merged counts without the clock. */
function totals(file: string): unknown[] {
  return mergeRows(readResults(file).rows).map(({ seconds: _s, ...rest }: ResultRow) => rest);
}

// Every process a test starts; whatever is still running at the end is killed.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A fresh redis-server (no persistence); resolves with its URL once it accepts connections. */
function startRedis(): Promise<LocalRedis> {
  return startLocalRedis({ onSpawn: (p) => children.push(p) });
}

function startWorker(url: string, args: string[] = [], env: Record<string, string> = {}): ChildProcess & { log: string[] } {
  const p = spawn(process.execPath, [bin, 'worker', '--redis', url, '--threads', '1', '--stall-seconds', '1', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } }) as ChildProcess & { log: string[] };
  p.log = [];
  p.stderr!.on('data', (d: Buffer) => p.log.push(d.toString()));
  children.push(p);
  return p;
}

const exited = (p: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve({ code: p.exitCode, signal: p.signalCode }) : p.once('exit', (code, signal) => resolve({ code, signal }))));

let local: unknown[];
let localFile: string;

beforeAll(async () => {
  const which = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (which.error) throw new Error('redis-server not found: these tests need a real Redis. Install it with: apt-get install -y redis-server');
  localFile = join(tmp(), 'local.csv');
  const r = await run([...problem, ...stops, '--workers', '1', '-o', localFile]);
  expect(r.status, r.stderr).toBe(0);
  local = totals(localFile);
  expect(local.length).toBe(2);
});

describe.concurrent('simulate --redis gives the counts of a local run', () => {
  it('with 1 and with 3 worker processes', async () => {
    for (const workers of [1, 3]) {
      const redis = await startRedis();
      const ws = Array.from({ length: workers }, () => startWorker(redis.url));
      const out = join(tmp(), `w${workers}.csv`);
      const r = await run([...problem, ...stops, '--redis', redis.url, '-o', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(totals(out)).toEqual(local);
      // SIGTERM: a worker finishes what it holds and exits 0
      for (const w of ws) w.kill('SIGTERM');
      for (const w of ws) expect((await exited(w)).code, w.log.join('')).toBe(0);
      redis.proc.kill();
    }
  });

  it('a worker SIGKILLed during a chunk: its job is redone by another, totals identical', async () => {
    const redis = await startRedis();
    const out = join(tmp(), 'killed.csv');
    // The first worker runs alone and kills itself (SIGKILL) inside chunk 3 of the first point.
    const victim = startWorker(redis.url, ['--name', 'victim'], { HOPCODE_TEST_KILL_AT_CHUNK: '3' });
    const coordinator = spawn(process.execPath, [bin, ...problem, ...stops, '--redis', redis.url, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(coordinator);
    const end = await exited(victim);
    expect(end.signal).toBe('SIGKILL');
    // A second worker finds the stalled job (lock expired after --stall-seconds 1) and redoes it.
    const rescuer = startWorker(redis.url, ['--name', 'rescuer']);
    expect((await exited(coordinator)).code).toBe(0);
    expect(totals(out)).toEqual(local);
    rescuer.kill('SIGTERM');
    await exited(rescuer);
    redis.proc.kill();
  });

  // A longer problem (several seconds), so a run can be stopped half-way.
  const longer = ['--p', '0.025,0.02', '--max-fe', '40', '--max-frames', '12000'];
  let reference: Promise<unknown[]> | undefined;
  const longerTotals = (): Promise<unknown[]> =>
    (reference ??= (async () => {
      const file = join(tmp(), 'ref.csv');
      const ref = await run([...problem, ...longer, '--workers', '1', '-o', file]);
      expect(ref.status, ref.stderr).toBe(0);
      return totals(file);
    })());
  /** A coordinator of the longer problem, and a promise of its first row on file. */
  const startCoordinator = (url: string, out: string, extra: string[] = []) => {
    const p = spawn(process.execPath, [bin, ...problem, ...longer, '--redis', url, '-o', out, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    children.push(p);
    const firstRow = (async () => {
      // rows are flushed about every second
      for (let i = 0; i < 400 && !(existsSync(out) && readResults(out).rows.length > 0); i++) await new Promise((r) => setTimeout(r, 50));
    })();
    return { p, firstRow, stderr: () => stderr };
  };

  it('the coordinator killed and resumed: totals identical', async () => {
    const expected = await longerTotals();
    const redis = await startRedis();
    const out = join(tmp(), 'resumed.csv');
    const w = startWorker(redis.url);
    const c = startCoordinator(redis.url, out);
    await c.firstRow;
    c.p.kill('SIGKILL');
    expect((await exited(c.p)).signal).toBe('SIGKILL');
    expect(totals(out)).not.toEqual(expected); // it was stopped before the end
    const resumed = await run(['simulate', '--resume', out, '--redis', redis.url, '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(totals(out)).toEqual(expected);
    w.kill('SIGTERM');
    await exited(w);
    redis.proc.kill();
  });

  it('Redis dying mid-run: one line, exit 2, and the results file resumes to the same totals', async () => {
    const expected = await longerTotals();
    const redis = await startRedis();
    const out = join(tmp(), 'redis-died.csv');
    startWorker(redis.url);
    const c = startCoordinator(redis.url, out, ['--redis-patience', '1']);
    await c.firstRow;
    redis.proc.kill('SIGKILL');
    const end = await exited(c.p);
    expect(end.code, c.stderr()).toBe(2);
    expect(c.stderr().trim().split('\n').filter((l) => !l.startsWith('hopcode: note:'))).toHaveLength(1);
    expect(c.stderr()).toMatch(/lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ .*resume/);
    // the file is intact: it resumes (here on this machine's threads) to the same totals
    const resumed = await run(['simulate', '--resume', out, '--workers', '1', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(totals(out)).toEqual(expected);
  });
});

describe.concurrent('queue semantics', () => {
  it('job ids are deterministic and a duplicate enqueue is ignored; a throwing chunk is retried a bounded number of times, then named with its worker', async () => {
    const redis = await startRedis();
    const c = await QueueCoordinator.open(redis.url, { attempts: 2 });
    try {
      const template = 'ab'.repeat(12);
      await c.enqueue(template, [0, 1, 2]);
      await c.enqueue(template, [0, 1, 2]);
      expect(await c.queue.getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized')).toBe(3);
      await c.queue.obliterate({ force: true });

      const source = alistSource(alist);
      const net = CompiledNetwork.fromCode(source.code);
      const job: SimJob = { kind: 'sim', network: net.toShared(), decoder: decoderSpec('gallager-b', 'unit'), channel: { kind: 'bsc', noise: 0.03, rate: source.code.rate }, seed: 7, framesPerChunk: 64, failAtChunk: 2 };
      // job ids are deterministic: the same problem and noise point give the same template id
      const client = await connectRedis(parseRedisUrl(redis.url));
      const again = CompiledNetwork.fromCode(source.code); // another compile of the same code
      expect(await putTemplate(client, { ...job, network: again.toShared() })).toBe(await putTemplate(client, job));
      expect(await putTemplate(client, { ...job, channel: { ...job.channel, noise: 0.031 } })).not.toBe(await putTemplate(client, job));
      client.disconnect();
      const w = startWorker(redis.url, ['--name', 'w-test']);
      await expect(c.runJob(job, { maxChunks: 6 })).rejects.toThrow(/chunk 2 failed: .*chunk 2 failed on worker w-test.*failing on purpose.*\(2 attempts\)/);
      expect(await c.queue.getJobCountByTypes('failed')).toBe(0); // forgotten: a resumed run tries it afresh
      w.kill('SIGTERM');
      await exited(w);
    } finally {
      await c.close();
      redis.proc.kill();
    }
  });
});

describe.concurrent('bad input and a missing Redis: one line, exit 2, files intact', () => {
  it('malformed URLs are refused before connecting', () => {
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/--redis must start with redis:\/\/ or rediss:\/\//);
    expect(() => parseRedisUrl('redis://')).toThrow(/names no host/);
    expect(() => parseRedisUrl('redis://127.0.0.1:99999')).toThrow(/--redis must be a URL|port must be 1\.\.65535/);
    expect(() => parseRedisUrl('redis://h:6379/x')).toThrow(/database number/);
    expect(parseRedisUrl('redis://u:secret@h:7000/2').url).toBe('redis://u:***@h:7000/2'); // never print a password
  });

  it('unreachable server, worker without --redis, incompatible queue version', async () => {
    const out = join(tmp(), 'keep.csv');
    copyFileSync(localFile, out);
    const before = readFileSync(out, 'utf8');
    const oneLine = (r: { status: number | null; stderr: string }, pattern: RegExp) => {
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    };
    const closed = await freePort();
    oneLine(await run(['simulate', '--resume', out, '--max-frames', '6400', '--redis', `redis://127.0.0.1:${closed}`]), /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    oneLine(await run(['simulate', '--resume', out, '--redis', 'localhost:6379']), /--redis must start with redis:\/\//);
    oneLine(await run(['worker']), /hopcode worker needs --redis URL/);

    const redis = await startRedis();
    const client = await connectRedis(parseRedisUrl(redis.url));
    const c = await QueueCoordinator.open(redis.url);
    await c.enqueue('cd'.repeat(12), [0]); // a job waiting in the queue …
    await c.close();
    await setQueueVersion(client, '0.0.1'); // … of another hopcode version
    client.disconnect();
    await expect(QueueCoordinator.open(redis.url)).rejects.toThrow(/the queue at redis:\/\/127\.0\.0\.1:\d+ holds jobs of hopcode 0\.0\.1, this is hopcode/);
    oneLine(await run(['worker', '--redis', redis.url]), /the queue at redis:\/\/127\.0\.0\.1:\d+ holds jobs of hopcode 0\.0\.1, this is hopcode/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    redis.proc.kill();
  });
});
