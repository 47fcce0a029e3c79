import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FileSystem, openLowdbStore, type StoreError, type UnitOfWork } from '../src/index.js';
import { FaultFileSystem } from './faultFileSystem.js';

const keysRoot = await mkdtemp(join(tmpdir(), 'veil-full-rs-'));
afterAll(() => rm(keysRoot, { recursive: true, force: true }));

/** A file layer whose writes to the paths `full` admits fail with ENOSPC, after half their bytes. */
function fillable(fs: FileSystem): { fs: FileSystem; setFull: (full: (path: string) => boolean) => void } {
  let full: (path: string) => boolean = () => false;
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
        if (!full(path)) return fs.writeFile(path, data, options);
        await fs.writeFile(path, half(data), options);
        throw enospc();
      },
      appendFile: async (path, data, options) => {
        if (!full(path) || Buffer.byteLength(data) === 0) return fs.appendFile(path, data, options);
        await fs.appendFile(path, half(data), options);
        throw enospc();
      },
    },
  };
}

/** A list read: its read set and its audit entry, in one unit. */
const read = (id: string): UnitOfWork => ({
  steps: [
    {
      kind: 'putReadSet',
      readSet: {
        id,
        templateId: 'followup',
        actor: 'u1',
        at: '2024-01-01T00:00:00.000Z',
        records: [{ id: 'r1', ref: 'ref-r1', fields: [] }],
      },
    },
  ],
  audit: [{ actor: 'u1', action: 'record.list', target: 'followup', details: { readSet: id } }],
});
const readSetIds = async (store: {
  listReadSets: (f: { templateId: string; recordId: string }) => Promise<{ id: string }[]>;
}) => (await store.listReadSets({ templateId: 'followup', recordId: 'r1' })).map((d) => d.id).sort();

describe('disk full and read sets', () => {
  it('a read refused on a full disk keeps no read set, in memory or after a reopen', async () => {
    const disk = new FaultFileSystem();
    const layer = fillable(disk.boot());
    const options = { dataDir: '/data', keysDir: join(keysRoot, 'a'), fs: layer.fs };
    const store = await openLowdbStore(options);
    await store.commit(read('rs-1'));

    layer.setFull(() => true);
    const refused = await store.commit(read('rs-lost')).catch((error: StoreError) => error);
    expect((refused as StoreError).code).toBe('STORAGE_FULL');
    expect(await readSetIds(store)).toEqual(['rs-1']);

    layer.setFull(() => false);
    await store.commit(read('rs-2'));
    expect(await readSetIds(store)).toEqual(['rs-1', 'rs-2']);
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
    await store.close();

    const reopened = await openLowdbStore({ ...options, fs: disk.boot() });
    expect(await readSetIds(reopened)).toEqual(['rs-1', 'rs-2']);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true });
    await reopened.close();
  });

  it('when only the read-set append hits the full disk, the committed read set is kept and written later', async () => {
    const disk = new FaultFileSystem();
    const layer = fillable(disk.boot());
    const options = { dataDir: '/data', keysDir: join(keysRoot, 'b'), fs: layer.fs };
    const store = await openLowdbStore(options);
    await store.commit(read('rs-1'));

    layer.setFull((path) => path.endsWith('readsets.jsonl'));
    // Committed (the WAL holds it): acknowledged, and its read set is there.
    await store.commit(read('rs-2'));
    expect(await readSetIds(store)).toEqual(['rs-1', 'rs-2']);

    layer.setFull(() => false);
    await store.commit(read('rs-3'));
    await store.close();

    const reopened = await openLowdbStore({ ...options, fs: disk.boot() });
    expect(await readSetIds(reopened)).toEqual(['rs-1', 'rs-2', 'rs-3']);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true });
    await reopened.close();
  });
});
