/**
 * hopcode/codec/codec-worker — piscina worker entry: encodes or decodes a batch of groups.
 *
 * The worker rebuilds the network from its EngineKey once (engineFor caches it) and
 * runs exactly the calling thread's group functions (groups.ts), so pooled results
 * are byte-identical to single-thread ones (results are structured-cloned back: a
 * memcpy, small next to the coding). A failure is reported naming the group's blocks.
 * Buffers are shared, not copied or transferred (issue 12): the calling thread copies a
 * batch's input once into a SharedArrayBuffer and allocates the batch's output as
 * another; the worker reads the one and writes the other in place (a whole-slab group is
 * encoded straight into the shared output, and decoded from a view of the shared input),
 * and only the small per-block status arrays are cloned back. Transferring ArrayBuffers
 * (transferList / Piscina.move) was measured slower before (pool of 2, 8 MiB, two paired
 * runs: encode 40.5 / 27.5 vs 43.9 / 41.6 MB/s copied): the first detached ArrayBuffer
 * invalidates V8's "no buffer detached" protector and every typed-array access of the
 * isolate's hot kernels then pays a detach check. A SharedArrayBuffer is never detached.
 * An in-place buffer encode goes further: the container itself is shared, and the worker
 * writes its group's pages into it (page-place.ts), so the calling thread neither frames
 * nor copies the output, nor takes the page faults of the fresh container.
 */
import { engineFor, type EngineKey } from './engine.js';
import { decodeGroupInto, encodeGroupInto, type GroupDecodeResult } from './groups.js';
import { placeS } from './page-place.js';
import { wholePages } from './page-stream.js';
import { groupByteLength } from './interleave.js';
import { gatherSegments, type Segments } from './segment-queue.js';
import { PAGE_BYTES, PAGE_DATA_BYTES } from './container.js';
import { runBoard, type BoardTask } from './group-board.js';
import { runEncodeBoard, type EncodeBoardTask } from './encode-board.js';

/** A range of a task's shared buffer. */
export interface Span {
  at: number;
  len: number;
}

export interface EncodeTask {
  op: 'encode';
  key: EngineKey;
  /** Payload of all jobs (SharedArrayBuffer-backed); job i is input[in[i]]. */
  input: Uint8Array;
  /** Group bytes of job i go to output[out[i]] (groupByteLength of its blocks) … */
  output: Uint8Array;
  /** … or, with `place`, into the container's pages from S offset jobs[i].sAt (page-place.ts placeS) … */
  place?: { out: Uint8Array; rec: Uint8Array; headCrc: number };
  /**
   * … or, with `frame` (a stream), output[out[i]] holds the group's whole pages p0 … p1 − 1
   * framed (page-stream.ts wholePages, from S offset sAt) followed by its bytes before page
   * p0 and those from page p1 on; just the group bytes when it has no whole page.
   */
  frame?: { rec: Uint8Array; headCrc: number };
  jobs: { in: Span; out: Span; sAt?: number; first: number }[];
  /** CRC-32C state of the container's file id (block-codec.ts). */
  seed: number;
}

export interface DecodeTask {
  op: 'decode';
  key: EngineKey;
  /** Job i's group bytes are jobs[i].input (shared), or the pieces jobs[i].segments of a shared input (gathered here); its payload goes to jobs[i].dest (its slot of the decode's shared output) or else output[out[i]] (dataLen bytes). */
  output: Uint8Array;
  jobs: { input: Uint8Array; segments?: Segments; out: Span; dest?: Uint8Array; l: number; first: number }[];
  seed: number;
  /** Test hook: throw while decoding the group holding this block. */
  failAtBlock?: number;
}

export type CodecTask = EncodeTask | DecodeTask | BoardTask | EncodeBoardTask;

/** Per decoded group: what decodeGroup returns besides the payload (which is in the shared output). */
export type DecodeStatus = Omit<GroupDecodeResult, 'data'>;

const sub = (b: Uint8Array, s: Span): Uint8Array => b.subarray(s.at, s.at + s.len);

