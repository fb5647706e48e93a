/**
 * Every code block in README.md runs (STYLE.md §14: docs that execute).
 *
 * `ts` blocks are transpiled (TypeScript's transpileModule) and run by Node against the
 * built package, imported as 'hopcode' through a node_modules link in a scratch folder.
 * `sh` blocks run line by line with `hopcode` = the built bin, each command with the
 * small-size options listed in SMALL; a line with shell syntax (pipes, redirections, `;`,
 * other tools such as dd) runs under bash with `hopcode` on the PATH; a trailing comment
 * `# exit N` states the exit code the line must give (default 0). The few lines that
 * cannot run inside the test suite are in SKIP with the reason. Untagged blocks are
 * sample output, not code.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist/cli/main.js');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Lines that are not run, and why. */
const SKIP: Record<string, string> = {
  'npm ci': 'the install itself: CI runs it before the suite',
  'npm test': 'this test suite (it would run itself)',
};
/** Options appended to a command so that it runs in about a second. */
const SMALL: Record<string, string[]> = {
  'npx hopcode simulate': ['-n', '1024', '-e', '20', '--workers', '0', '--quiet'],
};

interface Block {
  lang: string;
  body: string;
  line: number;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ lang: m[1]!, body: m[2]!, line: text.slice(0, m.index).split('\n').length });
  return out;
}

const all = blocks(readme);
const dir = mkdtempSync(join(tmpdir(), 'hopcode-readme-'));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(root, join(dir, 'node_modules', 'hopcode'), 'dir');
// `hopcode` for the lines that run under bash: the built bin
mkdirSync(join(dir, '.bin'));
writeFileSync(join(dir, '.bin', 'hopcode'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
chmodSync(join(dir, '.bin', 'hopcode'), 0o755);
const shellEnv = { ...process.env, PATH: `${join(dir, '.bin')}:${process.env.PATH ?? ''}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README code blocks', () => {
  it('has the blocks this test knows how to run', () => {
    expect(all.filter((b) => b.lang === 'ts').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((b) => b.lang === 'sh').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((b) => !['ts', 'sh', ''].includes(b.lang))).toEqual([]);
  });

  for (const [i, b] of all.filter((x) => x.lang === 'ts').entries()) {
    it(`ts block ${i + 1} (README line ${b.line}) runs against the built package`, () => {
      const js = ts.transpileModule(b.body, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      const file = join(dir, `block-${i + 1}.mjs`);
      writeFileSync(file, js);
      const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
      expect(r.status, `README line ${b.line}:\n${r.stderr}`).toBe(0);
    });
  }

  for (const [i, b] of all.filter((x) => x.lang === 'sh').entries()) {
    it(`sh block ${i + 1} (README line ${b.line}) runs, small`, () => {
      // Inputs the examples name: a file to protect.
      writeFileSync(join(dir, 'photo.raw'), Uint8Array.from({ length: 20_000 }, (_, k) => (k * 2654435761) >>> 24));
      mkdirSync(join(dir, 'dir'), { recursive: true });
      writeFileSync(join(dir, 'dir', 'a.txt'), 'a folder to archive\n');
      for (const raw of b.body.split('\n')) {
        // comments go; `[--json]` (optional-argument notation) runs without the option
        const line = raw.replace(/\s+#.*$/, '').replace(/\s*\[[^\]]*\]/g, '').trim();
        if (line === '' || line.startsWith('#')) continue;
        if (line in SKIP) continue;
        const status = Number(/\s#\s*exit (\d+)/.exec(raw)?.[1] ?? 0);
        if (/[|;<>]/.test(line) || !/^(npx )?hopcode /.test(line)) {
          const r = spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { cwd: dir, encoding: 'utf8', env: shellEnv });
          expect(r.status, `${line}\n${r.stderr}`).toBe(status);
          continue;
        }
        const words = line.split(/\s+/);
        const small = SMALL[line] ?? [];
        const cmd = line.startsWith('npx hopcode ') ? words.slice(2) : words[0] === 'hopcode' ? words.slice(1) : undefined;
        expect(cmd, `README line: "${line}" is neither run nor in SKIP`).toBeDefined();
        const r = spawnSync(process.execPath, [bin, ...cmd!, ...small], { cwd: dir, encoding: 'utf8' });
        expect(r.status, `${line}\n${r.stderr}`).toBe(status);
      }
    });
  }
});
