import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@veil/server';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE, type DocBlock, docBlocks, docFiles } from './helpers/docBlocks.js';
import { tempDir } from './helpers/packFixtures.js';
import { CLI, ROOT } from './helpers/runCli.js';

/**
 * Every fenced block of README.md and docs/ (not the decisions) that shows a command or an API
 * call is run here, in document order, from a scratch folder per page that sees the
 * repository's `templates/` and `packages/`, with `veil` on the PATH. A block that cannot run
 * carries `<!-- docs-test: skip -->` and a rendered `*Not run by the docs test: reason*`.
 * Other directives: `exit N` (the exit code), `setup store` (a seeded demo store in
 * `.veil-data` / `.veil-keys`, a checkpoint kept in `kept-checkpoints.jsonl`), and `output` on
 * a plain block: its lines must appear in the output of the block before it. A `# → text` line
 * in a shell block is output the block must print (`…` matches anything).
 */
const blocks = docFiles(ROOT).flatMap((file) => docBlocks(ROOT, file));
const isCommand = (b: DocBlock) =>
  b.kind !== 'other' || (!b.marker.output && b.code.split('\n').some((l) => COMMAND_LINE.test(l)));

const scratch = tempDir('veil-docs-');
afterAll(() => scratch.remove());

/** A folder per page with `templates/` and `packages/` linked in and `veil` on the PATH. */
function sandbox(file: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = join(scratch.dir, file.replaceAll('/', '_'));
  const bin = join(scratch.dir, 'bin');
  if (!existsSync(cwd)) {
    mkdirSync(cwd, { recursive: true });
    symlinkSync(join(ROOT, 'templates'), join(cwd, 'templates'));
    symlinkSync(join(ROOT, 'packages'), join(cwd, 'packages'));
  }
  if (!existsSync(bin)) {
    mkdirSync(bin);
    writeFileSync(join(bin, 'veil'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'veil'), 0o755);
  }
  return {
    cwd,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      LANG: 'en_US.UTF-8',
      LC_ALL: '',
      LC_MESSAGES: '',
      VEIL_DATA_DIR: '',
      VEIL_KEYS_DIR: '',
    },
  };
}

const FIXTURES: Record<string, (cwd: string) => Promise<void>> = {
  /** A seeded demo store (stopped), and a checkpoint an auditor kept outside it. */
  async store(cwd) {
    if (existsSync(join(cwd, '.veil-data'))) return;
    const server = await startServer({
      port: 0,
      dataDir: join(cwd, '.veil-data'),
      keysDir: join(cwd, '.veil-keys'),
      logSink: () => {},
    });
    const checkpoint = await server.store.exportCheckpoint();
    writeFileSync(join(cwd, 'kept-checkpoints.jsonl'), `${JSON.stringify(checkpoint)}\n`);
    await server.close();
  },
};

/** `…` matches anything; everything else literally. */
function pattern(expected: string): RegExp {
  const parts = expected
    .trim()
    .split('…')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('[\\s\\S]*?'));
}

function runBlock(block: DocBlock, cwd: string, env: NodeJS.ProcessEnv) {
  const options = { cwd, env, encoding: 'utf8' as const, timeout: 120_000 };
  if (block.kind === 'script')
    return spawnSync(process.execPath, ['--input-type=module', '-e', block.code], options);
  return spawnSync('bash', ['-euo', 'pipefail', '-c', block.code], options);
}

describe('code blocks of the docs', () => {
  it('are found, and each one that shows a command runs or says why not', () => {
    expect(blocks.filter((b) => b.file === 'docs/cli.md' && b.kind === 'shell').length).toBeGreaterThan(5);
    expect(blocks.filter((b) => b.problem).map((b) => `${b.file}:${b.line} ${b.problem}`)).toEqual([]);
    const unmarked = blocks.filter((b) => b.kind === 'other' && isCommand(b) && b.marker.skip === undefined);
    expect(unmarked.map((b) => `${b.file}:${b.line} shows a command in a block that is not sh/js`)).toEqual(
      [],
    );
    const outputs = blocks.filter((b) => b.marker.output);
    for (const o of outputs) {
      const i = blocks.indexOf(o);
      expect(
        blocks[i - 1]?.file === o.file && isCommand(blocks[i - 1] as DocBlock),
        `${o.file}:${o.line}`,
      ).toBe(true);
    }
  });

  const runnable = blocks.filter((b) => isCommand(b) && b.kind !== 'other' && b.marker.skip === undefined);
  it.each(runnable.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s runs as documented',
    async (_where, block) => {
      if (!existsSync(CLI)) throw new Error('The CLI is not built: run pnpm build.');
      const { cwd, env } = sandbox(block.file);
      for (const name of block.marker.setup ?? []) {
        const fixture = FIXTURES[name];
        if (!fixture) throw new Error(`${block.file}:${block.line}: no docs-test fixture "${name}"`);
        await fixture(cwd);
      }
      const r = runBlock(block, cwd, env);
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.status, out).toBe(block.marker.exit ?? 0);
      const shown = block.code
        .split('\n')
        .map((l) => /^\s*# → (.+)$/.exec(l)?.[1])
        .filter((l): l is string => l !== undefined);
      const next = blocks[blocks.indexOf(block) + 1];
      if (next?.file === block.file && next.marker.output)
        shown.push(...next.code.split('\n').filter((l) => l.trim() !== ''));
      for (const line of shown)
        expect(r.stdout, `${block.file}:${block.line} shows "${line}"`).toMatch(pattern(line));
    },
    180_000,
  );
});
