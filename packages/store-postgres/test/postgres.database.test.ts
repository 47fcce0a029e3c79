import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyProvider } from '@veil/store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../src/index.js';
import {
  dropSchema,
  postgresReachable,
  TEST_DATABASE_URL,
  testSchemaName,
} from '../src/testing/postgresTestDatabase.js';

const reachable = await postgresReachable();
const audit = (action: string, target: string) => ({ actor: 'u1', action, target, details: { records: [] } });

describe.skipIf(!reachable)('PostgreSQL: what the database itself guarantees', () => {
  const schema = testSchemaName();
  let root: string;
  let a: PostgresStore;
  let b: PostgresStore;
  const open = () =>
    openPostgresStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      keyProvider: fileKeyProvider({ keysDir: join(root, 'keys'), dataDir: join(root, 'data') }),
      poolSize: 3,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'veil-pg-'));
    a = await open();
    // A second server on the same database: the migrations are not applied twice.
    b = await open();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
    await rm(root, { recursive: true, force: true });
  });

  it('migrations run once at the first open and are versioned', () => {
    expect(a.migrated).toEqual([1]);
    expect(b.migrated).toEqual([]);
  });

  it('the audit table refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await a.appendAudit(audit('x.test', 't1'));
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      for (const sql of ["UPDATE audit SET target = 'forged'", 'DELETE FROM audit', 'TRUNCATE audit']) {
        await expect(client.query(sql), sql).rejects.toThrow(/append-only/);
      }
    } finally {
      await client.end();
    }
    expect((await b.verifyAudit()).ok).toBe(true);
  });

  it('a write on one server changes the docs revision the other reads; an unrelated one does not', async () => {
    const before = await b.docsRevision(['users', 'departments']);
    const sessions = await b.docsRevision(['sessions']);
    await a.putDoc('departments', { id: 'd1', name: 'East', parentId: null });
    expect(await b.docsRevision(['users', 'departments'])).not.toBe(before);
    expect(await b.docsRevision(['sessions'])).toBe(sessions);
    expect((await b.getDoc('departments', 'd1'))?.name).toBe('East');
  });

  it('both servers append to one unbroken chain at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendAudit(audit('x.concurrent', `t${i}`))),
    );
    const verified = await a.verifyAudit({ checkpoints: [await b.exportCheckpoint()] });
    expect(verified).toMatchObject({ ok: true });
  });

  it('a record encrypted on one server is read on the other (data keys are shared through the database)', async () => {
    await a.registerTemplate({
      id: 'tpl',
      version: 1,
      owner: '/owner',
      fields: [{ path: '/secret', leaf: true, privacy: { encrypt: true, search: 'none' } }],
    } as never);
    await a.createRecord({
      record: {
        id: 'r1',
        templateId: 'tpl',
        templateVersion: 1,
        version: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        data: { owner: 'u1', secret: 'only-ciphertext-at-rest' },
      },
      audit: audit('record.create', 'r1'),
    });
    expect((await b.getRecord('tpl', 'r1'))?.data.secret).toBe('only-ciphertext-at-rest');
  });
});
