import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedTemplate } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { type LowdbStore, openLowdbStore, StoreError } from '../src/index.js';
import template from './fixtures/followupTemplate.json' with { type: 'json' };

// Issue 11, defect 3: a one-byte change in a shard silently changed a customer's company name,
// or changed an owner so that the record disappeared for everyone.

const root = await mkdtemp(join(tmpdir(), 'veil-mac-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;

const record = (i: number, version = 1) => ({
  id: `r${i}`,
  templateId: 'followup',
  templateVersion: 1,
  version,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: i % 2 === 0 ? 'u1' : 'u2', company: `Acme Trading ${i} v${version}`, name: `N${i}` },
});
const audit = (id: string) => ({ actor: 'u1', action: 'record.create', target: id, details: {} });

function folders() {
  n += 1;
  return { dataDir: join(root, `data${n}`), keysDir: join(root, `keys${n}`), shardSize: 10 };
}
type Folders = ReturnType<typeof folders>;
const shardPath = (dataDir: string, no: number) =>
  join(dataDir, 'records', 'followup', `${String(no).padStart(6, '0')}.json`);

/** 20 records in 2 shards (r3 updated once, so it has a version), the WAL cut, closed. */
async function checkpointed(): Promise<Folders> {
  const options = folders();
  const store = await openLowdbStore(options);
  await store.registerTemplate(template as unknown as SanitizedTemplate);
  for (let i = 0; i < 20; i++) await store.createRecord({ record: record(i), audit: audit(`r${i}`) });
  await store.updateRecord({ record: record(3, 2), expectedVersion: 1, audit: audit('r3') });
  await store.close();
  await (await openLowdbStore(options)).close();
  return options;
}

/** Edits a shard file and, like someone who knows the file layout, fixes its manifest hash too. */
async function tamper(dataDir: string, no: number, edit: (text: string) => string): Promise<void> {
  const path = shardPath(dataDir, no);
  const text = await readFile(path, 'utf8');
  const changed = edit(text);
  expect(changed).not.toBe(text);
  expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
  await writeFile(path, changed);
  const manifestPath = join(dataDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.files[`records/followup/${String(no).padStart(6, '0')}.json`].hash = createHash('sha256')
    .update(changed)
    .digest('hex');
  await writeFile(manifestPath, JSON.stringify(manifest));
}

async function refusal(call: Promise<unknown>): Promise<StoreError> {
  try {
    await call;
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the record was served');
}

async function expectQuarantined(store: LowdbStore, id: string, total: number): Promise<void> {
  const error = await refusal(store.getRecord('followup', id));
  expect(error).toBeInstanceOf(StoreError);
  expect(error.code).toBe('CORRUPT');
  expect(error.message).toContain(`Record ${id} of template followup is quarantined`);
  const page = await store.queryRecords('followup', { limit: 100 });
  expect(page.records.map((r) => r.id)).not.toContain(id);
  expect(page.total).toBe(total);
  expect(store.recovery.quarantined).toContainEqual(
    expect.objectContaining({ templateId: 'followup', recordId: id, reason: 'mac' }),
  );
}

describe('record MACs', () => {
  it('a one-byte change of a value is caught at open: the record is quarantined, named, and the rest served', async () => {
    const options = await checkpointed();
    await tamper(options.dataDir, 1, (t) => t.replace('Acme Trading 12 v1', 'Acme Trading 12 v7'));
    const store = await openLowdbStore(options);
    try {
      await expectQuarantined(store, 'r12', 19);
      expect((await store.getRecord('followup', 'r13'))?.data.company).toBe('Acme Trading 13 v1');
      const report = await store.checkIntegrity();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        { kind: 'record-mac', file: 'records/followup/000001.json', templateId: 'followup', recordId: 'r12' },
      ]);
      // Not overwritten by a later write into its shard, and its id is not taken by a new record.
      await store.createRecord({ record: record(20), audit: audit('r20') });
      await expect(store.createRecord({ record: record(12), audit: audit('r12') })).rejects.toThrow(
        /already exists/,
      );
      await expect(
        store.updateRecord({ record: record(12, 2), expectedVersion: 1, audit: audit('r12') }),
      ).rejects.toThrow(/quarantined/);
    } finally {
      await store.close();
    }
    expect(await readFile(shardPath(options.dataDir, 1), 'utf8')).toContain('Acme Trading 12 v7');
  });

  it('a one-byte change of the owner is caught: the record does not silently leave everyone’s lists', async () => {
    const options = await checkpointed();
    await tamper(options.dataDir, 0, (t) =>
      t.replace('"owner":"u1","company":"Acme Trading 4 ', '"owner":"u3","company":"Acme Trading 4 '),
    );
    const store = await openLowdbStore(options);
    try {
      await expectQuarantined(store, 'r4', 19);
      const u3 = await store.queryRecords('followup', {
        scope: { kind: 'owners', ownerIds: ['u3'] },
        limit: 10,
      });
      expect(u3.records).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('a change of a previous version is caught: that version is not listed, and reported', async () => {
    const options = await checkpointed();
    await tamper(options.dataDir, 0, (t) =>
      t.replace(
        '"recordId":"r3","templateId":"followup","version":1',
        '"recordId":"r3","templateId":"followup","version":5',
      ),
    );
    const store = await openLowdbStore(options);
    try {
      const report = await store.checkIntegrity();
      expect(report.problems.map((p) => p.kind).sort()).toContain('version-mac');
      expect(store.recovery.quarantined.some((q) => q.recordId === 'r3' && q.version !== undefined)).toBe(
        true,
      );
      expect(await store.listRecordVersions('followup', 'r3')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('checkIntegrity on a running store names a shard changed on disk and the record in it', async () => {
    const options = await checkpointed();
    const store = await openLowdbStore(options);
    try {
      expect(await store.checkIntegrity()).toMatchObject({ ok: true, problems: [] });
      const report0 = await store.checkIntegrity();
      expect(report0.records).toBe(21); // 20 records and one version
      const path = shardPath(options.dataDir, 1);
      await writeFile(
        path,
        (await readFile(path, 'utf8')).replace('Acme Trading 15 v1', 'Acme Trading 15 v2'),
      );
      const report = await store.checkIntegrity();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        { kind: 'file-changed', file: 'records/followup/000001.json' },
        { kind: 'record-mac', file: 'records/followup/000001.json', templateId: 'followup', recordId: 'r15' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('upgrades a format-2 folder (records without MACs) in place, after a backup, and then catches changes', async () => {
    const options = await checkpointed();
    for (const no of [0, 1]) {
      const strip = (t: string) => t.replace(/,"mac":"[A-Za-z0-9_-]+"/g, '');
      const path = shardPath(options.dataDir, no);
      const before = await readFile(path, 'utf8');
      await writeFile(path, `${strip(before)}`);
      const manifestPath = join(options.dataDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
      manifest.files[`records/followup/00000${no}.json`].hash = createHash('sha256')
        .update(strip(before))
        .digest('hex');
      await writeFile(manifestPath, JSON.stringify(manifest));
    }
    await writeFile(join(options.dataDir, 'meta.json'), JSON.stringify({ format: 'veil-lowdb', version: 2 }));
    const store = await openLowdbStore(options);
    try {
      expect(store.recovery.formatFound).toBe(2);
      expect(store.recovery.quarantined).toEqual([]);
      expect((await store.queryRecords('followup', { limit: 100 })).total).toBe(20);
      expect(await store.checkIntegrity()).toMatchObject({ ok: true, records: 21 });
    } finally {
      await store.close();
    }
    expect((await stat(join(options.dataDir, 'backups', 'before-format-3.json'))).size).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(options.dataDir, 'meta.json'), 'utf8')).version).toBe(3);
    await (await openLowdbStore(options)).close(); // cut the WAL: the sealed shards are in the manifest
    await tamper(options.dataDir, 1, (t) => t.replace('Acme Trading 11 v1', 'Acme Trading 11 v9'));
    const reopened = await openLowdbStore(options);
    try {
      await expectQuarantined(reopened, 'r11', 19);
    } finally {
      await reopened.close();
    }
  });
});
