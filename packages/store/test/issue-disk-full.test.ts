import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FileSystem, openLowdbStore, StoreError } from '../src/index.js';
import { FaultFileSystem } from './faultFileSystem.js';

const keysRoot = await mkdtemp(join(tmpdir(), 'veil-full-'));
afterAll(() => rm(keysRoot, { recursive: true, force: true }));

/** A file layer whose writes fail with ENOSPC while `full` — after writing half their bytes. */
function fillable(fs: FileSystem): { fs: FileSystem; setFull: (full: boolean) => void } {
  let full = false;
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const half = (data: Buffer | string) =>
    Buffer.from(data).subarray(0, Math.floor(Buffer.byteLength(data) / 2));
  return {
    setFull: (value) => {
      full = value;
    },
    fs: {
      ...fs,
      writeFile: async (path, data, options) => {
        if (!full) return fs.writeFile(path, data, options);
        await fs.writeFile(path, half(data), options);
        throw enospc();
      },
      appendFile: async (path, data, options) => {
        if (!full || Buffer.byteLength(data) === 0) return fs.appendFile(path, data, options);
        await fs.appendFile(path, half(data), options);
        throw enospc();
      },
    },
  };
}

const record = (id: string, version = 1) => ({
  id,
  templateId: 'followup',
  templateVersion: 1,
  version,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: 'u1', note: `v${version}` },
});
const audit = (id: string) => ({ actor: 'u1', action: 'record.create', target: id, details: {} });

async function failure(call: Promise<unknown>): Promise<StoreError> {
  try {
    await call;
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the write was acknowledged');
}

describe('disk full', () => {
  it('refuses writes with STORAGE_FULL naming ENOSPC, keeps serving reads, and writes again once space is free', async () => {
    const disk = new FaultFileSystem();
    const layer = fillable(disk.boot());
    const options = { dataDir: '/data', keysDir: join(keysRoot, 'a'), fs: layer.fs, shardSize: 3 };
    const store = await openLowdbStore(options);
    for (const id of ['r1', 'r2']) await store.createRecord({ record: record(id), audit: audit(id) });
    await store.putDoc('departments', { id: 'd1', name: 'Sales', parentId: null });

    layer.setFull(true);
    const refused = [
      await failure(store.createRecord({ record: record('lost-1'), audit: audit('lost-1') })),
      await failure(store.updateRecord({ record: record('r1', 2), expectedVersion: 1, audit: audit('r1') })),
      await failure(store.putDoc('departments', { id: 'd2', name: 'East', parentId: 'd1' })),
      await failure(store.appendAudit(audit('login'))),
    ];
    for (const error of refused) {
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('STORAGE_FULL');
      expect(error.message).toContain('ENOSPC');
    }
    // Reads keep working, and a refused write left nothing behind in memory.
    expect((await store.getRecord('followup', 'r1'))?.version).toBe(1);
    expect(await store.getRecord('followup', 'lost-1')).toBeUndefined();
    expect((await store.queryRecords('followup', { limit: 10 })).records.map((r) => r.id)).toEqual([
      'r1',
      'r2',
    ]);
    expect((await store.listDocs('departments')).map((d) => d.id)).toEqual(['d1']);

    layer.setFull(false);
    // No latched failure: the same writes now succeed, without a restart.
    await store.createRecord({ record: record('r3'), audit: audit('r3') });
    await store.updateRecord({ record: record('r1', 2), expectedVersion: 1, audit: audit('r1') });
    await store.putDoc('departments', { id: 'd2', name: 'East', parentId: 'd1' });
    await store.appendAudit(audit('login'));
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
    await store.close();

    // After a restart exactly the acknowledged writes are there.
    const reopened = await openLowdbStore({ ...options, fs: disk.boot() });
    expect((await reopened.queryRecords('followup', { limit: 10 })).records.map((r) => r.id).sort()).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
    expect((await reopened.getRecord('followup', 'r1'))?.version).toBe(2);
    expect((await reopened.listDocs('departments')).map((d) => d.id)).toEqual(['d1', 'd2']);
    const verified = await reopened.verifyAudit();
    expect(verified).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('a write refused on a full disk is not there after a power cut either', async () => {
    const disk = new FaultFileSystem();
    const layer = fillable(disk.boot());
    const options = { dataDir: '/data', keysDir: join(keysRoot, 'b'), fs: layer.fs };
    const store = await openLowdbStore(options);
    await store.createRecord({ record: record('r1'), audit: audit('r1') });
    layer.setFull(true);
    await failure(store.createRecord({ record: record('lost'), audit: audit('lost') }));
    layer.setFull(false);
    await store.createRecord({ record: record('r2'), audit: audit('r2') });
    disk.powerCut();
    const reopened = await openLowdbStore({ ...options, fs: disk.boot() });
    expect(await reopened.getRecord('followup', 'lost')).toBeUndefined();
    expect((await reopened.getRecord('followup', 'r2'))?.id).toBe('r2');
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('when only the audit append hits the full disk, the committed write is kept and its entry follows', async () => {
    const disk = new FaultFileSystem();
    const base = disk.boot();
    let auditFull = false;
    const fs: FileSystem = {
      ...base,
      appendFile: async (path, data, options) => {
        if (!auditFull || !path.endsWith('audit.jsonl') || Buffer.byteLength(data) === 0)
          return base.appendFile(path, data, options);
        await base.appendFile(path, Buffer.from(data).subarray(0, 10), options);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const options = { dataDir: '/data', keysDir: join(keysRoot, 'd'), fs };
    const store = await openLowdbStore(options);
    await store.createRecord({ record: record('r1'), audit: audit('r1') });
    auditFull = true;
    // The WAL took the batch (the commit point), so it is acknowledged; a pure audit append is not.
    await store.createRecord({ record: record('r2'), audit: audit('r2') });
    expect((await failure(store.appendAudit(audit('login')))).code).toBe('STORAGE_FULL');
    auditFull = false;
    await store.createRecord({ record: record('r3'), audit: audit('r3') });
    const targets: string[] = [];
    for await (const entry of store.exportAudit()) targets.push(entry.target);
    expect(targets).toEqual(['r1', 'r2', 'r3']);
    expect(await store.verifyAudit()).toMatchObject({ ok: true });

    // And a power cut while the entry waits: the WAL brings it back.
    auditFull = true;
    await store.createRecord({ record: record('r4'), audit: audit('r4') });
    disk.powerCut();
    const reopened = await openLowdbStore({ ...options, fs: disk.boot() });
    expect((await reopened.getRecord('followup', 'r4'))?.id).toBe('r4');
    const after: string[] = [];
    for await (const entry of reopened.exportAudit()) after.push(entry.target);
    expect(after).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('closes cleanly while the disk is full', async () => {
    const disk = new FaultFileSystem();
    const layer = fillable(disk.boot());
    const store = await openLowdbStore({ dataDir: '/data', keysDir: join(keysRoot, 'c'), fs: layer.fs });
    await store.createRecord({ record: record('r1'), audit: audit('r1') });
    layer.setFull(true);
    await expect(store.close()).resolves.toBeUndefined();
  });
});
