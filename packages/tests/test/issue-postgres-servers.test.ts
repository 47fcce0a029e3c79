import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@veil/server';
import { fileKeyProvider } from '@veil/store';
import { openPostgresStore } from '@veil/store-postgres';
import {
  dropSchema,
  postgresReachable,
  schemaBytes,
  TEST_DATABASE_URL,
  testSchemaName,
} from '@veil/store-postgres/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cookieOf, failure, makeClient } from './api/apiHarness.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'dist', 'main.js');
const T = 'b2b-follow-up';
const reachable = await postgresReachable();
const root = await mkdtemp(join(tmpdir(), 'veil-pg-two-'));
const schema = testSchemaName('veil_two');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (reachable) await dropSchema(schema);
  await rm(root, { recursive: true, force: true });
});

/** A server process on the shared database (own data folder for export files; the keys are shared). */
async function startMain(name: string): Promise<string> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      VEIL_STORE: 'postgres',
      VEIL_DATABASE_URL: TEST_DATABASE_URL,
      VEIL_DATABASE_SCHEMA: schema,
      VEIL_DATA_DIR: join(root, `data-${name}`),
      VEIL_KEYS_DIR: join(root, 'keys'),
    },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const found = /Veil is running at (\S+)/.exec(stdout);
      if (found) resolve(found[1] as string);
    });
    child.on('exit', () => reject(new Error(`server ${name} exited before listening: ${stderr}`)));
  });
}

describe.skipIf(!reachable)('two server processes on one PostgreSQL database', () => {
  it('share sessions, records, version conflicts, lockouts and one audit chain', async () => {
    const a = await startMain('a');
    const b = await startMain('b');

    // A login on A is valid on B (the session is in the database).
    const repOnA = makeClient(a);
    await repOnA.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
    const repOnB = makeClient(b, { cookie: cookieOf(repOnA) });
    expect((await repOnB.auth.me.query())?.login).toBe('rep-a');

    // A write on A is read on B at once.
    const created = await repOnA.records.create.mutate({
      templateId: T,
      changes: [
        { pointer: '/company', value: 'Two Servers Co.' },
        { pointer: '/stage', value: 'lead' },
      ],
    });
    const id = created.record?.id as string;
    const seen = await repOnB.records.get.query({ templateId: T, id });
    expect(seen.data.company).toBe('Two Servers Co.');
    const version = seen.version;

    // Two updates from the same version, one per server, at once: exactly one is kept.
    const results = await Promise.allSettled(
      [repOnA, repOnB].map((client, i) =>
        client.records.update.mutate({
          templateId: T,
          id,
          version,
          changes: [{ pointer: '/stage', value: i === 0 ? 'proposal' : 'won' }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.findIndex((r) => r.status === 'rejected');
    const again = await failure(
      [repOnA, repOnB][loser]!.records.update.mutate({
        templateId: T,
        id,
        version,
        changes: [{ pointer: '/stage', value: 'lost' }],
      }),
    );
    expect(again.code).toBe('CONFLICT');
    const after = await repOnA.records.get.query({ templateId: T, id });
    expect(after.version).toBe(version + 1);

    // A department move through A holds on B at B's very next request (its caches follow the
    // database's revision): rep-a no longer sees rep-b's record as the team's.
    const repB = makeClient(a);
    await repB.auth.login.mutate({ username: 'rep-b', password: DEMO_PASSWORD });
    const theirs = await repB.records.create.mutate({
      templateId: T,
      changes: [
        { pointer: '/company', value: 'Team Co.' },
        { pointer: '/stage', value: 'lead' },
      ],
    });
    const theirId = theirs.record?.id as string;
    expect((await repOnB.records.get.query({ templateId: T, id: theirId })).relation).toBe('team');
    const admin = makeClient(a);
    await admin.auth.login.mutate({ username: 'admin', password: DEMO_PASSWORD });
    await admin.users.setDepartment.mutate({ userId: 'user-rep-b', departmentId: 'dept-west' });
    expect((await failure(repOnB.records.get.query({ templateId: T, id: theirId }))).code).toBe('NOT_FOUND');

    // Failed logins counted on both servers lock the account on both.
    for (let i = 0; i < 5; i++) {
      await failure(makeClient(i % 2 ? a : b).auth.login.mutate({ username: 'rep-b', password: 'wrong' }));
    }
    for (const url of [a, b]) {
      const locked = await failure(
        makeClient(url).auth.login.mutate({ username: 'rep-b', password: DEMO_PASSWORD }),
      );
      expect(locked.veilCode).toBe('locked');
    }

    // Neither the session token nor a password reaches the database (sessions are keyed hashes
    // of their token): every row of every table, scanned. (Encrypted field values: the store
    // contract's persisted-bytes cases scan the same way.)
    const persisted = (await schemaBytes(schema)).toString('utf8');
    expect(persisted).toContain('Two Servers Co.');
    const token = cookieOf(repOnA).split('=').slice(1).join('=');
    expect(token.length).toBeGreaterThan(16);
    for (const canary of [token, DEMO_PASSWORD]) {
      expect(persisted.includes(canary), `${canary} in the database`).toBe(false);
      expect(persisted.includes(Buffer.from(canary).toString('base64'))).toBe(false);
    }

    // Both appended to one chain, which verifies.
    const store = await openPostgresStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      keyProvider: fileKeyProvider({ keysDir: join(root, 'keys'), dataDir: join(root, 'data-a') }),
      poolSize: 2,
    });
    try {
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
