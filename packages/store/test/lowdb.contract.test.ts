import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../src/index.js';
import { runStoreContract } from '../src/testing/index.js';

/** Every file under a folder, concatenated. */
async function bytesUnder(dir: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

runStoreContract('lowdb', async () => {
  const root = await mkdtemp(join(tmpdir(), 'veil-store-'));
  const store = await openLowdbStore({ dataDir: join(root, 'data'), keysDir: join(root, 'keys') });
  return {
    store,
    persisted: () => bytesUnder(root),
    async close() {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});
