import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../startServer.js';
import { openOperator } from './openOperator.js';

const root = mkdtempSync(join(tmpdir(), 'veil-operator-'));
const dirs = { dataDir: join(root, 'data'), keysDir: join(root, 'keys') };
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const server = await startServer({ ...dirs, port: 0, logSink: () => {} });
  await server.close();
}, 120_000);

describe('openOperator', () => {
  it('calls the procedures with the roles the policy grants one capability, and no more', async () => {
    const operator = await openOperator({ ...dirs, actor: 'operator:test' });
    try {
      const readers = await operator.rolesWith('reveal.reasons.read');
      expect(readers.length).toBeGreaterThan(0);
      expect(readers).not.toEqual(await operator.rolesWith('users.manage'));
      // The capability check of users.list runs against the operator's roles: refused here…
      const narrow = await operator.callerWith('reveal.reasons.read');
      await expect(narrow.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // …allowed with the roles that manage users, and the operation's own rules still apply.
      const admin = await operator.callerWith('users.manage');
      expect((await admin.users.list()).length).toBeGreaterThan(0);
      await expect(
        admin.users.create({
          login: 'Bad Login',
          name: 'x',
          password: 'a-long-password',
          roles: ['x'],
          departmentId: null,
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await operator.close();
    }
  });

  it('refuses a store a server holds (the folder lock), before touching it', async () => {
    const server = await startServer({ ...dirs, port: 0, seed: false, logSink: () => {} });
    try {
      await expect(openOperator({ ...dirs, actor: 'operator:test' })).rejects.toMatchObject({
        code: 'LOCKED',
      });
    } finally {
      await server.close();
    }
  });
});
