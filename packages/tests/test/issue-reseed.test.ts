import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@veil/server';
import { openLowdbStore } from '@veil/store';
import { afterAll, describe, expect, it } from 'vitest';

const root = await mkdtemp(join(tmpdir(), 'veil-reseed-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const quiet = { logSink: () => undefined, seed: { customers: 3 }, port: 0 };

describe('the demo seed runs only on an empty data folder', () => {
  it('a live store that lost users.json refuses to start, names the file and rewrites nothing', async () => {
    const dataDir = join(root, 'a-data');
    const keysDir = join(root, 'a-keys');
    const first = await startServer({ ...quiet, dataDir, keysDir });
    expect(first.seeded).toBe(true);
    await first.close();
    await unlink(join(dataDir, 'collections', 'users.json'));
    const files = ['workspace.json', 'templates.json', 'departments.json'];
    const before = await Promise.all(files.map((f) => readFile(join(dataDir, 'collections', f), 'utf8')));

    await expect(startServer({ ...quiet, dataDir, keysDir })).rejects.toThrow(/users\.json/);
    const after = await Promise.all(files.map((f) => readFile(join(dataDir, 'collections', f), 'utf8')));
    expect(after).toEqual(before);
    // The demo admin (public password) did not come back on a second try either.
    await expect(startServer({ ...quiet, dataDir, keysDir })).rejects.toThrow(/users\.json/);
  });

  it('a store with an audit log but no users is not seeded', async () => {
    const dataDir = join(root, 'b-data');
    const keysDir = join(root, 'b-keys');
    const store = await openLowdbStore({ dataDir, keysDir });
    await store.appendAudit({
      actor: 'system',
      action: 'workspace.update',
      target: 'workspace',
      details: {},
    });
    await store.close();
    const server = await startServer({ ...quiet, dataDir, keysDir });
    try {
      expect(server.seeded).toBe(false);
      expect(await server.store.listDocs('users')).toEqual([]);
      expect(await server.store.listDocs('templates')).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('an empty folder is seeded once, and a restart does not seed again', async () => {
    const dataDir = join(root, 'c-data');
    const keysDir = join(root, 'c-keys');
    const first = await startServer({ ...quiet, dataDir, keysDir });
    expect(first.seeded).toBe(true);
    await first.close();
    const second = await startServer({ ...quiet, dataDir, keysDir });
    expect(second.seeded).toBe(false);
    await second.close();
  });
});
