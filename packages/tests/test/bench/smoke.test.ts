import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `pnpm bench` at tiny sizes: every suite must run and report. Timing is never asserted.
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const smokeJson = join(root, 'bench/results/smoke.json');

/** The benchmarks import the built packages; build them when CI has not yet. */
function ensureBuilt(): void {
  const built = [
    'packages/schema/dist/index.js',
    'packages/policy/dist/index.js',
    'packages/store/dist/index.js',
    'packages/server/dist/index.js',
    'packages/web/dist/.vite/manifest.json',
  ].every((file) => existsSync(join(root, file)));
  if (built) return;
  const result = spawnSync('npx', ['turbo', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the packages for the benchmarks failed');
}

interface SmokeReport {
  stamp: { mode: string; commit: string; node: string; cores: number };
  results: { suite: string; metric: string; target?: string }[];
  errors: { suite: string; message: string }[];
}

describe('pnpm bench --smoke', () => {
  it('runs every suite at tiny sizes and writes bench/results/smoke.json with a row per suite', () => {
    ensureBuilt();
    rmSync(smokeJson, { force: true });
    const run = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.stderr).not.toMatch(/✗/);
    expect(run.status).toBe(0);
    expect(existsSync(smokeJson)).toBe(true);
    const report = JSON.parse(readFileSync(smokeJson, 'utf8')) as SmokeReport;
    expect(report.stamp.mode).toBe('smoke');
    expect(report.stamp.cores).toBeGreaterThan(0);
    expect(report.errors).toEqual([]);
    const suites = readdirSync(join(root, 'bench/suites'))
      .filter((file) => file.endsWith('.bench.mjs'))
      .map((file) => file.replace(/\.bench\.mjs$/, ''));
    expect(suites).toEqual(expect.arrayContaining(['api', 'pii', 'projection', 'store', 'web']));
    for (const suite of suites) {
      expect(report.results.some((row) => row.suite === suite)).toBe(true);
    }
    // Every row says its target (or that it is only reported).
    for (const row of report.results) expect(row.target, `${row.suite}/${row.metric}`).toBeTruthy();
  }, 180_000);
});
