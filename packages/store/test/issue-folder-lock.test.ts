import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore, StoreError } from '../src/index.js';

const root = await mkdtemp(join(tmpdir(), 'veil-lock-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const record = (id: string) => ({
  id,
  templateId: 'followup',
  templateVersion: 1,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: 'u1' },
});
const create = (store: Awaited<ReturnType<typeof openLowdbStore>>, id: string) =>
  store.createRecord({
    record: record(id),
    audit: { actor: 'u1', action: 'record.create', target: id, details: {} },
  });

async function refusal(open: Promise<unknown>): Promise<StoreError> {
  try {
    const store = (await open) as { close(): Promise<void> };
    await store.close();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the second open was not refused');
}

/** The pid of a process that has exited (so the lock it "left" is stale). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('one store per data folder', () => {
  it('refuses a second open of the same data folder, naming the PID and host, and the first keeps working', async () => {
    const dataDir = join(root, 'a-data');
    const keysDir = join(root, 'a-keys');
    const first = await openLowdbStore({ dataDir, keysDir });
    try {
      await create(first, 'r1');
      const error = await refusal(openLowdbStore({ dataDir, keysDir: join(root, 'a-keys-2') }));
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('LOCKED');
      expect(error.message).toContain(`PID ${process.pid}`);
      expect(error.message).toContain(hostname());
      expect(error.message).toContain(dataDir);
      await create(first, 'r2');
      expect((await first.getRecord('followup', 'r2'))?.id).toBe('r2');
    } finally {
      await first.close();
    }
  });

  it('refuses a second store on the same keys folder', async () => {
    const keysDir = join(root, 'b-keys');
    const first = await openLowdbStore({ dataDir: join(root, 'b-data-1'), keysDir });
    try {
      const error = await refusal(openLowdbStore({ dataDir: join(root, 'b-data-2'), keysDir }));
      expect(error.code).toBe('LOCKED');
      expect(error.message).toContain(keysDir);
    } finally {
      await first.close();
    }
  });

  it('opens again after close, and a refused open leaves the first lock in place', async () => {
    const dataDir = join(root, 'c-data');
    const keysDir = join(root, 'c-keys');
    const first = await openLowdbStore({ dataDir, keysDir });
    await create(first, 'r1');
    await refusal(openLowdbStore({ dataDir, keysDir }));
    await first.close();
    const second = await openLowdbStore({ dataDir, keysDir });
    try {
      expect((await second.getRecord('followup', 'r1'))?.id).toBe('r1');
      expect((await refusal(openLowdbStore({ dataDir, keysDir }))).code).toBe('LOCKED');
    } finally {
      await second.close();
    }
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dataDir = join(root, 'd-data');
    const keysDir = join(root, 'd-keys');
    const first = await openLowdbStore({ dataDir, keysDir });
    await create(first, 'r1');
    await first.close();
    const pid = deadPid();
    const stale = JSON.stringify({
      pid,
      host: hostname(),
      startedAt: '2024-01-01T00:00:00.000Z',
      token: 'x',
    });
    await writeFile(join(dataDir, '.veil.lock'), stale);
    await writeFile(join(keysDir, '.veil.lock'), stale);
    const second = await openLowdbStore({ dataDir, keysDir });
    try {
      expect((await second.getRecord('followup', 'r1'))?.id).toBe('r1');
      const held = JSON.parse(await readFile(join(dataDir, '.veil.lock'), 'utf8')) as { pid: number };
      expect(held.pid).toBe(process.pid);
    } finally {
      await second.close();
    }
  });

  it('refuses when another host holds the lock (it cannot be checked from here)', async () => {
    const dataDir = join(root, 'e-data');
    const keysDir = join(root, 'e-keys');
    await (await openLowdbStore({ dataDir, keysDir })).close();
    await writeFile(
      join(dataDir, '.veil.lock'),
      JSON.stringify({
        pid: 4242,
        host: 'other-host.example',
        startedAt: '2024-01-01T00:00:00.000Z',
        token: 'y',
      }),
    );
    const error = await refusal(openLowdbStore({ dataDir, keysDir }));
    expect(error.code).toBe('LOCKED');
    expect(error.message).toContain('PID 4242');
    expect(error.message).toContain('other-host.example');
  });
});
