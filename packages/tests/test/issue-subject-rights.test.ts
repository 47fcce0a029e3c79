import type { LowdbStore } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './api/apiHarness.js';
import { person, seedMembers } from './subjectFixtures.js';

/**
 * Issue 16: data-subject requests behind `subjects.manage` — search by a whole value through the
 * blind indexes (a part refused), the access report, erasure that reaches backups, legal holds.
 */
let h: Harness;
let compliance: ApiClient;
let rep: ApiClient;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 6 } });
  await seedMembers(h, 4);
  compliance = await h.as('compliance');
  rep = await h.as('rep-a');
});
afterAll(async () => {
  await h?.close();
});

describe('subject search', () => {
  it('finds a person by a whole mobile, e-mail or ID number, written any usual way', async () => {
    const p = person(1);
    for (const value of [
      p.mobile,
      `+86 ${p.mobile.slice(0, 3)}-${p.mobile.slice(3)}`,
      p.email.toUpperCase(),
      p.idNumber,
    ]) {
      const { hits } = await compliance.subjects.search.mutate({ value });
      expect(hits.map((hit) => hit.recordId)).toEqual(['member-1']);
    }
  });

  it('finds a contact inside a company record, naming the item', async () => {
    const b2b = (await h.server.store.queryRecords('b2b-follow-up', { limit: 1 })).records[0]!;
    const contact = (b2b.data.contacts as { _id: string; mobile?: string }[]).find((c) => c.mobile)!;
    const { hits } = await compliance.subjects.search.mutate({ value: contact.mobile! });
    const hit = hits.find((x) => x.recordId === b2b.id)!;
    expect(hit.itemsPath).toBe('/contacts');
    expect(hit.items).toContain(contact._id);
  });

  it('refuses a partial number with a clear message, and finds nothing by it', async () => {
    const refused = await failure(compliance.subjects.search.mutate({ value: person(1).mobile.slice(0, 7) }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('完整');
    expect(refused.message).not.toContain(person(1).mobile.slice(0, 7));
    const partialMail = await failure(compliance.subjects.search.mutate({ value: 'canary-person-1@' }));
    expect(partialMail.code).toBe('BAD_REQUEST');
  });

  it('refuses a rep every subject procedure (capability subjects.manage)', async () => {
    const value = person(2).mobile;
    for (const call of [
      () => rep.subjects.search.mutate({ value }),
      () => rep.subjects.report.mutate({ value }),
      () => rep.subjects.erase.mutate({ value, identityCheck: 'id-document' }),
      () => rep.subjects.hold.mutate({ value, reason: 'a rep trying' }),
      () => rep.subjects.holds.query(),
    ]) {
      const refused = await failure(call());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('subjects.manage');
    }
    expect(await h.server.store.getRecord('member-intake', 'member-2')).toBeDefined();
  });
});

describe('access report', () => {
  it('lists the fields held, their purposes and retention, and who read them — no values', async () => {
    await rep.records.get.query({ templateId: 'member-intake', id: 'member-3' });
    const report = await compliance.subjects.report.mutate({ value: person(3).email });
    expect(report.records).toHaveLength(1);
    const [record] = report.records;
    const mobile = record!.fields.find((f) => f.path === '/mobile')!;
    expect(mobile).toMatchObject({ purpose: 'contact', basis: 'contract', categories: ['contact'] });
    expect(mobile.retention).toMatchObject({ days: 730, action: 'delete' });
    expect(record!.reads.some((read) => read.actor === 'user-rep-a')).toBe(true);
    const text = JSON.stringify(report);
    for (const value of Object.values(person(3))) expect(text).not.toContain(value);
    const requests = await h.server.store.listDocs('subjectRequests', { kind: 'access' });
    expect(requests.some((r) => r.id === report.requestId && r.status === 'done')).toBe(true);
  });
});

describe('erasure', () => {
  it('erases a person under a legal hold only once the hold is released', async () => {
    const value = person(4).idNumber;
    const hold = await compliance.subjects.hold.mutate({ value, reason: 'pending litigation' });
    expect(hold.records).toBe(1);
    expect((await compliance.subjects.holds.query()).map((x) => x.id)).toContain(hold.id);
    const refused = await failure(compliance.subjects.erase.mutate({ value, identityCheck: 'id-document' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('法律保全');
    expect(await h.server.store.getRecord('member-intake', 'member-4')).toBeDefined();
    await compliance.subjects.releaseHold.mutate({ holdId: hold.id });
    const done = await compliance.subjects.erase.mutate({ value, identityCheck: 'id-document' });
    expect(done.records).toBe(1);
    expect(await h.server.store.getRecord('member-intake', 'member-4')).toBeUndefined();
  });

  it('removes only the person from a company record, with its history', async () => {
    const page = await h.server.store.queryRecords('b2b-follow-up', { limit: 50 });
    const b2b = page.records.find((r) => (r.data.contacts as unknown[]).length >= 2)!;
    const [gone, stays] = b2b.data.contacts as { _id: string; email: string }[];
    const done = await compliance.subjects.erase.mutate({
      value: gone!.email,
      identityCheck: 'signed-request',
    });
    expect(done.items).toBeGreaterThanOrEqual(1);
    const after = await h.server.store.getRecord('b2b-follow-up', b2b.id);
    const ids = (after!.data.contacts as { _id: string }[]).map((c) => c._id);
    expect(ids).not.toContain(gone!._id);
    expect(ids).toContain(stays!._id);
    expect(await h.server.store.listRecordVersions('b2b-follow-up', b2b.id)).toEqual([]);
    expect((await compliance.subjects.search.mutate({ value: gone!.email })).hits).toEqual([]);
  });

  it('reaches backups made before: restored, the erased person does not decrypt, the others do', async () => {
    const store = h.server.store as LowdbStore;
    const backup = `${h.dataDir}-before-erasure.json`;
    await store.exportBackup(backup);
    await compliance.subjects.erase.mutate({ value: person(1).mobile, identityCheck: 'known-contact' });
    expect(await store.getRecord('member-intake', 'member-1')).toBeUndefined();
    await store.importBackup(backup);
    const erased = await store.getRecord('member-intake', 'member-1');
    for (const field of ['mobile', 'email', 'idNumber']) expect(erased?.data[field]).toBeNull();
    const other = await store.getRecord('member-intake', 'member-2');
    expect(other?.data).toMatchObject({ mobile: person(2).mobile, idNumber: person(2).idNumber });
    // Run again on the restored store, the erasure completes (the shell is found by its blind index).
    await compliance.subjects.erase.mutate({ value: person(1).mobile, identityCheck: 'other' });
    expect(await store.getRecord('member-intake', 'member-1')).toBeUndefined();
    expect((await store.getRecord('member-intake', 'member-2'))?.data.mobile).toBe(person(2).mobile);
  });
});
