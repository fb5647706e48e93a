/**
 * hopcode/sim/code-source — the code a simulation runs: a preset, or an alist file.
 *
 * Returns the built `Code` with the identity that goes into the problem hash (so rows
 * of different codes never merge) and a human label.
 */
import { readFileSync } from 'node:fs';
import { parseAlist } from '../codes/alist.js';
import { buildPreset, codeFromParityCheck, type Code } from '../network/code.js';
import { sha256Hex } from './results.js';

export interface CodeSource {
  code: Code;
  id: Record<string, unknown>;
  label: string;
}

export function presetSource(preset: string, n: number, seed: string | number): CodeSource {
  const code = buildPreset({ preset, n, seed });
  return { code, id: { preset, n: code.n, seed: String(seed), builder: 1 }, label: `${preset} N=${code.n}` };
}

export function alistSource(path: string): CodeSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`hopcode/alist: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const h = parseAlist(text, path);
  const name = path.split('/').pop()!.replace(/\.alist$/, '');
  const code = codeFromParityCheck(h, name);
  return { code, id: { alistSha256: sha256Hex(text) }, label: `${name} N=${code.n}` };
}
