import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_FILES, openLowdbStore, StoreError } from '../src/index.js';

const root = await mkdtemp(join(tmpdir(), 'veil-keyloss-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function openError(options: {
  dataDir: string;
  keysDir: string;
  masterKey?: Buffer;
}): Promise<StoreError> {
  try {
    await (await openLowdbStore(options)).close();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the store opened');
}

async function storeWithData(
  name: string,
  masterKey?: Buffer,
): Promise<{ dataDir: string; keysDir: string }> {
  const dataDir = join(root, `${name}-data`);
  const keysDir = join(root, `${name}-keys`);
  const store = await openLowdbStore({ dataDir, keysDir, ...(masterKey ? { masterKey } : {}) });
  await store.appendAudit({ actor: 'u1', action: 'auth.login', target: 'u1', details: {} });
  await store.putNote('kept');
  await store.close();
  return { dataDir, keysDir };
}

describe('a missing key file on a store with data', () => {
  it.each(Object.entries(KEY_FILES))(
    'stops the start and names %s (%s), creating nothing',
    async (kind, file) => {
      const { dataDir, keysDir } = await storeWithData(`k-${kind}`);
      await unlink(join(keysDir, file));
      const before = await readdir(keysDir);
      const error = await openError({ dataDir, keysDir });
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('CONFIG');
      expect(error.message).toContain(join(keysDir, file));
      expect(error.message).toMatch(/missing/);
      expect(await readdir(keysDir)).toEqual(before);
    },
  );

  it('a master key from the environment needs no master.json', async () => {
    const masterKey = Buffer.alloc(32, 7);
    const { dataDir, keysDir } = await storeWithData('env', masterKey);
    const store = await openLowdbStore({ dataDir, keysDir, masterKey });
    await store.close();
  });

  it('a new store still creates its keys', async () => {
    const dataDir = join(root, 'new-data');
    const keysDir = join(root, 'new-keys');
    await (await openLowdbStore({ dataDir, keysDir })).close();
    expect(await readdir(keysDir)).toEqual(expect.arrayContaining(Object.values(KEY_FILES)));
  });
});
