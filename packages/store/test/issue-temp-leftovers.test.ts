import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../src/index.js';

const root = await mkdtemp(join(tmpdir(), 'veil-temp-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

describe('crash leftovers', () => {
  it('removes the temp files of interrupted writes at open, and nothing else', async () => {
    const dataDir = join(root, 'data');
    const keysDir = join(root, 'keys');
    const store = await openLowdbStore({ dataDir, keysDir });
    for (const id of ['r1', 'r2']) {
      await store.createRecord({
        record: {
          id,
          templateId: 'followup',
          templateVersion: 1,
          version: 1,
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-01T00:00:00.000Z',
          data: { owner: 'u1' },
        },
        audit: { actor: 'u1', action: 'record.create', target: id, details: {} },
      });
    }
    await store.putNote('a note');
    await store.close();
    const liveData = await listAll(dataDir);
    const liveKeys = await listAll(keysDir);
    expect(liveData).toContain(join('records', 'followup', '000000.json'));

    // A lock temp file is removed only once its process is gone.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout;
    // What interrupted writes leave behind (names as the store and the key loader make them).
    const leftovers = [
      join(dataDir, 'collections', '.users.json.4242.17.tmp'),
      join(dataDir, 'collections', '.notes.json.4242.18.tmp'),
      join(dataDir, 'records', 'followup', '.000000.json.4242.19.tmp'),
      join(dataDir, 'collections', 'sessions', '.017.json.4242.20.tmp'),
      join(dataDir, '.meta.json.4242.1.tmp'),
      join(dataDir, 'audit', 'audit.jsonl.import'),
      join(dataDir, 'audit', 'checkpoints.jsonl.import'),
      join(dataDir, `.veil.lock.${dead}.0123456789abcdef01234567.tmp`),
      join(keysDir, 'master.json.tmp'),
      join(keysDir, 'blind-index.key.tmp'),
    ];
    // Files that look alike but are not the store's temp files stay.
    const lookalikes = [
      join(dataDir, 'notes.tmp'),
      join(dataDir, 'collections', '.users.json.tmp'),
      join(dataDir, 'records', 'followup', '000001.json.bak'),
      join(keysDir, 'my-own.key.tmp'),
    ];
    await mkdir(join(dataDir, 'records', 'followup'), { recursive: true });
    for (const path of [...leftovers, ...lookalikes]) await writeFile(path, 'x'.repeat(1000));

    const reopened = await openLowdbStore({ dataDir, keysDir });
    try {
      expect((await reopened.getRecord('followup', 'r2'))?.id).toBe('r2');
      const relData = lookalikes.filter((p) => p.startsWith(dataDir)).map((p) => p.slice(dataDir.length + 1));
      const relKeys = lookalikes.filter((p) => p.startsWith(keysDir)).map((p) => p.slice(keysDir.length + 1));
      // Every live file is still there; of the extras, only the look-alikes remain.
      const dataNow = (await listAll(dataDir)).filter((f) => f !== '.veil.lock');
      expect(dataNow).toEqual([...liveData, ...relData].sort());
      const keysNow = (await listAll(keysDir)).filter((f) => f !== '.veil.lock');
      expect(keysNow).toEqual([...liveKeys, ...relKeys].sort());
    } finally {
      await reopened.close();
    }
  });
});
