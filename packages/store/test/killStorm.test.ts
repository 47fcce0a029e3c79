import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = join(here, '..', 'src');
// Inside the package so the child resolves `lowdb` from the package's node_modules.
const outDir = join(here, '..', 'dist', 'kill-storm');
let root = '';

/** Transpiles the adapter (types erased, no type check) so a plain node child can run it. */
async function transpile(dir: string): Promise<void> {
  for (const entry of ts.sys.readDirectory(dir, ['.ts'])) {
    if (entry.endsWith('.test.ts') || entry.includes('/testing/')) continue;
    const source = await readFile(entry, 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    const target = join(outDir, relative(srcDir, entry)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'veil-kill-'));
  await transpile(srcDir);
  // Transpiling the store's sources takes seconds on a busy machine.
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

function runUntilKilled(cycle: number, killAfterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      join(here, 'fixtures', 'writeStorm.mjs'),
      pathToFileURL(join(outDir, 'index.js')).href,
      join(root, 'data'),
      join(root, 'keys'),
      `k${cycle}`,
    ]);
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        if (acked.length >= killAfterAcks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

describe('SIGKILL mid write-storm', () => {
  it('finds every acknowledged write after 20 kills', { timeout: 90_000 }, async () => {
    const acked: string[] = [];
    for (let cycle = 0; cycle < 20; cycle++) {
      acked.push(...(await runUntilKilled(cycle, 3 + ((cycle * 7) % 23))));
    }
    const store = await openLowdbStore({ dataDir: join(root, 'data'), keysDir: join(root, 'keys') });
    try {
      const missing = [];
      for (const id of acked) if ((await store.getRecord('followup', id)) === undefined) missing.push(id);
      expect(missing).toEqual([]);
      expect(acked.length).toBeGreaterThan(100);
      const verified = await store.verifyAudit();
      expect(verified).toMatchObject({ ok: true });
      // Never a change without its entry: every stored record has its create entry.
      const page = await store.queryRecords('followup', { limit: 1000 });
      const targets = new Set<string>();
      for await (const entry of store.exportAudit()) targets.add(entry.target);
      expect(page.records.filter((r) => !targets.has(r.id))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
