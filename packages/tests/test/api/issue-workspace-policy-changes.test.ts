import type { WorkspacePolicy } from '@veil/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Regression: `workspace.update` accepted any change without confirmation, kept no earlier
 * version and audited only the new version number, so an admin could let reps read colleagues'
 * phones in full and nobody could see afterwards what changed. Now a weakening needs a
 * confirmation, every version is kept and diffed, the audit entry lists paths and old/new levels,
 * compliance reads the history, and a change that breaks a template, removes a role in use or
 * leaves nobody able to manage the workspace is refused.
 */

let h: Harness;
let admin: ApiClient;
let compliance: ApiClient;
let rep: ApiClient;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 4 } });
  [admin, compliance, rep] = await Promise.all([h.as('admin'), h.as('compliance'), h.as('rep-a')]);
});
afterAll(async () => {
  await h?.close();
});

type Editable = Omit<WorkspacePolicy, 'version'>;
async function editable(): Promise<Editable> {
  const { version: _version, ...rest } = await admin.workspace.get.query();
  return structuredClone(rest);
}

describe('a workspace policy change that weakens privacy', () => {
  it('is refused without confirmation, naming the weakening, and changes nothing', async () => {
    const before = await admin.workspace.get.query();
    const next = await editable();
    next.levelDefaults.confidential.access.rep = 'full';
    const refused = await failure(admin.workspace.update.mutate({ policy: next }));
    expect(refused.veilCode).toBe('confirmation-required');
    expect(refused.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/levelDefaults/confidential/access', code: 'access-widened' }),
      ]),
    );
    expect((await admin.workspace.get.query()).version).toBe(before.version);
    expect((await h.server.store.listAudit({ action: 'workspace.update' })).entries).toHaveLength(1); // the seed's
  });

  it('with confirmation is kept, diffed and audited with old and new levels; compliance reads the history', async () => {
    const before = await admin.workspace.get.query();
    const next = await editable();
    next.levelDefaults.confidential.access.rep = 'full';
    const saved = await admin.workspace.update.mutate({ policy: next, confirm: true });
    expect(saved.version).toBe(before.version + 1);
    expect(saved.diff.weakensPrivacy).toBe(true);

    const { entries } = await h.server.store.listAudit({ action: 'workspace.update' });
    const entry = entries.find((e) => e.details.version === saved.version)!;
    expect(entry.actor).toBe('user-admin');
    expect(entry.details).toMatchObject({
      version: saved.version,
      previousVersion: before.version,
      weakensPrivacy: true,
      confirmed: true,
      changes: expect.arrayContaining([
        {
          path: '/levelDefaults/confidential/access',
          kind: 'access-widened',
          privacy: 'weakens',
          role: 'rep',
          relation: 'team',
          from: 'masked',
          to: 'full',
        },
      ]),
    });

    const history = await compliance.workspace.history.query();
    expect(history.map((v) => v.version)).toEqual([saved.version, before.version]);
    expect(history[0]!.diff?.changes).toEqual(saved.diff.changes);
    expect(history[1]!.policy.levelDefaults.confidential.access.rep).toBeUndefined();
    expect((await failure(rep.workspace.history.query())).code).toBe('FORBIDDEN');
  });
});

describe('a workspace policy change that would leave the workspace broken', () => {
  it('is refused when a role users hold is removed, naming the role', async () => {
    const next = await editable();
    next.roles = next.roles.filter((r) => r.id !== 'partner');
    const refused = await failure(admin.workspace.update.mutate({ policy: next, confirm: true }));
    expect(refused.issues).toEqual([
      expect.objectContaining({ path: '/roles/partner', code: 'role-in-use' }),
    ]);
    expect(refused.message).toContain('Partner');
  });

  it('is refused when nobody could manage the workspace any more', async () => {
    const next = await editable();
    next.capabilities = {
      ...next.capabilities,
      'workspace.manage': ['compliance-officer-that-does-not-exist'],
    };
    const refused = await failure(admin.workspace.update.mutate({ policy: next, confirm: true }));
    expect(refused.issues.map((i) => i.code)).toEqual(['no-workspace-manager']);
  });

  it('is refused when a published template would no longer parse, naming the template', async () => {
    const next = await editable();
    next.purposes = next.purposes.filter((p) => p.id !== 'contact');
    const refused = await failure(admin.workspace.update.mutate({ policy: next, confirm: true }));
    expect(refused.issues.some((i) => i.code === 'template-broken')).toBe(true);
    const versions = await compliance.workspace.history.query();
    expect(versions).toHaveLength(2); // nothing saved by the refusals
  });
});
