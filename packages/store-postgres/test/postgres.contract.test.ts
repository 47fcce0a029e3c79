import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyProvider } from '@veil/store';
import { runStoreContract } from '@veil/store/testing';
import { describe, it } from 'vitest';
import { openPostgresStore } from '../src/index.js';
import {
  dropSchema,
  postgresReachable,
  schemaBytes,
  TEST_DATABASE_URL,
  testSchemaName,
} from '../src/testing/postgresTestDatabase.js';

const reachable = await postgresReachable();

if (reachable) {
  // Each case gets its own schema (created by the migrations at open, dropped at close), so
  // parallel runs and cases never see each other's rows.
  runStoreContract('postgres', async () => {
    const root = await mkdtemp(join(tmpdir(), 'veil-pg-keys-'));
    const schema = testSchemaName();
    const store = await openPostgresStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      keyProvider: fileKeyProvider({ keysDir: join(root, 'keys'), dataDir: join(root, 'data') }),
      poolSize: 4,
    });
    return {
      store,
      persisted: () => schemaBytes(schema),
      async close() {
        await store.close();
        await dropSchema(schema);
        await rm(root, { recursive: true, force: true });
      },
    };
  });
} else {
  describe('Store contract: postgres', () => {
    it.skip('PostgreSQL is not reachable: skipped (see the notice above)', () => undefined);
  });
}
