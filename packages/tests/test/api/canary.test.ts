import type { VeilRecord } from '@veil/policy';
import { appRouter, DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, cookieOf, failure, type Harness, seenBy, startHarness } from './apiHarness.js';

/**
 * For every role, every procedure of the AppRouter is called with valid input from a fixture;
 * no response, error, header, log line or audit entry may hold a canary the role may not read
 * in full. A procedure without a fixture fails the test, so a new one joins by itself.
 */

const T = 'b2b-follow-up';
const ROLES = ['admin', 'manager', 'rep-a', 'rep-b', 'rep-c', 'compliance', 'partner'] as const;
type Login = (typeof ROLES)[number];
const CANARY_OWNERS = ['rep-a', 'rep-b', 'rep-c', 'manager'] as const;
const SALES = new Set<string>(['rep-a', 'rep-b', 'rep-c', 'manager']);

/** Confidential values of the canary record owned by `owner`. */
function canaries(owner: string): string[] {
  const tag = owner.toUpperCase().replace('-', '');
  const n = CANARY_OWNERS.indexOf(owner as (typeof CANARY_OWNERS)[number]) + 1;
  return [
    `CANARY-NAME-${tag}`,
    `1390009900${n}`,
    `canary-${owner}@example.com`,
    `CANARY-NOTE-${tag}`,
    `777777${n}1`,
  ];
}

/** Who reads the canary record's confidential fields in full (DESIGN.md's default policy). */
function readsInFull(login: Login, owner: string): boolean {
  return login === owner || (login === 'manager' && SALES.has(owner));
}

const revealTemplate = {
  id: 'canary-reveal',
  version: 1,
  title: 'Canary reveal',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: 'Canary reveal',
    required: ['ownerId', 'title'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      title: { type: 'string', title: 'Title', 'x-privacy': { level: 'internal' } },
      secret: {
        type: 'string',
        title: 'Secret',
        'x-privacy': {
          level: 'confidential',
          categories: ['contact'],
          purpose: 'contact',
          basis: 'consent',
          mask: 'redact',
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
          access: { rep: { owner: 'full', team: 'reveal', any: 'hidden' } },
        },
      },
    },
  },
};

interface Env {
  h: Harness;
  admin: ApiClient;
  policy: Record<string, unknown>;
  counter: number;
}

type Input = unknown;
interface Fixture {
  /** Whether this role must succeed. */
  ok: (login: Login) => boolean;
  input: (login: Login, env: Env) => Promise<Input> | Input;
  /** Kills the caller's session: run last, then sign in again. */
  endsSession?: boolean;
}

const ADMIN = (l: Login) => l === 'admin';
const AUDITORS = (l: Login) => l === 'admin' || l === 'compliance';
const ANYONE = () => true;
const STAFF = (l: Login) => l !== 'partner';

async function freshRecord(env: Env, login: Login): Promise<VeilRecord> {
  env.counter += 1;
  const now = new Date().toISOString();
  const record: VeilRecord = {
    id: `fresh-${login}-${env.counter}`,
    templateId: T,
    templateVersion: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
    data: { ownerId: `user-${login}`, company: `Fresh ${env.counter}`, stage: 'lead' },
  };
  return env.h.server.store.createRecord({
    record,
    audit: { actor: 'system', action: 'record.create', target: record.id, details: {} },
  });
}

const EXPORT_COLUMNS = [
  '/company',
  '/dealSize',
  '/contacts/*/name',
  '/contacts/*/mobile',
  '/followUps/*/notes',
];

/** A pending export of rep A's, waiting for the manager (written straight to the store). */
async function pendingExport(env: Env): Promise<string> {
  const id = `pending-export-${++env.counter}`;
  const now = new Date();
  await env.h.server.store.putDoc('exports', {
    id,
    templateId: T,
    requestedBy: 'user-rep-a',
    requestedAt: now.toISOString(),
    status: 'pending-approval',
    purpose: 'contact',
    columns: EXPORT_COLUMNS,
    format: 'csv',
    rowCount: 1,
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    meta: {
      templateVersion: 1,
      plan: { columns: [], approvalReasons: ['row-count'] },
      approverIds: ['user-manager'],
      rowIds: ['canary-rep-a'],
      fingerprintKey: '00'.repeat(32),
    },
  });
  return id;
}

