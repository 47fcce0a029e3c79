import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from './helpers/runCli.js';

describe('veil demo', () => {
  it('runs the seeded demo server on a temporary folder, reports ready as JSON, stops on SIGTERM and cleans up', async () => {
    expect(existsSync(CLI)).toBe(true);
    const child = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--json'], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let folder = '';
    const ready = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const doc = JSON.parse(line) as Record<string, unknown>;
        lines.push(doc);
        if (doc.event === 'ready') {
          folder = String(doc.demoFolder);
          resolve(String(doc.url));
        }
      });
      child.on('exit', () => reject(new Error('exited before ready')));
    });
    const url = await ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(folder)).toBe(true);
    const res = await fetch(`${url}/trpc/auth.me`);
    expect(res.status).toBeLessThan(500);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const last = lines[lines.length - 1];
    expect(last).toMatchObject({ event: 'stopped', mode: 'demo', url, ok: true, exitCode: 0 });
    // Every stdout line was JSON: the server's log lines pass through, the human banner does not.
    expect(lines.some((l) => l.event === 'seed')).toBe(true);
    expect(existsSync(folder)).toBe(false);
  }, 120_000);

  it('rejects a bad port as a usage error', () => {
    const run = runCli(['start', '--port', 'eighty', '--json']);
    expect(run.code).toBe(2);
    expect(run.json().error?.code).toBe('port-invalid');
  });
});
