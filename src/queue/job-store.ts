/**
 * hopcode/queue/job-store — a job's template in Redis, so a chunk job carries three fields.
 *
 * A pool job (any registered kind) holds a compiled network in a SharedArrayBuffer; a
 * queue job cannot. The coordinator stores the network once, under the SHA-256 of its
 * bytes, and the job without it (decoder, channel and noise point, seed, frames per
 * chunk) under the SHA-256 of the job's canonical JSON and the network's hash. That
 * template id is the "problem hash + noise point" part of every chunk job id
 * (`<template>-<chunk>`), so the same chunk of the same problem always has the same id,
 * whoever enqueues it: BullMQ ignores a job added with an id it already holds.
 * Workers rebuild the job (network bytes into a SharedArrayBuffer of their own, once).
 * The bytes are little-endian Int32 words: every platform Node runs on in practice.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedNetworkHandle } from '../decoders/compiled-network.js';
import type { AnyJob } from '../pool/decode-pool.js';
import { VERSION } from '../version.js';
import { KEY_PREFIX, QueueError } from './connection.js';

/** Templates and networks live for 30 days after their last use. */
const TTL_SECONDS = 30 * 24 * 3600;

interface StoredTemplate {
  hopcode: string;
  /** The job without its network. */
  job: Record<string, unknown>;
  /** SHA-256 of the network's bytes (key of the stored network). */
  network: string;
}

interface StoredNetwork {
  meta: SharedNetworkHandle['meta'];
  base64: string;
}

/** JSON with sorted keys (the hash must not depend on property order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function bytesOf(buffer: SharedArrayBuffer): Uint8Array {
  return new Uint8Array(buffer);
}

/** The chunk job id of chunk `chunk` of template `template`. */
export function chunkJobId(template: string, chunk: number): string {
  return `${template}-${chunk}`;
}

/** The template and chunk of a job id (undefined if not one of ours). */
export function parseChunkJobId(id: string): { template: string; chunk: number } | undefined {
  const m = /^([0-9a-f]{24})-(\d+)$/.exec(id);
  return m ? { template: m[1]!, chunk: Number(m[2]) } : undefined;
}

/** Store a job's template (and its network) and return the template id. */
export async function putTemplate(client: Redis, job: AnyJob): Promise<string> {
  const { network, ...rest } = job as AnyJob & { network: SharedNetworkHandle };
  const netHash = sha256(bytesOf(network.buffer));
  const { id: _id, ...metaWithoutId } = network.meta;
  const template = sha256(canonical({ hopcode: VERSION, job: rest, network: netHash, meta: metaWithoutId })).slice(0, 24);
  const netKey = `${KEY_PREFIX}net:${netHash}`;
  const tplKey = `${KEY_PREFIX}tpl:${template}`;
  if ((await client.expire(netKey, TTL_SECONDS)) === 0) {
    const stored: StoredNetwork = { meta: network.meta, base64: Buffer.from(bytesOf(network.buffer)).toString('base64') };
    await client.set(netKey, JSON.stringify(stored), 'EX', TTL_SECONDS);
  }
  const body: StoredTemplate = { hopcode: VERSION, job: rest as Record<string, unknown>, network: netHash };
  await client.set(tplKey, JSON.stringify(body), 'EX', TTL_SECONDS);
  return template;
}

/** Rebuilds jobs from templates, keeping networks (by hash) and jobs (by template) per process. */
export class TemplateCache {
  private readonly jobs = new Map<string, AnyJob>();
  private readonly networks = new Map<string, SharedNetworkHandle>();
  constructor(private readonly client: Redis) {}

  async job(template: string): Promise<AnyJob> {
    const cached = this.jobs.get(template);
    if (cached) return cached;
    const text = await this.client.get(`${KEY_PREFIX}tpl:${template}`);
    if (text === null) throw new QueueError(`hopcode/queue: job template ${template} is not in Redis (expired or removed)`);
    const t = JSON.parse(text) as StoredTemplate;
    if (t.hopcode !== VERSION) throw new QueueError(`hopcode/queue: job template ${template} was written by hopcode ${t.hopcode}, this worker is ${VERSION}`);
    const job = { ...t.job, network: await this.network(t.network) } as unknown as AnyJob;
    if (this.jobs.size > 64) this.jobs.clear();
    this.jobs.set(template, job);
    return job;
  }

  private async network(hash: string): Promise<SharedNetworkHandle> {
    const cached = this.networks.get(hash);
    if (cached) return cached;
    const text = await this.client.get(`${KEY_PREFIX}net:${hash}`);
    if (text === null) throw new QueueError(`hopcode/queue: network ${hash.slice(0, 16)} is not in Redis (expired or removed)`);
    const s = JSON.parse(text) as StoredNetwork;
    const bytes = Buffer.from(s.base64, 'base64');
    if (sha256(bytes) !== hash) throw new QueueError(`hopcode/queue: network ${hash.slice(0, 16)} in Redis is corrupt (hash mismatch)`);
    const buffer = new SharedArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    // The pool caches compiled networks by meta.id: make it the content hash, unique across machines.
    const handle: SharedNetworkHandle = { meta: { ...s.meta, id: `q-${hash.slice(0, 24)}` }, buffer };
    if (this.networks.size > 8) this.networks.clear();
    this.networks.set(hash, handle);
    return handle;
  }
}
