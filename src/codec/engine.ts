/**
 * hopcode/codec/engine — one network compiled for the codec, built once and cached.
 *
 * An engine is (preset, N, seed, sweep cap): the Code, its fast encoder, the block
 * decoder (the seam where the bit-sliced kernel plugs in) and the hash of H that the
 * container header carries. Parity and Hamming presets decode with the sync input rule;
 * radius-t (BCH) presets with cluster-serial dynamics in fixed cluster order.
 */
import { buildPreset, type Code } from '../network/code.js';
import { presetByName, roundN } from '../network/presets.js';
import { clusterSerialBlockDecoder, defaultBlockDecoder, ReferenceBlockDecoder, SparseSyncDecoder, type BlockDecoder } from '../decoders/block-decoder.js';
import { BlockCodec } from './block-codec.js';
import { matrixHash, MAX_N } from './container.js';
import { CodecError } from './errors.js';

export interface EngineKey {
  preset: string;
  n: number;
  seed: number;
  maxSweeps: number;
  /** 'auto': the fastest exact decoder (bit-sliced kernel); 'sparse': the sparse sync decoder; 'reference': runDynamics per lane. */
  decoder: 'auto' | 'sparse' | 'reference';
}

export interface Engine {
  key: EngineKey;
  code: Code;
  blocks: BlockCodec;
  hHash: number;
}

export { MAX_N };
const cache = new Map<string, Engine>();
const CACHE_SIZE = 4;

/** Build (or reuse) the engine for a network; throws CodecError('BAD_OPTIONS') on bad parameters. */
export function engineFor(key: EngineKey): Engine {
  const id = `${key.preset}/${key.n}/${key.seed}/${key.maxSweeps}/${key.decoder}`;
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  let code: Code;
  // Radius-t (BCH) presets run cluster-serial dynamics (fixed cluster order), the others the sync input rule.
  let serial = false;
  try {
    const p = presetByName(key.preset);
    // The limit first: building costs superlinear time in N (2 s at 8000, 22 s at 32 000 on
    // a loaded 2-core machine), so a header must not be able to ask for N = 262 140.
    if (key.n > MAX_N) throw new Error(`N = ${key.n} is above the codec's limit ${MAX_N}`);
    if (roundN(p, key.n).n !== key.n) throw new Error(`N = ${key.n} is not a valid size for ${key.preset}: the nearest valid N is ${roundN(p, key.n).n}`);
    serial = p.dynamics !== undefined;
    code = buildPreset({ preset: key.preset, n: key.n, seed: key.seed });
  } catch (e) {
    throw new CodecError('BAD_OPTIONS', `cannot build the network: ${(e as Error).message}`);
  }
  const dyn = { rule: code.rule, schedule: code.schedule, maxSweeps: key.maxSweeps };
  const decoder: BlockDecoder = serial
    ? clusterSerialBlockDecoder(code, key.maxSweeps, key.decoder)
    : key.decoder === 'reference' ? new ReferenceBlockDecoder(code.network, dyn) : key.decoder === 'sparse' ? new SparseSyncDecoder(code.network, dyn) : defaultBlockDecoder(code, dyn);
  let blocks: BlockCodec;
  try {
    blocks = new BlockCodec(code, decoder);
  } catch (e) {
    throw new CodecError('BAD_OPTIONS', (e as Error).message);
  }
  const engine: Engine = { key: { ...key }, code, blocks, hHash: matrixHash(code.parityCheck) };
  cache.set(id, engine);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return engine;
}
