/**
 * hopcode/codec/codec-worker — piscina worker entry: encodes or decodes a batch of groups.
 *
 * The worker rebuilds the network from its EngineKey once (engineFor caches it) and
 * runs exactly the calling thread's group functions (groups.ts), so pooled results
 * are byte-identical to single-thread ones (results are structured-cloned back: a
 * memcpy, small next to the coding). A failure is reported naming the group's blocks.
 * Why copy, not transfer (issue 12 asked for transfers): moving the job and result
 * buffers (transferList / Piscina.move) was measured slower — pool of 2, 8 MiB, two
 * paired runs: encode 40.5 / 27.5 vs 43.9 / 41.6 MB/s copied, BER 1e-3 decode 27.2 /
 * 17.7 vs 34.6 / 31.3. Likely cause: the first detached ArrayBuffer invalidates V8's
 * "no buffer detached" protector, and every typed-array access in the isolate's hot
 * kernels then pays a detach check.
 */
import { engineFor, type EngineKey } from './engine.js';
import { decodeGroup, encodeGroup, type GroupDecodeResult } from './groups.js';

export interface EncodeTask {
  op: 'encode';
  key: EngineKey;
  jobs: { bytes: Uint8Array; first: number }[];
  /** CRC-32C state of the container's file id (block-codec.ts). */
  seed: number;
}

export interface DecodeTask {
  op: 'decode';
  key: EngineKey;
  jobs: { bytes: Uint8Array; l: number; first: number; dataLen: number }[];
  seed: number;
  /** Test hook: throw while decoding the group holding this block. */
  failAtBlock?: number;
}

export type CodecTask = EncodeTask | DecodeTask;

export default function runCodecTask(task: CodecTask): Uint8Array[] | GroupDecodeResult[] {
  const engine = engineFor(task.key);
  const p = engine.blocks.payloadBytes;
  if (task.op === 'encode') {
    const out: Uint8Array[] = [];
    for (const j of task.jobs) {
      const l = Math.ceil(j.bytes.length / p);
      try {
        out.push(encodeGroup(engine, j.bytes, 0, j.bytes.length, j.first, task.seed));
      } catch (e) {
        throw new Error(`hopcode/codec: encoding blocks ${j.first} … ${j.first + l - 1} failed in a worker: ${(e as Error).message}`);
      }
    }
    return out;
  }
  const out: GroupDecodeResult[] = [];
  for (const j of task.jobs) {
    try {
      if (task.failAtBlock !== undefined && task.failAtBlock >= j.first && task.failAtBlock < j.first + j.l) throw new Error('test hook');
      out.push(decodeGroup(engine, j.bytes, 0, j.bytes.length, j.l, j.first, j.dataLen, task.seed));
    } catch (e) {
      throw new Error(`hopcode/codec: decoding blocks ${j.first} … ${j.first + j.l - 1} failed in a worker: ${(e as Error).message}`);
    }
  }
  return out;
}
