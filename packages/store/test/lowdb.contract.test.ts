import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../src/index.js';
import { runStoreContract } from '../src/testing/index.js';

runStoreContract('lowdb', async () => {
  const root = await mkdtemp(join(tmpdir(), 'veil-store-'));
  const store = await openLowdbStore({ dataDir: join(root, 'data'), keysDir: join(root, 'keys') });
  return {
    store,
    async close() {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});
