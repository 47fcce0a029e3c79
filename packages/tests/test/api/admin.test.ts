import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

let h: Harness;
let admin: ApiClient;
const T = 'b2b-follow-up';

/** A small template whose `secret` is revealable by a colleague on the team. */
const revealTemplate = {
  id: 'reveal-test',
  version: 1,
  title: '揭示测试',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: '揭示测试',
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

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 14 } });
  admin = await h.as('admin');
});
afterAll(async () => {
  await h?.close();
});

async function audited(action: string, target?: string) {
  const page = await h.server.store.listAudit({ action, ...(target ? { target } : {}), limit: 500 });
  return [...page.entries].sort((a, b) => a.seq - b.seq);
}

describe('users', () => {
  it('admins manage users and departments; others may not', async () => {
    const rep = await h.as('rep-a');
    expect((await failure(rep.users.list.query())).code).toBe('FORBIDDEN');
    const dept = await admin.users.createDepartment.mutate({ name: 'North', parentId: 'dept-sales' });
    const user = await admin.users.create.mutate({
      login: 'rep-d',
      name: 'Rep D',
      password: 'a-long-password-1',
      roles: ['rep'],
      departmentId: dept.id,
    });
    expect(JSON.stringify(user)).not.toContain('scrypt');
    await admin.users.setRoles.mutate({ userId: user.id, roles: ['rep', 'manager'] });
    await admin.users.setDepartment.mutate({
      userId: user.id,
      departmentId: 'dept-east',
      managedDepartmentIds: [],
    });
    const users = await admin.users.list.query();
    expect(users.find((u) => u.id === user.id)?.roles).toEqual(['rep', 'manager']);
    expect((await admin.users.departments.query()).map((d) => d.name)).toContain('North');
    expect((await audited('user.set-roles', user.id)).length).toBe(1);
    expect(JSON.stringify(await audited('user.create', user.id))).not.toContain('a-long-password-1');
  });

  it("deactivating kills the leaver's sessions at once and hands every customer to the successor", async () => {
    const leaver = await h.as('rep-c');
    expect((await leaver.auth.me.query()).login).toBe('rep-c');
    const before = await h.server.store.queryRecords(T, {
      scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
      limit: 1000,
    });
    expect(before.total).toBeGreaterThan(0);
    const result = await admin.users.deactivate.mutate({ userId: 'user-rep-c', successorId: 'user-rep-a' });
    expect(result.reassigned).toBe(before.total);
    expect((await failure(leaver.auth.me.query())).code).toBe('UNAUTHORIZED');
    expect((await failure(h.as('rep-c'))).code).toBe('UNAUTHORIZED');
    const after = await h.server.store.queryRecords(T, {
      scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
      limit: 1000,
    });
    expect(after.total).toBe(0);
    const repA = await h.as('rep-a');
    const handed = await repA.records.get.query({ templateId: T, id: before.records[0]!.id });
    expect(handed.relation).toBe('owner');
    const entry = (await audited('user.deactivate', 'user-rep-c'))[0]!;
    expect(entry.details).toMatchObject({ successor: 'user-rep-a', reassigned: before.total });
  });
});

describe('workspace', () => {
  it('admins read and change the policy; templates are sanitized again', async () => {
    const policy = await admin.workspace.get.query();
    const { version: _v, ...rest } = policy;
    const next = await admin.workspace.update.mutate({ policy: { ...rest, exportApprovalRows: 50 } });
    expect(next.version).toBe(policy.version + 1);
    // A lower approval threshold strengthens privacy: saved without a confirmation.
    expect(next.diff.weakensPrivacy).toBe(false);
    expect(next.diff.changes.map((c) => c.kind)).toEqual(['approval-threshold-lowered']);
    expect((await admin.workspace.get.query()).exportApprovalRows).toBe(50);
    const manager = await h.as('manager');
    expect((await failure(manager.workspace.update.mutate({ policy: rest }))).code).toBe('FORBIDDEN');
    expect((await audited('workspace.update')).at(-1)?.actor).toBe('user-admin');
  });
});

