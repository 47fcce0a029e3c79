import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docFiles, shellBlocks } from './helpers/docBlocks.js';
import { tempDir } from './helpers/packFixtures.js';
import { CLI, ROOT } from './helpers/runCli.js';

/**
 * Blocks in pages other teams own that cannot run in a test and carry no marker yet, by file and
 * first line. Each should get `<!-- docs-test: skip: reason -->` in its page; the test fails when
 * an entry no longer matches a block, so the list only shrinks.
 */
const UNMARKED_ELSEWHERE: Record<string, string> = {
  'README.md|npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 start':
    'installs and starts a long-running server',
  'README.md|npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 verify':
    'runs the whole build and test suite',
  'docs/operations.md|npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 start':
    'installs and starts a long-running server',
  'docs/operations.md|PORT=8443 HOST=0.0.0.0 VEIL_DATA_DIR=/srv/veil/data VEIL_KEYS_DIR=/etc/veil/keys \\':
    'a production server with TLS files',
  "docs/operations.md|VEIL_DATA_DIR=.veil-data VEIL_KEYS_DIR=.veil-keys node --input-type=module -e '":
    'operates on a real data folder',
  "docs/operations.md|VEIL_DATA_DIR=/srv/veil/data-restored VEIL_KEYS_DIR=.veil-keys node --input-type=module -e '":
    'restores a real backup',
  "docs/template-authoring.md|node --input-type=module -e '": 'needs the author’s own my-template.json',
};

const blocks = docFiles(ROOT).flatMap((file) => shellBlocks(ROOT, file));
const keyOf = (b: { file: string; code: string }) => `${b.file}|${b.code.split('\n')[0]}`;

const scratch = tempDir('veil-docs-');
afterAll(() => scratch.remove());

/** A folder per page with `templates/` linked in and `veil` on the PATH. */
function sandbox(file: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = join(scratch.dir, file.replaceAll('/', '_'));
  const bin = join(scratch.dir, 'bin');
  if (!existsSync(cwd)) {
    mkdirSync(cwd, { recursive: true });
    symlinkSync(join(ROOT, 'templates'), join(cwd, 'templates'));
  }
  if (!existsSync(bin)) {
    mkdirSync(bin);
    writeFileSync(join(bin, 'veil'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'veil'), 0o755);
  }
  return {
    cwd,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LANG: 'en_US.UTF-8', LC_ALL: '' },
  };
}

describe('shell blocks of the docs', () => {
  it('are found, and every block that cannot run says why', () => {
    expect(blocks.filter((b) => b.file === 'docs/cli.md').length).toBeGreaterThan(4);
    for (const b of blocks) {
      if (b.marker?.kind === 'skip') expect(b.marker.reason, `${b.file}:${b.line}`).toMatch(/\w{3}/);
    }
  });

  it('the list of unmarked blocks elsewhere holds no stale entry', () => {
    const keys = new Set(blocks.filter((b) => b.marker === undefined).map(keyOf));
    expect(Object.keys(UNMARKED_ELSEWHERE).filter((k) => !keys.has(k))).toEqual([]);
  });

  const runnable = blocks.filter((b) => b.marker?.kind !== 'skip' && !(keyOf(b) in UNMARKED_ELSEWHERE));
  it.each(runnable.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s runs as documented',
    (_where, block) => {
      if (!existsSync(CLI)) throw new Error('The CLI is not built: run pnpm build.');
      const { cwd, env } = sandbox(block.file);
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', block.code], {
        cwd,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      const expected = block.marker?.kind === 'exit' ? block.marker.code : 0;
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(expected);
    },
  );
});