/** A share of the role's canary record with its personal fields. */
function shareOf(login: Login) {
  return {
    templateId: T,
    recordIds: [targetRecord(login)],
    fields: ['/company', '/contacts/*/name', '/contacts/*/mobile', '/followUps/*/notes'],
    recipientLabel: 'Canary partner',
    purpose: 'contact',
  };
}

/** A record in the role's scope: its own canary record, else rep-a's. */
function targetRecord(login: Login): string {
  return CANARY_OWNERS.includes(login as (typeof CANARY_OWNERS)[number]) ? `canary-${login}` : 'canary-rep-a';
}

/** A small sheet uploaded by the role (its own client), for the import procedures. */
async function uploadAs(login: Login, env: Env): Promise<string> {
  const client = await env.h.as(login);
  const response = await fetch(`${env.h.server.url}/imports/upload`, {
    method: 'POST',
    headers: { cookie: cookieOf(client), 'x-veil-csrf': '1', 'x-veil-filename': 'canary.csv' },
    body: `公司,手机,阶段\r\nCanary import ${++env.counter},13600000099,lead\r\n`,
  });
  return ((await response.json()) as { uploadId: string }).uploadId;
}

function importSettings(uploadId: string) {
  return {
    uploadId,
    templateId: T,
    mapping: [
      { column: 'A', field: '/company' },
      { column: 'B', field: '/contacts/*/mobile' },
      { column: 'C', field: '/stage' },
    ],
    owner: { kind: 'importer' as const },
  };
}