describe('templates', () => {
  it('drafts, validates, previews, publishes with diff and confirmation; a non-admin may not publish', async () => {
    await admin.templates.saveDraft.mutate({ template: revealTemplate });
    const validation = await admin.templates.validate.query({ templateId: 'reveal-test' });
    expect(validation.parseErrors).toEqual([]);
    const preview = await admin.templates.preview.query({
      templateId: 'reveal-test',
      role: 'rep',
      relation: 'any',
      locale: 'en',
    });
    expect(JSON.stringify(preview.schema)).not.toContain('"secret"');
    const rep = await h.as('rep-a');
    expect((await failure(rep.templates.publish.mutate({ templateId: 'reveal-test' }))).code).toBe(
      'FORBIDDEN',
    );
    const first = await admin.templates.publish.mutate({ templateId: 'reveal-test' });
    expect(first.version).toBe(1);
    expect((await audited('template.publish', 'reveal-test')).length).toBe(1);

    // Weakening privacy needs an explicit confirmation.
    const weaker = structuredClone(revealTemplate);
    weaker.schema.properties.secret['x-privacy'].access.rep = { owner: 'full', team: 'full', any: 'hidden' };
    await admin.templates.saveDraft.mutate({ template: weaker });
    const refused = await failure(admin.templates.publish.mutate({ templateId: 'reveal-test' }));
    expect(refused.veilCode).toBe('confirmation-required');
    expect(refused.issues.map((i) => i.path)).toContain('/secret');
    const second = await admin.templates.publish.mutate({ templateId: 'reveal-test', confirm: true });
    expect(second.version).toBe(2);
    expect(second.diff?.weakensPrivacy).toBe(true);
    expect(
      (await admin.templates.versions.query({ templateId: 'reveal-test' })).map((v) => v.version),
    ).toEqual([1, 2]);

    // Restore the reveal level for the reveal test below.
    await admin.templates.saveDraft.mutate({ template: revealTemplate });
    await admin.templates.publish.mutate({ templateId: 'reveal-test', confirm: true });
  });

  it('refuses to publish while lint has an error', async () => {
    const bad = structuredClone(revealTemplate);
    bad.id = 'lint-bad';
    // A confidential field without a purpose is a lint error.
    const { purpose: _p, ...noPurpose } = bad.schema.properties.secret['x-privacy'];
    (bad.schema.properties.secret as Record<string, unknown>)['x-privacy'] = noPurpose;
    await admin.templates.saveDraft.mutate({ template: bad });
    const error = await failure(admin.templates.publish.mutate({ templateId: 'lint-bad' }));
    expect(error.veilCode).toBe('lint-errors');
    expect((await admin.templates.list.query()).published.map((t) => t.id)).not.toContain('lint-bad');
  });

  it('lists templates, reads one, and gives the processing record to compliance but not reps', async () => {
    const list = await admin.templates.list.query();
    expect(list.published.map((t) => t.id)).toContain(T);
    const got = await admin.templates.get.query({ templateId: T });
    expect(got.template.id).toBe(T);
    const compliance = await h.as('compliance');
    const processing = await compliance.templates.processingRecord.query({ templateId: T, locale: 'en' });
    expect(processing.markdown.length).toBeGreaterThan(100);
    const rep = await h.as('rep-a');
    expect((await failure(rep.templates.processingRecord.query({ templateId: T }))).code).toBe('FORBIDDEN');
    const form = await rep.records.form.query({ templateId: T });
    expect(form.schema.type).toBe('object');
    expect(form.templateVersion).toBe(1);
  });
});

describe('reveal', () => {
  it('a colleague reveals with a reason: the reason is kept as a note, the entry holds its id, the value then shows', async () => {
    const repA = await h.as('rep-a');
    const repB = await h.as('rep-b');
    const created = await repA.records.create.mutate({
      templateId: 'reveal-test',
      changes: [
        { pointer: '/title', value: 'Reveal me' },
        { pointer: '/secret', value: 'SECRET-REVEAL-VALUE' },
      ],
    });
    const id = created.record!.id;
    const before = await repB.records.get.query({ templateId: 'reveal-test', id });
    expect(before.revealable).toContain('/secret');
    expect(JSON.stringify(before)).not.toContain('SECRET-REVEAL-VALUE');
    const shortReason = await failure(
      repB.records.reveal.mutate({ templateId: 'reveal-test', id, pointer: '/secret', reason: 'x' }),
    );
    expect(shortReason.code).toBe('BAD_REQUEST');
    const reason = 'Customer called back and asked for this';
    const revealed = await repB.records.reveal.mutate({
      templateId: 'reveal-test',
      id,
      pointer: '/secret',
      reason,
    });
    expect(revealed.record?.data.secret).toBe('SECRET-REVEAL-VALUE');
    const after = await repB.records.get.query({ templateId: 'reveal-test', id });
    expect(after.data.secret).toBe('SECRET-REVEAL-VALUE');
    const entry = (await audited('record.reveal', id))[0]!;
    const text = JSON.stringify(entry);
    expect(text).not.toContain('SECRET-REVEAL-VALUE');
    expect(text).not.toContain(reason);
    const reasonId = (entry.details as { reveal?: { reasonId?: string } }).reveal?.reasonId;
    expect(reasonId).toBeTruthy();
    expect(await h.server.store.getNote(reasonId!)).toBe(reason);
    // rep-c was deactivated above; the manager of the whole tree reads it in full (no reveal needed).
    const repAAgain = await repA.records.get.query({ templateId: 'reveal-test', id });
    expect(repAAgain.data.secret).toBe('SECRET-REVEAL-VALUE');
  });
});

describe('audit', () => {
  it('compliance lists with filters, verifies, exports a range and a checkpoint; reps may not', async () => {
    const compliance = await h.as('compliance');
    const page = await compliance.audit.list.query({ action: 'auth.login', limit: 5 });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.action === 'auth.login')).toBe(true);
    const byActor = await compliance.audit.list.query({ actor: 'user-admin', limit: 500 });
    expect(byActor.entries.every((e) => e.actor === 'user-admin')).toBe(true);
    const byRecord = await compliance.audit.list.query({ record: 'demo-001', limit: 500 });
    expect(byRecord.entries.every((e) => e.target === 'demo-001')).toBe(true);
    const verified = await compliance.audit.verify.query();
    expect(verified.ok).toBe(true);
    const checkpoint = await compliance.audit.checkpoint.mutate();
    expect(checkpoint.signature.length).toBeGreaterThan(10);
    const withCheckpoint = await compliance.audit.verify.query({ checkpoints: [checkpoint] });
    expect(withCheckpoint.ok).toBe(true);
    const exported = await compliance.audit.export.mutate({ fromSeq: 1, toSeq: 5 });
    expect(exported.count).toBe(5);
    const rep = await h.as('rep-a');
    expect((await failure(rep.audit.list.query())).code).toBe('FORBIDDEN');
  });
});