/** A stream's group g at S offset sAt into o: its whole pages framed, then the bytes before and after them (EncodeTask.frame). */
function frameGroup(o: Uint8Array, rec: Uint8Array, headCrc: number, sAt: number, g: Uint8Array): void {
  const { p0, p1 } = wholePages(sAt, g.length);
  if (p1 <= p0) {
    o.set(g);
    return;
  }
  const a = p0 * PAGE_DATA_BYTES - sAt;
  const b = p1 * PAGE_DATA_BYTES - sAt;
  const pagesLen = (p1 - p0) * PAGE_BYTES;
  placeS(o, rec, headCrc, p0 * PAGE_DATA_BYTES, g.subarray(a, b), p0);
  o.set(g.subarray(0, a), pagesLen);
  o.set(g.subarray(b), pagesLen + a);
}

let scratch = new Uint8Array(0);
/** This worker's group buffer (grown, never shrunk: one group of the largest interleave seen). */
function groupScratch(bytes: number): Uint8Array {
  if (scratch.length < bytes) scratch = new Uint8Array(bytes);
  return scratch.subarray(0, bytes);
}

export default function runCodecTask(task: CodecTask): null | DecodeStatus[] {
  const engine = engineFor(task.key);
  const p = engine.blocks.payloadBytes;
  if (task.op === 'board') {
    // Rows of a whole shared decode, claimed until the board closes (group-board.ts).
    const stage = (n: number, l: number): Uint8Array => {
      const s = engine.blocks.groupStage(l);
      return s !== null && s.length === n ? s : groupScratch(n);
    };
    runBoard(task, stage, (input, l, first, dest) => decodeGroupInto(engine, input, 0, input.length, l, first, task.seed, dest));
    return null;
  }
  if (task.op === 'encode-board') {
    // Groups of an in-place encode, claimed until the board closes (encode-board.ts).
    const { out, rec, headCrc, seed } = task;
    runEncodeBoard(task, p, (input, first, sAt) => {
      const g = groupScratch(groupByteLength(Math.ceil(input.length / p), engine.code.n));
      encodeGroupInto(engine, input, 0, input.length, first, seed, g);
      placeS(out, rec, headCrc, sAt, g);
    });
    return null;
  }
  if (task.op === 'encode') {
    const pl = task.place;
    for (const j of task.jobs) {
      const l = Math.ceil(j.in.len / p);
      try {
        if (pl && j.sAt !== undefined) {
          // Into this worker's scratch (cache-warm, reused), then into its pages of the container.
          const g = groupScratch(j.out.len);
          encodeGroupInto(engine, sub(task.input, j.in), 0, j.in.len, j.first, task.seed, g);
          placeS(pl.out, pl.rec, pl.headCrc, j.sAt, g);
        } else if (task.frame && j.sAt !== undefined) {
          const g = groupScratch(groupByteLength(l, engine.code.n));
          encodeGroupInto(engine, sub(task.input, j.in), 0, j.in.len, j.first, task.seed, g);
          frameGroup(sub(task.output, j.out), task.frame.rec, task.frame.headCrc, j.sAt, g);
        } else encodeGroupInto(engine, sub(task.input, j.in), 0, j.in.len, j.first, task.seed, sub(task.output, j.out));
      } catch (e) {
        throw new Error(`hopcode/codec: encoding blocks ${j.first} … ${j.first + l - 1} failed in a worker: ${(e as Error).message}`);
      }
    }
    return null;
  }
  const out: DecodeStatus[] = [];
  for (const j of task.jobs) {
    try {
      if (task.failAtBlock !== undefined && task.failAtBlock >= j.first && task.failAtBlock < j.first + j.l) throw new Error('test hook');
      let input = j.input;
      if (j.segments) {
        // Pieces of the shared input (segment-queue.ts): gathered here, into this worker's own buffer.
        input = groupScratch(j.segments.length);
        gatherSegments(j.segments, input);
      }
      out.push(decodeGroupInto(engine, input, 0, input.length, j.l, j.first, task.seed, j.dest ?? sub(task.output, j.out)));
    } catch (e) {
      throw new Error(`hopcode/codec: decoding blocks ${j.first} … ${j.first + j.l - 1} failed in a worker: ${(e as Error).message}`);
    }
  }
  return out;
}
