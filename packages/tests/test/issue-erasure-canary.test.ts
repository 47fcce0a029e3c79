import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LowdbStore } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seenResponses, startHarness } from './api/apiHarness.js';
import { person, seedMembers } from './subjectFixtures.js';

/**
 * Issue 16: after an erasure, nothing of the erased person's values is left in any response,
 * the data folder, a backup made afterwards, the audit log or the application log.
 */
const CONTACT = {
  name: 'CANARY-CONTACT-ERASED-NAME',
  mobile: '13900066601',
  email: 'canary-contact-erased@example.com',
};
const MEMBER = person(1);
const CANARIES = [...Object.values(MEMBER), ...Object.values(CONTACT)];

let h: Harness;

async function filesUnder(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) parts.push((await readFile(join(entry.parentPath, entry.name))).toString('utf8'));
  return parts.join('\n');
}

function expectNoCanary(where: string, text: string): void {
  for (const canary of CANARIES) {
    expect(text.includes(canary), `${canary} in ${where}`).toBe(false);
    expect(text.includes(Buffer.from(canary).toString('base64')), `${canary} (base64) in ${where}`).toBe(
      false,
    );
  }
}

async function auditText(): Promise<string> {
  const lines: string[] = [];
  for await (const entry of h.server.store.exportAudit()) lines.push(JSON.stringify(entry));
  return lines.join('\n');
}

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 5 } });
  await seedMembers(h, 2);
  const now = new Date().toISOString();
  await h.server.store.createRecord({
    record: {
      id: 'company-with-erased-contact',
      templateId: 'b2b-follow-up',
      templateVersion: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
      data: {
        ownerId: 'user-rep-a',
        company: 'Company keeping its other contact',
        stage: 'lead',
        contacts: [
          { _id: 'c-erased', ...CONTACT },
          { _id: 'c-kept', name: 'Kept Contact', mobile: '13900066602' },
        ],
      },
    },
    audit: { actor: 'system', action: 'record.create', target: 'company-with-erased-contact', details: {} },
  });
});
afterAll(async () => {
  await h?.close();
});

describe('erasure canary', () => {
  it('leaves no trace of the erased values anywhere', async () => {
    const rep = await h.as('rep-a');
    const manager = await h.as('manager');
    const compliance = await h.as('compliance');
    // The values travel and are stored before: reads, an edit (a version), a reveal-free history.
    const member = await rep.records.get.query({ templateId: 'member-intake', id: 'member-1' });
    expect(JSON.stringify(member)).toContain(MEMBER.fullName);
    const stored = await h.server.store.getRecord('member-intake', 'member-1');
    await rep.records.update.mutate({
      templateId: 'member-intake',
      id: 'member-1',
      version: stored!.version,
      changes: [{ pointer: '/remark', value: `${MEMBER.remark}-edited` }],
    });
    await manager.records.list.query({ templateId: 'b2b-follow-up', limit: 100 });
    await rep.records.history.query({ templateId: 'b2b-follow-up', id: 'company-with-erased-contact' });
    await compliance.subjects.report.mutate({ value: MEMBER.email });
    // The scan does see the values before the erasure (so it would see them after).
    expect(await filesUnder(h.dataDir)).toContain(MEMBER.remark);
    expect(await filesUnder(h.dataDir)).toContain(CONTACT.name);

    await compliance.subjects.erase.mutate({ value: MEMBER.email, identityCheck: 'id-document' });
    await compliance.subjects.erase.mutate({ value: CONTACT.mobile, identityCheck: 'signed-request' });
    const after = seenResponses.length;

    // Every role asks again for everything that held the values.
    for (const login of ['admin', 'manager', 'rep-a', 'rep-b', 'compliance', 'partner']) {
      const client = await h.as(login);
      for (const call of [
        () => client.records.list.query({ templateId: 'member-intake', limit: 100 }),
        () => client.records.list.query({ templateId: 'b2b-follow-up', limit: 100 }),
        () => client.records.get.query({ templateId: 'member-intake', id: 'member-1' }),
        () => client.records.get.query({ templateId: 'b2b-follow-up', id: 'company-with-erased-contact' }),
        () => client.records.history.query({ templateId: 'member-intake', id: 'member-1' }),
        () =>
          client.records.history.query({ templateId: 'b2b-follow-up', id: 'company-with-erased-contact' }),
        () => client.audit.list.query({ limit: 500 }),
        () => client.subjects.search.mutate({ value: MEMBER.mobile }),
        () => client.subjects.report.mutate({ value: CONTACT.email }),
      ])
        await call().catch(() => undefined);
    }
    const responses = seenResponses.slice(after);
    expect(responses.length).toBeGreaterThan(30);
    expectNoCanary('a response', responses.map((r) => `${r.headers}\n${r.body}`).join('\n'));
    // The company record is still there, with its other contact.
    expect(responses.some((r) => r.body.includes('Kept Contact'))).toBe(true);

    expectNoCanary('the data folder', await filesUnder(h.dataDir));
    const backup = `${h.dataDir}-after-erasure.json`;
    await (h.server.store as LowdbStore).exportBackup(backup);
    const backupText = (await readFile(backup)).toString('utf8');
    expect(backupText).toContain('Kept Contact');
    expectNoCanary('a backup made afterwards', backupText);
    expectNoCanary('the audit log', await auditText());
    expectNoCanary('the application log', h.logs.join('\n'));
    expect((await auditText()).match(/"subject\.erase"/g)).toHaveLength(2);
  });
});
