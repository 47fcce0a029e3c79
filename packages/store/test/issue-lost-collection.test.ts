import { mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore, StoreError } from '../src/index.js';

const root = await mkdtemp(join(tmpdir(), 'veil-lost-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function openError(dataDir: string, keysDir: string): Promise<StoreError> {
  try {
    await (await openLowdbStore({ dataDir, keysDir })).close();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the store opened');
}

const user = {
  id: 'u1',
  login: 'ada',
  name: 'Ada',
  passwordHash: 'x',
  passwordSetAt: '2024-01-01T00:00:00.000Z',
  roles: ['admin'],
  departmentId: null,
  managedDepartmentIds: [],
  active: true,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

describe('a lost collection file on a store with data', () => {
  it('refuses to open, names the file, and changes nothing', async () => {
    const dataDir = join(root, 'a-data');
    const keysDir = join(root, 'a-keys');
    const store = await openLowdbStore({ dataDir, keysDir });
    await store.putDoc('users', user, { actor: 'system', action: 'user.create', target: 'u1', details: {} });
    await store.putDoc('departments', { id: 'd1', name: 'Sales', parentId: null });
    await store.close();
    await unlink(join(dataDir, 'collections', 'users.json'));
    const before = await readdir(join(dataDir, 'collections'));
    const departments = await readFile(join(dataDir, 'collections', 'departments.json'), 'utf8');

    const error = await openError(dataDir, keysDir);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(join('collections', 'users.json'));
    expect(error.message).toMatch(/missing/);
    // Refused again on the next try: nothing was recreated meanwhile.
    expect((await openError(dataDir, keysDir)).message).toContain('users.json');
    expect(await readdir(join(dataDir, 'collections'))).toEqual(before);
    expect(await readFile(join(dataDir, 'collections', 'departments.json'), 'utf8')).toBe(departments);
  });

  it('refuses a store with records but a lost collection that was never written to', async () => {
    const dataDir = join(root, 'b-data');
    const keysDir = join(root, 'b-keys');
    const store = await openLowdbStore({ dataDir, keysDir });
    await store.createRecord({
      record: {
        id: 'r1',
        templateId: 'followup',
        templateVersion: 1,
        version: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        data: { owner: 'u1' },
      },
      audit: { actor: 'u1', action: 'record.create', target: 'r1', details: {} },
    });
    await store.close();
    await unlink(join(dataDir, 'collections', 'sessions.json'));
    expect((await openError(dataDir, keysDir)).message).toContain('sessions.json');
  });

  it('an empty store with a file gone still opens (nothing to lose)', async () => {
    const dataDir = join(root, 'c-data');
    const keysDir = join(root, 'c-keys');
    await (await openLowdbStore({ dataDir, keysDir })).close();
    await rm(join(dataDir, 'collections', 'users.json'), { force: true });
    const store = await openLowdbStore({ dataDir, keysDir });
    expect(await store.listDocs('users')).toEqual([]);
    await store.close();
  });
});
