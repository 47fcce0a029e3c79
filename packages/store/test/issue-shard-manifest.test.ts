import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedTemplate } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { type LowdbStore, openLowdbStore, StoreError } from '../src/index.js';
import template from './fixtures/followupTemplate.json' with { type: 'json' };

// Issue 11, defect 2: with the WAL checkpointed, a deleted shard file silently dropped its records.

const root = await mkdtemp(join(tmpdir(), 'veil-manifest-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;

const record = (i: number) => ({
  id: `r${i}`,
  templateId: 'followup',
  templateVersion: 1,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: i % 2 === 0 ? 'u1' : 'u2', company: `Acme Trading ${i}`, name: `N${i}` },
});

function folders() {
  n += 1;
  return { dataDir: join(root, `data${n}`), keysDir: join(root, `keys${n}`), shardSize: 10 };
}
const shard = (dataDir: string, no: number) =>
  join(dataDir, 'records', 'followup', `${String(no).padStart(6, '0')}.json`);

async function withRecords(count: number, options: ReturnType<typeof folders>): Promise<LowdbStore> {
  const store = await openLowdbStore(options);
  await store.registerTemplate(template as unknown as SanitizedTemplate);
  for (let i = 0; i < count; i++)
    await store.createRecord({
      record: record(i),
      audit: { actor: 'u1', action: 'record.create', target: `r${i}`, details: {} },
    });
  return store;
}

/** 25 records in 3 shards, the WAL cut (a reopen cuts it), closed. */
async function checkpointed(): Promise<ReturnType<typeof folders>> {
  const options = folders();
  await (await withRecords(25, options)).close();
  await (await openLowdbStore(options)).close();
  return options;
}

async function openError(options: ReturnType<typeof folders>): Promise<StoreError> {
  try {
    await (await openLowdbStore(options)).close();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the store opened');
}

describe('the shard manifest', () => {
  it('a deleted shard whose records the WAL no longer holds stops the open, naming the file', async () => {
    const options = await checkpointed();
    await unlink(shard(options.dataDir, 1));
    const error = await openError(options);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(shard(options.dataDir, 1));
    expect(error.message).toMatch(/missing.*10 records/);
    // Refused again: nothing was recreated or re-listed meanwhile.
    expect((await openError(options)).message).toContain(shard(options.dataDir, 1));
  });

  it('a shard changed on disk stops the open, naming the file', async () => {
    const options = await checkpointed();
    const path = shard(options.dataDir, 2);
    const text = await readFile(path, 'utf8');
    expect(text).toContain('Acme Trading 21');
    await writeFile(path, text.replace('Acme Trading 21', 'Acme Tradinh 21'));
    const error = await openError(options);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/changed since the manifest/);
  });

  it('a shard file the manifest does not list stops the open', async () => {
    const options = await checkpointed();
    await copyFile(shard(options.dataDir, 0), shard(options.dataDir, 7));
    const error = await openError(options);
    expect(error.message).toContain(shard(options.dataDir, 7));
    expect(error.message).toMatch(/not in the manifest/);
  });

  it('a deleted shard that the WAL holds whole is rebuilt, and the open says so', async () => {
    const options = await checkpointed();
    // Records 25..34 go to shard 2 and a new shard 3; close() does not cut the WAL.
    const store = await openLowdbStore(options);
    for (let i = 25; i < 34; i++)
      await store.createRecord({
        record: record(i),
        audit: { actor: 'u1', action: 'record.create', target: `r${i}`, details: {} },
      });
    await store.close();
    await unlink(shard(options.dataDir, 3));
    const reopened = await openLowdbStore(options);
    try {
      expect(reopened.recovery.rebuiltFiles).toEqual([shard(options.dataDir, 3)]);
      expect((await reopened.queryRecords('followup', { limit: 100 })).total).toBe(34);
      expect((await reopened.getRecord('followup', 'r33'))?.data.company).toBe('Acme Trading 33');
    } finally {
      await reopened.close();
    }
    // Shard 2 gained records since the manifest, but the WAL holds those batches: no refusal.
    await (await openLowdbStore(options)).close();
  });

  it('is written when the WAL is cut, not on every write', async () => {
    const options = await checkpointed();
    const manifestPath = join(options.dataDir, 'manifest.json');
    const before = await readFile(manifestPath, 'utf8');
    const store = await openLowdbStore(options);
    const afterOpen = await readFile(manifestPath, 'utf8');
    await store.createRecord({
      record: record(99),
      audit: { actor: 'u1', action: 'record.create', target: 'r99', details: {} },
    });
    expect(await readFile(manifestPath, 'utf8')).toBe(afterOpen);
    await store.close();
    const manifest = JSON.parse(before) as { version: number; files: Record<string, { count: number }> };
    expect(manifest.version).toBe(2);
    expect(manifest.files['records/followup/000000.json']?.count).toBe(10);
    expect(manifest.files['records/followup/000002.json']?.count).toBe(5);
    expect(manifest.files['collections/users.json']).toBeDefined();
  });

  it('upgrades a format-1 folder (no manifest) in place, and refuses a newer format', async () => {
    const options = await checkpointed();
    const metaPath = join(options.dataDir, 'meta.json');
    await unlink(join(options.dataDir, 'manifest.json'));
    await writeFile(metaPath, JSON.stringify({ format: 'veil-lowdb', version: 1 }));
    const store = await openLowdbStore(options);
    expect(store.recovery.formatFound).toBe(1);
    expect((await store.queryRecords('followup', { limit: 100 })).total).toBe(25);
    await store.close();
    expect(JSON.parse(await readFile(metaPath, 'utf8'))).toEqual({ format: 'veil-lowdb', version: 2 });
    await readFile(join(options.dataDir, 'manifest.json'));
    // Upgraded: a deleted shard is now noticed.
    await unlink(shard(options.dataDir, 0));
    expect((await openError(options)).message).toContain(shard(options.dataDir, 0));

    const newer = await checkpointed();
    await writeFile(join(newer.dataDir, 'meta.json'), JSON.stringify({ format: 'veil-lowdb', version: 99 }));
    const refused = await openError(newer);
    expect(refused.code).toBe('CONFIG');
    expect(refused.message).toMatch(/format 99.*newer Veil/);
  });

  it('a format-2 folder with data but no manifest stops the open', async () => {
    const options = await checkpointed();
    await unlink(join(options.dataDir, 'manifest.json'));
    const error = await openError(options);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(join(options.dataDir, 'manifest.json'));
  });
});
