import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, startServer } from '@veil/server';
import { afterAll, describe, expect, it } from 'vitest';
import { makeClient } from './api/apiHarness.js';

const root = await mkdtemp(join(tmpdir(), 'veil-prune-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('sessions are pruned', () => {
  it('revoked and expired sessions are removed; the live one stays', async () => {
    let clock = Date.parse('2026-03-01T08:00:00.000Z');
    const options = {
      port: 0,
      dataDir: join(root, 'data'),
      keysDir: join(root, 'keys'),
      seed: { customers: 2 },
      logSink: () => undefined,
      now: () => new Date(clock),
      config: { loginDelayMs: () => 0 },
    };
    let server = await startServer(options);
    for (let i = 0; i < 12; i++) {
      const client = makeClient(server.url);
      await client.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
      await client.auth.logout.mutate();
    }
    for (let i = 0; i < 5; i++) {
      await makeClient(server.url).auth.login.mutate({ username: 'rep-b', password: DEMO_PASSWORD });
    }
    expect((await server.store.listDocs('sessions')).length).toBe(17);
    clock += 13 * 3_600_000; // past the 12 h absolute lifetime of the five
    const live = makeClient(server.url);
    await live.auth.login.mutate({ username: 'manager', password: DEMO_PASSWORD });
    await server.close();

    server = await startServer(options);
    try {
      const left = await server.store.listDocs('sessions');
      expect(left.map((s) => s.userId)).toEqual(['user-manager']);
      expect(left[0]?.revoked).toBe(false);
    } finally {
      await server.close();
    }
  });
});
