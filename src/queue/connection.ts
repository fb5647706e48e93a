/**
 * hopcode/queue/connection — the Redis a distributed run goes through: URL, probe, version.
 *
 * Every failure here is one line naming the URL as the user typed it: a malformed URL,
 * a server that does not answer within a few seconds, a Redis too old for BullMQ, or a
 * queue that holds jobs of another hopcode version (chunk counts of two versions need
 * not agree, so they must never be mixed in one run). The version is kept in one Redis
 * key beside the queue; it is claimed by the first hopcode that uses an empty queue.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { VERSION } from '../version.js';

/** The BullMQ queue every hopcode worker listens on. */
export const QUEUE_NAME = 'hopcode-chunks';
/** Key prefix of hopcode's own keys (job templates, networks, the queue's version). */
export const KEY_PREFIX = 'hopcode:';
const VERSION_KEY = `${KEY_PREFIX}queue-version`;

/** An error the CLI prints as one line with exit code 2. */
export class QueueError extends Error {
  override name = 'QueueError';
  readonly exitCode = 2;
}

export interface RedisTarget {
  /** The URL as given, its password hidden (for messages). */
  url: string;
  /** Connection options for ioredis and BullMQ. */
  options: RedisOptions;
}

/** Parse `redis://[user:password@]host[:port][/db]` (or rediss:// for TLS). */
export function parseRedisUrl(text: string, flag = '--redis'): RedisTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new QueueError(`${flag} must be a URL such as redis://127.0.0.1:6379, got "${text}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new QueueError(`${flag} must start with redis:// or rediss://, got "${text}"`);
  if (!u.hostname) throw new QueueError(`${flag} names no host: "${text}"`);
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new QueueError(`${flag}: port must be 1..65535, got "${u.port}" in "${text}"`);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,2}$/.test(path)) throw new QueueError(`${flag}: the path must be a database number (redis://host:port/0), got "/${path}" in "${text}"`);
  if (u.search || u.hash) throw new QueueError(`${flag}: unexpected "${u.search}${u.hash}" in "${text}"`);
  const options: RedisOptions = {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db: path === '' ? 0 : Number(path),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // A connection attempt to a dead host gives up soon (its timer would also keep the process alive).
    connectTimeout: 3000,
    // BullMQ's blocking connections require this; our own commands fail fast below instead.
    maxRetriesPerRequest: null,
  };
  return { url: text.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@'), options };
}

/**
 * A client of our own (not BullMQ's): connects once within `timeoutMs` or throws, and
 * afterwards gives up (errors every command) once the server has been gone for
 * `lostAfterMs`, so a coordinator notices a dead Redis instead of waiting forever.
 */
export async function connectRedis(t: RedisTarget, o: { timeoutMs?: number; lostAfterMs?: number } = {}): Promise<Redis> {
  const timeoutMs = o.timeoutMs ?? 3000;
  const lostAfterMs = o.lostAfterMs ?? 10_000;
  let connected = false;
  let lostSince = 0;
  const client = new Redis({
    ...t.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: () => {
      if (!connected) return null;
      lostSince ||= Date.now();
      return Date.now() - lostSince > lostAfterMs ? null : 250;
    },
  });
  let lastError: unknown;
  client.on('error', (e) => (lastError = e)); // reported through the failing command instead
  client.on('ready', () => {
    connected = true;
    lostSince = 0;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new QueueError(`cannot reach Redis at ${t.url}: ${reason(lastError ?? e)} (is redis-server running there?)`);
  }
  return client;
}

/** The short reason of a connection error (ECONNREFUSED, ETIMEDOUT, …). */
export function reason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code ?? err.message ?? String(e);
}

/** The Redis server's version ("7.0.15"); BullMQ needs ≥ 5. */
async function serverVersion(client: Redis): Promise<string> {
  const info = await client.info('server');
  return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
}

/**
 * Check the server and the queue's hopcode version. A queue still holding jobs
 * (`busy`) of another version is refused; an idle one is claimed for this version.
 */
export async function checkQueue(client: Redis, t: RedisTarget, busy: () => Promise<boolean>): Promise<void> {
  const version = await serverVersion(client);
  const major = Number(version.split('.')[0]);
  if (!(major >= 5)) throw new QueueError(`Redis at ${t.url} is version ${version}; BullMQ needs Redis ≥ 5`);
  const stored = await client.get(VERSION_KEY);
  if (stored === null || stored === VERSION) {
    if (stored === null) await client.set(VERSION_KEY, VERSION, 'NX');
    return;
  }
  if (await busy()) {
    throw new QueueError(`the queue at ${t.url} holds jobs of hopcode ${stored}, this is hopcode ${VERSION}: run the same version everywhere, or use another database (e.g. ${t.url.replace(/\/\d*$/, '')}/1)`);
  }
  await client.set(VERSION_KEY, VERSION);
}

/** The queue's recorded hopcode version (tests, diagnostics). */
export async function queueVersion(client: Redis): Promise<string | null> {
  return client.get(VERSION_KEY);
}

/** Record another version (tests of the version check). */
export async function setQueueVersion(client: Redis, version: string): Promise<void> {
  await client.set(VERSION_KEY, version);
}
