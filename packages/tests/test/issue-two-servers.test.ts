import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'dist', 'main.js');
const root = await mkdtemp(join(tmpdir(), 'veil-two-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** Resolves with the URL once it listens, or rejects with its stderr when it exits first. */
  url: Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function startMain(): Started {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      VEIL_DATA_DIR: join(root, 'data'),
      VEIL_KEYS_DIR: join(root, 'keys'),
    },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stderr }));
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const found = /Veil is running at (\S+)/.exec(stdout);
      if (found) resolve(found[1] as string);
    });
    void exit.then(({ stderr: text }) => reject(new Error(`exited before listening: ${text}`)));
  });
  url.catch(() => undefined);
  return { child, url, exit };
}

async function login(url: string): Promise<number> {
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
    body: JSON.stringify({ username: 'admin', password: 'veil-demo-2026' }),
  });
  await response.text();
  return response.status;
}

describe('two servers on one data folder', () => {
  it('the second refuses to start naming the PID and host; the first keeps serving; a killed one leaves no blocking lock', async () => {
    const first = startMain();
    const url = await first.url;
    expect(await login(url)).toBe(200);

    const second = startMain();
    const refused = await Promise.race([
      second.exit,
      second.url.then((at) => ({ code: null, stderr: `the second server listens at ${at}` })),
    ]);
    expect(refused.stderr).not.toContain('listens');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`PID ${first.child.pid}`);
    expect(refused.stderr).toContain(hostname());
    expect(refused.stderr).toMatch(/already (open|in use)/);
    // A clear message, not a stack trace.
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    expect(await login(url)).toBe(200);

    // A crash (SIGKILL) leaves the lock file behind: the next start detects it is stale.
    first.child.kill('SIGKILL');
    await first.exit;
    const third = startMain();
    expect(await login(await third.url)).toBe(200);
    third.child.kill('SIGTERM');
    expect((await third.exit).code).toBe(0);
  });
});
