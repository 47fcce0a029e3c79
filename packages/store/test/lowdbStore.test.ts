import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedTemplate } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../src/index.js';
import template from './fixtures/followupTemplate.json' with { type: 'json' };

const root = await mkdtemp(join(tmpdir(), 'veil-lowdb-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const record = (id: string, phone: string) => ({
  id,
  templateId: 'followup',
  templateVersion: 1,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: id.endsWith('0') ? 'u1' : 'u2', phone, name: `N${id}` },
});
const audit = (id: string) => ({ actor: 'u1', action: 'record.create', target: id, details: {} });

describe('lowdb adapter', () => {
  it('splits records into bounded shards and scopes queries by the owner pointer', async () => {
    const dataDir = join(root, 'shards');
    const store = await openLowdbStore({ dataDir, keysDir: join(root, 'k1'), shardSize: 10 });
    await store.registerTemplate(template as unknown as SanitizedTemplate);
    await Promise.all(
      Array.from({ length: 35 }, (_, i) =>
        store.createRecord({
          record: record(`r${i}`, `1380000${String(i).padStart(4, '0')}`),
          audit: audit(`r${i}`),
        }),
      ),
    );
    expect(
      (await readdir(join(dataDir, 'records', 'followup'))).filter((f) => f.endsWith('.json')),
    ).toHaveLength(4);
    const own = await store.queryRecords('followup', {
      scope: { kind: 'owners', ownerIds: ['u1'] },
      limit: 100,
    });
    expect(own.records.map((r) => r.id).sort()).toEqual(['r0', 'r10', 'r20', 'r30']);
    await store.close();
    const reopened = await openLowdbStore({ dataDir, keysDir: join(root, 'k1') });
    expect((await reopened.queryRecords('followup', { limit: 100 })).total).toBe(35);
    await reopened.close();
  });

  it('names a damaged file instead of losing data silently', async () => {
    const dataDir = join(root, 'damaged');
    const store = await openLowdbStore({ dataDir, keysDir: join(root, 'k2') });
    await store.createRecord({ record: record('r1', '13800000000'), audit: audit('r1') });
    await store.close();
    const shard = join(dataDir, 'records', 'followup', '000000.json');
    await writeFile(shard, '{"templateId":"followup","records":[{"id":"r1"');
    await expect(openLowdbStore({ dataDir, keysDir: join(root, 'k2') })).rejects.toThrow(
      /000000\.json is damaged/,
    );
    await writeFile(join(dataDir, 'collections', 'users.json'), '');
    await expect(openLowdbStore({ dataDir, keysDir: join(root, 'k2') })).rejects.toThrow(
      /users\.json is damaged/,
    );
  });

  it('resumes an interrupted key rotation', async () => {
    const dataDir = join(root, 'rotate');
    const keysDir = join(root, 'k3');
    const open = (crashAfter?: number) =>
      openLowdbStore({
        dataDir,
        keysDir,
        shardSize: 5,
        ...(crashAfter === undefined
          ? {}
          : {
              onRotationStep: (done: number) => {
                if (done === crashAfter) throw new Error('simulated crash');
              },
            }),
      });
    const store = await open(2);
    await store.registerTemplate(template as unknown as SanitizedTemplate);
    for (let i = 0; i < 20; i++)
      await store.createRecord({
        record: record(`r${i}`, `1390000${String(i).padStart(4, '0')}`),
        audit: audit(`r${i}`),
      });
    await expect(store.rotateKeys()).rejects.toThrow('simulated crash');
    await store.close();
    const resumed = await open();
    expect((await resumed.getDoc('jobs', 'rotate-keys'))?.status).toBe('running');
    // Half-rotated data is readable (old and new keys both held until the rotation ends).
    expect((await resumed.getRecord('followup', 'r19'))?.data.phone).toBe('13900000019');
    await resumed.rotateKeys();
    expect((await resumed.getDoc('jobs', 'rotate-keys'))?.status).toBe('done');
    await resumed.close();
    const after = await open();
    expect(after.keys.masterKeys.size).toBe(1);
    for (let i = 0; i < 20; i++)
      expect((await after.getRecord('followup', `r${i}`))?.data.phone).toBe(
        `1390000${String(i).padStart(4, '0')}`,
      );
    await after.close();
  });

  it('round-trips a workspace through a backup into a fresh data folder with the same keys', async () => {
    const keysDir = join(root, 'k4');
    const a = await openLowdbStore({ dataDir: join(root, 'a'), keysDir });
    await a.registerTemplate(template as unknown as SanitizedTemplate);
    await a.createRecord({ record: record('r1', '13800000001'), audit: audit('r1') });
    const noteId = await a.putNote('why');
    await a.exportBackup(join(root, 'b.json'));
    await a.close();
    const b = await openLowdbStore({ dataDir: join(root, 'b'), keysDir });
    await b.importBackup(join(root, 'b.json'));
    expect((await b.getRecord('followup', 'r1'))?.data.phone).toBe('13800000001');
    expect(await b.getNote(noteId)).toBe('why');
    expect(await b.verifyAudit()).toMatchObject({ ok: true, count: 1 });
    await b.appendAudit({ actor: 'u1', action: 'auth.login', target: 'u1', details: {} });
    expect(await b.verifyAudit()).toMatchObject({ ok: true, count: 2 });
    await b.close();
    // Another workspace's keys cannot open it, and nothing is replaced.
    const c = await openLowdbStore({ dataDir: join(root, 'c'), keysDir: join(root, 'other-keys') });
    await expect(c.importBackup(join(root, 'b.json'))).rejects.toMatchObject({ code: 'CONFIG' });
    await c.close();
  });

  it('keeps read sets in an append-only file that survives a reopen, a backup and an erasure', async () => {
    const dataDir = join(root, 'readsets');
    const keysDir = join(root, 'k5');
    const readSet = (id: string) => ({
      id,
      templateId: 'followup',
      actor: 'u1',
      at: '2024-01-01T00:00:00.000Z',
      records: [{ ref: 'ref-r1', id: 'r1', fields: [{ path: '/phone', access: 'full' as const }] }],
    });
    const store = await openLowdbStore({ dataDir, keysDir, walLimitBytes: 1 });
    for (const id of ['rs1', 'rs2', 'rs3'])
      await store.commit({ steps: [{ kind: 'putReadSet', readSet: readSet(id) }], audit: [audit(id)] });
    const file = await readFile(join(dataDir, 'audit', 'readsets.jsonl'), 'utf8');
    expect(file.split('\n').filter(Boolean)).toHaveLength(3);
    await store.exportBackup(join(root, 'rs-backup.json'));
    await store.close();
    const reopened = await openLowdbStore({ dataDir, keysDir });
    expect(
      (await reopened.listReadSets({ templateId: 'followup', recordId: 'r1' })).map((r) => r.id),
    ).toEqual(['rs1', 'rs2', 'rs3']);
    expect(await reopened.eraseFromReadSets({ templateId: 'followup', recordId: 'r1' })).toBe(3);
    await reopened.close();
    const erased = await openLowdbStore({ dataDir, keysDir });
    expect(await erased.listReadSets({ templateId: 'followup', recordId: 'r1' })).toEqual([]);
    await erased.importBackup(join(root, 'rs-backup.json'));
    expect(await erased.listReadSets({ templateId: 'followup', recordId: 'r1' })).toHaveLength(3);
    await erased.close();
  });
});
