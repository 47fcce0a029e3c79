import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, makeClient, startHarness } from './apiHarness.js';

let h: Harness;
let admin: ApiClient;

/** Who may own customers is the workspace's `records.create` grant; narrowed here as DESIGN.md's example. */
const CREATORS = ['admin', 'manager', 'rep'];

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 12 } });
  admin = await h.as('admin');
  const { version: _version, ...policy } = await admin.workspace.get.query();
  await admin.workspace.update.mutate({
    policy: { ...policy, capabilities: { ...policy.capabilities, 'records.create': CREATORS } },
    confirm: true,
  });
});
afterAll(async () => {
  await h?.close();
});

async function newRep(login: string): Promise<string> {
  const user = await admin.users.create.mutate({
    login,
    name: login,
    password: 'first-long-password',
    roles: ['rep'],
    departmentId: 'dept-east',
  });
  return user.id;
}

async function signIn(login: string, password: string): Promise<ApiClient> {
  const client = makeClient(h.server.url);
  await client.auth.login.mutate({ username: login, password });
  return client;
}

async function auditActions(target: string): Promise<string[]> {
  const actions: string[] = [];
  for await (const entry of h.server.store.exportAudit())
    if (entry.target === target) actions.push(entry.action);
  return actions;
}

describe('issue: successors are people who may own customers', () => {
  it('follows the grant: under the default grant to everyone, the partner may own customers too', async () => {
    const { version: _version, ...policy } = await admin.workspace.get.query();
    await admin.workspace.update.mutate({
      policy: { ...policy, capabilities: { ...policy.capabilities, 'records.create': ['*'] } },
      confirm: true,
    });
    const offered = (await admin.users.successors.query({ userId: 'user-rep-c' })).map((u) => u.id);
    expect(offered).toContain('user-partner');
    const { version: _v, ...wide } = await admin.workspace.get.query();
    await admin.workspace.update.mutate({
      policy: { ...wide, capabilities: { ...wide.capabilities, 'records.create': CREATORS } },
      confirm: true,
    });
  });

  it('offers only active people who may own customers, never the leaver, the partner or compliance', async () => {
    const offered = (await admin.users.successors.query({ userId: 'user-rep-c' })).map((u) => u.id);
    expect(offered).toContain('user-rep-a');
    expect(offered).toContain('user-manager');
    expect(offered).not.toContain('user-rep-c');
    expect(offered).not.toContain('user-partner');
    expect(offered).not.toContain('user-compliance');
  });

  it('refuses a successor who may not own customers and changes nothing', async () => {
    const leaver = await newRep('leaver-one');
    const refused = await failure(
      admin.users.deactivate.mutate({ userId: leaver, successorId: 'user-partner' }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/may own customers/);
    const still = (await admin.users.list.query()).find((u) => u.id === leaver);
    expect(still?.active).toBe(true);
    const compliance = await failure(
      admin.users.deactivate.mutate({ userId: leaver, successorId: 'user-compliance' }),
    );
    expect(compliance.code).toBe('BAD_REQUEST');
  });
});

describe('issue: passwords', () => {
  it('a user changes their own password: the old one stops working, other sessions end, audited', async () => {
    await newRep('pw-self');
    const here = await signIn('pw-self', 'first-long-password');
    const elsewhere = await signIn('pw-self', 'first-long-password');
    const wrong = await failure(
      here.users.changeOwnPassword.mutate({ current: 'not-it-at-all', next: 'second-long-password' }),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    const done = await here.users.changeOwnPassword.mutate({
      current: 'first-long-password',
      next: 'second-long-password',
    });
    expect(done.sessionsRevoked).toBe(1);
    expect((await here.auth.me.query()).login).toBe('pw-self');
    expect((await failure(elsewhere.auth.me.query())).code).toBe('UNAUTHORIZED');
    expect((await failure(signIn('pw-self', 'first-long-password'))).code).toBe('UNAUTHORIZED');
    await signIn('pw-self', 'second-long-password');
    const me = await here.auth.me.query();
    expect(await auditActions(me.id)).toContain('user.change-password');
  });

  it('an admin resets a password: every session of that user ends, audited; others may not', async () => {
    const id = await newRep('pw-reset');
    const session = await signIn('pw-reset', 'first-long-password');
    const rep = await h.as('rep-a');
    expect(
      (await failure(rep.users.resetPassword.mutate({ userId: id, password: 'sneaky-long-password' }))).code,
    ).toBe('FORBIDDEN');
    const done = await admin.users.resetPassword.mutate({ userId: id, password: 'reset-long-password' });
    expect(done.sessionsRevoked).toBe(1);
    expect((await failure(session.auth.me.query())).code).toBe('UNAUTHORIZED');
    await signIn('pw-reset', 'reset-long-password');
    expect(await auditActions(id)).toContain('user.reset-password');
    const entries: string[] = [];
    for await (const entry of h.server.store.exportAudit()) entries.push(JSON.stringify(entry));
    expect(entries.join('\n')).not.toContain('reset-long-password');
  });
});

describe('issue: a fresh page load', () => {
  it('asks who is signed in without a 401: null before sign-in, the user after', async () => {
    const anon = h.client();
    expect(await anon.auth.current.query()).toBeNull();
    const rep = await h.as('rep-a');
    expect((await rep.auth.current.query())?.login).toBe('rep-a');
  });
});

describe('issue: demo data in one language', () => {
  it('writes the Chinese demo without English words and the English demo without Chinese', async () => {
    const manager = await h.as('manager');
    const zh = await manager.records.list.query({ templateId: 'b2b-follow-up', limit: 12 });
    const companies = zh.rows.map((r) => String(r.data.company));
    expect(companies.length).toBeGreaterThan(0);
    for (const company of companies) expect(company).not.toMatch(/[A-Za-z]/);
    const users = (await admin.users.list.query()).filter((u) => u.id.startsWith('user-'));
    for (const user of users.filter((u) => u.login === 'rep-a')) expect(user.name).not.toMatch(/[A-Za-z]/);

    const en = await startHarness({ seed: { customers: 3, locale: 'en' } });
    try {
      const enManager = await en.as('manager');
      const rows = (await enManager.records.list.query({ templateId: 'b2b-follow-up', limit: 3 })).rows;
      for (const row of rows) expect(JSON.stringify(row.data)).not.toMatch(/[\u4e00-\u9fff]/);
      const departments = await (await en.as('admin')).users.departments.query();
      for (const d of departments) expect(d.name).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await en.close();
    }
  });
});