/** A finished import job of the role's. */
async function importJobOf(login: Login, env: Env): Promise<{ jobId: string }> {
  const client = await env.h.as(login);
  const job = await client.imports.start.mutate(importSettings(await uploadAs(login, env)));
  for (;;) {
    const now = await client.imports.status.query({ jobId: job.id });
    if (now.status !== 'running' && now.status !== 'committing') return { jobId: job.id };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const FIXTURES: Record<string, Fixture> = {
  'auth.login': { ok: ANYONE, input: (login) => ({ username: login, password: DEMO_PASSWORD }) },
  'auth.me': { ok: ANYONE, input: () => undefined },
  'auth.current': { ok: ANYONE, input: () => undefined },
  'auth.sessions': { ok: ANYONE, input: () => undefined },
  'auth.revokeSession': {
    ok: ANYONE,
    endsSession: true,
    input: async (login, env) => {
      const sessions = await env.h.server.store.listDocs('sessions', {
        userId: `user-${login}`,
        revoked: false,
      });
      return { sessionId: sessions.at(-1)!.id };
    },
  },
  'auth.revokeAllSessions': { ok: ANYONE, endsSession: true, input: () => ({}) },
  'auth.logout': { ok: ANYONE, endsSession: true, input: () => undefined },
  'users.list': { ok: ADMIN, input: () => undefined },
  'users.departments': { ok: ADMIN, input: () => undefined },
  'users.create': {
    ok: ADMIN,
    input: (login, env) => ({
      login: `made-by-${login}-${++env.counter}`,
      name: 'Made',
      password: 'a-long-password-1',
      roles: ['rep'],
      departmentId: 'dept-east',
    }),
  },
  'users.setRoles': { ok: ADMIN, input: () => ({ userId: 'user-spare', roles: ['rep'] }) },
  'users.setDepartment': { ok: ADMIN, input: () => ({ userId: 'user-spare', departmentId: 'dept-west' }) },
  'users.createDepartment': { ok: ADMIN, input: (login) => ({ name: `Dept of ${login}`, parentId: null }) },
  'users.deactivate': {
    ok: ADMIN,
    input: async (login, env) => {
      const user = await env.admin.users.create.mutate({
        login: `leaver-${login}-${++env.counter}`,
        name: 'Leaver',
        password: 'a-long-password-1',
        roles: ['rep'],
        departmentId: 'dept-east',
      });
      return { userId: user.id, successorId: 'user-rep-a' };
    },
  },
  'users.successors': { ok: ADMIN, input: () => ({ userId: 'user-rep-c' }) },
  // A wrong current password: refused for everyone (the demo password must keep working here).
  'users.changeOwnPassword': {
    ok: () => false,
    input: () => ({ current: 'not-the-password', next: 'a-new-long-password' }),
  },
  'users.resetPassword': {
    ok: ADMIN,
    input: () => ({ userId: 'user-spare', password: 'a-reset-long-password' }),
  },
  'workspace.get': { ok: ADMIN, input: () => undefined },
  'workspace.update': { ok: ADMIN, input: (_l, env) => ({ policy: env.policy }) },
  'workspace.history': { ok: AUDITORS, input: () => undefined },
  'templates.list': { ok: ANYONE, input: () => undefined },
  'templates.get': { ok: ADMIN, input: () => ({ templateId: T }) },
  'templates.saveDraft': {
    ok: ADMIN,
    input: (login) => ({ template: { ...revealTemplate, id: `draft-${login}` } }),
  },
  'templates.validate': { ok: ADMIN, input: () => ({ templateId: 'canary-draft' }) },
  'templates.preview': { ok: ADMIN, input: () => ({ templateId: T, role: 'rep', relation: 'team' }) },
  'templates.publish': {
    ok: ADMIN,
    input: async (login, env) => {
      await env.admin.templates.saveDraft.mutate({ template: { ...revealTemplate, id: `pub-${login}` } });
      return { templateId: `pub-${login}` };
    },
  },
  'templates.versions': { ok: ADMIN, input: () => ({ templateId: T }) },
  'templates.columns': { ok: ANYONE, input: () => ({ templateId: T }) },
  'templates.processingRecord': { ok: AUDITORS, input: () => ({ templateId: T }) },
  'records.form': { ok: STAFF, input: (login) => ({ templateId: T, id: targetRecord(login) }) },
  'records.create': {
    ok: STAFF,
    input: () => ({
      templateId: T,
      changes: [
        { pointer: '/company', value: 'Created in the canary sweep' },
        { pointer: '/stage', value: 'lead' },
      ],
    }),
  },
  'records.update': {
    ok: (l) => CANARY_OWNERS.includes(l as (typeof CANARY_OWNERS)[number]),
    input: async (login, env) => {
      const id = targetRecord(login);
      const record = await env.h.server.store.getRecord(T, id);
      return {
        templateId: T,
        id,
        version: record!.version,
        changes: [{ pointer: '/stage', value: 'qualified' }],
      };
    },
  },
  'records.get': { ok: STAFF, input: (login) => ({ templateId: T, id: targetRecord(login) }) },
  'records.list': { ok: ANYONE, input: () => ({ templateId: T, limit: 200 }) },
  // The partner gets an answer saying the due list is not available to it (no rows).
  'records.dueToday': { ok: ANYONE, input: () => ({ templateId: T }) },
  'records.history': { ok: STAFF, input: (login) => ({ templateId: T, id: targetRecord(login) }) },
  'records.reveal': {
    ok: (l) => l === 'rep-b',
    input: () => ({
      templateId: 'canary-reveal',
      id: 'reveal-of-rep-a',
      pointer: '/secret',
      reason: 'checking the canary sweep',
    }),
  },
  'records.delete': {
    ok: STAFF,
    input: async (login, env) => {
      const record = await freshRecord(env, login === 'partner' ? 'rep-a' : login);
      return { templateId: T, id: record.id, version: 1 };
    },
  },
  'exports.preview': {
    ok: ANYONE,
    input: () => ({ templateId: T, columns: EXPORT_COLUMNS, purpose: 'contact', format: 'csv' }),
  },
  'exports.request': {
    ok: STAFF,
    input: () => ({ templateId: T, columns: EXPORT_COLUMNS, purpose: 'contact', format: 'csv' }),
  },
  'exports.options': { ok: ANYONE, input: () => undefined },
  'exports.mine': { ok: ANYONE, input: () => undefined },
  'exports.inbox': { ok: ANYONE, input: () => undefined },
  'exports.approve': {
    ok: (l) => l === 'manager',
    input: async (_login, env) => ({ exportId: await pendingExport(env) }),
  },
  'exports.deny': {
    ok: (l) => l === 'manager',
    input: async (_login, env) => ({ exportId: await pendingExport(env), reason: 'not in the canary sweep' }),
  },
  'exports.trace': { ok: AUDITORS, input: () => ({ text: 'a\tb\nc\td' }) },
  // The demo template shows nothing to an external recipient: every share of it is refused.
  'shares.preview': { ok: () => false, input: (login) => shareOf(login) },
  'shares.create': { ok: () => false, input: (login) => shareOf(login) },
  'shares.copyText': { ok: () => false, input: (login) => shareOf(login) },
  'shares.mine': { ok: ANYONE, input: () => undefined },
  'shares.revoke': {
    ok: ANYONE,
    input: async (login, env) => {
      const id = `share-of-${login}-${++env.counter}`;
      const now = new Date();
      await env.h.server.store.putDoc('shareLinks', {
        id,
        createdBy: `user-${login}`,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
        revoked: false,
        templateId: T,
        recordIds: [targetRecord(login)],
        columns: ['/company'],
        meta: {
          recipientLabel: 'Canary partner',
          purpose: 'contact',
          oneTime: false,
          maskPii: true,
          opens: 0,
        },
      });
      return { shareId: id };
    },
  },
  'audit.list': { ok: AUDITORS, input: () => ({ limit: 500 }) },
  'audit.verify': { ok: AUDITORS, input: () => ({}) },
  'audit.export': { ok: AUDITORS, input: () => ({ fromSeq: 1 }) },
  'audit.checkpoint': { ok: AUDITORS, input: () => undefined },
  'imports.preview': {
    ok: ANYONE,
    input: async (login, env) => ({ uploadId: await uploadAs(login, env), templateId: T }),
  },
  'imports.dryRun': { ok: ANYONE, input: async (login, env) => importSettings(await uploadAs(login, env)) },
  'imports.start': { ok: ANYONE, input: async (login, env) => importSettings(await uploadAs(login, env)) },
  'imports.status': { ok: ANYONE, input: (login, env) => importJobOf(login, env) },
  'imports.cancel': { ok: ANYONE, input: (login, env) => importJobOf(login, env) },
};

let env: Env;

beforeAll(async () => {
  const h = await startHarness({ seed: { customers: 7 } });
  const admin = await h.as('admin');
  const now = new Date().toISOString();
  for (const owner of CANARY_OWNERS) {
    const [name, mobile, email, note, deal] = canaries(owner);
    await h.server.store.createRecord({
      record: {
        id: `canary-${owner}`,
        templateId: T,
        templateVersion: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
        data: {
          ownerId: `user-${owner}`,
          company: `Canary company of ${owner}`,
          stage: 'lead',
          nextContactAt: now.slice(0, 10),
          dealSize: Number(deal),
          contacts: [{ _id: `cc-${owner}`, name, mobile, email }],
          followUps: [{ _id: `cf-${owner}`, at: now.slice(0, 10), channel: 'phone', notes: note }],
        },
      },
      audit: { actor: 'system', action: 'record.create', target: `canary-${owner}`, details: {} },
    });
  }
  await admin.users.create.mutate({
    login: 'spare',
    name: 'Spare',
    password: 'a-long-password-1',
    roles: ['rep'],
    departmentId: 'dept-east',
  });
  await h.server.store.putDoc('users', {
    ...(await h.server.store.getDoc(
      'users',
      (
        await h.server.store.listDocs('users', { login: 'spare' })
      )[0]!.id,
    ))!,
    id: 'user-spare',
  });
  await admin.templates.saveDraft.mutate({ template: revealTemplate });
  await admin.templates.publish.mutate({ templateId: 'canary-reveal' });
  await admin.templates.saveDraft.mutate({ template: { ...revealTemplate, id: 'canary-draft' } });
  await h.server.store.createRecord({
    record: {
      id: 'reveal-of-rep-a',
      templateId: 'canary-reveal',
      templateVersion: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
      data: { ownerId: 'user-rep-a', title: 'reveal', secret: 'not a canary' },
    },
    audit: { actor: 'system', action: 'record.create', target: 'reveal-of-rep-a', details: {} },
  });
  const { version: _v, ...policy } = await admin.workspace.get.query();
  env = { h, admin, policy, counter: 0 };
});

afterAll(async () => {
  await env?.h.close();
});

type Caller = Record<
  string,
  Record<string, Record<'query' | 'mutate', (input: unknown) => Promise<unknown>>>
>;

describe('canary sweep', () => {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
  );

  it('has a fixture for every procedure of the AppRouter', () => {
    const missing = procedures.map(([path]) => path).filter((path) => !(path in FIXTURES));
    expect(missing).toEqual([]);
    expect(procedures.length).toBeGreaterThan(30);
  });

  for (const login of ROLES) {
    it(`leaks no canary to ${login}`, async () => {
      // Earlier sweeps revoke their own sessions (the admin's included): sign the helper in again.
      env.admin = await env.h.as('admin');
      let client = await env.h.as(login);
      const clients = [client];
      const errors: string[] = [];
      const ordered = [...procedures].sort(
        ([a], [b]) => Number(FIXTURES[a]?.endsSession ?? false) - Number(FIXTURES[b]?.endsSession ?? false),
      );
      const unexpected: string[] = [];
      for (const [path, procedure] of ordered) {
        const fixture = FIXTURES[path];
        if (!fixture) continue;
        const [area, name] = path.split('.') as [string, string];
        const input = await fixture.input(login, env);
        const call = (client as unknown as Caller)[area]![name]![
          procedure._def.type === 'query' ? 'query' : 'mutate'
        ](input);
        try {
          await call;
          if (!fixture.ok(login)) unexpected.push(`${path} succeeded`);
        } catch {
          const error = await failure(call);
          errors.push(JSON.stringify(error));
          if (fixture.ok(login)) unexpected.push(`${path} failed: ${error.code} ${error.message}`);
        }
        if (fixture.endsSession) {
          client = await env.h.as(login);
          clients.push(client);
        }
      }
      expect(unexpected).toEqual([]);

      const forbidden = CANARY_OWNERS.filter((owner) => !readsInFull(login, owner)).flatMap(canaries);
      const everyCanary = CANARY_OWNERS.flatMap(canaries);
      const received = [...clients.flatMap(seenBy), ...errors].join('\n');
      for (const canary of forbidden) expect(received, `${login} received ${canary}`).not.toContain(canary);
      // No log line and no audit entry holds any canary, whoever caused it.
      const logs = env.h.logs.join('\n');
      for (const canary of everyCanary) expect(logs).not.toContain(canary);
      const audit: string[] = [];
      for await (const entry of env.h.server.store.exportAudit()) audit.push(JSON.stringify(entry));
      for (const canary of everyCanary) expect(audit.join('\n')).not.toContain(canary);
      // The sweep must have seen something: the role's own canaries when it has any.
      if (CANARY_OWNERS.includes(login as (typeof CANARY_OWNERS)[number]))
        expect(received).toContain(canaries(login)[0]!);
    });
  }
});
