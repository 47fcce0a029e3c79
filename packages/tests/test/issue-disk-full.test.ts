import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, type RunningServer, type StartServerOptions, startServer } from '@veil/server';
import { type FileSystem, nodeFileSystem } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, makeClient } from './api/apiHarness.js';

const T = 'b2b-follow-up';
const root = await mkdtemp(join(tmpdir(), 'veil-full-api-'));
let full = false;
let clock = Date.parse('2026-03-02T09:00:00.000Z');
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
/** The real file layer, with writes that fail with ENOSPC (after half their bytes) while `full`. */
const fillable: FileSystem = {
  ...nodeFileSystem,
  writeFile: async (path, data, options) => {
    if (!full) return nodeFileSystem.writeFile(path, data, options);
    await nodeFileSystem.writeFile(path, Buffer.from(data).subarray(0, 8), options);
    throw enospc();
  },
  appendFile: async (path, data, options) => {
    if (!full || Buffer.byteLength(data) === 0) return nodeFileSystem.appendFile(path, data, options);
    await nodeFileSystem.appendFile(path, Buffer.from(data).subarray(0, 8), options);
    throw enospc();
  },
};

let server: RunningServer;
const logs: string[] = [];
let rep: ApiClient;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    seed: { customers: 4 },
    logSink: (line) => logs.push(line),
    config: { loginDelayMs: () => 0 },
    now: () => new Date(clock),
    storeFileSystem: fillable,
  } as StartServerOptions);
  rep = makeClient(server.url);
  await rep.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
});
afterAll(async () => {
  full = false;
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const create = (client: ApiClient, company: string, idempotencyKey?: string) =>
  client.records.create.mutate({
    templateId: T,
    changes: [
      { pointer: '/company', value: company },
      { pointer: '/stage', value: 'lead' },
    ],
    ...(idempotencyKey ? { idempotencyKey } : {}),
  } as Parameters<ApiClient['records']['create']['mutate']>[0]);

const count = async () => (await server.store.queryRecords(T, { limit: 1000 })).records.length;

describe('disk full over HTTP', () => {
  it('a create gets a clear storage-full error, the log names ENOSPC, nothing is stored, and it works again once space is free', async () => {
    const before = await count();
    full = true;
    const refused = await failure(create(rep, 'Full Disk Co.'));
    expect(refused.veilCode).toBe('storage-full');
    expect(refused.message).toMatch(/disk is full/);
    expect(await count()).toBe(before);
    const line = logs
      .map((l) => JSON.parse(l) as { procedure?: string; errorCode?: string })
      .reverse()
      .find((l) => l.procedure === 'records.create');
    expect(line?.errorCode).toBe('storage-full:ENOSPC');
    // Reads that need no audit entry keep working — also when the session's last-seen time is due
    // to be written (it waits for the next request). Audited reads are refused: no unaudited read.
    clock += 5 * 60_000;
    expect((await rep.auth.me.query()).id).toBe('user-rep-a');
    expect((await failure(rep.records.list.query({ templateId: T, limit: 5 } as never))).veilCode).toBe(
      'storage-full',
    );
    full = false;
    await create(rep, 'Space Again Co.');
    expect(await count()).toBe(before + 1);
  });

  it('a create retried with the same idempotency key is stored once', async () => {
    const before = await count();
    const first = await create(rep, 'Once Only Co.', 'retry-key-0001');
    const again = await create(rep, 'Once Only Co.', 'retry-key-0001');
    expect(again.record?.id).toBe(first.record?.id);
    expect(await count()).toBe(before + 1);
    // Another user's key of the same text is theirs alone.
    const repB = makeClient(server.url);
    await repB.auth.login.mutate({ username: 'rep-b', password: DEMO_PASSWORD });
    const theirs = await create(repB, 'Once Only Co.', 'retry-key-0001');
    expect(theirs.record?.id).not.toBe(first.record?.id);
    expect(await count()).toBe(before + 2);
  });
});
