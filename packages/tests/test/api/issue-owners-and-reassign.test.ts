import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Issue 13: a manager sees who owns each customer of the team (names only, `team.names` for
 * holders of `records.reassign`), lists, sorts and groups by owner, and hands one customer or a
 * selection to someone else inside their subtree — checked on the server, audited, all or none.
 */

const T = 'b2b-follow-up';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 28 } });
});
afterAll(async () => {
  await h?.close();
});

const ownedBy = async (user: string) =>
  (await h.server.store.queryRecords(T, { scope: { kind: 'owners', ownerIds: [user] }, limit: 1000 }))
    .records;
const reassignEntries = async () => {
  const out: Record<string, unknown>[] = [];
  for await (const entry of h.server.store.exportAudit())
    if (entry.action === 'record.reassign') out.push(entry as unknown as Record<string, unknown>);
  return out;
};

describe('issue: owners and reassignment', () => {
  it('a manager sees the names of the team, nothing more than a name; a partner may not ask', async () => {
    const manager = await h.as('manager');
    const { people } = await manager.team.names.query();
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const id of ['user-rep-a', 'user-rep-b', 'user-rep-c', 'user-manager'])
      expect(byId.has(id), id).toBe(true);
    expect(byId.get('user-rep-a')?.name).toBe('业务员甲（演示）');
    // Outside every department of the team: not listed.
    expect(byId.has('user-partner')).toBe(false);
    expect(byId.has('user-compliance')).toBe(false);
    for (const person of people) expect(Object.keys(person).sort()).toEqual(['id', 'mayOwn', 'name']);
    // A partner (external) never sees colleagues' names.
    const refused = await failure((await h.as('partner')).team.names.query());
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a rep sees the names of her own department by default, and not once the workspace turns it off', async () => {
    const rep = await h.as('rep-a');
    const ids = (await rep.team.names.query()).people.map((p) => p.id).sort();
    expect(ids).toEqual(['user-rep-a', 'user-rep-b']);
    const admin = await h.as('admin');
    const { version: _v, ...policy } = await admin.workspace.get.query();
    await admin.workspace.update.mutate({
      policy: { ...policy, capabilities: { ...policy.capabilities, 'people.names': ['manager', 'admin'] } },
      confirm: true,
    });
    try {
      expect((await failure(rep.team.names.query())).code).toBe('FORBIDDEN');
      // The manager still does: handing customers over needs the names.
      expect((await (await h.as('manager')).team.names.query()).people.length).toBeGreaterThan(1);
    } finally {
      await admin.workspace.update.mutate({
        policy: { ...policy, capabilities: { ...policy.capabilities, 'people.names': ['staff'] } },
        confirm: true,
      });
    }
  });

  it('a manager filters, sorts and groups the team’s customers by owner', async () => {
    const manager = await h.as('manager');
    const ofC = await manager.records.list.query({
      templateId: T,
      filters: [{ field: '/ownerId', op: 'eq', value: 'user-rep-c' }],
      limit: 200,
    });
    expect(ofC.total).toBe((await ownedBy('user-rep-c')).length);
    expect(ofC.rows.every((r) => r.data.ownerId === 'user-rep-c')).toBe(true);
    const sorted = await manager.records.list.query({
      templateId: T,
      sort: [{ field: '/ownerId', dir: 'asc' }],
      limit: 200,
    });
    const owners = sorted.rows.map((r) => String(r.data.ownerId));
    expect(owners).toEqual([...owners].sort());
    const grouped = await manager.records.list.query({ templateId: T, groupBy: ['/ownerId'], limit: 1 });
    expect(grouped.groups?.find((g) => g.value === 'user-rep-c')?.count).toBe(ofC.total);
  });

  it('a manager hands a customer to another rep of the subtree: moved, audited, gone from the old owner', async () => {
    const manager = await h.as('manager');
    const record = (await ownedBy('user-rep-a'))[0]!;
    const before = (await reassignEntries()).length;
    expect(await manager.team.reassign.mutate({ templateId: T, ids: [record.id], to: 'user-rep-c' })).toEqual(
      {
        reassigned: 1,
      },
    );
    const stored = await h.server.store.getRecord(T, record.id);
    expect(stored?.data.ownerId).toBe('user-rep-c');
    expect(stored?.version).toBe(record.version + 1);
    const entries = await reassignEntries();
    expect(entries.length).toBe(before + 1);
    const entry = JSON.stringify(entries.at(-1));
    expect(entry).toContain('user-rep-c');
    expect(entry).toContain('user-manager');
    // No value of the record is in the entry.
    expect(entry).not.toContain(String(record.data.company));
    // Rep A (east) no longer finds it; rep C (west) now owns it.
    const repA = await h.as('rep-a');
    expect((await failure(repA.records.get.query({ templateId: T, id: record.id }))).code).toBe('NOT_FOUND');
    const repC = await h.as('rep-c');
    expect((await repC.records.get.query({ templateId: T, id: record.id })).relation).toBe('owner');
  });

  it('moves a selection all together, or nothing when one of it is not the manager’s to move', async () => {
    const manager = await h.as('manager');
    const [one, two] = await ownedBy('user-rep-b');
    expect(
      (await manager.team.reassign.mutate({ templateId: T, ids: [one!.id, two!.id], to: 'user-rep-a' }))
        .reassigned,
    ).toBe(2);
    const third = (await ownedBy('user-rep-b'))[0]!;
    const refused = await failure(
      manager.team.reassign.mutate({ templateId: T, ids: [third.id, 'no-such-record'], to: 'user-rep-a' }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    expect((await h.server.store.getRecord(T, third.id))?.data.ownerId).toBe('user-rep-b');
  });

  it('refuses a rep, a new owner who may not own customers, and one outside the manager’s subtree; changes nothing', async () => {
    const record = (await ownedBy('user-rep-b'))[0]!;
    const rep = await h.as('rep-b');
    expect(
      (await failure(rep.team.reassign.mutate({ templateId: T, ids: [record.id], to: 'user-rep-a' }))).code,
    ).toBe('FORBIDDEN');
    // Under this workspace's grant only staff who work with customers may own them.
    const admin = await h.as('admin');
    const { version: _v, ...policy } = await admin.workspace.get.query();
    await admin.workspace.update.mutate({
      policy: {
        ...policy,
        capabilities: { ...policy.capabilities, 'records.create': ['admin', 'manager', 'rep'] },
      },
      confirm: true,
    });
    const department = await admin.users.createDepartment.mutate({ name: '北方', parentId: null });
    const outsider = await admin.users.create.mutate({
      login: 'rep-north',
      name: '北方业务员',
      password: 'a-long-password-1',
      roles: ['rep'],
      departmentId: department.id,
    });
    const manager = await h.as('manager');
    for (const to of ['user-partner', 'user-compliance', outsider.id, 'user-nobody']) {
      const refusedTo = await failure(manager.team.reassign.mutate({ templateId: T, ids: [record.id], to }));
      expect(refusedTo.code, to).toBe('FORBIDDEN');
      expect(refusedTo.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = await h.server.store.getRecord(T, record.id);
    expect(after?.version).toBe(record.version);
    expect(after?.data.ownerId).toBe('user-rep-b');
    // The admin may hand it to anyone who may own customers.
    expect(
      (await admin.team.reassign.mutate({ templateId: T, ids: [record.id], to: outsider.id })).reassigned,
    ).toBe(1);
  });
});
