/** A network built once per test file for each set of preset options (building dominates small tests). */
import { buildPreset, type Code, type PresetCodeOptions } from '../../src/network/code.js';
import { CompiledNetwork } from '../../src/decoders/compiled-network.js';

const built = new Map<string, { code: Code; net: CompiledNetwork }>();

/** buildPreset(opts) and its CompiledNetwork, memoised on the options. */
export function cachedNetwork(opts: PresetCodeOptions): { code: Code; net: CompiledNetwork } {
  const id = JSON.stringify(opts);
  let b = built.get(id);
  if (!b) {
    const code = buildPreset(opts);
    b = { code, net: CompiledNetwork.fromCode(code) };
    built.set(id, b);
  }
  return b;
}
