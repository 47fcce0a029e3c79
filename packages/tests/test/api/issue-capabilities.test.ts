import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Regression (issue 10): delete rights were role ids hard-coded in the records router, and the
 * admin and auditor checks compared role ids in `trpc.ts`. They are now capabilities read from
 * the workspace policy at each request: changing a grant changes what the API allows, and
 * `auth.me` tells the web what the user holds.
 */

const T = 'b2b-follow-up';
let h: Harness;
let admin: ApiClient;
let manager: ApiClient;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 12 } });
  [admin, manager] = await Promise.all([h.as('admin'), h.as('manager')]);
});
afterAll(async () => {
  await h?.close();
});

async function teamRecord(client: ApiClient) {
  const { rows } = await client.records.list.query({ templateId: T, limit: 200 });
  const row = rows.find((r) => r.relation === 'team');
  if (!row) throw new Error('the seed gives the manager team records');
  return row;
}

describe('capabilities from the workspace policy', () => {
  it('are what auth.me reports, with the defaults of before', async () => {
    const me = await manager.auth.me.query();
    expect(me.capabilities.records['records.delete']).toEqual(['owner', 'team']);
    expect(me.capabilities.workspace).not.toContain('audit.read');
    expect((await failure(manager.audit.list.query())).code).toBe('FORBIDDEN');
  });

  it('follow a changed grant: a manager loses team deletes and gains the audit trail', async () => {
    const { version: _v, ...policy } = await admin.workspace.get.query();
    const next = structuredClone(policy);
    next.capabilities = {
      ...next.capabilities,
      'records.delete': { staff: ['owner'], admin: ['any'] },
      'audit.read': ['admin', 'compliance', 'manager'],
    };
    // Granting audit.read weakens privacy: it needs the confirmation.
    expect((await failure(admin.workspace.update.mutate({ policy: next }))).veilCode).toBe(
      'confirmation-required',
    );
    await admin.workspace.update.mutate({ policy: next, confirm: true });

    expect((await manager.auth.me.query()).capabilities.records['records.delete']).toEqual(['owner']);
    const row = await teamRecord(manager);
    const refused = await failure(
      manager.records.delete.mutate({ templateId: T, id: row.id, version: row.version }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(await h.server.store.getRecord(T, row.id)).toBeDefined();
    await expect(manager.audit.list.query({ limit: 1 })).resolves.toMatchObject({
      entries: expect.any(Array),
    });
    // The admin's grant (`any`) is untouched.
    await expect(
      admin.records.delete.mutate({ templateId: T, id: row.id, version: row.version }),
    ).resolves.toEqual({
      deleted: true,
    });
  });
});
